"""Bulk loading of already-parsed issues: many issues per transaction and per index commit.

``ingest_parsed`` handles one issue with full versioning and linking; loading a province's
back catalogue (or a benchmark's synthetic million documents) needs the same rows written in
large batches. Memory stays flat: issues stream in, batches are written and dropped.
Citations are linked and repeals applied once at the end, in SQL.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable

from django.db import connection, transaction

from ..models import Gazette
from . import models as m
from .identifiers import document_base, issue_key
from .ingest import (
    _date,
    bump_generation,
    catch_up,
    document_fields,
    lock_archive,
    open_index,
    save_organizations,
)
from .rows import insert_rows, own_references_unchecked
from .search import SearchIndex


def bulk_load(issues: Iterable[tuple[str, Gazette, str]], batch_issues: int = 200,
              index: SearchIndex | None = None, progress=None) -> int:
    """Load ``(text, gazette, source)`` triples of new issues; returns documents loaded.

    Issues already in the archive are skipped (use ``ingest_parsed`` to version them).
    """
    idx = index or open_index()
    with idx.exclusive():
        # The loaded documents are added to the index as it stands: it must first be whole
        # (new, behind, or emptied by a format change, it is brought up to the database).
        catch_up(idx)
        return _bulk_load(issues, batch_issues, idx, progress)


def _bulk_load(issues, batch_issues, idx, progress) -> int:
    # Half a gigabyte for the index writers (one per shard): segments four times the size of
    # the 64 MB a shard that a single ingest uses, so a million documents are merged fewer times
    # over. Measured at a million: 2,041 docs/s on PostgreSQL and 2,181 on SQLite, against 1,890
    # and 2,030–2,050 with 128 MB; the heap stays flat at 700–900 MB (README, "Performance").
    writer = idx.writer(512_000_000)
    total = 0
    batch: list[tuple[str, Gazette, str]] = []

    def flush():
        nonlocal total
        if not batch:
            return
        with transaction.atomic():
            lock_archive()
            docs = _write_batch(batch)
        for d in docs:
            writer.add(d)
        total += len(docs)
        batch.clear()
        if progress:
            progress(total)

    for item in issues:
        batch.append(item)
        if len(batch) >= batch_issues:
            flush()
    flush()
    with transaction.atomic():
        lock_archive()
        link_all()
        generation = bump_generation(None)  # other processes' indexes rebuild
    writer.commit()
    idx.set_generation(generation)
    idx.reload()
    return total


_DOC_COLUMNS = ("slug", "issue_id", "seq", "section", "doc_number", "agency", "number_year", "number_seq", "title",
                "issuers", "doc_type", "recipients", "signatories", "date", "disclosure", "attachments",
                "embedded_title", "page", "body", "warnings", "status", "effective_from", "effective_until",
                "repealed_by", "validity_evidence", "edited_fields")


_JSON_COLUMNS = {"issuers", "signatories", "attachments", "warnings", "edited_fields"}


# One encoder for every row: ``json.dumps`` with options builds a new one on each call.
_JSON = json.JSONEncoder(ensure_ascii=False).encode
_PLAIN = re.compile(r'[^"\\\x00-\x1f\x7f]*')  # nothing JSON escapes


def _json_list(items) -> str:
    """JSON text of a list; plain strings (the common case) without the encoder's overhead."""
    if not items:
        return "[]"
    try:
        plain = _PLAIN.fullmatch("".join(items))
    except TypeError:  # not all strings
        return _JSON(items)
    return '["' + '","'.join(items) + '"]' if plain else _JSON(items)


def _write_batch(batch) -> list[dict]:
    """Write a batch of issues with plain ``executemany`` (model instances cost more than the rows).

    What is already archived is looked up per batch, so memory does not grow with the archive.
    """
    issues = []
    pending = []
    keys = [issue_key(g.issue, g.documents) for _, g, _ in batch]
    existing = set(m.Issue.objects.filter(key__in=keys).values_list("key", flat=True))
    wanted = [document_base(d, k) for k, (_, g, _) in zip(keys, batch, strict=True) for d in g.documents]
    slugs = set()
    for start in range(0, len(wanted), 900):
        slugs |= set(m.Document.objects.filter(slug__in=wanted[start:start + 900]).values_list("slug", flat=True))
    for key, (text, g, source) in zip(keys, batch, strict=True):
        if key in existing:
            continue
        existing.add(key)
        info = g.issue
        issues.append(m.Issue(key=key, gazette=(info.gazette if info else "") or "", year=info.year if info else None,
                              number=info.number if info else None,
                              publication_date=_date(info.publication_date) if info else None,
                              publisher=(info.publisher if info else "") or "", metadata={}, toc=[], version=1))
        pending.append((key, g, text, source))
    with own_references_unchecked():
        records, organizations = _write_rows(issues, pending, slugs)
    save_organizations(organizations)
    return records


