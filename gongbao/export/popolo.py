"""Appointments as Popolo (https://www.popoloproject.com/specs/): persons, organizations,
posts and memberships.

An appointment opens a membership (start_date); a later removal of the same person from the
same post closes it (end_date). Identifiers are built from names, so the same person name in
two issues is one person: homonyms are a known limit of name-only sources.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..extract.appointments import _POSTS
from ..models import Gazette
from ..normalize.fold import fold


def _post_title(post: str, organization: str | None) -> str:
    if organization and post.startswith(organization):
        return post[len(organization):]
    p = fold(post)
    for title in _POSTS:
        if p.endswith(title):
            return post[len(post) - len(title):]
    return post


def popolo(gazettes: Iterable[Gazette]) -> dict:
    """Popolo JSON for every appointment in ``gazettes`` (in decision-date order)."""
    persons: dict[str, dict] = {}
    organizations: dict[str, dict] = {}
    posts: dict[str, dict] = {}
    memberships: list[dict] = []
    open_membership: dict[tuple[str, str], dict] = {}
    entries = []
    for g in gazettes:
        for org in g.organizations:
            oid = f"organization/{org.name}"
            o = organizations.setdefault(oid, {"id": oid, "name": org.name, "other_names": []})
            for alias in org.aliases:
                if {"name": alias} not in o["other_names"]:
                    o["other_names"].append({"name": alias})
        for d in g.documents:
            for a in d.appointments:
                entries.append((a.decision_date or d.date or "", d, a))
    entries.sort(key=lambda e: e[0])
    for date, d, a in entries:
        pid = f"person/{a.person}"
        persons.setdefault(pid, {"id": pid, "name": a.person})
        oid = None
        if a.organization:
            oid = f"organization/{a.organization}"
            organizations.setdefault(oid, {"id": oid, "name": a.organization, "other_names": []})
        title = _post_title(a.post, a.organization)
        post_id = f"post/{a.post}"
        posts.setdefault(post_id, {"id": post_id, "label": a.post, "role": title, "organization_id": oid})
        source = {"note": f"{d.doc_number or d.title}（{a.verb or a.action}）", "title": d.title}
        if d.doc_number:
            source["doc_number"] = d.doc_number
        key = (pid, post_id)
        if a.action == "appoint":
            m = {
                "id": f"membership/{len(memberships) + 1}", "person_id": pid, "post_id": post_id,
                "organization_id": oid, "role": title, "start_date": date or None,
                "sources": [source],
            }
            if a.probation:
                m["note"] = "试用期"
            if a.decided_by:
                m["decided_by"] = a.decided_by
            if a.meeting:
                m["meeting"] = a.meeting
            memberships.append(m)
            open_membership[key] = m
        else:
            m = open_membership.pop(key, None)
            if m is None:
                # A removal from a post whose appointment is not in the archive.
                m = {"id": f"membership/{len(memberships) + 1}", "person_id": pid, "post_id": post_id,
                     "organization_id": oid, "role": title, "sources": []}
                memberships.append(m)
            m["end_date"] = date or None
            m["sources"].append(source)
    return {
        "persons": list(persons.values()),
        "organizations": list(organizations.values()),
        "posts": list(posts.values()),
        "memberships": memberships,
    }
