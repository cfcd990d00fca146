"""Chinese full-text search in an embedded tantivy index beside the database.

Text is indexed as position-ordered CJK bigrams with a whitespace tokenizer, so that a query
is a phrase of its bigrams (a one-character query, a term of a character field): exact for words
of any length (消防火灾隐患 matches only where those six characters stand together, never across
punctuation or a paragraph break: there the bigram positions keep a gap), which tantivy's own
n-gram tokenizer is not (``shared/notes/search-engines.md``). Latin words and numbers are a field
of their own. 发文字号 are indexed as keywords of their own, in their normalised form and by
their parts.

The index is split into shards (separate tantivy indexes) once it is large, so that the exact
total and facets of a broad query, which touch every hit, are counted on two cores at once.
Title hits rank first; for them only the title's postings are read, so a first page rarely
checks a body phrase.

The database is the source of truth. Every change bumps ``SearchState.generation`` inside
the database transaction; the index records the generation it reflects and is updated
after the commit. An index behind the database (a crash between the two) is rebuilt from
the database before it is used, so the two never disagree for long and never silently.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import sys
import threading
import zlib
from array import array
from dataclasses import dataclass, field
from pathlib import Path

import tantivy

try:
    import fcntl
except ImportError:  # Windows: one process writes at a time by convention
    fcntl = None

from ..normalize.compat import drop_invisible, unify_ideographs
from ..normalize.fold import fold
from ..normalize.layout import CJK as _CJK
from ..parse.docnumber import find_doc_numbers
from .config import index_dir
from .identifiers import number_parts

_CJK_RUN = re.compile(f"[{_CJK}]+|[A-Za-z0-9]+(?:\\.[0-9]+)?")
FACETS = ("issuer", "doc_type", "year", "section", "status")
_lock = threading.RLock()
_executor = None


def _pool():
    global _executor
    if _executor is None:
        from concurrent.futures import ThreadPoolExecutor

        _executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="gongbao-facets")
    return _executor


_NON_CJK = re.compile(f"[^{_CJK}]+")
_NUMBER_WITHOUT_HAO = re.compile(r"([\u4e00-\u9fff]{1,12}\s?[〔\[(（【﹝]\s?\d{4}\s?[〕\])）】﹞]\s?\d{1,5})(?![\d号])")
_WORD = re.compile(r"[a-z0-9]+")
# What stands for a run of other characters between Chinese ones: a private-use code point
# four bytes long, so that a pair holding it is seven bytes and the index drops it (a CJK
# bigram is six), keeping its position as a gap.
_GAP = "\U000f0000"
_BIGRAM_BYTES = 6
_U32 = next(code for code in "IL" if array(code).itemsize == 4)
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
_SPACE = [ord(" ")]
# The layout of the token stream; an index written with another is rebuilt from the database.
INDEX_FORMAT = "4"
# Parts of the index searched side by side, one thread each: a query's aggregation (exact total
# and facets) touches every hit, and at a million documents one thread is too slow for it.
SHARDS = 2
# Until the index holds this many documents, they all go to the first shard: a small archive
# ranks with the statistics of the whole of it (and needs no second thread).
ONE_SHARD_BELOW = 50_000


def _bigrams_folded(f: str) -> str:
    """The token stream of folded text's Chinese for the index, whitespace separated.

    Every pair of neighbouring characters in reading order, each run of other characters
    (punctuation, line breaks, Latin, digits) standing as one gap character: ``养老，老服``
    gives 养老 老▯ ▯老 老服, and the index keeps 养老 and 老服 two positions apart. A phrase
    of bigrams therefore matches only characters that stand together (养老服 is not in
    养老，老服). C-level passes only: tokenizing is much of the cost of indexing. Latin words
    and numbers are indexed apart (``words``).
    """
    g = _NON_CJK.sub(_GAP, f)
    if len(g) < 2:
        return "" if g == _GAP else g  # one character alone is its own token
    # ``" ".join(a + b for a, b in zip(g, g[1:]))``, six times faster: the characters as 32-bit
    # code points, interleaved (this, next, space) by three slice assignments in C.
    cps = array(_U32)
    cps.frombytes(g.encode(_UTF32))
    n = len(cps) - 1
    out = array(_U32, _SPACE) * (3 * n)
    out[0::3] = cps[:-1]
    out[1::3] = cps[1:]
    return out.tobytes().decode(_UTF32)


def _words_folded(f: str) -> str:
    return " ".join(_WORD.findall(f))


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_text_field("slug", stored=True, tokenizer_name="raw")
    b.add_text_field("issue", tokenizer_name="raw")
    b.add_text_field("title", tokenizer_name="bigram")
    b.add_text_field("body", tokenizer_name="bigram")
    # Latin words and numbers of the title and the body, whole.
    b.add_text_field("words", tokenizer_name="whitespace", index_option="freq")
    # Characters one by one (no positions), for one-character queries.
    b.add_text_field("chars", tokenizer_name="cjk_char", index_option="freq")
    b.add_text_field("number", tokenizer_name="raw", index_option="basic")
    b.add_text_field("issuer", tokenizer_name="raw", fast=True, index_option="basic")
    b.add_text_field("doc_type", tokenizer_name="raw", fast=True, index_option="basic")
    b.add_text_field("section", tokenizer_name="raw", fast=True, index_option="basic")
    b.add_text_field("status", tokenizer_name="raw", fast=True, index_option="basic")
    b.add_integer_field("year", fast=True, indexed=True)
    b.add_integer_field("date", fast=True)
    return b.build()


@dataclass
class Hit:
    slug: str
    score: float
    tier: int = 1  # 0: the title holds every word of the query; 1: the body does


@dataclass
class _Plan:
    """A user query as tantivy queries: ``query`` matches and ranks; ``match`` matches the
    same documents, cheaper (counts and facets); ``titled`` matches the documents whose title
    holds every word (None when the query has no Chinese words), ``untitled`` the rest."""
    query: object
    match: object
    titled: object = None
    untitled: object = None


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)  # what to highlight


class SearchIndex:
    """The tantivy index of the archive's current documents."""

    @staticmethod
    def default_path() -> Path:
        return Path(index_dir())

    def __init__(self, path: Path | None = None, one_shard_below: int | None = None):
        self.seen_generation = -2
        self.one_shard_below = ONE_SHARD_BELOW if one_shard_below is None else one_shard_below
        self._depth = 0
        self._lock_file = None
        self._cache: dict = {}
        self.path = Path(path or index_dir())
        self.path.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        fmt = self.path / "format"
        with self.exclusive():  # another process may be opening the same directory
            try:
                same_format = fmt.read_text().strip() == INDEX_FORMAT
            except OSError:
                same_format = False
            if not same_format:
                # New, or written by another version: start empty. The generation goes with
                # it, so the first use rebuilds the index from the database.
                self._clear()
                fmt.write_text(INDEX_FORMAT)
            try:
                self.shards = [self._open_shard(k) for k in range(SHARDS)]
            except (OSError, ValueError):
                self._clear()
                fmt.write_text(INDEX_FORMAT)
                self.shards = [self._open_shard(k) for k in range(SHARDS)]

    def _open_shard(self, k: int) -> tantivy.Index:
        path = self.path / f"shard-{k}"
        path.mkdir(exist_ok=True)
        index = tantivy.Index(self.schema, path=str(path), reuse=True)
        # Tokenizers are not stored in the index: register ours on every open.
        index.register_tokenizer("cjk_char", tantivy.TextAnalyzerBuilder(
            tantivy.Tokenizer.regex(f"[{_CJK}]")).build())
        # Pairs holding the gap are longer than a bigram: dropped, their positions kept.
        index.register_tokenizer("bigram", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
                                 .filter(tantivy.Filter.remove_long(_BIGRAM_BYTES + 1)).build())
        return index

    def shard_of(self, d: dict) -> int:
        """The shard a document goes to once the index is large, by its text: the same text
        republished lands in the same shard, so it scores the same (each shard ranks with its
        own term statistics, alike in large shards of like documents, not in small ones)."""
        return zlib.crc32((d["title"] + "\n" + d["body"]).encode("utf-8")) % len(self.shards)

    def writer(self, heap_size: int) -> _Writer:
        return _Writer(self, heap_size)

    def reload(self) -> None:
        for shard in self.shards:
            shard.reload()

    def _clear(self) -> None:
        """Remove the index files (not the lock other processes may be holding)."""
        for entry in self.path.iterdir():
            if entry.name == "lock":
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)

    # --- generation bookkeeping -------------------------------------------------------

    @property
    def _generation_file(self) -> Path:
        return self.path / "generation"

    def generation(self) -> int:
        try:
            return int(self._generation_file.read_text().strip())
        except (OSError, ValueError):
            return -1

    def set_generation(self, gen: int) -> None:
        tmp = self._generation_file.with_suffix(".tmp")
        tmp.write_text(str(gen))
        tmp.replace(self._generation_file)

    @contextlib.contextmanager
    def exclusive(self):
        """One writer at a time: threads of this process (a re-entrant lock) and other
        processes on this machine sharing the index directory (an advisory file lock)."""
        with _lock:
            self._depth += 1
            try:
                if self._depth == 1 and fcntl is not None:
                    self._lock_file = open(self.path / "lock", "a+")
                    fcntl.flock(self._lock_file, fcntl.LOCK_EX)
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._lock_file is not None:
                    fcntl.flock(self._lock_file, fcntl.LOCK_UN)
                    self._lock_file.close()
                    self._lock_file = None

    # --- writing ----------------------------------------------------------------------

    def replace_issue(self, issue_key: str, docs: list[dict]) -> None:
        """Drop the issue's documents and add ``docs`` (dicts from ``index_record``)."""
        with self.exclusive():
            writer = self.writer(64_000_000)
            writer.delete("issue", issue_key)
            for d in docs:
                writer.add(d)
            writer.commit()
        self.reload()

    def replace_documents(self, records: list[dict]) -> None:
        """Re-index single documents (their 时效性 changed with the calendar)."""
        with self.exclusive():
            writer = self.writer(32_000_000)
            for d in records:
                writer.delete("slug", d["slug"])
                writer.add(d)
            writer.commit()
            self._cache.clear()
        self.reload()

    def status_day(self) -> str | None:
        try:
            return (self.path / "status-day").read_text().strip()
        except OSError:
            return None

    def set_status_day(self, day: str) -> None:
        (self.path / "status-day").write_text(day)

    def rebuild(self, records, generation: int) -> int:
        """Replace the whole index with ``records``; returns how many were indexed."""
        with self.exclusive():
            writer = self.writer(128_000_000)
            writer.delete_all()
            writer.filled = 0
            n = 0
            for d in records:
                writer.add(d)
                n += 1
                if n % 50_000 == 0:
                    writer.commit(wait=False)
            writer.commit()
            self.set_generation(generation)
        self.reload()
        return n

    def _document(self, d: dict) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_text("slug", d["slug"])
        doc.add_text("issue", d["issue"])
        title, body = fold(d["title"]).lower(), fold(d["body"]).lower()  # one fold per text
        doc.add_text("title", _bigrams_folded(title))
        # The body field holds the title too (a gap between): one phrase to check for a match.
        doc.add_text("body", _bigrams_folded(title + "\n" + body))
        doc.add_text("words", _words_folded(title + " " + body))
        doc.add_text("chars", title + "\n" + body)  # split into characters by tantivy (``cjk_char``)
        for token in number_tokens(d.get("doc_number") or ""):
            doc.add_text("number", token)
        for issuer in d.get("issuers") or ["（未署）"]:
            doc.add_text("issuer", issuer)
        doc.add_text("doc_type", d.get("doc_type") or "其他")
        doc.add_text("section", d.get("section") or "（无栏目）")
        doc.add_text("status", d.get("status") or "in_force")
        doc.add_integer("year", int(d.get("year") or 0))
        doc.add_integer("date", int((d.get("date") or "0000-00-00").replace("-", "")))
        return doc

    # --- reading ----------------------------------------------------------------------

    def search(self, q: str, filters: dict[str, str] | None = None, limit: int = 20, offset: int = 0,
               facets: bool = True) -> SearchResults:
        """Top hits, the exact total and facet counts.

        Documents whose title holds the query's words come first, ranked by BM25 over the
        title; the rest follow, ranked by BM25 over title and body. The split is what the
        reader asks for (a title hit is what they look for) and what keeps a first page cheap:
        a title's postings are short, so the body's phrases are only checked for the later
        pages of a query with fewer title hits than the page needs.

        The total and the facets come from one aggregation pass per shard (every document has
        exactly one 文种, so the 文种 buckets add up to the total), the shards side by side in
        other threads while this one ranks (tantivy releases the GIL). Totals and facets of a
        query are kept for the index generation they were computed on, so paging does not
        recount.
        """
        plan, terms = self.plan(q, filters or {})
        if plan is None:
            return SearchResults(0, [], {}, terms)
        searchers = [shard.searcher() for shard in self.shards]
        key = (q, tuple(sorted((filters or {}).items())), self.seen_generation, self.generation(), self.status_day())
        cached = self._cache.get(key)
        futures = []
        if cached is None:
            futures = [_pool().submit(_counts, searcher, plan.match) for searcher in searchers]
        hits = self._top(searchers, plan, max(1, limit), offset)[:limit]
        if cached is None:
            cached = _merge_counts([f.result() for f in futures])
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[key] = cached
        total, facet_counts = cached
        return SearchResults(total, hits, facet_counts if facets else {}, terms)

    def _top(self, searchers, plan: _Plan, limit: int, offset: int) -> list[Hit]:
        end = offset + limit
        if plan.titled is None:
            ranked = [(1, hit) for hit in _ranked(searchers, plan.query, end)[0]]
        else:
            first, titled = _ranked(searchers, plan.titled, end, count=True)
            ranked = [(0, hit) for hit in first]
            if end > titled:
                # The page reaches past the title hits: the body hits follow them.
                ranked += [(1, hit) for hit in _ranked(searchers, plan.untitled, end - titled)[0]]
        return [Hit(searchers[k].doc(addr)["slug"][0], score, tier) for tier, (score, k, addr) in ranked[offset:end]]

    def plan(self, q: str, filters: dict[str, str]) -> tuple[_Plan | None, list[str]]:
        """The queries for user text ``q`` (see ``_Plan``) and the words to highlight."""
        s = self.schema
        Must = tantivy.Occur.Must
        must: list = []
        terms: list[str] = []
        text = unify_ideographs(drop_invisible(q or "")).strip()[:200]
        # A 发文字号 typed without its 号 (``交政办发[2024]23``) is still one.
        text = _NUMBER_WITHOUT_HAO.sub(r"\1号", text)
        # 发文字号 in any bracket form: a keyword match on the normalised number.
        numbers = find_doc_numbers(text)
        for d in numbers:
            must.append((Must, tantivy.Query.term_query(s, "number", d.normalized)))
            terms.append(d.normalized)
        if numbers:
            cut = []
            pos = 0
            for d in numbers:
                cut.append(text[pos:d.start])
                pos = d.end
            cut.append(text[pos:])
            text = " ".join(cut)
        f = fold(text).lower()
        in_title: list = []
        relevance: list = []  # the words' bigrams in the body, to rank title hits among themselves
        besides = [c for _, c in must]  # what a title hit must match besides: numbers, Latin, filters
        match = list(must)
        for m in _CJK_RUN.finditer(f):
            run = m.group(0)
            terms.append(text[m.start():m.end()])
            title, whole, matching, body_terms = self._run_query(run)
            must.append((Must, whole))
            match.append((Must, matching))
            if title is not None:
                in_title.append((Must, title))
                relevance += [(tantivy.Occur.Should, t) for t in body_terms]
            else:
                besides.append(whole)
        for key, value in filters.items():
            if key not in FACETS or not value:
                continue
            if key == "year":
                if value.isdigit():
                    must.append((Must, tantivy.Query.term_query(s, "year", int(value))))
                    besides.append(must[-1][1])
                    match.append(must[-1])
                continue
            must.append((Must, tantivy.Query.term_query(s, key, value)))
            besides.append(must[-1][1])
            match.append(must[-1])
        if not must:
            return None, terms
        query = tantivy.Query.boolean_query(must)
        plan = _Plan(query, tantivy.Query.boolean_query(match))
        if not in_title:
            return plan, terms
        # Each Chinese word in the title, the other conditions as they are (not scored again);
        # ranked by the title's BM25 and how much the body speaks of the words (their bigrams'
        # frequencies: no positions to read).
        titled = in_title + [(Must, tantivy.Query.const_score_query(c, 0.0)) for c in besides] + relevance
        untitled = [(Must, query), (tantivy.Occur.MustNot, tantivy.Query.boolean_query(in_title))]
        plan.titled, plan.untitled = tantivy.Query.boolean_query(titled), tantivy.Query.boolean_query(untitled)
        return plan, terms

    def _run_query(self, run: str):
        """One word of the query: its match in the title (None for Latin and digits); its match
        anywhere, ranked (the title, boosted; the body; a 机关代字); the same unranked and
        cheaper (the body field holds the title too); its terms in the body."""
        s = self.schema
        Should = tantivy.Occur.Should
        if run.isascii():
            words = tantivy.Query.term_query(s, "words", run)
            number = tantivy.Query.term_query(s, "number", run)
            either = tantivy.Query.boolean_query([(Should, words), (Should, number)])
            return None, either, either, []
        if len(run) == 1:
            # One character: a term of the character field; a title holding it ranks first.
            pattern = f"(?:{re.escape(run)}.|.{re.escape(run)}|{re.escape(run)})"
            title = tantivy.Query.regex_query(s, "title", pattern)
            body = tantivy.Query.term_query(s, "chars", run)
            body_terms = [body]
        else:
            grams = covering_bigrams(run)
            body_terms = [tantivy.Query.term_query(s, "body", gram) for _, gram in grams]
            if len(grams) == 1:
                title = tantivy.Query.term_query(s, "title", grams[0][1])
                body = body_terms[0]
            else:
                title = tantivy.Query.phrase_query(s, "title", grams)
                body = tantivy.Query.phrase_query(s, "body", grams)
        should = [(Should, tantivy.Query.boost_query(title, 3.0)), (Should, body)]
        matching = [(Should, body)]
        if 2 <= len(run) <= 12:
            # An agency abbreviation typed alone (交政办发) finds its documents too.
            abbreviation = (Should, tantivy.Query.term_query(s, "number", run))
            should.append(abbreviation)
            matching.append(abbreviation)
        return title, tantivy.Query.boolean_query(should), tantivy.Query.boolean_query(matching), body_terms

    def warm(self) -> int:
        """Read the index files once so that the first searches do not wait on the disk (what
        a search server does at start); returns the bytes read. Pages stay in the OS cache,
        shared by every process on the machine."""
        total = 0
        for f in sorted(self.path.rglob("*")):
            if f.is_file():
                with open(f, "rb") as fh:
                    while chunk := fh.read(1 << 20):
                        total += len(chunk)
        return total

    def count(self) -> int:
        return sum(shard.searcher().num_docs for shard in self.shards)


