"""Stage 1: turn a file into text."""

from .text import decode_bytes, read_text

__all__ = ["decode_bytes", "read_text"]
