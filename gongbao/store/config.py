"""Where the archive lives: the data directory and the database, from the environment.

``GONGBAO_DATA`` (default ``./data``) holds the embedded archive: ``archive.sqlite3`` and the
search index ``index/``. ``GONGBAO_DATABASE_URL`` selects another database
(``sqlite:///path`` or, later, ``postgresql://…``).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse


def data_dir() -> Path:
    path = Path(os.environ.get("GONGBAO_DATA", "data")).resolve()
    return path


def database_settings() -> dict:
    url = os.environ.get("GONGBAO_DATABASE_URL")
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
        }
    raise ValueError(f"unsupported GONGBAO_DATABASE_URL scheme: {parsed.scheme}")


def index_dir() -> Path:
    return data_dir() / "index"
