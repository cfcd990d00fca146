"""Rejoin the lines of a paragraph that the printed page broke.

A line continues the previous one unless the previous one ended a sentence, was a heading
(an enumerated line with no sentence inside it), or the new line starts an enumerated item
(一、 (一) 1. (1) 第一条 ①) or a ``key: value`` line such as ``联系人: 张三``.
"""

from __future__ import annotations

import re

_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.]|[(][一二三四五六七八九十百]+[)]|\d{1,3}[.、](?!\d)|[(]\d{1,3}[)]"
    r"|[①-⑳]|第[一二三四五六七八九十百零〇\d]+[章节条]|附件\d*(?::|$))"
)
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+条")
_END_CHARS = frozenset("。!?;:”\"」』")
# The cells of a table printed one cell a line (a list of documents cleaned up, repealed,
# kept), used here and by the segmenter: a bare row number opens a row, a 发文字号 alone
# closes it, a status cell (``继续有效``, ``废止``) may follow; the heading row names columns.
ROW_CELL = re.compile(r"^\d{1,3}$")
NUMBER_CELL = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[(]\d{4}[〕\])]\d{1,5}号$")
HEAD_CELL = re.compile(r"^(?:序号|文件名称|文件标题|文号|发文字号|发文机关|清理结果|处理意见|备注)$")
STATUS_CELL = re.compile(r"^(?:继续有效|有效|废止|予以废止|宣布失效|失效|修改|予以修改|拟废止|拟修改|保留|暂停执行)$")
_KEY_VALUE = re.compile(r"^[\u4e00-\u9fff]{2,8}:\S")
# A value all in ASCII (a telephone number, an e-mail or web address) is whole on its line.
_ASCII_VALUE = re.compile(r"^[\u4e00-\u9fff]{2,8}:[\x21-\x7e]+$")
# The closing formula of a notice, a 公告, a reply: a paragraph of its own.
_CLOSING = re.compile(r"^特此(?:通知|公告|通告|批复|函告|函复|报告|说明|证明|决定|通报)[。!]?$")
# Words a heading never ends with: a conjunction or a particle left hanging by the page.
_OPEN_ENDS = frozenset("或和与及的、在对为将把由向从并且而等")
# A parenthesis that qualifies what precedes it: ``(含…)``, ``(包括…)``, ``(不含…)``.
_ASIDE = re.compile(r"^\((?:含|包括|包含|不含|除|其中|即|以下简称|简称)")


def join_paragraphs(tr: list[str], ft: list[str], alone: set[int] | frozenset = frozenset(),
                    starts: set[int] | frozenset = frozenset()) -> list[str]:
    """Paragraphs from tightened lines ``tr`` (matched on their folded twins ``ft``).

    Lines whose index is in ``alone`` (headings the caller recognised: the title of a
    carried text, an attachment's heading) stand as paragraphs of their own; lines in
    ``starts`` (indented as a paragraph's first line is: ``layout.prepare``) open one.
    """
    paras: list[str] = []
    heads: list[str] = []  # folded start of each paragraph, for the heading test
    prev_open = False  # the last paragraph may take the next line
    after_heading = False  # the last paragraph looked like a heading
    head_row = False  # the last paragraph is a table's heading row
    for k, (t, f) in enumerate(zip(tr, ft, strict=True)):
        if not t:
            continue
        if k in alone:
            paras.append(t)
            heads.append(f)
            prev_open = after_heading = False
            continue
        if paras and len(f) <= 6 and ROW_CELL.match(heads[-1]) and STATUS_CELL.match(f):
            paras[-1] += " " + t
            prev_open = after_heading = False
            continue
        if len(f) <= 6 and HEAD_CELL.match(f):
            # A table's heading row (``序号 文件名称 文号``) is a paragraph of its own.
            if paras and head_row:
                paras[-1] += " " + t
            else:
                paras.append(t)
                heads.append(f)
            head_row, prev_open, after_heading = True, False, False
            continue
        head_row = False
        row_start = len(f) <= 3 and bool(ROW_CELL.match(f))
        starts_item = row_start or k in starts or bool(_ENUM.match(f)) or bool(_CLOSING.match(f)) or bool(
            len(f) <= 40 and _KEY_VALUE.match(f) and not (prev_open and _open_paren(paras[-1])))
        if paras and after_heading and f[:1] == "(" and _ASIDE.match(f):
            # ``(一)普通殡葬专用车遗体接运费`` / ``(含抬尸、消毒):600元/具。``: the heading's own aside.
            paras[-1] += t
        elif paras and prev_open and not starts_item:
            # The cells of a row stay apart: ``1 某县…的通知 某政发〔2015〕8号``.
            cell = ROW_CELL.match(heads[-1]) or (
                f[-1] == "号" and NUMBER_CELL.match(f) and "\u4e00" <= paras[-1][-1] <= "\u9fff")
            paras[-1] += " " + t if cell else t
        else:
            paras.append(t)
            heads.append(f)
        last = paras[-1]
        # A short enumerated line is a heading (``（一）活动时间``) unless a clause break or a word
        # that cannot end one shows it is a sentence the page cut (``2.…共设置2种,消费`` /
        # ``券优惠面额…``; ``三、包含…拨款标准或`` / ``生均公用经费…``; ``30.数据资产登记:对…进行``).
        heading = (len(last) <= 40 and "。" not in last and _ENUM.match(heads[-1]) and _balanced(f)
                   and "," not in f and ";" not in f and ":" not in f[:-1] and f[-1] not in _OPEN_ENDS
                   # an article (``第二条国家对生猪实行…``) is text, unless it is its number and a
                   # short caption of its own (``第一条（目的）``)
                   and not (len(last) > 12 and _ARTICLE.match(heads[-1])))
        prev_open = (f[-1] not in _END_CHARS and not heading and not (f[-1] == "号" and NUMBER_CELL.match(f))
                     and not (len(last) == len(t) and _ASCII_VALUE.match(f)))
        after_heading = bool(heading)
    return paras


def _open_paren(text: str) -> bool:
    """A parenthesis still open: ``…(牵头`` / ``单位:县某局)`` is one note broken by the page."""
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def _balanced(f: str) -> bool:
    """A heading closes what it opens; ``2.严格执行《…》(某政办发(2015)`` continues."""
    return f.count("(") <= f.count(")") and f.count("《") <= f.count("》") and f[-1] not in "、,(《"
