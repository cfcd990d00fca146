"""The archive's records. The parser's output is the source; these tables are its index.

An issue keeps every version it was ingested in (``IssueVersion``, with the source text and
the full parse); its documents and registers are those of the current version. Editors'
corrections are kept apart (``Correction``) and applied over every version, so a re-ingest
never loses them.
"""

from __future__ import annotations

from django.db import models


class Issue(models.Model):
    key = models.CharField(max_length=200, unique=True)  # gazette-year-number, the URL id
    gazette = models.CharField(max_length=100, blank=True)
    year = models.IntegerField(null=True, blank=True)
    number = models.IntegerField(null=True, blank=True)
    cumulative_number = models.IntegerField(null=True, blank=True)
    publication_date = models.DateField(null=True, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    frequency = models.CharField(max_length=20, blank=True)
    metadata = models.JSONField(default=dict)   # the whole IssueInfo
    toc = models.JSONField(default=list)
    warnings = models.JSONField(default=list)
    version = models.IntegerField(default=1)
    ingested_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-publication_date", "-year", "-number"]
        verbose_name = "期刊"
        verbose_name_plural = "期刊"

    def __str__(self) -> str:
        return f"{self.gazette} {self.year}年第{self.number}期"


class IssueVersion(models.Model):
    """One ingested version of an issue: what was read, and what was parsed from it."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="versions")
    version = models.IntegerField()
    sha256 = models.CharField(max_length=64)
    source_name = models.CharField(max_length=500)
    source_text = models.TextField()
    parsed = models.JSONField()
    ingested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("issue", "version")]
        ordering = ["issue", "-version"]


class Document(models.Model):
    slug = models.CharField(max_length=200, unique=True)  # from the 发文字号; the URL id
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="documents")
    seq = models.IntegerField()
    section = models.CharField(max_length=100, blank=True)
    doc_number = models.CharField(max_length=100, blank=True, db_index=True)
    agency = models.CharField(max_length=60, blank=True)  # 机关代字 (searched through the index)
    number_year = models.IntegerField(null=True, blank=True)
    number_seq = models.IntegerField(null=True, blank=True)
    title = models.TextField()
    issuers = models.JSONField(default=list)
    doc_type = models.CharField(max_length=10, blank=True)
    recipients = models.TextField(blank=True)
    signatories = models.JSONField(default=list)
    date = models.DateField(null=True, blank=True, db_index=True)
    disclosure = models.CharField(max_length=100, blank=True)
    attachments = models.JSONField(default=list)
    embedded_title = models.TextField(blank=True)
    page = models.IntegerField(null=True, blank=True)
    body = models.TextField(blank=True)
    warnings = models.JSONField(default=list)
    status = models.CharField(max_length=20, default="in_force")
    effective_from = models.DateField(null=True, blank=True)
    effective_until = models.DateField(null=True, blank=True)
    repealed_by = models.CharField(max_length=100, blank=True)
    validity_evidence = models.TextField(blank=True)
    edited_fields = models.JSONField(default=list)  # fields an editor corrected

    class Meta:
        ordering = ["issue", "seq"]
        verbose_name = "公文"
        verbose_name_plural = "公文"

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title


class Citation(models.Model):
    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="citations")
    doc_number = models.CharField(max_length=100, blank=True, db_index=True)
    title = models.TextField(blank=True)
    relation = models.CharField(max_length=20)
    evidence = models.TextField(blank=True)
    # Resolved when the cited document is in the archive (whichever was ingested first).
    target = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="cited_by")

    class Meta:
        ordering = ["source", "id"]


class Appointment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="appointments")
    person = models.CharField(max_length=50, db_index=True)
    action = models.CharField(max_length=10)
    post = models.CharField(max_length=200)
    organization = models.CharField(max_length=200, blank=True, db_index=True)
    probation = models.BooleanField(default=False)
    decided_by = models.CharField(max_length=200, blank=True)
    meeting = models.CharField(max_length=100, blank=True)
    decision_date = models.DateField(null=True, blank=True)
    verb = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["decision_date", "id"]


class Task(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="tasks")
    task_id = models.CharField(max_length=100)
    text = models.TextField()
    lead_units = models.JSONField(default=list)
    responsible_units = models.JSONField(default=list)
    deadline = models.DateField(null=True, blank=True)
    recurrence = models.CharField(max_length=20, blank=True)
    targets = models.JSONField(default=list)

    class Meta:
        ordering = ["document", "id"]


class Organization(models.Model):
    name = models.CharField(max_length=200, unique=True)
    aliases = models.JSONField(default=list)
    roles = models.JSONField(default=list)

    class Meta:
        ordering = ["name"]
        verbose_name = "机构"
        verbose_name_plural = "机构"

    def __str__(self) -> str:
        return self.name


class OrganizationMention(models.Model):
    """Which documents name an organisation, and as what."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="mentions")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="organization_mentions")
    role = models.CharField(max_length=20)


class Correction(models.Model):
    """An editor's correction of one field of one document; survives re-ingesting."""

    document_slug = models.CharField(max_length=200, db_index=True)
    field = models.CharField(max_length=50)
    value = models.JSONField()
    editor = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("document_slug", "field")]
        verbose_name = "人工校订"
        verbose_name_plural = "人工校订"


class SearchState(models.Model):
    """A counter bumped by every change the search index must follow (one row)."""

    generation = models.BigIntegerField(default=0)


class SearchLog(models.Model):
    """What each generation changed: the issues whose documents the search index must re-read.

    Every web process keeps a search index of its own (several machines can serve one
    PostgreSQL archive); one behind the database replays the log from its generation instead
    of rebuilding. ``issues`` null means "everything" (a bulk load): rebuild.
    """

    generation = models.BigIntegerField(unique=True)
    issues = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)
