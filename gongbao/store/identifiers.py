"""Stable identifiers: one place builds the ids that the archive's addresses use.

- an issue: ``刊名-年-期`` (``交城县人民政府公报-2024-3``);
- a document: from its 发文字号, ``机关代字-年-号`` (``交政发-2024-10``), an order
  ``发布机关令-号`` (``山西省人民政府令-305``); a document without a number: its issue id and a
  short hash of its title, which survive a corrected re-issue that renumbers documents.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from ..models import Document, IssueInfo

_UNSAFE = re.compile(r"[\s/\\?#%〔〕\[\]()（）《》\"'<>]+")


def issue_key(info: IssueInfo | None, documents: list[Document]) -> str:
    if info and info.gazette and info.year and info.number:
        return _clean(f"{info.gazette}-{info.year}-{info.number}")
    if info and info.gazette and info.publication_date:
        return _clean(f"{info.gazette}-{info.publication_date}")
    first = documents[0] if documents else None
    if first is not None:
        return "单篇-" + document_base(first, "")
    return "未命名"


def document_base(doc: Document, issue: str) -> str:
    """The id a document's 发文字号 gives it (before any collision is resolved)."""
    number = doc.doc_number or ""
    agency, year, seq = number_parts(number)
    if agency:
        return _clean("-".join(str(p) for p in (agency, year, seq) if p is not None))
    m = re.match(r"^(.+?)第(\d+)号$", number)
    if m:  # ``某省人民政府令第5号``, ``某市人大常委会公告〔十七届〕第12号``
        return _clean(f"{_clean(m.group(1))}-{m.group(2)}")
    digest = hashlib.sha1(doc.title.encode("utf-8")).hexdigest()[:8]
    return _clean(f"{issue}-{digest}" if issue else digest)


@lru_cache(maxsize=4096)
def number_parts(doc_number: str | None) -> tuple[str, int | None, int | None]:
    """(机关代字, year, number) of a normalised 发文字号 (remembered: a bulk load asks for each
    number's parts four times)."""
    m = re.match(r"^(.+?)〔(\d{4})〕(\d+)号$", doc_number or "")
    if m:
        return m.group(1), int(m.group(2)), int(m.group(3))
    m = _NUMBERED.match(doc_number or "")
    if m:
        return m.group(1), int(m.group(2)) if m.group(2) else None, int(m.group(3))
    return "", None, None


# Orders and numbered announcements: ``国务院令第777号``, ``国家税务总局公告2024年第1号``.
_NUMBERED = re.compile(r"^(.+?(?:令|公告|通告))(?:(\d{4})年)?第(\d+)号$")


def _clean(s: str) -> str:
    return _UNSAFE.sub("-", s).strip("-")[:180]
