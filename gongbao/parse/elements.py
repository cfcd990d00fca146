"""The formal elements of one document (GB/T 9704-2012 §7): 标题, 发文字号, 主送机关, 正文,
附件说明, 署名, 成文日期, 附注 — read from the lines between its header and the next one."""

from __future__ import annotations

import datetime as dt
import re

from ..extract.appointments import find_appointments
from ..extract.citations import find_citations, find_cites, find_repeals
from ..extract.organizations import canonical, full_order_number, jurisdiction
from ..extract.tasks import TASK_TABLE, find_tasks
from ..extract.validity import document_validity
from ..models import Attachment, Document
from ..normalize.fold import fold
from ..normalize.layout import tighten
from ..normalize.paragraphs import join_paragraphs
from .dates import YEAR_MONTH, parse_date
from .docnumber import DocNumber
from .lines import (
    Lines,
    adopting_organ,
    adoption_note,
    attachment_body_head,
    attachment_head,
    disclosure,
    editorial_note,
    ends_sentence,
    organs_only,
    person_signature,
    print_record,
    signature_date,
)
from .organs import leading_organ
from .segment import TEXT_NAME, Header, join_title_lines
from .titles import CARRY_VERB, QUOTED_TITLE, doc_type_of, is_complete_title, split_title, title_fragment_ft
from .toc import is_toc_head

_NUMBER_SUFFIX = re.compile(r"\s*[(（]?\s*第\s*\d{1,5}\s*号\s*[)）]?\s*$")
_ONLINE = re.compile(r"\((?:见)?(?:网络版|网站|电子版|政府网站|门户网站)[^()]{0,10}\)|\(略\)|\(另发\)")
# At least a few enumerated paragraphs: a plan worth reading for tasks.
_ENUMERATED = re.compile(
    r"^(?=[(\d一二三四五六七八九十])(?:\(\d{1,3}\)|\d{1,3}[.、]|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]{1,3}、)[^\n]*"
    r"(?:负责|牵头|责任单位|到\d{4}年|底前)", re.M)
_PERSONNEL = re.compile(r"任免|任职|免职|聘任|解聘|任命|免去|职务")
# ``1.``, ``2、``, ``(3)`` — and ``1.2023年度…`` (an item number before a year, not a decimal).
_ITEM = re.compile(r"^(?:\d{1,2}[.、](?:(?!\d)|(?=\d{4}年))|[(]\d{1,2}[)])")


def build_document(lines: Lines, h: Header, end: int, seq: int, as_of: dt.date | None = None) -> Document:
    """A :class:`Document` from the header ``h`` and the lines up to ``end``."""
    doc = _from_header(lines, h, seq)
    sig, skip = _closing_elements(lines, h, end, doc)
    paragraphs = _body(lines, h, end, doc, sig, skip)
    if h.order_number is not None:
        _as_order(doc, h, lines)
    if doc.doc_type == "纪要":
        # A 纪要 names its organ in its title and its date in its opening sentence
        # (``2024年5月8日，县长某某主持召开…``), with no signature block.
        doc.date = doc.date or parse_date(doc.body[:40])
    if not doc.issuers and (not doc.signatories or doc.doc_type == "纪要"):
        # Nothing signed by an organ (a 纪要, a 名单, a 公报 under its title alone): the organ
        # that opens the title (``某省人民政府任免人员名单``) is the one that issues it.
        organ = leading_organ(doc.title) or (adopting_organ(h.note) if h.note else None)
        doc.issuers = [organ] if organ else []
    _registers(doc, paragraphs, h, as_of or dt.date.today())
    if not doc.doc_type:
        doc.warnings.append("文种 not recognised from the title")
    if not doc.date:
        doc.warnings.append("no 成文日期 found")
    return doc


def _from_header(lines: Lines, h: Header, seq: int) -> Document:
    """标题, 发文机关, 文种, 发文字号, 主送机关."""
    header_text = join_title_lines(lines.raw[h.title_start:h.title_end])
    if h.order_number is not None and h.number_line == h.title_start:
        header_text = _NUMBER_SUFFIX.sub("", header_text)
    issuers, title = split_title(header_text)
    doc = Document(seq=seq, title=title, issuers=issuers, doc_type=doc_type_of(title))
    if h.issuers_below:
        doc.issuers = [tighten(o) for o in h.issuers_below]
    if h.speaker:
        organ, name = h.speaker
        doc.signatories = [name]
        doc.issuers = doc.issuers or ([organ] if organ else [])
    if h.doc_number is not None:
        doc.doc_number = h.doc_number.normalized
    if h.recipients is not None:
        doc.recipients = _original_recipients(lines, h)
    return doc


