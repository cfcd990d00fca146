"""The library API mirrors the CLI: typed dataclasses whose to_dict() is the JSON."""

from pathlib import Path

import pytest

from gongbao import Document, Gazette, InputError, parse_file, parse_gazette

SAMPLE = Path(__file__).parent.parent / "samples" / "jiaocheng-gazette-2024-03.txt"


def test_parse_gazette_returns_dataclasses():
    g = parse_file(SAMPLE)
    assert isinstance(g, Gazette)
    assert all(isinstance(d, Document) for d in g.documents)
    assert g.documents[0].to_dict()["doc_number"] == "交政发〔2024〕10号"


def test_parsing_is_deterministic():
    text = SAMPLE.read_text("utf-8")
    assert parse_gazette(text).to_dict() == parse_gazette(text).to_dict()


def test_no_document_raises_input_error():
    with pytest.raises(InputError) as exc:
        parse_gazette("今天天气很好。", source="weather.txt")
    assert "weather.txt" in str(exc.value)


def test_odd_input_parses_with_warnings():
    # A lone title and body with neither number nor 主送机关 nor signature.
    g = parse_gazette("关于开展安全生产大检查的通知\n为了做好安全生产工作，现通知如下。\n一、全面排查隐患。")
    assert len(g.documents) == 1
    d = g.documents[0]
    assert d.title == "关于开展安全生产大检查的通知"
    assert d.doc_type == "通知"
    assert "no 成文日期 found" in d.warnings


def test_crlf_and_bom_are_handled():
    text = "\ufeff" + SAMPLE.read_text("utf-8").replace("\n", "\r\n")
    assert len(parse_gazette(text).documents) == 29


def test_a_document_the_rules_miss_is_reported_not_lost():
    """Front matter that ends like a document (signature date after sentences) is flagged."""
    from gongbao import parse_gazette

    text = ("某县人民政府办公室\n关于做好某项工作的通知\n某政办发[2024 7]号\n各乡镇：\n请做好有关工作。\n"
            "某县人民政府办公室\n2024年3月5日\n"
            "某县人民政府\n关于调整某县防汛抗旱指挥部成员的通知\n某政发〔2024〕3号\n各乡镇人民政府：\n现将名单通知如下。\n"
            "某县人民政府\n2024年4月2日\n")
    g = parse_gazette(text)
    assert [d.doc_number for d in g.documents] == ["某政发〔2024〕3号"]
    assert any("not recognised (lines 1–7)" in w for w in g.warnings)
