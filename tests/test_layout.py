"""Layout repair stages, each on its own."""

import pytest

from gongbao.normalize.fold import fold
from gongbao.normalize.layout import prepare, repair_ocr, tighten, unglue
from gongbao.normalize.paragraphs import join_paragraphs


def test_fold_keeps_length_and_maps_forms():
    s = "關於印發（２０２４）：通知號"
    assert len(fold(s)) == len(s)
    assert fold(s) == "关于印发(2024):通知号"


def test_tighten_removes_layout_spaces_only():
    assert tighten("交城县 2024 年 财政 衔接") == "交城县2024年财政衔接"
    assert tighten("附件: 1. 清单") == "附件:1.清单"
    assert tighten("5G 网络 and Wi-Fi 6") == "5G网络and Wi-Fi 6"
    assert tighten("2269. 069589万元") == "2269.069589万元"


def test_prepare_drops_markers_and_footers_and_records_pages():
    prep = prepare("- 第一行\n\n-74 -\n> 第二行\n— 75 —\n·76·\n正文")
    assert prep.lines == ["第一行", "第二行", "正文"]
    assert prep.footers == [(1, 74), (2, 75), (2, 76)]


def test_unglue_signature_and_note():
    line = "3. 某某清单(见网络版) 某某县人民政府 2024年8月19日 (此件公开发布) 某某县人民政府 关于…的通知"
    assert unglue(line) == ["3. 某某清单(见网络版)", "某某县人民政府 2024年8月19日", "(此件公开发布)",
                            "某某县人民政府 关于…的通知"]


def test_unglue_leaves_sentences_with_dates_alone():
    line = "从即日起至 2024 年 12 月 31 日"
    assert unglue(line) == [line]


@pytest.mark.parametrize(("line", "parts"), [
    ("四、应急预案修订、审批、发布、备案 (一)应急预案编制修订", ["四、应急预案修订、审批、发布、备案", "(一)应急预案编制修订"]),
    ("（二）工作措施 1.加强组织领导", ["（二）工作措施", "1.加强组织领导"]),
    # A heading's own text after a space, a sub-item that is not the first, a sentence: one line.
    ("一、总体要求 为深入贯彻落实", ["一、总体要求 为深入贯彻落实"]),
    ("(一)活动时间 2024年9月1日", ["(一)活动时间 2024年9月1日"]),
    ("三、强化保障，做好宣传 (二)加强督查", ["三、强化保障，做好宣传 (二)加强督查"]),
])
def test_unglue_a_heading_from_its_first_sub_heading(line, parts):
    assert unglue(line) == parts


def test_repair_ocr_only_with_evidence():
    text = "平遥县 平遥县 平遥县 平遥具财政局"
    assert repair_ocr(text).endswith("平遥县财政局")
    assert repair_ocr("工具 具体") == "工具 具体"


def test_join_paragraphs():
    tr = ["一、总体要求", "为了做好工作,现将", "有关事项通知如下:", "(一)加强领导。各单位", "要落实责任。"]
    assert join_paragraphs(tr, [fold(t) for t in tr]) == [
        "一、总体要求", "为了做好工作,现将有关事项通知如下:", "(一)加强领导。各单位要落实责任。"]


@pytest.mark.parametrize(("lines", "paragraphs"), [
    # Headings stay apart from their text.
    (["（一）活动时间", "2024年9月1日—10月15日"], ["（一）活动时间", "2024年9月1日—10月15日"]),
    # A clause break, a hanging word or an inner colon: a sentence the page cut.
    (["2.消费券共设置2种，消费", "券面额为150元。"], ["2.消费券共设置2种，消费券面额为150元。"]),
    (["三、包含生均财政拨款标准或", "生均公用经费标准的文件。"], ["三、包含生均财政拨款标准或生均公用经费标准的文件。"]),
    (["30.数据资产登记：对数据资产进行", "注册和登记。"], ["30.数据资产登记：对数据资产进行注册和登记。"]),
    # A heading's own aside under it.
    (["（一）遗体接运费", "（含抬尸、消毒）：600元/具。"], ["（一）遗体接运费（含抬尸、消毒）：600元/具。"]),
    (["（一）遗体接运费", "（二）火化费"], ["（一）遗体接运费", "（二）火化费"]),
])
def test_headings_and_cut_sentences(lines, paragraphs):
    tight = [tighten(x) for x in lines]
    assert join_paragraphs(tight, [fold(x) for x in tight]) == paragraphs


