"""The real sample issue (交城县人民政府公报 2024年第3期) parsed end to end.

The golden file ``tests/expected/jiaocheng-gazette-2024-03.json`` was reviewed by hand
against the source text; the explicit assertions below name the facts that matter most.
"""

import json
from pathlib import Path

import pytest

from gongbao import parse_file

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "samples" / "jiaocheng-gazette-2024-03.txt"
EXPECTED = json.loads((Path(__file__).parent / "expected" / "jiaocheng-gazette-2024-03.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def parsed():
    return parse_file(SAMPLE).to_dict()


def test_sample_matches_the_shared_corpus():
    shared = ROOT.parent / "shared" / "corpus" / "jiaocheng-gazette-2024-03.txt"
    if shared.exists():
        assert shared.read_bytes() == SAMPLE.read_bytes()


def test_issue_metadata(parsed):
    assert parsed["issue"] == {
        "gazette": "交城县人民政府公报", "year": 2024, "number": 3, "cumulative_number": 14,
        "publication_date": "2024-09-30", "publisher": "交城县人民政府办公室", "frequency": "季刊",
        "address": "山西省交城县沙河街18号", "postcode": "030500", "phone": "(0358)3523412",
        "distribution": "县委、县人大、县政协、县法院、县检察院;各乡(镇)人民政府、县政府各部门、县档案馆、图书馆、政务公开专区等",
    }


def test_all_29_documents_in_order(parsed):
    docs = parsed["documents"]
    assert len(docs) == 29
    numbers = [d["doc_number"] for d in docs]
    assert numbers[:3] == ["交政发〔2024〕10号", "交政发〔2024〕11号", "交政发〔2024〕12号"]
    assert numbers[-3:] == ["交政任字〔2024〕6号", "交政任字〔2024〕7号", "交政任字〔2024〕8号"]
    assert len(set(numbers)) == 29


@pytest.mark.parametrize("seq", range(1, 30))
def test_document_fields(parsed, seq):
    got = parsed["documents"][seq - 1]
    exp = EXPECTED["documents"][seq - 1]
    for key, value in exp.items():
        assert got[key] == value, f"document {seq}: {key}"


def test_joint_report_has_both_organs(parsed):
    d = parsed["documents"][0]
    assert d["issuers"] == ["交城县人民政府", "文水县人民政府"]
    assert d["signatories"] == ["交城县人民政府", "文水县人民政府"]
    assert d["doc_type"] == "报告" and d["date"] == "2024-07-05"


def test_repeals(parsed):
    by_number = {d["doc_number"]: d for d in parsed["documents"]}
    assert by_number["交政发〔2024〕11号"]["repeals"] == ["交政发〔2022〕16号"]
    assert by_number["交政办发〔2024〕23号"]["repeals"] == ["交政办发〔2017〕28号"]
    assert sum(len(d["repeals"]) for d in parsed["documents"]) == 2


def test_24_appointments(parsed):
    entries = [a for d in parsed["documents"] for a in d["appointments"]]
    assert len(entries) == 24
    core = [(a["person"], a["action"], a["post"], a["probation"]) for a in entries]
    assert ("李剑", "appoint", "交城县房产服务中心主任", False) in core
    assert ("王华", "remove", "交城县农业农村局局长", False) in core
    assert sum(a["probation"] for a in entries) == 4
    # OCR wrote 交城具 once; the text itself proves it is 交城县.
    assert ("双飞", "appoint", "交城县现代农业发展服务中心主任", False) in core


def test_toc_repaired_and_completed(parsed):
    toc = parsed["toc"]
    assert toc == EXPECTED["toc"]
    assert len(toc) == 29
    lost = [t for t in toc if not t["in_toc"]]
    assert [t["doc_number"] for t in lost] == ["交政办发〔2024〕26号", "交政办发〔2024〕27号"]
    assert all(t["in_body"] for t in toc)
    assert all(t["page"] for t in toc)
    # The OCR-damaged first line (天丁父城县又水县…) is repaired from the body.
    assert toc[0]["title"] == "关于交城县文水县行政区域界线联合检查情况的报告"
    # The damaged number 交政办发〔 2024 2号 is repaired to the body's 23号.
    assert toc[14]["doc_number"] == "交政办发〔2024〕23号" and toc[14]["page"] == 43
    assert any("missing from the printed 目录" in w for w in parsed["warnings"])


def test_bodies_are_clean(parsed):
    for d in parsed["documents"]:
        body = d["body"]
        assert body, d["seq"]
        assert "-74 -" not in body and "此件公开发布" not in body
        assert "交 城" not in body  # layout spaces inside Chinese text are gone
    first = parsed["documents"][0]["body"].split("\n")
    assert first[1] == "一、成立联检小组"
    assert first[-1] == "特此报告"


def test_short_numbered_lines_cut_mid_sentence_are_rejoined(parsed):
    """``2.家纺家装消费券共设置2种,消费`` is a sentence the page cut, not a heading: its clause
    break shows it. Headings such as ``(一)活动时间`` stay paragraphs of their own."""
    by_number = {d["doc_number"]: d["body"].split("\n") for d in parsed["documents"]}
    plan = by_number["交政办函〔2024〕15号"]
    assert any(p.startswith("2.家纺家装消费券共设置2种,消费券优惠面额分别为150元") for p in plan)
    assert "(一)活动时间" in plan
    assert any(p.startswith("三、包含公办园生均财政拨款标准或生均公用经费标准")
               for p in by_number["交政发〔2024〕14号"])
    assert "(一)普通殡葬专用车遗体接运费(含抬尸、消毒): 600元/具。" in by_number["交政办发〔2024〕18号"]
    assert any(p.startswith("(九)核查企业用水情况,及时提供企业用水情况清单") and p.endswith("(县水利局负责)")
               for p in by_number["交政办发〔2024〕26号"])
