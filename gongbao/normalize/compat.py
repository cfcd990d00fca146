"""Ideographs that PDF text extraction writes as look-alike code points.

A PDF's embedded font often maps glyphs to the Kangxi Radicals block (``⼈`` U+2F08 for 人),
the CJK Radicals Supplement (``⺠`` U+2EA0 for 民, ``⻓`` U+2ED3 for 长) or the CJK
Compatibility Ideographs (U+F900–U+FAFF). They print the same but match nothing: a search
for 人民 misses ``⼈⺠政府``. These are the text's glyphs, not its characters, so they are
replaced in the output too. Kangxi radicals and compatibility ideographs have canonical
equivalents in Unicode (NFKC, applied to those code points only: NFKC on the whole text
would also turn full-width punctuation into ASCII); the supplement's radicals mostly do not,
so the ones that stand for a character in running text are listed here.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

# CJK Radicals Supplement → the ideograph it is drawn as (Unicode's EquivalentUnifiedIdeograph).
_SUPPLEMENT = {
    "⺁": "厂", "⺊": "卜", "⺌": "小", "⺎": "兀", "⺐": "尢", "⺒": "巳", "⺓": "幺", "⺕": "彐",
    "⺜": "日", "⺝": "月", "⺟": "母", "⺠": "民", "⺧": "牛", "⺩": "王", "⺪": "疋", "⺬": "示",
    "⺮": "竹", "⺶": "羊", "⺷": "羊", "⺻": "聿", "⺼": "月", "⺽": "臼", "⻁": "虎", "⻄": "西",
    "⻅": "见", "⻆": "角", "⻉": "贝", "⻊": "足", "⻋": "车", "⻑": "長", "⻓": "长", "⻔": "门",
    "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻢": "马",
    "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾",
    "⻬": "齐", "⻮": "齿", "⻰": "龙", "⻳": "龟",
    "⺅": "亻", "⺉": "刂", "⺖": "忄", "⺘": "扌", "⺡": "氵", "⺣": "灬", "⺨": "犭", "⺭": "礻",
    "⺯": "糹", "⺰": "纟", "⺾": "艹", "⻂": "衤", "⻈": "讠", "⻌": "辶", "⻏": "阝", "⻐": "钅",
    "⻖": "阝", "⻟": "饣",
}

_LOOKALIKE = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5\uf900-\ufaff]")


@lru_cache(maxsize=1)
def ideograph_table() -> dict[int, str]:
    table = {ord(k): v for k, v in _SUPPLEMENT.items()}
    for code in list(range(0x2F00, 0x2FD6)) + list(range(0xF900, 0xFB00)):
        c = chr(code)
        n = unicodedata.normalize("NFKC", c)
        if n != c and len(n) == 1:
            table[code] = n
    return table


def unify_ideographs(text: str) -> str:
    """Replace radical and compatibility code points by the ideographs they print as
    (one character for one, so offsets do not move)."""
    if not _LOOKALIKE.search(text):
        return text
    return text.translate(ideograph_table())


# Format characters that extraction leaves inside words: zero-width spaces and joiners, soft
# hyphens, byte-order marks, bidirectional marks. They are invisible and split 人民 from itself.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def drop_invisible(text: str) -> str:
    """Remove invisible format characters (Unicode category Cf that a layout leaves)."""
    return _INVISIBLE.sub("", text)


# HTML character references left by a web page saved as text (``&nbsp;``, ``&ldquo;``, ``&#12288;``).
_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{2,7}|#[xX][0-9A-Fa-f]{2,6});")


def unescape_entities(text: str) -> str:
    """Resolve HTML character references; a no-op on text that has none."""
    if "&" not in text or not _ENTITY.search(text):
        return text
    return html.unescape(text)

