"""Plain row inserts for the bulk paths (model instances cost more than the rows)."""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from django.db import DatabaseError, connection, transaction

_CHUNK = 1 << 20
_SPECIAL = re.compile(r"[\\\t\n\r]")


def insert_rows(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert rows: ``executemany`` on SQLite (a C loop in-process); ``COPY`` on PostgreSQL,
    where each statement is a network round trip (multi-row ``VALUES`` on other drivers)."""
    if not rows:
        return
    one = f"({', '.join(['%s'] * len(columns))})"
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.executemany(head + one, rows)
            return
        if connection.vendor == "postgresql_pg8000":
            # COPY … FROM STDIN, the server's own bulk path: no SQL text per row (the pg8000
            # backend composes parameters into the SQL text client-side, slowly).
            payload = "".join(["\t".join([v if type(v) is str and not _SPECIAL.search(v) else _copy_field(v)
                                          for v in row]) + "\n" for row in rows]).encode("utf-8")
            chunks = [payload[i:i + _CHUNK] for i in range(0, len(payload), _CHUNK)]  # one message each
            cur.cursor.execute(f"COPY {table} ({', '.join(columns)}) FROM STDIN", stream=chunks)
            return
        per = max(1, min(1000, 30_000 // len(columns)))  # the wire protocol allows 32,767 parameters
        for start in range(0, len(rows), per):
            chunk = rows[start:start + per]
            cur.execute(head + ", ".join([one] * len(chunk)), [v for row in chunk for v in row])


def _copy_field(value) -> str:
    """A value in COPY's text format: \\N for null, backslash escapes for the separators."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


@contextlib.contextmanager
def own_references_unchecked():
    """Inside a transaction: skip the foreign-key checks of rows that reference only rows the
    same transaction has just written (PostgreSQL, for a role allowed to set
    ``session_replication_role``; elsewhere a no-op).

    Each such check is a query and a row lock at commit: ~10 a document (its tasks, citations,
    appointments, its issue), 40-60 µs of server CPU a document at 200,000 documents, a fifth of
    the server's share of a bulk load. Rows written by the transaction are invisible to every
    other one until it commits, so no one can delete what they point to: the checks are
    redundant. ``pg_restore --disable-triggers`` skips them the same way. The setting is
    ``LOCAL`` to the transaction and is put back on leaving the block, so rows that point to
    what other transactions wrote (organisations) are checked again.
    """
    if not connection.vendor.startswith("postgresql"):
        yield False
        return
    try:
        with transaction.atomic(), connection.cursor() as cur:  # a savepoint: a refusal must not abort the batch
            cur.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:  # not a superuser, nor granted SET on the parameter
        yield False
        return
    yield True
    # Not on an error: the transaction is then rolled back, and the setting with it.
    with connection.cursor() as cur:
        cur.execute("SET LOCAL session_replication_role = origin")
