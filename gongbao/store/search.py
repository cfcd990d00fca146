"""Chinese full-text search in an embedded tantivy index beside the database.

Text is indexed as CJK characters, bigrams and position-ordered trigrams, so that a query is a
term (one, two or three characters) or a phrase of its trigrams: exact for words of any length
(消防火灾隐患 matches only where those six characters stand together, never across punctuation
or a paragraph break: there the positions keep a gap), which tantivy's own n-gram tokenizer is
not (``shared/notes/search-engines.md``): it gives no positions. The fields with positions are
therefore split in Python and read by a whitespace tokenizer; those without are left to the
n-gram tokenizer, which splits them in tantivy's indexing threads.
Titles are bigrams with positions. Latin words and numbers are a field of their own. 发文字号
are indexed as keywords of their own, in their normalised form and by their parts.

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
from .config import index_dir, search_shards
from .identifiers import number_parts

_CJK_RUN = re.compile(f"[{_CJK}]+|[A-Za-z0-9]+(?:\\.[0-9]+)?")
FACETS = ("issuer", "doc_type", "year", "section", "status")
# The 文种, year, 栏目 and 时效性 of a document as one value: one column to count for four
# facets. Each column a query counts costs 3-5 ns a hit, whatever it holds.
_COMBO_SEP = "\x1f"
# Combinations a shard lists at once; an archive with more counts the four columns instead.
_COMBOS = 10_000
_MANY_ISSUERS = "issuers>2"
_TEXT_FIELDS = ("title", "body", "body3", "words", "chars", "title_chars", "number", "issuer", "flags", "slug")
_lock = threading.RLock()
_executor = None


def _pool():
    global _executor
    if _executor is None:
        from concurrent.futures import ThreadPoolExecutor

        # A thread a shard, up to the most shards ``config.search_shards`` allows.
        _executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="gongbao-search")
    return _executor


_NON_CJK = re.compile(f"[^{_CJK}]+")
_NUMBER_WITHOUT_HAO = re.compile(r"([\u4e00-\u9fff]{1,12}\s?[〔\[(（【﹝]\s?\d{4}\s?[〕\])）】﹞]\s?\d{1,5})(?![\d号])")
_WORD = re.compile(r"[a-z0-9]+")
# What stands for a run of other characters between Chinese ones: a private-use code point
# four bytes long, so that a pair or triple holding it is longer than any CJK bigram (six
# bytes) or trigram (nine) and the index drops it, keeping its position as a gap.
_GAP = "\U000f0000"
_CHAR_BYTES, _BIGRAM_BYTES, _TRIGRAM_BYTES = 3, 6, 9
_U32 = next(code for code in "IL" if array(code).itemsize == 4)
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
_SPACE = [ord(" ")]
# The layout of the token stream; an index written with another is rebuilt from the database.
INDEX_FORMAT = "6"
# The shards of an index written before their number was a setting (``config.search_shards``).
LEGACY_SHARDS = 2
# Until the index holds this many documents, they all go to the first shard: a small archive
# ranks with the statistics of the whole of it (and needs no second thread).
ONE_SHARD_BELOW = 50_000


def _gapped(f: str) -> str:
    """Folded text's Chinese, each run of other characters (punctuation, line breaks, Latin,
    digits) standing as one gap character."""
    return _NON_CJK.sub(_GAP, f)


def _bigrams(g: str) -> str:
    """The bigram token stream of gapped text ``g`` for the title, whitespace separated.

    Every pair of neighbouring characters in reading order, each run of other characters
    standing as one gap character: ``养老，老服`` gives 养老 老▯ ▯老 老服, and the index keeps
    养老 and 老服 two positions apart. A phrase therefore matches only characters that stand
    together (养老服 is not in 养老，老服). C-level passes only: tokenizing is much of the cost
    of indexing. Latin words and numbers are indexed apart (``words``).
    """
    if len(g) < 2:
        return "" if g == _GAP else g  # one character alone is its own token
    return _grams(g, 2)


def _grams(g: str, n: int) -> str:
    """The ``n``-grams of gapped text ``g``, space separated (pairs or triples holding a gap
    are longer than any CJK gram: the tokenizer drops them, keeping their positions).

    ``" ".join(g[k:k + n] for k in ...)``, six times faster: the characters as 32-bit code
    points, interleaved (this, next[, next], space) by slice assignments in C."""
    if len(g) < n:
        return ""
    cps = array(_U32)
    cps.frombytes(g.encode(_UTF32))
    count = len(cps) - n + 1
    out = array(_U32, _SPACE) * ((n + 1) * count)
    for k in range(n):
        out[k::n + 1] = cps[k:k + count]
    return out.tobytes().decode(_UTF32)


def _words_folded(f: str) -> str:
    return " ".join(_WORD.findall(f))


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_text_field("slug", stored=True, tokenizer_name="raw")
    b.add_text_field("issue", tokenizer_name="raw")
    b.add_text_field("title", tokenizer_name="bigram")
    # The body (with the title) twice: its bigrams without positions (two-character words, and
    # how often a word is said), its trigrams with positions (longer words). A phrase of
    # trigrams reads a fraction of the positions a phrase of bigrams does, common pairs such
    # as 服务 being far commoner than any three characters: counting the documents that hold
    # 基本养老服务 took 4.5 ms in 200,000 documents over bigrams, 1.8 ms over trigrams.
    b.add_text_field("body", tokenizer_name="pairs", index_option="freq")
    b.add_text_field("body3", tokenizer_name="trigram")
    # Latin words and numbers of the title and the body, whole.
    b.add_text_field("words", tokenizer_name="whitespace", index_option="freq")
    # Characters one by one (no positions), for one-character queries: the body's (which holds
    # the title too) and the title's.
    b.add_text_field("chars", tokenizer_name="chars", index_option="freq")
    b.add_text_field("title_chars", tokenizer_name="chars", index_option="freq")
    b.add_text_field("number", tokenizer_name="raw", index_option="basic")
    # Every issuer, to filter by; for the 发文机关 facet, the first and second issuers in
    # columns of one value a document, the others (documents of three issuers or more) in a
    # column of several, marked in ``flags``. Counting a column that may hold several values
    # costs four to six times as much a hit, even where almost every document holds one
    # (measured on a million documents), so that column is counted over those documents alone.
    b.add_text_field("issuer", tokenizer_name="raw", index_option="basic")
    b.add_text_field("issuer_1", tokenizer_name="raw", fast=True, index_option="basic")
    b.add_text_field("issuer_2", tokenizer_name="raw", fast=True, index_option="basic")
    b.add_text_field("issuer_rest", tokenizer_name="raw", fast=True, index_option="basic")
    b.add_text_field("flags", tokenizer_name="raw", index_option="basic")
    b.add_text_field("combo", tokenizer_name="raw", fast=True, index_option="basic")
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
    titled_newest_first: bool = False


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

    def __init__(self, path: Path | None = None, one_shard_below: int | None = None, shards: int | None = None):
        self.seen_generation = -2
        self.one_shard_below = ONE_SHARD_BELOW if one_shard_below is None else one_shard_below
        self._depth = 0
        self._lock_file = None
        self._cache: dict = {}
        self.path = Path(path or index_dir())
        self.path.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        fmt, count = self.path / "format", self.path / "shards"
        shards = shards or search_shards()
        with self.exclusive():  # another process may be opening the same directory
            try:
                same = fmt.read_text().strip() == INDEX_FORMAT and (
                    int(count.read_text()) == shards if count.exists() else shards == LEGACY_SHARDS)
            except (OSError, ValueError):
                same = False
            if not same:
                # New, written by another version or split otherwise: start empty. The
                # generation goes with it, so the first use rebuilds the index from the database.
                self._clear()
                fmt.write_text(INDEX_FORMAT)
                count.write_text(str(shards))
            try:
                self.shards = [self._open_shard(k) for k in range(shards)]
            except (OSError, ValueError):
                self._clear()
                fmt.write_text(INDEX_FORMAT)
                count.write_text(str(shards))
                self.shards = [self._open_shard(k) for k in range(shards)]

    def _open_shard(self, k: int) -> tantivy.Index:
        path = self.path / f"shard-{k}"
        path.mkdir(exist_ok=True)
        index = tantivy.Index(self.schema, path=str(path), reuse=True)
        # Tokenizers are not stored in the index: register ours on every open.
        index.register_tokenizer("bigram", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
                                 .filter(tantivy.Filter.remove_long(_BIGRAM_BYTES + 1)).build())
        index.register_tokenizer("trigram", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
                                 .filter(tantivy.Filter.remove_long(_TRIGRAM_BYTES + 1)).build())
        # Fields without positions are split by tantivy's n-gram tokenizer, in its indexing
        # threads, rather than here (it gives every token position 0: only these may use it).
        # A character or pair holding the gap is longer than any CJK one and is dropped.
        index.register_tokenizer("chars", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(1, 1, False))
                                 .filter(tantivy.Filter.remove_long(_CHAR_BYTES + 1)).build())
        index.register_tokenizer("pairs", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(2, 2, False))
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
        """See the index's latest commit; totals and facets kept for the old one are dropped."""
        for shard in self.shards:
            shard.reload()
        self._cache.clear()

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
        title_gapped = _gapped(title)
        doc.add_text("title", _bigrams(title_gapped))
        doc.add_text("title_chars", title_gapped)
        # The body fields hold the title too (a gap between): one phrase to check for a match.
        whole = _gapped(title + "\n" + body)
        doc.add_text("body", whole)
        doc.add_text("body3", _grams(whole, 3))
        doc.add_text("words", _words_folded(title + " " + body))
        doc.add_text("chars", whole)
        for token in number_tokens(d.get("doc_number") or ""):
            doc.add_text("number", token)
        issuers = list(dict.fromkeys(d.get("issuers") or ["（未署）"]))
        for k, issuer in enumerate(issuers):
            doc.add_text("issuer", issuer)
            doc.add_text(("issuer_1", "issuer_2")[k] if k < 2 else "issuer_rest", issuer)
        if len(issuers) > 2:
            doc.add_text("flags", _MANY_ISSUERS)
        doc_type, section = d.get("doc_type") or "其他", d.get("section") or "（无栏目）"
        status, year = d.get("status") or "in_force", int(d.get("year") or 0)
        doc.add_text("doc_type", doc_type)
        doc.add_text("section", section)
        doc.add_text("status", status)
        doc.add_integer("year", year)
        doc.add_text("combo", _COMBO_SEP.join(v.replace(_COMBO_SEP, " ") for v in (doc_type, str(year), section, status)))
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

        The total and the facets come from an aggregation pass per shard (every document has
        exactly one combination of 文种, year, 栏目 and 时效性, so those buckets add up to the
        total; see ``_counts``), in the pool's threads while this one ranks the first shard
        and the pool the others (tantivy releases the GIL).
        Totals and facets of a query are kept for the index generation they were computed on,
        so paging does not recount.
        """
        searchers = [shard.searcher() for shard in self.shards]
        plan, terms = self.plan(q, filters or {}, searchers)
        if plan is None:
            return SearchResults(0, [], {}, terms)
        key = (q, tuple(sorted((filters or {}).items())), self.seen_generation, self.generation(), self.status_day())
        cached = self._cache.get(key)
        counting = [] if cached is not None else [_pool().submit(_counts, searcher, plan.match, self.schema)
                                                  for searcher in searchers]
        end = offset + max(1, limit)
        ranked = self._top(searchers, plan, end)[offset:end][:limit]
        hits = [Hit(searchers[k].doc(addr)["slug"][0], score, tier) for tier, (score, k, addr) in ranked]
        if cached is None:
            cached = _merge_counts([f.result() for f in counting])
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[key] = cached
        total, facet_counts = cached
        return SearchResults(total, hits, facet_counts if facets else {}, terms)

    def _top(self, searchers, plan: _Plan, end: int) -> list[tuple[int, tuple[float, int, object]]]:
        """The first ``end`` hits as ``(tier, (score, shard, address))``."""
        if plan.titled is None:
            return [(1, hit) for hit in _ranked(searchers, plan.query, end)]
        if plan.titled_newest_first:
            # Ordered by date, not scored: the date is no score to show.
            first = [(0.0, k, addr) for _, k, addr in _ranked(searchers, plan.titled, end, order_by="date")]
        else:
            first = _ranked(searchers, plan.titled, end)
        ranked = [(0, hit) for hit in first]
        if len(first) < end:
            # Fewer title hits than the page reaches: that is all of them, and the body hits
            # follow. (So the title hits need no counting, which would read every one.)
            ranked += [(1, hit) for hit in _ranked(searchers, plan.untitled, end - len(first))]
        return ranked

    def plan(self, q: str, filters: dict[str, str], searchers=None) -> tuple[_Plan | None, list[str]]:
        """The queries for user text ``q`` (see ``_Plan``) and the words to highlight."""
        s = self.schema
        searchers = searchers or [shard.searcher() for shard in self.shards]
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
        lengths: list[int] = []
        besides = [c for _, c in must]  # what a title hit must match besides: numbers, Latin, filters
        match = list(must)
        for m in _CJK_RUN.finditer(f):
            run = m.group(0)
            terms.append(text[m.start():m.end()])
            title, whole, matching, body_terms = self._run_query(run, searchers)
            lengths.append(len(run))
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
        if max(lengths) == 1:
            # Single characters are too little to weigh: titles holding them come newest first.
            # (Weighing the body's frequency of 县 read a third of a million documents' postings:
            # 7.3 ms a shard, against 2.8 by date.)
            titled = in_title + [(Must, c) for c in besides]
            plan.titled_newest_first = True
        untitled = [(Must, query), (tantivy.Occur.MustNot, tantivy.Query.boolean_query(in_title))]
        plan.titled, plan.untitled = tantivy.Query.boolean_query(titled), tantivy.Query.boolean_query(untitled)
        return plan, terms

    def _run_query(self, run: str, searchers):
        """One word of the query: its match in the title (None for Latin and digits); its match
        anywhere, ranked (the title, boosted; the body; a 机关代字); the same unranked and
        cheaper (the body field holds the title too); what ranks title hits among themselves.

        Title hits are ranked by how often the body says the word too, counted by the word's
        rarest bigram: for 基本养老服务 that is 本养, found almost only where the whole word
        stands, so its frequency is nearly the word's own, and one term's frequencies cost a
        third of reading every bigram's (measured: 2.3 against 4.7 ms a shard for the word's
        title hits in half a million documents)."""
        s = self.schema
        Should = tantivy.Occur.Should
        if run.isascii():
            words = tantivy.Query.term_query(s, "words", run)
            number = tantivy.Query.term_query(s, "number", run)
            either = tantivy.Query.boolean_query([(Should, words), (Should, number)])
            return None, either, either, []
        if len(run) == 1:
            # One character: a term of the character fields; a title holding it ranks first.
            title = tantivy.Query.term_query(s, "title_chars", run)
            body = tantivy.Query.term_query(s, "chars", run)
            body_terms = [body]
        else:
            grams = covering_bigrams(run)
            if len(grams) == 1:
                title = tantivy.Query.term_query(s, "title", grams[0][1])
                body = tantivy.Query.term_query(s, "body", grams[0][1])
                body_terms = [body]
            else:
                title = tantivy.Query.phrase_query(s, "title", grams)
                threes = covering_grams(run, 3)
                body = (tantivy.Query.term_query(s, "body3", run) if len(threes) == 1
                        else tantivy.Query.phrase_query(s, "body3", threes))
                pairs = sorted({run[k:k + 2] for k in range(len(run) - 1)})
                rarest = min(pairs, key=lambda g: sum(se.doc_freq("body", g) for se in searchers))
                body_terms = [tantivy.Query.term_query(s, "body", rarest)]
        should = [(Should, tantivy.Query.boost_query(title, 3.0)), (Should, body)]
        matching = [(Should, body)]
        if 2 <= len(run) <= 12 and any(se.doc_freq("number", run) for se in searchers):
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
        # What tantivy opens on first use, each segment's term dictionaries and facet columns,
        # and the search threads: otherwise the first visitors wait for it.
        everything = tantivy.Query.all_query()
        for counting in [_pool().submit(_counts, shard.searcher(), everything, self.schema) for shard in self.shards]:
            counting.result()
        for shard in self.shards:
            searcher = shard.searcher()
            for name in _TEXT_FIELDS:
                searcher.doc_freq(name, "的")
        return total

    def count(self) -> int:
        return sum(shard.searcher().num_docs for shard in self.shards)

    def forget_counts(self) -> None:
        """Drop the totals and facets kept per query, so the next searches count again
        (the benchmark's searches that no visitor has made before)."""
        self._cache.clear()


def _ranked(searchers, query, n: int, order_by: str | None = None) -> list[tuple[float, int, object]]:
    """The top ``n`` of every shard merged by score (or by the fast field ``order_by``, highest
    first): ``(score, shard, address)``. Equal scores keep the index's order, shard by shard.
    The first shard is searched in this thread, the others in the pool's."""

    def one(searcher):
        if order_by:
            return searcher.search(query, limit=max(1, n), count=False, order_by_field=order_by)
        return searcher.search(query, limit=max(1, n), count=False)

    others = [_pool().submit(one, searcher) for searcher in searchers[1:]]
    results = [one(searchers[0])] + [f.result() for f in others]
    merged = [(score, k, addr) for k, res in enumerate(results) for score, addr in res.hits]
    if len(searchers) > 1:
        merged.sort(key=lambda h: (-h[0], h[1], h[2].segment_ord, h[2].doc))
    return merged[:n]


# Buckets asked of each shard: more than a page of facet values, so that the merged top values
# are those of the whole index (a value's count is summed over every shard that lists it).
_SHARD_BUCKETS = 200


_COMBINED = ("doc_type", "year", "section", "status")


def _counts(searcher, query, schema) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """A shard's exact total and facet counts: three columns counted over every hit (the
    combination of 文种, year, 栏目 and 时效性; the first and the second issuer), one over the
    hits with more issuers, if the shard holds any (their other issuers)."""
    by_issuer = {name: {"terms": {"field": name, "size": _SHARD_BUCKETS}} for name in ("issuer_1", "issuer_2")}
    try:
        raw = searcher.aggregate(query, {"combo": {"terms": {"field": "combo", "size": _COMBOS}}, **by_issuer})
    except ValueError:
        return searcher.search(query, limit=1, count=True).count or 0, {}
    combos = raw.get("combo", {})
    total = sum(b["doc_count"] for b in combos.get("buckets", [])) + int(combos.get("sum_other_doc_count", 0))
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    if int(combos.get("sum_other_doc_count", 0)):
        # More combinations than listed: the four facets from their own columns.
        spec = {name: {"terms": {"field": name, "size": 1000 if name == "doc_type" else _SHARD_BUCKETS}}
                for name in _COMBINED}
        for name, agg in searcher.aggregate(query, spec).items():
            for b in agg.get("buckets", []):
                key = str(int(b["key"])) if name == "year" else str(b["key"])
                counts[name][key] = int(b["doc_count"])
    else:
        for b in combos.get("buckets", []):
            n = int(b["doc_count"])
            for name, value in zip(_COMBINED, str(b["key"]).split(_COMBO_SEP), strict=True):
                counts[name][value] = counts[name].get(value, 0) + n
    buckets = [b for name in by_issuer for b in raw.get(name, {}).get("buckets", [])]
    if searcher.doc_freq("flags", _MANY_ISSUERS):
        # Led by the marked documents' postings: the query is checked on those alone.
        many = tantivy.Query.boolean_query([
            (tantivy.Occur.Must, tantivy.Query.term_query(schema, "flags", _MANY_ISSUERS)),
            (tantivy.Occur.Must, query)])
        rest = searcher.aggregate(many, {"rest": {"terms": {"field": "issuer_rest", "size": _SHARD_BUCKETS}}})
        buckets += rest.get("rest", {}).get("buckets", [])
    issuers = counts["issuer"]
    for b in buckets:
        issuers[str(b["key"])] = issuers.get(str(b["key"]), 0) + int(b["doc_count"])
    return total, {name: sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:_SHARD_BUCKETS]
                   for name, values in counts.items()}


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


def covering_grams(run: str, n: int) -> list[tuple[int, str]]:
    """The fewest ``n``-grams, with their offsets, that cover every character of ``run``
    (``len(run) >= n``); see ``covering_bigrams``."""
    offsets = list(range(0, len(run) - n + 1, n))
    if offsets[-1] != len(run) - n:
        offsets.append(len(run) - n)  # the last gram overlaps its neighbour
    return [(o, run[o:o + n]) for o in offsets]


def covering_bigrams(run: str) -> list[tuple[int, str]]:
    """The fewest bigrams, with their offsets, that cover every character of ``run``.

    A bigram's position is that of its first character, so 养老@0 服务@2 matches exactly
    where 养老服务 stands (a gap between the two would shift 服务 on). Half the terms of the
    full chain (养老 老服 服务): a third less position checking for the same matches.
    """
    return covering_grams(run, 2)


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
