"""Issue metadata from the cover and colophon (刊名, 年/期/总期, 出版日期, 主办单位, 刊期,
地址, 邮编, 电话, 赠阅范围)."""

from __future__ import annotations

import re

from ..models import IssueInfo
from ..normalize.fold import fold
from .dates import DATE_RE, parse_date, zh_number
from .lines import Lines, organs_only

_GAZETTE = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,30}公报)(?:\s|$|\d|第)")
_ZH_NUM = "[一二三四五六七八九十百零〇○]"
_ISSUE_NO = re.compile(
    rf"(?P<year>\d{{4}}|[〇○零一二三四五六七八九]{{4}})\s*(?:年\s*第\s*(?P<num>\d{{1,3}}|{_ZH_NUM}{{1,3}})\s*期"
    r"|年?\s*(?:No|NO|no)\.?\s*(?P<no>\d{1,3})"
    # The State Council's gazette numbers its issues: ``2024 第 10 号`` / ``2024年第10号``.
    r"|\s*年?\s*第\s*(?P<hao>\d{1,3})\s*号(?=\s*(?:\(|$)))"
    rf"(?:\s*\(?\s*总\s*第\s*(?P<cum>\d{{1,5}}|{_ZH_NUM}{{1,6}})\s*期\s*\)?)?"
)
_NUMBER_ALONE = re.compile(rf"(?<!总)第\s*(\d{{1,3}}|{_ZH_NUM}{{1,3}})\s*期")
_YEAR_ALONE = re.compile(r"^((?:19|20)\d{2})(?:年|\.\d{1,2}$|$)")
_YEAR_ANY = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_CUM = re.compile(rf"总\s*(?:第|号\s*[:：]?)\s*(\d{{1,5}}|{_ZH_NUM}{{1,6}})\s*[期号)]")
# Bounded: a cover's date stands within a few characters of its 出版 (an unbounded ``.+?日``
# would retry from every start on a text whose line breaks were lost).
_PUBDATE = re.compile(r"(?:出版日期|出版时间)[::]?\s*(.{1,30})|([^\s出]{1,20}日)\s*出版")
_FREQ = re.compile(r"(半月刊|双月刊|月刊|季刊|旬刊|周刊|年刊|半年刊)")
_FIELDS = {
    # (``主管主办：``: one unit both supervises and publishes.)
    "publisher": re.compile(r"^(?:主管\s*)?(?:主办单位|主办|编辑出版|编印单位|编印|出版单位)\s*[::]\s*(?P<v>.+)$"),
    "address": re.compile(r"^(?:地\s*址|通讯地址)\s*[::]\s*(?P<v>.+)$"),
    "postcode": re.compile(r"^(?:邮\s*编|邮政编码)\s*[::]\s*(?P<v>\d{6})"),
    "phone": re.compile(r"^(?:电\s*话|联系电话)\s*[::]\s*(?P<v>[\d()（）\-— ]{7,30})"),
}
# The editorial office, the publisher when the colophon names no 主办/编印 (``编辑：某某办公室``).
_EDITOR = re.compile(r"^(?:编辑单位|编辑部|编辑)\s*[::]\s*(?P<v>.+)$")
# ``某某人民政府办公厅 主办`` / ``某某人民政府办公室编印`` printed on the cover.
_PUBLISHER_BEFORE = re.compile(r"(?:^|\s)(?P<v>[\u4e00-\u9fff]{4,30}?)\s?(?:主办|编印|编辑出版|主编|编辑)(?:\s|$)")
_LETTER_SPACED = re.compile(r"^[\u4e00-\u9fff](?:[ \u3000]{1,3}[\u4e00-\u9fff]){3,30}(?:[ \u3000]|$)")
# A gazette's name printed over two lines, its country or place first: ``中华人民共和国`` / ``国务院公报``.
_NAME_HEAD = re.compile(r"^[\u4e00-\u9fff]{2,12}(?:共和国|自治区|特别行政区|省|市|县|区|州|盟|旗)$")
_DISTRIBUTION = re.compile(r"(?:赠阅|发送|发行|分送)(?:范围|对象)?\s*[::]\s*(?P<v>.+)$")
# The labels of a colophon, where several share a line.
_LABEL = re.compile(
    r"(?:主管单位|主管|主办单位|主办|编辑出版|编辑|编印单位|编印|出版单位|承办|地\s*址|通讯地址|邮\s*编|邮政编码|"
    r"电\s*话|联系电话|传\s*真|网\s*址|电子邮箱|邮箱|赠阅范围|发送范围|发行范围|分送范围|发送|发行|赠阅|分送|印刷|"
    r"刊号|准印证号|出版日期|出版时间)\s*[::]"
)


