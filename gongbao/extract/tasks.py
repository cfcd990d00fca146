"""Responsibilities: the numbered tasks of a plan, who leads them, by when, toward what.

The body is read as an outline by its enumerators (一、 (一) 1. (1) ①). Tasks are the leaves
of the section that holds the tasks (重点任务, 主要任务, 工作任务, 重点工作…) or, when a plan
has no such section, every leaf that names responsible units. Units come from the genre's
closing parentheses (``(县财政局牵头，县民政局配合)``, ``(县教育体育局负责)``) or from
``牵头单位：…`` / ``责任单位：…`` lines; deadlines from ``到2025年底``, ``2024年10月底前``;
recurrences from ``每季度``; targets from ``毛入园率达到90%以上``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..models import Target, Task
from ..normalize.fold import fold
from ..parse.dates import month_end
from .organizations import split_unit_list

_LEVELS = (
    (1, re.compile(r"^([一二三四五六七八九十]+)[、.]")),
    (2, re.compile(r"^\(([一二三四五六七八九十]+)\)")),
    (3, re.compile(r"^(\d{1,3})[.、](?!\d)")),
    (4, re.compile(r"^\((\d{1,3})\)")),
    (5, re.compile(r"^([①-⑳])")),
)
_TASK_SECTION = re.compile(r"任务|重点工作|主要工作|工作措施|主要措施|具体措施|重点举措|工作内容|实施内容|行动")


@dataclass
class _Node:
    level: int
    label: str
    text: str
    path: str
    folded: str = ""
    children: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    extra_folded: list = field(default_factory=list)

    def full_text(self) -> tuple[str, str]:
        return "\n".join([self.text, *self.extra]), "\n".join([self.folded, *self.extra_folded])


def outline(paragraphs: list[str], folded: list[str] | None = None) -> list[_Node]:
    """The enumerated outline of a body (top-level nodes)."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    expected: dict[int, int] = {}
    folded = folded if folded is not None else [fold(p) for p in paragraphs]
    for para, fpara in zip(paragraphs, folded, strict=True):
        for piece, f in _split_glued(para, fpara, expected):
            level, label = _level_of(f)
            if level is None and _CLOSING.match(f):
                stack.clear()  # the text's closing clause belongs to no item
                continue
            if level is None:
                if stack:
                    stack[-1].extra.append(piece)
                    stack[-1].extra_folded.append(f)
                continue
            while stack and stack[-1].level >= level:
                stack.pop()
            path = (stack[-1].path + "." if stack else "") + _label_text(level, label)
            node = _Node(level, label, piece, path, f)
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
            if label.isdigit():
                expected[level] = int(label) + 1
    return roots


# The closing clause of a whole text, after its last item: ``本措施自印发之日起施行，有效期至…``,
# ``本方案由县发展改革局负责解释``.
_CLOSING = re.compile(r"^本[\u4e00-\u9fff]{0,8}?(?:通知|办法|方案|措施|意见|规定|细则|预案|决定|计划|制度|规则|标准)"
                      r"(?:自|由|从|的?有效期|中|所称|未尽事宜)")


_ENUM_FIRST = frozenset("一二三四五六七八九十(0123456789①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")


def _level_of(f: str) -> tuple[int | None, str]:
    if f[:1] not in _ENUM_FIRST:
        return None, ""  # most lines of text open with no enumerator: no pattern to try
    for level, rx in _LEVELS:
        m = rx.match(f)
        if m:
            return level, m.group(1)
    return None, ""


def _label_text(level: int, label: str) -> str:
    return f"({label})" if level in (2, 4) else label


_DIGIT = re.compile(r"\d")
_GLUED = ((3, re.compile(r"(?<![\d.])(\d{1,3})[.、](?=[\u4e00-\u9fff])")),
          (4, re.compile(r"(?<=[^\d(])\((\d{1,3})\)(?=[\u4e00-\u9fff])")))


def _split_glued(para: str, f: str, expected: dict[int, int]) -> list[tuple[str, str]]:
    """Split ``…开发利用15.持续完善…`` where the next number of a list was run into a line."""
    if not expected or not _DIGIT.search(f, 1):
        return [(para, f)]  # only a number can be run in
    for level, rx in _GLUED:
        n = expected.get(level)
        if n is None or (f"{n}." not in f and f"{n}、" not in f and f"({n})" not in f):
            continue
        for m in rx.finditer(f, 1):
            if int(m.group(1)) == n:
                cut = m.start()
                return [(para[:cut], f[:cut]), *_split_glued(para[cut:], f[cut:], {**expected, level: n + 1})]
    return [(para, f)]


