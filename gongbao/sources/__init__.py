"""Stage 1: turn a file into text."""

from .html import html_to_text
from .text import decode_bytes, read_text

__all__ = ["decode_bytes", "html_to_text", "read_text"]
