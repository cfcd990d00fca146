"""Which documents a text cites, and which of them it repeals.

Citations are 发文字号 (and 令号) found anywhere in the text, normalised. A repeal is a
citation in a clause that declares it 废止 / 停止执行 / 自行失效 / 不再执行, or a citation in
a list introduced by such a clause (``下列文件同时废止:``).
"""

from __future__ import annotations

import re

from ..models import Citation
from ..normalize.fold import fold
from ..normalize.sentences import sentences_with
from ..normalize.words import any_word
from ..parse.docnumber import find_doc_numbers
from ..parse.titles import QUOTED_TITLE

REPEAL_WORDS = any_word(("废止", "停止执行", "自行失效", "同时失效", "不再执行", "予以撤销", "宣布失效"))
_SENTENCE = re.compile(r"[^。\n]+[。\n]?")
_CLAUSE = re.compile(r"[^,;，；]+[,;，；]?")


def find_cites(text: str, exclude: str | None = None, folded: str | None = None) -> list[str]:
    """Normalised numbers of the documents ``text`` cites, in order of first appearance."""
    seen: dict[str, None] = {}
    for d in find_doc_numbers(text, folded):
        n = d.normalized
        if n != exclude:
            seen.setdefault(n, None)
    return list(seen)


def find_repeals(text: str, exclude: str | None = None, folded: str | None = None) -> list[str]:
    """Normalised numbers of the documents ``text`` declares repealed or no longer in force."""
    f = fold(text) if folded is None else folded
    if not REPEAL_WORDS.search(f):
        return []
    out: dict[str, None] = {}

    def add(a: int, b: int) -> None:
        for d in find_doc_numbers(text[a:b], f[a:b]):
            if d.normalized != exclude:
                out.setdefault(d.normalized, None)

    list_mode = False
    pos = 0
    for para in f.split("\n"):
        base = pos
        pos += len(para) + 1
        if list_mode and not (_LIST_ROW.match(para) or _NUMBERED_ROW.search(para)):
            list_mode = False
        for sm in _SENTENCE.finditer(para):
            s0 = base + sm.start()
            sentence = sm.group(0)
            if list_mode:
                if not _KEPT_ROW.search(sentence):
                    add(s0, s0 + len(sentence))
                continue
            if not REPEAL_WORDS.search(sentence):
                continue
            clauses = [(s0 + c.start(), c.group(0)) for c in _CLAUSE.finditer(sentence)]
            for idx, (c0, clause) in enumerate(clauses):
                if not REPEAL_WORDS.search(clause):
                    continue
                if clause.rstrip().endswith(":") or _LIST_AFTER_COLON.search(clause):
                    # ``下列文件同时废止:`` — the list follows (on the same line too:
                    # ``以下文件予以废止:1.某政发〔2011〕1号;2.…``).
                    add(c0, c0 + len(clause))
                    for r0, rest in clauses[idx + 1:]:
                        add(r0, r0 + len(rest))
                    list_mode = True
                    continue
                if find_doc_numbers(clause):
                    add(c0, c0 + len(clause))
                elif idx > 0 and re.match(r"^\s*(?:废止|停止执行|自行失效|同时废止|不再执行)", clause):
                    # ``《…》(X〔2020〕1号),同时废止`` : the number sits in the clause before.
                    p0, prev = clauses[idx - 1]
                    add(p0, p0 + len(prev))
        if (para.rstrip().endswith(":") and REPEAL_WORDS.search(para)) or _REPEAL_LIST_HEAD.match(para):
            list_mode = True
    return list(out)


_LIST_AFTER_COLON = re.compile(r"(?:废止|停止执行|自行失效|同时失效|不再执行|予以撤销|宣布失效)[^:。]{0,12}:")
# A row of a list or table of repealed texts (``1.《…》``, ``(2)…``, a table's ``3某某办法 某政发〔2015〕3号``)
# or the table's header row (``序号 文件名称 文号``).
_LIST_ROW = re.compile(r"^(?:\d{1,3}(?:[.、]| ?(?=[\u4e00-\u9fff《]))|[(]\d{1,3}[)]|《|序号|文件名称 |文件标题 )")
# A row without a 序号: a title and its number, no sentence (``某县…的通知 某政发〔2010〕22号``).
_NUMBERED_ROW = re.compile(r"^[^。;]{4,120}[〔\[(]\d{4}[〕\])]\d{1,5}号(?: \S{2,6})?$")
# A row whose status cell keeps the document: ``3 某某办法 某政发〔2015〕3号 继续有效``.
_KEPT_ROW = re.compile(r"(?:继续有效|有效|保留|修改|予以修改|拟修改)\s*$")
# The heading of an attached list: ``决定废止的行政规范性文件目录``.
_REPEAL_LIST_HEAD = re.compile(
    r"^[^。;,:]{0,20}(?:废止|失效|停止执行)[^。;,:]{0,20}(?:目录|清单|名单|文件)(?:\(共?\d{1,4}件\))?$")


# --- citations with their relation ---------------------------------------------------------

