"""The 发文字号 grammar: 机关代字 + 〔年份〕 + 序号 + 号, and the 令号 of orders.

One module owns it. Texts write the year in 〔〕, [], (), （）, 【】, with spaces, doubled or
broken brackets, with 第 before the number, or with the number split across a line. All of
them normalise to the standard form ``机关代字〔YYYY〕N号`` (GB/T 9704-2012 §7.2.4): six-corner
brackets, no spaces, no leading zeros. Orders keep their ``第N号`` (``国务院令第777号``).

Matching is done bracket-first on folded text (see ``normalize.fold``) and looks back a few
characters for the 机关代字, which is both faster and more forgiving than one large regex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalize.fold import fold
from ..normalize.layout import tighten

_OPEN = "〔\\[(【〖{<"
_CLOSE = "〕\\])】〗}>"
# Anchored at the 号 that ends every number: the text is scanned for 号 (a C-speed
# ``str.find``) and these run only over the few characters before it.
_YEAR_NUM = re.compile(
    rf"(?P<open>[{_OPEN}]{{1,2}})?[ ]?(?P<year>(?:19|20)\d{{2}})[ ]?(?P<close>[{_CLOSE}]{{1,2}})?"
    rf"[ ]?第?[ ]?(?P<num>\d{{1,5}})[ ]?号$"
)
# ``国务院令第777号``, ``某某公告（第30号）``, and the yearly series of 公告 that ministries and tax
# bureaus number ``国家税务总局公告2024年第1号`` (the year is part of the number).
_ORDER = re.compile(r"(?P<agency>[\u4e00-\u9fff]{1,30}(?:令|公告|通告))[ ]?[(]?[ ]?"
                    r"(?:(?P<year>(?:19|20)\d{2})[ ]?年[ ]?)?第[ ]?(?P<num>\d{1,5})[ ]?号$")
_WINDOW = 24
# Words that introduce a citation and are not part of the 机关代字 that follows them.
_LEAD = re.compile(
    r"^(?:根据|依据|按照|依照|参照|比照|对照|执行|落实|贯彻|印发|转发|结合|详见|参见|文件|精神|通知|规定|"
    r"废止|停止|撤销|废除|取消|宣布|修改|修订|"
    r"的|了|是|在|为|即|见)+"
)
# Only words that cannot begin an abbreviation are trimmed: 同 (大同), 和 (和顺), 原 (原平),
# 文 (文水) and the like all begin real 机关代字.
# A 机关代字 never ends with these: ``编号为〔2024〕第0395号`` is a record number, not a document.
_BAD_END = set("为是的在和与及于第号年月日见按照据以被由对将把从向至到")


@dataclass(frozen=True)
class DocNumber:
    """A 发文字号 found in text, with its span in that text."""

    agency: str
    year: int | None
    number: int
    start: int
    end: int
    is_order: bool = False
    term: str | None = None  # a standing committee's term: its 公告 are numbered anew in each

    @property
    def normalized(self) -> str:
        if self.is_order:
            if self.term:
                return f"{self.agency}〔{self.term}届〕第{self.number}号"
            return f"{self.agency}{self.year}年第{self.number}号" if self.year else f"{self.agency}第{self.number}号"
        return f"{self.agency}〔{self.year}〕{self.number}号"


def find_doc_numbers(text: str, folded: str | None = None) -> list[DocNumber]:
    """Every 发文字号 and 令号 in ``text``, in order of appearance."""
    f = fold(text) if folded is None else folded
    found: list[DocNumber] = []
    i = f.find("号")
    while i != -1:
        # A number ends ``…N号`` or ``…N 号``.
        if i and (f[i - 1].isdigit() or (f[i - 1] == " " and f[i - 2:i - 1].isdigit())):
            lo = max(0, i - _WINDOW)
            m = _YEAR_NUM.search(f, lo, i + 1)
            if m and (m.group("open") or m.group("close")):
                agency, astart = _agency_before(text, f, m.start())
                if agency:
                    found.append(DocNumber(agency, int(m.group("year")), int(m.group("num")), astart, m.end()))
            elif "令" in f[lo:i] or "告" in f[lo:i]:
                m = _ORDER.search(f, max(0, i - _WINDOW - 30), i + 1)
                if m:
                    agency = _trim_agency(text[m.start("agency"):m.end("agency")].replace(" ", ""))
                    if len(agency) >= 2 and agency not in _NOT_ORDERS:
                        year = int(m.group("year")) if m.group("year") else None
                        found.append(DocNumber(agency, year, int(m.group("num")),
                                               m.end("agency") - len(agency), m.end(), True))
        i = f.find("号", i + 1)
    return found


_NOT_ORDERS = {"命令", "法令", "指令", "禁令", "政令"}


def _agency_before(text: str, folded: str, pos: int) -> tuple[str, int]:
    """The 机关代字 ending just before ``pos`` (one space allowed), or ``("", pos)``."""
    j = pos
    if j > 0 and folded[j - 1] == " ":
        j -= 1
    k = j
    while k > 0 and j - k < 12 and _is_han(folded[k - 1]):
        k -= 1
    # ``交政办 发〔2024〕`` : a one- or two-character run after a space belongs to the run before.
    if 0 < j - k <= 2 and k > 1 and folded[k - 1] == " " and _is_han(folded[k - 2]) \
            and folded[k - 2] not in _BAD_END:
        m = k - 1
        while m > 0 and (k - 1) - m < 8 and _is_han(folded[m - 1]):
            m -= 1
        if k - 1 - m >= 1:
            agency = _trim_agency(text[m:k - 1] + text[k:j])
            return (agency, m) if _valid_agency(agency) else ("", pos)
    agency = _trim_agency(text[k:j])
    return (agency, j - len(agency)) if _valid_agency(agency) else ("", pos)


def _trim_agency(agency: str) -> str:
    trimmed = _LEAD.sub("", fold(agency))
    agency = agency[len(agency) - len(trimmed):] if trimmed else ""
    # A title run into the number (a table row ``某某管理办法某政发〔2015〕3号``): the 机关代字
    # starts after the last word no 机关代字 contains.
    cut = max((m.end() for m in _TITLE_END.finditer(agency) if len(agency) - m.end() >= 2), default=0)
    return agency[cut:]


# (``文件``: a red header with its number on the same line, ``某某厅文件      某财预〔2025〕21号``,
# whose layout gap the text lost.)
_TITLE_END = re.compile(r"通知|决定|意见|办法|规定|细则|方案|条例|批复|报告|通告|文件|的|》")


def _valid_agency(agency: str) -> bool:
    return bool(agency) and agency[-1] not in _BAD_END and not agency.startswith("编号")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def normalize_doc_number(text: str) -> str | None:
    """The standard form of the first 发文字号 in ``text``, or None."""
    found = find_doc_numbers(text)
    return found[0].normalized if found else None


# A line that is nothing but a document number, optionally with the date before it and in
# parentheses, as gazettes print it under a title: ``(2024年3月1日 晋政发〔2024〕3号)``.
_DATE_PREFIX = re.compile(
    r"^\(?\s*(?:(?:\d{4}|[〇○零O0一二三四五六七八九]{4})\s*年[\d一二三四五六七八九十\s]{1,4}月[\d一二三四五六七八九十\s]{1,4}日)?[,\s]*"
)


def doc_number_line(line: str) -> DocNumber | None:
    """The 发文字号 if ``line`` consists of one and nothing else (brackets and date allowed)."""
    if " " in line:
        line = tighten(line)  # letter-spaced: ``某 政 办 发 〔2024〕 7 号``
    f = fold(line).strip()
    # An upward document prints its signer beside the number: ``晋政报〔2024〕12号 签发人：某某``.
    signer = _SIGNER.search(f)
    if signer:
        f = f[: signer.start()].rstrip()
        line = line.strip()[: len(f)]
    if len(f) > 60:
        return None
    found = find_doc_numbers(line.strip(), f)
    if len(found) != 1:
        return None
    d = found[0]
    head = f[: d.start]
    tail = f[d.end:].strip(" )）")
    if tail or (_DATE_PREFIX.sub("", head).strip(" (（") and not (_RED_HEADER.match(head) and not _LEAD.match(head))):
        return None
    return d


# A red header with the number beside it: ``某某省财政厅文件      某财预〔2025〕21号``.
_RED_HEADER = re.compile(r"^[\u4e00-\u9fff]{2,30}文件\s*$")
_SIGNER = re.compile(r"\s*签发人\s*:.{0,20}$")
# ``第 300 号``, ``（2024年第1号）``, ``〔2024〕第2号`` (the year in brackets, as a 公告 may print it).
# A standing committee numbers its 公告 anew each term: ``〔十七届〕第12号``.
_ORDER_NUMBER_LINE = re.compile(
    r"^[(\[〔]?\s*(?:((?:19|20)\d{2})\s*(?:年|[)\]〕])\s*|([一二三四五六七八九十]{1,3})\s*届\s*[)\]〕]\s*)?"
    r"第\s*(\d{1,5})\s*号\s*[)\]〕]?$")


def order_number_line(line: str) -> tuple[int, int | None, str | None] | None:
    """``(number, year, term)`` of a line such as ``第 300 号``, ``2024年第1号``, ``〔2024〕第2号`` or
    ``〔十七届〕第12号`` printed under an order or 公告 header (None for what the line lacks)."""
    m = _ORDER_NUMBER_LINE.match(fold(line).strip())
    if not m:
        return None
    return int(m.group(3)), (int(m.group(1)) if m.group(1) else None), m.group(2)
