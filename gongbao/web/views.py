"""HTML pages (Simplified Chinese, server-rendered, usable without JavaScript)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from ..store import models as m
from . import queries
from .queries import FACET_ZH, FACETS


def home(request):
    issues = m.Issue.objects.all()[:12]
    return render(request, "archive/home.html", {
        "issues": [queries.issue_summary(i) for i in issues],
        "n_documents": m.Document.objects.count(), "n_issues": m.Issue.objects.count(),
        "latest": [queries.document_summary(d) for d in m.Document.objects.select_related("issue")
                   .order_by("-date", "-id")[:10]],
    })


def issue(request, key: str):
    i = get_object_or_404(m.Issue, key=key)
    data = queries.issue_detail(i)
    sections = []
    for e in data["toc"]:
        if not sections or sections[-1]["name"] != e.get("section"):
            sections.append({"name": e.get("section"), "entries": []})
        sections[-1]["entries"].append(e)
    return render(request, "archive/issue.html", {"issue": data, "sections": sections})


def document(request, slug: str):
    d = get_object_or_404(m.Document.objects.select_related("issue"), slug=slug)
    return render(request, "archive/document.html", {"doc": queries.document_detail(d)})


def search(request):
    q = request.GET.get("q", "")
    filters = {k: request.GET.get(k, "") for k in FACETS if request.GET.get(k)}
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    data = queries.search(q, filters, page) if (q.strip() or filters) else None
    facets = []
    if data:
        for name in FACETS:
            options = []
            for opt in data["facets"][name]:
                params = request.GET.copy()
                params.pop("page", None)
                selected = filters.get(name) == opt["value"]
                if selected:
                    params.pop(name, None)
                else:
                    params[name] = opt["value"]
                options.append({**opt, "selected": selected, "query": params.urlencode()})
            if options:
                facets.append({"name": name, "label": FACET_ZH[name], "options": options})
    pages = []
    if data and data["pages"] > 1:
        for p in _page_window(page, data["pages"]):
            params = request.GET.copy()
            params["page"] = str(p)
            pages.append({"number": p, "query": params.urlencode(), "current": p == page})
    feed_params = request.GET.copy()
    feed_params.pop("page", None)
    return render(request, "archive/search.html", {
        "q": q, "data": data, "facets": facets, "pages": pages, "feed_query": feed_params.urlencode(),
    })


def _page_window(page: int, pages: int) -> list[int]:
    nums = {1, pages, *range(max(1, page - 3), min(pages, page + 3) + 1)}
    return sorted(nums)


def person(request, name: str):
    data = queries.person_detail(name)
    if not data["timeline"]:
        raise Http404("没有此人的任免记录")
    return render(request, "archive/person.html", {"person": data})


def organization(request, name: str):
    data = queries.organization_detail(name)
    if data is None:
        raise Http404("没有此机构")
    return render(request, "archive/organization.html", {"org": data})


def people(request):
    return render(request, "archive/people.html", {"people": queries.people()})


def organizations(request):
    return render(request, "archive/organizations.html", {"orgs": queries.organizations()})
