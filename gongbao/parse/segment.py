"""Where each document begins: the header of a 公文 as GB/T 9704 lays it out.

A document starts with a title block (发文机关 + 关于…的 + 文种, over one to four lines)
confirmed by what must follow it: a 发文字号 line, a 主送机关 line, an adoption note
(``(2024年3月28日…会议通过)``), or — for orders and numbered 公告 — a ``第N号`` line. A
发文字号 printed above the title (版头 style) is accepted as well. A title that no such element
follows (the plan a 印发 notice carries, a heading inside an attachment) starts nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalize.layout import cuts_organ_word
from ..normalize.paragraphs import HEAD_CELL, NUMBER_CELL, ROW_CELL, STATUS_CELL
from .dates import DATE_PATTERN, parse_date
from .docnumber import DocNumber, doc_number_line, find_doc_numbers, order_number_line
from .lines import (
    Lines,
    adoption_note,
    disclosure,
    ends_sentence,
    organs_only,
    print_record,
    recipient_items,
    recipients_text,
    signature_date,
    speaker_line,
)
from .organs import is_organ, is_recipient_item
from .titles import (
    CARRY_VERB,
    LEADING_ISSUER,
    doc_type_of,
    is_complete_title,
    is_numbered_head,
    title_fragment_ft,
)
from .toc import heading_text

MAX_TITLE_LINES = 4
_FORWARDS = re.compile(r"转发|批转")
_RED_HEADER = re.compile(r"^[\u4e00-\u9fff]{2,40}文件$")
# A title that opens with a place (某某县…年度报告), not with 各… or a verb.
_PLACE_START = re.compile(r"^(?!各)[\u4e00-\u9fff]{1,8}?(?:省|自治区|市|县|区|州|旗|盟)[\u4e00-\u9fff]")
_DATE_NOTE = re.compile(rf"^\((?:{DATE_PATTERN})\)$")
_ROW_NUMBER = re.compile(r"^\d{1,3}(?!\d|年|月)\s?[\u4e00-\u9fff]")
_DATE_ONLY = re.compile(rf"^(?:{DATE_PATTERN})$")
# The unified registration number of a 规范性文件: ``JNCR-2024-0010003``, ``ZJSP01-2024-0003``,
# ``登记号：…``, ``(登记编号：…)``.
_REGISTRATION = re.compile(
    r"^(?:[A-Z]{2,8}\d{0,4}-?(?:19|20)\d{2}-?\d{3,10}"
    r"|\(?(?:统一)?(?:登记|备案)(?:编?号|编码):?[A-Za-z0-9\u4e00-\u9fff\-〔〕()]{4,40}\)?)$")
_SIGNER_LINE = re.compile(r"^签发人:[\u4e00-\u9fff·]{2,10}$")
_ENUM_START = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\(|\d)")
_NUMBERED_ON_LINE = re.compile(r"^(?P<head>.{2,40}?(?:令|公告|通告))\(?(?:(?P<y>(?:19|20)\d{2})年)?第(?P<n>\d{1,5})号\)?$")
# Last characters of the 文种 words: a cheap test before the title grammar runs.
_TYPE_LAST_CHARS = set("议定令报告见知示复案函要")


@dataclass
class Header:
    """The header of one document, as line indices into ``Lines``."""

    start: int                      # first line of the document (title or 版头 number)
    title_start: int
    title_end: int                  # exclusive
    doc_number: DocNumber | None = None
    order_number: int | None = None
    order_year: int | None = None   # ``2024年第1号``: a yearly series
    order_term: str | None = None   # ``〔十七届〕第12号``: numbered anew each term
    subtitle: tuple[int, int] | None = None  # a numbered 公告's own title lines, under its number
    number_line: int | None = None
    recipients: str | None = None
    recipients_start: int | None = None
    recipients_end: int | None = None   # exclusive; None when the document has no 主送机关
    adoption_date: str | None = None
    body_start: int = 0
    body_head: str | None = None    # text after the colon when recipients and body share a line
    section: str | None = None      # a section heading printed just before the document
    note: str | None = None         # the adoption note or subtitle printed under the title
    issuers_below: list[str] | None = None  # organs printed under the title (with the date)
    speaker: tuple[str, str] | None = None  # (organ, name) of a report's speaker under its subtitle


def find_headers(lines: Lines, lo: int = 0, hi: int | None = None) -> list[Header]:
    """All document headers in ``lines[lo:hi]``, in order."""
    hi = len(lines) if hi is None else hi
    headers: list[Header] = []
    i = lo
    floor = lo  # a title block may not reach back before the previous header's body
    while i < hi:
        prev = headers[-1] if headers else None
        h = _header_at(lines, i, floor, hi, prev, lo)
        if h is None:
            i += 1
            continue
        if prev is not None and _FORWARDS.search("".join(lines.ft[prev.title_start:prev.title_end])) \
                and _is_carried(lines, prev, h.title_start, h.title_end):
            # The document a 转发/批转 notice forwards, printed after it with its own number:
            # part of the notice, not a document of the issue.
            i = max(h.body_start, i + 1)
            floor = i
            continue
        headers.append(h)
        floor = h.body_start
        i = max(h.body_start, i + 1)
    return headers


def _header_at(lines: Lines, i: int, floor: int, hi: int, prev: Header | None, lo: int) -> Header | None:
    ft = lines.ft[i]
    if not ft or (ft[0] in "抄分主发" and print_record(ft)):
        return None  # the 版记 (``主题词：… 通知``) is no title
    # 1. A 发文字号 line, with the title above it (or below it, 版头 style).
    if len(ft) <= 60 and (ft[-1] == "号" or (ft[-1] in ")]〕" and "号" in ft) or "签发人" in ft):
        dn = doc_number_line(lines.raw[i])
        if dn is not None and not dn.is_order:
            block = _title_block_before(lines, i, floor)
            if block and (_ROW_NUMBER.match(lines.ft[block[0]]) or _table_row(lines, block[0], i, floor, hi)):
                return None  # a table row (``2 某某关于…的通知 某政发〔2016〕12号``), not a header
            if block and ft.startswith("(") and not (
                    (i + 1 < hi and _recipients_at(lines, i + 1, hi))
                    or block[0] == 0 or _ends_document(lines, block[0] - 1)):
                # ``title（number）``: a 目录 entry looks the same; a document has its 主送机关
                # under it or follows the previous document's end.
                return None
            if block:
                return _finish(lines, Header(block[0], block[0], block[1], dn, number_line=i), i + 1, hi)
            after = i + 2 if i + 1 < hi and _REGISTRATION.match(lines.ft[i + 1]) else i + 1
            block = _title_block_after(lines, after, hi)
            if block:
                # The red header (版头) ``某某人民政府文件`` above the number opens the document.
                start = i - 1 if i - 1 >= floor and _RED_HEADER.match(lines.ft[i - 1]) else i
                return _finish(lines, Header(start, block[0], block[1], dn, number_line=i), block[1], hi)
            return _damaged_title_header(lines, i, dn, floor, hi)
    # An order or numbered 公告 with its number on the same line: ``某某公告（第30号）``.
    if ft[-1] in ")号" and len(ft) <= 50:
        m = _NUMBERED_ON_LINE.match(ft)
        if m and is_numbered_head(m.group("head")) and not _inside_sentence(lines, i, lo, hi):
            return _finish(lines, Header(i, i, i + 1, order_number=int(m.group("n")), number_line=i,
                                         order_year=int(m.group("y")) if m.group("y") else None), i + 1, hi)
    # A title with its organ and date printed under it (统计公报, 年度报告, 工作要点):
    # ``某县2023年…统计公报`` / ``某县统计局`` / ``2024年3月20日``, then the text.
    if (i + 3 < hi and ft[-1] in _TYPE_LAST_CHARS and len(lines.ft[i + 2]) <= 16 and _loose_title(ft)
            and not _is_carried(lines, prev, i, i + 1)):
        organs = organs_only(lines.raw[i + 1])
        date = parse_date(lines.ft[i + 2]) if organs and len(lines.ft[i + 2]) <= 16 else None
        if date and _DATE_ONLY.match(lines.ft[i + 2]) and _body_like(lines.ft[i + 3]):
            return _finish(lines, Header(i, i, i + 1, adoption_date=date, issuers_below=organs), i + 3, hi)
    # 2. A title block whose last line is line i, confirmed by what follows.
    if i + 1 < hi and len(ft) <= 50 and _continuation(ft):
        nxt = lines.ft[i + 1]
        # A people's congress text (决定, 任免名单, 条例) under its adoption note.
        date = adoption_note(nxt) if nxt.startswith("(") else None
        if date and not disclosure(ft) and not _is_carried(lines, prev, i, i + 1):
            block = _title_block_ending(lines, i, floor)
            a = block[0] if block else _include_issuer_line(lines, i, floor)
            return _finish(lines, Header(a, a, i + 1, adoption_date=date, note=lines.tr[i + 1]), i + 2, hi)
        # A speech or report under its date alone: ``（2024年2月20日）``.
        if (nxt.startswith("(") and _DATE_NOTE.match(nxt)
                and (i == lo or _ends_document(lines, i - 1) or _TOC_LINE_END.search(lines.ft[i - 1]))
                and not _ENUM_START.match(ft)):
            h = Header(i, i, i + 1, adoption_date=parse_date(nxt), note=lines.tr[i + 1])
            pos = i + 2
            # The speaker's name under the date (``王  明``), or organ and name.
            if pos + 1 < hi and len(lines.ft[pos]) <= 30:
                who = (("", lines.ft[pos]) if _PERSON_LINE.match(lines.raw[pos].strip())
                       else speaker_line(lines.ft[pos]))
                if who:
                    h.speaker = who
                    pos += 1
            return _finish(lines, h, pos, hi)
        # A report or speech under its ``——2024年1月18日在…会议上`` subtitle.
        if nxt.startswith("——") and (i == lo or _ends_document(lines, i - 1)) and doc_type_of(ft):
            h = Header(i, i, i + 1)
            return _finish(lines, h, _subtitle_and_speaker(lines, h, i + 1, hi), hi)
    if ft[-1] not in _TYPE_LAST_CHARS or not title_fragment_ft(ft):
        return None
    block = _title_block_ending(lines, i, floor)
    if not block:
        # A title with neither 关于 nor a verb (``某县2023年政府信息公开工作年度报告``) standing
        # right after the previous document ended, with text under it.
        if (i + 1 < hi and _loose_title(ft) and _body_like(lines.ft[i + 1]) and not _is_carried(lines, prev, i, i + 1)
                and (i == lo or _ends_document(lines, i - 1)
                     or (_PLACE_START.match(ft) and lines.ft[i - 1].endswith("。")))):
            return _finish(lines, Header(i, i, i + 1), i + 1, hi)
        return None
    a, b = block
    if b < hi:
        nxt = lines.ft[b]
        # Order or numbered announcement: ``某某人民政府令`` / ``第300号``.
        num = order_number_line(lines.raw[b]) if len(nxt) <= 20 else None
        if num is not None and is_numbered_head("".join(lines.ft[a:b])):
            # The organ's name broken over two lines (``某自治州人民代表大会`` / ``常务委员会公告``).
            if a - 1 >= floor and b - a == 1 and is_organ(lines.ft[a - 1]) \
                    and is_organ(lines.ft[a - 1] + _HEAD_ORGAN.sub("", lines.ft[a])):
                a -= 1
            return _finish(lines, Header(a, a, b, order_number=num[0], order_year=num[1], order_term=num[2],
                                                 number_line=b), b + 1, hi)
        date = adoption_note(nxt)
        if date:
            return _finish(lines, Header(a, a, b, adoption_date=date), b + 1, hi)
        if _recipients_at(lines, b, hi):
            return _finish(lines, Header(a, a, b), b, hi)
        # 3. A title right after the previous document ended (its date or 附注), with text
        # under it: a document without number or 主送机关, such as a 公告 — unless it is the
        # text the previous notice carries (``转发…关于X的意见的通知`` then ``关于X的意见``).
        # (Not a 目录 entry whose number and page follow on the next line: ``（某政发〔2024〕3号）……1``.)
        if (a == lo or _ends_document(lines, a - 1)) and not _is_carried(lines, prev, a, b) \
                and not doc_number_line(lines.raw[b]) and (not title_fragment_ft(nxt) or "," in nxt) \
                and not _TOC_LINE_END.search(nxt):
            return _finish(lines, Header(a, a, b), b, hi)
    return None


# A 公告 or 令 head without its kind: ``常务委员会公告`` → ``常务委员会``.
_HEAD_ORGAN = re.compile(r"(?:公告|令|通告)$")


def _table_row(lines: Lines, a: int, number_line: int, floor: int, hi: int) -> bool:
    """A title and a number that are cells of a table printed one cell a line (a list of
    documents cleaned up, repealed, kept): a bare row number or a heading cell above the
    title, or a bare number or a status cell (继续有效, 废止) under the number."""
    before = lines.ft[a - 1] if a - 1 >= floor else ""
    after = lines.ft[number_line + 1] if number_line + 1 < hi else ""
    return bool(ROW_CELL.match(before) or HEAD_CELL.match(before)
                or ROW_CELL.match(after) or STATUS_CELL.match(after)
                # Rows without a 序号: the previous row's number cell right above the title.
                or (before[-1:] == "号" and NUMBER_CELL.match(before)))


def _inside_sentence(lines: Lines, i: int, lo: int, hi: int) -> bool:
    """Line ``i`` is a piece of a wrapped sentence (``…的公告》（国家`` / ``税务总局公告2019年第5号``
    / ``）同时废止。``): the line before leaves a bracket open, or the next opens with a closing one."""
    before = lines.ft[i - 1] if i > lo else ""
    after = lines.ft[i + 1] if i + 1 < hi else ""
    return before.count("(") > before.count(")") or after[:1] in ")]〕》,;。:、"


def _damaged_title_header(lines: Lines, i: int, dn: DocNumber, floor: int, hi: int) -> Header | None:
    """A 发文字号 line with its 主送机关 under it, right after the previous document's end, whose
    title above lacks a 文种 (a scan damaged it: ``…的通■``): the short lines between the two are
    the title. All three marks of a header but the title's last word must be there."""
    if not (i + 1 < hi and _recipients_at(lines, i + 1, hi)):
        return None
    a = _short_lines_above(lines, i, floor)
    if a == i or not (a == floor or _ends_document(lines, a - 1)):
        return None
    # A web page prints the organ on a line of its own between the title and the number
    # (``关于…的通知`` / ``某市人民政府办公室`` / ``某政办发〔2010〕15号``): the issuer, not the title.
    last = lines.ft[i - 1].replace(" ", "")
    if i - a >= 2 and is_organ(last) and is_complete_title("".join(lines.ft[a:i - 1])):
        return _finish(lines, Header(a, a, i - 1, dn, number_line=i, issuers_below=[lines.tr[i - 1].replace(" ", "")]),
                       i + 1, hi)
    return _finish(lines, Header(a, a, i, dn, number_line=i), i + 1, hi)


