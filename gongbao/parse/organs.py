"""What an organ name (机关名称) looks like, by the grammar of Chinese administrative names.

No list of places or organs: a name is recognised by its ending (人民政府, 办公厅, 委员会,
局, 厅…) and split from its neighbours where one ending meets the start of another name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..normalize.fold import fold

# Endings of organ names, longest first so alternation prefers them.
SUFFIXES = (
    "人民代表大会常务委员会", "人民代表大会", "常务委员会", "管理委员会", "人民政府", "办公厅",
    "办公室", "委员会", "领导小组", "指挥部", "工作组", "管委会", "检察院", "法院", "政协",
    "党委", "党组", "中央", "国务院", "政府", "总局", "公司", "集团", "银行", "大学", "学校",
    "医院", "中心", "总队", "支队", "大队", "街道", "社区", "联合会", "联合社", "协会",
    "厅", "局", "部", "署", "委", "院", "会", "办", "处", "科", "室", "所", "站", "队",
    "社", "司", "行", "镇", "乡", "村", "店", "馆", "园", "团", "组",
)
_SUFFIX_RE = "|".join(SUFFIXES)
_SUFFIX_SET = set(SUFFIXES) - {"国务院", "中央"}
_SINGLE = {x for x in SUFFIXES if len(x) == 1}
_LEADING_SUFFIX = re.compile("|".join(x for x in SUFFIXES if x in _SUFFIX_SET))
# Words that end like an organ but are not one (``全会``, ``会议``...).
_NOT_ORGAN_END = re.compile(
    r"(?:会议|全会|机会|社会|体会|都会|工作|部分|全部|内部|外部|局部|干部|东部|西部|南部|北部|中部"
    r"|全局|大局|格局|布局|结局|城乡|农村|乡村|进行|执行|施行|实行|运行|发行|推行|举行|履行|试行"
    r"|自行|先行|同行|可行|流行|督办|承办|举办|主办|协办|创办|开办|兴办|查处|之处|到处|好处|场所"
    r"|住所|处所|学科|教室|乡镇|城镇|市镇|小组|分组|公园|乐园|家园|校园|花园|庭院|社团|公社|寺院)$"
)
_ORGAN = re.compile(rf"^[\u4e00-\u9fff()（）·]{{1,40}}?(?:{_SUFFIX_RE})$")
# Names hold no digits, no sentence punctuation and none of the verbs of a title.
_NOT_IN_NAME = re.compile(r"[\d:;。,]|关于|转发|印发|批转|通知|决定|报告")
# Generic recipient words that are not names but stand where names stand.
_GENERIC = re.compile(r"(?:单位|部门|机构|机关|企业|组织|成员|同志|群众|居民|人员|商户|县直|市直|省直)$"
                      # the places under a government, as a group: 各乡镇, 各区县, 各县（市、区）, 各镇街
                      r"|^各(?:乡镇|区县|县区|县市区?|市县|市州|盟市|旗县|镇街|街镇|镇办|镇\(街道\)|乡\(镇\)|县\(市、?区?\)|县\(区\)|区\(县\))$")


@lru_cache(maxsize=65536)
def is_organ(token: str) -> bool:
    """True if ``token`` (no spaces) reads as one organ name: ``吕梁市人民政府``, ``县自然资源局``."""
    t = fold(token).strip()
    if len(t) < 2 or len(t) > 40 or t in _SUFFIX_SET:
        return False
    m = _ORGAN.match(t)
    if not m or _NOT_ORGAN_END.search(t) or _NOT_IN_NAME.search(t):
        return False
    # A one-character ending (局, 会, 行...) needs a name in front of it.
    return not (len(t) < 3 and t[-1:] in _SINGLE)


# Zones addressed as units of government (``某某经济技术开发区``, ``某某新区``, ``某某管理区``).
_ZONE = re.compile(r"^[\u4e00-\u9fff]{2,20}(?:开发区|新区|高新区|管理区|园区|试验区|示范区|合作区|保税区|实验区)$")


def is_recipient_item(token: str) -> bool:
    """An item of a 主送机关 list: an organ, a zone governed as one, or a generic group
    (各有关单位, 县直各部门)."""
    t = fold(token).strip()
    return is_organ(t) or bool(_ZONE.match(t)) or (bool(_GENERIC.search(t)) and len(t) <= 30)


# Where one name ends and the next begins inside a run without spaces.
_NAME_START = re.compile(
    r"(?:中共|中国|中华|国家|国务院|全国|共青团|[\u4e00-\u9fff]{1,6}(?:省|市|县|区|州|旗|自治区|自治州|自治县|特别行政区))"
)


_NAME_BREAK = re.compile(r"[\s、,，]+")


def split_organs(text: str) -> list[str]:
    """Split ``text`` into organ names: on spaces first, then where two names touch.

    ``中共山西省委办公厅山西省人民政府办公厅`` → two names. A part that cannot be split
    cleanly is returned whole.
    """
    out: list[str] = []
    for part in _NAME_BREAK.split(text.strip()):
        if part:
            out.extend(_split_run(part))
    return out


def _split_run(run: str) -> list[str]:
    folded = fold(run)
    best = _best_split(folded, 0, {})
    if best is None:
        return [run]
    names, pos = [], 0
    for end in best:
        names.append(run[pos:end])
        pos = end
    return names


def _best_split(s: str, start: int, memo: dict) -> list[int] | None:
    """Most organ names covering ``s[start:]``; each later name must start like a name."""
    if start == len(s):
        return []
    if start in memo:
        return memo[start]
    best = None
    for m in re.finditer(_SUFFIX_RE, s[start:]):
        end = start + m.end()
        piece = s[start:end]
        if not is_organ(piece):
            continue
        if end < len(s) and (not _NAME_START.match(s, end) or _LEADING_SUFFIX.match(s, end)):
            continue
        rest = _best_split(s, end, memo)
        if rest is not None and (best is None or len(rest) + 1 > len(best)):
            best = [end, *rest]
    memo[start] = best
    return best


def leading_organ(text: str) -> str | None:
    """The longest organ name that opens ``text``: ``某县人民政府第12次常务会议纪要`` → ``某县人民政府``."""
    f = fold(text)
    if f[:1] in "在致关":
        return None  # ``在全市…大会上的讲话``, ``致…的信``, ``关于…``: no organ opens these
    best = None
    for m in re.finditer(_SUFFIX_RE, f[:40]):
        if f[m.end():m.end() + 1] in _WORD_GOES_ON.get(f[m.end() - 1], ""):
            continue  # ``…供水管理办法``: 办 begins 办法 here, it ends no organ's name
        if is_organ(f[: m.end()]):
            best = text[: m.end()]
    return best


# A one-character ending that the next character turns into a word: 办法, 会议, 部分, 处理…
_WORD_GOES_ON = {"办": "法理", "会": "议", "部": "分门署", "处": "理罚置", "行": "动为政", "社": "会", "所": "有得以",
                 "站": "点", "局": "面势", "院": "校"}
