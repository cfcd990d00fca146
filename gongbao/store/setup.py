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
    from .config import data_dir

    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / "static").mkdir(exist_ok=True)  # whitenoise's root; admin files come from finders
    if not _ready:
        import django

        django.setup()
        _ready = True
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
