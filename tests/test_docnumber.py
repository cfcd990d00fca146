"""The 发文字号 grammar: every bracket form normalises to 机关代字〔YYYY〕N号."""

import pytest

from gongbao.parse.docnumber import doc_number_line, find_doc_numbers, normalize_doc_number, order_number_line


@pytest.mark.parametrize(("text", "expected"), [
    ("交政发〔2024〕10号", "交政发〔2024〕10号"),
    ("交政发 [2024] 10 号", "交政发〔2024〕10号"),
    ("交政函(2024)23号", "交政函〔2024〕23号"),
    ("晋政办发（2024）5号", "晋政办发〔2024〕5号"),
    ("国办发【2024】7号", "国办发〔2024〕7号"),
    ("长政办函（２０２４）第5号", "长政办函〔2024〕5号"),
    ("国发〔2024〕05号", "国发〔2024〕5号"),
    ("长政函 〔2024〕〕 18 号", "长政函〔2024〕18号"),
    ("长政办函〔〔2023〕1号", "长政办函〔2023〕1号"),
    ("交政办发〔2024〕28号〕", "交政办发〔2024〕28号"),
    ("（交政办 发〔2024〕24号）", "交政办发〔2024〕24号"),
    ("(交政发 (2022) 16 号)自行失效", "交政发〔2022〕16号"),
    ("根据晋政发〔2024〕3号精神", "晋政发〔2024〕3号"),
    ("同政函〔2024〕37号", "同政函〔2024〕37号"),
    ("晉政發〔2024〕3號", "晉政發〔2024〕3号"),
    ("（国务院令第777号）", "国务院令第777号"),
    ("省政府令第 150 号", "省政府令第150号"),
])
def test_normalize(text, expected):
    assert normalize_doc_number(text) == expected


@pytest.mark.parametrize("text", [
    "以上事实有编号为〔2024〕第 0395 号的《消防监督检查记录》",  # a record number, not a document
    "关于2023-010号等三宗地",
    "2024年第3期",
    "执行命令第3号",
    "见附件l号",  # a letter before 号 with no bracketed year is not a number
    "型号ISO 9001号",
])
def test_not_a_doc_number(text):
    assert find_doc_numbers(text) == []


def test_number_split_over_lines_after_join():
    assert [d.normalized for d in find_doc_numbers("(交政办发(2015)9号)和《通知》(交财审〔2020〕2号)")] == [
        "交政办发〔2015〕9号", "交财审〔2020〕2号"]


@pytest.mark.parametrize(("line", "ok"), [
    ("交政发 [2024] 10 号", True),
    ("（2024年3月5日　国发〔2024〕5号）", True),
    ("为贯彻落实晋政发〔2024〕3号精神", False),
    ("关于…的通知(交政发〔2024〕14号)16", False),
    ("河东省财政厅文件            河财预〔2025〕21号", True),  # a red header beside its number
    ("河东省财政厅文件河财预〔2025〕21号", True),  # the same, the layout gap lost
    ("根据河东省财政厅文件河财预〔2025〕21号", False),
])
def test_doc_number_line(line, ok):
    assert (doc_number_line(line) is not None) is ok
    if ok and "文件" in line:
        assert doc_number_line(line).normalized == "河财预〔2025〕21号"


def test_order_number_line():
    assert order_number_line("第 305 号") == (305, None, None)
    assert order_number_line("（第30号）") == (30, None, None)
    assert order_number_line("2024年第1号") == (1, 2024, None)
    # A standing committee's 公告, numbered anew each term.
    assert order_number_line("〔十七届〕第12号") == (12, None, "十七")
    assert order_number_line("（十四届）第 5 号") == (5, None, "十四")
    assert order_number_line("〔届〕第5号") is None
    assert order_number_line("第三条") is None
    assert order_number_line("2024年3月1日") is None


@pytest.mark.parametrize(("number", "slug"), [
    ("交政发〔2024〕10号", "交政发-2024-10"),
    ("山西省人民政府令第305号", "山西省人民政府令-305"),
    ("国家税务总局公告2024年第1号", "国家税务总局公告-2024-1"),
    # Each term's 公告 are numbered anew: the term stays in the address.
    ("某市人民代表大会常务委员会公告〔十七届〕第12号", "某市人民代表大会常务委员会公告-十七届-12"),
])
def test_a_documents_address_comes_from_its_number(number, slug):
    from gongbao.models import Document
    from gongbao.store.identifiers import document_base

    assert document_base(Document(seq=1, title="某某", doc_number=number), "某刊-2024-1") == slug