def _closing_elements(lines: Lines, h: Header, end: int, doc: Document):
    """署名, 成文日期, 附注, 附件说明 and 版记; returns the signature and the lines they took."""
    start = h.body_start
    sig = _find_signature(lines, start, end)
    skip: set[int] = set()
    if sig:
        sig_lines, organs, person, date = sig
        skip.update(sig_lines)
        doc.signatories = [person] if person else organs
        doc.date = date
    doc.date = doc.date or h.adoption_date or _date_from_number_line(lines, h)
    if not doc.issuers and not (sig and sig[2]) and not h.speaker:
        doc.issuers = list(doc.signatories)
    elif sig and not sig[2]:
        # A title naming its organ without the place (``省人民政府关于…``, as sites print it):
        # the signature's full name of the same organ.
        doc.issuers = [next((o for o in doc.signatories if len(o) > len(x) and fold(o).endswith(fold(x))
                             and x[:1] in "省市县区州盟旗"), x) for x in doc.issuers]
    for i in range(start, end):
        f = lines.ft[i]
        if print_record(f):
            skip.add(i)
            if f[:1].isdigit() and i - 1 >= start and organs_only(lines.raw[i - 1]):
                skip.add(i - 1)  # the 版记's printing organ on the line above its date
        elif f.startswith(("(", "公开", "信息公开")) and disclosure(f):
            skip.add(i)
            if doc.disclosure is None:
                t = lines.tr[i]
                doc.disclosure = t[1:-1] if f.startswith("(") else t
        elif f.startswith("(") and ")" not in f and i + 1 < end and disclosure(f + lines.ft[i + 1]):
            skip.update((i, i + 1))  # a 附注 wrapped over two lines
            if doc.disclosure is None:
                doc.disclosure = (lines.tr[i] + lines.tr[i + 1])[1:-1]
    attach_lines, doc.attachments = _attachments(lines, start, end, sig[0][-1] if sig else None)
    skip.update(attach_lines)
    # A web page's download links after the text (``1.防汛责任人名单.docx``): attachments kept
    # online, not sentences of the document.
    k = end - 1
    files: list[Attachment] = []
    while k >= start and k not in skip and (m := _FILE_LINK.match(lines.ft[k])):
        files.insert(0, Attachment(title=lines.tr[k][m.start("name"):m.end("name")], online_only=True))
        skip.add(k)
        k -= 1
    for a in doc.attachments:
        m = _FILE_LINK.match(a.title)
        if m:  # ``附件：名单.docx`` on a web page: the file's name is the title, the file is online
            a.title, a.online_only = m.group("name"), True
    known = {a.title for a in doc.attachments}
    doc.attachments += [a for a in files if a.title not in known]
    return sig, skip


_FILE_LINK = re.compile(r"^(?:(?:相关附件|附件下载|相关文件|附件):\s?)?(?:\d{1,2}[.、]\s?)?(?P<name>\S.{0,80}?)"
                        r"\.(?:docx?|pdf|xlsx?|wps|et|ofd|zip|rar|txt|jpe?g|png)$", re.IGNORECASE)


def _body(lines: Lines, h: Header, end: int, doc: Document, sig, skip: set[int]) -> list[str]:
    """正文 as paragraphs (and the title of a carried text, which stands alone)."""
    start = h.body_start
    headings: set[int] = set()
    if h.order_number is None and CARRY_VERB.search(fold(doc.title)):
        carried_at = sig[0][-1] + 1 if sig else start
        doc.embedded_title, heading_lines = _embedded_title(lines, doc.title, start, carried_at, end)
        headings = set(heading_lines)
        if heading_lines and heading_lines[-1] + 1 < end and len(lines.ft[heading_lines[-1] + 1]) <= 30 \
                and organs_only(lines.raw[heading_lines[-1] + 1]):
            headings.add(heading_lines[-1] + 1)  # the carried text's organ under its title
    kept = [i for i in range(start, end) if i not in skip]
    outline = _outline_headings(lines, kept)
    roster = _roster(lines, kept)
    alone = {k for k, i in enumerate(kept)
             if i in headings or i in outline or i in roster or _standalone(lines, i, end)}
    tr = [outline.get(i) or roster.get(i) or (lines.ft[i][:1] in "出列请缺参主记" and _name_list(lines.raw[i]))
          or lines.tr[i] for i in kept]
    ft = [lines.ft[i] for i in kept]
    if h.body_head:
        head_t = _original_tail(lines, h)
        tr.insert(0, head_t)
        ft.insert(0, fold(head_t))
        alone = {k + 1 for k in alone}
    starts = {k + bool(h.body_head) for k, i in enumerate(kept) if i in lines.starts}
    paragraphs = join_paragraphs(tr, ft, alone, starts)
    doc.body = "\n".join(paragraphs)
    return paragraphs