def _write_rows(issues, pending, slugs):
    """The batch's issues, versions, documents and registers: rows that point only to rows
    written here."""
    m.Issue.objects.bulk_create(issues, batch_size=500)
    ids = dict(m.Issue.objects.filter(key__in=[k for k, *_ in pending]).values_list("key", "id"))
    versions, doc_rows, records, registers = [], [], [], []
    slug_of: dict[int, str] = {}
    for key, g, text, source in pending:
        issue_id = ids[key]
        versions.append(m.IssueVersion(issue_id=issue_id, version=1, sha256=hashlib.sha256(text.encode()).hexdigest(),
                                       source_name=source, source_text="", parsed={}))
        year_of_issue = g.issue.year if g.issue else None
        for d in g.documents:
            base = document_base(d, key)
            slug = base if base not in slugs else f"{base}~{key}"
            slugs.add(slug)
            fields = document_fields(d, slug)
            fields["issue_id"] = issue_id
            doc_rows.append(tuple(
                _json_list(fields[c]) if c in _JSON_COLUMNS else fields[c] for c in _DOC_COLUMNS))
            registers.append((slug, d))
            slug_of[id(d)] = slug
            records.append({"slug": slug, "issue": key, "title": d.title, "body": d.body,
                            "doc_number": d.doc_number, "issuers": d.issuers, "doc_type": d.doc_type,
                            "section": d.section, "status": fields["status"],
                            "year": int(d.date[:4]) if d.date else (year_of_issue or 0), "date": d.date})
    m.IssueVersion.objects.bulk_create(versions, batch_size=500)
    insert_rows("store_document", _DOC_COLUMNS, doc_rows)
    doc_ids = dict(m.Document.objects.filter(issue_id__in=list(ids.values())).values_list("slug", "id"))
    citations, appointments, tasks = [], [], []
    for slug, d in registers:
        did = doc_ids[slug]
        tasks += [(did, t.id, t.text, _json_list(t.lead_units), _json_list(t.responsible_units),
                   _date(t.deadline), t.recurrence or "",
                   _JSON([{"metric": x.metric, "comparator": x.comparator, "value": x.value, "unit": x.unit}
                          for x in t.targets]) if t.targets else "[]") for t in d.tasks]
        citations += [(did, c.doc_number or "", c.title or "", c.relation, c.evidence) for c in d.citations]
        appointments += [(did, a.person, a.action, a.post, a.organization or "", a.probation, a.decided_by or "",
                          a.meeting or "", a.decision_date, a.verb or "") for a in d.appointments]
    insert_rows("store_citation", ("source_id", "doc_number", "title", "relation", "evidence"), citations)
    insert_rows("store_appointment", ("document_id", "person", "action", "post", "organization", "probation",
                                  "decided_by", "meeting", "decision_date", "verb"), appointments)
    insert_rows("store_task", ("document_id", "task_id", "text", "lead_units", "responsible_units", "deadline",
                           "recurrence", "targets"), tasks)
    return records, [(g, {d.seq: doc_ids[slug_of[id(d)]] for d in g.documents}) for _, g, _, _ in pending]


def link_all() -> None:
    """Resolve every unresolved citation whose number is archived, and apply repeals (SQL)."""
    with connection.cursor() as cur:
        cur.execute("""
            UPDATE store_citation SET target_id = (
                SELECT d.id FROM store_document d WHERE d.doc_number = store_citation.doc_number
                ORDER BY d.id LIMIT 1)
            WHERE target_id IS NULL AND doc_number <> ''
              AND EXISTS (SELECT 1 FROM store_document d WHERE d.doc_number = store_citation.doc_number)
        """)
        cur.execute("""
            UPDATE store_document SET status = 'repealed', repealed_by = (
                SELECT s.doc_number FROM store_citation c JOIN store_document s ON s.id = c.source_id
                WHERE c.target_id = store_document.id AND c.relation = 'repeals' ORDER BY c.id LIMIT 1)
            WHERE EXISTS (SELECT 1 FROM store_citation c
                          WHERE c.target_id = store_document.id AND c.relation = 'repeals'
                            AND c.source_id <> store_document.id)
        """)