def test_toc_heads():
    from gongbao.parse.toc import is_toc_head

    assert all(is_toc_head(h) for h in ("目录", "本期目录", "目次", "目錄", "本期要目", "本期导读", "CONTENTS",
                                        "目录 CONTENTS"))
    assert not any(is_toc_head(h) for h in ("目录摘要", "调整目录", "附件目录", "政策导读材料"))


def test_issue_number_printed_apart_from_the_year():
    from gongbao import parse_gazette

    text = ("大同市人民政府公报\n第十二期\n总第288期\n2024年12月20日出版\n"
            "大同市人民政府关于公布市级文物保护单位的通知\n同政发〔2024〕60号\n各县（区）人民政府：\n"
            "现公布第五批市级文物保护单位名单。\n大同市人民政府\n2024年12月10日\n")
    issue = parse_gazette(text).issue
    assert (issue.gazette, issue.year, issue.number, issue.cumulative_number, issue.publication_date) == (
        "大同市人民政府公报", 2024, 12, 288, "2024-12-20")


def test_running_heads_with_page_numbers_are_page_anchors():
    text = ("甲\n·2·                江南省人民政府公报 2024年第12期\n乙\n"
            "江南省人民政府公报 2024年第12期                ·5·\n丙\n— 7 —\n丁\n"
            "关于第2期培训班的工作安排和有关事项的说明 ·3·\n")
    prep = prepare(text)
    # A running head opens its page (lines after it are on page N: anchor N-1, as a footer of
    # page N-1 would be); a plain footer closes its page. A sentence is never a running head.
    assert prep.lines == ["甲", "乙", "丙", "丁", "关于第2期培训班的工作安排和有关事项的说明 ·3·"]
    assert prep.footers == [(1, 1), (2, 4), (3, 7)]


def test_repair_ocr_reads_a_number_of_letters_alone_after_a_bracketed_year():
    assert repair_ocr("某政发〔2024〕l号") == "某政发〔2024〕1号"
    assert repair_ocr("某政办函(2024)lO号、某政发[2023] Il 号") == "某政办函(2024)10号、某政发[2023] 11 号"
    assert repair_ocr("某政发〔2O24〕l号") == "某政发〔2024〕1号"  # the year repaired first, then the number
    # No bracketed year before it, or after 第 alone (a Roman numeral may stand there): left alone.
    assert repair_ocr("见附件(I)号表") == "见附件(I)号表"
    assert repair_ocr("第II号令") == "第II号令"
    assert repair_ocr("〔甲〕l号") == "〔甲〕l号"


def test_a_number_or_date_broken_over_two_lines_is_one_line_again():
    assert prepare("某政发〔2024〕\n15号\n").lines == ["某政发〔2024〕15号"]
    assert prepare("某政办发\n〔2024〕7号\n").lines == ["某政办发〔2024〕7号"]
    assert prepare("某县人民政府\n2024年3月\n5日\n").lines == ["某县人民政府", "2024年3月5日"]
    assert prepare("某县人民政府  二〇二四年三月\n八日").lines == ["某县人民政府 二〇二四年三月八日"]
    assert prepare("某县人民政府办公\n室\n某市人民政\n府").lines == ["某县人民政府办公室", "某市人民政府"]
    assert prepare("召开全体会议\n会\n一、总则\n室").lines == ["召开全体会议", "会", "一、总则", "室"]
    # A title's last line, a red header, a sentence: the line under them stays a line of its own.
    for head in ("的通知", "实施方案", "某县人民政府文件", "关于印发"):
        assert prepare(f"{head}\n〔2024〕7号").lines == [head, "〔2024〕7号"]
    assert prepare("自2024年3月\n5日起施行").lines == ["自2024年3月", "5日起施行"]
    assert prepare("共计2024年\n15号").lines == ["共计2024年", "15号"]
    # Indentation, read before the join, still marks the right lines.
    assert sorted(prepare("某政发〔2024〕\n15号\n" + _LAID_OUT).starts) == [2, 4, 6, 8]


