"""What the pages and the API both show: one function per resource, returning plain dicts.

The HTML views and the JSON API are thin layers over these, so the two never disagree.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re

from django.db.models import Count, Q
from django.urls import get_script_prefix
from django.urls import reverse as _reverse

from ..normalize.fold import fold
from ..store import models as m
from ..store.ingest import current_status, ensure_index
from ..store.search import FACETS

STATUS_ZH = {"in_force": "现行有效", "repealed": "已废止", "expired": "已失效", "not_yet_effective": "尚未施行"}
RELATION_ZH = {"basis": "依据", "implements": "印发", "forwards": "转发", "replies_to": "批复",
               "repeals": "废止", "amends": "修改", "cites": "引用"}
FACET_ZH = {"issuer": "发文机关", "doc_type": "文种", "year": "年份", "section": "栏目", "status": "时效性"}
PAGE_SIZE = 20


def reverse(name: str, args: list) -> str:
    """``django.urls.reverse`` remembered: a page of hits links forty addresses, and building
    one costs more than the rest of the hit (the script prefix is part of the key)."""
    return _reversed(name, tuple(args), get_script_prefix())


@functools.lru_cache(maxsize=50_000)
def _reversed(name: str, args: tuple, prefix: str) -> str:
    return _reverse(name, args=list(args))


def issue_summary(i: m.Issue) -> dict:
    return {
        "id": i.key, "gazette": i.gazette, "year": i.year, "number": i.number,
        "cumulative_number": i.cumulative_number,
        "publication_date": i.publication_date.isoformat() if i.publication_date else None,
        "publisher": i.publisher, "version": i.version, "url": reverse("issue", args=[i.key]),
    }


def issue_detail(i: m.Issue) -> dict:
    docs = {(d.doc_number, d.title): d for d in i.documents.all()}
    by_seq = {d.seq: d for d in docs.values()}
    toc = []
    for e in i.toc:
        d = docs.get((e.get("doc_number"), e.get("title")))
        toc.append({**e, "document": d.slug if d else None,
                    "url": reverse("document", args=[d.slug]) if d else None})
    return {
        **issue_summary(i), "metadata": i.metadata, "toc": toc, "warnings": i.warnings,
        "versions": [{"version": v.version, "ingested_at": v.ingested_at.isoformat(), "source": v.source_name,
                      "sha256": v.sha256} for v in i.versions.all()],
        "documents": [document_summary(by_seq[k]) for k in sorted(by_seq)],
    }


def document_summary(d: m.Document) -> dict:
    return {
        "id": d.slug, "doc_number": d.doc_number or None, "title": d.title, "issuers": d.issuers,
        "doc_type": d.doc_type or None, "date": d.date.isoformat() if d.date else None,
        "status": current_status(d), "url": reverse("document", args=[d.slug]),
    }


def document_detail(d: m.Document) -> dict:
    status = current_status(d)
    out = {
        **document_summary(d),
        "issue": issue_summary(d.issue), "seq": d.seq, "section": d.section or None, "page": d.page,
        "recipients": d.recipients or None, "signatories": d.signatories, "disclosure": d.disclosure or None,
        "attachments": d.attachments, "embedded_title": d.embedded_title or None,
        "body": d.body, "paragraphs": [p for p in d.body.split("\n") if p], "warnings": d.warnings,
        "validity": {
            "status": status, "status_zh": STATUS_ZH[status],
            "effective_from": d.effective_from.isoformat() if d.effective_from else None,
            "effective_until": d.effective_until.isoformat() if d.effective_until else None,
            "repealed_by": d.repealed_by or None, "evidence": d.validity_evidence or None,
            "as_of": dt.date.today().isoformat(),
        },
        "edited_fields": d.edited_fields,
        "citations": [_citation(c, c.target) for c in d.citations.select_related("target")],
        "cited_by": [_citation(c, c.source) for c in d.cited_by.select_related("source")],
        "appointments": [{
            "person": a.person, "action": a.action, "verb": a.verb or None, "post": a.post,
            "organization": a.organization or None, "probation": a.probation,
            "decided_by": a.decided_by or None, "meeting": a.meeting or None,
            "decision_date": a.decision_date.isoformat() if a.decision_date else None,
            "person_url": reverse("person", args=[a.person]),
        } for a in d.appointments.all()],
        "tasks": [{
            "id": t.task_id, "text": t.text, "lead_units": t.lead_units, "responsible_units": t.responsible_units,
            "deadline": t.deadline.isoformat() if t.deadline else None, "recurrence": t.recurrence or None,
            "targets": t.targets,
        } for t in d.tasks.all()],
    }
    return out


def _citation(c: m.Citation, other: m.Document | None) -> dict:
    return {
        "doc_number": c.doc_number or None, "title": c.title or None, "relation": c.relation,
        "relation_zh": RELATION_ZH.get(c.relation, c.relation), "evidence": c.evidence,
        "resolved": other is not None,
        "document": other.slug if other else None, "url": reverse("document", args=[other.slug]) if other else None,
        "document_title": other.title if other else None,
    }


# What a hit shows (its summary, its issue's, the snippet): not the issue's TOC and metadata,
# which would be decoded once per hit.
_HIT_FIELDS = ("slug", "doc_number", "title", "issuers", "doc_type", "date", "body", "status", "repealed_by",
               "effective_from", "effective_until", "validity_evidence",
               *(f"issue__{f}" for f in ("key", "gazette", "year", "number", "cumulative_number", "publication_date",
                                          "publisher", "version")))


def search(q: str, filters: dict[str, str], page: int = 1) -> dict:
    """Full-text search with facets: exact totals, paging with no silent cap."""
    idx = ensure_index()
    page = max(1, page)
    res = idx.search(q, filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    docs = {d.slug: d for d in m.Document.objects.filter(slug__in=[h.slug for h in res.hits])
            .select_related("issue").only(*_HIT_FIELDS).order_by()}
    hits = []
    # Title hits first (the index's tiers); equal scores (the same text republished, identical
    # boilerplate) come newest first, then by address, whatever order the index holds them in.
    ordered = sorted((h for h in res.hits if h.slug in docs),
                     key=lambda h: (h.tier, -round(h.score, 4),
                                    -(docs[h.slug].date.toordinal() if docs[h.slug].date else 0), h.slug))
    for h in ordered:
        d = docs[h.slug]
        hits.append({**document_summary(d), "score": round(h.score, 4), "issue": issue_summary(d.issue),
                     "snippet": snippet(d.body, res.terms), "title_marked": mark_spans(d.title, res.terms)})
    return {
        "q": q, "filters": filters, "page": page, "page_size": PAGE_SIZE, "total": res.total,
        "pages": max(1, math.ceil(res.total / PAGE_SIZE)) if res.total else 0,
        "hits": hits,
        "facets": {name: [{"value": v, "count": c, "label": _facet_label(name, v)} for v, c in res.facets.get(name, [])]
                   for name in FACETS},
    }


def _facet_label(name: str, value: str) -> str:
    return STATUS_ZH.get(value, value) if name == "status" else value


def mark_spans(text: str, terms: list[str]) -> list[tuple[str, bool]]:
    """Split ``text`` into (piece, matched) runs for the query ``terms`` (escaped by the caller)."""
    f = fold(text).lower()
    spans: list[tuple[int, int]] = []
    for t in {fold(t).lower() for t in terms if t}:
        for mm in re.finditer(re.escape(t), f):
            spans.append((mm.start(), mm.end()))
    spans.sort()
    out, pos = [], 0
    for a, b in spans:
        if a < pos:
            a = pos
        if a >= b:
            continue
        if a > pos:
            out.append((text[pos:a], False))
        out.append((text[a:b], True))
        pos = b
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def snippet(body: str, terms: list[str], width: int = 90) -> list[tuple[str, bool]]:
    """The passage around the first match, as (piece, matched) runs."""
    f = fold(body).lower()
    first = min((p for p in (f.find(fold(t).lower()) for t in terms if t) if p >= 0), default=0)
    start = max(0, first - width // 3)
    text = body[start:start + width].replace("\n", " ")
    if start > 0:
        text = "…" + text
    if start + width < len(body):
        text += "…"
    return mark_spans(text, terms)


def person_detail(name: str) -> dict:
    appts = m.Appointment.objects.filter(person=name).select_related("document", "document__issue").order_by(
        "decision_date", "id")
    return {"name": name, "timeline": [{
        "date": a.decision_date.isoformat() if a.decision_date else None, "action": a.action,
        "verb": a.verb or ("任命" if a.action == "appoint" else "免去"), "post": a.post,
        "organization": a.organization or None, "probation": a.probation, "decided_by": a.decided_by or None,
        "meeting": a.meeting or None, "document": document_summary(a.document),
        "organization_url": reverse("organization", args=[a.organization]) if a.organization else None,
    } for a in appts]}


def organization_detail(name: str) -> dict | None:
    org = m.Organization.objects.filter(Q(name=name)).first()
    if org is None:
        alias = [o for o in m.Organization.objects.filter(aliases__icontains=name) if name in o.aliases]
        org = alias[0] if alias else None
    if org is None:
        return None
    tasks = []
    # Only the documents that name the organisation as a unit can hold its tasks.
    unit_docs = m.OrganizationMention.objects.filter(organization=org).values("document_id")
    for t in m.Task.objects.filter(document_id__in=unit_docs).select_related("document").order_by("deadline", "id"):
        if org.name in t.lead_units or org.name in t.responsible_units:
            tasks.append({"id": t.task_id, "text": t.text, "lead": org.name in t.lead_units,
                          "deadline": t.deadline.isoformat() if t.deadline else None,
                          "recurrence": t.recurrence or None, "document": document_summary(t.document)})
    docs = m.Document.objects.filter(organization_mentions__organization=org).distinct().select_related("issue")
    return {
        "name": org.name, "aliases": org.aliases, "roles": org.roles,
        "documents": [{**document_summary(d), "role": mention.role}
                      for d in docs for mention in d.organization_mentions.filter(organization=org)[:1]],
        "appointments": [{"person": a.person, "action": a.action, "verb": a.verb or None, "post": a.post,
                          "date": a.decision_date.isoformat() if a.decision_date else None,
                          "person_url": reverse("person", args=[a.person])}
                         for a in m.Appointment.objects.filter(organization=org.name).order_by("decision_date")],
        "tasks": tasks,
    }


def people() -> list[dict]:
    rows = m.Appointment.objects.values("person").annotate(n=Count("id")).order_by("person")
    return [{"name": r["person"], "entries": r["n"], "url": reverse("person", args=[r["person"]])} for r in rows]


def organizations() -> list[dict]:
    return [{"name": o.name, "aliases": o.aliases, "roles": o.roles, "url": reverse("organization", args=[o.name])}
            for o in m.Organization.objects.all()]
