"""The metadata table of a government website's document page.

Most documents reach people online as a page of a 政府信息公开 site or a policy library, not
as a gazette: above the text, a table of 索引号, 发文机关, 发文字号, 成文日期, 有效性…, each label
with its value on the same line, on the next line (one table cell a line, as a browser's text
or ``sources.html`` gives it), or several label–value pairs on one row. The table often holds
what the text itself does not print (the 发文字号 above a page's title), and its 有效性 is the
publishing site's own word on whether the document is in force.

Only a table that stands before the first document is read, and only with two or more of its
labels: a colophon's 地址/电话 or a 版记's 主题词 is not such a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalize.fold import fold
from .dates import parse_date
from .docnumber import normalize_doc_number
from .organs import is_organ, split_organs
from .titles import is_complete_title

# Field → its labels on the sites of the State Council, provinces, cities and counties.
LABELS: dict[str, tuple[str, ...]] = {
    "index_no": ("信息索引号", "索引号", "索取号"),
    "issuer": ("发文机关", "发文机构", "发文单位", "发文部门", "发布机构", "发布机关", "发布单位", "制发机关",
               "成文单位"),
    "doc_number": ("发文字号", "文件编号", "发文编号", "发布文号", "文号"),
    "date": ("成文日期", "发文日期", "印发日期", "签发日期", "制发日期", "生成日期", "颁布日期", "颁布时间"),
    "published": ("发布日期", "公开日期", "发布时间", "公开时间"),
    "validity": ("有效性", "时效性", "效力状态", "有效状态", "是否有效"),
    "effective": ("生效时间", "生效日期", "施行日期", "施行时间", "实施日期", "实施时间"),
    "expires": ("废止时间", "废止日期", "失效时间", "失效日期", "有效期至"),
    "title": ("标题", "文件名称", "信息名称", "名称"),
    "other": ("主题分类", "主题词", "组配分类", "体裁分类", "信息分类", "信息类别", "公文种类", "文种分类", "服务对象", "公开方式", "公开范围", "公开形式",
              "来源", "信息来源", "内容概述", "关键词", "所属机构", "浏览次数", "访问次数", "所属类别", "文件来源"),
}
_FIELD_OF = {label: name for name, labels in LABELS.items() for label in labels}
_SPACE = "[ \t\u3000\u00a0]"
# A label at the start of a line (after a list bullet) or after a space, spelled with or without
# layout spaces (``标　　题``), then a colon, spaces or the end of the line.
_LABEL = re.compile(
    rf"(?:^|(?<={_SPACE}))[•·\-*]?{_SPACE}*【?(?P<label>"
    + "|".join(f"{_SPACE}*".join(label) for label in sorted(_FIELD_OF, key=len, reverse=True))
    + rf")(?:】|{_SPACE}*(?:[:：]|{_SPACE}|$))"
)
_LAYOUT = re.compile(f"{_SPACE}+")

# The site's word on validity → the archive's status. 有效 / 现行有效 change nothing.
# (Both forms: a short cell holds none of the characters by which ``fold`` knows traditional text.)
_STATUS = (("废止", "repealed"), ("廢止", "repealed"), ("失效", "expired"), ("过期", "expired"), ("過期", "expired"),
           ("作废", "repealed"), ("作廢", "repealed"))


@dataclass
class PageMetadata:
    lines: list[int]  # the table's lines, to keep out of every document
    doc_number: str | None = None
    issuers: list[str] | None = None
    date: str | None = None
    title: str | None = None  # 标题, for a page whose text does not print it
    status: str | None = None  # repealed | expired, when the site says so
    evidence: str | None = None
    effective_from: str | None = None  # 生效时间
    effective_until: str | None = None  # 废止时间 / 失效时间: the last day in force
    dates_evidence: str | None = None


def _cells(raw: str) -> list[tuple[str, str]]:
    """``发文字号：某政发〔2024〕9号  成文日期：2024年04月10日`` → (label, value) pairs."""
    found = list(_LABEL.finditer(fold(raw)))  # 發文字號 too; fold keeps offsets
    if not found or raw[:found[0].start()].strip(" \t\u3000•·-*"):
        return []
    out = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(raw)
        label = _LAYOUT.sub("", m.group("label"))
        value = raw[m.end():end].strip(" \t\u3000:：")
        out.append((label, "" if not value.strip("-—－_ ") else value))  # ``-----------``: no value
    return out


def read_page_metadata(raw_lines: list[str], lo: int, hi: int) -> PageMetadata | None:
    """The metadata table among ``raw_lines[lo:hi]``, or None when there is none.

    The table is the first run of label lines (with their value lines); it counts only when
    two of its fields hold a value of the right kind (a 发文字号 that parses, a date…), so a
    table of documents headed 序号 / 文件名称 / 文号 is not taken for one.
    """
    values: dict[str, tuple[str, str]] = {}
    used: list[int] = []
    last = None  # the field the last label line set
    i = lo
    while i < hi:
        cells = _cells(raw_lines[i])
        if not cells:
            if not used:
                i += 1
                continue
            if last and i + 1 < hi and _cells(raw_lines[i + 1]) and not (":" in raw_lines[i] or "：" in raw_lines[i]):
                # A value wrapped onto a line of its own, with the table going on under it.
                label, value = values[last]
                values[last] = (label, value + raw_lines[i].strip())
                used.append(i)
                i += 1
                continue
            break  # the table has ended
        used.append(i)
        label, value = cells[-1]
        for lab, val in cells[:-1]:
            values.setdefault(_FIELD_OF[lab], (lab, val))
        if not value and i + 1 < hi:
            # The value in the next cell: the next line, unless it is a label or (a line of)
            # the title, as under an empty 内容概述.
            nxt = raw_lines[i + 1].strip()
            field = _FIELD_OF[label]
            if nxt and not _cells(nxt) and len(nxt) <= (30 if field == "other" else 80) and (
                    field == "title" or not (is_complete_title(nxt) or "关于" in nxt)):
                value = nxt
                i += 1
                used.append(i)
        last = _FIELD_OF[label] if _FIELD_OF[label] not in values else None
        values.setdefault(_FIELD_OF[label], (label, value))
        i += 1
    meta = PageMetadata(lines=used)
    found = 0
    if "doc_number" in values:
        meta.doc_number = normalize_doc_number(values["doc_number"][1])
        found += meta.doc_number is not None
    if "issuer" in values and values["issuer"][1]:
        organs = split_organs(_LAYOUT.sub("", values["issuer"][1]).replace("、", "").replace("，", ""))
        meta.issuers = [o for o in organs if is_organ(o)] or None
        found += meta.issuers is not None
    if "date" in values:  # 成文日期; a 发布日期 is the site's, not the document's
        meta.date = parse_date(values["date"][1])
        found += meta.date is not None
    if "published" in values:
        found += parse_date(values["published"][1]) is not None
    if "index_no" in values:
        found += bool(re.search(r"\d", values["index_no"][1]))
    if "title" in values and values["title"][1]:
        meta.title = _LAYOUT.sub("", values["title"][1])
        found += is_complete_title(meta.title)
    spans = []
    for field, attr in (("effective", "effective_from"), ("expires", "effective_until")):
        if field in values:
            label, value = values[field]
            day = parse_date(value)
            if day:
                setattr(meta, attr, day)
                spans.append(f"{label}：{value}")
                found += 1
    meta.dates_evidence = "；".join(spans) or None
    if "validity" in values:
        label, value = values["validity"]
        found += "效" in value or "废止" in value or "廢止" in value
        for word, status in _STATUS:
            if word in value and "部分" not in value:  # 部分失效: the rest is still in force
                meta.status, meta.evidence = status, f"{label}：{value}"
                break
    return meta if found >= 2 else None
