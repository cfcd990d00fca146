"""The editors' admin: correct a parsed field; the correction is kept and re-applied on every
re-ingest of the issue, and the document shows the field as edited."""

from __future__ import annotations

import datetime as dt

from django.contrib import admin
from django.db import transaction

from . import models as m
from .ingest import CORRECTABLE, bump_generation, ensure_index, lock_archive


@admin.register(m.Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ("key", "gazette", "year", "number", "publication_date", "version")
    search_fields = ("key", "gazette")
    readonly_fields = ("key", "version", "toc", "warnings", "metadata")


@admin.register(m.Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "doc_number", "doc_type", "date", "status", "issue")
    list_filter = ("doc_type", "status")
    search_fields = ("title", "doc_number")
    fields = ("slug", "issue", "seq", *CORRECTABLE, "status", "effective_from", "effective_until",
              "repealed_by", "edited_fields")
    readonly_fields = ("slug", "issue", "seq", "edited_fields")

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            lock_archive()
            stored = m.Document.objects.get(pk=obj.pk) if obj.pk else None
            for name in form.changed_data:
                if name not in CORRECTABLE:
                    continue
                value = getattr(obj, name)
                if stored is not None and getattr(stored, name) == value:
                    continue  # re-serialised, not changed (JSON fields)
                if isinstance(value, dt.date):
                    value = value.isoformat()
                m.Correction.objects.update_or_create(
                    document_slug=obj.slug, field=name,
                    defaults={"value": value, "editor": request.user.get_username()})
                if name not in obj.edited_fields:
                    obj.edited_fields = sorted([*obj.edited_fields, name])
            super().save_model(request, obj, form, change)
            bump_generation([obj.issue.key])
            transaction.on_commit(ensure_index)


@admin.register(m.Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ("document_slug", "field", "editor", "created_at")
    search_fields = ("document_slug",)


@admin.register(m.Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)
