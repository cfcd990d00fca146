"""The printed table of contents (目录): entries of title, 发文字号 and page, under sections.

Extraction runs entries together (``…(交政发〔2024〕18号)36 关于印发…``), breaks them over
lines (``…(交政发`` / ``〔2024〕11 号)2``) and mixes the colophon into them. The TOC is read
as one stream: an entry ends after its 发文字号 and page number, or after its 文种 and page.
"""

from __future__ import annotations

import re

from ..models import TocEntry
from ..normalize.fold import fold
from .docnumber import find_doc_numbers
from .lines import Lines

TOC_HEAD = re.compile(r"^(?:本期)?(?:目\s*[录錄次]|要\s*目|导\s*读)(?:\s*contents)?$|^contents$", re.IGNORECASE)
COLOPHON = re.compile(
    r"^(?:主办单位|主管单位|主办|主管|承办|编辑|编印|出版|地址|邮编|邮政编码|电话|传真|网址|印刷|发行|刊号|"
    r"国内统一|准印证|内部资料|赠阅|定价|电子邮箱|邮箱|投稿|★|☆|※|[A-Za-z\s.]+$)"
)
# Marks printed around a section heading (``■ 县政府文件``, ``◆部门文件◆``); ★☆※ open colophon notes.
SECTION_MARKS = "■□◆◇●▲△▶►◎♦◼▪"
# The number of a numbered heading: ``一、``, ``（二）``.
_HEADING_NO = r"(?:[一二三四五六七八九十]{1,3}[、.]|[(（][一二三四五六七八九十]{1,3}[)）])"
# A section heading: ``县政府文件``, ``人事任免``, ``【省政府令】``, ``一、市政府文件``.
SECTION = re.compile(
    rf"^[【\[·•—\-\s{SECTION_MARKS}]*{_HEADING_NO}?\s?(?P<sec>[\u4e00-\u9fff]{{0,10}}(?:文件|任免|规章|命令|令|公告|通告|解读|信息|动态|其他|公示|批复|决定|要闻|大事记|法规|纪要|通报|讲话|会议))"
    rf"[】\]·•—\-\s{SECTION_MARKS}]*"
)
_HEADING_NUMBER = re.compile(rf"^{_HEADING_NO}\s?")


def heading_text(line: str) -> str:
    """A section heading as its name: without its marks (``【】``, ``·``, ``◆``) or its number
    (``一、市政府文件`` → ``市政府文件``)."""
    return _HEADING_NUMBER.sub("", line.strip("【】[]·•—- " + SECTION_MARKS)).strip("【】[]·•—- " + SECTION_MARKS)


# The page after an entry: ``…号)36``, ``…号)……36``, ``…号)……(36)``.
# (A range of pages, ``1-3`` / ``4—6``, counts by its first page.)
_RANGE = r"(?:\s?[-—–~～至]\s?\d{1,4})?"
# (``……第3页``: a page may be printed as such.)
_PAGE_AFTER = re.compile(rf"[)〕\]]*\s*[.·…。\s]*(?:\((?P<paren>\d{{1,4}}){_RANGE}\)|第\s?(?P<pg>\d{{1,4}})\s?页"
                         rf"|(?P<page>\d{{1,4}}){_RANGE}(?:\s?页)?)?")
_TYPE_PAGE = re.compile(
    rf"(?<=[知定告复见报示函议要令案])[.·…\s]*(?:第\s?)?(?:(?P<page>\d{{1,4}}){_RANGE}(?:\s?页)?|\((?P<page3>\d{{1,4}}){_RANGE}\))"
    rf"(?=\s|$|关于|[\u4e00-\u9fff]{{2,}}关于)"
    # dot leaders end an entry whatever its title ends with
    # (a speech's entry prints its speaker between: ``…讲话……王明（1）``)
    rf"|[.·…]{{2,}}\s*(?:[\u4e00-\u9fff]{{2,4}}\s?)?(?:第\s?)?\(?(?P<page2>\d{{1,4}})(?!\d){_RANGE}\)?(?:\s?页)?"
)


def is_toc_head(ft: str) -> bool:
    return bool(TOC_HEAD.match(ft))


_PART_HEADING = re.compile(r"^第[一二三四五六七八九十百零〇\d]+[编章节]")


def opens_issue_toc(lines: Lines, i: int) -> bool:
    """Line ``i`` heads the issue's 目录, not a law's own list of chapters
    (``目录`` / ``第一章 总则`` / ``第二章 …``) printed under the law's title."""
    if not is_toc_head(lines.ft[i]):
        return False
    following = [f for f in lines.ft[i + 1:i + 6] if f][:3]
    return sum(1 for f in following if _PART_HEADING.match(f)) < 2


def parse_toc(lines: Lines, lo: int, hi: int) -> tuple[list[TocEntry], list[int]]:
    """Entries of the TOC in ``lines[lo:hi]``; also the indices of colophon lines seen there."""
    colophon: list[int] = []
    stream_t: list[str] = []
    kept = []
    for i in range(lo, hi):
        if COLOPHON.match(lines.ft[i]) or _IS_META.search(lines.ft[i]):
            colophon.append(i)
            continue
        kept.append(i)
    # ``1    某县人民政府关于…的通知（某政发〔2024〕7号）``: a 目录 that prints each page before its
    # entry (no line ends with one) is read as if the page stood after it.
    # (The space after the page is layout: only the untightened line still has it.)
    first = [i for i in kept if _PAGE_FIRST.match(lines.raw[i])]
    page_first = len(first) >= 2 and not any(_PAGE_LAST.search(lines.ft[i]) for i in kept)
    for i in kept:
        m = _PAGE_FIRST.match(lines.raw[i]) if page_first else None
        stream_t.append(lines.tr[i][len(m.group(1)):] + " " + m.group(1) if m else lines.tr[i])
    text = " ".join(stream_t)
    return _entries(text), colophon


