"""The registers of a parsed issue, flattened for people and programs (``gongbao registers``)."""

from __future__ import annotations

from dataclasses import asdict

from .models import Gazette


def registers_of(g: Gazette) -> dict:
    """Citations, validity, appointments and tasks, each entry naming its document."""
    def ref(d):
        return {"seq": d.seq, "doc_number": d.doc_number, "title": d.title}

    by_org: dict[str, list[dict]] = {}
    for d in g.documents:
        for t in d.tasks:
            for name in (*t.lead_units, *t.responsible_units):
                by_org.setdefault(name, []).append({
                    "document": ref(d), "task": t.id, "text": t.text, "lead": name in t.lead_units,
                    "deadline": t.deadline, "recurrence": t.recurrence})
    return {
        "citations": [{"document": ref(d), **asdict(c)} for d in g.documents for c in d.citations],
        "validity": [{"document": ref(d), **asdict(d.validity)} for d in g.documents if d.validity],
        "appointments": [{"document": ref(d), **asdict(a)} for d in g.documents for a in d.appointments],
        "tasks": [{"document": ref(d), **asdict(t)} for d in g.documents for t in d.tasks],
        # One register per organisation: what it must do, by when, under which document.
        "responsibilities": dict(sorted(by_org.items())),
        "organizations": [asdict(o) for o in g.organizations],
    }


_RELATION_ZH = {"basis": "依据", "implements": "印发", "forwards": "转发", "replies_to": "批复",
                "repeals": "废止", "amends": "修改", "cites": "引用"}
_STATUS_ZH = {"in_force": "现行有效", "repealed": "已废止", "expired": "已失效", "not_yet_effective": "尚未施行"}


def render_registers(data: dict) -> str:
    out: list[str] = ["【引用与效力关系】"]
    for c in data["citations"]:
        target = c["doc_number"] or ""
        if c["title"]:
            target = f"《{c['title']}》" + (f"（{target}）" if target else "")
        out.append(f"  [{c['document']['seq']}] {_RELATION_ZH[c['relation']]} {target}")
    out.append("")
    out.append("【时效性】")
    for v in data["validity"]:
        span = f"{v['effective_from'] or '?'} 至 {v['effective_until'] or '—'}"
        out.append(f"  [{v['document']['seq']}] {v['document']['doc_number'] or v['document']['title']}："
                   f"{_STATUS_ZH[v['status']]}（{span}，截至 {v['as_of']}）")
    out.append("")
    out.append("【任免】")
    for a in data["appointments"]:
        verb = a["verb"] or ("任命" if a["action"] == "appoint" else "免去")
        extra = f"，{a['decided_by']}{a['meeting'] or ''}" if a["decided_by"] else ""
        out.append(f"  {a['decision_date'] or ''} {verb} {a['person']} {a['post']}"
                   f"{'（试用期）' if a['probation'] else ''}{extra}")
    out.append("")
    out.append("【任务分工】")
    for t in data["tasks"]:
        who = "、".join(t["lead_units"]) + ("（牵头）" if t["lead_units"] else "")
        if t["responsible_units"]:
            who += ("；" if who else "") + "、".join(t["responsible_units"])
        when = f" 期限 {t['deadline']}" if t["deadline"] else ""
        out.append(f"  [{t['document']['seq']}] {t['id']} {t['text'][:40]}… — {who or '未注明'}{when}")
    out.append("")
    out.append("【各单位任务】")
    for name, items in data["responsibilities"].items():
        lead = sum(1 for x in items if x["lead"])
        out.append(f"  {name}：{len(items)} 项" + (f"（牵头 {lead} 项）" if lead else ""))
        for x in items:
            when = f"，期限 {x['deadline']}" if x["deadline"] else ""
            out.append(f"    - {x['document']['doc_number'] or x['document']['title']} {x['task']}"
                       f"{'（牵头）' if x['lead'] else ''}{when}：{x['text'][:30]}…")
    out.append("")
    out.append("【机构】")
    for o in data["organizations"]:
        alias = f"（又称 {'、'.join(o['aliases'])}）" if o["aliases"] else ""
        out.append(f"  {o['name']}{alias}")
    return "\n".join(out) + "\n"
