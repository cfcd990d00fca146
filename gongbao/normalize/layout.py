"""Layout repair: what PDF extraction does to a printed gazette, undone line by line.

``prepare`` drops list and quote markers that extractors add and page footers such as
``— 32 —`` or ``-74 -`` (kept as page anchors), then ``unglue`` splits formal elements that
extraction ran together on one line; ``tighten`` removes layout spaces inside Chinese text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from .compat import drop_invisible, unescape_entities, unify_ideographs
from .fold import fold
from .paragraphs import ROW_CELL

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese punctuation, full-width forms, quotes and dots that never take a space around them.
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2014-\u201f\u2026\u00b7\u30fb\u2022《》"

_EMPHASIS = re.compile(r"\*\*([^*\n]+?)\*\*|__([^_\n]+?)__")
_MARKUP_LINES = re.compile(r"^[ \t\u3000\u00a0]*(?:[-*•>][ \t]+|#{1,6}[ \t]+|>[ \t]*)+", re.M)
# A web page's tools printed alone on a line, when a page's text comes from elsewhere than
# ``sources.html`` (which leaves them out itself): 返回顶部, 【打印】【关闭】, 分享到…, and the
# empty heading a page prints over its download links (相关附件：).
_TOOL = r"【?(?:打印(?:本页|此页)?|关闭(?:窗口|本页)?|收藏)】?"
_WEB_TOOL_LINES = (
    rf"(?:返回顶部|(?:相关附件|附件下载|相关链接|相关文件)[:：]?|{_TOOL}(?:[ \t]*{_TOOL})*|扫一扫在手机上?打开当前页|【?字体[:：].{{0,20}}|分享到[:：]?.{{0,40}})"
    r"[ \t\u3000\u00a0]*$",
    # Links to the pages before and after; a news page's information line
    # (``发布时间：2024-06-01 10:20 来源：县政府办 浏览次数：1024``).
    r"(?:上一篇|下一篇|上一条|下一条)[:：][^\n]{0,80}$",
    r"(?:发布时间|发布日期|更新时间)[:：][^\n]{0,30}?(?:来源|信息来源|作者|浏览次数|点击数|阅读次数|字号)[:：][^\n]{0,80}$",
    # The same line source first (``来源：某市政府门户网 日期：2017-01-12 17:08 字号：【``), or author
    # first (``作者：某某网 时间：2024-07-12 20:48:31 浏览：9581 来源：某某网``).
    r"(?:来源|信息来源|稿源|作者|编辑|责任编辑)[:：][^\n]{0,40}?(?:日期|时间)[:：][^\n]{0,80}$",
    r"(?:时间|日期)[:：][ \t]*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?[^\n]{0,12}?(?:来源|作者|浏览|阅读|点击)[^\n]{0,60}$",
    # A download link's caption (``下载地址：点击此处下载``).
    r"(?:下载地址|附件下载|下载)[:：]?[ \t]*(?:点击此处下载|点击下载|下载)[ \t]*$",
    # Where the page stands on the site (``当前位置：首页 > 政务公开 > …``), when it was filed,
    # and the reader's settings (``视力保护色：``, ``字号：【大 中 小】``, an empty ``浏览量：``).
    r"(?:(?:当前|您的|您现在的|你的)?位置[:：])?[ \t]*首页[ \t]*[>＞»›][^\n]{0,120}$",
    r"You are here:[^\n]{0,200}$",
    # A site's links in brackets (``[Home] [Databases] [Search]``), maybe after the site's name.
    r"(?:[A-Za-z][\w.-]{0,20}[ \t]+)?(?:\[[A-Za-z][A-Za-z ]{0,20}\][ \t]*){2,}$",
    r"(?:归档时间|归档日期)[:：][ \t]*[\d\-/.年月日 :]{6,25}$",
    r"(?:视力保护色|字号|字体|浏览量|浏览次数|访问量|点击量|阅读量)[:：][ \t]*(?:【[^\n]{0,12}】?|[大中小 \t]*)$",
)
# One pass for all of them; a line whose first character opens none of them is passed over at once.
_WEB_TOOLS = re.compile(
    r"^[ \t\u3000\u00a0]*(?=[返相附【打关收扫字分上下发更来信稿作编时日当您你位首归视浏访点阅A-Za-z\[])(?:"
    + "|".join(_WEB_TOOL_LINES) + ")", re.M)
# A bare count of views (``浏览次数：1024``), never a sentence that mentions views; looked for only
# where such a count is (scanning every line for it costs as much as all the rules above).
_VIEWS = r"(?:浏览|阅读|点击|访问)(?:次数|量|数)[:：]"
_VIEW_COUNT = re.compile(_VIEWS)
_VIEW_COUNT_LINE = re.compile(rf"^[^\n。]{{0,80}}{_VIEWS}[ \t]*\d+[ \t]*次?[ \t]*$", re.M)
_FOOTER = re.compile(
    r"^\s*(?:[-—–－~·•]+\s*(\d{1,4})\s*[-—–－~·•]*|(\d{1,4})\s*[-—–－~·•]+|第\s*(\d{1,4})\s*页(?:\s*共\s*\d+\s*页)?"
    r"|(\d{1,4})\s*/\s*\d{1,4}|(?:Page|PAGE|页码)\s*[:：]?\s*(\d{1,4}))\s*$"
)
# A running head printed with the page number (书眉): ``·2·  某某省人民政府公报 2024年第12期`` or the
# same the other way round. It opens a page: the lines after it are on that page.
_HEAD_TEXT = r"\S.{0,40}?(?:公报|年\s*第\s*\d{1,3}\s*期(?:\s*[(（]\s*总第\s*\d+\s*期\s*[)）])?)"
_HEAD_WITH_PAGE = re.compile(
    rf"^(?:[-—–－~·•]\s*(\d{{1,4}})\s*[-—–－~·•]\s+{_HEAD_TEXT}|{_HEAD_TEXT}\s+[-—–－~·•]\s*(\d{{1,4}})\s*[-—–－~·•])$"
)
_INLINE_FOOTER = re.compile(r"[—–](?<=[ \t][—–])[ \t]?\d{1,3}[ \t]?[—–](?=[ \t])")
_TRAILING_FOOTER = re.compile(r"[ \t][—–-][ \t]?(\d{1,3})[ \t]?[—–-]$")
# A line drawn with nothing but rule characters.
_RULE_CHARS = frozenset("—─━-=_*＊~～·•…※")
_RULE = re.compile(r"^[—─━\-=_*＊~～·•…※\s]+$")
# Runs of white space that are not already a single plain space.
# (Written to open with one character class, which ``re`` scans for fast: a tab, ideographic or
# no-break space and what follows it, or a plain space followed by more.)
_ODD_SPACES = re.compile(r"[ \t\u3000\u00a0](?:(?<=[\t\u3000\u00a0])[ \t\u3000\u00a0]*|(?<= )[ \t\u3000\u00a0]+)")
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
_BEFORE_TIGHT = re.compile(rf"[ \t\u3000\u00a0]+(?=[{CJK}{CJK_PUNCT})\]〕）】,.:;%\n])")
_OPENERS = frozenset("([〔（【")
_CLOSERS = frozenset(")]〕）】,.:;%")
_NUMBER_SUFFIX = re.compile(r"\d{1,5}[ \t]?号")


def _tight(c: str) -> bool:
    """Chinese characters and punctuation never take a space beside them."""
    return ("\u3400" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
            or "\uf900" <= c <= "\ufaff" or "\u2014" <= c <= "\u201f" or c in "\u2026\u00b7\u30fb\u2022")


def tighten(text: str) -> str:
    """Remove layout spaces next to Chinese characters and inside brackets; keep Latin spacing.

    Also works on a newline-joined text, line by line (spaces at line edges go too). One
    scan finds the runs of spaces; each is judged by the characters on either side.
    """
    if " " not in text and "\t" not in text and "\u3000" not in text and "\u00a0" not in text:
        return text
    # Most runs stand before Chinese text: one C-level pass removes them; the rest are judged
    # one by one below.
    text = _BEFORE_TIGHT.sub("", text)
    out: list[str] = []
    pos = 0
    n = len(text)
    for m in _SPACES.finditer(text):
        a, b = m.start(), m.end()
        if _keep_space(text, a, b, text[a - 1] if a else "\n", text[b] if b < n else "\n"):
            continue
        out.append(text[pos:a])
        pos = b
    out.append(text[pos:])
    return "".join(out)


def _keep_space(text: str, a: int, b: int, prev: str, nxt: str) -> bool:
    if prev == "\n" or nxt == "\n" or _tight(prev) or _tight(nxt) or nxt in _CLOSERS or prev in _OPENERS:
        return False
    before = text[a - 2] if a > 1 else ""
    if prev in ",:;" and before and _tight(before):
        return False  # ASCII punctuation standing in for 、：；
    if prev == "." and nxt.isdigit() and before.isdigit():
        return False  # a decimal split by a space: 2269. 069589
    # ``(2022) 16号``: a number split from its bracketed year.
    return not (prev in ")]〕）" and nxt.isdigit() and _NUMBER_SUFFIX.match(text, b))





@dataclass
class Prepared:
    """Lines ready for parsing, with page anchors taken from the footers."""

    lines: list[str]
    # (index of the first line after the footer, page number printed in the footer)
    footers: list[tuple[int, int]] = field(default_factory=list)
    # Lines indented as the first line of a paragraph is, in text that keeps the page's layout.
    starts: frozenset[int] = frozenset()

    def without(self, drop: list[int], keep: str | None = None) -> Prepared:
        """The same lines but those at ``drop`` (``keep`` standing in the first one's place),
        footer anchors moved with their lines."""
        gone = set(drop)
        if keep is not None and drop:
            gone.discard(drop[0])
        lines = [keep if keep is not None and drop and i == drop[0] else x
                 for i, x in enumerate(self.lines) if i not in gone]
        shift = [0] * (len(self.lines) + 1)
        for i in range(len(self.lines)):
            shift[i + 1] = shift[i] + (i in gone)
        return Prepared(lines, [(i - shift[i], page) for i, page in self.footers],
                        frozenset(i - shift[i] for i in self.starts if i not in gone))


_TRADITIONAL_CHROME = re.compile("[發來瀏覽點擊閱讀頁關閉頂體]")


def _cut(text: str, matches) -> str:
    """``text`` without the spans of ``matches`` (found in a same-length fold of it)."""
    out, pos = [], 0
    for m in matches:
        out.append(text[pos:m.start()])
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


# A 发文字号, a date or an organ's name broken over two lines, as a PDF's text runs sometimes come out:
# ``某政发〔2024〕`` / ``15号``, ``某政办发`` / ``〔2024〕7号``, ``2024年3月`` / ``5日``. The hint: a
# line opening with a bracketed year, or holding only a number and 号, a day and 日, or the end
# of an organ's name.
_SPLIT_FIELD = re.compile(r"\n[ \t]*(?:[〔\[(（【][ \t]*\d{4}[ \t]*[〕\])）】][ \t]*\d"
                          r"|(?:\d{1,5}[ \t]*号|[\d一二三四五六七八九十]{1,3}[ \t]*日"
                          r"|府|室|厅|会|政府|民政府|公室|公厅|员会)[ \t]*(?:\n|$))")
# The words of organ names a line break may cut in two (``某县人民政府办公`` / ``室``).
ORGAN_WORDS = ("人民政府", "办公室", "办公厅", "委员会", "人民代表大会", "代表大会", "管理委员会")


def cuts_organ_word(head: str, tail: str) -> bool:
    """Whether the break between ``head`` and the line ``tail`` after it falls inside one of
    the words organ names end with: ``某县人民政`` / ``府办公室关于…``."""
    return any(head.endswith(word[:cut]) and tail.startswith(word[cut:])
               for word in ORGAN_WORDS for cut in range(1, len(word)))


_YEAR_AND_NUMBER = re.compile(r"[〔\[(（【]\s*\d{4}\s*[〕\])）】]\s*\d{1,5}\s*号")
_NUMBER_ALONE = re.compile(r"\d{1,5}\s*号")
_AGENCY_AND_YEAR = re.compile(r"[\u4e00-\u9fff]{2,12}\s*[〔\[(（【]\s*\d{4}\s*[〕\])）】]")
# A 机关代字 alone (``某政办发``): a few characters, not a title's last line (no 的, no 文种).
_AGENCY_ALONE = re.compile(r"(?![\u4e00-\u9fff]*(?:的|关于))[\u4e00-\u9fff]{2,10}"
                           r"(?<!通知)(?<!决定)(?<!意见)(?<!报告)(?<!批复)(?<!请示)(?<!公告)(?<!通告)"
                           r"(?<!通报)(?<!纪要)(?<!方案)(?<!办法)(?<!规定)(?<!细则)(?<!规划)(?<!计划)(?<!要点)(?<!文件)")
_DAY_ALONE = re.compile(r"[\d一二三四五六七八九十]{1,3}\s*日")
# A year and month closing a line (after the signing organ, perhaps): the day went to the next.
_YEAR_AND_MONTH = re.compile(r"[^。；;，,]{0,40}?(?<![\d〇○零O一二三四五六七八九])"
                             r"(?:\d{4}|[〇○零O一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月")


def _join_split_fields(lines: list[str]) -> None:
    """Rejoin a 发文字号, a date or the end of an organ's name broken over two lines, in place:
    the second line's text goes up, and it stays as an empty line, so line indices
    (indentation) still hold."""
    for k in range(1, len(lines)):
        tail = lines[k].strip()
        if not tail or tail[-1] not in "号日府室厅会":
            continue
        head = lines[k - 1].strip()
        if len(tail) <= 3 and tail[-1] in "府室厅会":
            joined = cuts_organ_word(head, tail)  # the tail is nothing but the word's end
        elif tail[-1] == "号":
            joined = (_NUMBER_ALONE.fullmatch(tail) and _AGENCY_AND_YEAR.fullmatch(head)) or (
                _YEAR_AND_NUMBER.fullmatch(tail) and _AGENCY_ALONE.fullmatch(head))
        else:
            joined = _DAY_ALONE.fullmatch(tail) and _YEAR_AND_MONTH.fullmatch(head)
        if joined:
            lines[k - 1] = lines[k - 1].rstrip() + tail
            lines[k] = ""


# Three cells or more: two tabs between text (one tab is as often layout: an organ and its date),
# or a title and its page (a 目录 copied with a tab for the leader).
# (Every line holding a tab, in one linear pass; ``_tab_row`` counts the cells.)
_TAB_ROW = re.compile(r"^[^\t\n]*\t[^\n]*$", re.M)
_TOC_TITLE = re.compile(r"关于|(?:通知|意见|决定|办法|方案|批复|报告|公告|通告|函|纪要|规定|细则|令|条例|计划|规划|要点|名单)$")


def toc_row(cells: list[str]) -> str | None:
    """A table row that is a 目录 entry (a title, its number, its page), as a 目录 prints one:
    ``某某关于…的通知（某政发〔2025〕9号）……1``; None for any other row. A 目录 copied with tabs
    for its leaders and one a web page or a Word file holds as a table read alike."""
    cells = [c.strip() for c in cells if c.strip()]
    if 2 <= len(cells) <= 3 and cells[-1].isdigit() and len(cells[-1]) <= 3 and len(cells[0]) >= 8 \
            and _TOC_TITLE.search(cells[0]):
        return cells[0] + "".join(f"（{c}）" for c in cells[1:-1]) + "……" + cells[-1]
    return None


def _tab_row(m: re.Match) -> str:
    """A row's cells a line each, or the 目录 entry it is."""
    cells = [c.strip() for c in m.group(0).split("\t") if c.strip()]
    entry = toc_row(cells)
    if entry:
        return entry
    return m.group(0) if len(cells) < 3 else "\n".join(cells)


def prepare(text: str) -> Prepared:
    """Split text into non-empty, marker-free, unglued lines; collect page footers."""
    # pdftotext opens each page with a form feed: a line break like any other.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = drop_invisible(text)
    # Whole-text passes (one regex call each, not one per line).
    if "**" in text or "__" in text:
        text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)  # Markdown bold: ``**某政发〔2024〕5号**``
    if "\t" in text:
        # A table copied out of Word or WPS: a row a line, its cells between tabs. Its cells go a
        # line each, as the web page's and the Word file's own table give them (``sources``), so
        # the table's rows are read the same whatever the text came in (a 任务分工表's tasks).
        text = _TAB_ROW.sub(_tab_row, text)
    # Read before any pass strips a line's lead (a Markdown bullet goes with its spaces).
    indents = _indents(text)
    line_count = text.count("\n")
    text = _MARKUP_LINES.sub("", text)
    text = _INLINE_FOOTER.sub("", text)
    text = _WEB_TOOLS.sub("", text)
    if _VIEW_COUNT.search(text):
        text = _VIEW_COUNT_LINE.sub("", text)
    if _TRADITIONAL_CHROME.search(text):
        # The same chrome in traditional characters (``發布日期：… 來源：…``), found in the folded
        # text (one character for one) and cut out of the original.
        text = _cut(text, _WEB_TOOLS.finditer(fold(text)))
        folded = fold(text)
        if _VIEW_COUNT.search(folded):
            text = _cut(text, _VIEW_COUNT_LINE.finditer(folded))
    if text.count("\n") != line_count:
        indents = set()  # a pass took lines out: the indices no longer hold
    if "\t" in text or "\u3000" in text or "\u00a0" in text or "  " in text:
        text = _ODD_SPACES.sub(" ", text)
    out: list[str] = []
    footers: list[tuple[int, int]] = []
    starts: set[int] = set()
    raw_lines = text.split("\n")
    if _SPLIT_FIELD.search(text):
        _join_split_fields(raw_lines)
    page_numbers = _bare_page_numbers(raw_lines)
    for k, raw in enumerate(raw_lines):
        line = raw.strip()
        if not line or (line[0] in _RULE_CHARS and _RULE.match(line)):
            continue  # blank, or a rule drawn between documents (``————``, ``* * *``)
        if k in page_numbers:
            footers.append((len(out), int(line)))
            continue
        if len(line) <= 20:
            m = _FOOTER.match(line)
            if m:
                page = int(next(g for g in m.groups() if g))
                footers.append((len(out), page))
                continue
        elif len(line) <= 80 and ("公报" in line or "期" in line):
            m = _HEAD_WITH_PAGE.match(line)
            if m:
                # Anchors record the page before the lines that follow (as a footer would).
                footers.append((len(out), int(m.group(1) or m.group(2)) - 1))
                continue
        if line[-1] in "—–-":
            # A page footer at the end of a line: ``…现印发给你们,请 — 32 —``.
            m = _TRAILING_FOOTER.search(line)
            if m:
                line = line[: m.start()].rstrip()
                out.extend(unglue(line))
                footers.append((len(out), int(m.group(1))))
                continue
        if k in indents:
            starts.add(len(out))
        out.extend(unglue(line))
    return Prepared(out, footers, frozenset(starts))


