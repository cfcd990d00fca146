"""Appointments and removals (任免) in personnel notices, as Popolo-style memberships.

Two layouts are common: a list under ``决定任命:`` / ``决定免去:`` with one person a line
(``张三为某某局副局长(试用期一年);``, ``李四的某某局局长职务;``), and inline clauses
(``任命张三为…，免去李四的…职务``). Both are read clause by clause with the current verb.
The deciding body, meeting and date come from the sentence that introduces them
(``经某某县人民政府2024年7月11日第44次常务会议通过``, ``经…人民代表大会常务委员会第二十七次
会议于2024年8月30日通过``).
"""

from __future__ import annotations

import dataclasses
import re

from ..models import Appointment
from ..normalize.fold import fold
from ..parse.dates import DATE_PATTERN, parse_date
from ..parse.organs import is_organ

_NAME = r"[\u4e00-\u9fff·]{2,6}?"
# ``张三为…`` and ``张三、李四为…`` (several people, one post title each).
_APPOINT = re.compile(rf"^(?P<person>{_NAME}(?:(?:同志)?、{_NAME})*)(?:同志)?为(?P<post>.+?)$")
# ``免去张三的某某职务``, or ``免去张三同志某某职务`` (同志 marks where the name ends).
_REMOVE = re.compile(rf"^(?P<person>{_NAME}(?:(?:同志)?、{_NAME})*)(?:(?:同志)?的|同志)(?P<post>.+?)职务$")
_RESIGN = re.compile(rf"^(?:同意|接受)?(?P<person>{_NAME})(?:同志)?辞去(?P<post>.+?)职务")
_ACTING = re.compile(rf"^(?:决定)?(?P<person>{_NAME})(?:同志)?代理(?P<post>.+?)(?:职务)?$")
# ``张三同志任某某局局长`` (the county form, no verb heading the list); ``张三兼任…``,
# ``张三挂职任…`` (a secondment).
_TAKES = re.compile(rf"^(?P<person>{_NAME})(?P<comrade>同志)?(?P<verb>兼任|挂职任|挂任|担任|任)(?P<post>.+?)$")
# A remark closing an entry: ``（挂职时间一年）``, ``（正科级）``.
_REMARK = re.compile(r"\([^()]{1,12}\)$")
# ``张三同志免去某某局局长职务`` (the county form, the person first).
_LOSES = re.compile(rf"^(?P<person>{_NAME})(?:同志)?免去(?:其)?(?P<post>.+?)职务$")
# ``张三不再担任某某局局长职务``: a removal whatever verb heads the list.
_NO_LONGER = re.compile(rf"^(?P<person>{_NAME})(?:同志)?不再(?:担任|兼任)(?P<post>.+?)(?:职务)?$")
# What a list prints after a name: ``赵敏（女）``, ``马丽（女，回族）``, ``达瓦（藏族）``.
_PERSON_NOTE = re.compile(r"(?<=[\u4e00-\u9fff])\((?:女|男)?,?(?:[\u4e00-\u9fff]{1,5}族)?\)(?=[\u4e00-\u9fff、])")
# ``…，免去其某某职务``: the person is the one the clause before named.
_REMOVE_THEIR = re.compile(r"^(?:免去)?其(?P<post>.+?)职务$")
_PROBATION = re.compile(r"\((?:试用期|任职试用期)[^()]*\)")
_TRAIL = ";:。,.、 "
_VERBS = {"任命": "appoint", "聘任": "appoint", "聘用": "appoint", "提名": "appoint",
          "免去": "remove", "解聘": "remove", "撤销": "remove"}
