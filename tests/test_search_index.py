"""The embedded search index alone: what a query matches, exactly."""

import pytest

from gongbao.store.search import INDEX_FORMAT, SearchIndex, covering_bigrams


def record(slug: str, body: str, title: str = "关于某事的通知") -> dict:
    return {"slug": slug, "issue": "i1", "title": title, "body": body, "doc_number": None, "issuers": ["某县人民政府"],
            "doc_type": "通知", "section": None, "status": "in_force", "year": 2024, "date": "2024-03-01"}


@pytest.fixture
def index(tmp_path):
    idx = SearchIndex(tmp_path / "index")
    idx.replace_issue("i1", [
        record("a", "全县上下要切实改进工作作风，提高效率。"),
        record("b", "要加强工作，作风建设也不能放松。"),         # 工作 and 作风 meet only across a comma
        record("c", "做好养老\n老服装厂的改造。"),              # 养老 | 老服 across a paragraph break
        record("d", "推进养老服务体系建设。"),
    ])
    return idx


@pytest.mark.parametrize(("query", "slugs"), [
    ("工作作风", {"a"}),
    ("养老服", {"d"}),
    ("养老服务", {"d"}),
    ("作风", {"a", "b"}),
    ("工作", {"a", "b"}),
])
def test_a_phrase_never_matches_across_punctuation_or_paragraphs(index, query, slugs):
    res = index.search(query, limit=10)
    assert {h.slug for h in res.hits} == slugs
    assert res.total == len(slugs)


def test_an_index_of_another_format_is_emptied_for_a_rebuild(tmp_path):
    path = tmp_path / "index"
    idx = SearchIndex(path)
    idx.replace_issue("i1", [record("a", "推进养老服务体系建设。")])
    idx.set_generation(5)
    assert SearchIndex(path).count() == 1 and SearchIndex(path).generation() == 5  # same format: kept
    (path / "format").write_text("1")  # as an older gongbao wrote it
    again = SearchIndex(path)
    assert again.count() == 0
    assert again.generation() == -1  # behind any database: the first use rebuilds it
    assert (path / "format").read_text() == INDEX_FORMAT


def test_a_phrase_matches_exactly_where_its_characters_stand_together(tmp_path):
    """Random texts over four characters, punctuation and line breaks; every query of one to
    seven characters finds exactly the texts that hold it, run for run (no more, no fewer)."""
    import random
    import re

    rng = random.Random(5)
    texts = {f"t{k}": "".join(rng.choice("养老服务养老服务，\n") for _ in range(rng.randrange(3, 40))) for k in range(60)}
    idx = SearchIndex(tmp_path / "index")
    idx.replace_issue("i1", [record(slug, body) for slug, body in texts.items()])
    queries = {"".join(rng.choice("养老服务") for _ in range(rng.randrange(1, 8))) for _ in range(80)}
    for q in sorted(queries):
        expected = {slug for slug, body in texts.items() if q in body}
        res = idx.search(q, limit=100)
        assert {h.slug for h in res.hits} == expected, q
        assert res.total == len(expected), q
    assert any(re.search("[养老服务]{4}", b) for b in texts.values())  # long runs were there to find


@pytest.mark.parametrize(("run", "cover"), [
    ("养老", [(0, "养老")]),
    ("养老服", [(0, "养老"), (1, "老服")]),
    ("养老服务", [(0, "养老"), (2, "服务")]),
    ("基本养老服务", [(0, "基本"), (2, "养老"), (4, "服务")]),
    ("基本养老服", [(0, "基本"), (2, "养老"), (3, "老服")]),
])
def test_covering_bigrams(run, cover):
    assert covering_bigrams(run) == cover
