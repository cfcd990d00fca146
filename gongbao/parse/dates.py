"""Dates as official documents write them: 2024年7月5日, 二〇二四年七月五日, 2024.7.5."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..normalize.fold import fold

_ZH_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ο": 0, "0": 0, "一": 1, "二": 2, "三": 3,
             "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "两": 2}
_ZH = "〇○零OΟ一二三四五六七八九十两"
DATE_RE = re.compile(
    rf"(?P<y>\d{{4}}|[{_ZH}0]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_ZH}]{{1,3}})\s*月\s*(?P<d>\d{{1,2}}|[{_ZH}]{{1,3}})\s*[日号]"
)
# The same shape without named groups, to embed in larger patterns.
DATE_PATTERN = re.sub(r"\(\?P<\w+>", "(?:", DATE_RE.pattern)
# ``2024.3.5``, ``2024-03-05``, ``2024/3/5``.
DOTTED_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[.\-/](?P<m>\d{1,2})[.\-/](?P<d>\d{1,2})(?!\d)")
# A date to the month only: ``2024年3月``.
YEAR_MONTH = re.compile(rf"(?P<y>\d{{4}}|[{_ZH}0]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_ZH}]{{1,3}})\s*月")


_ZH_UNIT = {"十": 10, "百": 100, "千": 1000}


def zh_number(s: str) -> int | None:
    """``二十五`` → 25, ``十二`` → 12, ``二〇二四`` → 2024, ``12`` → 12."""
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if "百" in s or "千" in s:
        # ``一百二十三``, ``一百零五``, ``二千``: units below ten thousand.
        value, digit = 0, None
        for ch in s:
            if ch in _ZH_DIGIT:
                digit = _ZH_DIGIT[ch]
            elif ch in _ZH_UNIT:
                value += (1 if digit is None else digit) * _ZH_UNIT[ch]
                digit = None
            else:
                return None
        return value + (digit or 0)
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _ZH_DIGIT.get(tens, None) if tens else 1
        o = _ZH_DIGIT.get(ones, None) if ones else 0
        if t is None or o is None:
            return None
        return t * 10 + o
    value = 0
    for ch in s:
        if ch not in _ZH_DIGIT:
            return None
        value = value * 10 + _ZH_DIGIT[ch]
    return value


def _make(y: str, m: str, d: str) -> str | None:
    yy, mm, dd = zh_number(y), zh_number(m), zh_number(d)
    if yy is None or mm is None or dd is None:
        return None
    try:
        return dt.date(yy, mm, dd).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ``YYYY-MM-DD``, or None."""
    f = fold(text)
    for m in DATE_RE.finditer(f):
        iso = _make(m.group("y"), m.group("m"), m.group("d"))
        if iso:
            return iso
    m = DOTTED_DATE.search(f)
    if m:
        return _make(m.group("y"), m.group("m"), m.group("d"))
    return None


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month: what ``2024年6月底前`` or ``有效期至2025年12月`` reaches."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])