def find_tasks(paragraphs: list[str], expand=None, folded: list[str] | None = None,
               year: int | None = None) -> list[Task]:
    """The tasks of a plan whose body is ``paragraphs``; ``expand`` canonicalises unit names;
    ``year`` (the document's) dates a deadline that names no year (``3月15日前``)."""
    folded = folded if folded is not None else [fold(p) for p in paragraphs]
    tables = table_tasks(paragraphs, folded, expand, year) if TASK_TABLE.search("\n".join(folded)) else []
    return _outline_tasks(paragraphs, folded, expand, year) + tables


def _outline_tasks(paragraphs: list[str], folded: list[str], expand, year: int | None = None) -> list[Task]:
    roots = outline(paragraphs, folded)
    if not roots:
        return []
    sections = [r for r in roots if r.level == 1 and _TASK_SECTION.search(r.folded[:30])]
    leaves: list[_Node] = []
    if sections:
        for s in sections:
            leaves.extend(_leaves(s))
        candidates = leaves
    else:
        candidates = [n for r in roots for n in _leaves(r)]
    tasks = []
    for node in candidates:
        if not sections and not _may_name_units(node):
            continue  # outside a task section only items naming their units count: skip the rest cheaply
        task = _task(node, expand, year)
        if sections or task.lead_units or task.responsible_units:
            tasks.append(task)
    return tasks


def _may_name_units(node: _Node) -> bool:
    """A labelled unit line or a closing parenthesis: where ``_units`` finds units."""
    f = node.full_text()[1]
    return "单位" in f or "部门" in f or f.rstrip("。;., ")[-1:] == ")" or ("由" in f and ("负责" in f or "牵头" in f))


def _leaves(node: _Node) -> list[_Node]:
    if not node.children:
        return [node]
    out = []
    for c in node.children:
        out.extend(_leaves(c))
    return out


# A label's value runs to the next label (lines of a plan are often run together):
# ``牵头单位：县某局配合单位：县直各有关单位完成时限：2024年12月底前``.
_LABELS = r"牵头单位|牵头部门|责任单位|配合单位|参与单位|责任部门|实施单位|完成时限|完成时间|时间节点|时限要求"
# (A unit marked lead inside the list, ``县发改局（牵头）、县财政局``, keeps its mark in the value.)
_VALUE = rf"\s*(?P<v>.+?)(?=(?:{_LABELS})[:：]|[;；。\n]|(?<![(（]牵头)[)）]|[(（](?!牵头[)）])|$)"
_MARKED_ITEM = re.compile(r"([^、,，;；]+?)[(（]牵头[)）]")
_LEAD_LINE = re.compile(rf"(?:牵头单位|牵头部门)[:：]{_VALUE}")
_RESP_LINE = re.compile(rf"(?:责任单位|配合单位|参与单位|责任部门|实施单位)[:：]{_VALUE}")
_LEAD_VERB = re.compile(r"(?:牵头负责|牵头)$")
_HELP_VERB = re.compile(r"(?:配合|参与|协同|协助|配合落实)$")
_DUTY_VERB = re.compile(
    r"(?:按照职责分工负责|按职责分工负责|按照职责分工落实|按职责分工落实|按照职责负责|按职责负责|分别负责|按职责分工|负责落实|负责|落实)$"
)
_UNITISH = re.compile(r"(?:局|委|办|厅|院|会|部|中心|政府|公司|队|所|站|社|行|团|单位|部门|管委会|乡镇|乡\(镇\)|街道|机构"
                      r"|开发区|高新区|园区|示范区|新区|管理区"
                      # People's organisations and the like: 残联, 妇联, 工商联, 科协, 侨联; 档案馆, 气象台,
                      # 办事处, 公署, 领导小组, 学校.
                      r"|联|协|馆|台|处|署|小组|学校)$")