def test_repair_ocr_day_misread_only_in_dates():
    assert repair_ocr("2024年3月5曰\n子曰：学而时习之") == "2024年3月5日\n子曰：学而时习之"
    assert repair_ocr("二〇二四年三月五曰") == "二〇二四年三月五日"


def test_repair_ocr_title_words_only_where_a_title_stands():
    assert repair_ocr("某县人民政府关子做好防汛工作的通和\n") == "某县人民政府关于做好防汛工作的通知\n"
    assert repair_ocr("某市人民政府关于调整机构的决走") == "某市人民政府关于调整机构的决定"
    # Inside a sentence, or a 关子 with no organ before it: left alone.
    assert repair_ocr("各方的通和合作。关子岭景区的门票") == "各方的通和合作。关子岭景区的门票"
    # 于 read as 干 or 千 too; 有关干部 and 机关干部 are words of their own.
    assert repair_ocr("某县人民政府关干做好春耕工作的通知") == "某县人民政府关于做好春耕工作的通知"
    assert repair_ocr("某市财政局关千调整补助标准的通知") == "某市财政局关于调整补助标准的通知"
    assert repair_ocr("组织有关干部和机关干部的培训") == "组织有关干部和机关干部的培训"


def test_a_title_damaged_beyond_repair_still_heads_its_document():
    """Odd but readable: a number under a title whose 文种 the scan lost is still a document,
    parsed with a warning, never refused."""
    from gongbao import parse_gazette

    damaged = "某县人民政府关于做好防汛工作的■■\n某政发〔2024〕5号\n各乡镇人民政府，县直各单位：\n现就做好防汛工作通知如下。\n某县人民政府\n2024年6月1日\n"
    before = "某县人民政府关于做好春耕工作的通知\n某政发〔2024〕4号\n各乡镇人民政府：\n现就做好春耕工作通知如下。\n某县人民政府\n2024年3月1日\n"
    for text, n in ((damaged, 1), (before + damaged, 2)):  # alone, and after another document
        docs = parse_gazette(text).documents
        assert len(docs) == n
        doc = docs[-1]
        assert (doc.doc_number, doc.recipients, doc.date) == ("某政发〔2024〕5号", "各乡镇人民政府，县直各单位", "2024-06-01")
        assert doc.title == "关于做好防汛工作的■■" and doc.issuers == ["某县人民政府"]
        assert doc.body == "现就做好防汛工作通知如下。"
        assert doc.warnings == ["文种 not recognised from the title"]


@pytest.mark.parametrize("footer", ["— 3 —", "- 3 -", "·3·", "第 3 页 共 12 页", "3/12", "– 3 –", "3", "Page 3", "－3－"])
def test_page_footers_in_every_form_leave_the_text_and_give_the_page(footer):
    from gongbao import parse_gazette

    text = (f"某县人民政府关于加强安全生产的通知\n某政发〔2024〕3号\n各乡镇人民政府：\n现将有关事项通知\n{footer}\n"
            "如下，请认真执行。\n某县人民政府\n2024年3月1日\n")
    doc = parse_gazette(text).documents[0]
    assert doc.body == "现将有关事项通知如下，请认真执行。"
    assert doc.page == 3  # the text above the footer is on page 3


