"""A gazette or document saved as a Word file (DOCX, Office Open XML): its text.

Offices draft 公文 in Word and sites publish many as ``.docx``. The text is in
``word/document.xml``: each paragraph (``w:p``) becomes a line, a manual line break
(``w:br``) too, a tab a space; a table's cells (``w:tc``) stand a line each, in order, as a
PDF extraction prints them. Page headers and footers live in other parts and are left out,
like a PDF's running heads. Numbers that Word generates for a list (its numbering
definitions) are not in the text and are not recreated: offices type 一、(一) 1. by hand.
Only the standard library is used; the archive is bounded before it is read.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from ..errors import InputError
from ..normalize.layout import toc_row

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_XML = 256 * 1024 * 1024  # uncompressed size of the main part we are willing to read


def is_docx(data: bytes) -> bool:
    """A ZIP archive holding ``word/document.xml``."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def docx_to_text(data: bytes, name: str = "<input>") -> str:
    """The text of a DOCX file, a paragraph a line; :class:`InputError` if it cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo("word/document.xml")
            if info.file_size > _MAX_XML:
                raise InputError(name, "is a Word file whose text part is too large to read")
            xml = z.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        raise InputError(name, "is a damaged or encrypted Word (DOCX) file") from None
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        raise InputError(name, "is a Word (DOCX) file whose text part is not well-formed XML") from None
    lines: list[str] = []
    body = root.find(f"{_W}body")
    if body is not None:
        _blocks(body, lines)
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(name, "is a Word (DOCX) file with no text in it")
    return text + "\n"


def _blocks(parent, lines: list[str]) -> None:
    """Paragraphs and tables in document order (tables and content controls nest)."""
    for el in parent:
        tag = el.tag
        if tag == f"{_W}p":
            lines.extend(_paragraph(el))
        elif tag == f"{_W}tbl":
            for row in el.iter(f"{_W}tr"):
                start = len(lines)
                for cell in row.findall(f"{_W}tc"):
                    _blocks(cell, lines)
                entry = toc_row(lines[start:])
                if entry:  # a 目录 held as a table: the entry as a 目录 prints it
                    lines[start:] = [entry]
        elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"):
            _blocks(el, lines)


def _paragraph(p) -> list[str]:
    """A paragraph's lines: its runs' text, split at manual breaks; a text box's paragraphs
    (the red header of a 版头 is often one) stand as lines of their own."""
    out: list[str] = []
    current: list[str] = []

    def walk(el) -> None:
        nonlocal current
        for child in el:
            tag = child.tag
            if tag == f"{_W}t":
                current.append(child.text or "")
            elif tag == f"{_W}tab":
                current.append(" ")
            elif tag in (f"{_W}br", f"{_W}cr"):
                out.append("".join(current))
                current = []
            elif tag == f"{_W}p":
                out.append("".join(current))
                current = []
                out.extend(_paragraph(child))
            elif tag in (f"{_W}del", f"{_W}moveFrom", f"{_W}instrText"):
                continue  # tracked deletions and field codes are not the text
            else:
                walk(child)

    walk(p)
    out.append("".join(current))
    return [line for line in out if line.strip()] or [""]
