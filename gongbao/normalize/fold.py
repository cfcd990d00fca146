"""A one-to-one character fold used for matching, never for output.

Every grammar rule in gongbao is written once, in simplified characters and ASCII
punctuation. ``fold`` maps traditional characters to simplified ones and full-width forms to
ASCII *character by character*, so a folded string has the same length as the original:
a match found in the folded text is sliced out of the original, and the document keeps its
own characters.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

# Full-width and look-alike punctuation that the grammar treats as its ASCII twin.
_PUNCT = {
    "（": "(", "）": ")", "：": ":", "，": ",", "；": ";", "！": "!", "？": "?",
    "．": ".", "［": "[", "］": "]", "｛": "{", "｝": "}", "\u3000": " ", "\u00a0": " ",
    "\t": " ", "﹝": "〔", "﹞": "〕", "〘": "〔", "〙": "〕", "︹": "〔", "︺": "〕",
    "－": "-", "／": "/", "＋": "+", "％": "%", "﹙": "(", "﹚": ")",
    "・": "·", "•": "·", "‧": "·",
}


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """The translation table: full-width ASCII, punctuation, traditional → simplified."""
    table: dict[int, str] = {}
    # Full-width ASCII letters and digits.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    for src, dst in _PUNCT.items():
        table[ord(src)] = dst
    for trad, simp in _traditional_pairs():
        table.setdefault(ord(trad), simp)
    return table


def _traditional_pairs():
    """Single-character traditional→simplified pairs from OpenCC's character table."""
    try:
        data = resources.files("opencc").joinpath("dictionary/TSCharacters.txt").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - dependency missing
        return
    for line in data.splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        trad = parts[0]
        simp = parts[1].split(" ")[0]
        if len(trad) == 1 and len(simp) == 1 and trad != simp:
            yield trad, simp


def fold(text: str) -> str:
    """Fold ``text`` for matching; ``len(fold(s)) == len(s)`` always holds."""
    return text.translate(fold_table())
