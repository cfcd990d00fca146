"""Metamorphic tests: the same texts as other extractors lay them out must parse the same.

``pdftotext`` without ``-layout`` cuts a two-column page into short visual lines: paragraphs
break every 20–26 characters and long titles over two or three lines. Every fixture and the
sample are re-wrapped that way and must give the same documents and formal elements.
"""

import re
from pathlib import Path

import pytest

from gongbao import parse_gazette

ROOT = Path(__file__).parent.parent
TEXTS = [*sorted(p for p in (ROOT / "tests" / "fixtures").glob("*.txt") if "glued" not in p.name),
         ROOT / "samples" / "jiaocheng-gazette-2024-03.txt"]
KEYS = ("doc_number", "title", "date", "issuers", "recipients", "signatories", "doc_type", "disclosure",
        "embedded_title", "cites", "repeals")


def assert_same_documents(original: list[dict], got: list[dict], keys=KEYS, label: str = "") -> None:
    """The same documents in the same order, equal on ``keys``."""
    assert [d["title"] for d in got] == [d["title"] for d in original], label
    for a, b in zip(original, got, strict=True):
        for key in keys:
            assert b[key] == a[key], (label, a["seq"], key)


def rewrap(text: str, width: int) -> str:
    """Cut body paragraphs every ``width`` characters and titles every 18, as a PDF column does."""
    out = []
    for line in text.split("\n"):
        s = line.strip()
        body = bool(re.search(r"[。，,；;]", s)) and not s.endswith(("：", ":"))
        title = ("关于" in s or "印发" in s) and bool(re.search(r"(通知|决定|意见|批复|报告|函|公告|通告)$", s))
        # A web page's table row (``废止时间: 2021-02-28 名称: 某某…的通知``) is not a column of text.
        row = len(re.findall(r"(?:^|\s)[\u4e00-\u9fff]{2,6}\s?[:：]", s)) >= 2
        if (body or title) and not row:
            w = width if body else 18
            while len(s) > w:
                out.append(s[:w])
                s = s[w:]
        out.append(s)
    return "\n".join(out)


@pytest.mark.parametrize("width", [26, 20])
@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_rewrapped_text_parses_the_same(path, width):
    text = path.read_text("utf-8")
    original = parse_gazette(text).to_dict()["documents"]
    wrapped = parse_gazette(rewrap(text, width)).to_dict()["documents"]
    assert_same_documents(original, wrapped)


def radical_glyphs(text: str) -> str:
    """Write the text as some PDF fonts extract it: ideographs that have a Kangxi radical or
    CJK radicals supplement twin (人 → ⼈ U+2F08, 民 → ⺠ U+2EA0, 长 → ⻓ U+2ED3) as that twin."""
    import unicodedata

    twins = {}
    for code in range(0x2F00, 0x2FD6):
        twins.setdefault(unicodedata.normalize("NFKC", chr(code)), chr(code))
    twins.update({"民": "⺠", "长": "⻓", "门": "⻔", "马": "⻢", "见": "⻅", "车": "⻋", "页": "⻚"})
    return "".join(twins.get(c, c) for c in text)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_radical_glyphs_parse_as_the_ideographs_they_print(path):
    text = path.read_text("utf-8")
    garbled = radical_glyphs(text)
    assert garbled != text
    original = parse_gazette(text).to_dict()["documents"]
    repaired = parse_gazette(garbled).to_dict()["documents"]
    assert_same_documents(original, repaired, (*KEYS, "body"))


def extraction_variants(text: str) -> dict[str, str]:
    """The same text as other tools and platforms hand it over."""
    return {
        "crlf": text.replace("\n", "\r\n"),
        "cr": text.replace("\n", "\r"),
        # pdftotext separates pages with a form feed at the start of the next page's first line.
        "form feeds": re.sub(r"\n(?=[^\n]*。)", "\n\f", text, count=5),
        # Zero-width spaces, soft hyphens and a byte-order mark inside words.
        "invisible": "\ufeff" + text.replace("关于", "关\u200b于").replace("人民", "人\u00ad民").replace("号", "\u200d号"),
        "indented": "\n".join("\u00a0\u3000" + line for line in text.split("\n")),
        # OCR reading letters for digits where only digits stand: 〔2O24〕, 1O号, 2O24年.
        "ocr digits": re.sub(r"(?<=[〔(（\[])(\d)0(?=\d\d[〕)）\]])", r"\1O",
                             re.sub(r"([〕)）\]]\d*)0(?=号)", r"\1O", re.sub(r"(?<![\d])(2)0(?=\d\d年)", r"\1O", text))),
        # …and a number of ones and zeros read as letters alone: 〔2024〕l号, 〔2024〕lO号.
        "ocr letters alone": re.sub(r"(?<=\d{4}[〕)）\]])([10]{1,2})(?=号)",
                                    lambda m: m.group(1).replace("1", "l").replace("0", "O"), text),
        # A font's bullets that map to no character: a private-use code point (most extractors)
        # or pdfminer's ``(cid:N)`` before numbered paragraphs.
        "unmapped bullets": re.sub(r"^([一二三四五六七八九十]、|\d{1,2}[.．、])",
                                   lambda m: ("\ue09f" if m.start() % 2 else "(cid:3) ") + m.group(1), text,
                                   flags=re.M),
        # Markdown from a converter: every line in bold.
        "markdown bold": "\n".join(f"**{line}**" if line.strip() and "*" not in line else line
                                    for line in text.split("\n")),
        # A web page saved as text: character references for quotes, spaces and indentation.
        "html entities": "\n".join("&nbsp;&nbsp;" + line.replace("“", "&ldquo;").replace("”", "&rdquo;")
                                   .replace("\u3000", "&#12288;") for line in text.split("\n")),
    }


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_extraction_variants_parse_the_same(path):
    text = path.read_text("utf-8")
    original = parse_gazette(text).to_dict()["documents"]
    for name, variant in extraction_variants(text).items():
        got = parse_gazette(variant).to_dict()["documents"]
        assert_same_documents(original, got, (*KEYS, "body"), name)


