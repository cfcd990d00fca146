"""Read a file as gazette text: detect what it is and decode it, or fail with a clear reason.

Gazettes reach us as UTF-8 most of the time, but files saved by Chinese office software are
often GB18030/GBK. A web page (HTML) is read as its text, one block a line, and a Word file
(DOCX) as its paragraphs. A PDF or an
office document must not be parsed as text: it is refused with a message telling the user
what to do instead.
"""

from __future__ import annotations

import os
import re

from ..errors import InputError
from .docx import docx_to_text, is_docx
from .html import html_to_text, looks_like_html

# Magic numbers of formats that are not text.
_SIGNATURES = (
    (b"%PDF-", "is a PDF file; gongbao parses extracted text for now (convert it with a PDF-to-text tool first)"),
    (b"PK\x03\x04", "is a ZIP archive (an OFD or another Office file), not text or a Word (DOCX) file"),
    (b"\xd0\xcf\x11\xe0", "is a legacy Office (DOC/WPS) file, not text"),
    (b"\x89PNG", "is a PNG image, not text"),
    (b"\xff\xd8\xff", "is a JPEG image, not text"),
    (b"GIF8", "is a GIF image, not text"),
    (b"\x1f\x8b", "is a gzip archive, not text"),
)

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_text(path: str | os.PathLike) -> str:
    """Return the decoded text of ``path`` or raise :class:`InputError` naming the problem."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise InputError(name, "file not found") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory, not a file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    return decode_bytes(data, name)


def decode_bytes(data: bytes, name: str = "<input>") -> str:
    """Decode gazette bytes (UTF-8, UTF-16 with BOM, or GB18030/GBK)."""
    if not data.strip():
        raise InputError(name, "file is empty")
    if is_docx(data):
        return docx_to_text(data, name)
    for magic, problem in _SIGNATURES:
        if data.startswith(magic):
            raise InputError(name, problem)
    if data.startswith(b"\xef\xbb\xbf"):
        return _check_text(data[3:].decode("utf-8", errors="replace"), name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _check_text(data.decode("utf-16", errors="replace"), name)
    if b"\x00" in data[:65536]:
        raise InputError(name, "is a binary file, not text")
    try:
        return _check_text(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(name, "is neither UTF-8 nor GB18030/GBK text") from None
    # GB18030 decodes almost any byte string; accept it only if it reads as Chinese.
    if len(_CJK.findall(text[:20000])) < max(1, len(text[:20000]) // 20):
        raise InputError(name, "is neither UTF-8 nor GB18030/GBK text")
    return _check_text(text, name)


def _check_text(text: str, name: str) -> str:
    if looks_like_html(text):
        text = html_to_text(text)
        if not text.strip():
            raise InputError(name, "is a web page with no text in it")
        return text
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > len(sample) // 100:
        raise InputError(name, "is a binary file, not text")
    if not text.strip():
        raise InputError(name, "file is empty")
    return text
