"""Several writers and readers on one archive, and several search indexes following one
database (web processes on several machines). Runs on SQLite and, with the PostgreSQL pass of
``scripts/test.sh``, on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest
from conftest import SAMPLE

pytestmark = pytest.mark.django_archive


def _variant(number: int, agency: str | None = None) -> str:
    """The sample as another issue of the gazette (and, with ``agency``, other documents)."""
    text = SAMPLE.read_text("utf-8").replace("2024年第3期(总第14期)", f"2024年第{number}期(总第{number + 11}期)")
    if agency:
        text = text.replace("交政", agency)
    return text


def test_another_index_replays_the_log_instead_of_rebuilding(sample_archive, tmp_path, monkeypatch):
    """A second machine's index (its own directory) follows the database by replaying what
    changed, and answers exactly as the first."""
    from gongbao.store import ingest as ing
    from gongbao.store.search import SearchIndex
    from gongbao.web import queries

    other = SearchIndex(tmp_path / "other-machine")
    ing.ensure_index(other)  # a new index: built from the database
    assert other.count() == 29 and other.generation() == ing.open_index().generation()

    ing.ingest_parsed(_variant(4), ing.parse_gazette(_variant(4), source="4.txt"), "4.txt")
    ing.ingest_parsed(_variant(5, "甲政"), ing.parse_gazette(_variant(5, "甲政"), source="5.txt"), "5.txt")

    def no_rebuild(*a, **k):
        raise AssertionError("rebuilt instead of replaying the log")

    monkeypatch.setattr(ing, "rebuild_index", no_rebuild)
    ing.ensure_index(other)
    assert other.count() == 87 and other.generation() == ing.open_index().generation()
    for q in ("殡葬", "甲政办发〔2024〕23号", "养老服务"):
        here = ing.open_index().search(q)
        there = other.search(q)
        assert there.total == here.total
        # Equal scores (identical documents) may come in either index's own order.
        assert sorted((-round(h.score, 4), h.slug) for h in there.hits) == \
            sorted((-round(h.score, 4), h.slug) for h in here.hits)
    assert queries.search("殡葬", {}, 1)["total"] == 3


def test_an_index_with_a_gap_in_the_log_is_rebuilt(sample_archive, tmp_path):
    from gongbao.store import ingest as ing
    from gongbao.store import models as m
    from gongbao.store.search import SearchIndex

    other = SearchIndex(tmp_path / "other-machine")
    ing.ensure_index(other)
    ing.ingest_parsed(_variant(4), ing.parse_gazette(_variant(4), source="4.txt"), "4.txt")
    m.SearchLog.objects.filter(generation=m.SearchState.objects.get().generation).delete()  # pruned log
    ing.ensure_index(other)
    assert other.count() == 58 and other.generation() == m.SearchState.objects.get().generation


def test_concurrent_ingests_while_the_site_serves(archive, tmp_path, client):
    """Four ingest processes at once (two issues carrying the same 发文字号) while readers hit
    the API: every document lands once, every issue is seen whole or not at all, no reader
    gets an error."""
    from gongbao.store import models as m

    files = []
    for n, agency in ((3, None), (4, None), (5, "甲政"), (6, "乙政")):
        path = tmp_path / f"issue-{n}.txt"
        path.write_text(_variant(n, agency), "utf-8")
        files.append(path)

    errors: list[str] = []
    seen_totals: set[int] = set()
    stop = threading.Event()

    def read():
        from django.db import connection
        from django.test import Client

        c = Client()
        try:
            while not stop.is_set():
                for url in ("/api/search?q=" + "殡葬", "/api/issues", "/"):
                    r = c.get(url)
                    if r.status_code != 200:
                        errors.append(f"{url}: {r.status_code}")
                r = c.get("/api/search?q=" + "殡葬")
                if r.status_code == 200:
                    seen_totals.add(r.json()["total"])
        except Exception as e:  # any exception is a reader error
            errors.append(repr(e))
        finally:
            connection.close()

    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in readers:
        t.start()
    env = dict(os.environ)
    procs = [subprocess.Popen([sys.executable, "-m", "gongbao.cli", "ingest", str(p)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for p in files]
    outs = [p.communicate(timeout=300) for p in procs]
    stop.set()
    for t in readers:
        t.join(timeout=60)
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "ingested" in out
    assert not errors, errors[:5]
    assert m.Issue.objects.count() == 4
    assert m.Document.objects.count() == 4 * 29
    assert len(set(m.Document.objects.values_list("slug", flat=True))) == 4 * 29
    for issue in m.Issue.objects.all():
        assert issue.documents.count() == 29
    # Readers only ever saw whole issues: one 殡葬 notice per issue, never a part of one.
    assert seen_totals and seen_totals <= {0, 1, 2, 3, 4}
    from gongbao.web import queries

    assert queries.search("殡葬", {}, 1)["total"] == 4
    assert queries.search("乙政办发〔2024〕23号", {}, 1)["total"] == 1



def test_the_archive_runs_on_the_backend_asked_for(archive):
    """The PostgreSQL pass really talks to the server it started."""
    from django.db import connection

    expected = "postgresql" if os.environ.get("GONGBAO_TEST_POSTGRES") else "sqlite"
    assert connection.vendor.startswith(expected)
    if expected == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT current_database(), version()")
            name, version = cur.fetchone()
        assert name.startswith("gongbao_test_") and version.startswith("PostgreSQL")


def _serve(data, env):
    """Start ``gongbao serve`` on a free port with its own data (index) directory."""
    import socket
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "gongbao.cli", "serve", "--port", str(port), "--data", str(data)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, f"http://127.0.0.1:{port}"
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read().decode()) from None
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not start within 60 s")


def test_two_web_machines_serve_one_archive(sample_archive, tmp_path):
    """Two `gongbao serve` processes, each with its own index directory (two machines), on one
    database: after an ingest from a third place, both answer the new documents at once."""
    import json
    import urllib.parse
    import urllib.request

    url = os.environ.get("GONGBAO_DATABASE_URL") or f"sqlite:///{sample_archive / 'archive.sqlite3'}"
    env = {**os.environ, "GONGBAO_DATABASE_URL": url}
    servers = [_serve(tmp_path / f"machine-{n}", env) for n in (1, 2)]
    try:
        def ask(base, q):
            with urllib.request.urlopen(f"{base}/api/search?q={urllib.parse.quote(q)}", timeout=30) as r:
                body = json.load(r)
            return body["total"], sorted(h["id"] for h in body["hits"])

        for _, base in servers:
            assert ask(base, "殡葬")[0] == 1
        path = tmp_path / "issue-5.txt"
        path.write_text(_variant(5, "甲政"), "utf-8")
        done = subprocess.run([sys.executable, "-m", "gongbao.cli", "ingest", str(path),
                               "--data", str(tmp_path / "editor")], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        answers = [ask(base, "殡葬") for _, base in servers]
        assert answers[0] == answers[1] and answers[0][0] == 2
        assert ask(servers[1][1], "甲政办发〔2024〕23号")[0] == 1
    finally:
        for proc, _ in servers:
            proc.terminate()
            proc.wait(timeout=10)