# A heading numbered in the decimal outline of plans and technical texts (``1 总则``,
# ``1.1 编制目的``, ``2.3.1 监测预警``): the number, a space, a short title with no sentence in it.
# Not a line that a page break started with a count (``10 个乡镇``, ``13 号）``).
_OUTLINE = re.compile(
    r"^\s*(?P<no>\d{1,2}(?:\.\d{1,2}){0,3})[ \t\u3000]+"
    r"(?P<title>(?![号个名项条所家户人次元万亿年月日天时分倍])[\u4e00-\u9fff][^。，；,;:：!?！？\d]{0,23})\s*$")
_SENTENCE_END = tuple("。！？；：!?;:")


def _outline_headings(lines: Lines, kept: list[int]) -> dict[int, str]:
    """Lines of the body that are decimal outline headings, each as ``number title``.

    One counts only where a paragraph may begin (the body's start, after a finished
    sentence, a short line or another heading), and only in a body that has two of them:
    a lone ``3 年内完成`` after a full stop is a sentence the page cut, not a heading.
    """
    found: dict[int, str] = {}
    prev = ""
    for i in kept:
        raw = lines.raw[i]
        if raw[:1].isdigit() or raw[:1] in " \t\u3000":
            m = _OUTLINE.match(raw)
            if m and (not prev or prev.endswith(_SENTENCE_END) or len(prev) <= 30):
                found[i] = m.group("no") + " " + tighten(m.group("title")).strip()
        if lines.ft[i]:
            prev = lines.ft[i]
    return found if len(found) >= 2 else {}


# Who attended (a 纪要's ``出席：张三 李四 王五``): the spaces between names are not layout.
_NAME_LIST = re.compile(r"^\s*((?:出席|列席|请假|缺席|参加|参会|主持|记录)(?:人员|领导|单位)?\s*[:：]\s*)(.+)$")


def _name_list(raw: str) -> str | None:
    """``出席：张三  李四 王五`` → ``出席：张三 李四 王五`` (one space between names of two to four
    characters); None for any other line (letter-spaced names ``张 三`` are layout)."""
    m = _NAME_LIST.match(raw)
    if not m:
        return None
    names = m.group(2).split()
    if len(names) < 2 or not all(2 <= len(x) <= 4 and "\u4e00" <= x[0] <= "\u9fff" for x in names):
        return None
    return tighten(m.group(1)) + " ".join(names)


# A line of a roster (a 领导小组, a 指挥部): ``组  长：王某某  县人民政府县长``, or its name and post
# alone under the one before (``        赵某某  县财政局局长``). The gap between the name and the
# post is the table's column, not layout: it stays as one space, and each entry a paragraph.
# (A letter-spaced line has a gap between every two characters: it cannot split into a name of
# two to four characters and a post ending in a post's word.)
_ROSTER = re.compile(
    r"^[ \t\u3000]*(?:(?P<label>[\u4e00-\u9fff][\u4e00-\u9fff \u3000]{0,10}?)[ \u3000]*[:：][ \u3000]*)?"
    r"(?P<name>[\u4e00-\u9fff·]{2,4})[ \u3000]+(?P<post>[\u4e00-\u9fff、，,（）()·\-]{3,40})[ \t\u3000]*$")
_ROLE = re.compile(r"(?:长|指挥|主任|成员|委员|召集人|联络员|顾问|秘书|组员|主席)$")
_POST = re.compile(r"(?:长|主任|书记|委员|主席|经理|总监|秘书|员|师|官|政委|负责人|主委|常委|巡视员|调研员)[)）]?$")


def _roster_line(raw: str, labelled: bool = True) -> str | None:
    """``组  长：王某某  县人民政府县长`` → ``组长：王某某 县人民政府县长``; None for any other line
    (and for a name and post without a label unless ``labelled`` is False)."""
    m = _ROSTER.match(raw)
    if not m or m.group("name").startswith("第") or (labelled and not m.group("label")):
        return None
    label = tighten(m.group("label") or "")
    post = tighten(m.group("post"))
    if ((label and not _ROLE.search(label)) or not _POST.search(post) or _POST.search(m.group("name"))
            or "的" in post):
        return None
    return (label + "：" if label else "") + m.group("name") + " " + post


