"""Small PostgreSQL server chores outside Django: a fresh database for tests and benchmarks."""

from __future__ import annotations

import uuid
from urllib.parse import urlparse, urlunparse


def connect(url: str):
    """A plain pg8000 connection to ``postgresql://user:password@host:port/name``."""
    import pg8000.native

    u = urlparse(url)
    return pg8000.native.Connection(user=u.username, host=u.hostname, port=u.port or 5432,
                                    password=u.password, database=u.path.lstrip("/") or "postgres")


def create_database(server_url: str, prefix: str = "gongbao") -> str:
    """Create an empty database with a new name on the server; returns its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    conn = connect(server_url)
    try:
        conn.run(f"CREATE DATABASE {name}")
    finally:
        conn.close()
    return urlunparse(urlparse(server_url)._replace(path="/" + name))
