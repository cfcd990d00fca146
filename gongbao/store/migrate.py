"""Move a whole archive between databases (SQLite ⇄ PostgreSQL), verified.

Rows are streamed table by table in primary-key order, in batches, keeping their ids (so
every link, URL and log entry stays what it was), then counted and checksummed on both sides
with the same canonical serialisation: a table is only reported as moved when its count and
its SHA-256 agree. The destination must be empty; it is migrated to the current schema first.
Editors' accounts move with the archive; the admin's action log does not.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction

from ..errors import GongbaoError
from . import models as m


def _tables():
    """Models in an order where every row's foreign keys point at rows already copied."""
    return [get_user_model(), m.Issue, m.IssueVersion, m.Document, m.Citation, m.Appointment, m.Task,
            m.Organization, m.OrganizationMention, m.Correction, m.SearchState, m.SearchLog]


@dataclass
class TableReport:
    table: str
    source_rows: int
    destination_rows: int
    source_sha256: str
    destination_sha256: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.destination_rows and self.source_sha256 == self.destination_sha256


def _columns(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def _rows(model, alias: str, batch: int):
    """The table's rows as tuples, in primary-key order, a batch of keys at a time (memory
    stays flat whatever the table's size)."""
    cols = _columns(model)
    key = cols.index(model._meta.pk.attname)
    last = None
    while True:
        qs = model._default_manager.using(alias).order_by("pk")
        if last is not None:
            qs = qs.filter(pk__gt=last)
        chunk = list(qs.values_list(*cols)[:batch])
        if not chunk:
            return
        yield from chunk
        last = chunk[-1][key]


def checksum(model, alias: str, batch: int = 2000) -> tuple[int, str]:
    """Row count and SHA-256 of the table's rows, serialised the same way on every backend."""
    h = hashlib.sha256()
    n = 0
    for row in _rows(model, alias, batch):
        h.update(json.dumps(row, ensure_ascii=False, sort_keys=True, default=_canonical).encode("utf-8"))
        h.update(b"\n")
        n += 1
    return n, h.hexdigest()


def _canonical(value) -> str:
    """One text per value whatever the driver returns (timestamps: the instant, in UTC)."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).isoformat()
    return str(value)


def migrate_archive(source: str = "source", destination: str = "default", batch: int = 2000,
                    progress: Callable[[str, int], None] | None = None) -> list[TableReport]:
    """Copy every archive table from the ``source`` database alias to ``destination``."""
    call_command("migrate", database=destination, verbosity=0, interactive=False)
    for model in _tables():
        if model._default_manager.using(destination).exists() and model is not m.SearchState:
            raise GongbaoError(f"the destination archive is not empty ({model._meta.db_table} has rows); "
                               "migrate into an empty database")
    reports = []
    for model in _tables():
        cols = _columns(model)
        with transaction.atomic(using=destination), _dates_as_they_were(model):
            if model is m.SearchState:
                model._default_manager.using(destination).all().delete()  # migrate made the counter row
            pending: list = []
            copied = 0
            for row in _rows(model, source, batch):
                pending.append(model(**dict(zip(cols, row, strict=True))))
                if len(pending) >= batch:
                    model._default_manager.using(destination).bulk_create(pending)
                    copied += len(pending)
                    pending.clear()
                    if progress:
                        progress(model._meta.db_table, copied)
            if pending:
                model._default_manager.using(destination).bulk_create(pending)
                copied += len(pending)
            _reset_sequences(model, destination)
        if progress:
            progress(model._meta.db_table, copied)
        src_n, src_sha = checksum(model, source, batch)
        dst_n, dst_sha = checksum(model, destination, batch)
        reports.append(TableReport(model._meta.db_table, src_n, dst_n, src_sha, dst_sha))
    return reports


@contextlib.contextmanager
def _dates_as_they_were(model):
    """Copy ``auto_now``/``auto_now_add`` timestamps instead of stamping the copy's time."""
    fields = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in saved:
            f.auto_now, f.auto_now_add = now, now_add


def _reset_sequences(model, alias: str) -> None:
    """Ids were copied as they were: move the destination's id sequence past them."""
    conn = connections[alias]
    sql = conn.ops.sequence_reset_sql(no_style(), [model])
    if sql:
        with conn.cursor() as cur:
            for statement in sql:
                cur.execute(statement)
