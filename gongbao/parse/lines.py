"""Line classifiers: what one line of a gazette is, judged by the genre's grammar.

Every function takes the folded, tightened form of a line (``Lines.ft``) so that rules are
written once in simplified characters with ASCII punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalize.fold import fold
from ..normalize.layout import tighten
from .dates import DATE_RE, DOTTED_DATE, parse_date
from .organs import is_organ, is_recipient_item


@dataclass
class Lines:
    """The prepared lines of a text, with their folded-and-tightened twins."""

    raw: list[str]
    tr: list[str] = field(default_factory=list)   # tightened, original characters
    ft: list[str] = field(default_factory=list)   # tightened and folded, same length as ``tr``
    starts: frozenset[int] = frozenset()           # indented as a paragraph's first line (``Prepared``)

    def __post_init__(self):
        if not self.tr:
            # One pass over the whole text, not one per line: the regexes do not cross "\n".
            tight = tighten("\n".join(self.raw))
            self.tr = tight.split("\n")
            self.ft = fold(tight).split("\n")

    def __len__(self) -> int:
        return len(self.raw)


# 附注 (GB/T 9704 7.3.7): the disclosure note, or a 请示's contact (``（联系人：某某，电话：…）``).
_DISCLOSURE = re.compile(r"^\((?:(?:此件|本件)[^()]{1,14}|联系人:[^()]{2,50}|(?:信息)?公开(?:方式|属性|类型|选项):[^()]{2,10})\)$")


_DISCLOSURE_LINE = re.compile(r"^(?:信息)?公开(?:方式|属性|类型|选项)[:：]\S{2,10}$")


# The publisher's note on what it printed: ``（本文有删减）``, ``（有删节）``, ``（摘要）``.
_EDITORIAL_NOTE = re.compile(r"^\((?:本文|此件|全文|原文|正文)?(?:有删减|有删节|略|节选|摘登|摘编|摘要)\)$")


def editorial_note(ft: str) -> bool:
    return ft[:1] == "(" and bool(_EDITORIAL_NOTE.match(ft))


def disclosure(ft: str) -> str | None:
    """``(此件公开发布)`` → ``此件公开发布``; ``公开方式：主动公开`` (``信息公开选项：主动公开``)
    is kept whole."""
    if _DISCLOSURE.match(ft):
        return ft[1:-1]
    return ft if ft.startswith(("公开", "信息公开")) and _DISCLOSURE_LINE.match(ft) else None


# A person signing or speaking: ``省长 金湘军``, ``市长：张三``, ``某县人民政府县长 张三``.
_PERSON_SIGN = re.compile(
    r"^(?:(?P<organ>[\u4e00-\u9fff]{2,20}?(?:人民政府|常务委员会|委员会|政府|办公厅|办公室|厅|局|部|委|署))"
    r"|(?P<place>[\u4e00-\u9fff]{2,10}?(?:省|市|县|区|州|旗|盟|自治区)))?"
    r"(?P<post>总理|副总理|国家主席|主席|副主席|(?:代理|代)?(?:省长|市长|县长|区长|州长|旗长|盟长)|副(?:省长|市长|县长|区长)|"
    r"部长|副部长|主任|副主任|署长|局长|副局长|厅长|副厅长|司长|院长|检察长|秘书长|行长|委员长|书记)\s*:?\s*(?P<name>[\u4e00-\u9fff·](?: ?[\u4e00-\u9fff·]){1,4})$"
)


def person_signature(raw: str) -> tuple[str, str] | None:
    """``省长 金湘军`` → (``省长``, ``金湘军``)."""
    if len(raw) > 24 or not ("长" in raw or "理" in raw or "主" in raw or "书记" in raw or "長" in raw):
        return None
    m = _PERSON_SIGN.match(fold(raw).strip())
    if not m:
        return None
    return m.group("post"), raw.strip()[m.start("name"):].replace(" ", "")


def speaker_line(ft: str) -> tuple[str, str] | None:
    """``某县人民政府县长 张三`` under a report's subtitle → (organ or ``""``, name)."""
    m = _PERSON_SIGN.match(ft) if len(ft) <= 30 else None
    if not m:
        return None
    organ = m.group("organ") or ""
    if not organ and m.group("place") and _HEAD_OF_GOVERNMENT.search(m.group("post")):
        organ = m.group("place") + "人民政府"  # ``吕梁市市长 张广勇`` speaks for 吕梁市人民政府
    return organ, m.group("name").replace(" ", "")


_HEAD_OF_GOVERNMENT = re.compile(r"(?:省长|市长|县长|区长|州长|旗长|盟长)$")


def signature_date(raw: str) -> tuple[list[str], str] | None:
    """A signature line: organs (space separated) and a date, or a date alone."""
    f = fold(raw).strip()
    if len(f) > 90:
        return None
    if f.endswith(("日", "号")):
        m = DATE_RE.search(f)
    elif f[-1:].isdigit():
        m = DOTTED_DATE.search(f)  # ``2024.3.5``, ``2024-03-05`` (web pages, some PDFs)
    else:
        return None
    if not m or f[m.end():].strip():
        return None
    head = raw.strip()[: m.start()].strip()
    iso = parse_date(f[m.start():])
    if not iso:
        return None
    organs = [t for t in head.split(" ") if t]
    if all(is_organ(t) for t in organs):
        return [tighten(t) for t in organs], iso
    return None


