"""Sentences that hold a keyword, found from the keyword outward (cheaper than splitting a
whole body into sentences when few of them matter)."""

from __future__ import annotations

import re

_ENDS = "。;!?\n"


def sentences_with(text: str, keywords: re.Pattern) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text`` that contains a match of ``keywords``.

    A sentence ends after 。 ; ! ? or a line break (the end is included), as the callers'
    former ``[^。;!?\\n]+[。;!?\\n]?`` splitting did. Spans are in order and distinct.
    """
    spans: list[tuple[int, int]] = []
    last_end = -1
    for m in keywords.finditer(text):
        if m.start() < last_end:
            continue
        a = max(text.rfind(c, 0, m.start()) for c in _ENDS) + 1
        ends = [p for p in (text.find(c, m.end()) for c in _ENDS) if p >= 0]
        b = min(ends) + 1 if ends else len(text)
        spans.append((a, b))
        last_end = b
    return spans
