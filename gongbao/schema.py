"""JSON Schema of the ``gongbao parse`` output, generated from the dataclasses.

Generating it from :mod:`gongbao.models` keeps the schema and the output from drifting
apart; the descriptions below are the documentation of each field.
"""

from __future__ import annotations

import dataclasses
import types
import typing

from . import models

DESCRIPTIONS = {
    "IssueInfo": "Cover and colophon metadata; null when the input is a single document.",
    "IssueInfo.gazette": "刊名, e.g. 某某县人民政府公报",
    "IssueInfo.year": "Year of the issue (年)",
    "IssueInfo.number": "Issue number within the year (第N期)",
    "IssueInfo.cumulative_number": "Cumulative issue number (总第N期)",
    "IssueInfo.publication_date": "出版日期, YYYY-MM-DD",
    "IssueInfo.publisher": "主办单位 / 编印单位",
    "IssueInfo.frequency": "刊期 as printed: 月刊, 季刊, 半月刊…",
    "IssueInfo.address": "地址",
    "IssueInfo.postcode": "邮编",
    "IssueInfo.phone": "电话",
    "IssueInfo.distribution": "赠阅/发送范围",
    "TocEntry.title": "Title, repaired from the body when the printed 目录 was damaged",
    "TocEntry.doc_number": "发文字号, normalised (机关代字〔YYYY〕N号)",
    "TocEntry.page": "Page number; printed in the 目录, else inferred from neighbouring pages",
    "TocEntry.section": "Section heading of the 目录 the entry stands under",
    "TocEntry.in_body": "The document is present in the body of the issue",
    "TocEntry.in_toc": "The entry is printed in the 目录 (false: a document the 目录 lost, recovered from the body)",
    "Attachment.title": "附件 name without its number",
    "Attachment.online_only": "Marked 见网络版 (published online only)",
    "Appointment.person": "Name, layout spaces removed",
    "Appointment.action": "appoint or remove",
    "Appointment.post": "The post, as written",
    "Appointment.probation": "试用期 stated",
    "Document.seq": "1-based position in the issue",
    "Document.section": "Section of the issue the document falls under",
    "Document.doc_number": "发文字号 normalised to 机关代字〔YYYY〕N号; orders keep 第N号 (某某令第N号)",
    "Document.title": "标题 without layout spaces (the issuing organ may be omitted in front)",
    "Document.issuers": "发文机关: every issuing organ (joint documents have several)",
    "Document.doc_type": "文种: one of the 15 of 党政机关公文处理工作条例, or 令",
    "Document.recipients": "主送机关, without the trailing colon",
    "Document.signatories": "署名 of the document proper (organs, or the person signing an order)",
    "Document.date": "成文日期, YYYY-MM-DD",
    "Document.disclosure": "附注 such as 此件公开发布",
    "Document.attachments": "附件说明 entries",
    "Document.embedded_title": "Title of the text a 印发/转发 notice (or an order) carries",
    "Document.page": "Page in the issue (from the 目录)",
    "Document.cites": "发文字号 of the documents the text cites, normalised, in order of first appearance",
    "Document.repeals": "发文字号 the text declares 废止 / 停止执行 / 自行失效",
    "Document.appointments": "任免 entries of a personnel notice",
    "Document.body": "正文 as clean paragraphs separated by newlines",
    "Document.warnings": "What the parser could not read cleanly in this document",
    "Document.citations": "Every reference to another document, with its relation and the sentence as evidence",
    "Document.validity": "时效性 computed from the document alone (the archive recomputes it across documents)",
    "Document.tasks": "Numbered tasks or measures of a plan with lead and responsible units, deadline, targets",
    "Appointment.organization": "The organisation the post belongs to (canonical name)",
    "Appointment.decided_by": "The body that decided (人民政府, 人大常委会…)",
    "Appointment.meeting": "The meeting that decided, e.g. 第44次常务会议",
    "Appointment.decision_date": "Date of the decision, YYYY-MM-DD",
    "Appointment.verb": "The text's own verb: 任命, 免去, 聘任, 解聘, 辞去, 代理…",
    "Citation.doc_number": "Normalised 发文字号 of the cited document, when written",
    "Citation.title": "Cited title from 《》, when written",
    "Citation.relation": "basis, implements, forwards, replies_to, repeals, amends or cites",
    "Citation.evidence": "The sentence that makes the citation",
    "Validity.status": "in_force, repealed, expired or not_yet_effective, as of `as_of`",
    "Validity.effective_from": "施行/执行 date, YYYY-MM-DD",
    "Validity.effective_until": "Last day in force (有效期), YYYY-MM-DD",
    "Validity.repealed_by": "发文字号 of the repealing document",
    "Validity.evidence": "The sentence(s) the dates come from",
    "Validity.as_of": "The date the status was computed for, YYYY-MM-DD",
    "Task.id": "Position in the plan's outline, e.g. 二.(一).1.(1)",
    "Task.text": "The task as written",
    "Task.lead_units": "牵头单位 (canonical names)",
    "Task.responsible_units": "责任/配合单位 (canonical names)",
    "Task.deadline": "Deadline YYYY-MM-DD (到2025年底 → 2025-12-31)",
    "Task.recurrence": "daily, weekly, monthly, quarterly, yearly or ongoing",
    "Task.targets": "Quantitative targets of the task",
    "Target.comparator": ">=, <=, >, <, = or ~ (左右)",
    "Organization.name": "Canonical name (县工信和科技局 in a 交城县 document → 交城县工信和科技局)",
    "Organization.aliases": "Other names seen for it",
    "Organization.roles": "issuer, signatory, recipient, unit, post",
    "Gazette.issue": "Cover and colophon metadata; null for a single document",
    "Gazette.organizations": "Every organisation named in the input, under one canonical name each",
}


def _type_schema(tp, defs: dict) -> dict:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        non_null = [a for a in args if a is not type(None)]
        inner = _type_schema(non_null[0], defs)
        if "type" in inner:
            return {**inner, "type": [inner["type"], "null"]}
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if dataclasses.is_dataclass(tp):
        _define(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    return {str: {"type": "string"}, int: {"type": "integer"}, float: {"type": "number"},
            bool: {"type": "boolean"}}[tp]


def _define(cls, defs: dict) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # guard against recursion
    hints = typing.get_type_hints(cls)
    props = {}
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        prop = _type_schema(hints[f.name], defs)
        desc = DESCRIPTIONS.get(f"{cls.__name__}.{f.name}")
        if desc:
            prop = {**prop, "description": desc}
        props[f.name] = prop
    defs[cls.__name__] = {
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }
    if cls.__name__ in DESCRIPTIONS:
        defs[cls.__name__]["description"] = DESCRIPTIONS[cls.__name__]


def parse_output_schema() -> dict:
    """The JSON Schema (2020-12) of ``Gazette.to_dict()``."""
    defs: dict = {}
    _define(models.Gazette, defs)
    top = defs.pop("Gazette")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://gongbao.invalid/schema/parse-output.json",
        "title": "gongbao parse output",
        **top,
        "$defs": defs,
    }