def _short_lines_above(lines: Lines, i: int, floor: int) -> int:
    """Where the (up to three) short lines above line ``i`` that are no sentence begin: a
    title the header rules could not confirm, over its 发文字号."""
    a = i
    while a - 1 >= floor and a > i - 3 and 2 <= len(lines.ft[a - 1]) <= 40 \
            and not ends_sentence(lines.ft[a - 1]) and "," not in lines.ft[a - 1] \
            and not _ends_document(lines, a - 1):
        a -= 1
    return a


def _subtitle_and_speaker(lines: Lines, h: Header, pos: int, hi: int) -> int:
    """A speech's or report's ``——2024年1月18日在…会议上`` subtitle at ``pos`` and the speaker
    under it (``某县人民政府县长 张三``) go to the header; returns where the text starts."""
    if pos < hi and lines.ft[pos].startswith("——"):
        h.adoption_date, h.note = parse_date(lines.ft[pos]), lines.tr[pos]
        pos += 1
        h.speaker = speaker_line(lines.ft[pos]) if pos < hi else None
        if h.speaker:
            pos += 1
    return pos


# A name alone on its line: ``王  明``, ``欧阳明``; not a heading (``前言``, ``总则``).
_PERSON_LINE = re.compile(r"^(?!前言|总则|引言|序言|目录|附件|正文|说明)"
                          r"(?:[\u4e00-\u9fff](?: {1,4}[\u4e00-\u9fff]){1,3}|[\u4e00-\u9fff]{2,3})$")