def _units(text: str, f: str, expand) -> tuple[list[str], list[str]]:
    lead: list[str] = []
    resp: list[str] = []
    if "单位" in f or "部门" in f:
        for m in _LEAD_LINE.finditer(f):
            lead += _names(text[m.start("v"):m.end("v")], expand)
        for m in _RESP_LINE.finditer(f):
            value = text[m.start("v"):m.end("v")]
            for item in _MARKED_ITEM.finditer(value):
                lead += _names(item.group(1), expand)
            resp += _names(_MARKED_ITEM.sub("", value), expand)
    if not lead and not resp:
        span = trailing_parenthetical(f)
        if span:
            inner_f = f[span[0]:span[1]]
            inner = text[span[0]:span[1]]
            pos = 0
            for part in _split_top(inner_f):
                raw = inner[pos:pos + len(part)]
                pos += len(part) + 1
                pf = part.strip()
                if not pf:
                    continue
                if _LEAD_VERB.search(pf):
                    lead += _names(raw[: len(raw) - len(_LEAD_VERB.search(pf).group(0))], expand)
                elif _HELP_VERB.search(pf):
                    resp += _names(raw[: len(raw) - len(_HELP_VERB.search(pf).group(0))], expand)
                elif _DUTY_VERB.search(pf):
                    resp += _names(raw[: len(raw) - len(_DUTY_VERB.search(pf).group(0))], expand)
                elif _UNITISH.search(pf):
                    resp += _names(raw, expand)
    if not lead and not resp and "由" in f:
        # ``由县公安局负责，县应急局配合，6月30日前完成``: the units in a sentence of their own.
        m = _INLINE_DUTY.search(f)
        if m:
            names = _names(text[m.start("u"):m.end("u")], expand)
            if m.group("verb").startswith("牵头"):
                lead += names
            else:
                resp += names
            for h in _INLINE_HELP.finditer(f, m.end()):
                resp += _names(text[h.start("u"):h.end("u")], expand)
    return _dedupe(lead), [u for u in _dedupe(resp) if u not in lead]


_INLINE_DUTY = re.compile(r"(?:^|[。;,])由(?P<u>[^,;。由]{2,60}?)(?P<verb>牵头负责|牵头|负责)(?=[,;。]|$)")
_INLINE_HELP = re.compile(r"[,;](?P<u>[^,;。由]{2,60}?)(?:配合|协助|参与)(?=[,;。]|$)")


def trailing_parenthetical(f: str) -> tuple[int, int] | None:
    """The span inside the balanced parentheses that close ``f`` (folded), if any."""
    end = len(f.rstrip("。;.， "))
    if end == 0 or f[end - 1] != ")":
        return None
    depth = 0
    for k in range(end - 1, -1, -1):
        if f[k] == ")":
            depth += 1
        elif f[k] == "(":
            depth -= 1
            if depth == 0:
                return (k + 1, end - 1) if end - 1 - (k + 1) >= 2 else None
    return None


def _split_top(f: str) -> list[str]:
    """Split on , and ; outside nested parentheses (keeps lengths so offsets add up)."""
    parts, depth, start = [], 0, 0
    for k, ch in enumerate(f):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0:
            parts.append(f[start:k])
            start = k + 1
    parts.append(f[start:])
    return parts


_GROUP = re.compile(r"^(?:县直|市直|省直|区直)|各|有关")


def _names(text: str, expand) -> list[str]:
    out = []
    for name in split_unit_list(text.strip()):
        name = re.sub(r"^(?:由|请|各)?(?=[\u4e00-\u9fff])", "", name) if name.startswith(("由", "请")) else name
        name = name.strip(" 等")
        if len(name) >= 2 and _UNITISH.search(fold(name)):
            # A group (``县直各有关单位``, ``各乡镇``) is not one organ: kept as written.
            out.append(expand(name) if expand and not _GROUP.search(name) else name)
    return out


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


_DEADLINE_DAY = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:前|之前|以前|止)")
_DEADLINE_MONTH = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:底|末|份)?(?:前|之前|以前|底前)")
_DEADLINE_YEAR = re.compile(r"(?:到|至|截至|在|于)(?P<y>\d{4})年(?:底|末)?(?:前)?|(?P<y2>\d{4})年(?:底|末)(?:前)?")
_RECURRENCE = (("每日", "daily"), ("每天", "daily"), ("每周", "weekly"), ("每月", "monthly"),
               ("按月", "monthly"), ("每季度", "quarterly"), ("按季度", "quarterly"), ("每半年", "half-yearly"),
               ("每年", "yearly"), ("按年度", "yearly"), ("长期坚持", "ongoing"), ("持续推进", "ongoing"),
               ("常态化", "ongoing"))


def _deadline(f: str, year: int | None = None) -> str | None:
    if "年" not in f:
        return _deadline_in_year(f, year) if year and "月" in f else None
    m = _DEADLINE_DAY.search(f)
    if m:
        try:
            return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat()
        except ValueError:
            pass
    m = _DEADLINE_MONTH.search(f)
    if m and 1 <= int(m.group("m")) <= 12:
        y, mo = int(m.group("y")), int(m.group("m"))
        return month_end(y, mo).isoformat()
    m = _DEADLINE_YEAR.search(f)
    if m:
        return dt.date(int(m.group("y") or m.group("y2")), 12, 31).isoformat()
    return _deadline_in_year(f, year) if year else None


