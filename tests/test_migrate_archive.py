"""`gongbao migrate-archive`: an archive moves between backends with every table verified."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import _fresh_postgres_database

pytestmark = pytest.mark.django_archive


def _url_of_test_archive(archive_dir) -> str:
    return os.environ.get("GONGBAO_DATABASE_URL") or f"sqlite:///{archive_dir / 'archive.sqlite3'}"


def _gongbao(*args, data):
    env = {k: v for k, v in os.environ.items() if k != "GONGBAO_DATABASE_URL"}
    return subprocess.run([sys.executable, "-m", "gongbao.cli", *args, "--data", str(data)],
                          capture_output=True, text=True, env=env, timeout=300)


def test_migrate_archive_there_and_back(sample_archive, tmp_path):
    """PostgreSQL → SQLite → PostgreSQL in the PostgreSQL pass, SQLite → SQLite → SQLite in
    the embedded one; each copy answers searches like the original and keeps ids and links."""
    from gongbao.store import models as m
    from gongbao.store.ingest import ingest_file

    ingest_file(os.path.join(os.path.dirname(__file__), "archive_inputs", "earlier-repealed-notice.txt"))
    source = _url_of_test_archive(sample_archive)
    server = os.environ.get("GONGBAO_TEST_POSTGRES")
    middle = f"sqlite:///{tmp_path / 'middle.sqlite3'}"
    back = _fresh_postgres_database(server) if server else f"sqlite:///{tmp_path / 'back.sqlite3'}"
    for src, dst in ((source, middle), (middle, back)):
        proc = _gongbao("migrate-archive", "--from", src, "--to", dst, data=tmp_path / "data")
        assert proc.returncode == 0, proc.stderr
        assert "every table's count and checksum verified" in proc.stdout
        assert "store_document                       30 →         30" in proc.stdout
        assert "MISMATCH" not in proc.stdout
    for url in (middle, back):
        out = _gongbao("--database", url, "search", "殡葬", data=tmp_path / "data").stdout
        assert out.startswith("共 1 篇") and "交政办发-2024-18" in out
    # Repeals applied in the source stay applied, under the same ids.
    repealed = m.Document.objects.get(slug="交政发-2022-16")
    out = _gongbao("--database", back, "search", "交政发〔2022〕16号", data=tmp_path / "data").stdout
    assert "交政发-2022-16" in out and repealed.repealed_by == "交政发〔2024〕11号"
    # Into a database that already holds an archive: refused, nothing written.
    proc = _gongbao("migrate-archive", "--from", source, "--to", back, data=tmp_path / "data")
    assert proc.returncode == 2 and "not empty" in proc.stderr and "Traceback" not in proc.stderr


def test_checksums_see_a_changed_row(sample_archive):
    from gongbao.store import models as m
    from gongbao.store.migrate import checksum

    n, before = checksum(m.Document, "default")
    assert checksum(m.Document, "default") == (n, before)  # deterministic
    doc = m.Document.objects.get(slug="交政办发-2024-18")
    doc.title += "（修订）"
    doc.save()
    assert checksum(m.Document, "default") != (n, before)


def test_bad_database_urls_are_one_line_errors(tmp_path):
    proc = _gongbao("--database", "mysql://x/y", "search", "殡葬", data=tmp_path)
    assert proc.returncode == 2 and "unsupported database URL" in proc.stderr and "Traceback" not in proc.stderr
    proc = _gongbao("--database", "postgresql://u:secret@127.0.0.1:1/none", "search", "殡葬", data=tmp_path)
    assert proc.returncode == 2 and "cannot open the archive database" in proc.stderr
    assert "secret" not in proc.stderr and "Traceback" not in proc.stderr