def _roster(lines: Lines, kept: list[int]) -> dict[int, str]:
    """The roster entries among the body's lines. A name and a post alone on a line belong to
    a roster only under an entry (a stray gap in a sentence the page cut must not make one)."""
    found: dict[int, str] = {}
    prev = None
    for i in kept:
        raw = lines.raw[i]
        entry = None
        if " " in raw or "\u3000" in raw:
            entry = _roster_line(raw, labelled=prev not in found)
        if entry:
            found[i] = entry
        if lines.ft[i]:
            prev = i
    return found


def _as_order(doc: Document, h: Header, lines: Lines) -> None:
    """An order (令) or numbered 公告: its number, its own title when it prints one under the
    number, and the regulation it promulgates."""
    head = doc.title
    doc.doc_number = DocNumber(head, h.order_year, h.order_number, 0, 0, is_order=True, term=h.order_term).normalized
    doc.doc_type = doc_type_of(head) or doc.doc_type
    if h.subtitle:
        issuers, title = split_title(join_title_lines(lines.raw[h.subtitle[0]:h.subtitle[1]]))
        doc.title = title
        doc.doc_type = doc_type_of(title) or doc.doc_type
        doc.issuers = doc.issuers or issuers
    quoted = QUOTED_TITLE.search(doc.title) if h.subtitle and CARRY_VERB.search(doc.title) else None
    promulgated = quoted.group(1) if quoted else _promulgated_title(doc.body)
    if promulgated:
        doc.embedded_title = promulgated
        if doc.doc_type == "令":
            doc.title = promulgated


def _registers(doc: Document, paragraphs: list[str], h: Header, as_of: dt.date) -> None:
    """Citations, repeals, validity, appointments and tasks read from the body."""
    folded_body = fold(doc.body)
    # A title can cite too (``关于废止《…》（某政发〔2020〕3号）的决定``): it is read first.
    text = doc.title + "\n" + doc.body
    folded = fold(doc.title) + "\n" + folded_body
    doc.cites = find_cites(text, exclude=doc.doc_number, folded=folded)
    doc.repeals = find_repeals(text, exclude=doc.doc_number, folded=folded)
    # The body's sentence is the better evidence; the title adds what the body does not say.
    doc.citations = find_citations(doc.body, doc.doc_number, doc.doc_type, folded_body)
    seen = {(c.doc_number, c.title) for c in doc.citations}
    doc.citations += [c for c in find_citations(doc.title, doc.doc_number, doc.doc_type)
                      if (c.doc_number, c.title) not in seen]
    # A row of a list of repealed texts says nothing of its own: the list's heading does.
    repealed = set(doc.repeals)
    for c in doc.citations:
        if c.relation == "cites" and c.doc_number in repealed:
            c.relation = "repeals"
    doc.validity = document_validity(folded_body, doc.body, doc.date, as_of)
    juris = jurisdiction(doc.issuers or doc.signatories)
    if "令" in folded:  # orders cited by the government's short name, in their full form
        doc.cites = [n for n in dict.fromkeys(full_order_number(n, juris) for n in doc.cites) if n != doc.doc_number]
        doc.repeals = [n for n in dict.fromkeys(full_order_number(n, juris) for n in doc.repeals)
                       if n != doc.doc_number]
        for c in doc.citations:
            if c.doc_number:
                c.doc_number = full_order_number(c.doc_number, juris)
        doc.citations = [c for c in doc.citations if not c.doc_number or c.doc_number != doc.doc_number]

    def expand(name: str) -> str:
        full = canonical(name, juris)
        if full != name:
            doc.name_map[name] = full
        return full

    if _PERSONNEL.search(fold(doc.title)):
        doc.appointments = find_appointments(doc.body, doc.date, expand, context=h.note)
    if _ENUMERATED.search(folded_body) or TASK_TABLE.search(folded_body):  # an outline, a 任务分工表
        doc.tasks = find_tasks(paragraphs, expand, folded_body.split("\n"), int(doc.date[:4]) if doc.date else None)


