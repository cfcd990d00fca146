"""The fast word-set patterns find what a plain alternation finds."""

import random
import re

from gongbao.normalize.words import any_word


def test_any_word_finds_what_an_alternation_of_the_words_finds():
    rng = random.Random(7)
    alphabet = "废止停执行期至起有效失同时撤销。，\n"
    words = ["废止", "停止执行", "起", "执行至", "执行期", "有效期", "失效", "同时失效", "予以撤销"]
    fast = any_word(words)
    plain = re.compile("|".join(sorted(words, key=len, reverse=True)))
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text
    assert fast.search("原文件同时失效。").group(0) == "同时失效"