def _indents(text: str) -> set[int]:
    """Lines (by index) indented as a paragraph's first line is, where the text keeps the
    page's layout (``pdftotext -layout``, a word processor's export): the first line of a
    paragraph stands two characters in from the lines that continue it. A line that no full
    stop leads up to (``…（责任单位：某局）`` / ``本措施自…施行``) still begins a paragraph.

    A line counts when it stands two to eight columns in from the text's margin (the least
    indented line's; more is a centred or right-aligned line) and further in than the line
    before it. Only where the text shows the pattern: the line after such a line back at the
    margin (the paragraph continuing), three times at least and for a third of them. Text
    indented at random, or every line alike, or not at all, gives nothing.
    """
    if "\n " not in text and "\n\u3000" not in text and "\n\u00a0" not in text:
        return set()
    widths: list[tuple[int, int]] = []
    for k, line in enumerate(text.split("\n")):
        rest = line.lstrip(" \t\u3000\u00a0")
        if not rest.strip():
            continue
        if rest is line:
            widths.append((k, 0))
            continue
        lead = line[: len(line) - len(rest)]
        # A tab lays out a table's columns (``某镇<TAB>某村、某村``, its cell continued under
        # ``<TAB>某村``), not a paragraph: a line led by one is not measured.
        widths.append((k, len(lead) + lead.count("\u3000") if "\t" not in lead else -1))
    margin = min((w for _, w in widths if w >= 0), default=0)
    found: set[int] = set()
    continued = 0
    for (prev_k, prev), (k, w) in pairwise(widths):
        if w < 0 or prev < 0:
            continue
        if margin + 2 <= w <= margin + 8 and w - prev >= 2:
            found.add(k)
        elif w <= margin + 1 and prev_k in found:
            continued += 1
    return found if continued >= 3 and 3 * continued >= len(found) else set()


