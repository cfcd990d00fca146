"""Shared fixtures. The archive tests run Django in-process on a throwaway data directory."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "samples" / "jiaocheng-gazette-2024-03.txt"


def _fresh_postgres_database(server_url: str) -> str:
    """A new, empty database on the test server (``GONGBAO_TEST_POSTGRES``), as a URL."""
    from gongbao.store.postgres import create_database

    return create_database(server_url, prefix="gongbao_test")


@pytest.fixture(scope="session")
def archive_dir():
    path = Path(tempfile.mkdtemp(prefix="gongbao-test-"))
    os.environ["GONGBAO_DATA"] = str(path)
    server = os.environ.get("GONGBAO_TEST_POSTGRES")
    if server:
        # The same tests on PostgreSQL: a database of their own on the throwaway server.
        os.environ["GONGBAO_DATABASE_URL"] = _fresh_postgres_database(server)
    from gongbao.store.setup import setup

    setup(path)
    yield path
    shutil.rmtree(path, ignore_errors=True)  # every test run left its archive behind


@pytest.fixture()
def archive(archive_dir):
    """An empty archive (database rows and search index)."""
    from gongbao.store import models as m
    from gongbao.store.ingest import rebuild_index

    for model in (m.Citation, m.Appointment, m.Task, m.OrganizationMention, m.Document, m.IssueVersion,
                  m.Issue, m.Organization, m.Correction):
        model.objects.all().delete()
    rebuild_index()
    return archive_dir


@pytest.fixture()
def sample_archive(archive):
    from gongbao.store.ingest import ingest_file

    ingest_file(SAMPLE)
    return archive


@pytest.fixture()
def client(archive_dir):
    from django.test import Client

    return Client()