def _as_ideographic(line: str) -> str:
    """A line's indentation as a site or a word processor keeps it, in ideographic spaces (an
    HTML page or a Word paragraph collapses plain ones); the rest of the line as it is."""
    text = line.lstrip(" ")
    return "\u3000" * ((len(line) - len(text)) // 2) + text


def _is_tab_row(line: str) -> bool:
    """A row of a table copied with tabs between its cells (three cells or more)."""
    return sum(1 for c in line.split("\t") if c.strip()) >= 3


def as_web_page(text: str) -> str:
    """The text as a government site publishes it: a paragraph element a line (its white space
    is layout), character references, a head with a script, navigation and a footer."""
    import html

    def block(line: str) -> str:
        if _is_tab_row(line):  # a table's row: the site prints a table
            cells = "".join(f"<td>{html.escape(c.strip())}</td>" for c in line.split("\t") if c.strip())
            return f"<table><tr>{cells}</tr></table>"
        return f'<p style="text-indent:2em">\n    {html.escape(_as_ideographic(line)).replace("“", "&ldquo;")}\n</p>'

    body = "\n".join(block(line) for line in text.split("\n") if line.strip())
    return ('<!DOCTYPE html>\n<html><head><meta charset="gb2312"><title>公报</title>'
            '<script>var s = "<p>某某关于某某的通知</p>";</script><style>p { margin: 0 }</style></head>\n'
            '<body><nav>首页 | 政务公开 | 政府公报</nav><div class="crumb">当前位置：首页 &gt; 政府公报</div>\n'
            f'<div class="article">\n{body}\n</div>\n'
            '<footer>主办单位：某某人民政府办公室</footer><div>网站标识码：1400000001 晋ICP备00000000号</div>'
            '</body></html>\n')


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_web_page_parses_like_its_text(path):
    from gongbao.sources import decode_bytes

    text = path.read_text("utf-8")
    original = parse_gazette(text).to_dict()
    # Saved by the site in its own encoding: GB18030 bytes, detected and decoded.
    page = decode_bytes(as_web_page(text).encode("gb18030"), "page.html")
    got = parse_gazette(page).to_dict()
    assert got["issue"] == original["issue"]
    assert_same_documents(original["documents"], got["documents"], (*KEYS, "body"))


def as_docx(text: str) -> bytes:
    """The text as a Word file: a paragraph a line, runs split mid-word as Word splits them,
    a tab for layout spaces, a page header part, a tracked deletion, and the first line in a
    text box (as a red header often is)."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paras = []
    lines = [line for line in text.split("\n") if line.strip()]
    for k, line in enumerate(lines):
        line = _as_ideographic(line).rstrip()
        half = len(line) // 2
        runs = (f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{escape(line[:half])}</w:t></w:r>'
                f'<w:del><w:r><w:delText>删去的字</w:delText></w:r></w:del>'
                f'<w:r><w:t>{escape(line[half:])}</w:t></w:r>')
        if k == 0:
            runs = (f'<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>'
                    '</w:txbxContent></w:pict></w:r>')
        if _is_tab_row(line):  # a table's row: Word holds a table
            cells = "".join(f'<w:tc><w:p><w:r><w:t>{escape(c.strip())}</w:t></w:r></w:p></w:tc>'
                            for c in line.split("\t") if c.strip())
            paras.append(f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>")
            continue
        paras.append(f'<w:p><w:pPr><w:ind w:firstLine="640"/></w:pPr>{runs}</w:p>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {w}><w:body>'
                + "".join(paras) + '<w:sectPr/></w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", document)
        z.writestr("word/header1.xml", f'<w:hdr {w}><w:p><w:r><w:t>某某人民政府公报 2024年第1期</w:t></w:r></w:p></w:hdr>')
    return buf.getvalue()


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_word_file_parses_like_its_text(path):
    from gongbao.sources import decode_bytes

    text = path.read_text("utf-8")
    original = parse_gazette(text).to_dict()
    got = parse_gazette(decode_bytes(as_docx(text), "issue.docx")).to_dict()
    assert got["issue"] == original["issue"]
    assert_same_documents(original["documents"], got["documents"], (*KEYS, "body"))
