"""Ingest parsed issues into the archive: atomic, idempotent, versioned.

- atomic: one database transaction per issue; a failure leaves the archive as it was (and the
  search index, which is only touched after the commit);
- idempotent: the same text twice changes nothing (its SHA-256 is the current version's);
- versioned: a corrected issue becomes the next version; earlier versions keep their source
  text and full parse, retrievable by number;
- linking: citations resolve to archived documents whichever issue arrives first, and a
  repeal sets the repealed document's 时效性.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q

from ..extract.validity import status_on
from ..models import Gazette
from ..parse.gazette import parse_gazette
from ..sources import read_text
from . import models as m
from .identifiers import document_base, issue_key, number_parts
from .rows import insert_rows

CORRECTABLE = ("title", "doc_number", "doc_type", "recipients", "date", "disclosure", "section", "page",
               "embedded_title", "body", "issuers", "signatories")


@dataclass
class IngestResult:
    issue_key: str
    version: int
    documents: int
    changed: bool
    source: str

    def describe(self) -> str:
        if not self.changed:
            return f"{self.source}: unchanged ({self.issue_key}, version {self.version}, {self.documents} documents)"
        return f"{self.source}: ingested {self.issue_key} version {self.version} ({self.documents} documents)"


def ingest_file(path, index=None) -> IngestResult:
    """Read, parse and ingest one file (raises ``InputError`` for unreadable input)."""
    text = read_text(path)
    gazette = parse_gazette(text, source=str(path))
    return ingest_parsed(text, gazette, str(path), index=index)


def ingest_parsed(text: str, gazette: Gazette, source: str, index=None) -> IngestResult:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    key = issue_key(gazette.issue, gazette.documents)
    with transaction.atomic():
        lock_archive()
        issue = m.Issue.objects.select_for_update().filter(key=key).first()
        if issue is not None:
            current = issue.versions.filter(version=issue.version).first()
            if current is not None and current.sha256 == sha:
                return IngestResult(key, issue.version, issue.documents.count(), False, source)
        version = issue.version + 1 if issue else 1
        issue = _save_issue(issue, key, gazette, version)
        m.IssueVersion.objects.create(issue=issue, version=version, sha256=sha, source_name=source,
                                      source_text=text, parsed=gazette.to_dict())
        issue.documents.all().delete()
        docs = _save_documents(issue, gazette)
        touched = _link(docs) - {key}
        bump_generation([*touched, key])
        transaction.on_commit(lambda: ensure_index(index))
    return IngestResult(key, version, len(docs), True, source)


def _save_issue(issue, key: str, gazette: Gazette, version: int) -> m.Issue:
    info = gazette.issue
    fields = {
        "gazette": (info.gazette if info else "") or "",
        "year": info.year if info else None,
        "number": info.number if info else None,
        "cumulative_number": info.cumulative_number if info else None,
        "publication_date": _date(info.publication_date) if info else None,
        "publisher": (info.publisher if info else "") or "",
        "frequency": (info.frequency if info else "") or "",
        "metadata": gazette.to_dict()["issue"] or {},
        "toc": gazette.to_dict()["toc"],
        "warnings": list(gazette.warnings),
        "version": version,
    }
    if issue is None:
        return m.Issue.objects.create(key=key, **fields)
    for name, value in fields.items():
        setattr(issue, name, value)
    issue.save()
    return issue


def _save_documents(issue: m.Issue, gazette: Gazette) -> list[m.Document]:
    taken = set(m.Document.objects.exclude(issue=issue).values_list("slug", flat=True)
                .filter(slug__in=[document_base(d, issue.key) for d in gazette.documents]))
    saved: list[m.Document] = []
    seen: set[str] = set()
    corrections: dict[str, dict[str, object]] = {}
    for c in m.Correction.objects.filter(document_slug__in=[document_base(d, issue.key) for d in gazette.documents]):
        corrections.setdefault(c.document_slug, {})[c.field] = c.value
    for d in gazette.documents:
        base = document_base(d, issue.key)
        slug = base
        if slug in taken or slug in seen:
            slug = f"{base}~{issue.key}"
            k = 2
            while slug in seen:
                slug = f"{base}~{issue.key}~{k}"
                k += 1
        seen.add(slug)
        doc = m.Document(issue=issue, **document_fields(d, slug))
        edits = corrections.get(slug, {})
        for field_name, value in edits.items():
            if field_name in CORRECTABLE:
                setattr(doc, field_name, _date(value) if field_name == "date" else value)
        doc.edited_fields = sorted(edits)
        doc.save()
        saved.append(doc)
        m.Citation.objects.bulk_create([
            m.Citation(source=doc, doc_number=c.doc_number or "", title=c.title or "", relation=c.relation,
                       evidence=c.evidence) for c in d.citations])
        m.Appointment.objects.bulk_create([
            m.Appointment(document=doc, person=a.person, action=a.action, post=a.post,
                          organization=a.organization or "", probation=a.probation,
                          decided_by=a.decided_by or "", meeting=a.meeting or "",
                          decision_date=_date(a.decision_date), verb=a.verb or "") for a in d.appointments])
        m.Task.objects.bulk_create([
            m.Task(document=doc, task_id=t.id, text=t.text, lead_units=t.lead_units,
                   responsible_units=t.responsible_units, deadline=_date(t.deadline),
                   recurrence=t.recurrence or "",
                   targets=[{"metric": x.metric, "comparator": x.comparator, "value": x.value, "unit": x.unit}
                            for x in t.targets]) for t in d.tasks])
    save_organizations([(gazette, {d.seq: doc.pk for d, doc in zip(gazette.documents, saved, strict=True)})])
    return saved


def document_fields(d, slug: str) -> dict:
    """The column values of a parsed document (shared by ``ingest_parsed`` and ``bulk_load``)."""
    agency, year, number = number_parts(d.doc_number)
    v = d.validity
    return {
        "slug": slug, "seq": d.seq, "section": d.section or "", "doc_number": d.doc_number or "",
        "agency": agency, "number_year": year, "number_seq": number, "title": d.title, "issuers": d.issuers,
        "doc_type": d.doc_type or "", "recipients": d.recipients or "", "signatories": d.signatories,
        "date": _date(d.date), "disclosure": d.disclosure or "",
        "attachments": [{"title": a.title, "online_only": a.online_only} for a in d.attachments],
        "embedded_title": d.embedded_title or "", "page": d.page, "body": d.body, "warnings": d.warnings,
        "status": v.status if v else "in_force", "effective_from": _date(v.effective_from) if v else None,
        "effective_until": _date(v.effective_until) if v else None, "repealed_by": "",
        "validity_evidence": (v.evidence or "") if v else "", "edited_fields": [],
    }


def save_organizations(items: list[tuple[Gazette, dict[int, int]]]) -> None:
    """Organisations of issues (merged with those archived) and which documents name them.

    ``items`` pairs each issue with its documents' ids by ``seq``; one batch, few queries.
    """
    from ..extract.organizations import canonical, jurisdiction, split_unit_list

    seen: dict[str, tuple[set, set]] = {}
    for gazette, _ in items:
        for o in gazette.organizations:
            aliases, roles = seen.setdefault(o.name, (set(), set()))
            aliases.update(o.aliases)
            roles.update(o.roles)
    if not seen:
        return
    orgs = {o.name: o for o in m.Organization.objects.filter(name__in=list(seen))}
    new = []
    for name, (aliases, roles) in seen.items():
        org = orgs.get(name)
        if org is None:
            new.append(m.Organization(name=name, aliases=sorted(aliases), roles=sorted(roles)))
        elif not (aliases <= set(org.aliases) and roles <= set(org.roles)):
            org.aliases = sorted(set(org.aliases) | aliases)
            org.roles = sorted(set(org.roles) | roles)
            org.save(update_fields=["aliases", "roles"])
    if new:
        m.Organization.objects.bulk_create(new, ignore_conflicts=True)
        orgs = {o.name: o for o in m.Organization.objects.filter(name__in=list(seen))}
    mentions = []
    for gazette, doc_ids in items:
        for d in gazette.documents:
            juris = jurisdiction(d.issuers or d.signatories)
            named: dict[str, str] = {}
            for role, names in (("issuer", d.issuers), ("signatory", d.signatories),
                                ("recipient", split_unit_list(d.recipients or "")),
                                ("unit", [u for t in d.tasks for u in (*t.lead_units, *t.responsible_units)]),
                                ("post", [a.organization for a in d.appointments if a.organization])):
                for name in names:
                    full = canonical(name, juris)
                    if full in orgs:
                        named.setdefault(full, role)
            mentions += [(orgs[n].pk, doc_ids[d.seq], r) for n, r in named.items()]
    insert_rows("store_organizationmention", ("organization_id", "document_id", "role"), mentions)


def _link(docs: list[m.Document]) -> set[str]:
    """Resolve citations both ways and apply repeals to the documents they name.

    Returns the keys of the issues whose documents changed (their index entries must follow).
    """
    touched: set[str] = set()
    numbers = {d.doc_number: d for d in docs if d.doc_number}
    # Outgoing: this issue's citations to documents already archived (or in this issue).
    for c in m.Citation.objects.filter(source__in=docs).exclude(doc_number="").select_related("source"):
        target = numbers.get(c.doc_number) or _best_target(c)
        if target is not None and target.pk != c.source_id:
            c.target = target
            c.save(update_fields=["target"])
    # Incoming: earlier citations that waited for these documents.
    if numbers:
        for c in m.Citation.objects.filter(target__isnull=True, doc_number__in=list(numbers)):
            if c.source_id not in {d.pk for d in docs}:
                c.target = numbers[c.doc_number]
                c.save(update_fields=["target"])
    # Validity across documents: a repeal by any archived document.
    for c in m.Citation.objects.filter(relation="repeals", target__isnull=False).filter(
            target__in=docs) | m.Citation.objects.filter(relation="repeals", source__in=docs, target__isnull=False):
        target = c.target
        if target.status != "repealed" or target.repealed_by != c.source.doc_number:
            target.status = "repealed"
            target.repealed_by = c.source.doc_number or c.source.title
            target.validity_evidence = c.evidence
            target.save(update_fields=["status", "repealed_by", "validity_evidence"])
            touched.add(target.issue.key)
    return touched


def _best_target(c: m.Citation) -> m.Document | None:
    """The archived document a citation's number names. Two places can share a 机关代字
    (交政发 in two counties): prefer the document from the citing document's own place."""
    from ..extract.organizations import place_of

    candidates = list(m.Document.objects.filter(doc_number=c.doc_number)[:20])
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    places = {p for p in (place_of(o) for o in c.source.issuers) if p}
    for d in candidates:
        if any(o.startswith(p) or p in o for o in d.issuers for p in places):
            return d
    return candidates[0]