# ``3月15日前``, ``6月底前``: within the document's year (no year before the month).
_DEADLINE_DAY_NO_YEAR = re.compile(r"(?<![年\d])(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:前|之前|以前)")
_DEADLINE_MONTH_NO_YEAR = re.compile(r"(?<![年\d])(?P<m>\d{1,2})月(?:底|末)?(?:前|之前|以前|底前)")


def _deadline_in_year(f: str, year: int) -> str | None:
    m = _DEADLINE_DAY_NO_YEAR.search(f)
    if m:
        try:
            return dt.date(year, int(m.group("m")), int(m.group("d"))).isoformat()
        except ValueError:
            return None
    m = _DEADLINE_MONTH_NO_YEAR.search(f)
    if m and 1 <= int(m.group("m")) <= 12:
        mo = int(m.group("m"))
        return month_end(year, mo).isoformat()
    return None


_RECURRENCE_RE = re.compile("|".join(w for w, _ in _RECURRENCE))
_RECURRENCE_OF = dict(_RECURRENCE)


def _recurrence(f: str) -> str | None:
    m = _RECURRENCE_RE.search(f)
    return _RECURRENCE_OF[m.group(0)] if m else None


_TARGET = re.compile(
    r"(?P<verb>达到|提高到|提高至|提升到|提升至|不低于|不少于|不超过|不高于|控制在|降低到|降低至|下降到|降至|低于|高于|超过|"
    r"压缩至|压缩到|压减至|压减到|缩短至|缩短到|增长|增加|提高|减少|下降|达)"
    r"(?P<value>\d+(?:\.\d+)?)(?P<unit>%|个百分点|个工作日|工作日|万元|亿元|元|万人|人次|人|个|家|户|所|座|台|辆|公里|千米|平方米|平方公里|万亩|亩|"
    r"吨|万吨|次|场|项|张|小时|天|倍|名|条|处)?(?P<qual>以上|以下|左右|以内)?"
)
_METRIC_TRIM = re.compile(r"^(?:(?:到|至|力争到|力争|确保|到了)?\d{4}年(?:底|末)?|力争|确保|全年|全县|全市|全省|其中)+")
_GE = {"达到", "提高到", "提高至", "提升到", "提升至", "不低于", "不少于", "达"}
_LE = {"不超过", "不高于", "控制在", "降低到", "降低至", "下降到", "降至", "压缩至", "压缩到", "压减至", "压减到", "缩短至",
       "缩短到"}
_CHANGE = {"增长", "增加", "提高", "减少", "下降"}


def _targets(f: str, text: str) -> list[Target]:
    out = []
    for m in _TARGET.finditer(f):
        head = f[: m.start()]
        cut = max(head.rfind(c) for c in ",;。、:(")
        metric_f = head[cut + 1:]
        metric = text[cut + 1:m.start()]
        trim = _METRIC_TRIM.match(metric_f)
        if trim:
            metric = metric[trim.end():]
        verb, qual = m.group("verb"), m.group("qual")
        if verb in _CHANGE:
            metric += verb
        if len(metric) < 2:
            continue
        if qual == "左右":
            comp = "~"
        elif qual in ("以下", "以内") or verb in _LE:
            comp = "<" if verb in ("低于",) else "<="
        elif verb in ("超过", "高于"):
            comp = ">"
        elif verb == "低于":
            comp = "<"
        elif qual == "以上" or verb in _GE:
            comp = ">="
        else:
            comp = "="
        out.append(Target(metric=metric, comparator=comp, value=float(m.group("value")), unit=m.group("unit")))
    return out


_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,3}[.、．]|[①-⑳])")


def _task(node: _Node, expand, year: int | None = None) -> Task:
    text, f = node.full_text()
    lead, resp = _units(text, f, expand)
    body = _ENUMERATOR.sub("", text)
    return Task(id=node.path, text=body, lead_units=lead, responsible_units=resp,
                deadline=_deadline(f, year), recurrence=_recurrence(f), targets=_targets(f, text))