_MODE_END = re.compile(r"(?:决定|同意|拟)?(任命|聘任|聘用|免去|解聘)[:]?\s*$")
# ``省人民政府决定``: who decides (when no meeting is named), before a list or its verb.
# ``经市人民政府研究决定``: the organ without the 经 in front (an organ named 经济… keeps it).
_BY = r"(?:经(?!济))?(?P<by>[\u4e00-\u9fff]{2,30}?)(?:经?研究)?决定"
_MODE_LEAD = re.compile(rf"^(?:{_BY}|决定|同意|拟)?(?P<verb>任命|聘任|聘用|提名|免去|解聘)(?![:]?$)")
_DECIDES = re.compile(rf"^{_BY}[:,]?$")
# ``县人民政府决定：孙丽任县审计局局长``: the decision and its first entry on one line.
_DECIDES_BEFORE = re.compile(rf"^{_BY}:")
# ``决定张三为某县人民政府代理县长``: a decision with no verb of its own.
_DECIDED = re.compile(rf"^决定(?P<person>{_NAME})(?:同志)?为(?P<post>.+?)$")
# ``…，代理某县人民政府县长职务``: acting in a post, the person the clause before named.
_ACTING_THEIR = re.compile(r"^(?:并)?代理(?P<post>.+?)(?:职务)?$")
_MEETING = re.compile(
    rf"(?:经|在)\s?(?P<date0>{DATE_PATTERN})?\s?(?P<body>[\u4e00-\u9fff]{{2,40}}?)\s?(?P<date>{DATE_PATTERN})?\s?"
    r"(?P<meeting>第[\d一二三四五六七八九十百零〇]+次[\u4e00-\u9fff]{0,8}?会议)"
    rf"(?:于(?P<date2>{DATE_PATTERN}))?"
)
_ADOPTED = re.compile(
    rf"\((?P<date>{DATE_PATTERN})(?P<body>[\u4e00-\u9fff]{{2,40}}?)"
    r"(?P<meeting>第[\d一二三四五六七八九十百零〇]+次[\u4e00-\u9fff]{0,8}?会议)通过\)"
)
# Posts, longest first: what is left in front of one is the organisation.
_POSTS = sorted("""局长 副局长 主任 副主任 常务副主任 队长 副队长 院长 副院长 理事长 副理事长 主席 副主席 秘书长
副秘书长 市长 副市长 县长 副县长 区长 副区长 省长 副省长 镇长 副镇长 乡长 副乡长 书记 副书记 参事 馆长 副馆长
所长 副所长 站长 副站长 部长 副部长 厅长 副厅长 司长 副司长 处长 副处长 科长 副科长 主任委员 副主任委员 委员
审判员 检察员 庭长 副庭长 行长 副行长 社长 副社长 校长 副校长 经理 副经理 总经理 董事长 专员 调研员 督学
主任科员 局长助理 总工程师 总经济师 总会计师 总师 团长 政委 组长 副组长 会长 副会长 大队长 副大队长
审判委员会委员 检察委员会委员 党组书记 党组成员 支队长 副支队长 中队长 园长 副园长
法律顾问 顾问 副总工程师 副总经理 总规划师 首席专家""".split(), key=len, reverse=True)


def find_appointments(body: str, doc_date: str | None = None, expand=None,
                      context: str | None = None) -> list[Appointment]:
    """Every appointment and removal stated in ``body``, in order.

    ``expand`` maps a short organisation name to its canonical one (see
    ``extract.organizations``); ``context`` is a note printed under the title (a people's
    congress list's ``(…会议通过)``) that names the deciding meeting.
    """
    out: list[Appointment] = []
    mode: str | None = None
    verb: str | None = None
    decided_by = meeting = decision_date = None
    canon = expand or (lambda name: name)
    if context:
        got = _decision(fold(context), context)
        if got:
            decided_by, meeting, decision_date = got
    if decided_by:
        decided_by = canon(decided_by)
    for para in body.split("\n"):
        f, para = _without_person_notes(fold(para), para)
        got = _decision(f, para)
        if got:
            decided_by, meeting, decision_date = got
            decided_by = canon(decided_by)
        for cm in re.finditer(r"[^;。,]+[;。,]?", f):
            clause = cm.group(0).strip()
            raw_clause = para[cm.start():cm.end()].strip()
            if not clause:
                continue
            m = _MODE_END.search(clause)
            if m:
                verb = m.group(1)
                mode = _VERBS[verb]
                continue
            by = _DECIDES.match(clause)
            if by and not decided_by and is_organ(by.group("by")):
                decided_by = canon(by.group("by"))
                continue
            by = _DECIDES_BEFORE.match(clause)
            if by and is_organ(by.group("by")):
                decided_by = decided_by or canon(by.group("by"))
                clause, raw_clause = clause[by.end():], raw_clause[by.end():]
            lead = _MODE_LEAD.match(clause)
            if lead and lead.group("by") and not is_organ(lead.group("by")):
                lead = None  # ``…同志任命…``: not a deciding organ in front
            if lead:
                verb = lead.group("verb")
                mode = _VERBS[verb]
                cut = lead.end()
                if lead.group("by") and not decided_by:
                    decided_by = canon(lead.group("by"))
                clause, raw_clause = clause[cut:], raw_clause[cut:]
            entry = (_special(clause, raw_clause) or _their(clause, raw_clause, out)
                     or (_entry(clause, raw_clause, mode, verb) if mode else None)
                     or _takes(clause, raw_clause))
            if entry:
                entry.decided_by, entry.meeting = decided_by, meeting
                entry.decision_date = decision_date or doc_date
                entry.organization = organization_of(entry.post, expand)
                for person in entry.person.split("、"):
                    out.append(dataclasses.replace(entry, person=person.removesuffix("同志")))
    return out


def _decision(f: str, raw: str) -> tuple[str, str, str | None] | None:
    m = _ADOPTED.search(f) or _MEETING.search(f)
    if not m:
        return None
    body = raw[m.start("body"):m.end("body")].replace(" ", "")
    meeting = raw[m.start("meeting"):m.end("meeting")].replace(" ", "")
    date = m.group("date") or m.groupdict().get("date2") or m.groupdict().get("date0")
    return body, meeting, parse_date(date) if date else None


def _strip_pair(f: str, raw: str) -> tuple[str, str]:
    """Strip trailing/leading punctuation from a folded text and its original alike."""
    a = len(f) - len(f.lstrip(_TRAIL))
    b = len(f.rstrip(_TRAIL))
    return f[a:b], raw[a:b]