# 《…》 that name documents (laws, regulations, notices, plans), not books or record forms.
_DOC_TITLE = re.compile(
    r"(?:法|条例|规定|办法|细则|意见|通知|决定|方案|规划|纲要|计划|标准|规范|规程|指南|目录|清单|批复|函|报告|"
    r"公告|通告|令|决议|准则|制度|章程|要点|请示|通报|纪要|指引|措施|政策|导则|通则|意见稿|规则|守则|名录|大纲|解释|公报)(?:\([^()]*\))?$"
)
_CITATION_MARK = re.compile(r"[《号]")
_CLAUSE_BREAK = re.compile(r"[,:]")
# Verbs before a citation, by relation, nearest one wins.
_BEFORE = re.compile(
    r"(?P<forwards>转发|批转)|(?P<repeals>废止|停止执行|宣布失效)|(?P<amends>修改|修订|修正)"
    r"|(?P<basis>根据|依据|按照|依照|遵照|贯彻落实|贯彻|落实|参照|对照|结合|依|^接到?)"  # ``接…《通知》``: on receipt of
    r"|(?P<replies_to>你(?:们|局|单位|市|县|区|委|厅|办|部|院|公司|镇|乡|校|行|社|队|所|中心))"
)
_AFTER_REPEAL = re.compile(r"^[^,;。]{0,16}?(?:同时)?(?:废止|停止执行|自行失效|不再执行|同时失效|予以撤销)")
_AFTER_AMEND = re.compile(r"^[^,;。]{0,24}?(?:修改为|修订为|作如下修改|予以修改|修正为)")
# (An order's formula puts its meeting between: ``《…》已经2024年7月20日市人民政府第35次常务会议通过，现予公布``.)
_AFTER_IMPLEMENT = re.compile(r"^[^;。]{0,48}?(?:印发给你们|现印发|现予印发|印发你们|现予公布|现予发布)")
_AFTER_FORWARD = re.compile(r"^[^;。]{0,24}?(?:转发给你们|现转发)")
_AFTER_RECEIVED = re.compile(r"^[^;。]{0,30}?收悉")

RELATIONS = ("basis", "implements", "forwards", "replies_to", "repeals", "amends", "cites")


def find_citations(text: str, own_number: str | None = None, doc_type: str | None = None,
                   folded: str | None = None) -> list[Citation]:
    """Each reference of ``text`` to another document, with its relation and sentence.

    A reference is a 《title》 (optionally followed by its number in parentheses) or a bare
    发文字号. The relation is read from the verbs around it in its sentence.
    """
    f = fold(text) if folded is None else folded
    out: list[Citation] = []
    seen: set[tuple] = set()
    for s0, s1 in sentences_with(f, _CITATION_MARK):
        sentence = f[s0:s1]
        evidence = text[s0:s1].strip()
        mentions: list[tuple[int, int, str | None, str | None]] = []  # start, end, title, number
        numbers = find_doc_numbers(text[s0:s1], sentence)
        used_numbers: set[int] = set()
        for qm in QUOTED_TITLE.finditer(sentence):
            title = text[s0 + qm.start(1):s0 + qm.end(1)].replace(" ", "")
            number = None
            end = qm.end()
            if sentence[end:end + 2].lstrip()[:1] == "(":
                # ``《…》(某政发〔2024〕3号)``: the number in the parentheses after the title.
                for k, d in enumerate(numbers):
                    if end < d.start <= end + 3:
                        number = d.normalized
                        close = sentence.find(")", d.end - 1)
                        end = close + 1 if 0 <= close <= d.end + 2 else d.end
                        used_numbers.add(k)
                        break
            if number is None and not _DOC_TITLE.search(fold(title)):
                continue
            mentions.append((qm.start(), end, title, number))
        for k, d in enumerate(numbers):
            if k not in used_numbers:
                mentions.append((d.start, d.end, None, d.normalized))
        mentions.sort()
        for start, end, title, number in mentions:
            if number is not None and number == own_number:
                continue
            relation = _relation(sentence, start, end, doc_type)
            key = (number, title, relation)
            if key in seen:
                continue
            seen.add(key)
            out.append(Citation(doc_number=number, title=title, relation=relation, evidence=evidence))
    return out


def _relation(sentence: str, start: int, end: int, doc_type: str | None) -> str:
    after = sentence[end:]
    # What the sentence says of the cited document itself comes first: ``《…》同时废止``.
    if _AFTER_REPEAL.match(after):
        return "repeals"
    if _AFTER_AMEND.match(after):
        return "amends"
    # Then the verb that governs its clause: ``根据《…》``, ``转发《…》``.
    before = _clause_before(sentence, start)
    last = None
    for m in _BEFORE.finditer(before):
        last = m
    if last is not None:
        kind = last.lastgroup
        if kind != "replies_to":
            return kind
        if doc_type == "批复" or _AFTER_RECEIVED.match(after) or "收悉" in sentence:
            return "replies_to"
    # Last, a notice that hands the cited text on: ``《…》已经…同意，现印发给你们``.
    if _AFTER_FORWARD.match(after):
        return "forwards"
    if _AFTER_IMPLEMENT.match(after):
        return "implements"
    if doc_type == "批复" and "收悉" in after[:40]:
        return "replies_to"
    return "cites"


def _clause_before(sentence: str, start: int) -> str:
    """The text before a mention within its clause; a list of citations extends the clause."""
    head = sentence[:start]
    cut = max(head.rfind(","), head.rfind(":"))
    clause = head[cut + 1:]
    # ``根据《甲》(…)，《乙》…`` is rare; ``根据《甲》和《乙》`` keeps one clause, which the
    # comma search above already does. A clause that is only a continuation of a list
    # (``、《乙》``) looks back one more clause.
    if cut >= 0 and not re.search(r"[\u4e00-\u9fff]{2}", re.sub(r"《[^》]*》|\([^()]*\)", "", clause)):
        prev = head[:cut]
        cut2 = max(prev.rfind(","), prev.rfind(":"))
        clause = head[cut2 + 1:]
    return clause
