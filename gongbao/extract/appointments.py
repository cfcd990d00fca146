"""Appointments and removals (任免) in personnel notices.

Two layouts are common: a list under ``决定任命:`` / ``决定免去:`` with one person a line
(``张三为某某局副局长(试用期一年);``, ``李四的某某局局长职务;``), and inline clauses
(``任命张三为…，免去李四的…职务``). Both are read clause by clause with the current verb.
"""

from __future__ import annotations

import re

from ..models import Appointment
from ..normalize.fold import fold

_NAME = r"[\u4e00-\u9fff·]{2,6}?"
_APPOINT = re.compile(rf"^(?P<person>{_NAME})(?:同志)?为(?P<post>.+?)$")
_REMOVE = re.compile(rf"^(?P<person>{_NAME})(?:同志)?的(?P<post>.+?)职务$")
_PROBATION = re.compile(r"\((?:试用期|任职试用期)[^()]*\)")
_TRAIL = ";:。,.、 "


def find_appointments(body: str) -> list[Appointment]:
    """Every appointment and removal stated in ``body``, in order."""
    out: list[Appointment] = []
    mode: str | None = None
    for para in body.split("\n"):
        f = fold(para)
        for clause in re.split(r"(?<=[;。,])", f):
            clause = clause.strip()
            if not clause:
                continue
            m = re.search(r"(?:决定)?(任命|聘任|聘用|免去|解聘)[:]?\s*$", clause)
            if m:
                mode = "remove" if m.group(1) in ("免去", "解聘") else "appoint"
                continue
            lead = re.match(r"^(?:决定)?(任命|聘任|聘用|免去|解聘)(?![:]?$)", clause)
            if lead:
                mode = "remove" if lead.group(1) in ("免去", "解聘") else "appoint"
                clause = clause[lead.end():]
            if mode is None:
                continue
            entry = _entry(clause.strip(_TRAIL), mode)
            if entry:
                out.append(entry)
    return out


def _entry(clause: str, mode: str) -> Appointment | None:
    probation = bool(_PROBATION.search(clause))
    text = _PROBATION.sub("", clause).strip(_TRAIL)
    if mode == "remove":
        m = _REMOVE.match(text)
        if m:
            return Appointment(m.group("person"), "remove", m.group("post").strip(_TRAIL), probation)
        return None
    m = _APPOINT.match(text)
    if m and len(m.group("post")) >= 2:
        return Appointment(m.group("person"), "appoint", m.group("post").strip(_TRAIL), probation)
    return None
