"""Parse a whole gazette issue (or a single document): the pipeline's entry point.

prepare lines → find the TOC and the document headers → read the cover → read each
document's elements → reconcile the TOC with the body (repair, add what it lost, pages).
"""

from __future__ import annotations

import datetime as dt
import re

from ..errors import InputError
from ..extract.organizations import OrganizationIndex, jurisdiction, split_unit_list
from ..extract.validity import status_on
from ..models import Document, Gazette, TocEntry
from ..normalize.fold import fold
from ..normalize.layout import prepare, repair_ocr
from .elements import build_document
from .issue import parse_issue
from .lines import Lines, disclosure, signature_date
from .pagemeta import PageMetadata, read_page_metadata
from .segment import TEXT_NAME, Header, find_headers, loose_headers, title_key, toc_headers
from .titles import LEADING_ISSUER, is_complete_title, title_fragment_ft
from .toc import SECTION_MARKS, heading_text, is_toc_head, opens_issue_toc, parse_toc

_RUNNING_HEAD = re.compile(
    r"^[\u4e00-\u9fff]{2,30}公报(?:\d{4}年)?(?:第\d+期)?(?:\d{4}[.年]\d{1,2}[月期]?)?$"
    r"|^\d{4}年第\d+期(?:\(总第\d+期\))?$"
)


def parse_gazette(text: str, source: str = "<text>", as_of: dt.date | None = None) -> Gazette:
    """Parse gazette text into issue metadata, TOC and documents.

    Raises :class:`InputError` only when no document can be recognised at all; anything
    odd but readable is parsed as far as possible and reported in ``warnings``.
    """
    prep = prepare(repair_ocr(text))
    page = read_page_metadata(prep.lines, 0, min(len(prep.lines), 60))
    if page is not None:
        # A web page's table of 发文字号, 成文日期…: read, not text; its 标题 stays as the title
        # when the text under it does not print one.
        after = _plain("".join(prep.lines[page.lines[-1] + 1:page.lines[-1] + 6]))
        missing_title = page.title if page.title and _plain(page.title) not in after else None
        prep = prep.without(page.lines, keep=missing_title)
    repeats = _repeated_page_titles(prep.lines)
    if repeats:
        prep = prep.without(repeats)
    lines = Lines(prep.lines, starts=prep.starts)
    n = len(lines)
    toc_at = next((i for i in range(min(n, 400)) if opens_issue_toc(lines, i)), None)
    body_end = n  # where the documents end: before a 目录 printed at the back
    if toc_at is not None and find_headers(lines, 0, toc_at):
        toc_at = None  # documents before it: not the issue's opening 目录 (perhaps one at the back)
    if toc_at is None:
        back = next((i for i in range(n - 1, 0, -1) if opens_issue_toc(lines, i)), None)
        if back is not None and _back_toc(lines, back):
            toc_at = body_end = back
    headers = find_headers(lines, 0 if toc_at is None or body_end < n else toc_at + 1, body_end)
    warnings: list[str] = []
    if not headers:
        headers = loose_headers(lines, 0 if toc_at is None else toc_at + 1)
        if headers:
            warnings.append("no complete document header found; parsed from the first title")
            entries = _index_entries(lines, headers[0].start)
            if entries:
                raise InputError(source, f"a list of {entries} documents' titles and numbers with no document text "
                                         "(an issue's index page?): open the documents themselves")
    if not headers:
        raise InputError(source, "no recognisable official document (no title with 关于…的通知/决定/… or 发文字号)")

    body_start = headers[0].start
    front_toc = toc_at is not None and body_end == n
    cover = list(range(0, toc_at if front_toc else body_start))
    toc: list[TocEntry] = []
    if toc_at is not None:
        toc, colophon = parse_toc(lines, toc_at + 1, body_start if front_toc else n)
        cover += colophon
        headers = toc_headers(lines, headers, [fold(e.title) for e in toc], body_start, body_end,
                              frozenset(fold(e.section) for e in toc if e.section))
    issue = parse_issue(lines, cover)
    unread = _unread_document(lines, toc_at + 1 if front_toc else 0, body_start)
    if unread:
        warnings.append(f"text before the first document looks like a document that was not recognised "
                        f"(lines {unread[0] + 1}–{unread[1]}): check its title and number")

    section_names = {t.section for t in toc if t.section}
    headers = _split_at_sections(lines, headers, body_end)
    documents: list[Document] = []
    offsets: list[int] = []
    running = {fold(issue.gazette)} if issue and issue.gazette else set()
    # A section's name printed atop each of its pages is a running head too, inside a document
    # (the heading over the next document was taken off its end first, by _trim_trailer).
    running |= {fold(s) for s in section_names}
    for k, h in enumerate(headers):
        end = headers[k + 1].start if k + 1 < len(headers) else body_end
        end, trailing_section = _trim_trailer(lines, h, end, section_names)
        _blank_running_heads(lines, h.body_start, end, running)
        doc = build_document(lines, h, end, k + 1, as_of)
        documents.append(doc)
        offsets.append(h.start)
        if trailing_section and k + 1 < len(headers):
            headers[k + 1].section = trailing_section
    for k, h in enumerate(headers):
        if h.section:
            documents[k].section = h.section

    toc = reconcile(toc, documents, warnings) if toc_at is not None else []
    if page is not None:
        _apply_page_metadata(documents[0], page)
    _assign_pages(documents, [_char_offset(lines, o) for o in offsets],
                  [(_char_offset(lines, i), p + 1) for i, p in prep.footers])
    if toc_at is not None:
        for entry in toc:
            if entry.page is None and entry.in_body:
                doc = _doc_for(entry, documents)
                if doc is not None:
                    entry.page = doc.page
    return Gazette(issue=issue, toc=toc, documents=documents, warnings=warnings,
                   organizations=collect_organizations(documents))