# The last line of a 目录 (``…讲话……王明（1）``): what follows it opens the first document.
_TOC_LINE_END = re.compile(r"[.·…]{2,}[^.·…]{0,8}\(?\d{1,4}\)?$")


def _ends_document(lines: Lines, k: int) -> bool:
    return k >= 0 and (disclosure(lines.ft[k]) is not None or signature_date(lines.raw[k]) is not None)


def _is_carried(lines: Lines, prev: Header | None, a: int, b: int) -> bool:
    """The title at ``[a, b)`` names the text the previous document carries: what a 印发/转发
    notice's title names, or what an order promulgates (``《…条例》…现予公布``)."""
    if prev is None:
        return False
    cand = "".join(lines.ft[a:b])
    if prev.order_number is not None:
        opening = "".join(lines.ft[prev.body_start:min(prev.body_start + 4, a)])
        return f"《{cand}》" in opening
    prev_title = "".join(lines.ft[prev.title_start:prev.title_end])
    if not CARRY_VERB.search(prev_title):
        return False
    cand = cand[cand.find("关于"):] if "关于" in cand else cand
    return cand.rstrip("的") in prev_title or cand in prev_title


def _title_block_ending(lines: Lines, end: int, floor: int) -> tuple[int, int] | None:
    """A complete title made of lines ``[a, end]``; returns ``(a, end + 1)``."""
    if not _continuation(lines.ft[end]):
        return None
    for a in range(end, max(floor, end - MAX_TITLE_LINES + 1) - 1, -1):
        if a < end and not _continuation(lines.ft[a]):
            break
        if a < end and (disclosure(lines.ft[a]) or signature_date(lines.raw[a])):
            break
        text = join_title_lines(lines.raw[a:end + 1])
        if text.count("《") != text.count("》"):
            continue  # a quoted title cut by a line break: the block starts further up
        if is_complete_title(text) and _title_starts_here(lines, a):
            a = _include_forwarder(lines, a, floor)
            a = _include_issuer_line(lines, a, floor)
            a = _include_broken_organ(lines, a, floor)
            return a, end + 1
    return None