# (Not a year: ``2024 年度…`` opens a title in a 目录 without pages.)
_PAGE_FIRST = re.compile(r"^(\d{1,4})\s+(?=[\u4e00-\u9fff《【])(?![年月日号届期])")
_PAGE_LAST = re.compile(r"(?<![\d年月日号期])\(?\d{1,4}\)?$")


# A running head between the 目录 and the first document (``某县人民政府公报   2024年第2期``) is
# the issue's name and number, not an entry.
_IS_META = re.compile(r"^\S{2,12}:|公报$|^\d{4}年第\d+期|出版\(|^\(?[月季]刊"
                      r"|公报\s*(?:\d{4}\s*年\s*)?第\s*\d+\s*期(?:\s*\(总第\s*\d+\s*期\))?$")


def _entries(text: str) -> list[TocEntry]:
    f = fold(text)
    # (entry start, title end, number, page) for each entry, in order.
    spans: list[tuple[int, int, str | None, int | None]] = []
    pos = 0
    for d in find_doc_numbers(text, f):
        if d.start < pos:
            continue
        pos = _unnumbered(f, pos, d.start, spans)
        # The number is printed in parentheses right after the title.
        open_at = f.rfind("(", pos, d.start)
        title_end = open_at if open_at >= 0 and d.start - open_at <= 2 else d.start
        m = _PAGE_AFTER.match(f, d.end)
        found = m.group("page") or m.group("paren") or m.group("pg")
        page = int(found) if found else None
        spans.append((pos, title_end, d.normalized, page))
        pos = m.end()
    pos = _unnumbered(f, pos, len(f), spans)
    if f[pos:].strip(" ()"):
        spans.append((pos, len(f), None, None))

    entries: list[TocEntry] = []
    section: str | None = None
    # ``某政发〔2024〕11号  某县人民政府关于…的通知……1``: a 目录 printing each number before its
    # title, known by its first entry (a number with no title before it).
    number_first: bool | None = None
    pending: str | None = None
    for start, end, num, page in spans:
        raw = text[start:end].strip(" ()")
        fr = fold(raw)
        m = SECTION.match(fr)
        while m and _looks_like_section(fr, m):
            section = raw[m.start("sec"):m.end("sec")]
            raw = raw[m.end():].strip(" ()")
            fr = fold(raw)
            m = SECTION.match(fr)
        title = _ENUMERATOR.sub("", raw.replace(" ", ""))
        if number_first is None and (title or num):
            number_first = not title and page is None
        if number_first:
            if not title and num:
                if pending:
                    entries.append(TocEntry(title="", doc_number=pending, page=None, section=section))
                pending = num
                continue
            if title and not num and pending:
                entries.append(TocEntry(title=title, doc_number=pending, page=page, section=section))
                pending = None
                continue
        if not title and num and entries and entries[-1].doc_number is None and entries[-1].section == section:
            # ``某某的通知 …… 1`` / ``（某政发〔2024〕8号）``: the number printed under its entry's page.
            entries[-1].doc_number = num
            entries[-1].page = entries[-1].page if entries[-1].page is not None else page
            continue
        if title or num:
            entries.append(TocEntry(title=title, doc_number=num, page=page, section=section))
    if pending:
        entries.append(TocEntry(title="", doc_number=pending, page=None, section=section))
    return entries


# ``1.`` / ``一、`` / ``（1）`` numbering the entries of some 目录.
_ENUMERATOR = re.compile(r"^(?:\d{1,3}[.、．](?!\d)|[一二三四五六七八九十]{1,3}、|[(（]\d{1,3}[)）]|[(（][一二三四五六七八九十]{1,3}[)）])")


def _unnumbered(f: str, pos: int, end: int, spans: list) -> int:
    """Entries with no 发文字号 in ``f[pos:end]``, each ending with its 文种 and page."""
    for m in _TYPE_PAGE.finditer(f, pos, end):
        spans.append((pos, m.start(), None, int(m.group("page") or m.group("page2") or m.group("page3"))))
        pos = m.end()
    return pos


def _looks_like_section(fr: str, m: re.Match) -> bool:
    """A section heading stands alone or before a title (``人事任免文件 关于…``)."""
    rest = fr[m.end():].lstrip()
    if fr.lstrip().startswith(("【", "[")) and fr[: m.end()].rstrip().endswith(("】", "]")):
        return True  # ``【省政府令】`` is a heading whatever follows it
    if not rest or rest.startswith("关于"):
        return True
    if re.match(r"^[\u4e00-\u9fff]{2,20}\s?关于", rest) and "关于" not in fr[: m.end()]:
        return True
    # A heading on a line of its own (the 目录's lines are joined with a space) before a title
    # of any form (``人事任免`` / ``国务院任免国家工作人员``), when it reads as no title's start.
    return fr[m.end("sec"):m.end("sec") + 1] == " " and not _NOT_HEADING.search(m.group("sec"))


_NOT_HEADING = re.compile(r"关于|印发|转发|批转|的|和|与|及")