def test_bare_numbers_in_runs_are_rows_not_pages():
    lines = ["序号", "文号", "1", "某政发〔2015〕8号", "2", "某政发〔2016〕21号", "正文一段。", "12", "正文续。"]
    prep = prepare("\n".join(lines))
    assert prep.lines == [x for x in lines if x != "12"]  # 1 and 2 are row numbers; 12 alone is a page
    assert [page for _, page in prep.footers] == [12]


@pytest.mark.parametrize("note", ["", "（2024年7月20日市人民政府第35次常务会议通过）\n"])
def test_a_rules_text_on_its_own_is_a_document(note):
    """``某市城市供水管理办法`` then its chapters and articles: one document (its name is not an
    organ called 某市城市供水管理办), never refused."""
    from gongbao import parse_gazette

    text = f"某市城市供水管理办法\n{note}第一章 总则\n第一条 为了加强城市供水管理，制定本办法。\n第二条 本办法自2024年10月1日起施行。\n"
    [doc] = parse_gazette(text).documents
    assert doc.title == "某市城市供水管理办法" and doc.issuers == []
    assert doc.body.split("\n")[0] == "第一章总则"
    assert doc.validity.effective_from == "2024-10-01"
    assert doc.date == ("2024-07-20" if note else None)


@pytest.mark.parametrize(("text", "title"), [
    ("某县2024年政务公开工作要点\n一、总体要求\n坚持以人民为中心。\n", "某县2024年政务公开工作要点"),
    ("某县优化营商环境三年行动方案\n为持续优化营商环境，制定本方案。\n一、总体要求\n", "某县优化营商环境三年行动方案"),
    ("关于《某县城区停车管理办法》的政策解读\n一、出台背景\n为规范停车管理，制定本办法。\n", "关于《某县城区停车管理办法》的政策解读"),
])
def test_a_plan_or_interpretation_on_its_own_is_a_document(text, title):
    from gongbao import parse_gazette

    g = parse_gazette(text)
    assert [d.title for d in g.documents] == [title]
    assert g.warnings == ["no complete document header found; parsed from the first title"]


@pytest.mark.parametrize("date", ["2024.3.5", "2024-03-05", "2024/3/5", "2024年3月5日", "二〇二四年三月五日"])
def test_signature_dates_in_every_written_form(date):
    from gongbao import parse_gazette

    text = f"某县人民政府关于做好防汛工作的通知\n某政发〔2024〕5号\n各乡镇人民政府：\n现就做好防汛工作通知如下。\n某县人民政府\n{date}\n"
    [doc] = parse_gazette(text).documents
    assert (doc.signatories, doc.date, doc.body) == (["某县人民政府"], "2024-03-05", "现就做好防汛工作通知如下。")


def test_a_signature_dated_to_the_month_only_is_no_text():
    from gongbao import parse_gazette

    text = "某县人民政府关于做好防汛工作的通知\n某政发〔2024〕5号\n各乡镇人民政府：\n现就做好防汛工作通知如下。\n某县人民政府\n2024年3月\n"
    [doc] = parse_gazette(text).documents
    assert (doc.signatories, doc.date, doc.body) == (["某县人民政府"], None, "现就做好防汛工作通知如下。")
    assert "no 成文日期 found" in doc.warnings


@pytest.mark.parametrize(("note", "disclosure"), [
    ("（此件公开发布）", "此件公开发布"),
    ("（公开方式：主动公开）", "公开方式：主动公开"),
    ("公开方式：主动公开", "公开方式：主动公开"),
    ("（信息公开选项：主动公开）", "信息公开选项：主动公开"),
    ("信息公开选项：主动公开", "信息公开选项：主动公开"),
])
def test_disclosure_notes_in_every_form(note, disclosure):
    from gongbao import parse_gazette

    text = f"某县人民政府关于做好防汛工作的通知\n某政发〔2024〕5号\n各乡镇人民政府：\n现就做好防汛工作通知如下。\n某县人民政府\n2024年6月1日\n{note}\n"
    [doc] = parse_gazette(text).documents
    assert (doc.disclosure, doc.body) == (disclosure, "现就做好防汛工作通知如下。")