def _original_recipients(lines: Lines, h: Header) -> str:
    """The recipients in the document's own characters (``h.recipients`` is folded)."""
    t = "".join(lines.tr[h.recipients_start:h.recipients_end])
    f = fold(t)
    cut = f.find(":") if h.body_head is not None else f.rfind(":")
    if cut < 0:
        return t
    return t[:cut]


def _original_tail(lines: Lines, h: Header) -> str:
    """The body text that shares its line with the recipients."""
    last = h.recipients_end - 1
    t, f = lines.tr[last], lines.ft[last]
    return t[f.find(":") + 1:]


def _find_signature(lines: Lines, start: int, end: int):
    """The 署名 and 成文日期 closing the document proper.

    Returns ``(line indices, organs, person, iso date)`` for the first date line after the
    body that stands as a signature: organs and date on one line, a date under a line of
    organs or a person's signature, or a date followed by the 附注.
    """
    for i in range(start, end):
        f = lines.ft[i]
        if not f or (f[-1] not in "日号" and not (f[-1].isdigit() and len(f) <= 40)):
            continue
        got = signature_date(lines.raw[i])
        if not got:
            continue
        organs, date = got
        used = [i]
        person = None
        k = i - 1
        while k >= start and len(used) < 5:
            ps = person_signature(lines.raw[k])
            if ps and person is None:
                person = ps[1]
                used.insert(0, k)
                k -= 1
                continue
            more = organs_only(lines.raw[k])
            if more and not signature_date(lines.raw[k]):
                organs = more + organs
                used.insert(0, k)
                k -= 1
                continue
            break
        # A date alone (the seal stands for the organ) closes the text when the 附注, the
        # 版记 or a printed attachment follows it.
        nxt = lines.ft[i + 1] if i + 1 < end else ""
        followed_by_note = bool(nxt) and (disclosure(nxt) is not None or print_record(nxt)
                                          or attachment_body_head(nxt)
                                          # or the title of the text a 印发 notice carries, after a
                                          # closing sentence (a web copy lost the seal's organ)
                                          or (i > start and lines.ft[i - 1].endswith("。") and len(nxt) <= 50
                                              and not ends_sentence(nxt) and bool(TEXT_NAME.search(nxt))))
        if organs or person or followed_by_note or i == end - 1:
            return used, organs, person, date
    # A signature dated to the month only (``某县人民政府`` / ``2024年3月``) closing the text:
    # its lines are not text, and the 成文日期 stays unknown.
    k = end - 1
    while k >= start and not lines.ft[k]:
        k -= 1
    if k > start and YEAR_MONTH.fullmatch(lines.ft[k]):
        organs = organs_only(lines.raw[k - 1])
        if organs:
            return [k - 1, k], organs, None, None
    return None


def _date_from_number_line(lines: Lines, h: Header) -> str | None:
    if h.number_line is None:
        return None
    return parse_date(lines.ft[h.number_line])


def _attachments(lines: Lines, start: int, end: int, signed_at: int | None = None) -> tuple[set[int], list[Attachment]]:
    """附件说明 blocks: ``附件:1. 名称(见网络版)`` and the numbered items under it.

    After the signature, once the 附件说明 has been read, ``附件1：名称`` heads an attachment
    printed in full: body, not another list."""
    used: set[int] = set()
    items: list[str] = []
    i = start
    while i < end:
        f = lines.ft[i]
        if not attachment_head(f):
            i += 1
            continue
        if items and signed_at is not None and i > signed_at:
            break
        used.add(i)
        first = lines.tr[i][re.match(r"^附件\d*:?", f).end():]
        block = [first] if first else []
        j = i + 1
        while j < end:
            fj = lines.ft[j]
            if (not fj or attachment_body_head(fj) or attachment_head(fj) or disclosure(fj)
                    or signature_date(lines.raw[j]) or organs_only(lines.raw[j])
                    or person_signature(lines.raw[j]) or is_complete_title(lines.raw[j])):
                break
            prev = block[-1] if block else ""
            if _ITEM.match(fj):
                block.append(lines.tr[j])
            elif block and len(fj) <= 40 and not _ONLINE.search(fold(prev)) and not prev.endswith("。"):
                block[-1] = prev + lines.tr[j]
            else:
                break
            used.add(j)
            j += 1
        items.extend(_split_items(block))
        i = j
    attachments = []
    for item in items:
        online = bool(re.search(r"网络版|网站|电子版", fold(item)))
        title = _strip_number(_strip_online(item)).strip(" .。;；")
        if title:
            attachments.append(Attachment(title=title, online_only=online))
    return used, attachments