def _segments(f: str) -> list[tuple[int, int]]:
    """Spans of ``f`` from one colophon label to the next (the whole line when it has none)."""
    starts = [m.start() for m in _LABEL.finditer(f)]
    if len(starts) <= 1:
        return [(0, len(f))]
    if starts[0] != 0:
        starts.insert(0, 0)
    return [(a, b) for a, b in zip(starts, [*starts[1:], len(f)], strict=True)]


def parse_issue(lines: Lines, indices: list[int]) -> IssueInfo | None:
    """Issue metadata from the cover/colophon lines at ``indices``; None if there is no cover."""
    info = IssueInfo()
    numbered_hao = False
    editor = None
    for i in indices:
        raw, t, f = lines.raw[i], lines.tr[i], lines.ft[i]
        if info.gazette is None:
            name_t = t
            m = _GAZETTE.match(fold(raw.strip()))
            if m is None and _LETTER_SPACED.match(raw.strip()):
                # A cover's name letter-spaced: ``某 某 省 人 民 政 府 公 报``.
                name_t = raw.strip().replace(" ", "").replace("\u3000", "")
                m = _GAZETTE.match(fold(name_t))
            if m:
                info.gazette = (name_t[: len(m.group("name"))] if fold(name_t).startswith(m.group("name"))
                                else m.group("name"))
                prev = lines.ft[i - 1] if i - 1 in indices else ""
                if _NAME_HEAD.match(prev) and not info.gazette.startswith(prev):
                    info.gazette = lines.tr[i - 1] + info.gazette
        m = _ISSUE_NO.search(f)
        if m and info.number is None:
            info.year = zh_number(m.group("year"))
            info.number = zh_number(m.group("num") or m.group("no") or m.group("hao"))
            numbered_hao = bool(m.group("hao"))
            if m.group("cum"):
                info.cumulative_number = zh_number(m.group("cum"))
        if info.cumulative_number is None:
            m = _CUM.search(f)
            if m:
                info.cumulative_number = zh_number(m.group(1))
        m = _PUBDATE.search(f)
        if m and info.publication_date is None:
            info.publication_date = parse_date(m.group(1) or m.group(2))
        m = _FREQ.search(f)
        if m and info.frequency is None and len(f) < 60:
            info.frequency = m.group(1)
        for a, b in _segments(f):
            # ``地址：… 邮编：… 电话：…`` on one line: each label's value runs to the next label.
            seg_t, seg_f = t[a:b].strip(), f[a:b].strip()
            for name, rx in _FIELDS.items():
                m = rx.match(seg_f)
                if m and getattr(info, name) is None:
                    v = seg_t[m.start("v"):m.end("v")].strip()
                    setattr(info, name, v.replace(" ", "") if name != "address" else v)
            m = _EDITOR.match(seg_f) if editor is None else None
            if m:
                editor = seg_t[m.start("v"):m.end("v")].strip().replace(" ", "")
        m = _PUBLISHER_BEFORE.search(fold(raw))
        if m and info.publisher is None:
            info.publisher = raw[m.start("v"):m.end("v")]
        m = _DISTRIBUTION.search(f)
        if m and info.distribution is None:
            end = next((a for a, _ in _segments(f) if a > m.start("v")), len(f))
            info.distribution = t[m.start("v"):end].strip().rstrip("。")
    if info.number is None:
        # ``第3期`` printed apart from the year: the year comes from the cover's date.
        for i in indices:
            m = _NUMBER_ALONE.search(lines.ft[i])
            if m:
                info.number = zh_number(m.group(1))
                break
        if info.number is not None and info.year is None:
            year = info.publication_date[:4] if info.publication_date else None
            for i in indices:
                y = _YEAR_ALONE.search(lines.ft[i])
                if y and not year:
                    year = y.group(1)
            for i in indices:
                # ``第3期（总第123期） 2024年7月``: a year written anywhere on the cover.
                y = _YEAR_ANY.search(lines.ft[i])
                if y and not year:
                    year = y.group(1)
            info.year = int(year) if year else None
    if info.gazette is None and numbered_hao:
        info.year = info.number = info.cumulative_number = None  # ``2024年第1号`` of a 公告, not an issue
    if info.gazette is None and info.number is None:
        return None
    if info.publication_date is None:
        # A date alone on the cover, with no 出版 label, is the issue's date.
        info.publication_date = next((parse_date(lines.ft[i]) for i in indices
                                      if DATE_RE.fullmatch(lines.ft[i].strip("()"))), None)
    if info.publisher is None and editor:
        info.publisher = editor
    if info.publisher is None:
        # The organ printed on the cover under the title.
        for i in indices:
            organs = organs_only(lines.raw[i])
            if organs and len(organs) == 1:
                info.publisher = organs[0]
                break
    return info