def _ranked(searchers, query, n: int, count: bool = False) -> tuple[list[tuple[float, int, object]], int]:
    """The top ``n`` of every shard merged by score: ``(score, shard, address)``; and the
    number of matches when ``count``. Equal scores keep the index's order, shard by shard."""
    merged = []
    total = 0
    for k, searcher in enumerate(searchers):
        res = searcher.search(query, limit=max(1, n), count=count)
        total += res.count or 0
        merged += [(score, k, addr) for score, addr in res.hits]
    if len(searchers) > 1:
        merged.sort(key=lambda h: (-h[0], h[1], h[2].segment_ord, h[2].doc))
    return merged[:n], total


# Buckets asked of each shard: more than a page of facet values, so that the merged top values
# are those of the whole index (a value's count is summed over every shard that lists it).
_SHARD_BUCKETS = 200


def _counts(searcher, query) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    spec = {name: {"terms": {"field": name, "size": 1000 if name == "doc_type" else _SHARD_BUCKETS}}
            for name in FACETS}
    try:
        raw = searcher.aggregate(query, spec)
    except ValueError:
        return searcher.search(query, limit=1, count=True).count or 0, {}
    result = {}
    for name in FACETS:
        buckets = raw.get(name, {}).get("buckets", [])
        result[name] = [(str(b["key"]) if name != "year" else str(int(b["key"])), int(b["doc_count"]))
                        for b in buckets]
    by_type = raw.get("doc_type", {})
    total = sum(b["doc_count"] for b in by_type.get("buckets", [])) + int(by_type.get("sum_other_doc_count", 0))
    return total, result


