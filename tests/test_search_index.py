"""The embedded search index alone: what a query matches, exactly."""

import pytest

from gongbao.store.search import INDEX_FORMAT, SearchIndex, covering_bigrams, covering_grams


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
    ten characters (a character, a bigram, a trigram, phrases of trigrams that overlap or
    not) finds exactly the texts that hold it, run for run (no more, no fewer)."""
    import random
    import re

    rng = random.Random(5)
    texts = {f"t{k}": "".join(rng.choice("养老服务养老服务，\n") for _ in range(rng.randrange(3, 40))) for k in range(60)}
    idx = SearchIndex(tmp_path / "index")
    idx.replace_issue("i1", [record(slug, body) for slug, body in texts.items()])
    queries = {"".join(rng.choice("养老服务") for _ in range(rng.randrange(1, 11))) for _ in range(80)}
    runs = [run for body in texts.values() for run in re.findall("[养老服务]+", body)]
    for run in sorted(runs, key=len)[-30:]:  # and pieces of the texts' longest runs: found
        start = rng.randrange(len(run) // 2)
        queries.add(run[start:start + rng.randrange(1, 11)])
    for q in sorted(queries):
        expected = {slug for slug, body in texts.items() if q in body}
        res = idx.search(q, limit=100)
        assert {h.slug for h in res.hits} == expected, q
        assert res.total == len(expected), q
    assert any(re.search("[养老服务]{4}", b) for b in texts.values())  # long runs were there to find
    assert {len(q) for q in queries if any(q in b for b in texts.values())} >= set(range(1, 9))


@pytest.mark.parametrize(("run", "cover"), [
    ("养老", [(0, "养老")]),
    ("养老服", [(0, "养老"), (1, "老服")]),
    ("养老服务", [(0, "养老"), (2, "服务")]),
    ("基本养老服务", [(0, "基本"), (2, "养老"), (4, "服务")]),
    ("基本养老服", [(0, "基本"), (2, "养老"), (3, "老服")]),
])
def test_covering_bigrams(run, cover):
    assert covering_bigrams(run) == cover


@pytest.mark.parametrize(("run", "cover"), [
    ("养老服", [(0, "养老服")]),
    ("养老服务", [(0, "养老服"), (1, "老服务")]),
    ("基本养老服务", [(0, "基本养"), (3, "老服务")]),
    ("城乡居民基本医疗保险", [(0, "城乡居"), (3, "民基本"), (6, "医疗保"), (7, "疗保险")]),
])
def test_covering_trigrams(run, cover):
    assert covering_grams(run, 3) == cover


def test_title_hits_come_first_and_pages_cross_the_tiers_without_loss(tmp_path):
    """Every document whose title holds the words ranks above every one whose body alone
    does, however often the body says them and however common the words are in titles;
    paging through both tiers, one hit a page, gives each matching document exactly once."""
    idx = SearchIndex(tmp_path / "index")
    records = [record(f"title{k}", "请认真贯彻执行。" + "殡葬" * (k == 1), title=f"关于推进殡葬改革的通知{k}") for k in range(5)]
    # A long title that says the word once, over a body that does not: still a title hit.
    records.append(record("long", "请认真贯彻执行。", title="关于进一步加强和改进全县农村地区公益性公墓规划建设管理和"
                                                      "推进移风易俗工作助力乡村振兴殡葬事业高质量发展的实施意见"))
    records += [record(f"body{k}", "殡葬" * (k + 5), title="关于做好春季防火工作的通知") for k in range(2)]
    records.append(record("none", "与此无关。", title="关于殡仪馆建设的通知"))
    idx.replace_issue("i1", records)
    res = idx.search("殡葬", limit=20)
    slugs = [h.slug for h in res.hits]
    assert res.total == 8
    assert set(slugs[:6]) == {"long", *(f"title{k}" for k in range(5))} and set(slugs[6:]) == {"body0", "body1"}
    assert slugs[0] == "title1"  # among title hits, the one whose body speaks of the words too
    paged = []
    for offset in range(res.total + 1):
        paged += [h.slug for h in idx.search("殡葬", limit=1, offset=offset).hits]
    assert paged == slugs
    assert [h.slug for h in idx.search("殡葬", limit=3, offset=5).hits] == slugs[5:8]  # a page across the tiers
    # Filters apply to both tiers.
    assert idx.search("殡葬", {"doc_type": "通知"}).total == 8
    assert idx.search("殡葬", {"doc_type": "决定"}).total == 0


def test_a_sharded_index_finds_counts_and_pages_as_one_does(tmp_path):
    """The same documents in one shard and spread over every shard: the same totals, facets,
    hits, and title hits first; pages of seven give each hit once."""
    import random

    rng = random.Random(3)
    words = ["养老服务", "殡葬", "消防", "乡村振兴", "财政", "工作", "通知", "建设", "安全", "县"]
    records = []
    for k in range(300):
        title = "关于" + "".join(rng.sample(words, 2)) + "的通知"
        body = "。".join("".join(rng.sample(words, 3)) for _ in range(rng.randrange(1, 6))) + "。"
        r = record(f"d{k}", body, title=title)
        r.update(issue=f"i{k % 17}", issuers=[rng.choice(["甲县人民政府", "乙县人民政府", "丙市财政局"])],
                 doc_type=rng.choice(["通知", "决定", "批复"]), year=rng.choice([2022, 2023, 2024]))
        records.append(r)
    one = SearchIndex(tmp_path / "one", one_shard_below=10**9)
    spread = SearchIndex(tmp_path / "spread", one_shard_below=0, shards=2)
    for idx in (one, spread):
        for key in sorted({r["issue"] for r in records}):
            idx.replace_issue(key, [r for r in records if r["issue"] == key])
    assert all(shard.searcher().num_docs > 50 for shard in spread.shards) and len(spread.shards) == 2
    assert one.count() == spread.count() == 300
    for q, filters in [("养老服务", {}), ("县", {}), ("殡葬 消防", {}), ("财政", {"year": "2023"}),
                       ("工作", {"issuer": "丙市财政局"}), ("通知", {}), ("没有的词", {})]:
        a, b = one.search(q, filters, limit=400), spread.search(q, filters, limit=400)
        assert a.total == b.total and a.facets == b.facets, q
        assert [(h.slug, h.tier) for h in sorted(a.hits, key=lambda h: h.slug)] == \
               [(h.slug, h.tier) for h in sorted(b.hits, key=lambda h: h.slug)], q
        assert [h.tier for h in b.hits] == sorted(h.tier for h in b.hits), q  # title hits first
        paged = [h.slug for offset in range(0, b.total + 7, 7) for h in spread.search(q, filters, 7, offset).hits]
        assert paged == [h.slug for h in b.hits], q


def test_every_issuer_of_a_joint_document_is_counted_and_found(tmp_path):
    """Issuers are counted from columns of one value each (the first three) and one of many
    (the rest): a joint document of five organs counts once under each, is found by each,
    and an issuer named twice counts once."""
    organs = ["甲省财政厅", "甲省民政厅", "甲省卫生健康委员会", "甲省人力资源和社会保障厅", "甲省医疗保障局"]
    records = [record("joint", "推进养老服务体系建设。"), record("pair", "推进养老服务体系建设。"),
               record("alone", "推进养老服务体系建设。"), record("twice", "推进养老服务体系建设。")]
    records[0]["issuers"] = organs
    records[1]["issuers"] = organs[3:]
    records[2]["issuers"] = organs[4:]
    records[3]["issuers"] = [organs[0], organs[0]]
    for idx in (SearchIndex(tmp_path / "one"), SearchIndex(tmp_path / "spread", one_shard_below=0, shards=2)):
        idx.replace_issue("i1", records)
        res = idx.search("养老服务")
        assert res.total == 4
        assert dict(res.facets["issuer"]) == {organs[0]: 2, organs[1]: 1, organs[2]: 1, organs[3]: 2, organs[4]: 3}
        for organ, slugs in [(organs[4], {"joint", "pair", "alone"}), (organs[3], {"joint", "pair"}),
                             (organs[0], {"joint", "twice"}), (organs[2], {"joint"})]:
            found = idx.search("养老服务", {"issuer": organ})
            assert {h.slug for h in found.hits} == slugs and found.total == len(slugs), organ


def test_facets_are_the_same_when_there_are_too_many_combinations_to_list(tmp_path, monkeypatch):
    """文种, year, 栏目 and 时效性 are counted from one column of their combinations; a shard
    with more combinations than it lists counts each column instead, to the same figures."""
    import gongbao.store.search as search

    records = []
    for k in range(40):
        r = record(f"d{k}", "推进养老服务体系建设。")
        r.update(doc_type=["通知", "决定", "批复", "意见"][k % 4], year=2020 + k % 5,
                 section=["政府文件", "部门文件", None][k % 3], status=["in_force", "repealed"][k % 2])
        records.append(r)
    idx = SearchIndex(tmp_path / "index")
    idx.replace_issue("i1", records)
    listed = idx.search("养老服务")
    assert dict(listed.facets["doc_type"]) == {"通知": 10, "决定": 10, "批复": 10, "意见": 10}
    assert dict(listed.facets["year"]) == {str(y): 8 for y in range(2020, 2025)}
    assert dict(listed.facets["section"]) == {"政府文件": 14, "部门文件": 13, "（无栏目）": 13}
    assert dict(listed.facets["status"]) == {"in_force": 20, "repealed": 20}
    monkeypatch.setattr(search, "_COMBOS", 3)
    idx._cache.clear()
    counted = idx.search("养老服务")
    assert counted.total == listed.total == 40 and counted.facets == listed.facets


def test_title_hits_of_a_single_character_come_newest_first(tmp_path):
    """One character is too little to weigh: the documents whose title holds it come newest
    first, in a single index or spread over shards; the documents whose body alone holds it
    follow, ranked."""
    records = []
    for k, date in enumerate(["2021-05-01", "2024-02-01", "2019-01-01", "2023-07-15", "2024-02-02"]):
        r = record(f"t{k}", "请认真贯彻执行。", title=f"关于县域{'商业' * k}体系建设的通知")
        r.update(date=date, year=int(date[:4]))
        records.append(r)
    records += [record(f"b{k}", "全县" * (k + 1) + "。", title="关于春季防火的通知") for k in range(2)]
    for idx in (SearchIndex(tmp_path / "one"), SearchIndex(tmp_path / "spread", one_shard_below=0, shards=2)):
        idx.replace_issue("i1", records)
        res = idx.search("县", limit=10)
        assert [h.slug for h in res.hits] == ["t4", "t1", "t3", "t0", "t2", "b1", "b0"]
        assert [h.tier for h in res.hits] == [0] * 5 + [1] * 2
        assert [h.slug for h in idx.search("县", limit=2, offset=4).hits] == ["t2", "b1"]


def test_totals_kept_for_paging_are_dropped_when_the_index_changes(tmp_path):
    """A query's total and facets are kept so that paging does not recount; a change to the
    index (by this process, without a new database generation) counts them again."""
    idx = SearchIndex(tmp_path / "index")
    assert idx.search("养老服务").total == 0
    idx.replace_issue("i1", [record("a", "推进养老服务体系建设。")])
    res = idx.search("养老服务")
    assert res.total == 1 and [h.slug for h in res.hits] == ["a"] and dict(res.facets["doc_type"]) == {"通知": 1}
    idx.replace_issue("i1", [])
    assert idx.search("养老服务").total == 0


def test_the_number_of_shards_is_a_setting_and_a_change_empties_the_index(tmp_path, monkeypatch):
    """Two shards, or GONGBAO_SEARCH_SHARDS; an index split otherwise (or written before the
    setting, in two) starts empty, to be rebuilt."""
    from gongbao.errors import GongbaoError
    from gongbao.store.config import search_shards

    monkeypatch.delenv("GONGBAO_SEARCH_SHARDS", raising=False)
    monkeypatch.delenv("GONGBAO_DATABASE_URL", raising=False)
    assert search_shards() == 2
    monkeypatch.setenv("GONGBAO_SEARCH_SHARDS", "1")
    assert search_shards() == 1
    monkeypatch.setenv("GONGBAO_SEARCH_SHARDS", "3")
    assert search_shards() == 3
    for bad in ("0", "nine", "12"):
        monkeypatch.setenv("GONGBAO_SEARCH_SHARDS", bad)
        with pytest.raises(GongbaoError, match="GONGBAO_SEARCH_SHARDS"):
            search_shards()

    idx = SearchIndex(tmp_path / "idx", shards=2)
    idx.replace_issue("i1", [record("a", "推进养老服务体系建设。")])
    assert SearchIndex(tmp_path / "idx", shards=2).count() == 1  # reopened as it was
    (tmp_path / "idx" / "shards").unlink()  # as written before the setting: two shards
    assert SearchIndex(tmp_path / "idx", shards=2).count() == 1
    one = SearchIndex(tmp_path / "idx", shards=1)
    assert one.count() == 0 and len(one.shards) == 1
    assert not (tmp_path / "idx" / "shard-1").exists()