_SEAL = re.compile(r"\s*\((?:印|盖章|公章|章|签章|印章)\)")


def organs_only(raw: str) -> list[str] | None:
    """A line that is nothing but organ names (a signature block line, a header line);
    a seal mark after a name (``（印）``) is dropped."""
    folded = fold(raw).strip()
    if "(" in folded and _SEAL.search(folded):
        keep = [raw.strip()[a:b] for a, b in _spans_outside(folded, _SEAL)]
        raw, folded = "".join(keep), _SEAL.sub("", folded)
    tokens = [t for t in folded.split(" ") if t]
    if not tokens or len(tokens) > 6:
        return None
    if all(is_organ(t) for t in tokens):
        return [tighten(t) for t in raw.strip().split(" ") if t]
    return None


def _spans_outside(text: str, rx: re.Pattern) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in rx.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


_NOT_RECIPIENT = re.compile(r"如下|以下|下列|现将|现就|通知|决定|报告|根据|为了|为进一步|按照|其中|包括|负责|电话|地址|邮编|联系")
_RECIPIENT_SPLIT = re.compile(r"[、,;]|及(?=各|计划单列|有关)")
_QUALIFIER = re.compile(r"\([^()]{1,12}\)")
# Elliptical items of a recipients list: ``各市、县人民政府``, ``各委、办、厅、局``.
_ELLIPTIC = re.compile(r"^各?(?:[省市县区乡镇旗盟州委办厅局部署院室]|自治区|自治州|自治县|直辖市|计划单列市|副省级市|中心|直属机构"
                       # ``各县市区委、人民政府``, ``中央、省驻某单位``: the list's second half shared
                       r"|人民政府|政府|党委|中央)$")


def recipient_items(body: str) -> list[str]:
    """The items of a recipients list. ``科技厅（委、局）``: a qualifier in parentheses is part
    of its item, not a list of its own."""
    return [x for x in _RECIPIENT_SPLIT.split(_QUALIFIER.sub("", body)) if x]


def recipients_text(ft: str) -> str | None:
    """If ``ft`` is a 主送机关 line (ending with a colon), the recipients without the colon."""
    if not ft.endswith(":") or len(ft) > 220 or "。" in ft:
        return None
    body = ft[:-1]
    if not body or _NOT_RECIPIENT.search(body):
        return None
    items = recipient_items(body)
    if not items or any(len(x) > 40 for x in items):
        return None
    good = sum(1 for x in items if is_recipient_item(x) or _ELLIPTIC.match(x))
    return body if good * 5 >= len(items) * 3 else None


_ADOPTION = re.compile(r"^\(.*(?:通过|批准|公布|发布|施行|印发).*\)$"
                       # the same without parentheses, as law collections print it
                       r"|^\d{4}年\d{1,2}月\d{1,2}日[^。,;()]{4,80}?会议(?:通过|批准)$")


def adoption_note(ft: str) -> str | None:
    """``(2024年3月28日山西省第十四届人民代表大会常务委员会第十次会议通过)`` → its date."""
    if len(ft) > 160 or not _ADOPTION.match(ft):
        return None
    return parse_date(ft)


# The body an adoption note names: ``…某市第十七届人民代表大会常务委员会第二十次会议通过`` →
# ``某市人民代表大会常务委员会`` (the term of office is the meeting's, not the organ's name).
_ADOPTING = re.compile(
    r"(?:日|\(|\s)(?P<place>[\u4e00-\u9fff]{1,20}?)第[一二三四五六七八九十百零〇\d]+届"
    r"(?P<organ>人民代表大会(?:常务委员会)?)(?:第[一二三四五六七八九十百零〇\d]+次(?:全体)?会议|常务委员会会议)")


def adopting_organ(note: str) -> str | None:
    """The people's congress (or its standing committee) whose meeting adopted a text."""
    m = _ADOPTING.search(fold(note))  # matched folded, sliced from the original (same offsets)
    return note[m.start("place"):m.end("place")] + note[m.start("organ"):m.end("organ")] if m else None


_TERMINAL_END = re.compile(r"[。!?;:”\"]$")


def ends_sentence(ft: str) -> bool:
    return bool(_TERMINAL_END.search(ft))


_ATTACH_HEAD = re.compile(r"附件\d*:|附件:?\d+[.、]")
_ATTACH_BODY = re.compile(r"附件\d*$")


def attachment_head(ft: str) -> bool:
    """The 附件说明 line: ``附件:1. …`` or ``附件：…``."""
    return ft.startswith("附件") and bool(_ATTACH_HEAD.match(ft))


def attachment_body_head(ft: str) -> bool:
    """The heading of an attachment printed in full: ``附件2`` or ``附件`` alone on its line."""
    return ft.startswith("附件") and bool(_ATTACH_BODY.match(ft))


_PRINT_RECORD = re.compile(r"^(?:抄送|抄报|分送|主题词|发送)[:：]|^.{0,40}\d{4}年\d{1,2}月\d{1,2}日印发$")


def print_record(ft: str) -> bool:
    """A 版记 line (GB/T 9704 §7.4): ``抄送：…`` or ``某某办公室 2024年3月5日印发``."""
    return (ft.startswith(("抄", "分送", "主题词", "发送")) or ft.endswith("印发")) and bool(_PRINT_RECORD.match(ft))
