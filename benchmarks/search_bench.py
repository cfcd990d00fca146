"""Archive benchmark: bulk ingest and search latency on a synthetic archive built from the sample.

Usage:
    .venv/bin/python benchmarks/search_bench.py                      # 100,000 documents, both backends
    .venv/bin/python benchmarks/search_bench.py --docs 1000000       # a million
    .venv/bin/python benchmarks/search_bench.py --backend sqlite --docs 20000 --keep /tmp/arch
    .venv/bin/python benchmarks/search_bench.py --backend postgresql --postgres postgresql://u@host:5432/postgres

Each backend runs in a process of its own (its peak memory is the gongbao process's alone),
on the same synthetic workload, and the figures are printed side by side at the end. Without
``--postgres`` a throwaway PostgreSQL server is started with ``scripts/postgres.sh`` (default,
durable settings: fsync on) and stopped afterwards.

The sample issue is parsed once; each synthetic issue copies its 29 documents with new
numbers, dates and issuers, and a body of ~3 KB drawn from random runs of the sample's
paragraphs (so hit counts are realistic, not all-or-nothing). Issues stream into
``store.bulk.bulk_load`` in batches, so memory does not grow with N. Search latency is measured
end to end through ``web.queries.search`` (index query, exact total, five facets, the page's 20
rows from the database, snippets): what a visitor waits for.
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    ("1 char", "殡", {}), ("1 char", "县", {}), ("1 char", "镇", {}),
    ("2 chars", "殡葬", {}), ("2 chars", "养老", {}), ("2 chars", "消防", {}), ("2 chars", "财政", {}),
    ("4 chars", "养老服务", {}), ("4 chars", "乡村振兴", {}), ("4 chars", "消防安全", {}),
    ("6 chars", "消防火灾隐患", {}), ("6 chars", "基本养老服务", {}),
    ("phrase", "推动大规模设备更新", {}), ("phrase", "城乡居民基本医疗保险", {}),
    # 发文字号 that the generator is known to produce (issue 1 and issue 7), in two bracket forms.
    ("doc number", "东政办发[2001]19号", {}), ("doc number", "东政发(2007)51号", {}),
    ("facet", "养老", {"doc_type": "通知"}), ("facet", "县", {"year": "2010"}),
    ("facet", "专业镇", {"status": "in_force"}),
]


# 97 synthetic county names; the first character is the 机关代字 prefix (as 交 is for 交城).
_COUNTIES = [a + b for a in "东南西北上下左右前后" for b in "山川河湖林泉石田原峰"][:97]


def rss_mb() -> float:
    """Peak resident set (includes pages of memory-mapped index files the kernel can drop)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_anon_peak = [0.0]


