"""Bulk export of the whole archive: JSON (one array, streamed) or CSV tables."""

from __future__ import annotations

import csv
import json
from pathlib import Path

DOCUMENT_COLUMNS = ("id", "issue", "seq", "section", "doc_number", "title", "issuers", "doc_type", "recipients",
                    "signatories", "date", "disclosure", "page", "status", "effective_from", "effective_until",
                    "repealed_by", "embedded_title", "body")


def export_json(out) -> int:
    """Write every document (with its registers) as one JSON array; returns the count."""
    from ..store import models as m
    from ..web.queries import document_detail

    out.write("[\n")
    n = 0
    for d in m.Document.objects.select_related("issue").order_by("issue__key", "seq").iterator(chunk_size=500):
        if n:
            out.write(",\n")
        out.write(json.dumps(document_detail(d), ensure_ascii=False))
        n += 1
    out.write("\n]\n")
    return n


def export_csv(directory: Path) -> dict[str, int]:
    """Write documents.csv, citations.csv, appointments.csv, tasks.csv, organizations.csv."""
    from ..store import models as m
    from ..store.ingest import current_status

    directory.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}

    def table(name, header, rows):
        with open(directory / f"{name}.csv", "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            n = 0
            for row in rows:
                w.writerow(row)
                n += 1
        counts[name] = n

    docs = m.Document.objects.select_related("issue").order_by("issue__key", "seq")
    table("documents", DOCUMENT_COLUMNS, (
        (d.slug, d.issue.key, d.seq, d.section, d.doc_number, d.title, "、".join(d.issuers), d.doc_type,
         d.recipients, "、".join(d.signatories), d.date or "", d.disclosure, d.page or "", current_status(d),
         d.effective_from or "", d.effective_until or "", d.repealed_by, d.embedded_title, d.body)
        for d in docs.iterator(chunk_size=500)))
    table("citations", ("source", "doc_number", "title", "relation", "target", "evidence"), (
        (c.source.slug, c.doc_number, c.title, c.relation, c.target.slug if c.target else "", c.evidence)
        for c in m.Citation.objects.select_related("source", "target").iterator(chunk_size=2000)))
    table("appointments", ("document", "person", "action", "verb", "post", "organization", "probation",
                           "decided_by", "meeting", "decision_date"), (
        (a.document.slug, a.person, a.action, a.verb, a.post, a.organization, int(a.probation), a.decided_by,
         a.meeting, a.decision_date or "")
        for a in m.Appointment.objects.select_related("document").iterator(chunk_size=2000)))
    table("tasks", ("document", "task_id", "text", "lead_units", "responsible_units", "deadline", "recurrence"), (
        (t.document.slug, t.task_id, t.text, "、".join(t.lead_units), "、".join(t.responsible_units),
         t.deadline or "", t.recurrence) for t in m.Task.objects.select_related("document").iterator(chunk_size=2000)))
    table("organizations", ("name", "aliases", "roles"), (
        (o.name, "、".join(o.aliases), "、".join(o.roles)) for o in m.Organization.objects.iterator()))
    return counts