def _without_probation(f: str, raw: str) -> tuple[str, str, bool]:
    m = _PROBATION.search(f)
    if not m:
        return f, raw, False
    return f[: m.start()] + f[m.end():], raw[: m.start()] + raw[m.end():], True


def _without_person_notes(f: str, raw: str) -> tuple[str, str]:
    """``赵敏（女）的…职务`` → ``赵敏的…职务``, in the folded text and its original alike."""
    if "(" not in f:
        return f, raw
    spans = [m.span() for m in _PERSON_NOTE.finditer(f) if m.end() - m.start() > 2]
    for a, b in reversed(spans):
        f, raw = f[:a] + f[b:], raw[:a] + raw[b:]
    return f, raw


def _special(clause: str, raw: str) -> Appointment | None:
    """辞去, 不再担任 and 代理 read the same whatever verb came before."""
    text, raw = _strip_pair(clause, raw)
    m = _RESIGN.match(text)
    if m:
        return _make(m, raw, "remove", "辞去", False)
    m = _NO_LONGER.match(text)
    if m and len(m.group("post")) >= 2:
        return _make(m, raw, "remove", "不再担任", False)
    m = _LOSES.match(text)
    if m and len(m.group("post")) >= 2 and m.group("person")[-1] not in "府局委办院部厅会" \
            and not _VERBISH.search(m.group("person")) and m.group("person") not in _NOT_PERSONS:
        return _make(m, raw, "remove", "免去", False)
    m = _ACTING.match(text)
    if m and len(m.group("post")) >= 2:
        return _make(m, raw, "appoint", "代理", False)
    m = _DECIDED.match(text)
    if m and len(m.group("post")) >= 2 and any(m.group("post").endswith(t) for t in _POSTS):
        return _make(m, raw, "appoint", "决定", False)
    return None


def _takes(clause: str, raw: str) -> Appointment | None:
    """``张三同志任某某局局长（试用期一年）``: only when a known post title ends the clause
    (``以上同志任职试用期一年的`` is not an appointment)."""
    text, raw, probation = _without_probation(clause, raw)
    text, raw = _strip_pair(text, raw)
    remark = _REMARK.search(text)
    if remark:
        text, raw = text[:remark.start()], raw[:remark.start()]
    m = _TAKES.match(text)
    if not m or len(m.group("post")) < 3 or m.group("person") in _NOT_PERSONS or _VERBISH.search(m.group("person")):
        return None
    if not any(m.group("post").endswith(t) for t in _POSTS):
        return None
    return _make(m, raw, "appoint", m.group("verb"), probation)


_NOT_PERSONS = {"以上", "上述", "以下", "其他", "其余", "该", "各"}
_VERBISH = re.compile(r"同意|决定|聘|拟|提请|免")  # ``同意聘任…`` is a verb, not a name


def _their(clause: str, raw: str, so_far: list[Appointment]) -> Appointment | None:
    """``免去其某某职务`` or ``代理某某职务`` after a clause that named the person."""
    text, raw = _strip_pair(clause, raw)
    if not so_far:
        return None
    for rx, action, verb in ((_REMOVE_THEIR, "remove", "免去"), (_ACTING_THEIR, "appoint", "代理")):
        m = rx.match(text)
        if m and len(m.group("post")) >= 2:
            post = raw[m.start("post"):m.end("post")]
            return Appointment(person=so_far[-1].person, action=action, post=post, probation=False, verb=verb)
    return None


# A remark closing an entry: ``(另有任用)``, ``(退休)``, ``(挂职一年)``, ``(按期转正)``.
_REMARK = re.compile(r"\([^()]{1,20}\)[;:。,.、 ]*$")


def _entry(clause: str, raw: str, mode: str, verb: str | None) -> Appointment | None:
    text, raw, probation = _without_probation(clause, raw)
    text, raw = _strip_pair(text, raw)
    remark = _REMARK.search(text)
    if remark:
        text, raw = _strip_pair(text[:remark.start()], raw[:remark.start()])
    m = (_REMOVE if mode == "remove" else _APPOINT).match(text)
    if not m or len(m.group("post").strip(_TRAIL)) < 2:
        return None
    return _make(m, raw, mode, verb, probation)


def _make(m: re.Match, raw: str, action: str, verb: str | None, probation: bool) -> Appointment:
    """Slice person and post from the original characters (same offsets as the folded text)."""
    person = raw[m.start("person"):m.end("person")]
    post_f = m.group("post")
    post = raw[m.start("post"):m.end("post")]
    cut = len(post_f.rstrip(_TRAIL))
    return Appointment(person=person.replace(" ", ""), action=action, post=post[:cut],
                       probation=probation, verb=verb)


def organization_of(post: str, expand=None) -> str | None:
    """``交城县农业农村局副局长`` → ``交城县农业农村局``: the organisation a post belongs to."""
    p = fold(post)
    for title in _POSTS:
        if p.endswith(title) and len(p) > len(title):
            org = post[: len(post) - len(title)]
            if is_organ(org):
                return expand(org) if expand else org
    return None
