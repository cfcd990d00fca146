"""时效性: when a document takes effect and until when, from its own words.

Read from the clauses the genre uses: ``自2024年10月1日起施行``, ``自印发之日起执行``,
``自公布之日起三十个工作日后施行`` (working days follow the official holiday calendar of
the ``chinese_calendar`` package; outside the years it knows, Monday–Friday), ``有效期5年``
(counted from the date the text names), ``有效期至2025年11月`` (to the end of that month),
``执行期限3年``, ``自…起试行``, and the text's own end (``2026年5月31日废止``, ``自…起失效``).
Repeal by another document is known only across documents: the archive sets it.
"""

from __future__ import annotations

import datetime as dt
import re

from ..models import Validity
from ..normalize.sentences import sentences_with
from ..normalize.words import any_word
from ..parse.dates import DATE_PATTERN, month_end, parse_date, zh_number

_NUM = r"(?P<n>\d+|[一二三四五六七八九十百两]+)"
_EVENT = r"(?:印发|发布|公布|颁布|发文|签发|下发|出台)"
_START = r"(?:施行|执行|实施|生效|试行|起施行|起执行|起实施|起生效|起试行)"
_FROM_DATE = re.compile(rf"自(?P<date>{DATE_PATTERN})(?:起{_START}?|(?=至))")
_FROM_WORKDAYS = re.compile(rf"自{_EVENT}之日起{_NUM}个?工作日(?:后|之后|以后){_START}")
_FROM_DAYS = re.compile(rf"自{_EVENT}之日起{_NUM}日(?:后|之后|以后){_START}")
_FROM_EVENT = re.compile(rf"自{_EVENT}之日起{_START}")
_VALID_YEARS = re.compile(rf"(?:有效期|试行期|实施期|执行期)(?:限)?(?:为|限为)?{_NUM}年")
# The text's own end: ``2026年5月31日废止`` (that day is its last), ``自2026年6月1日起失效`` (the day before).
_SELF_END = re.compile(rf"(?P<from>自)?(?P<date>{DATE_PATTERN})(?P<qi>起)?(?:废止|失效|停止执行)")
# ``有效期至2026年12月31日``, ``有效期自2024年1月1日至2028年12月31日``, ``执行至…``, ``…起执行，至2025年12月31日止``.
_UNTIL = (rf"(?:有效期(?:自(?:{DATE_PATTERN})起?)?(?:至|到|截至|截止到|截止至|截止)"
          r"|本[\u4e00-\u9fff]{1,8}?(?:执行|实施|施行|试行)(?:期)?(?:至|到)"
          r"|起(?:施行|执行|实施|试行)[,;]?至)")
_VALID_UNTIL_DATE = re.compile(rf"{_UNTIL}(?P<date>{DATE_PATTERN})")
_VALID_UNTIL_MONTH = re.compile(rf"{_UNTIL}(?P<y>\d{{4}})年(?P<m>\d{{1,2}})月(?:底|末)?")
_VALID_UNTIL_YEAR = re.compile(rf"{_UNTIL}(?P<y>\d{{4}})年(?:底|末)?")
_KEYWORDS = any_word(("起", "有效期", "试行期", "执行期", "废止", "失效", "执行至", "实施至", "施行至", "试行至"))


def document_validity(folded_body: str, body: str, doc_date: str | None, as_of: dt.date) -> Validity:
    """The validity of a document read from its body, as of ``as_of``."""
    start: dt.date | None = None
    until: dt.date | None = None
    evidence: list[str] = []
    base = _iso(doc_date)
    if ("效" in folded_body or "施行" in folded_body or "执行" in folded_body or "实施" in folded_body
            or "试行" in folded_body or "废止" in folded_body):
        for a, b in sentences_with(folded_body, _KEYWORDS):
            s = folded_body[a:b]
            found = False
            if start is None:
                got = _start_in(s, base)
                if got is not None:
                    start, found = got, True
            if until is None:
                got = _until_in(s, start or base)
                if got is not None:
                    until, found = got, True
            if found:
                evidence.append(body[a:b].strip())
            if start and until:
                break
    start = start or base
    return Validity(status=status_on(start, until, as_of), effective_from=start.isoformat() if start else None,
                    effective_until=until.isoformat() if until else None,
                    evidence="".join(evidence) or None, as_of=as_of.isoformat())


def status_on(start: dt.date | None, until: dt.date | None, day: dt.date) -> str:
    """时效性 on ``day`` of a text in force from ``start`` to ``until`` (both days included)."""
    if start and day < start:
        return "not_yet_effective"
    if until and day > until:
        return "expired"
    return "in_force"


def _start_in(s: str, base: dt.date | None) -> dt.date | None:
    m = _FROM_DATE.search(s)
    if m:
        return _iso(parse_date(m.group("date")))
    if base is None:
        return None
    m = _FROM_WORKDAYS.search(s)
    if m:
        return add_working_days(base, zh_number(m.group("n")) or 0)
    m = _FROM_DAYS.search(s)
    if m:
        return base + dt.timedelta(days=zh_number(m.group("n")) or 0)
    if _FROM_EVENT.search(s):
        return base
    return None


def _until_in(s: str, start: dt.date | None) -> dt.date | None:
    m = _VALID_UNTIL_DATE.search(s)
    if m:
        return _iso(parse_date(m.group("date")))
    m = _VALID_UNTIL_MONTH.search(s)
    if m:
        y, mo = int(m.group("y")), int(m.group("m"))
        if 1 <= mo <= 12:
            return month_end(y, mo)
    m = _VALID_UNTIL_YEAR.search(s)
    if m:
        return dt.date(int(m.group("y")), 12, 31)
    m = _SELF_END.search(s)
    if m and "同时" not in s[max(0, m.start() - 4):m.start()] and not _names_another(s, m.start()):
        end = _iso(parse_date(m.group("date")))
        if end is not None:
            return end - dt.timedelta(days=1) if m.group("qi") else end
    m = _VALID_YEARS.search(s)
    if m and start is not None:
        years = zh_number(m.group("n")) or 0
        try:
            end = start.replace(year=start.year + years)
        except ValueError:  # 29 February
            end = start.replace(year=start.year + years, day=28)
        return end - dt.timedelta(days=1)
    return None


def _names_another(s: str, pos: int) -> bool:
    """The sentence before ``pos`` names another text (``《…》…废止``): a repeal, not an expiry."""
    return "》" in s[:pos] or "号)" in s[:pos]


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The ``n``-th working day after ``start`` under the official holiday calendar."""
    day = start
    counted = 0
    while counted < n:
        day += dt.timedelta(days=1)
        if is_workday(day):
            counted += 1
    return day


def is_workday(day: dt.date) -> bool:
    try:
        import chinese_calendar
        return chinese_calendar.is_workday(day)
    except (ImportError, NotImplementedError):
        return day.weekday() < 5


def _iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