def _bare_page_numbers(raw_lines: list[str]) -> set[int]:
    """Indices of lines holding a page number alone (``12``), told from a table's row numbers
    (those come in runs a few lines apart, or under a ``序号`` heading)."""
    stripped = ((k, r.strip()) for k, r in enumerate(raw_lines) if len(r) <= 8)
    bare = [(k, int(t)) for k, t in stripped if ROW_CELL.match(t)]
    pages = set()
    for n, (k, v) in enumerate(bare):
        near = [(k2, v2) for k2, v2 in bare[max(0, n - 1):n + 2] if k2 != k]
        if any(abs(k2 - k) <= 8 and abs(v2 - v) == 1 for k2, v2 in near):
            continue  # a run of row numbers
        # Under a heading row printed a cell a line: short cells back up to its 序号.
        j = k - 1
        while j >= max(0, k - 9) and 0 < len(raw_lines[j].strip()) <= 10 and raw_lines[j].strip() not in ("序号", "编号"):
            j -= 1
        if j >= max(0, k - 9) and raw_lines[j].strip() in ("序号", "编号"):
            continue
        pages.add(k)
    return pages


# --- unglue -----------------------------------------------------------------------------

_DISCLOSURE = re.compile(r"\((?:此件|本件)[^()]{1,14}\)")
_DATE_TAIL = re.compile(
    r"(?:\d{4}|[〇○零OΟ0一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$"
)
_TERMINAL_END = re.compile(r"[。;!?)\]”\"’】》]$")


