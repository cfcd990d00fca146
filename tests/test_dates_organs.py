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
    # a note in parentheses after the title leaves its 文种
    ("关于做好春耕工作的通知（试行）", "通知"),
    ("关于修改某某条例的决定(草案)", "决定"),
    ("某县人民政府令（第5号）", "令"),
    ("某某管理办法(试行)", None),
])
def test_doc_type(title, kind):
    assert doc_type_of(title) == kind


def test_split_title_keeps_forwarding_organ_in_title():
    issuers, title = split_title("国务院办公厅转发国家发展改革委关于做好节能工作意见的通知")
    assert issuers == ["国务院办公厅"]
    assert title == "国务院办公厅转发国家发展改革委关于做好节能工作意见的通知"


@pytest.mark.parametrize(("cover", "year", "number", "cumulative"), [
    ("二〇二四年第三期（总第十四期）", 2024, 3, 14),
    ("二〇二四年 第十二期 总第一百零五期", 2024, 12, 105),
    ("2024年第三期", 2024, 3, None),
    ("第3期（总第123期） 2024年7月", 2024, 3, 123),
    ("2024年 第 3 期 总 第 14 期", 2024, 3, 14),
    ("2024 No.3", 2024, 3, None),
])
def test_issue_numbers_in_every_form(cover, year, number, cumulative):
    from gongbao import parse_gazette

    text = (f"某县人民政府公报\n{cover}\n某县人民政府关于加强安全生产的通知\n某政发〔2024〕3号\n"
            "各乡镇人民政府：\n现将有关事项通知如下。\n某县人民政府\n2024年3月1日\n")
    g = parse_gazette(text)
    assert (g.issue.gazette, g.issue.year, g.issue.number, g.issue.cumulative_number) == (
        "某县人民政府公报", year, number, cumulative)
    assert [d.title for d in g.documents] == ["关于加强安全生产的通知"]  # the masthead is no document


@pytest.mark.parametrize(("text", "value"), [("一百零五", 105), ("一百二十三", 123), ("二百", 200), ("十四", 14),
                                             ("二〇二四", 2024), ("千", 1000)])
def test_chinese_numbers_with_hundreds(text, value):
    from gongbao.parse.dates import zh_number

    assert zh_number(text) == value



@pytest.mark.parametrize(("line", "signer"), [
    ("省长 金某某", ("省长", "金某某")),
    ("市长：张三", ("市长", "张三")),
    ("代市长 王五", ("代市长", "王五")),
    ("代理市长 李 四", ("代理市长", "李四")),
    ("代理县长\u3000赵六", ("代理县长", "赵六")),
    ("某县人民政府", None),
])
def test_a_person_signing_an_order(line, signer):
    from gongbao.parse.lines import person_signature

    assert person_signature(line) == signer


def test_an_order_signed_by_an_acting_mayor():
    from gongbao import parse_gazette

    text = ("某市人民政府令\n第 21 号\n《某市物业管理办法》已经2024年10月8日市人民政府第15次常务会议通过，现予公布，"
            "自2025年1月1日起施行。\n代理市长  李  四\n2024年10月20日\n某市物业管理办法\n第一条　为了规范物业管理活动，制定本办法。\n")
    [doc] = parse_gazette(text).documents
    assert (doc.doc_number, doc.signatories, doc.date) == ("某市人民政府令第21号", ["李四"], "2024-10-20")