def _repeated_page_titles(raw_lines: list[str]) -> list[int]:
    """Copies of a title that a web page prints above the document's own (the page's heading,
    a breadcrumb's last step): among the first lines, a title (on up to three lines) whose
    text comes again a few lines on is the page's, and so is a copy the site cut short; the
    last whole copy is the document's."""
    drop: set[int] = set()
    top = []  # the lines above the first sentence: a carried text's title further down is no copy
    for x in raw_lines[:14]:
        t = _plain(x)
        if t.endswith("。") or "," in t:
            break
        top.append(t)
    if any("公报" in t or is_toc_head(t) for t in top):
        return []  # a gazette's cover and 目录, whose entries the documents repeat
    blocks = []  # (first line, end, text) of the titles standing at the top
    for i in range(len(top)):
        for j in range(i + 1, min(i + 4, len(top) + 1)):
            text = "".join(top[i:j])
            if len(text) >= 6 and (is_complete_title(text) or TEXT_NAME.search(text)):
                blocks.append((i, j, text))
                break
    for i, j, text in blocks:
        # The page may name the organ shorter than the document does (某省政府 / 某省人民政府).
        if any(k >= j and k - j < 5 and title_key(other) == title_key(text) for k, _, other in blocks):
            drop.update(range(i, j))
        else:
            # The site's copy cut short (``关于印发某某办理人大代表建议`` under the whole title).
            drop.update(k for k in range(j, min(j + 5, len(top)))
                        if len(top[k]) >= 8 and "关于" in top[k] and text.startswith(top[k]) and top[k] != text
                        and not is_complete_title(top[k]))
    return sorted(drop)


def _back_toc(lines: Lines, at: int) -> bool:
    """A 目录 printed after the documents (on the back cover): no document header follows it
    and most of its entries are titles of documents that came before it."""
    if at < 5 or find_headers(lines, at + 1):
        return False
    entries = parse_toc(lines, at + 1, len(lines))[0]
    if len(entries) < 2:
        return False
    before = _plain("".join(lines.ft[:at]))
    return sum(1 for e in entries if e.title and _plain(LEADING_ISSUER.sub("", fold(e.title))) in before) * 2 >= len(entries)