def _continuation(ft: str) -> bool:
    """A line that can stand inside a title broken over lines (it may begin with a quote)."""
    return title_fragment_ft(ft) or (0 < len(ft) <= 70 and ft[0] in "\"“《" and title_fragment_ft("x" + ft[1:]))


def _include_forwarder(lines: Lines, a: int, floor: int) -> int:
    """``某某办公室转发市发展改革委`` / ``关于…意见的通知``: the forwarding line belongs to the title."""
    if a - 1 >= floor and lines.ft[a].startswith("关于"):
        prev = lines.ft[a - 1]
        if title_fragment_ft(prev) and "," not in prev and re.search(r"(?:转发|批转|印发)[\u4e00-\u9fff]{2,20}$", prev):
            return a - 1
    return a


def _title_starts_here(lines: Lines, a: int) -> bool:
    """A title block begins with organs, with 关于, or with a 令/公告 head, not mid-phrase."""
    ft = lines.ft[a]
    if ft.startswith("关于") or "关于" in ft:
        return True
    words = lines.raw[a].split(" ")
    if organs_only(words[0]) or is_numbered_head(ft):
        return True
    # ``某县人民政府办公室印发某县…方案的通知``: an organ, then the verb, no 关于.
    m = _ORGAN_VERB.match(ft)
    return bool(m and is_organ(m.group(1)))


