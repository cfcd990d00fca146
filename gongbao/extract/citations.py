"""Which documents a text cites, and which of them it repeals.

Citations are 发文字号 (and 令号) found anywhere in the text, normalised. A repeal is a
citation in a clause that declares it 废止 / 停止执行 / 自行失效 / 不再执行, or a citation in
a list introduced by such a clause (``下列文件同时废止:``).
"""

from __future__ import annotations

import re

from ..normalize.fold import fold
from ..parse.docnumber import find_doc_numbers

REPEAL_WORDS = re.compile(r"废止|停止执行|自行失效|同时失效|不再执行|予以撤销|宣布失效")
_SENTENCE = re.compile(r"[^。\n]+[。\n]?")
_CLAUSE = re.compile(r"[^,;，；]+[,;，；]?")


def find_cites(text: str, exclude: str | None = None, folded: str | None = None) -> list[str]:
    """Normalised numbers of the documents ``text`` cites, in order of first appearance."""
    seen: dict[str, None] = {}
    for d in find_doc_numbers(text, folded):
        n = d.normalized
        if n != exclude:
            seen.setdefault(n, None)
    return list(seen)


def find_repeals(text: str, exclude: str | None = None, folded: str | None = None) -> list[str]:
    """Normalised numbers of the documents ``text`` declares repealed or no longer in force."""
    f = fold(text) if folded is None else folded
    if not REPEAL_WORDS.search(f):
        return []
    out: dict[str, None] = {}

    def add(a: int, b: int) -> None:
        for d in find_doc_numbers(text[a:b], f[a:b]):
            if d.normalized != exclude:
                out.setdefault(d.normalized, None)

    list_mode = False
    pos = 0
    for para in f.split("\n"):
        base = pos
        pos += len(para) + 1
        if list_mode and not re.match(r"^(?:\d{1,3}[.、]|[(]\d{1,3}[)]|《)", para):
            list_mode = False
        for sm in _SENTENCE.finditer(para):
            s0 = base + sm.start()
            sentence = sm.group(0)
            if list_mode:
                add(s0, s0 + len(sentence))
                continue
            if not REPEAL_WORDS.search(sentence):
                continue
            clauses = [(s0 + c.start(), c.group(0)) for c in _CLAUSE.finditer(sentence)]
            for idx, (c0, clause) in enumerate(clauses):
                if not REPEAL_WORDS.search(clause):
                    continue
                if clause.rstrip().endswith(":"):
                    # ``下列文件同时废止:`` — the list follows.
                    for r0, rest in clauses[idx + 1:]:
                        add(r0, r0 + len(rest))
                    list_mode = True
                    continue
                if find_doc_numbers(clause):
                    add(c0, c0 + len(clause))
                elif idx > 0 and re.match(r"^\s*(?:废止|停止执行|自行失效|同时废止|不再执行)", clause):
                    # ``《…》(X〔2020〕1号),同时废止`` : the number sits in the clause before.
                    p0, prev = clauses[idx - 1]
                    add(p0, p0 + len(prev))
        if para.rstrip().endswith(":") and REPEAL_WORDS.search(para):
            list_mode = True
    return list(out)