@pytest.mark.parametrize(("line", "kept"), [
    ("发布时间：2024-06-01 10:20 来源：县政府办 浏览次数：1024", False),
    ("来源：县政府办 发布时间：2024-06-01 浏览次数：99", False),
    ("浏览次数：1024", False),
    ("上一篇：某县人民政府关于调整城区供热价格的通知", False),
    ("【打印】 【关闭】", False),
    # A sentence that speaks of page views is text.
    ("本次活动浏览量：达到10万人次，效果良好。", True),
])
def test_a_web_pages_information_line_and_tools_are_not_text(line, kept):
    assert prepare(line + "\n").lines == ([line] if kept else [])


_PLAN = "某县人民政府关于印发某县防汛应急预案的通知\n某政发〔2024〕5号\n各乡镇人民政府：\n现将《某县防汛应急预案》印发给你们。\n某县人民政府\n2024年6月1日\n"


@pytest.mark.parametrize(("body", "paragraphs"), [
    # A decimal outline: each heading a paragraph of its own, its number kept apart.
    ("1 总则\n1.1 编制目的\n做好防汛工作。\n2.3.1 监测 预警\n加强监测。",
     ["1 总则", "1.1 编制目的", "做好防汛工作。", "2.3.1 监测预警", "加强监测。"]),
    # A count that the page put at the start of a line continues the sentence before it.
    ("1 总则\n1.1 编制目的\n全县共有成员单位\n24 个，各单位分工负责。",
     ["1 总则", "1.1 编制目的", "全县共有成员单位24个，各单位分工负责。"]),
    # One such line alone is a sentence the page cut, not an outline.
    ("各乡镇要在汛期前完成隐患排查，\n3 月底前上报。", ["各乡镇要在汛期前完成隐患排查，3月底前上报。"]),
])
def test_decimal_outline_headings(body, paragraphs):
    from gongbao import parse_gazette

    [doc] = parse_gazette(_PLAN.replace("2024年6月1日\n", "2024年6月1日\n某县防汛应急预案\n" + body + "\n")).documents
    assert doc.body.split("\n")[2:] == paragraphs


_LAID_OUT = ("各乡镇人民政府：\n    现将有关事项通知如下，请认真\n贯彻执行。\n    一、做好排查工作。\n（责任单位：县应急局）\n"
             "    本通知自印发之日起施行，有效期\n至2026年12月31日。\n    二、其他事项另行通知，各单位\n要及时报告。\n")


@pytest.mark.parametrize(("text", "starts"), [
    # Paragraphs indented two characters in from the lines that continue them.
    (_LAID_OUT, [1, 3, 5, 7]),
    # The same with ideographic spaces.
    (_LAID_OUT.replace("    ", "\u3000\u3000"), [1, 3, 5, 7]),
    # Every line alike, or nothing indented: no evidence.
    ("\n".join("    " + x for x in _LAID_OUT.replace("    ", "").split("\n")), []),
    (_LAID_OUT.replace("    ", ""), []),
    # A table's columns laid out with tabs, a cell continued under a tab.
    ("某镇\t甲村、乙村、\n\t丙村\n某乡\t丁村、\n\t戊村\n某街道\t己社区、\n\t庚社区\n", []),
])
def test_paragraph_indentation_is_read_where_the_layout_shows_it(text, starts):
    assert sorted(prepare(text).starts) == starts


@pytest.mark.parametrize(("toc", "entries"), [
    # Pages printed as such: ``第3页``, ``第 8 页``, ``12页``.
    ("关于印发某方案的通知（某政发〔2024〕3号）……………第2页 关于做好某工作的通知（某政办发〔2024〕9号）……第 4 页",
     [("关于印发某方案的通知", "某政发〔2024〕3号", 2), ("关于做好某工作的通知", "某政办发〔2024〕9号", 4)]),
    ("某县人民政府关于禁止燃放烟花爆竹的通告……第6页 某县2023年国民经济和社会发展统计公报……12页",
     [("某县人民政府关于禁止燃放烟花爆竹的通告", None, 6), ("某县2023年国民经济和社会发展统计公报", None, 12)]),
])
def test_toc_pages_in_words(toc, entries):
    from gongbao.parse.toc import _entries

    assert [(e.title, e.doc_number, e.page) for e in _entries(toc)] == entries