_ORGAN_VERB = re.compile(r"^([\u4e00-\u9fff]{4,40}?)(?:印发|转发|批转|颁发|颁布)")


def _include_issuer_line(lines: Lines, a: int, floor: int) -> int:
    """Take in the lines of organ names printed above the title (``交城县人民政府`` / ``关于…``);
    a joint document may print one organ a line."""
    if not lines.ft[a].startswith("关于"):
        return a
    k = a
    while k - 1 >= floor and a - k < 4 and organs_only(lines.raw[k - 1]) and not signature_date(lines.raw[k - 1]):
        k -= 1
    return k


_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]{2,20}")


def _include_broken_organ(lines: Lines, a: int, floor: int) -> int:
    """Take in the line above a title whose organ's name a line break cut in the middle of a
    word (``某县人民政`` / ``府办公室关于…``): the two halves make the word, and the whole an organ."""
    if a - 1 < floor or "关于" not in lines.ft[a]:
        return a
    prev, ft = lines.ft[a - 1], lines.ft[a]
    if not _HAN_ONLY.fullmatch(prev) or "关于" in prev or not cuts_organ_word(prev, ft):
        return a
    return a - 1 if is_organ((prev + ft).split("关于", 1)[0]) else a


def _title_block_before(lines: Lines, num_line: int, floor: int) -> tuple[int, int] | None:
    end = num_line - 1
    if end < floor:
        return None
    block = _title_block_ending(lines, end, floor)
    if block is None and _loose_title(lines.ft[end]):
        return end, end + 1  # a 发文字号 under it confirms a title without 关于
    return block


