"""Where the archive lives: the data directory and the database, from the environment.

``GONGBAO_DATA`` (default ``./data``) holds the embedded archive: ``archive.sqlite3`` and the
search index ``index/``. ``GONGBAO_DATABASE_URL`` selects another database
(``sqlite:///path`` or ``postgresql://user:password@host:port/name``). The search index stays
in the data directory of each machine either way (it follows the database: ``store/ingest.py``).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..errors import GongbaoError


def data_dir() -> Path:
    path = Path(os.environ.get("GONGBAO_DATA", "data")).resolve()
    return path


def database_settings(url: str | None = None) -> dict:
    """Django's settings for the archive database: ``url``, else ``$GONGBAO_DATABASE_URL``,
    else the embedded SQLite file in the data directory."""
    url = url or os.environ.get("GONGBAO_DATABASE_URL")
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(data_dir() / "archive.sqlite3"),
                "OPTIONS": {"timeout": 30, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}}
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        name = unquote(parsed.path)
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name, "OPTIONS": {"timeout": 30}}
    if parsed.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django_pg8000", "NAME": parsed.path.lstrip("/"),
            "USER": unquote(parsed.username or ""), "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "", "PORT": str(parsed.port or ""),
            # A server connection costs a TCP handshake and SCRAM authentication: keep it
            # across requests, checked before reuse.
            "CONN_MAX_AGE": 300, "CONN_HEALTH_CHECKS": True,
        }
    raise GongbaoError(f"unsupported database URL {redact(url)!r}: use sqlite:///PATH or postgresql://USER@HOST:PORT/NAME")


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parsed = urlparse(url)
    if parsed.password:
        netloc = parsed.netloc.replace(":" + parsed.password + "@", ":***@")
        return parsed._replace(netloc=netloc).geturl()
    return url


def index_dir() -> Path:
    return data_dir() / "index"


def search_shards() -> int:
    """How many parts the search index is split into, searched side by side, one thread each
    (``GONGBAO_SEARCH_SHARDS``, 1–8; default 2).

    Two: at a million documents one thread counts a common word's hits and facets too slowly
    for 20 ms. One suits a server whose web processes serve many readers at once (a second
    thread per query adds no capacity there) and ranks with the whole archive's statistics, but
    a bulk load then ends waiting on one thread for its last merge (README, "Performance").
    """
    value = os.environ.get("GONGBAO_SEARCH_SHARDS", "").strip()
    if not value:
        return 2
    if not value.isdigit() or not 1 <= int(value) <= 8:
        raise GongbaoError(f"GONGBAO_SEARCH_SHARDS={value!r}: give a number of index shards from 1 to 8")
    return int(value)