def lock_archive() -> None:
    """Take the archive's write lock first thing in a writing transaction: the counter row
    (PostgreSQL: a row lock; SQLite: the database write lock, taken up front so the
    transaction's snapshot is current). Writers take turns for the short write; parsing, the
    expensive part, runs outside and in parallel. Readers are never blocked."""
    m.SearchState.objects.filter(pk=1).update(generation=F("generation"))


def bump_generation(issue_keys: Iterable[str] | None) -> int:
    """Inside the writer's transaction: the next generation, logged with the issues it changed
    (``None``: everything). The counter's row lock orders concurrent writers, so generations
    commit in order and the log has no gaps."""
    m.SearchState.objects.get_or_create(pk=1)
    m.SearchState.objects.filter(pk=1).update(generation=F("generation") + 1)
    generation = m.SearchState.objects.get(pk=1).generation
    m.SearchLog.objects.create(generation=generation,
                               issues=None if issue_keys is None else sorted(set(issue_keys)))
    return generation


def catch_up(idx) -> None:
    """Bring this process's index up to the database: replay the issues logged since the
    index's generation, or rebuild when the log cannot say (a gap, a bulk load, a new index).
    Under the index's exclusive lock, so processes sharing an index take turns."""
    with idx.exclusive():
        have = idx.generation()
        state = m.SearchState.objects.filter(pk=1).first()
        want = state.generation if state else 0
        if have == want:
            return
        log = list(m.SearchLog.objects.filter(generation__gt=have).order_by("generation")
                   .values_list("generation", "issues"))
        contiguous = (have >= 0 and log and log[0][0] == have + 1 and log[-1][0] - have == len(log)
                      and log[-1][0] >= want and all(issues is not None for _, issues in log))
        if not contiguous:
            rebuild_index(idx)
            return
        keys = sorted({k for _, issues in log for k in issues})
        for k in keys:
            records = [index_record(d) for d in m.Document.objects.filter(issue__key=k).select_related("issue")]
            idx.replace_issue(k, records)
        # Recorded last: a crash in between leaves the index behind, and it replays again.
        idx.set_generation(log[-1][0])