def test_glyphs_mapped_to_no_character():
    """pdfminer's ``(cid:N)`` and private-use code points: bullets at a line's head go, a glyph
    inside the text stands as □ (a character that cannot be known), never as noise."""
    text = "\ue000一、同意设立\n  (cid:3) 二、请你局办理\n王(cid:1234)明任县财政局局长\n张\ue123三"
    assert repair_ocr(text) == "一、同意设立\n  二、请你局办理\n王□明任县财政局局长\n张□三"


@pytest.mark.parametrize(("line", "entry"), [
    ("组  长：王某某  县人民政府县长", "组长：王某某 县人民政府县长"),
    ("副总指挥：赵某某　县人民政府副县长", "副总指挥：赵某某 县人民政府副县长"),
    ("进一步 加强专职安全员", None),  # a sentence the page cut, with a stray gap
    ("          李某某  县水利局局长", None),  # a name and a post alone: a roster's only under an entry
    ("成 员：欧阳某某 县委常委、副县长", "成员：欧阳某某 县委常委、副县长"),
    ("第二章  河道整治与建设", None),  # a chapter heading
    ("市长  王某某", None),  # an order's signature: post, then name
    ("县长 副县长", None),
    ("清 政 办 发 〔2024〕 7 号", None),  # letter-spaced
    ("联系人：张三  电话：0358-1234567", None),
    ("为了 加强河道管理工作的组长", None),
])
def test_a_roster_entry_keeps_the_gap_between_name_and_post(line, entry):
    from gongbao.parse.elements import _roster_line

    assert _roster_line(line) == entry


def test_a_name_and_post_alone_continue_a_roster():
    from gongbao.parse.elements import _roster_line

    assert _roster_line("          李某某  县水利局局长", labelled=False) == "李某某 县水利局局长"


def test_a_closing_formula_and_a_contact_line_stand_alone():
    lines = ["请各单位于11月30日前报送县政务公开办。", "联系人：张某某", "联系电话：0358-1234567",
             "电子邮箱：zwgk@example.gov.cn", "特此通知。"]
    assert join_paragraphs(lines, [fold(x) for x in lines]) == lines
    # A value the page cut still continues on the next line.
    cut = ["参加单位：县财政局、县教育局、县", "卫健局。"]
    assert join_paragraphs(cut, [fold(x) for x in cut]) == ["参加单位：县财政局、县教育局、县卫健局。"]


@pytest.mark.parametrize(("line", "lines"), [
    # A table's rows copied out of Word: a cell a line, as the Word file's own table gives them.
    ("序号\t工作任务\t牵头单位\t完成时限\n1\t新建5G基站200个\t县工信局\t2025年12月底",
     ["序号", "工作任务", "牵头单位", "完成时限", "1", "新建5G基站200个", "县工信局", "2025年12月底"]),
    # A 目录's entry, with and without its number: as a 目录 prints one.
    ("长宁县人民政府关于加强耕地保护的意见\t长政发〔2025〕9号\t1", ["长宁县人民政府关于加强耕地保护的意见（长政发〔2025〕9号）……1"]),
    ("长宁县人民政府关于加强耕地保护的意见\t1", ["长宁县人民政府关于加强耕地保护的意见……1"]),
    # One tab between an organ and its date, or a road and its length, is layout.
    ("长宁县人民政府\t2025年4月1日", ["长宁县人民政府 2025年4月1日"]),
    ("城关镇东关村道路硬化工程\t3", ["城关镇东关村道路硬化工程 3"]),
])
def test_rows_copied_with_tabs(line, lines):
    assert prepare(line).lines == lines
