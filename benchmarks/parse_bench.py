"""Parse throughput and peak memory, on the sample issue and on a synthetic corpus built from it.

Usage:  .venv/bin/python benchmarks/parse_bench.py [--mb 100] [--repeat 5]   (--mb 0: the sample only)

The synthetic corpus is a stream of issues, each a copy of the sample with its numbers,
years and names varied, so no two issues are identical. Issues are generated and parsed one
at a time (as an archive ingests them), so memory must not grow with the corpus size.
A bare regex pass (one plain ``〔YYYY〕N号`` regex over the same text) is reported alongside
as the floor a single C-level scan reaches.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongbao import parse_gazette  # noqa: E402

# The floor: one plain regex scan for standard-form numbers (bracket first, as fast as sre goes).
BARE = re.compile(r"[〔\[(（【]\d{4}[〕\])）】]\s*\d{1,5}\s*号")

SAMPLE = ROOT / "samples" / "jiaocheng-gazette-2024-03.txt"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic_issues(template: str, total_bytes: int, seed: int = 7):
    """Yield varied copies of ``template`` until ``total_bytes`` (UTF-8) have been produced."""
    rng = random.Random(seed)
    produced = 0
    number = re.compile(r"([〕\])]\s*)(\d{1,3})(\s*号)")
    k = 0
    while produced < total_bytes:
        k += 1
        year = str(2000 + k % 25)
        text = template.replace("2024", year)
        offset = rng.randint(1, 400)
        text = number.sub(lambda m, o=offset: f"{m.group(1)}{int(m.group(2)) + o}{m.group(3)}", text)
        text = text.replace("交城", rng.choice(["交城", "文水", "汾阳", "孝义", "岚县", "方山"]))
        produced += len(text.encode("utf-8"))
        yield text


def bench_sample(text: str, repeat: int) -> tuple[float, int]:
    size = len(text.encode("utf-8"))
    parse_gazette(text)  # warm caches (fold table, regex compilation)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        g = parse_gazette(text)
        best = min(best, time.perf_counter() - t0)
    return size / best / 1e6, len(g.documents)


def bench_corpus(text: str, mb: float) -> tuple[float, float, int, int, float]:
    total = int(mb * 1e6)
    parsed_bytes = docs = issues = 0
    parse_time = 0.0
    regex_time = 0.0
    for issue in synthetic_issues(text, total):
        size = len(issue.encode("utf-8"))
        t0 = time.perf_counter()
        g = parse_gazette(issue)
        parse_time += time.perf_counter() - t0
        t0 = time.perf_counter()
        sum(1 for _ in BARE.finditer(issue))
        regex_time += time.perf_counter() - t0
        parsed_bytes += size
        docs += len(g.documents)
        issues += 1
        del g
    gc.collect()
    return parsed_bytes / parse_time / 1e6, parsed_bytes / regex_time / 1e6, docs, issues, parsed_bytes / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=100.0, help="size of the synthetic corpus in MB (UTF-8)")
    ap.add_argument("--repeat", type=int, default=5, help="runs over the sample (best is reported)")
    args = ap.parse_args()
    text = SAMPLE.read_text("utf-8")

    mbps, ndocs = bench_sample(text, args.repeat)
    print(f"sample: {len(text.encode('utf-8')) / 1e6:.2f} MB, {ndocs} documents, "
          f"parse {mbps:.1f} MB/s (best of {args.repeat}), peak RSS {peak_rss_mb():.0f} MB")
    # The same text with its line breaks lost (some copy-and-paste and HTML exports): long lines
    # must not make any pass quadratic.
    glued = text.replace("\n", " ")
    mbps, ndocs = bench_sample(glued, args.repeat)
    print(f"sample with its line breaks lost: parse {mbps:.1f} MB/s (best of {args.repeat}), {ndocs} documents found")
    if args.mb <= 0:
        return  # the sample only
    rss_before = peak_rss_mb()
    parse_mbps, regex_mbps, docs, issues, size = bench_corpus(text, args.mb)
    print(f"synthetic corpus: {size:.1f} MB in {issues} issues, {docs} documents")
    print(f"  parse:            {parse_mbps:.1f} MB/s (one core)")
    print(f"  bare regex pass:  {regex_mbps:.1f} MB/s (one bracket-first 〔YYYY〕N号 regex scan)")
    print(f"  ratio regex/parse: {regex_mbps / parse_mbps:.1f}x")
    print(f"  peak RSS: {peak_rss_mb():.0f} MB (before the corpus: {rss_before:.0f} MB)")


if __name__ == "__main__":
    main()