def _body_like(ft: str) -> bool:
    """A line of running text (not another title line)."""
    return not title_fragment_ft(ft) or "," in ft or (len(ft) >= 15 and doc_type_of(ft) is None)


def _loose_title(ft: str) -> bool:
    """A one-line title that ends with a 文种 but has no 关于 or verb: ``某县…年度报告``."""
    return (6 <= len(ft) <= 60 and title_fragment_ft(ft) and doc_type_of(ft) is not None
            and not _ENUM_START.match(ft) and not ft.startswith(("特此", "附件", "此致", "现将"))
            and not _MASTHEAD.search(ft))


# A gazette's own name on its cover or running head: ``某县人民政府公报``, ``某省人民代表大会常务委员会公报``.
_MASTHEAD = re.compile(r"(?:政府|委员会|常委会|人大|办公厅|办公室)公报(?:\d{4}年)?(?:第\S{1,4}期)?$")


def _title_block_after(lines: Lines, start: int, hi: int) -> tuple[int, int] | None:
    for end in range(start, min(hi, start + MAX_TITLE_LINES)):
        # The first line opens the title; later ones may begin with a quote (``《…》的公告``).
        if not (title_fragment_ft(lines.ft[end]) if end == start else _continuation(lines.ft[end])):
            return None
        block = _title_block_ending(lines, end, start)
        if block and block[0] == start:
            return block
    return None


def _recipients_at(lines: Lines, i: int, hi: int) -> tuple[str, int, str | None] | None:
    """A 主送机关 over one to five lines starting at ``i``: (text, end, rest of last line)."""
    parts: list[str] = []
    for j in range(i, min(hi, i + 5)):
        ft = lines.ft[j]
        if doc_number_line(lines.raw[j]):
            return None
        if ":" in ft and not ft.endswith(":"):
            # Recipients and the first body sentence on one line.
            head, _, rest = ft.partition(":")
            text = recipients_text("".join(parts) + head + ":")
            if text:
                return text, j + 1, rest
            return None
        if ends_sentence(ft) and not ft.endswith(":"):
            return None
        parts.append(ft)
        if ft.endswith(":"):
            text = recipients_text("".join(parts))
            return (text, j + 1, None) if text else None
        if len(ft) > 60:
            return None
    return None


