"""Chinese full-text search in an embedded tantivy index beside the database.

Text is indexed as position-ordered CJK bigrams with a whitespace tokenizer, so that a query
is a phrase of its bigrams (a one-character query, a term of a character field): exact for words
of any length (消防火灾隐患 matches only where those six characters stand together, never across
punctuation or a paragraph break: there the bigram positions keep a gap), which tantivy's own
n-gram tokenizer is not (``shared/notes/search-engines.md``). Latin words and numbers are a field
of their own. 发文字号 are indexed as keywords of their own, in their normalised form and by
their parts.

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
INDEX_FORMAT = "3"


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
    """A user query as tantivy queries: ``query`` matches; ``titled`` matches the documents whose
    title holds every word (None when the query has no Chinese words), ``untitled`` the rest."""
    query: object
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

    def __init__(self, path: Path | None = None):
        self.seen_generation = -2
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
                self.index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
            except (OSError, ValueError):
                self._clear()
                fmt.write_text(INDEX_FORMAT)
                self.index = tantivy.Index(self.schema, path=str(self.path), reuse=False)
        # Tokenizers are not stored in the index: register ours on every open.
        self.index.register_tokenizer("cjk_char", tantivy.TextAnalyzerBuilder(
            tantivy.Tokenizer.regex(f"[{_CJK}]")).build())
        # Pairs holding the gap are longer than a bigram: dropped, their positions kept.
        self.index.register_tokenizer("bigram", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
                                      .filter(tantivy.Filter.remove_long(_BIGRAM_BYTES + 1)).build())

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
            writer = self.index.writer(heap_size=64_000_000, num_threads=1)
            writer.delete_documents_by_term("issue", issue_key)
            for d in docs:
                writer.add_document(self._document(d))
            writer.commit()
            writer.wait_merging_threads()
        self.index.reload()

    def replace_documents(self, records: list[dict]) -> None:
        """Re-index single documents (their 时效性 changed with the calendar)."""
        with self.exclusive():
            writer = self.index.writer(heap_size=32_000_000, num_threads=1)
            for d in records:
                writer.delete_documents_by_term("slug", d["slug"])
                writer.add_document(self._document(d))
            writer.commit()
            writer.wait_merging_threads()
            self._cache.clear()
        self.index.reload()

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
            writer = self.index.writer(heap_size=128_000_000, num_threads=1)
            writer.delete_all_documents()
            n = 0
            for d in records:
                writer.add_document(self._document(d))
                n += 1
                if n % 50_000 == 0:
                    writer.commit()
            writer.commit()
            writer.wait_merging_threads()
            self.set_generation(generation)
        self.index.reload()
        return n

    def _document(self, d: dict) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_text("slug", d["slug"])
        doc.add_text("issue", d["issue"])
        title, body = fold(d["title"]).lower(), fold(d["body"]).lower()  # one fold per text
        doc.add_text("title", _bigrams_folded(title))
        doc.add_text("body", _bigrams_folded(body))
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

        The total and the facets come from one aggregation pass (every document has exactly
        one 文种, so the 文种 buckets add up to the total), which runs beside the top-k search
        in a second thread (tantivy releases the GIL). Totals and facets of a query are kept
        for the index generation they were computed on, so paging does not recount.
        """
        plan, terms = self.plan(q, filters or {})
        if plan is None:
            return SearchResults(0, [], {}, terms)
        searcher = self.index.searcher()
        key = (q, tuple(sorted((filters or {}).items())), self.seen_generation, self.generation(), self.status_day())
        cached = self._cache.get(key)
        future = None
        if cached is None:
            future = _pool().submit(self._counts, searcher, plan.query)
        hits = self._top(searcher, plan, max(1, limit), offset)[:limit]
        if cached is None:
            cached = future.result()
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[key] = cached
        total, facet_counts = cached
        return SearchResults(total, hits, facet_counts if facets else {}, terms)

    def _top(self, searcher, plan: _Plan, limit: int, offset: int) -> list[Hit]:
        def run(query, tier: int, limit: int, offset: int, count: bool = False):
            res = searcher.search(query, limit=limit, offset=offset, count=count)
            return res, [Hit(searcher.doc(addr)["slug"][0], score, tier) for score, addr in res.hits]

        if plan.titled is None:
            return run(plan.query, 1, limit, offset)[1]
        res, hits = run(plan.titled, 0, limit, offset, count=True)
        titled = res.count or 0
        if offset + limit > titled:
            # The page reaches past the title hits: the body hits follow them.
            hits += run(plan.untitled, 1, offset + limit - max(offset, titled), max(0, offset - titled))[1]
        return hits

    def _counts(self, searcher, query) -> tuple[int, dict[str, list[tuple[str, int]]]]:
        spec = {name: {"terms": {"field": name, "size": 1000 if name == "doc_type" else 30}} for name in FACETS}
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
        result["doc_type"] = result["doc_type"][:30]
        return total, result

    def build_query(self, q: str, filters: dict[str, str]):
        """A tantivy query for user text ``q``: never raises, whatever ``q`` holds."""
        plan, terms = self.plan(q, filters)
        return (plan.query if plan else None), terms

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
        for m in _CJK_RUN.finditer(f):
            run = m.group(0)
            terms.append(text[m.start():m.end()])
            title, whole, body_terms = self._run_query(run)
            must.append((Must, whole))
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
                continue
            must.append((Must, tantivy.Query.term_query(s, key, value)))
            besides.append(must[-1][1])
        if not must:
            return None, terms
        query = tantivy.Query.boolean_query(must)
        if not in_title:
            return _Plan(query), terms
        # Each Chinese word in the title, the other conditions as they are (not scored again);
        # ranked by the title's BM25 and how much the body speaks of the words (their bigrams'
        # frequencies: no positions to read).
        titled = in_title + [(Must, tantivy.Query.const_score_query(c, 0.0)) for c in besides] + relevance
        untitled = [(Must, query), (tantivy.Occur.MustNot, tantivy.Query.boolean_query(in_title))]
        return _Plan(query, tantivy.Query.boolean_query(titled), tantivy.Query.boolean_query(untitled)), terms

    def _run_query(self, run: str):
        """One word of the query: its match in the title (None for Latin and digits), its match
        anywhere (the title, boosted; the body; a 机关代字), and its terms in the body."""
        s = self.schema
        if run.isascii():
            words = tantivy.Query.term_query(s, "words", run)
            number = tantivy.Query.term_query(s, "number", run)
            return None, tantivy.Query.boolean_query([(tantivy.Occur.Should, words), (tantivy.Occur.Should, number)]), []
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
                body = tantivy.Query.term_query(s, "body", grams[0][1])
            else:
                title = tantivy.Query.phrase_query(s, "title", grams)
                body = tantivy.Query.phrase_query(s, "body", grams)
        should = [(tantivy.Occur.Should, tantivy.Query.boost_query(title, 3.0)), (tantivy.Occur.Should, body)]
        if 2 <= len(run) <= 12:
            # An agency abbreviation typed alone (交政办发) finds its documents too.
            should.append((tantivy.Occur.Should, tantivy.Query.term_query(s, "number", run)))
        return title, tantivy.Query.boolean_query(should), body_terms

    def warm(self) -> int:
        """Read the index files once so that the first searches do not wait on the disk (what
        a search server does at start); returns the bytes read. Pages stay in the OS cache,
        shared by every process on the machine."""
        total = 0
        for f in sorted(self.path.iterdir()):
            if f.is_file():
                with open(f, "rb") as fh:
                    while chunk := fh.read(1 << 20):
                        total += len(chunk)
        return total

    def count(self) -> int:
        return self.index.searcher().num_docs


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
