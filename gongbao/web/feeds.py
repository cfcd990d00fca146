"""Atom feeds (Django's syndication framework): new documents, and any search."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from ..store import models as m
from . import queries
from .queries import FACETS


def _pubdate(d: m.Document) -> dt.datetime:
    day = d.date or d.issue.publication_date or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


class LatestDocuments(Feed):
    feed_type = Atom1Feed
    title = "政府公报：最新公文"
    subtitle = "新入库的公文"

    def link(self):
        return reverse("home")

    def items(self):
        return m.Document.objects.select_related("issue").order_by("-issue__ingested_at", "-date", "seq")[:50]

    def item_title(self, item):
        return f"{item.title}（{item.doc_number}）" if item.doc_number else item.title

    def item_description(self, item):
        return item.body[:300]

    def item_link(self, item):
        return reverse("document", args=[item.slug])

    def item_pubdate(self, item):
        return _pubdate(item)

    def item_author_name(self, item):
        return "、".join(item.issuers) or None


class SearchFeed(LatestDocuments):
    def get_object(self, request):
        return {"q": request.GET.get("q", ""), "filters": {k: request.GET[k] for k in FACETS if request.GET.get(k)}}

    def title(self, obj):
        return f"政府公报检索：{obj['q']}" if obj["q"] else "政府公报检索"

    def link(self, obj):
        return reverse("search") + "?q=" + obj["q"]

    def items(self, obj):
        if not obj["q"].strip() and not obj["filters"]:
            return []
        data = queries.search(obj["q"], obj["filters"], 1)
        slugs = [h["id"] for h in data["hits"]]
        docs = {d.slug: d for d in m.Document.objects.filter(slug__in=slugs).select_related("issue")}
        return [docs[s] for s in slugs if s in docs]