def _finish(lines: Lines, h: Header, pos: int, hi: int) -> Header:
    """Read what follows the title and number: adoption note, recipients; set ``body_start``."""
    if pos < hi and h.adoption_date is None:
        date = adoption_note(lines.ft[pos])
        if date:
            h.adoption_date = date
            h.note = lines.tr[pos]
            pos += 1
        elif h.doc_number is None and lines.ft[pos].startswith("("):
            # ``(1985年5月4日某政〔1985〕38号)``: the date and number in a note under the title, as
            # law collections and some gazettes print them.
            m = _DATED_NUMBER.match(lines.ft[pos])
            numbers = find_doc_numbers(m.group("num")) if m else []
            if numbers and not numbers[0].is_order:
                h.doc_number, h.adoption_date, h.note = numbers[0], parse_date(m.group("date")), lines.tr[pos]
                h.number_line = pos
                pos += 1
    if pos < hi and h.doc_number is not None and h.number_line is not None and h.number_line < h.title_start:
        pos = max(pos, h.title_end)
    if pos < hi and _SIGNER_LINE.match(lines.ft[pos]):
        pos += 1  # an upward document's ``签发人：某某`` on a line of its own
    if pos < hi and _REGISTRATION.match(lines.ft[pos]):
        pos += 1  # a 规范性文件's registration number under its 发文字号 (``JNCR-2024-0010003``)
    if pos < hi and h.order_number is not None:
        # ``某某局公告`` / ``2024年第1号`` / ``某某局关于发布…的公告``: the 公告's own title.
        block = _title_block_after(lines, pos, hi)
        if block:
            h.subtitle = block
            pos = block[1]
    rec = _recipients_at(lines, pos, hi) if pos < hi else None
    if rec is None and pos + 1 < hi and (h.doc_number is not None or h.order_number is None):
        # The colon lost in extraction: a line of nothing but recipients (``各乡镇人民政府，
        # 县直各有关单位``) right under the header, with the text under it.
        text = recipients_text(lines.ft[pos] + ":") if not lines.ft[pos].endswith(":") else None
        if text and _all_recipients(text) and _body_like(lines.ft[pos + 1]):
            rec = (text, pos + 1, None)
    if rec:
        h.recipients_start = pos
        h.recipients, h.recipients_end, h.body_head = rec
        pos = h.recipients_end
    h.body_start = pos
    return h


_DATED_NUMBER = re.compile(rf"^\((?P<date>{DATE_PATTERN})\s?(?P<num>[^()\s]{{2,24}}?号)\)$")


def _all_recipients(text: str) -> bool:
    """Every item of ``text`` names an organ or a group of them (at least two items)."""
    items = recipient_items(text)
    return len(items) >= 2 and all(is_recipient_item(x) for x in items)


def loose_headers(lines: Lines, lo: int = 0) -> list[Header]:
    """Fallback for a lone document with an incomplete header: the first complete title, or
    else the first 发文字号 line with the short lines above it as the title (a title whose
    文种 the scan damaged beyond repair is still a title where a number stands under it)."""
    hi = min(len(lines), lo + 60)
    for i in range(lo, hi):
        block = _title_block_ending(lines, i, lo) if lines.ft[i] else None
        if block:
            below = _number_below(lines, block[1], hi)
            if below is not None:
                # A web page's own title over the document's header (its organ, its title again,
                # perhaps cut short by the site, its 发文字号 and 主送机关): the number is the
                # document's, and the lines in between repeat what the page's title says.
                k, dn = below
                return [_finish(lines, Header(block[0], block[0], block[1], dn, number_line=k), k + 1, len(lines))]
            return [_finish(lines, Header(block[0], block[0], block[1]), block[1], len(lines))]
    for i in range(lo + 1, hi):
        ft = lines.ft[i]
        if not ft or len(ft) > 60 or "号" not in ft:
            continue
        dn = doc_number_line(lines.raw[i])
        if dn is None or dn.is_order:
            continue
        a = _short_lines_above(lines, i, lo)
        if a < i:
            return [_finish(lines, Header(a, a, i, dn, number_line=i), i + 1, len(lines))]
    # A rule, plan or interpretation printed on its own (``某市城市供水管理办法`` / ``第一章 总则``;
    # ``某县…行动方案`` / ``为…，制定本方案。``): its name, maybe its adoption note, then its
    # chapters, articles, numbered parts or first sentence.
    for i in range(lo, hi - 1):
        ft = lines.ft[i]
        if not (4 <= len(ft) <= 50 and TEXT_NAME.search(ft)) or ends_sentence(ft) or "," in ft \
                or _ENUM_START.match(ft):
            continue
        pos = i + 1
        note = adoption_note(lines.ft[pos]) if lines.ft[pos][:1] in "(12" else None
        if note:
            pos += 1
        if pos < len(lines) and (_ARTICLES.match(lines.ft[pos]) or _ENUM_START.match(lines.ft[pos])
                                 or ends_sentence(lines.ft[pos])):
            h = Header(i, i, i + 1, adoption_date=note, note=lines.tr[i + 1] if note else None)
            return [_finish(lines, h, pos, len(lines))]
    return []


