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
    """One 任免 entry, a Popolo-style membership: a person in a post of an organisation."""

    person: str
    action: str  # "appoint" | "remove"
    post: str
    probation: bool = False
    organization: str | None = None   # the organisation the post belongs to
    decided_by: str | None = None     # the body that decided (人民政府, 人大常委会)
    meeting: str | None = None        # e.g. 第44次常务会议
    decision_date: str | None = None  # YYYY-MM-DD
    verb: str | None = None           # the text's own verb: 任命, 免去, 聘任, 解聘, 辞去, 代理…


@dataclass
class Citation:
    """A reference from one document to another, with the sentence that makes it."""

    doc_number: str | None
    title: str | None
    relation: str  # basis | implements | forwards | replies_to | repeals | amends | cites
    evidence: str


@dataclass
class Validity:
    """时效性 of a document as of a date, with the sentence it rests on."""

    status: str  # in_force | repealed | expired | not_yet_effective
    effective_from: str | None = None
    effective_until: str | None = None
    repealed_by: str | None = None
    evidence: str | None = None
    as_of: str | None = None


@dataclass
class Target:
    """A quantitative target: ``毛入园率达到90%以上`` → 毛入园率 >= 90 %."""

    metric: str
    comparator: str  # ">=", "<=", ">", "<", "=", "~"
    value: float
    unit: str | None = None


@dataclass
class Task:
    """A numbered task or measure of a plan, with who leads it and by when."""

    id: str
    text: str
    lead_units: list[str] = field(default_factory=list)
    responsible_units: list[str] = field(default_factory=list)
    deadline: str | None = None
    recurrence: str | None = None
    targets: list[Target] = field(default_factory=list)


@dataclass
class Organization:
    """An organisation named in the issue, under its canonical (full) name."""

    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # issuer, recipient, signatory, unit, post


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
    citations: list[Citation] = field(default_factory=list)
    validity: Validity | None = None
    tasks: list[Task] = field(default_factory=list)
    # Short names seen in the text → canonical names (not part of the JSON contract).
    name_map: dict[str, str] = field(default_factory=dict, repr=False, compare=False,
                                     metadata={"internal": True})

    def to_dict(self) -> dict:
        return _ordered(self, DOCUMENT_KEYS)


@dataclass
class Gazette:
    """A parsed gazette issue (or a single document, with ``issue`` None)."""

    issue: IssueInfo | None = None
    toc: list[TocEntry] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "issue": asdict(self.issue) if self.issue else None,
            "toc": [asdict(t) for t in self.toc],
            "documents": [d.to_dict() for d in self.documents],
            "warnings": list(self.warnings),
            "organizations": [asdict(o) for o in self.organizations],
        }


# Key order of a document in the JSON output: the order the README documents.
DOCUMENT_KEYS = (
    "seq", "section", "doc_number", "title", "issuers", "doc_type", "recipients",
    "signatories", "date", "disclosure", "attachments", "embedded_title", "page",
    "cites", "repeals", "appointments", "body", "warnings",
    # Registers (added without changing the keys above).
    "citations", "validity", "tasks",
)


def _ordered(obj, keys) -> dict:
    data = asdict(obj)
    return {k: data[k] for k in keys}