# A heading and its first sub-heading run together on one line, a space apart:
# ``四、应急预案修订、审批 (一)应急预案编制修订``, ``(二)工作措施 1.加强领导``.
_GLUED_HEADINGS = re.compile(
    r"^((?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])[^。，,；;：:()（）]{2,30}?)"
    r"[ \u3000]+((?:[(（]一[)）]|1[.、．])\S.*)$")


def unglue(line: str) -> list[str]:
    """Split a line where extraction ran several formal elements together.

    Handles a disclosure note (``(此件公开发布)``) stuck to a signature or to the next
    title, a signature/date stuck to the end of the last body paragraph or attachment, and
    a heading with its first sub-heading.
    """
    if line[:1] in "一二三四五六七八九十(（" and " " in line:
        m = _GLUED_HEADINGS.match(line)
        if m:
            return [m.group(1), *unglue(m.group(2))]
    if line[:1] in "(（" and "号" in line[:40]:
        m = _DATED_NUMBER_GLUED.match(line)
        if m and line[m.end():].strip():
            # ``(1985年5月4日某政〔1985〕38号) 根据…``: the note under a title, then the text.
            return [m.group(0).strip(), *unglue(line[m.end():].strip())]
    if "件" not in line and not line.endswith(("日", "号")) and not _GLUED_HEADER.search(line):
        return [line]
    folded = fold(line)
    parts: list[str] = []
    pos = 0
    for m in _DISCLOSURE.finditer(folded):
        before = line[pos:m.start()].strip()
        if before:
            parts.extend(_split_signature(before))
        parts.append(line[m.start():m.end()])
        pos = m.end()
    rest = line[pos:].strip()
    if rest:
        parts.extend(_split_signature(rest))
    out: list[str] = []
    for part in parts:
        out.extend(_split_header(part) if _GLUED_HEADER.search(part) else [part])
    return out