def _merge_counts(parts) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """One total and one list of facet values (most documents first, 30 at most) from the
    shards' own."""
    total = sum(t for t, _ in parts)
    facets = {}
    for name in FACETS:
        counts: dict[str, int] = {}
        for _, part in parts:
            for value, n in part.get(name, []):
                counts[value] = counts.get(value, 0) + n
        facets[name] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:30]
    return total, facets


class _Writer:
    """A tantivy writer on each shard: deletions go to every shard, a document to its own."""

    def __init__(self, idx: SearchIndex, heap_size: int):
        self.idx = idx
        self.filled = idx.count()
        # tantivy wants at least 15 MB a writer thread.
        self.writers = [shard.writer(heap_size=max(20_000_000, heap_size // len(idx.shards)), num_threads=1)
                        for shard in idx.shards]

    def add(self, d: dict) -> None:
        k = self.idx.shard_of(d) if self.filled >= self.idx.one_shard_below else 0
        self.writers[k].add_document(self.idx._document(d))
        self.filled += 1

    def delete(self, field_name: str, value: str) -> None:
        for w in self.writers:
            w.delete_documents_by_term(field_name, value)

    def delete_all(self) -> None:
        for w in self.writers:
            w.delete_all_documents()

    def commit(self, wait: bool = True) -> None:
        for w in self.writers:
            w.commit()
        if wait:
            for w in self.writers:
                w.wait_merging_threads()


def covering_bigrams(run: str) -> list[tuple[int, str]]:
    """The fewest bigrams, with their offsets, that cover every character of ``run``.

    A bigram's position is that of its first character, so 养老@0 服务@2 matches exactly
    where 养老服务 stands (a gap between the two would shift 服务 on). Half the terms of the
    full chain (养老 老服 服务): a third less position checking for the same matches.
    """
    offsets = list(range(0, len(run) - 1, 2))
    if offsets[-1] != len(run) - 2:
        offsets.append(len(run) - 2)  # odd length: the last pair overlaps its neighbour
    return [(o, run[o:o + 2]) for o in offsets]


def number_tokens(doc_number: str) -> list[str]:
    """``交政办发〔2024〕23号`` → itself, its 机关代字, ``交政办发〔2024〕`` and ``2024``;
    ``国家税务总局公告2024年第1号`` → itself, ``国家税务总局公告`` and ``2024``."""
    if not doc_number:
        return []
    agency, year, _ = number_parts(doc_number)
    out = [doc_number]
    if agency:
        out.append(agency)
        if "〔" in doc_number:
            out.append(f"{agency}〔{year}〕")
        if year:
            out.append(str(year))
    return out
