"""One canonical name per organisation, from the context of the issuing organ.

A county document writes ``县工信和科技局`` for its own county's bureau; its full name is
the county's name plus the rest: ``交城县工信和科技局``. The place comes from the issuing
organ (``交城县人民政府`` → 交城县), never from a list written for one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..models import Organization
from ..normalize.fold import fold
from ..parse.organs import is_organ

# The place an organ belongs to: the text before its organ-type words.
_PLACE = re.compile(
    r"^(?:中共|中国共产党)?(?P<place>[\u4e00-\u9fff]{2,20}?(?:自治区|特别行政区|自治州|自治县|自治旗|省|市|县|区|旗|州|盟))"
    r"(?=人民政府|人民代表大会|政府|委员会|党委|委|人大|政协|办公|[\u4e00-\u9fff]{0,12}(?:局|厅|委员会|办|中心))"
)
_LEVEL = (("省", "province"), ("自治区", "province"), ("特别行政区", "province"), ("州", "city"),
          ("盟", "city"), ("县", "county"), ("旗", "county"), ("区", "county"), ("市", "city"))


@dataclass(frozen=True)
class Jurisdiction:
    """The places an issuing organ belongs to, by level (省 / 市 / 县)."""

    province: str | None = None
    city: str | None = None
    county: str | None = None

    def expand(self, name: str) -> str:
        """``县工信和科技局`` → ``交城县工信和科技局`` (when the county is known)."""
        t = fold(name)
        for lead, place in (("县", self.county), ("区", self.county), ("旗", self.county),
                            ("市", self.city), ("州", self.city), ("省", self.province)):
            if place and t.startswith(lead) and not t.startswith(lead + "委员会") and place.endswith(lead):
                return place + name[1:]
        if self.city and self.county is None and t.startswith("市") and self.city.endswith("市"):
            return self.city + name[1:]
        return name


# An order cited by its government's short name: ``市政府令第5号``, ``省人民政府令第123号``.
_OWN_ORDER = re.compile(r"^(?P<level>省|自治区|市|州|盟|县|区|旗)(?:人民)?政府令(?P<rest>(?:\d{4}年)?第\d{1,5}号)$")


def full_order_number(number: str, juris: Jurisdiction) -> str:
    """``市政府令第58号`` in a document of 某市人民政府 → ``某市人民政府令第58号``: the form the
    order itself is numbered in, so that a citation links to it. Left as written when the
    jurisdiction of that level is not known (a county's text citing its city's order)."""
    m = _OWN_ORDER.match(number)
    if not m:
        return number
    full = juris.expand(m.group("level") + "人民政府")
    return full + "令" + m.group("rest") if full != m.group("level") + "人民政府" else number


def place_of(organ: str) -> str | None:
    """``交城县人民政府`` → ``交城县``; ``中共朔州市委办公室`` → ``朔州市``."""
    m = _PLACE.match(fold(organ))
    return organ[m.start("place"):m.end("place")] if m else None


def jurisdiction(issuers: list[str]) -> Jurisdiction:
    """The jurisdiction of a document from its issuing organs (the first that names a place)."""
    for organ in issuers:
        place = place_of(organ)
        if not place:
            continue
        for suffix, level in _LEVEL:
            if place.endswith(suffix):
                # A county-level city (县级市) cannot be told from a prefecture city by its
                # name; ``市`` is taken as the city level, which is right for 市县 texts
                # that write 市直 / 市XX局.
                return Jurisdiction(**{level: place})
    return Jurisdiction()


@lru_cache(maxsize=65536)
def canonical(name: str, juris: Jurisdiction) -> str:
    full = juris.expand(name.strip())
    for short, long in _ABBREVIATIONS:
        if full.endswith(short) and not full.endswith(long):
            full = full[: -len(short)] + long
    return full


class OrganizationIndex:
    """Collects organisations across documents under canonical names, with aliases and roles."""

    def __init__(self) -> None:
        self._orgs: dict[str, Organization] = {}

    def add(self, name: str, role: str, juris: Jurisdiction) -> str | None:
        name = name.strip()
        if not name or "各" in name or not is_organ(name):
            return None
        name = _AND_OTHERS.sub("", name) if "等" in name else name
        full = canonical(name, juris)
        org = self._orgs.get(full)
        if org is None:
            org = self._orgs[full] = Organization(name=full)
        if name != full and name not in org.aliases:
            org.aliases.append(name)
        if role not in org.roles:
            org.roles.append(role)
        return full

    def alias(self, full: str, short: str) -> None:
        org = self._orgs.get(full)
        if org is not None and short != full and short not in org.aliases:
            org.aliases.append(short)

    def organizations(self) -> list[Organization]:
        return sorted(self._orgs.values(), key=lambda o: o.name)


_AND_OTHERS = re.compile(r"等(?:部门|单位)?$")
_LIST_SPLIT = re.compile(r"[、,，;；]|等(?:部门|单位)?(?:和|及|、)|(?<=[局委办厅院会部室心门])(?:和|及)(?=[\u4e00-\u9fff])")
# Standard abbreviations of organ words, expanded in canonical names.
_ABBREVIATIONS = (("管委会", "管理委员会"), ("政府办", "人民政府办公室"))


# ``各市、州、县人民政府``, ``各县、区政府``: one group of places, the ending shared.
_SHARED_ENDING = re.compile(r"各[省市州县区旗盟乡镇](?:、[省市州县区旗盟乡镇])+(?:人民政府|政府|党委)")


def split_unit_list(text: str) -> list[str]:
    """``县财政局、县民政局和县审计局`` → three names; ``各县（市、区）人民政府`` stays one."""
    f = fold(text)
    shared = _SHARED_ENDING.search(f)
    if "(" not in f and not shared:
        return [p.strip() for p in _LIST_SPLIT.split(text) if p.strip()]
    # Separators inside parentheses do not separate, nor those of places sharing one ending
    # (``各市、州、县人民政府``): mask them out before splitting.
    masked, depth = [], 0
    for ch in f:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        masked.append("\x00" if depth and ch in "、,;和及等" else ch)
    for m in _SHARED_ENDING.finditer(f):
        for k in range(m.start(), m.end()):
            if masked[k] == "、":
                masked[k] = "\x00"
    m = "".join(masked)
    out, pos = [], 0
    for sep in _LIST_SPLIT.finditer(m):
        out.append(text[pos:sep.start()])
        pos = sep.end()
    out.append(text[pos:])
    return [p.strip() for p in out if p.strip()]
