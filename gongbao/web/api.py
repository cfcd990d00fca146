"""The JSON API: the same resources as the pages (see ``queries``), described in /api/openapi.json."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.html import escape

from ..store import models as m
from . import queries
from .openapi import openapi_document
from .queries import FACETS


def _json(data, status: int = 200) -> JsonResponse:
    resp = JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})
    resp["Access-Control-Allow-Origin"] = "*"
    return resp


def issues(request):
    return _json({"issues": [queries.issue_summary(i) for i in m.Issue.objects.all()]})


def issue(request, key: str):
    return _json(queries.issue_detail(get_object_or_404(m.Issue, key=key)))


def issue_version(request, key: str, version: int):
    v = get_object_or_404(m.IssueVersion, issue__key=key, version=version)
    return _json({"issue": key, "version": v.version, "sha256": v.sha256, "source": v.source_name,
                  "ingested_at": v.ingested_at.isoformat(), "parsed": v.parsed})


def document(request, slug: str):
    return _json(queries.document_detail(get_object_or_404(m.Document.objects.select_related("issue"), slug=slug)))


def search(request):
    q = request.GET.get("q", "")
    filters = {k: request.GET[k] for k in FACETS if request.GET.get(k)}
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return _json({"error": "page must be a positive integer"}, 400)
    if not q.strip() and not filters:
        return _json({"q": q, "filters": {}, "page": 1, "page_size": queries.PAGE_SIZE, "total": 0, "pages": 0,
                      "hits": [], "facets": {name: [] for name in FACETS}})
    data = queries.search(q, filters, page)
    for h in data["hits"]:
        h["snippet"] = _marked_html(h["snippet"])
        h["title_marked"] = _marked_html(h["title_marked"])
    data["snippet_format"] = "HTML: the document's text, escaped, with <mark>…</mark> around matches"
    return _json(data)


def _marked_html(pieces) -> str:
    return "".join(f"<mark>{escape(t)}</mark>" if hit else escape(t) for t, hit in pieces)


def people(request):
    return _json({"people": queries.people()})


def person(request, name: str):
    return _json(queries.person_detail(name))


def organizations(request):
    return _json({"organizations": queries.organizations()})


def organization(request, name: str):
    data = queries.organization_detail(name)
    if data is None:
        return _json({"error": "not found"}, 404)
    return _json(data)


def openapi(request):
    return _json(openapi_document())
