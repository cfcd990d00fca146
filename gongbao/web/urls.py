"""Stable addresses (public contract, see README)."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import api, views
from .feeds import LatestDocuments, SearchFeed
from .sitemaps import SITEMAPS

admin.site.site_header = "政府公报档案 · 编辑后台"
admin.site.site_title = "公报编辑后台"

urlpatterns = [
    path("", views.home, name="home"),
    path("issues/<str:key>/", views.issue, name="issue"),
    path("documents/<str:slug>/", views.document, name="document"),
    path("search", views.search, name="search"),
    path("people/", views.people, name="people"),
    path("people/<str:name>/", views.person, name="person"),
    path("organizations/", views.organizations, name="organizations"),
    path("organizations/<str:name>/", views.organization, name="organization"),
    path("api/issues", api.issues),
    path("api/issues/<str:key>", api.issue),
    path("api/issues/<str:key>/versions/<int:version>", api.issue_version),
    path("api/documents/<str:slug>", api.document),
    path("api/search", api.search),
    path("api/people", api.people),
    path("api/people/<str:name>", api.person),
    path("api/organizations", api.organizations),
    path("api/organizations/<str:name>", api.organization),
    path("api/openapi.json", api.openapi),
    path("feeds/latest.atom", LatestDocuments(), name="feed-latest"),
    path("feeds/search.atom", SearchFeed(), name="feed-search"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("admin/", admin.site.urls),
]
