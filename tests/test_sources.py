"""Files as published: Word files and web pages become text the parser reads like any other."""

import io
import zipfile

import pytest

from gongbao.errors import InputError
from gongbao.normalize import prepare
from gongbao.sources import decode_bytes, html_to_text

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(body: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>')
    return buf.getvalue()


def p(*runs: str) -> str:
    return "<w:p>" + "".join(f"<w:r>{r}</w:r>" for r in runs) + "</w:p>"


def test_word_paragraphs_breaks_tabs_and_table_cells():
    table = ("<w:tbl><w:tr><w:tc>" + p("<w:t>序号</w:t>") + "</w:tc><w:tc>" + p("<w:t>文号</w:t>") + "</w:tc></w:tr>"
             "<w:tr><w:tc>" + p("<w:t>1</w:t>") + "</w:tc><w:tc>" + p("<w:t>某政发〔2015〕8号</w:t>") + "</w:tc></w:tr></w:tbl>")
    body = (p("<w:t>某县人民政府</w:t>", "<w:br/>", "<w:t>关于某事的通知</w:t>")
            + p("<w:t>某政发</w:t>", "<w:tab/>", "<w:t>〔2024〕3号</w:t>")
            + "<w:sdt><w:sdtContent>" + p("<w:t>各乡镇人民政府：</w:t>") + "</w:sdtContent></w:sdt>"
            + table + p("<w:instrText>PAGE</w:instrText>", "<w:t>完</w:t>"))
    assert decode_bytes(docx(body), "a.docx").split("\n")[:-1] == [
        "某县人民政府", "关于某事的通知", "某政发 〔2024〕3号", "各乡镇人民政府：", "序号", "文号", "1",
        "某政发〔2015〕8号", "完"]


@pytest.mark.parametrize(("data", "problem"), [
    (docx(p("<w:t> </w:t>")), "is a Word (DOCX) file with no text in it"),
    (docx("<w:p><w:r><w:t>未闭合</w:r></w:p>"), "not well-formed XML"),
])
def test_bad_word_files_say_what_is_wrong(data, problem):
    with pytest.raises(InputError) as err:
        decode_bytes(data, "bad.docx")
    assert problem in str(err.value) and "bad.docx" in str(err.value)


def test_a_zip_that_is_not_a_word_file_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD/>")
    with pytest.raises(InputError, match="ZIP archive"):
        decode_bytes(buf.getvalue(), "issue.ofd")


def test_web_page_blocks_breaks_pre_and_references():
    page = ("<html><head><title>标题</title><style>.a{}</style></head><body>"
            "<div>当前位置：首页 &gt; 公报</div><h1>关于某事的\n   通知</h1><p>第一行<br>第二行&nbsp;&ldquo;引&rdquo;</p>"
            "<pre>甲  乙\n丙</pre><table><tr><td>1</td><td>某政发〔2015〕8号</td></tr></table>"
            "<script>document.write('<p>脚本</p>')</script><footer>版权所有</footer></body></html>")
    assert html_to_text(page).split("\n")[:-1] == [
        "关于某事的 通知", "第一行", "第二行\u00a0“引”", "甲  乙", "丙", "1", "某政发〔2015〕8号"]


def test_a_pronunciation_over_a_character_is_no_text():
    page = "<p>關於印<ruby>發<rp>(</rp><rt>fā</rt><rp>)</rp></ruby>某某的通知</p><p>印<ruby>發<rt>fā</rt></ruby>給你們</p>"
    assert html_to_text(page).split("\n")[:-1] == ["關於印發某某的通知", "印發給你們"]


def test_a_government_web_page_with_its_metadata_table():
    """A 政府信息公开 page as a site serves it: the table's cells give the 发文字号, 成文日期 and
    有效性 the text does not print; the page's tools stay out of the document."""
    from gongbao import parse_gazette

    page = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某市人民政府</title></head><body>
    <div class="crumb">当前位置：首页 &gt; 政府信息公开 &gt; 政策文件</div>
    <table class="meta">
      <tr><td>索引号：</td><td>11330100/2019-00021</td><td>主题分类：</td><td>城乡建设</td></tr>
      <tr><td>发文机关：</td><td>某市人民政府</td><td>成文日期：</td><td>2019年08月02日</td></tr>
      <tr><td>发文字号：</td><td>某政发〔2019〕17号</td><td>有效性：</td><td>已废止</td></tr>
    </table>
    <h1>某市人民政府关于加强城市地下管线建设管理的通知</h1>
    <p>各区、县（市）人民政府，市政府各部门、各直属单位：</p>
    <p>为加强城市地下管线建设管理，现就有关事项通知如下。</p>
    <div class="tools"><a href="#">【打印本页】</a> <a href="#">【关闭窗口】</a></div>
    </body></html>"""
    gazette = parse_gazette(html_to_text(page))
    [doc] = gazette.documents
    assert doc.doc_number == "某政发〔2019〕17号"
    assert doc.date == "2019-08-02"
    assert doc.issuers == ["某市人民政府"]
    assert doc.recipients == "各区、县（市）人民政府，市政府各部门、各直属单位"
    assert doc.body == "为加强城市地下管线建设管理，现就有关事项通知如下。"
    assert (doc.validity.status, doc.validity.evidence) == ("repealed", "有效性：已废止")


@pytest.mark.parametrize("text", [
    # A gazette's colophon: labels, but none of a document page's.
    "主办：某县人民政府办公室\n地址：某县府前街1号\n电话：0358-1234567\n",
    # A table of documents headed by its columns: 文件名称 and 文号 with no values of their kind.
    "序号\n文件名称\n文号\n1\n某县人民政府关于加强城市道路管理的通知\n某政发〔2015〕8号\n",
])
def test_what_is_not_a_web_page_table(text):
    from gongbao.parse.pagemeta import read_page_metadata

    lines = text.strip().split("\n")
    assert read_page_metadata(lines, 0, len(lines)) is None


NEWS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知</title></head><body>
<div class="position">您的位置：<a href="/">首页</a> &gt; <a href="#">通知公告</a></div>
<h1>某县人民政府关于做好防汛工作的通知</h1>
<div class="info">发布时间：2024-06-01 10:20 来源：县政府办 浏览次数：1024</div>
<p>各乡镇人民政府，县直各单位：</p>
<p>　　入汛以来，我县降雨偏多，现就做好防汛工作通知如下。</p>
<p style="text-align:right">某县人民政府</p><p style="text-align:right">2024年6月1日</p>
<div>【字体：<a>大</a> <a>中</a> <a>小</a>】 <a>【打印】</a> <a>【关闭】</a></div>
<p>上一篇：<a href="#">某县人民政府关于调整城区供热价格的通知</a></p>
<p>下一篇：<a href="#">某县人民政府办公室关于开展安全生产大检查的通知</a></p>
<div>相关文章<ul><li><a href="#">某县召开防汛工作会议</a></li><li><a href="#">某县部署防汛工作</a></li></ul></div>
<p>附件：<a href="a.docx">防汛责任人名单.docx</a></p>
</body></html>"""


def test_a_news_page_keeps_the_document_and_leaves_its_links():
    """A site's news page: its information line (发布时间… 浏览次数), the links to the pages before
    and after, and a list of related pages are not the notice; a link the text holds is kept."""
    from gongbao import parse_gazette

    text = html_to_text(NEWS_PAGE)
    assert "某县召开防汛工作会议" not in text  # the list of related pages
    assert "附件：防汛责任人名单.docx" in text
    prepared = "\n".join(prepare(text).lines)
    assert "浏览次数" not in prepared and "上一篇" not in prepared and "下一篇" not in prepared
    [doc] = parse_gazette(text).documents
    assert doc.recipients == "各乡镇人民政府，县直各单位"
    assert doc.body == "入汛以来，我县降雨偏多，现就做好防汛工作通知如下。"
    assert doc.signatories == ["某县人民政府"] and doc.date == "2024-06-01"
    assert [(a.title, a.online_only) for a in doc.attachments] == [("防汛责任人名单", True)]  # a file to download
    # The same page's text as another tool extracts it (links and information line kept).
    plain = ("某县人民政府关于做好防汛工作的通知\n发布时间：2024-06-01 10:20  来源：县政府办\n各乡镇人民政府，县直各单位：\n"
             "入汛以来，我县降雨偏多，现就做好防汛工作通知如下。\n某县人民政府\n2024年6月1日\n"
             "上一篇：某县人民政府关于调整城区供热价格的通知\n返回顶部\n")
    [again] = parse_gazette(plain).documents
    assert (again.recipients, again.body, again.date) == (doc.recipients, doc.body, doc.date)


def test_a_web_page_table_in_traditional_characters():
    from gongbao.parse.pagemeta import read_page_metadata

    lines = ["索引號：11330100/2019-00021", "發文機關：某市人民政府", "發文字號：某政發〔2019〕17號",
             "成文日期：2019年08月02日", "有效性：已廢止"]
    meta = read_page_metadata(lines, 0, len(lines))
    assert (meta.doc_number, meta.date, meta.status) == ("某政發〔2019〕17号", "2019-08-02", "repealed")
    assert meta.lines == [0, 1, 2, 3, 4]


def test_download_links_after_the_text_are_attachments():
    from gongbao import parse_gazette

    text = ("某县人民政府关于做好防汛工作的通知\n某政发〔2024〕5号\n各乡镇人民政府：\n现就做好防汛工作通知如下。\n"
            "某县人民政府\n2024年6月1日\n相关附件：\n1.防汛责任人名单.docx\n2.某县防汛应急预案.PDF\n")
    [doc] = parse_gazette(text).documents
    assert [(a.title, a.online_only) for a in doc.attachments] == [("防汛责任人名单", True), ("某县防汛应急预案", True)]
    assert doc.body == "现就做好防汛工作通知如下。"


def test_a_task_table_in_a_word_file():
    """A plan's 任务分工表 as a Word table: a cell a line, then the rows as tasks."""
    from gongbao import parse_gazette

    def row(*cells):
        return "<w:tr>" + "".join("<w:tc>" + p(f"<w:t>{c}</w:t>") + "</w:tc>" for c in cells) + "</w:tr>"

    table = ("<w:tbl>" + row("序号", "重点任务", "牵头单位", "配合单位", "完成时限")
             + row("1", "推行企业开办一网通办", "县市场监管局", "县税务局", "2024年6月底前")
             + row("2", "推进工程建设项目审批改革", "县住建局", "县自然资源局", "2024年12月底前") + "</w:tbl>")
    body = "".join(p(f"<w:t>{t}</w:t>") for t in (
        "某县人民政府办公室关于印发某县营商环境任务分工方案的通知", "某政办发〔2024〕12号", "各乡镇人民政府：",
        "现将方案印发给你们，请认真组织实施。", "某县人民政府办公室", "2024年4月2日")) + table
    [doc] = parse_gazette(decode_bytes(docx(body), "plan.docx")).documents
    assert [(t.id, t.text, t.lead_units, t.responsible_units, t.deadline) for t in doc.tasks] == [
        ("表1.1", "推行企业开办一网通办", ["县市场监管局"], ["县税务局"], "2024-06-30"),
        ("表1.2", "推进工程建设项目审批改革", ["县住建局"], ["县自然资源局"], "2024-12-31"),
    ]


def test_a_page_whose_title_is_only_in_its_table():
    """标题 in the table and the text going straight to its 主送机关: the title is the table's."""
    from gongbao import parse_gazette

    text = ("标　　题：某县人民政府关于做好防汛工作的通知\n发文字号：某政发〔2024〕5号\n成文日期：2024年6月1日\n"
            "各乡镇人民政府：\n现就做好防汛工作通知如下。\n某县人民政府\n2024年6月1日\n")
    [doc] = parse_gazette(text).documents
    assert (doc.title, doc.issuers, doc.doc_number) == ("关于做好防汛工作的通知", ["某县人民政府"], "某政发〔2024〕5号")
    assert (doc.recipients, doc.body, doc.date) == ("各乡镇人民政府", "现就做好防汛工作通知如下。", "2024-06-01")


def test_a_title_that_links_to_itself_after_a_list_of_links_is_kept():
    page = ("<html><body><div>相关链接</div><ul><li><a href='#'>国务院</a></li></ul>"
            "<h1><a href='#'>某县人民政府关于做好防汛工作的通知</a></h1><p>各乡镇人民政府：</p></body></html>")
    assert html_to_text(page) == "某县人民政府关于做好防汛工作的通知\n各乡镇人民政府：\n"


def test_a_whole_policy_page_as_the_site_serves_it():
    """An information-disclosure page saved from the browser: navigation, the metadata table
    in cells, the article with its information line, the document (number centred, signature
    right-aligned, 附注), a download link after ``相关附件：`` on the same line, print/close
    tools, links to the pages before and after, the site's footer."""
    from pathlib import Path

    from gongbao import parse_gazette

    html = (Path(__file__).parent / "sources" / "policy-page.html").read_bytes()
    [doc] = parse_gazette(html_to_text(html.decode("utf-8"))).documents
    assert (doc.doc_number, doc.title, doc.issuers, doc.date, doc.disclosure) == (
        "青政办发〔2024〕12号", "关于做好2024年防汛工作的通知", ["青川市人民政府办公室"], "2024-06-05", "此件公开发布")
    assert doc.recipients == "各县（区）人民政府，市直各有关单位"
    assert [(a.title, a.online_only) for a in doc.attachments] == [("防汛责任人名单", True)]
    assert doc.body.startswith("入汛以来") and doc.body.endswith("市气象局配合）。")
    for chrome in ("首页", "发布时间", "打印", "上一篇", "下一篇", "备案号", "浏览次数"):
        assert chrome not in doc.body, chrome
    assert [(t.id, t.lead_units) for t in doc.tasks] == [("一", []), ("二", ["青川市应急管理局"])]


def test_a_toc_held_as_a_table_reads_as_a_toc_prints_its_entries():
    """A 目录 a site or a Word file lays out as a table (title | number | page): each row is an
    entry as a printed 目录 gives it, not three lines that read as a document's header."""
    title, number = "长宁县人民政府关于加强耕地保护的意见", "长政发〔2025〕9号"
    entry = f"{title}（{number}）……1"
    page = f"<table><tr><td>{title}</td><td>{number}</td><td>1</td></tr><tr><td>序号</td><td>文号</td><td>12</td></tr></table>"
    assert html_to_text(page).splitlines() == [entry, "序号", "文号", "12"]
    cells = "".join(f"<w:tc>{p(f'<w:t>{c}</w:t>')}</w:tc>" for c in (title, number, "1"))
    text = decode_bytes(docx(f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>"), "issue.docx")
    assert text.splitlines() == [entry]
