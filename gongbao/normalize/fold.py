"""A one-to-one character fold used for matching, never for output.

Every grammar rule in gongbao is written once, in simplified characters and ASCII
punctuation. ``fold`` maps traditional characters to simplified ones and full-width forms to
ASCII *character by character*, so a folded string has the same length as the original:
a match found in the folded text is sliced out of the original, and the document keeps its
own characters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .compat import ideograph_table

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
    # Radical glyphs a PDF font wrote for ideographs (``⼈⺠``), then folded like those.
    for code, ideograph in ideograph_table().items():
        table.setdefault(code, table.get(ord(ideograph), ideograph))
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


@lru_cache(maxsize=1)
def _fast_path():
    """A regex over the few non-Han characters to fold, and a hint of traditional text.

    ``str.translate`` looks every character up in a dict; most gazettes are simplified
    Chinese where only punctuation changes, and a regex substitution over those few
    characters is several times faster. Traditional text is recognised by its most frequent
    characters and folded with the full table.
    """
    table = fold_table()
    small = {chr(k): v for k, v in table.items() if not (0x3400 <= k <= 0x9FFF or 0xF900 <= k <= 0xFAFF or k > 0xFFFF)}
    rx = re.compile("[" + re.escape("".join(small)) + "]")
    hint = re.compile("[" + _TRADITIONAL_HINT + "]")
    return rx, small.__getitem__, hint


# Frequent traditional characters that have a different simplified form.
_TRADITIONAL_HINT = ("關於號發會縣區機辦廳門為條規實員業與從這們個來對時過還說經開國當後進將應現體長點問題學種"
                     # and the words of tasks, units and lists, for short strings (``省殘聯、省科協``)
                     "單責務強聯協殘護產書車議計劃設認該總並處識讓標準網電話請項頁類統導級團組織結構論資質"
                     "優營證錄記據價檢養醫療險財稅鎮鄉農糧衛視圖觀傳專採購貿給紹濟減擔擬擴轉頒歷廣東華陽義興")


def fold(text: str) -> str:
    """Fold ``text`` for matching; ``len(fold(s)) == len(s)`` always holds."""
    rx, lookup, hint = _fast_path()
    if hint.search(text):
        return text.translate(fold_table())
    return rx.sub(lambda m: lookup(m.group()), text)
