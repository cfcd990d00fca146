"""The OpenAPI 3.1 description of the JSON API."""

from __future__ import annotations

from .. import __version__

_FACET_PARAMS = [
    {"name": n, "in": "query", "required": False, "schema": {"type": "string"}, "description": d}
    for n, d in (("issuer", "发文机关"), ("doc_type", "文种"), ("year", "年份"), ("section", "栏目"),
                 ("status", "时效性: in_force, repealed, expired, not_yet_effective"))
]


def _ok(desc: str) -> dict:
    return {"200": {"description": desc, "content": {"application/json": {"schema": {"type": "object"}}}}}


def _path_param(name: str, desc: str, kind: str = "string") -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": kind}, "description": desc}


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "gongbao 政府公报档案 API", "version": __version__,
                 "description": "Issues, documents, full-text search with facets, and registers."},
        "paths": {
            "/api/issues": {"get": {"summary": "所有期刊", "responses": _ok("Issues, newest first")}},
            "/api/issues/{id}": {"get": {"summary": "一期公报：目录与公文", "parameters": [
                _path_param("id", "Issue id (刊名-年-期)")], "responses": {**_ok("The issue"), "404": {"description": "No such issue"}}}},
            "/api/issues/{id}/versions/{version}": {"get": {"summary": "某一版本的原文与解析结果", "parameters": [
                _path_param("id", "Issue id"), _path_param("version", "Version number", "integer")],
                "responses": {**_ok("The version"), "404": {"description": "No such version"}}}},
            "/api/documents/{id}": {"get": {"summary": "一篇公文：要素、正文、引用、时效性、任免、任务", "parameters": [
                _path_param("id", "Document id (from the 发文字号: 机关代字-年-号)")],
                "responses": {**_ok("The document"), "404": {"description": "No such document"}}}},
            "/api/search": {"get": {"summary": "全文检索（分面、精确总数、分页）", "parameters": [
                {"name": "q", "in": "query", "required": False, "schema": {"type": "string"},
                 "description": "Words (any length) or a 发文字号 in any bracket form"},
                {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1}},
                *_FACET_PARAMS], "responses": {**_ok("Hits, exact total and facet counts"),
                                               "400": {"description": "Bad paging parameter"}}}},
            "/api/people": {"get": {"summary": "任免登记中的人员", "responses": _ok("People")}},
            "/api/people/{name}": {"get": {"summary": "一人的任免时间线", "parameters": [_path_param("name", "Name")],
                                           "responses": _ok("Timeline")}},
            "/api/organizations": {"get": {"summary": "机构", "responses": _ok("Organisations")}},
            "/api/organizations/{name}": {"get": {"summary": "一个机构：别名、公文、任免、任务", "parameters": [
                _path_param("name", "Canonical name or alias")],
                "responses": {**_ok("The organisation"), "404": {"description": "No such organisation"}}}},
            "/api/openapi.json": {"get": {"summary": "This document", "responses": _ok("OpenAPI")}},
        },
    }