# --- a table of tasks (任务分工表) ------------------------------------------------------------
# Its columns by their headings; the body prints the heading row as one paragraph (cells run
# together or a space apart) and each row as ``N cell cell …`` (``normalize.paragraphs``).
_COLUMNS = {
    "index": "序号|编号",
    "task": "重点任务|主要任务|工作任务|具体任务|任务内容|任务举措|任务措施|工作内容|工作措施|具体措施|主要措施|重点工作"
            "|工作事项|改革事项|具体事项|事项|任务|措施|内容",
    "lead": "牵头单位|牵头部门|责任单位|责任部门|主责单位|主责部门|负责单位|实施单位|承办单位",
    "help": "配合单位|配合部门|协办单位|参与单位|协同单位|协助单位|协作单位",
    "deadline": "完成时限|完成时间|时间节点|时限要求|进度安排|时间安排|时限",
    "other": "备注|类别|领域|工作目标|预期目标|目标|责任人|分管领导",
}
_COLUMN = re.compile("|".join(sorted((x for v in _COLUMNS.values() for x in v.split("|")), key=len, reverse=True)))
_KIND_OF = {x: k for k, v in _COLUMNS.items() for x in v.split("|")}
_ROW = re.compile(r"^(\d{1,3}) (\S.*)$")
# A heading row's unit column next to another column: the cue that a body holds a 任务分工表.
TASK_TABLE = re.compile(r"(?:牵头|责任|配合|协办)(?:单位|部门)\s?(?:[\u4e00-\u9fff]{2,4}(?:单位|部门)|完成时限|完成时间|时限)")


def _heading_row(f: str) -> list[str] | None:
    """``重点任务牵头单位配合单位完成时限`` → the kinds of its columns, or None."""
    kinds, pos = [], 0
    for m in _COLUMN.finditer(f):
        if f[pos:m.start()].strip():
            return None
        kinds.append(_KIND_OF[m.group(0)])
        pos = m.end()
    if f[pos:].strip() or "task" not in kinds or not ({"lead", "help"} & set(kinds)):
        return None
    return kinds


def table_tasks(paragraphs: list[str], folded: list[str], expand=None, year: int | None = None) -> list[Task]:
    """The rows of a table of tasks: each row's task, lead and helping units, deadline."""
    tasks: list[Task] = []
    tables = 0
    k = 0
    while k < len(folded):
        f = folded[k]
        kinds = _heading_row(f) if len(f) <= 80 and ("单位" in f or "部门" in f) else None
        if kinds is None:
            k += 1
            continue
        tables += 1
        kinds = [x for x in kinds if x != "index"]
        k += 1
        while k < len(folded):
            m = _ROW.match(folded[k])
            if not m:
                break
            cells_f = m.group(2).split(" ")
            raw = paragraphs[k][m.start(2):]
            cells, pos = [], 0
            for c in cells_f:
                cells.append(raw[pos:pos + len(c)])
                pos += len(c) + 1
            tasks.append(_row_task(f"表{tables}.{m.group(1)}", kinds, cells, cells_f, expand, year))
            k += 1
    return tasks


def _row_task(task_id: str, kinds: list[str], cells: list[str], cells_f: list[str], expand,
              year: int | None = None) -> Task:
    """Cells to columns; a task's text may hold spaces of its own, so extra cells are its."""
    if len(cells) > len(kinds) and "task" in kinds:
        t = kinds.index("task")
        tail = len(kinds) - t - 1
        merged = " ".join(cells[t:len(cells) - tail])
        merged_f = " ".join(cells_f[t:len(cells_f) - tail])
        cells = [*cells[:t], merged, *cells[len(cells) - tail:]]
        cells_f = [*cells_f[:t], merged_f, *cells_f[len(cells_f) - tail:]]
    by_kind: dict[str, tuple[str, str]] = {}
    for kind, c, cf in zip(kinds, cells, cells_f, strict=False):
        by_kind.setdefault(kind, (c, cf))
    text, f = by_kind.get("task", ("", ""))
    lead = _names(by_kind["lead"][0], expand) if "lead" in by_kind else []
    resp = _names(by_kind["help"][0], expand) if "help" in by_kind else []
    when = by_kind.get("deadline", ("", ""))[1]
    return Task(id=task_id, text=text, lead_units=_dedupe(lead), responsible_units=[u for u in _dedupe(resp) if u not in lead],
                # A 完成时限 cell is a deadline by its column, often without 前 (``2025年12月底``).
                deadline=_deadline(when, year) or (_deadline(when.rstrip() + "前", year) if when else None),
                recurrence=_recurrence(when) or _recurrence(f), targets=_targets(f, text))