def anon_mb() -> float:
    """Anonymous (heap) resident memory now, and the peak of the samples taken so far."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("RssAnon:"):
                    now = int(line.split()[1]) / 1024
                    _anon_peak[0] = max(_anon_peak[0], now)
                    return now
    except OSError:
        pass
    return 0.0


def synthetic_issues(n_docs: int, seed: int = 11):
    """Yield (text, Gazette, source) for synthetic issues totalling ``n_docs`` documents."""
    from gongbao import parse_gazette
    from gongbao.models import Gazette, IssueInfo

    sample = parse_gazette((ROOT / "samples" / "jiaocheng-gazette-2024-03.txt").read_text("utf-8"))
    pool = [p for d in sample.documents for p in d.body.split("\n") if len(p) > 20]
    rng = random.Random(seed)
    made = 0
    i = 0
    while made < n_docs:
        i += 1
        county = _COUNTIES[i % len(_COUNTIES)] + "县"
        year = 2000 + i % 25
        info = IssueInfo(gazette=f"{county}人民政府公报", year=year, number=1 + (i // 97) % 400,
                         publication_date=f"{year}-{1 + i % 12:02d}-28", publisher=f"{county}人民政府办公室")
        docs = []
        for src in sample.documents:
            if made >= n_docs:
                break
            d = copy.copy(src)
            agency = county[0] + (src.doc_number or "交政发〔").split("〔")[0][1:]
            d.doc_number = f"{agency}〔{year}〕{(i * 7 + src.seq) % 400 + 1}号"
            d.title = src.title.replace("交城", county[:-1])
            d.issuers = [x.replace("交城县", county) for x in src.issuers]
            d.date = f"{year}-{1 + i % 12:02d}-{1 + src.seq % 27:02d}"
            start = rng.randrange(len(pool))
            body, size = [], 0
            while size < 3000:
                p = pool[(start + len(body)) % len(pool)]
                body.append(p)
                size += len(p.encode("utf-8"))
            d.body = "\n".join(body)
            d.citations = src.citations[:3]
            d.appointments = src.appointments
            docs.append(d)
            made += 1
        yield "", Gazette(issue=info, documents=docs), f"synthetic-{i}"


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--postgres", default=None, metavar="URL",
                    help="a PostgreSQL server to create the benchmark database on (default: start one)")
    ap.add_argument("--repeat", type=int, default=5, help="runs of the query list")
    ap.add_argument("--keep", type=Path, default=None, help="build the archive here and keep it")
    ap.add_argument("--result", type=Path, default=None, help=argparse.SUPPRESS)  # child process
    args = ap.parse_args()
    if args.result is None:
        compare(args)
    else:
        run_one(args)


def compare(args) -> None:
    """Run each backend in a child process and print their figures side by side."""
    import json
    import subprocess

    from gongbao.store.postgres import create_database

    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    results = {}
    pgdir = None
    try:
        for backend in backends:
            env = dict(os.environ)
            env.pop("GONGBAO_DATABASE_URL", None)
            if backend == "postgresql":
                server = args.postgres
                if server is None:
                    pgdir = tempfile.mkdtemp(prefix="gongbao-bench-pg-")
                    server = subprocess.run(["bash", str(ROOT / "scripts" / "postgres.sh"), "start", pgdir],
                                            env={**env, "GONGBAO_PG_DURABLE": "1"}, check=True,
                                            capture_output=True, text=True).stdout.strip()
                env["GONGBAO_DATABASE_URL"] = create_database(server, prefix="gongbao_bench")
            out = Path(tempfile.mkstemp(prefix="gongbao-bench-", suffix=".json")[1])
            cmd = [sys.executable, __file__, "--docs", str(args.docs), "--backend", backend,
                   "--repeat", str(args.repeat), "--result", str(out)]
            if args.keep:
                cmd += ["--keep", str(args.keep / backend)]
            print(f"== {backend}", flush=True)
            subprocess.run(cmd, env=env, check=True)
            results[backend] = json.loads(out.read_text())
            out.unlink()
    finally:
        if pgdir:
            subprocess.run(["bash", str(ROOT / "scripts" / "postgres.sh"), "stop", pgdir], capture_output=True)
            shutil.rmtree(pgdir, ignore_errors=True)
    print(f"\n== side by side, {args.docs:,} documents")
    names = list(results)
    rows = [("ingest docs/s", "ingest", "{:,.0f}"), ("database MB", "db_mb", "{:,.0f}"),
            ("search index MB", "index_mb", "{:,.0f}"),
            ("search cold p50 ms", "cold_p50", "{:.1f}"), ("search cold p95 ms", "cold_p95", "{:.1f}"),
            ("search uncached p50 ms", "uncached_p50", "{:.1f}"),
            ("search uncached p95 ms", "uncached_p95", "{:.1f}"),
            ("search warm p50 ms", "warm_p50", "{:.1f}"), ("search warm p95 ms", "warm_p95", "{:.1f}"),
            ("peak heap MB", "heap_mb", "{:,.0f}"), ("peak RSS MB", "rss_mb", "{:,.0f}")]
    kinds = list(dict.fromkeys(k for k, _, _ in QUERIES))
    rows += [(f"  {k} uncached p95 ms", ("kinds", k), "{:.1f}") for k in kinds]
    print(f"{'':24}" + "".join(f"{n:>14}" for n in names))
    for label, key, fmt in rows:
        cells = []
        for n in names:
            v = results[n][key[0]][key[1]] if isinstance(key, tuple) else results[n][key]
            cells.append(fmt.format(v))
        print(f"{label:24}" + "".join(f"{c:>14}" for c in cells))
    if len(names) == 2 and results[names[0]]["totals"] != results[names[1]]["totals"]:
        print("WARNING: hit counts differ between the backends")


def run_one(args) -> None:
    """One backend: build the synthetic archive, time ingest and the query list."""
    import json

    data = args.keep or Path(tempfile.mkdtemp(prefix="gongbao-bench-"))
    if data.exists():
        shutil.rmtree(data)
    os.environ["GONGBAO_DATA"] = str(data)
    from gongbao.store.setup import setup

    setup(data)
    from gongbao.store.bulk import bulk_load
    from gongbao.web import queries

    print(f"backend: {args.backend}; archive: {data}; documents: {args.docs:,}")
    rss0 = rss_mb()
    step = max(1, args.docs // 10)
    marks = {"next": step}

    def progress(n):
        anon_mb()
        if n >= marks["next"]:
            print(f"  {n:,} documents, {n / (time.perf_counter() - t0):,.0f} docs/s, heap {anon_mb():.0f} MB, "
                  f"peak RSS {rss_mb():.0f} MB", flush=True)
            marks["next"] += step

    t0 = time.perf_counter()
    n = bulk_load(synthetic_issues(args.docs), batch_issues=100, progress=progress)
    elapsed = time.perf_counter() - t0
    print(f"ingest: {n:,} documents in {elapsed:.0f} s = {n / elapsed:,.0f} docs/s")

    from django.db import connection

    if connection.vendor == "sqlite":
        db_bytes = sum(p.stat().st_size for p in data.glob("archive.sqlite3*"))
    else:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_database_size(current_database())")
            db_bytes = cur.fetchone()[0]
    index_bytes = dir_size(data / "index")
    print(f"database: {db_bytes / 1e6:,.0f} MB ({connection.vendor}); search index: {index_bytes / 1e6:,.0f} MB")

    queries.search("通知", {}, 1)  # open the index, the database and Django's URL map once
    from gongbao.store.ingest import ensure_index

    t = time.perf_counter()
    warmed = ensure_index().warm()  # as `gongbao serve` does before it serves
    print(f"index warmed: {warmed / 1e6:,.0f} MB read in {time.perf_counter() - t:.1f} s")
    # Cold: each query's first run in the process. Uncached: the query list again and again,
    # each search counting its total and facets anew (as for a query no visitor has made
    # before; five times the samples of the cold pass, so its p95 is a steadier figure).
    # Warm: the same queries with their totals and facets kept for the index generation (as
    # for a visitor paging).
    idx = ensure_index()
    runs: dict[str, dict[str, list[float]]] = {"cold": {}, "uncached": {}, "warm": {}}
    totals: dict[str, int] = {}
    passes = ["cold"] + ["uncached"] * args.repeat + ["warm"] * args.repeat
    for label in passes:
        for kind, q, f in QUERIES:
            if label == "uncached":
                idx.forget_counts()
            t = time.perf_counter()
            r = queries.search(q, f, 1)
            runs[label].setdefault(kind, []).append((time.perf_counter() - t) * 1000)
            totals[q + str(f)] = r["total"]

    def pct(values, p):
        values = sorted(values)
        return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]

    for label, times in runs.items():
        every = [x for v in times.values() for x in v]
        print(f"search {label} (end to end, {len(every)} queries): p50 {statistics.median(every):.1f} ms, "
              f"p95 {pct(every, 95):.1f} ms")
        for kind, v in times.items():
            print(f"  {kind:<10} p50 {statistics.median(v):7.1f} ms  p95 {pct(v, 95):7.1f} ms")
    print("hit counts: " + ", ".join(f"{q}{'+' + '+'.join(f.values()) if f else ''}={totals[q + str(f)]:,}"
                                     for _, q, f in QUERIES))
    anon_mb()
    print(f"peak heap (anonymous RSS, sampled per batch): {_anon_peak[0]:.0f} MB; peak RSS incl. mapped index "
          f"files: {rss_mb():.0f} MB (after setup: {rss0:.0f} MB)")
    result = {"ingest": n / elapsed, "db_mb": db_bytes / 1e6, "index_mb": index_bytes / 1e6,
              "heap_mb": _anon_peak[0], "rss_mb": rss_mb(), "totals": totals,
              "kinds": {k: pct(v, 95) for k, v in runs["uncached"].items()}}
    for label, times in runs.items():
        every = [x for v in times.values() for x in v]
        result[f"{label}_p50"], result[f"{label}_p95"] = statistics.median(every), pct(every, 95)
    args.result.write_text(json.dumps(result))
    if args.keep is None:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