_DATED_NUMBER_GLUED = re.compile(r"^[(（]\s?\d{4}年\d{1,2}月\d{1,2}日\s?[^()（）\s]{2,24}?号\s?[)）]")


# A 文种 word, a space (or an opening parenthesis), and a number's bracketed year:
# ``…的通知 某政发〔2024〕3号 …``, ``…的通知（某政发〔2024〕3号）``.
_GLUED_HEADER = re.compile(r"[知定告复见报示函议要令案][ \u3000]+[^ ]{1,12}?[〔\[(（【]\s?(?:19|20)\d\d"
                           r"|[知定告复见报示函议要令案][(（][^ ()（）]{1,12}?[〔\[【]\s?(?:19|20)\d\d[^()（）]{1,10}号\s?[)）]$")


def _split_header(line: str) -> list[str]:
    """``某某关于…的通知 某政发〔2024〕3号 各乡镇人民政府：…`` → title, number, the rest.

    Only a number standing outside parentheses, right after a complete title, is split off:
    citations inside a sentence are left alone.
    """
    from ..parse.docnumber import find_doc_numbers  # local: parse depends on normalize
    from ..parse.titles import is_complete_title

    folded = fold(line)
    for d in find_doc_numbers(line, folded):
        if d.is_order:
            continue
        before = line[: d.start].rstrip()
        if folded[: d.start].rstrip().endswith("(") and not line[d.end:].strip(" )）"):
            # ``某某关于…的通知（某政办发〔2024〕40号）``: a header printing its number after the
            # title, as the 目录 does; the segmenter confirms it by the 主送机关 under it.
            title = before[:-1].rstrip()
            if title and is_complete_title(title):
                return [title, line[len(before) - 1:].strip()]
            continue
        if not before or folded[d.start - 1:d.start] in "(〔[":
            continue
        if not is_complete_title(before):
            continue
        after = line[d.end:].lstrip(" )）")
        parts = [before, line[d.start:d.end].strip()]
        if after.strip():
            parts.append(after.strip())
        return parts
    return [line]