# A line of an index of documents: ``某某关于…的通知（某政发〔2024〕5号）`` with maybe a page after.
# (The number is often cut onto a line of its own by ``unglue``.)
_INDEX_ENTRY = re.compile(
    r"^(?:\S{4,80}?[知定告复见报示函议要令案法则划]\s?(?:\([^()]{2,20}号\))?|\([^()]{2,20}号\))\s?[.·…]*\s?\d{0,4}$")


def _index_entries(lines: Lines, lo: int) -> int:
    """How many lines from ``lo`` on are index entries, when every line with text is one
    (and there are two or more); else 0."""
    count = 0
    for f in lines.ft[lo:]:
        if not f:
            continue
        if not _INDEX_ENTRY.match(f):
            return 0
        count += f[0] != "("  # a number on its own line belongs to the title above it
    return count if count >= 2 else 0


def _apply_page_metadata(doc: Document, page: PageMetadata) -> None:
    """What a web page's table says of its document fills what the text did not print; the
    document's own elements win where both speak."""
    doc.doc_number = doc.doc_number or page.doc_number
    doc.issuers = doc.issuers or page.issuers or []
    if page.date and not doc.date:
        doc.date = page.date
        doc.warnings = [w for w in doc.warnings if w != "no 成文日期 found"]
    v = doc.validity
    if v is not None and (page.effective_from or page.effective_until) and not v.effective_until and not v.repealed_by:
        # The site's 生效时间 / 废止时间 where the text states no dates of its own.
        if page.effective_until:
            v.effective_until = page.effective_until
            v.effective_from = page.effective_from or v.effective_from
            v.evidence = page.dates_evidence
        elif page.effective_from and not v.evidence:
            v.effective_from, v.evidence = page.effective_from, page.dates_evidence
        if v.as_of:
            day = dt.date.fromisoformat
            v.status = status_on(v.effective_from and day(v.effective_from), v.effective_until and day(v.effective_until),
                                 day(v.as_of))
    if page.status and v is not None and v.status == "in_force":
        v.status = page.status
        v.evidence = page.evidence


def _unread_document(lines: Lines, lo: int, hi: int) -> tuple[int, int] | None:
    """Front matter that ends like a document (a signature date or a 附注 after running text)
    is a document the header rules missed: say so rather than lose it silently."""
    sentences = 0
    for i in range(lo, hi):
        f = lines.ft[i]
        if f.endswith("。"):
            sentences += 1
        elif sentences and (signature_date(lines.raw[i]) or disclosure(f)):
            return lo, i + 1
    return None


def _blank_running_heads(lines: Lines, lo: int, hi: int, heads: set[str]) -> None:
    """Page headers repeated in the body (``某某人民政府公报 2024年第3期``) are layout, not text."""
    for i in range(lo, hi):
        f = lines.ft[i]
        if f in heads or (len(f) <= 40 and _RUNNING_HEAD.match(f)) \
                or (len(f) <= 20 and f[:1] in _HEADING_START and heading_text(f) in heads):  # ``【市政府文件】``
            lines.tr[i] = lines.ft[i] = ""


def _trim_trailer(lines: Lines, h: Header, end: int, sections: set[str]) -> tuple[int, str | None]:
    """A section heading printed before the next document belongs to that document."""
    k = end - 1
    if k > h.body_start:
        if heading_text(lines.ft[k]) in {fold(s) for s in sections} or _SECTION_LINE.match(lines.ft[k]):
            return k, heading_text(lines.tr[k])
    return end, None


# A section heading in decorated form: ``·政策解读·``, ``【部门文件】``, ``— 人事任免 —``.
_SECTION_LINE = re.compile(
    r"^(?:[【\[]\s?[\u4e00-\u9fff]{2,12}\s?[】\]]|[·•—\-]{1,3}\s?[\u4e00-\u9fff]{2,12}\s?[·•—\-]{1,3}"
    rf"|[{SECTION_MARKS}]\s?[\u4e00-\u9fff]{{2,12}}\s?[{SECTION_MARKS}]?)$")


_DECORATION = frozenset("【[·•—-" + SECTION_MARKS)
_HEADING_START = _DECORATION | frozenset("一二三四五六七八九十(（")