def _strip_online(item: str) -> str:
    f = fold(item)
    out, pos = [], 0
    for m in _ONLINE.finditer(f):
        out.append(item[pos:m.start()])
        pos = m.end()
    out.append(item[pos:])
    return "".join(out)


def _strip_number(title: str) -> str:
    m = re.match(r"^(?:\d{1,2}[.、．]|[(（]\d{1,2}[)）])", title)
    return title[m.end():] if m else title


def _split_items(block: list[str]) -> list[str]:
    """One item per numbered entry; a block without numbers is one attachment."""
    items: list[str] = []
    for part in block:
        # Items glued on one line: ``1. 甲(见网络版) 2. 乙``.
        pieces = re.split(r"(?<=\))(?=\d{1,2}[.、](?!\d))", part)
        items.extend(p for p in pieces if p)
    return items


def _promulgated_title(body: str) -> str | None:
    """The regulation an order promulgates: ``《山西省…办法》已经…通过，现予公布``."""
    first = body.split("\n", 1)[0]
    m = QUOTED_TITLE.search(first)
    return m.group(1) if m else None


def _standalone(lines: Lines, i: int, end: int) -> bool:
    """Lines that are headings by themselves: ``附件2`` and the title under it."""
    f = lines.ft[i]
    if f.startswith("附件") and (attachment_body_head(f) or (len(f) <= 50 and attachment_head(f))):
        return True  # ``附件2`` or ``附件2：名称`` over an attachment printed in full
    if f.startswith("——") or (len(f) <= 16 and person_signature(lines.raw[i])):
        return True  # a speech's subtitle and speaker
    if f.startswith("(") and f.endswith(")") and (adoption_note(f) or editorial_note(f)):
        return True  # ``（2024年5月30日…会议通过）`` under a promulgated text's title; ``（本文有删减）``
    if len(f) <= 60 and i + 1 < end and lines.ft[i + 1].startswith("(") and adoption_note(lines.ft[i + 1]):
        return True  # that title
    if len(f) <= 5 and is_toc_head(f):
        return True  # a law's own ``目录`` over its chapters
    # The signature of a text carried inside another (a 请示 a notice forwards): its organ
    # and its date stand apart from its last sentence.
    if f[-1:] == "日" and len(f) <= 40 and signature_date(lines.raw[i]):
        return True
    nxt = lines.ft[i + 1] if i + 1 < end else ""
    if len(f) <= 30 and nxt[-1:] == "日" and len(nxt) <= 16 and organs_only(lines.raw[i]) \
            and signature_date(lines.raw[i + 1]):
        return True
    return i > 0 and lines.ft[i - 1].startswith("附件") and attachment_body_head(lines.ft[i - 1]) and len(f) <= 60


def _embedded_title(lines: Lines, title: str, lo: int, after: int, end: int) -> tuple[str | None, list[int]]:
    """The title of the text a 印发/转发 notice carries, and the lines that print it.

    Preferred: the heading printed after the notice's signature when it matches the text the
    notice names in 《》; else that 《》 name; else what the notice's title names.
    """
    named = None
    # The notice names what it hands on in its first sentences; a 《…》 may be cut by a line break.
    # Unsigned (``after`` is its first line), the notice's own sentences are all there is to read.
    unsigned = after == lo
    notice = "".join(lines.tr[lo:min(end if unsigned else after, lo + 15)])
    for sentence in re.split(r"(?<=[。;；])", notice):
        m = QUOTED_TITLE.search(sentence)
        if m and re.search(r"印发|转发|同意|批准|发布", fold(sentence)):
            named = m.group(1).replace(" ", "")
            break
    target = fold(named) if named else None
    for i in range(after, after if unsigned else min(end, after + 4)):
        f = lines.ft[i]
        if not f or disclosure(f) or editorial_note(f):
            continue
        if target and f == target:
            return lines.tr[i], [i]
        if target and i + 1 < end and f + lines.ft[i + 1] == target:
            return lines.tr[i] + lines.tr[i + 1], [i, i + 1]
        if not target and title_fragment_ft(lines.ft[i]) and len(f) <= 60:
            return lines.tr[i], [i]
        break
    if named:
        return named, []
    f = fold(title)
    m = re.search(r"(?:印发|转发|批转|颁发|颁布|发布)(.+?)(?:的通知|的决定|的通告|的公告|的函|的意见)$", f)
    if m:
        return title[m.start(1):m.end(1)].strip("《》"), []
    return None, []