def _split_signature(line: str) -> list[str]:
    """``…(见网络版) 某某人民政府 2024年8月19日`` → body part and signature part."""
    if not line.endswith(("日", "号")):
        return [line]
    folded = fold(line)
    m = _DATE_TAIL.search(folded)
    if not m or m.start() == 0:
        return [line]
    head = folded[: m.start()].rstrip()
    tokens = head.split(" ")
    # Walk back over organ-like tokens that form the signature.
    from ..parse.organs import is_organ  # local import: organs depends on this module

    k = len(tokens)
    while k > 0 and is_organ(tokens[k - 1]):
        k -= 1
    body = " ".join(tokens[:k]).strip()
    if not body:
        return [line]
    if not _TERMINAL_END.search(body) and k == len(tokens):
        return [line]
    cut = len(" ".join(tokens[:k]))
    return [line[:cut].strip(), line[cut:].strip()]


def _is_han2(s: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in s)


_DAY_MISREAD = re.compile(r"(月[ \t]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]?)曰")
# A title's 文种 misread at the end of its line (``…的通和``: no Chinese line ends so), and its
# 关于 misread 关子 (关干, 关千) after an organ's name with the title's 的 still to come.
_TYPE_MISREAD = {"通和": "通知", "通如": "通知", "通细": "通知", "决走": "决定", "决淀": "决定", "批夏": "批复",
                 "意兄": "意见", "报吿": "报告"}