def index_record(d: m.Document) -> dict:
    return {
        "slug": d.slug, "issue": d.issue.key, "title": d.title, "body": d.body, "doc_number": d.doc_number,
        "issuers": d.issuers, "doc_type": d.doc_type, "section": d.section, "status": current_status(d),
        "year": d.date.year if d.date else (d.issue.year or 0), "date": d.date.isoformat() if d.date else None,
    }


def rebuild_index(idx=None) -> int:
    """Rebuild the search index from the database (the source of truth)."""
    idx = idx or open_index()
    with idx.exclusive():
        # The generation is read first: documents read after it can only be newer, and the
        # log replays whatever changed since.
        state, _ = m.SearchState.objects.get_or_create(pk=1)
        return idx.rebuild(_all_records(), state.generation)


def _all_records(page: int = 2000):
    """Every document's index record, a page of ids at a time: memory stays flat on any
    backend (some drivers fetch a whole result set at once)."""
    last = 0
    while True:
        docs = list(m.Document.objects.select_related("issue").filter(pk__gt=last).order_by("pk")[:page])
        if not docs:
            return
        yield from (index_record(d) for d in docs)
        last = docs[-1].pk


_open_index = None


def open_index():
    """This process's search index (opened once: one reader, one writer lock)."""
    global _open_index
    from .search import SearchIndex

    if _open_index is None or _open_index.path != SearchIndex.default_path():
        _open_index = SearchIndex()
    return _open_index


