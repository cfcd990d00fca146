"""Typed records for everything the parser produces.

These dataclasses are the public contract: ``to_dict()`` yields exactly the JSON that
``gongbao parse`` prints (see README, "JSON contract"). New keys may be added; existing
keys never change meaning.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class IssueInfo:
    """Cover and colophon metadata of one gazette issue."""

    gazette: str | None = None
    year: int | None = None
    number: int | None = None
    cumulative_number: int | None = None
    publication_date: str | None = None
    publisher: str | None = None
    frequency: str | None = None
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    distribution: str | None = None


@dataclass
class TocEntry:
    """One line of the printed table of contents, repaired against the body."""

    title: str
    doc_number: str | None = None
    page: int | None = None
    section: str | None = None
    in_body: bool = True   # the document is present in the body
    in_toc: bool = True    # the entry is printed in the 目录 (False: recovered from the body)


@dataclass
class Attachment:
    title: str
    online_only: bool = False


@dataclass
class Appointment:
    person: str
    action: str  # "appoint" | "remove"
    post: str
    probation: bool = False


@dataclass
class Document:
    """One official document (公文) with its GB/T 9704 elements."""

    seq: int
    title: str
    section: str | None = None
    doc_number: str | None = None
    issuers: list[str] = field(default_factory=list)
    doc_type: str | None = None
    recipients: str | None = None
    signatories: list[str] = field(default_factory=list)
    date: str | None = None
    disclosure: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    embedded_title: str | None = None
    page: int | None = None
    cites: list[str] = field(default_factory=list)
    repeals: list[str] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    body: str = ""
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return _ordered(self, DOCUMENT_KEYS)


@dataclass
class Gazette:
    """A parsed gazette issue (or a single document, with ``issue`` None)."""

    issue: IssueInfo | None = None
    toc: list[TocEntry] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "issue": asdict(self.issue) if self.issue else None,
            "toc": [asdict(t) for t in self.toc],
            "documents": [d.to_dict() for d in self.documents],
            "warnings": list(self.warnings),
        }


# Key order of a document in the JSON output: the order the README documents.
DOCUMENT_KEYS = (
    "seq", "section", "doc_number", "title", "issuers", "doc_type", "recipients",
    "signatories", "date", "disclosure", "attachments", "embedded_title", "page",
    "cites", "repeals", "appointments", "body", "warnings",
)


def _ordered(obj, keys) -> dict:
    data = asdict(obj)
    return {k: data[k] for k in keys}
