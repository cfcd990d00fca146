"""sitemap.xml (Django's sitemaps framework): issues, documents, people, organisations."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from ..store import models as m


class IssueSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return m.Issue.objects.all()

    def location(self, item):
        return reverse("issue", args=[item.key])


class DocumentSitemap(Sitemap):
    changefreq = "yearly"
    limit = 10000

    def items(self):
        return m.Document.objects.order_by("id").only("slug", "date")

    def location(self, item):
        return reverse("document", args=[item.slug])

    def lastmod(self, item):
        return item.date


class OrganizationSitemap(Sitemap):
    def items(self):
        return m.Organization.objects.all()

    def location(self, item):
        return reverse("organization", args=[item.name])


SITEMAPS = {"issues": IssueSitemap, "documents": DocumentSitemap, "organizations": OrganizationSitemap}
