"""Dates in Arabic and Chinese numerals; organ names by their grammar."""

import pytest

from gongbao.parse.dates import parse_date, zh_number
from gongbao.parse.organs import is_organ, split_organs
from gongbao.parse.titles import doc_type_of, split_title


@pytest.mark.parametrize(("text", "iso"), [
    ("2024年7月5日", "2024-07-05"),
    ("2024 年 9 月 12 日", "2024-09-12"),
    ("二〇二四年七月五日", "2024-07-05"),
    ("二○二四年十二月三十一日", "2024-12-31"),
    ("二〇二四年十月二十日", "2024-10-20"),
    ("2024年2月30日", None),
    ("没有日期", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_zh_number():
    assert [zh_number(s) for s in ("十", "十二", "二十", "三十一", "二〇二四")] == [10, 12, 20, 31, 2024]


@pytest.mark.parametrize(("text", "names"), [
    ("交城县人民政府 文水县人民政府", ["交城县人民政府", "文水县人民政府"]),
    ("中共山西省委办公厅山西省人民政府办公厅", ["中共山西省委办公厅", "山西省人民政府办公厅"]),
    ("中共中央办公厅国务院办公厅", ["中共中央办公厅", "国务院办公厅"]),
    ("山西省人民政府国有资产监督管理委员会", ["山西省人民政府国有资产监督管理委员会"]),
    ("山西省发展和改革委员会山西省财政厅", ["山西省发展和改革委员会", "山西省财政厅"]),
])
def test_split_organs(text, names):
    assert split_organs(text) == names


@pytest.mark.parametrize(("token", "ok"), [
    ("县自然资源局", True), ("国务院", True), ("交城经济开发区管理委员会", True),
    ("进行", False), ("社会", False), ("城乡", False), ("局", False), ("办公厅", False),
])
def test_is_organ(token, ok):
    assert is_organ(token) is ok


@pytest.mark.parametrize(("title", "kind"), [
    ("关于调整乡镇行政执法事项目录的通知", "通知"),
    ("关于交城县文水县行政区域界线联合检查情况的报告", "报告"),
    ("关于同意设立某某园区的批复", "批复"),
    ("关于商请支持的函", "函"),
    ("关于进一步加强燃气安全管理的紧急通知", "通知"),
    ("山西省人民政府令", "令"),
    ("某某人民代表大会常务委员会公告", "公告"),
    ("山西省政府规章制定程序规定", None),
])
def test_doc_type(title, kind):
    assert doc_type_of(title) == kind


def test_split_title_keeps_forwarding_organ_in_title():
    issuers, title = split_title("国务院办公厅转发国家发展改革委关于做好节能工作意见的通知")
    assert issuers == ["国务院办公厅"]
    assert title == "国务院办公厅转发国家发展改革委关于做好节能工作意见的通知"