_TYPE_MISREAD_RE = re.compile("的(" + "|".join(_TYPE_MISREAD) + r")(?=[ \t]*$)", re.M)
_GUANYU_MISREAD = re.compile(r"(?<=[府室局委厅部办院会])关[子干千](?=[^\n。，,]{2,80}的)")


# Letters OCR reads for digits (``2O24``, ``1O号``, ``l2``), repaired only where the grammar
# says a number stands: a year in the brackets of a 发文字号 or before 年, a number before 号.
_LETTER_DIGITS = str.maketrans("OolI", "0011")
# Each slot opens with a bracket, a digit or 第 (a fast scan), and holds at least one letter.
_NUMBER_SLOTS = (
    # the year of a 发文字号: ``〔2O24〕``
    re.compile(r"(?<=[〔\[(（【﹝])\s*[12OolI](?=[0-9]{0,2}[OolI])[0-9OolI]{3}(?=\s*[〕\])）】﹞])"),
    # a year before 年: ``2O24年``
    re.compile(r"(?<![0-9A-Za-z])[12](?=[0-9]{0,2}[OolI])[0-9OolI]{3}(?=\s*年)"),
    # a number before 号: ``〕1O号``, ``第15O号``
    re.compile(r"(?:(?<=[〕\])）】﹞])\s*(?:第\s*)?|(?<=第))(?=[0-9]{0,4}[OolI])[0-9OolI]{1,5}(?=\s*号)"),
    # a month or day of a date: ``2024年l月``, ``2月2O日``, ``3月l5日``
    re.compile(r"(?<=年)\s*(?=[0-9]?[OolI])[0-9OolI]{1,2}(?=\s*月)|(?<=月)\s*(?=[0-9]?[OolI])[0-9OolI]{1,2}(?=\s*日)"),
)
# A number of letters alone between a 发文字号's year and 号 (``〔2024〕l号``, ``(2024)lO号``):
# after a year in brackets nothing but a number can stand. (After 第 alone it could be a Roman
# numeral, so there a digit must be among the letters, as the slot above asks.)
_LETTER_NUMBER = re.compile(r"(?:(?<=\d{4}[〕\])）】﹞])|(?<=\d{4}\s[〕\])）】﹞]))\s*[OolI][OolI]{0,4}(?=\s*号)")
# The cheap test first: a letter that looks like a digit standing next to a digit, or after a
# closing bracket.
_LETTER_BY_DIGIT = re.compile(r"[OolI](?:(?<=\d.)|(?=\d)|(?<=[〕\])）】﹞].)|(?<=[〕\])）】﹞]\s.))")