def database_generation() -> int:
    """The generation the database is at: one row read before every search, in plain SQL
    (the ORM's query building costs more than the query)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(f"SELECT generation FROM {connection.ops.quote_name(m.SearchState._meta.db_table)} WHERE id = 1")
        row = cur.fetchone()
    return row[0] if row else 0


def ensure_index(idx=None):
    """The search index, first brought up to the database if it is behind."""
    idx = idx or open_index()
    generation = database_generation()
    if idx.generation() != generation:
        catch_up(idx)
    if idx.seen_generation != generation:
        idx.reload()  # another process committed: see its segments
        idx.seen_generation = generation
    _follow_the_calendar(idx)
    return idx


def _follow_the_calendar(idx) -> None:
    """Re-index the documents whose 时效性 changed since the index last looked at the date:
    those taking effect or expiring in between (the status facet must match the pages)."""
    today = today_date()
    last = idx.status_day()
    if last == today.isoformat():
        return
    if last:
        since = dt.date.fromisoformat(last)
        changed = m.Document.objects.filter(
            Q(effective_from__gt=since, effective_from__lte=today)
            | Q(effective_until__gte=since, effective_until__lt=today)).select_related("issue")
        records = [index_record(d) for d in changed]
        if records:
            idx.replace_documents(records)
    idx.set_status_day(today.isoformat())


def today_date() -> dt.date:
    """Today, for 时效性 (one place, so tests can move the calendar)."""
    return dt.date.today()


def current_status(d: m.Document, today: dt.date | None = None) -> str:
    """时效性 today: repealed by another document, or by the document's own dates, or as its
    publisher states it with no dates to go by (a website's ``有效性：已废止``)."""
    if d.repealed_by:
        return "repealed"
    if d.status in ("repealed", "expired") and not d.effective_until and d.validity_evidence:
        return d.status
    return status_on(d.effective_from, d.effective_until, today or today_date())


def _date(value) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
