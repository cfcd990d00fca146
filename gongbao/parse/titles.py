"""Titles (标题) and kinds (文种) of official documents.

A title is 发文机关 + 关于 + 事由 + 文种 (GB/T 9704 §7.3.3); the 文种 is one of the fifteen
of 党政机关公文处理工作条例 art. 8, or 令. Orders and numbered 公告 head a document with
``机关 + 令/公告`` and a ``第N号`` line instead.
"""

from __future__ import annotations

import re

from ..normalize.fold import fold
from ..normalize.layout import tighten
from .organs import is_organ, split_organs

# The organ printed in front of a title's 关于 (``某县人民政府关于…``), for comparing titles.
LEADING_ISSUER = re.compile(r"^[\u4e00-\u9fff]{2,30}?(?=关于)")

DOC_TYPES = ("决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告",
             "请示", "批复", "议案", "函", "纪要", "令")
_TYPE_END = re.compile(r"(决议|决定|命令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|纪要|函|令)$")
_VERB = re.compile(r"关于|印发|转发|批转|颁发|颁布|公布|发布|同意")
# The verbs of a notice that hands on a text (印发/转发…), and a title quoted in 《》.
CARRY_VERB = re.compile(r"印发|转发|批转|颁发|颁布|发布")
QUOTED_TITLE = re.compile(r"《([^《》\n]{2,120})》")
_TERMINAL = re.compile(r"[。;!?]")
_NUMBERED_HEAD = re.compile(r"(令|公告|通告)$")
# Words that end like a 文种 but are not one (``条令``, ``司令``...).
_FALSE_TYPE = re.compile(r"(?:条令|司令|法令|指令|口令|禁令|号令|命令书|函数|信函|公函件)$")


_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


def doc_type_of(title: str) -> str | None:
    """The 文种 a title ends with: ``…的通知`` → 通知; ``某某人民政府令`` → 令."""
    t = tighten(fold(title))
    if t.endswith(")"):
        t = _TRAILING_NOTE.sub("", t).rstrip(")")  # ``…的通知(试行)``, ``…的决定(草案)``; a stray ``)``
    if _FALSE_TYPE.search(t):
        return None
    m = _TYPE_END.search(t)
    if not m:
        return None
    kind = m.group(1)
    return "令" if kind == "命令" else kind


def is_complete_title(text: str) -> bool:
    """True for a whole title: ``XX关于…的通知``, ``XX转发…的通知``, or ``XX人民政府令``."""
    t = tighten(fold(text))
    if not 4 <= len(t) <= 160 or _TERMINAL.search(t) or t[0] in "《(\"“":
        return False
    if doc_type_of(t) is None:
        return False
    if _VERB.search(t):
        return True
    return is_numbered_head(t)


def is_numbered_head(text: str) -> bool:
    """``山西省人民政府令``, ``某某人民代表大会常务委员会公告``: organ + 令/公告/通告."""
    t = tighten(fold(text))
    m = _NUMBERED_HEAD.search(t)
    if not m or len(t) > 40:
        return False
    head = t[: m.start()]
    if head.endswith("人民政府") or head.endswith("委员会") or is_organ(head):
        return True
    return head in {"国务院", "中华人民共和国国务院", "中华人民共和国主席"}


def is_title_fragment(text: str) -> bool:
    """A line that can be part of a title broken over lines."""
    return title_fragment_ft(tighten(fold(text)))


def title_fragment_ft(t: str) -> bool:
    """``is_title_fragment`` for a line already folded and tightened (``Lines.ft``)."""
    return 0 < len(t) <= 70 and t[0] not in "《(\"“" and t[-1] != ":" and not _TERMINAL.search(t)


def split_title(header: str) -> tuple[list[str], str]:
    """Split a header line into issuing organs and title.

    ``交城县人民政府 文水县人民政府 关于…的报告`` → (["交城县人民政府", "文水县人民政府"], "关于…的报告").
    When the part before 关于 is not a list of organs (``国务院办公厅转发国家发展改革委关于…``),
    the title keeps it and only the leading organs become issuers.
    """
    raw = header.strip()
    f = fold(raw)
    idx = f.find("关于")
    if idx > 0:
        prefix, rest = raw[:idx], raw[idx:]
        organs = split_organs(prefix)
        if organs and all(is_organ(o) for o in organs):
            return [tighten(o) for o in organs], tighten(rest)
    m = re.match(r"^(.*?)(转发|批转|印发|颁发|颁布|公布|发布)", f)
    if m and m.group(1).strip():
        organs = split_organs(raw[: m.end(1)])
        if organs and all(is_organ(o) for o in organs):
            return [tighten(o) for o in organs], tighten(raw)
    if is_numbered_head(raw):
        head = tighten(raw)
        return [head[: -len(_NUMBERED_HEAD.search(fold(head)).group(1))]], head
    return [], tighten(raw)