def _split_at_sections(lines: Lines, headers: list[Header], n: int) -> list[Header]:
    """A section heading inside a document's text starts a new item: what a gazette prints
    under ``·政策解读·`` after a notice (an interpretation, a list) is not that notice's body.
    The title line under the heading opens it."""
    out: list[Header] = []
    for k, h in enumerate(headers):
        out.append(h)
        end = headers[k + 1].start if k + 1 < len(headers) else n
        for i in range(h.body_start + 1, end - 2):
            if lines.ft[i][:1] not in _DECORATION:
                continue
            nxt = lines.ft[i + 1]
            title_like = len(nxt) <= 60 and title_fragment_ft("x" + nxt[1:] if nxt[:1] in "《“\"" else nxt)
            if _SECTION_LINE.match(lines.ft[i]) and title_like:
                out.append(Header(i + 1, i + 1, i + 2, body_start=i + 2))
    return out


# --- TOC reconciliation -------------------------------------------------------------------

def _bigrams(title: str) -> frozenset[str]:
    t = LEADING_ISSUER.sub("", fold(title))
    return frozenset(t[i:i + 2] for i in range(len(t) - 1)) or frozenset([t])


def _similar(a: str, b: str) -> float:
    """Similarity of two titles (character bigrams, Dice), ignoring the issuer in front."""
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y))


def reconcile(toc: list[TocEntry], docs: list[Document], warnings: list[str]) -> list[TocEntry]:
    """Match TOC entries to documents; repair damaged entries; add documents it lost."""
    matched: dict[int, int] = {}   # toc index → doc index
    used: set[int] = set()
    by_number: dict[str, int] = {}
    for j, d in enumerate(docs):
        if d.doc_number:
            by_number.setdefault(d.doc_number, j)
    # Pass 1: exact numbers whose titles agree.
    for i, e in enumerate(toc):
        j = by_number.get(e.doc_number or "")
        if j is not None and j not in used and _similar(e.title, docs[j].title) >= 0.5:
            matched[i], _ = j, used.add(j)
    # An entry for the text a document carries (a 公告's regulation, listed on its own page):
    # printed inside that document, matched to no other.
    carried_titles = {_plain(d.embedded_title) for d in docs if d.embedded_title}
    carried = {i for i, e in enumerate(toc) if i not in matched and not e.doc_number and _plain(e.title) in carried_titles
               and all(_plain(e.title) != _plain(d.title) for d in docs)}
    # Pass 2: titles (numbers damaged by OCR), then numbers alone (titles damaged).
    doc_grams = [_bigrams(d.title) for d in docs]
    for i, e in enumerate(toc):
        if i in matched or i in carried:
            continue
        best, score = None, 0.0
        eb = _bigrams(e.title)
        for j in range(len(docs)):
            if j in used:
                continue
            db = doc_grams[j]
            s = 2 * len(eb & db) / (len(eb) + len(db))
            if s > score:
                best, score = j, s
        if best is not None and score >= 0.6:
            matched[i] = best
            used.add(best)
            continue
        j = by_number.get(e.doc_number or "")
        if j is not None and j not in used:
            matched[i] = j
            used.add(j)
    out: list[TocEntry] = []
    for i, e in enumerate(toc):
        j = matched.get(i)
        if i in carried:
            e.in_body = True
            out.append(e)
            continue
        if j is None:
            if _is_duplicate(e, toc, matched, docs):
                warnings.append(f"目录: dropped a garbled duplicate entry “{e.title}”")
                continue
            e.in_body = False
            warnings.append(f"目录: entry “{e.title}” ({e.doc_number or 'no number'}) not found in the body")
            out.append(e)
            continue
        d = docs[j]
        if (e.title != d.title or e.doc_number != d.doc_number) and e.title:
            changes = []
            if _similar(e.title, d.title) < 0.999:
                changes.append(f"title “{e.title}” → “{d.title}”")
            if e.doc_number is not None and e.doc_number != d.doc_number:
                changes.append(f"number {e.doc_number} → {d.doc_number}")
            if changes:
                warnings.append("目录: repaired from the body: " + "; ".join(changes))
        e.title, e.doc_number = d.title, d.doc_number
        if d.section is None:
            d.section = e.section
        elif e.section is None:
            e.section = d.section
        d.page = e.page
        out.append(e)
    # Documents the TOC lost, inserted after the entry of the previous document.
    order = {id(e): (matched.get(i), i) for i, e in enumerate(toc)}
    for j, d in enumerate(docs):
        if j in used:
            continue
        prev_sec = next((docs[k].section for k in range(j - 1, -1, -1) if docs[k].section), None)
        d.section = d.section or prev_sec
        entry = TocEntry(title=d.title, doc_number=d.doc_number, page=None, section=d.section,
                         in_body=True, in_toc=False)
        warnings.append(f"目录: document {d.seq} “{d.title}” ({d.doc_number or 'no number'}) is missing from the printed 目录")
        d.warnings.append("missing from the printed 目录")
        pos = 0
        for k, e in enumerate(out):
            mj = order.get(id(e), (None,))[0]
            if mj is not None and mj < j:
                pos = k + 1
        out.insert(pos, entry)
        order[id(entry)] = (j, -1)
    return out


