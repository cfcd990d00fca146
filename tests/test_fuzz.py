"""Damaged input never crashes the parser: it parses what it can, or says there is no document.

Seeded random damage to real texts (lines dropped, duplicated, swapped, cut, glued; noise and
control characters inserted) — the kinds of harm OCR and extraction do.
"""

import random
from pathlib import Path

import pytest

from gongbao import InputError, parse_gazette

ROOT = Path(__file__).parent.parent
TEXTS = [ROOT / "samples" / "jiaocheng-gazette-2024-03.txt", *sorted((ROOT / "tests" / "fixtures").glob("*.txt"))]
NOISE = ["〔", "〕", "（", "）", "号", "：", "关于", "的通知", "第", "2024年", "\x0c", "\t", "　", "—", "-", "·", "《", "》",
         "(此件公开发布)", "附件:", "目录", "令", "1.", "(一)", "\ufffd"]


def damage(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 30)):
        op = rng.randrange(6)
        if not lines:
            break
        i = rng.randrange(len(lines))
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op == 2 and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == 3 and lines[i]:
            cut = rng.randrange(len(lines[i]))
            lines[i:i + 1] = [lines[i][:cut], lines[i][cut:]]
        elif op == 4 and i + 1 < len(lines):
            lines[i:i + 2] = [lines[i] + " " + lines[i + 1]]
        else:
            s = lines[i]
            pos = rng.randrange(len(s) + 1)
            lines[i] = s[:pos] + rng.choice(NOISE) + s[pos:]
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(40))
def test_damaged_text_never_crashes(seed):
    rng = random.Random(seed)
    path = TEXTS[seed % len(TEXTS)]
    text = damage(path.read_text("utf-8"), rng)
    try:
        g = parse_gazette(text, source=path.name)
    except InputError:
        return
    data = g.to_dict()
    assert all(d["title"] for d in data["documents"])
    assert [d["seq"] for d in data["documents"]] == list(range(1, len(data["documents"]) + 1))
