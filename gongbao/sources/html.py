"""A gazette published as a web page: its text, one block a line.

Governments put many issues online as HTML (a page per issue or per document). The page's
blocks (paragraphs, headings, list items, table rows and cells, ``<br>``) become lines, as a
PDF's lines would; white space inside a block is layout; scripts, styles and the ``<head>`` are
not text. Character references are resolved by the standard library's parser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..normalize.layout import toc_row

# Elements whose start and end break the line.
_BLOCKS = frozenset("""address article aside blockquote body caption center dd details dialog div dl dt
fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section
summary table tbody td tfoot th thead tr ul""".split())
_SKIP = frozenset(("script", "style", "head", "noscript", "template", "svg", "iframe", "object", "nav", "footer",
                   "button", "select",
                   # a pronunciation printed over a character (``<ruby>發<rt>fā</rt></ruby>``)
                   "rt", "rp"))
# A government site's chrome around the text: breadcrumbs, tools, footer lines.
_CHROME = re.compile(
    r"网站标识码|ICP备|公网安备|版权所有|Copyright|©|^(?:主办单位|承办单位|技术支持|维护单位)[:：]|网站地图|联系我们"
    r"|^(?:您(?:当前)?的?位置|当前位置)[:：]|打印本页|关闭窗口|【?字体[:：]|分享到|^首页\s*[|>›»]", re.I)
# (A page's information line, its links to the pages before and after and its tools are left to
# ``normalize.layout.prepare``, which takes them out of any text, extracted here or elsewhere.)
_CONTENT_STARTS = frozenset(("h1", "h2", "h3", "article", "main"))
# A list of links to other pages under its heading (相关文章, 上一篇/下一篇): not the document.
_RELATED_HEAD = re.compile(r"^(?:相关(?:文章|阅读|新闻|信息|链接|推荐)|推荐阅读|热点(?:新闻|信息)|延伸阅读|猜你喜欢)[:：]?$")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_LOOKS_HTML = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<!doctype\s+html)", re.I)
_TAG = re.compile(r"</?(?:p|div|br|table|tr|td|span|font|body)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """An HTML document, or a fragment dense with block tags (a page's content saved alone)."""
    head = text[:4096]
    return bool(_LOOKS_HTML.match(head)) or len(_TAG.findall(head)) >= 8


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.pre = 0
        self.link = 0  # inside an <a>
        self.linked = self.unlinked = 0  # characters of the current block in and out of links
        self.related = False  # under a 相关文章 heading: link-only blocks are other pages
        self.rows: list[int] = []  # for each open <tr>, the first line its cells gave

    def _break(self) -> None:
        line = "".join(self.current).strip(" ")
        link_only = self.linked > 0 and not self.unlinked
        self.current = []
        self.linked = self.unlinked = 0
        if not line or (len(line) <= 120 and _CHROME.search(line)):
            return
        if len(line) <= 12 and _RELATED_HEAD.match(line):
            self.related = True
            return
        if self.related and link_only:
            return
        self.related = False
        self.lines.append(line)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.link += 1
        elif tag in _SKIP:
            self.skip += 1
        elif tag == "br":
            self._break()
        elif tag in _BLOCKS:
            self._break()
            if tag == "tr":
                self.rows.append(len(self.lines))
            if tag == "pre":
                self.pre += 1
            if tag in _CONTENT_STARTS:
                self.related = False  # a heading or the article itself: no longer a list of links

    def handle_startendtag(self, tag, attrs):
        if tag in ("br", "hr"):
            self._break()

    def handle_endtag(self, tag):
        if tag == "a":
            self.link = max(0, self.link - 1)
        elif tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self._break()
            if tag == "tr" and self.rows:
                start = self.rows.pop()
                entry = toc_row(self.lines[start:])
                if entry:  # a 目录 held as a table: the entry as a 目录 prints it
                    self.lines[start:] = [entry]
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data):
        if self.skip:
            return
        if self.pre:
            parts = data.split("\n")
            for k, part in enumerate(parts):
                if k:
                    self._break()
                self.current.append(part)
            return
        text = _SPACE.sub(" ", data)
        self.current.append(text)
        size = len(text.strip())
        if self.link:
            self.linked += size
        else:
            self.unlinked += size


def html_to_text(html: str) -> str:
    """The text of a web page, one block a line (full-width spaces and indentation kept);
    the site's navigation and footer lines are left out."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser._break()
    return "\n".join(parser.lines) + "\n"
