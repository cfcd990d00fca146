"""PostgreSQL-native Chinese full text, measured against the same workload as search_bench.py.

Why gongbao's PostgreSQL deployment searches with a tantivy index per web machine (following
the database through its change log) rather than inside PostgreSQL: this prints what the
in-database options cost on this machine, each answering what the archive's search answers
(the exact total and the top 20 by relevance; facets would come on top):

- ``gin``: a ``tsvector`` of position-ordered CJK bigrams (``simple`` configuration; title
  weighted A, body B), a GIN index, phrase ``tsquery`` (``消防 <-> 防火 <-> …``), ``ts_rank``;
- ``rum``: the same ``tsvector`` in a RUM index (Debian's ``postgresql-15-rum``), ranked
  inside the index with ``<=>``;
- ``trgm``: ``pg_trgm`` GIN over the raw text and ``LIKE '%…%'`` (no ranking).

Usage:
    .venv/bin/python benchmarks/pg_fulltext_bench.py --docs 20000 [--postgres URL]

Without ``--postgres`` a throwaway server is started with ``scripts/postgres.sh`` (installing
``postgresql-15-rum`` from Debian when run as root and it is missing).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from gongbao.store.postgres import connect, create_database  # noqa: E402

TEXT_QUERIES = [(k, q) for k, q, f in __import__("search_bench").QUERIES if not f and k != "doc number"]


def tokens(text: str) -> str:
    """Position-ordered bigrams, then each Chinese run's last character (so a one-character
    prefix query ``X:*`` finds X wherever it stands)."""
    import re

    from gongbao.normalize.fold import fold

    # Its own token stream (what was measured), not the tantivy index's: PostgreSQL's parser
    # would split the index's gap pairs its own way.
    f = fold(text).lower()
    runs = re.findall(r"[\u3400-\u9fff]{2,}", f)
    grams = " ".join(run[i:i + 2] for run in runs for i in range(len(run) - 1))
    return grams + " " + " ".join(run[-1] for run in runs)


def tsquery(q: str) -> str:
    from gongbao.normalize.fold import fold

    q = fold(q).lower()
    if len(q) == 1:
        return f"{q}:*"
    return " <-> ".join(q[i:i + 2] for i in range(len(q) - 1))


def copy_field(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def load(conn, n_docs: int) -> float:
    from search_bench import synthetic_issues

    conn.run("CREATE TABLE doc (id serial PRIMARY KEY, title text, body text, title_tokens text, body_tokens text)")
    t0 = time.perf_counter()
    rows = []

    def flush():
        payload = "".join("\t".join(copy_field(v) for v in r) + "\n" for r in rows)
        conn.run("COPY doc (title, body, title_tokens, body_tokens) FROM STDIN", stream=io.BytesIO(payload.encode()))
        rows.clear()

    for _, g, _ in synthetic_issues(n_docs):
        for d in g.documents:
            rows.append((d.title, d.body, tokens(d.title), tokens(d.body)))
        if len(rows) >= 2000:
            flush()
    flush()
    conn.run("ALTER TABLE doc ADD COLUMN tsv tsvector")
    conn.run("UPDATE doc SET tsv = setweight(to_tsvector('simple', title_tokens), 'A') || "
             "setweight(to_tsvector('simple', body_tokens), 'B')")
    return time.perf_counter() - t0


def build(conn, kind: str) -> float:
    t0 = time.perf_counter()
    if kind == "gin":
        conn.run("CREATE INDEX doc_tsv_gin ON doc USING gin (tsv)")
    elif kind == "rum":
        conn.run("CREATE EXTENSION IF NOT EXISTS rum")
        conn.run("CREATE INDEX doc_tsv_rum ON doc USING rum (tsv rum_tsvector_ops)")
    else:
        conn.run("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        conn.run("CREATE INDEX doc_body_trgm ON doc USING gin ((title || ' ' || body) gin_trgm_ops)")
    conn.run("ANALYZE doc")
    return time.perf_counter() - t0


def search(conn, kind: str, q: str) -> tuple[int, list[int]]:
    if kind == "trgm":
        like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        total = conn.run("SELECT count(*) FROM doc WHERE (title || ' ' || body) LIKE :p", p=like)[0][0]
        top = conn.run("SELECT id FROM doc WHERE (title || ' ' || body) LIKE :p ORDER BY id LIMIT 20", p=like)
        return total, [r[0] for r in top]
    tq = tsquery(q)
    total = conn.run("SELECT count(*) FROM doc WHERE tsv @@ to_tsquery('simple', :q)", q=tq)[0][0]
    if kind == "gin":
        top = conn.run("SELECT id FROM doc WHERE tsv @@ to_tsquery('simple', :q) "
                       "ORDER BY ts_rank(tsv, to_tsquery('simple', :q)) DESC LIMIT 20", q=tq)
    else:
        top = conn.run("SELECT id FROM doc WHERE tsv @@ to_tsquery('simple', :q) "
                       "ORDER BY tsv <=> to_tsquery('simple', :q) LIMIT 20", q=tq)
    return total, [r[0] for r in top]


def index_size(conn, kind: str) -> float:
    name = {"gin": "doc_tsv_gin", "rum": "doc_tsv_rum", "trgm": "doc_body_trgm"}[kind]
    return conn.run(f"SELECT pg_relation_size('{name}')")[0][0] / 1e6


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--postgres", default=None, metavar="URL")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    pgdir = None
    server = args.postgres
    if server is None:
        if os.geteuid() == 0 and not list(Path("/usr/share/postgresql").glob("*/extension/rum.control")):
            subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql-15-rum"], check=False,
                           env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, capture_output=True)
        pgdir = tempfile.mkdtemp(prefix="gongbao-pgfts-")
        server = subprocess.run(["bash", str(ROOT / "scripts" / "postgres.sh"), "start", pgdir], check=True,
                                capture_output=True, text=True, env={**os.environ, "GONGBAO_PG_DURABLE": "1"}).stdout.strip()
    try:
        url = create_database(server, prefix="gongbao_fts")
        conn = connect(url)
        print(f"PostgreSQL: {conn.run('SHOW server_version')[0][0]}; documents: {args.docs:,}")
        loaded = load(conn, args.docs)
        print(f"load + tsvector: {loaded:.0f} s ({args.docs / loaded:,.0f} docs/s before any index)")
        kinds = ["gin", "rum", "trgm"]
        figures = {}
        for kind in kinds:
            try:
                built = build(conn, kind)
            except Exception as exc:
                print(f"{kind}: unavailable ({str(exc)[:80]})")
                continue
            times: dict[str, list[float]] = {}
            totals = {}
            for _ in range(args.repeat):
                for k, q in TEXT_QUERIES:
                    t = time.perf_counter()
                    totals[q] = search(conn, kind, q)[0]
                    times.setdefault(k, []).append((time.perf_counter() - t) * 1000)
            every = [x for v in times.values() for x in v]
            figures[kind] = (built, index_size(conn, kind), statistics.median(every), pct(every, 95), times, totals)
            for idx in ("doc_tsv_gin", "doc_tsv_rum", "doc_body_trgm"):
                conn.run(f"DROP INDEX IF EXISTS {idx}")
        print(f"\n{'':22}" + "".join(f"{k:>12}" for k in figures))
        print(f"{'index build s':22}" + "".join(f"{v[0]:>12.0f}" for v in figures.values()))
        print(f"{'index MB':22}" + "".join(f"{v[1]:>12.0f}" for v in figures.values()))
        print(f"{'query p50 ms':22}" + "".join(f"{v[2]:>12.1f}" for v in figures.values()))
        print(f"{'query p95 ms':22}" + "".join(f"{v[3]:>12.1f}" for v in figures.values()))
        for k in dict.fromkeys(k for k, _ in TEXT_QUERIES):
            print(f"{'  ' + k + ' p95 ms':22}" + "".join(f"{pct(v[4][k], 95):>12.1f}" for v in figures.values()))
        print("hit counts: " + "; ".join(f"{kind}: " + ", ".join(f"{q}={n:,}" for q, n in v[5].items())
                                         for kind, v in figures.items()))
        conn.close()
        admin = connect(server)
        admin.run(f"DROP DATABASE {urlparse(url).path.lstrip('/')}")
        admin.close()
    finally:
        if pgdir:
            subprocess.run(["bash", str(ROOT / "scripts" / "postgres.sh"), "stop", pgdir], capture_output=True)
            shutil.rmtree(pgdir, ignore_errors=True)


if __name__ == "__main__":
    main()