def _digits(m: re.Match) -> str:
    s = m.group(0)
    fixed = s.translate(_LETTER_DIGITS)
    if fixed == s or sum(c.isdigit() for c in s) < 1:
        return s
    year = fixed.strip()
    if len(year) == 4 and year.isdigit() and not ("1900" <= year <= "2099"):
        return s  # not a year after all
    return fixed


# Pinyin with a tone mark in parentheses right after a character (``發(fā)``, ``區(qū)``): some sites
# print a pronunciation after rarer characters and it comes along when the page is copied.
_TONED = "[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]"
_TONE_MARK = re.compile(_TONED)
_PINYIN_RUBY = re.compile(f"(?<=[\u4e00-\u9fff])[(（][a-zü]*{_TONED}[a-zü]*[)）]")


# Glyphs a PDF's font maps to no character: pdfminer writes ``(cid:123)``, other extractors a
# private-use code point. At the head of a line they are list bullets (dropped); inside the
# text they stand for a character that cannot be known, written □ as the genre writes a
# character it cannot print.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_GLYPH = "(?:\\(cid:\\d{1,5}\\)|[\ue000-\uf8ff])"
_LEADING_GLYPHS = re.compile(f"^([ \t\u3000]*)(?:{_GLYPH}[ \t\u3000]*)+", re.M)
_INNER_GLYPH = re.compile(_GLYPH)


def _unmapped_glyphs(text: str) -> str:
    return _INNER_GLYPH.sub("□", _LEADING_GLYPHS.sub(r"\1", text))


def repair_ocr(text: str) -> str:
    """Undo OCR confusions that the text itself proves wrong.

    ``交城具`` where ``交城县`` is frequent in the same text is a misread 县 (具 and 县 differ
    by one stroke): replace it. ``3月5曰`` is a misread 日 (a date has no other reading).
    ``〔2O24〕1O号`` and ``〔2024〕l号`` have letters for digits where only digits can stand. A title line ending
    ``…的通和`` has its 文种 misread (通知), and ``某县人民政府关子…的`` (关干, 关千) its 关于.
    Nothing is guessed from outside the text. Radicals and compatibility code points that
    a PDF's font wrote for ordinary ideographs (``⼈⺠政府``) become those ideographs, and HTML
    character references of a web page saved as text (``&nbsp;``, ``&ldquo;``) are resolved.
    (Invisible format characters go in :func:`prepare`.)
    """
    # Invisible characters first: a zero-width joiner inside ``1O号`` hides the number from the
    # repairs below (``prepare`` drops them too, for text that skips this step).
    text = unify_ideographs(unescape_entities(drop_invisible(text)))
    if "(cid:" in text or _PRIVATE_USE.search(text):
        text = _unmapped_glyphs(text)
    if _TONE_MARK.search(text):
        text = _PINYIN_RUBY.sub("", text)  # ``辦發(fā)``: a page's pronunciation guide, not text
    if _LETTER_BY_DIGIT.search(text):
        for slot in _NUMBER_SLOTS:
            text = slot.sub(_digits, text)
        text = _LETTER_NUMBER.sub(lambda m: m.group(0).translate(_LETTER_DIGITS), text)
    if any(word in text for word in _TYPE_MISREAD):  # substring tests first: the regex is the slow part
        text = _TYPE_MISREAD_RE.sub(lambda m: "的" + _TYPE_MISREAD[m.group(1)], text)
    if "关子" in text or "关干" in text or "关千" in text:
        text = _GUANYU_MISREAD.sub("关于", text)
    if "曰" in text:
        # ``2024年3月5曰``: 曰 (to say) for 日 (day) right after a month and a day number.
        text = _DAY_MISREAD.sub(r"\1日", text)
    names = set()
    i = text.find("具")
    while i != -1:
        if i >= 2 and text[i + 1:i + 2] not in ("有", "体", "备") and _is_han2(text[i - 2:i]):
            names.add(text[i - 2:i])
        i = text.find("具", i + 1)
    if not names:
        return text
    counts: dict[str, int] = {}
    i = text.find("县")
    while i != -1:
        if i >= 2:
            key = text[i - 2:i]
            counts[key] = counts.get(key, 0) + 1
        i = text.find("县", i + 1)
    for name in names:
        if counts.get(name, 0) >= 3:
            text = re.sub(name + "具(?![有体备])", name + "县", text)
    return text