def _number_below(lines: Lines, b: int, hi: int) -> tuple[int, DocNumber] | None:
    """A 发文字号 line with a 主送机关 under it within a few short lines after ``b``, before any
    sentence: (its line, the number)."""
    for k in range(b, min(b + 6, hi)):
        ft = lines.ft[k]
        if ends_sentence(ft) or "," in ft or len(ft) > 60:
            return None
        dn = doc_number_line(lines.raw[k]) if "号" in ft else None
        if dn is not None:
            return (k, dn) if not dn.is_order and _recipients_at(lines, k + 1, hi) else None
    return None


# The names of rules, plans and their companions, and the chapters or articles that open rules.
TEXT_NAME = re.compile(
    r"(?:法|条例|规定|办法|细则|规则|规程|章程|准则|制度|决议|解释|方案|计划|规划|纲要|要点|措施|清单|指南|指引|解读|说明)"
    r"(?:\([^()]*\))?$")
_ARTICLES = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+[章条节编]|总\s?则$)")


def join_title_lines(parts: list[str]) -> str:
    """Join the lines of a title: a space between words (organ names keep apart), none inside
    a number or a Latin word that a line break cut (``2023-01`` / ``0号``)."""
    out = ""
    for p in parts:
        p = p.strip()
        cut_word = bool(out) and (out[-1] == "-" or (out[-1].isascii() and out[-1].isalnum())) \
            and p[:1].isascii() and p[:1].isalnum()
        if out and not cut_word:
            out += " "
        out += p
    return out


def title_key(ft: str) -> str:
    """A title compared without its issuer in front and without spaces."""
    return LEADING_ISSUER.sub("", ft.replace(" ", ""))


def toc_headers(lines: Lines, headers: list[Header], titles: list[str], lo: int, hi: int,
                sections: frozenset[str] = frozenset()) -> list[Header]:
    """Headers for documents the 目录 lists but the header rules did not see.

    The 目录 is the editors' own index of the issue: a line (or two or three) of the body that
    spells a listed title exactly, standing at a line start after a finished sentence or under
    one of the 目录's section headings (``人事任免``, folded in ``sections``), opens
    that document even when nothing else marks its start (a 名单 printed straight after a
    plan, no number, no 主送机关). Titles are compared folded, spaces removed, and without the
    issuer in front; short titles (under six characters) are not trusted.
    """
    known = {title_key("".join(lines.ft[h.title_start:h.title_end])) for h in headers}
    wanted = {}
    for t in titles:
        key = title_key(t)
        if len(key) >= 6 and key not in known:
            wanted[key] = t
    if not wanted:
        return headers
    inside = set()
    for h in headers:
        inside.update(range(h.start, h.body_start))
    longest = max(len(k) for k in wanted)
    # A title's first line holds the start of its key (or, with the issuer on a line of its
    # own, the next line does): a cheap test before the joins below.
    heads = {k[:4] for k in wanted}
    added: list[Header] = []
    for i in range(lo, hi):
        ft = lines.ft[i]
        if not ft or i in inside or len(ft) > longest + 30 or ft[-1] in "。;:,":
            continue
        if not any(h in ft for h in heads):
            continue
        before = lines.ft[i - 1] if i > lo else ""
        if before and not ends_sentence(before) and not before.endswith(")") \
                and heading_text(before) not in sections:
            continue
        joined = ""
        for j in range(i, min(i + 3, hi)):
            if j in inside:
                break
            joined += lines.ft[j]
            key = title_key(joined)
            if key in wanted:
                prev = next((h for h in reversed(headers) if h.start < i), None)
                if _is_carried(lines, prev, i, j + 1):
                    break  # the text a 印发 notice carries, listed under it in the 目录
                del wanted[key]
                h = Header(i, i, j + 1)
                pos = j + 1
                if pos < hi and _DATE_NOTE.match(lines.ft[pos]):
                    h.adoption_date, h.note = parse_date(lines.ft[pos]), lines.tr[pos]
                    pos += 1
                pos = _subtitle_and_speaker(lines, h, pos, hi)
                added.append(_finish(lines, h, pos, hi))
                inside.update(range(i, added[-1].body_start))
                break
            if len(key) >= longest:
                break
        if not wanted:
            break
    if not added:
        return headers
    return sorted(headers + added, key=lambda h: h.start)
