"""Start Django for the command line and create or migrate the archive on first use."""

from __future__ import annotations

import os
from pathlib import Path

_ready = False


def setup(data: str | os.PathLike | None = None, migrate: bool = True) -> None:
    """Configure Django on the archive in ``data`` (default ``$GONGBAO_DATA`` or ``./data``)."""
    global _ready
    if data is not None:
        os.environ["GONGBAO_DATA"] = str(Path(data).resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongbao.web.settings")
    from .config import data_dir, database_settings

    database_settings()  # a bad URL is a one-line error, before Django reads it
    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / "static").mkdir(exist_ok=True)  # whitenoise's root; admin files come from finders
    if not _ready:
        import django

        django.setup()
        _ready = True
    check_connection()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)


def check_connection(alias: str = "default") -> None:
    """Fail with one line naming the database when it cannot be reached."""
    from django.db import connections

    from ..errors import GongbaoError
    from .config import redact

    conn = connections[alias]
    try:
        conn.ensure_connection()
    except Exception as exc:
        name = conn.settings_dict.get("NAME")
        if conn.vendor.startswith("postgresql"):
            s = conn.settings_dict
            name = redact(f"postgresql://{s.get('USER')}:{s.get('PASSWORD') or ''}@{s.get('HOST')}:{s.get('PORT')}/{name}")
        raise GongbaoError(f"cannot open the archive database {name}: {exc}") from exc
    if conn.vendor == "postgresql_pg8000":
        # The pg8000 backend quotes parameters into the SQL text; quoting by doubling ' is
        # only safe with standard-conforming strings (PostgreSQL's default since 9.1).
        with conn.cursor() as cur:
            cur.execute("SHOW standard_conforming_strings")
            if cur.fetchone()[0] != "on":
                raise GongbaoError("the PostgreSQL server has standard_conforming_strings off; "
                                   "gongbao needs it on (the default)")