def _plain(title: str) -> str:
    return fold(title).replace(" ", "")


def _is_duplicate(e: TocEntry, toc: list[TocEntry], matched: dict[int, int], docs: list[Document]) -> bool:
    """An OCR echo of a matched entry: same page and a similar title."""
    for i, j in matched.items():
        other = toc[i]
        if other is e:
            continue
        if e.page is not None and e.page == other.page and _similar(e.title, docs[j].title) >= 0.7:
            return True
    return False


def _doc_for(entry: TocEntry, docs: list[Document]) -> Document | None:
    for d in docs:
        if d.title == entry.title and d.doc_number == entry.doc_number:
            return d
    return None


def _char_offset(lines: Lines, index: int) -> int:
    if not hasattr(lines, "_cum"):
        cum, total = [], 0
        for r in lines.raw:
            cum.append(total)
            total += len(r)
        cum.append(total)
        lines._cum = cum  # type: ignore[attr-defined]
    return lines._cum[min(index, len(lines.raw))]  # type: ignore[attr-defined]


def _assign_pages(docs: list[Document], offsets: list[int], footers: list[tuple[int, int]]) -> None:
    """Give every document a page: printed in the TOC, else interpolated by text position
    between known pages (TOC pages and page footers; a footer ``-74-`` means page 75 follows)."""
    anchors = sorted({(offsets[k], d.page) for k, d in enumerate(docs) if d.page is not None}
                     | {(line, page) for line, page in footers})
    footer_anchors = set(footers)
    if not anchors:
        return
    for k, d in enumerate(docs):
        if d.page is not None:
            continue
        pos = offsets[k]
        before = [a for a in anchors if a[0] <= pos]
        after = [a for a in anchors if a[0] > pos]
        if before and after:
            (l0, p0), (l1, p1) = before[-1], after[0]
            page = p0 + (p1 - p0) * (pos - l0) // max(1, l1 - l0)
            page = max(p0, min(page, p1))
        elif before:
            page = before[-1][1]
        else:
            # Only a page footer after it: the text above that footer is on the page before.
            page = after[0][1] - 1 if after[0] in footer_anchors else after[0][1]
            page = max(page, 1)
        d.page = page
        d.warnings.append("page inferred from neighbouring pages")


def collect_organizations(documents: list[Document]):
    """Every organisation the issue names, under its canonical name, with aliases and roles."""
    index = OrganizationIndex()
    for d in documents:
        juris = jurisdiction(d.issuers or d.signatories)
        for name in d.issuers:
            index.add(name, "issuer", juris)
        for name in d.signatories:
            index.add(name, "signatory", juris)
        for name in split_unit_list(d.recipients or ""):
            index.add(name, "recipient", juris)
        for a in d.appointments:
            if a.organization:
                index.add(a.organization, "post", juris)
        for t in d.tasks:
            for name in (*t.lead_units, *t.responsible_units):
                index.add(name, "unit", juris)
        for short, full in d.name_map.items():
            index.alias(full, short)
    return index.organizations()
