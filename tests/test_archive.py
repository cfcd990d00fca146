"""The archive: ingest semantics, cross-document links, search, pages, API, feeds, exports."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from conftest import SAMPLE

pytestmark = pytest.mark.django_archive


def ingest_text(text: str, name: str = "test.txt"):
    from gongbao.parse.gazette import parse_gazette
    from gongbao.store.ingest import ingest_parsed

    return ingest_parsed(text, parse_gazette(text, source=name), name)


def search(q, **filters):
    from gongbao.web import queries

    return queries.search(q, filters, 1)


# --- ingest -----------------------------------------------------------------------------

def test_ingest_is_idempotent(sample_archive):
    from gongbao.store import models as m
    from gongbao.store.ingest import ingest_file

    assert (m.Issue.objects.count(), m.Document.objects.count()) == (1, 29)
    again = ingest_file(SAMPLE)
    assert not again.changed and again.version == 1
    assert (m.Issue.objects.count(), m.Document.objects.count(), m.IssueVersion.objects.count()) == (1, 29, 1)
    assert search("殡葬")["total"] == 1


def test_corrected_issue_replaces_and_keeps_history(sample_archive, client):
    from gongbao.store import models as m

    text = SAMPLE.read_text("utf-8").replace("免除全县城乡群众殡葬基本服务费用", "免除全县城乡居民殡葬基本服务费用")
    result = ingest_text(text, "corrected.txt")
    assert result.changed and result.version == 2
    assert m.Document.objects.count() == 29
    assert m.Document.objects.get(slug="交政办发-2024-18").title == "关于免除全县城乡居民殡葬基本服务费用的通知"
    old = client.get("/api/issues/" + quote("交城县人民政府公报-2024-3") + "/versions/1").json()
    titles = [d["title"] for d in old["parsed"]["documents"]]
    assert "关于免除全县城乡群众殡葬基本服务费用的通知" in titles
    assert search("城乡居民殡葬")["total"] == 1 and search("城乡群众殡葬")["total"] == 0


def test_failed_ingest_leaves_archive_and_index_unchanged(sample_archive, monkeypatch):
    from gongbao.store import ingest as ing
    from gongbao.store import models as m
    from gongbao.store.search import SearchIndex

    before = (m.Document.objects.count(), m.Citation.objects.count(), SearchIndex().generation())

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ing, "save_organizations", boom)
    text = SAMPLE.read_text("utf-8").replace("殡葬基本服务", "丧葬基本服务")
    with pytest.raises(RuntimeError):
        ingest_text(text)
    assert (m.Document.objects.count(), m.Citation.objects.count(), SearchIndex().generation()) == before
    assert m.Issue.objects.get().version == 1
    assert search("丧葬基本服务")["total"] == 0 and search("殡葬基本服务")["total"] == 1


def test_index_behind_database_is_rebuilt(sample_archive):
    from gongbao.store.ingest import ensure_index
    from gongbao.store.search import SearchIndex

    idx = SearchIndex()
    idx.rebuild([], 0)  # simulate a crash between the database commit and the index update
    assert idx.count() == 0
    assert ensure_index().count() == 29


A = """甲市人民政府关于印发甲市节水行动方案的通知
甲政发〔2024〕5号
各县（区）人民政府：
根据《乙省人民政府关于加强节水工作的意见》（乙政发〔2023〕9号），现将方案印发给你们。《甲市人民政府关于节约用水的通知》（甲政发〔2020〕3号）同时废止。
甲市人民政府
2024年3月1日
"""
B = """乙省人民政府关于加强节水工作的意见
乙政发〔2023〕9号
各市人民政府：
为加强节水工作，提出如下意见。
乙省人民政府
2023年6月1日
"""
C = """甲市人民政府关于节约用水的通知
甲政发〔2020〕3号
各县（区）人民政府：
请节约用水。
甲市人民政府
2020年5月1日
"""


def test_citations_resolve_whichever_comes_first(archive):
    from gongbao.store import models as m

    ingest_text(A, "a.txt")
    c = m.Citation.objects.get(doc_number="乙政发〔2023〕9号")
    assert c.target is None and c.relation == "basis"
    ingest_text(B, "b.txt")
    c.refresh_from_db()
    assert c.target.slug == "乙政发-2023-9"


def test_repeal_sets_validity_of_the_repealed_document(archive, client):
    from gongbao.store import models as m

    ingest_text(C, "c.txt")
    assert m.Document.objects.get(slug="甲政发-2020-3").status == "in_force"
    ingest_text(A, "a.txt")
    d = m.Document.objects.get(slug="甲政发-2020-3")
    assert (d.status, d.repealed_by) == ("repealed", "甲政发〔2024〕5号")
    page = client.get("/documents/" + quote("甲政发-2020-3") + "/").content.decode()
    assert "已废止" in page and "甲政发〔2024〕5号" in page
    assert search("节约用水", status="repealed")["total"] == 1


def test_ingest_cli_errors(tmp_path, archive_dir):
    import subprocess
    import sys

    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF-1.4\n")
    proc = subprocess.run([sys.executable, "-m", "gongbao.cli", "ingest", str(bad), "--data", str(tmp_path / "a")],
                          capture_output=True, timeout=120)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "x.pdf" in err and "PDF" in err and "Traceback" not in err


# --- search ------------------------------------------------------------------------------

@pytest.mark.parametrize(("q", "expected"), [
    ("殡葬", ["交政办发-2024-18"]),
    ("消防火灾隐患", ["交政函-2024-17", "交政函-2024-20"]),
    ("交政办发[2024]23号", ["交政办发-2024-23"]),
    ("交政办发（2024）23号", ["交政办发-2024-23"]),
    ("交政办发〔 2024 〕 23 号", ["交政办发-2024-23"]),
    ("交政办发[2024]23", ["交政办发-2024-23"]),  # typed without its 号
    ("交政办发[2024]230", []),
    ('"AND (', []),
    ("*:* OR title:[a TO z]", []),
    ("", []),
])
def test_search_finds_the_right_documents(sample_archive, q, expected):
    assert sorted(h["id"] for h in search(q)["hits"]) == sorted(expected)


@pytest.mark.parametrize("q", ["养老服务", "养老", "殡", "专业镇", "县", "财政局", "消防", "高质量发展", "交城县人民政府办公室"])
def test_search_counts_equal_a_brute_force_scan(sample_archive, q):
    from gongbao.normalize.fold import fold
    from gongbao.store import models as m

    truth = {d.slug for d in m.Document.objects.all() if fold(q) in fold(d.title) or fold(q) in fold(d.body)}
    result = search(q)
    assert result["total"] == len(truth)
    if len(truth) <= 20:
        assert {h["id"] for h in result["hits"]} == truth


def test_title_hits_rank_first(sample_archive):
    hits = search("养老")["hits"]
    assert "养老" in hits[0]["title"]


def test_facets_and_paging(sample_archive):
    r = search("县")
    assert r["total"] == 27 and r["pages"] == 2 and len(r["hits"]) == 20
    from gongbao.web import queries

    page2 = queries.search("县", {}, 2)
    assert len(page2["hits"]) == 7
    assert not {h["id"] for h in r["hits"]} & {h["id"] for h in page2["hits"]}
    issuers = dict((f["value"], f["count"]) for f in r["facets"]["issuer"])
    assert sum(issuers.values()) >= r["total"]
    office = search("县", issuer="交城县人民政府办公室")
    assert office["total"] == issuers["交城县人民政府办公室"]
    assert {f["value"] for f in search("县", doc_type="批复")["facets"]["doc_type"]} == {"批复"}
    assert search("县", year="2024")["total"] == 27 and search("县", year="1999")["total"] == 0
    assert search("县", status="expired")["total"] == 1  # the 专业镇 policies (有效期至2025年11月)


# --- pages and API --------------------------------------------------------------------------

def test_a_web_page_that_says_repealed_is_shown_repealed(archive, client):
    """A site's ``有效性：已废止`` with no dates to go by: repealed on the page, in the API and in
    the 时效性 facet, with the site's words as the evidence."""
    from gongbao.store import models as m

    ingest_text("索引号：11330100/2019-00021\n发文机关：某市人民政府\n发文字号：某政发〔2019〕17号\n"
                "成文日期：2019年08月02日\n有效性：已废止\n某市人民政府关于加强城市地下管线建设管理的通知\n"
                "各区人民政府，市政府各部门：\n为加强城市地下管线建设管理，现就有关事项通知如下。\n", "page.txt")
    d = m.Document.objects.get(slug="某政发-2019-17")
    assert (d.status, d.validity_evidence, d.repealed_by) == ("repealed", "有效性：已废止", "")
    html = page(client, "/documents/" + quote("某政发-2019-17") + "/")
    assert "已废止" in html and "有效性：已废止" in html and "现行有效" not in html
    assert search("地下管线", status="repealed")["total"] == 1
    assert search("地下管线", status="in_force")["total"] == 0


def page(client, url):
    resp = client.get(url)
    assert resp.status_code == 200, (url, resp.status_code)
    return resp.content.decode()


def test_pages(sample_archive, client):
    home = page(client, "/")
    assert "交城县人民政府公报 2024年第3期" in home and 'lang="zh-CN"' in home
    issue = page(client, "/issues/" + quote("交城县人民政府公报-2024-3") + "/")
    assert issue.count("目录未列") == 2 and "第 93 页" in issue and "人事任免文件" in issue
    doc = page(client, "/documents/" + quote("交政办发-2024-18") + "/")
    for label in ("发文机关", "发文字号", "成文日期", "发布日期", "文种", "主送机关", "公开属性", "时效性"):
        assert f"<th scope=\"row\">{label}</th>" in doc
    assert "交政办发〔2024〕18号" in doc and "2029-07-17" in doc and "现行有效" in doc
    cites = page(client, "/documents/" + quote("交政发-2024-11") + "/")
    assert "废止" in cites and "（未收录）" in cites
    s = page(client, "/search?q=" + quote("殡葬"))
    assert "<mark>殡葬</mark>" in s and 'id="total">1<' in s
    assert "共找到" in page(client, "/search?q=" + quote('"AND ('))
    person = page(client, "/people/" + quote("李海峰") + "/")
    assert "交城县残疾人联合会理事长" in person and "交城县城镇集体工业联合社主任" in person
    org = page(client, "/organizations/" + quote("交城县工信和科技局") + "/")
    assert "县工信和科技局" in org and "承担的任务" in org
    assert client.get("/documents/nope/").status_code == 404


def test_api(sample_archive, client):
    issue = client.get("/api/issues/" + quote("交城县人民政府公报-2024-3")).json()
    assert len(issue["documents"]) == 29 and len(issue["toc"]) == 29
    doc = client.get("/api/documents/" + quote("交政发-2024-11")).json()
    assert doc["doc_number"] == "交政发〔2024〕11号"
    assert any(c["relation"] == "repeals" and c["doc_number"] == "交政发〔2022〕16号" for c in doc["citations"])
    assert doc["validity"]["effective_from"] == "2024-09-30"
    s = client.get("/api/search?q=" + quote("消防火灾隐患")).json()
    assert s["total"] == 2 and "<mark>消防火灾隐患</mark>" in s["hits"][0]["title_marked"]
    assert "<mark>殡葬</mark>" in client.get("/api/search?q=" + quote("殡葬")).json()["hits"][0]["snippet"]
    assert client.get("/api/search?page=x&q=a").status_code == 400
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.") and "/api/search" in spec["paths"]
    assert client.get("/api/people/" + quote("李晨之")).json()["timeline"][0]["meeting"] == "第44次常务会议"


def test_feeds_and_sitemap(sample_archive, client):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    latest = ET.fromstring(client.get("/feeds/latest.atom").content)
    assert len(latest.findall("a:entry", ns)) == 29
    found = ET.fromstring(client.get("/feeds/search.atom?q=" + quote("消防火灾隐患")).content)
    assert len(found.findall("a:entry", ns)) == 2
    sm = ET.fromstring(client.get("/sitemap.xml").content)
    locs = [e.text for e in sm.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(quote("交政发-2024-10") in loc or "交政发-2024-10" in loc for loc in locs)


def test_untrusted_text_is_escaped(archive, client):
    evil = C.replace("关于节约用水的通知", "关于<script>alert(1)</script>节约用水的通知").replace(
        "请节约用水。", "请节约用水<img src=x onerror=alert(1)>。")
    ingest_text(evil, "evil.txt")
    html = page(client, "/documents/" + quote("甲政发-2020-3") + "/")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html
    s = page(client, "/search?q=" + quote("节约用水"))
    assert "<script>alert" not in s and "<img src=x" not in s
    api = client.get("/api/search?q=" + quote("节约用水")).json()["hits"][0]
    assert "<script>" not in api["title_marked"] and "&lt;script&gt;" in api["title_marked"]
    assert "<img" not in api["snippet"]


def test_admin_correction_survives_reingest(sample_archive, client):
    from django.contrib.auth.models import User

    from gongbao.store import models as m

    User.objects.filter(username="editor").delete()
    User.objects.create_superuser("editor", "e@example.invalid", "pw-for-tests")
    client.login(username="editor", password="pw-for-tests")
    d = m.Document.objects.get(slug="交政办发-2024-18")
    url = f"/admin/store/document/{d.pk}/change/"
    form = client.get(url)
    assert form.status_code == 200
    from django.forms.models import model_to_dict

    data = {k: ("" if v is None else v) for k, v in model_to_dict(d).items()
            if k in ("title", "doc_number", "doc_type", "recipients", "date", "disclosure", "section", "page",
                     "embedded_title", "body", "status", "effective_from", "effective_until", "repealed_by")}
    data["issuers"] = json.dumps(d.issuers, ensure_ascii=False)
    data["signatories"] = json.dumps(d.signatories, ensure_ascii=False)
    data["title"] = "关于免除全县城乡群众殡葬基本服务费用的通知（校订）"
    resp = client.post(url, data)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    assert m.Correction.objects.filter(document_slug="交政办发-2024-18", field="title").exists()
    shown = page(client, "/documents/" + quote("交政办发-2024-18") + "/")
    assert "已人工校订" in shown and "（校订）" in shown
    # A corrected re-issue of the whole gazette keeps the editor's correction.
    ingest_text(SAMPLE.read_text("utf-8").replace("硝基复合肥", "硝基复合肥料"), "v2.txt")
    d = m.Document.objects.get(slug="交政办发-2024-18")
    assert d.title.endswith("（校订）") and d.edited_fields == ["title"]
    assert search("校订")["total"] == 1
    client.logout()
    assert client.get(url).status_code == 302  # editors only


def test_exports(sample_archive, tmp_path):
    from gongbao.export.archive import export_csv, export_json

    buf = io.StringIO()
    assert export_json(buf) == 29
    data = json.loads(buf.getvalue())
    assert data[0]["issue"]["gazette"] == "交城县人民政府公报"
    counts = export_csv(tmp_path)
    assert counts["documents"] == 29 and counts["appointments"] == 24
    head = (tmp_path / "documents.csv").read_text("utf-8-sig").splitlines()[0]
    assert head.startswith("id,issue,seq")


def test_bulk_load_links_and_indexes(archive):
    from gongbao.parse.gazette import parse_gazette
    from gongbao.store import models as m
    from gongbao.store.bulk import bulk_load
    from gongbao.store.ingest import ensure_index

    items = [(t, parse_gazette(t), name) for t, name in ((A, "a"), (B, "b"), (C, "c"))]
    assert bulk_load(iter(items), batch_issues=2) == 3
    assert m.Citation.objects.get(doc_number="乙政发〔2023〕9号").target.slug == "乙政发-2023-9"
    assert m.Document.objects.get(slug="甲政发-2020-3").repealed_by == "甲政发〔2024〕5号"
    assert ensure_index().count() == 3
    assert search("节水")["total"] == 2
    assert bulk_load(iter(items)) == 0  # issues already archived are left alone


def test_bulk_load_keeps_the_registers(archive):
    """The bulk loader writes the same registers as a parse gives: tasks with units, deadlines
    and targets, appointments, citations."""
    from gongbao.parse.gazette import parse_gazette
    from gongbao.store import models as m
    from gongbao.store.bulk import bulk_load

    text = SAMPLE.read_text("utf-8")
    g = parse_gazette(text)
    assert bulk_load(iter([(text, g, "sample")])) == 29
    parsed = [t for d in g.documents for t in d.tasks]
    assert m.Task.objects.count() == len(parsed)
    stored = {(t.task_id, t.text): t for t in m.Task.objects.all()}
    with_targets = [t for t in parsed if t.targets]
    assert with_targets
    for t in with_targets:
        row = stored[(t.id, t.text)]
        assert [x["value"] for x in row.targets] == [x.value for x in t.targets]
        assert row.lead_units == t.lead_units
    assert m.Appointment.objects.count() == sum(len(d.appointments) for d in g.documents)
    assert m.Citation.objects.count() == sum(len(d.citations) for d in g.documents)
    # Booleans and nullable dates as parsed (COPY's text format on PostgreSQL spells them t/f and \\N).
    assert sorted(m.Appointment.objects.values_list("person", "post", "probation")) == sorted(
        (a.person, a.post, a.probation) for d in g.documents for a in d.appointments)
    assert any(a.probation for d in g.documents for a in d.appointments)
    deadlines = sorted((t.task_id, t.text, t.deadline.isoformat() if t.deadline else None)
                       for t in m.Task.objects.all())
    assert deadlines == sorted((t.id, t.text, t.deadline) for t in parsed)
    assert any(t.deadline for t in parsed) and not all(t.deadline for t in parsed)


def _foreign_key_violations() -> list:
    """Rows whose foreign key points at no row, found by the database's own catalogue."""
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("PRAGMA foreign_key_check")
            return cur.fetchall()
        cur.execute("""SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, b.attname
                       FROM pg_constraint c
                       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                       JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = c.confkey[1]
                       WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace""")
        violations = []
        for table, column, target, key in cur.fetchall():
            cur.execute(f"SELECT count(*) FROM {table} t WHERE t.{column} IS NOT NULL AND NOT EXISTS "
                        f"(SELECT 1 FROM {target} x WHERE x.{key} = t.{column})")
            if cur.fetchone()[0]:
                violations.append((table, column))
        return violations


def test_bulk_load_leaves_every_reference_whole(archive):
    """On PostgreSQL the bulk loader skips the per-row foreign-key checks of rows that point at
    rows its own transaction wrote; what it wrote must satisfy every foreign key all the same."""
    from gongbao.parse.gazette import parse_gazette
    from gongbao.store import models as m
    from gongbao.store.bulk import bulk_load

    text = SAMPLE.read_text("utf-8")
    items = [(text, parse_gazette(text), "sample")] + [(t, parse_gazette(t), n) for t, n in ((A, "a"), (B, "b"))]
    assert bulk_load(iter(items), batch_issues=2) == 31
    assert m.Task.objects.exists() and m.OrganizationMention.objects.exists() and m.Citation.objects.exists()
    assert _foreign_key_violations() == []


def test_reference_checks_are_skipped_only_where_allowed_and_only_in_the_block(archive):
    from django.db import connection, transaction

    from gongbao.store.rows import own_references_unchecked

    if not connection.vendor.startswith("postgresql"):
        with transaction.atomic(), own_references_unchecked() as skipped:
            assert skipped is False
        return

    def role():
        with connection.cursor() as cur:
            cur.execute("SHOW session_replication_role")
            return cur.fetchone()[0]

    with transaction.atomic():
        with own_references_unchecked() as skipped:
            assert skipped and role() == "replica"  # the test server's role owns the cluster
        assert role() == "origin"
    with connection.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = 'gongbao_plain'")
        if not cur.fetchone():
            cur.execute("CREATE ROLE gongbao_plain NOLOGIN")
    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute("SET LOCAL ROLE gongbao_plain")
        with own_references_unchecked() as skipped:
            assert not skipped and role() == "origin"
        with connection.cursor() as cur:  # the refusal left the transaction usable
            cur.execute("SELECT 1")
            assert cur.fetchone() == (1,)


@pytest.mark.parametrize("items", [
    [], ["县财政局"], ["县财政局", "县教育局"], ['名称"引号"', "反斜杠\\"], ["行尾换行\n"], ["\t制表"],
    [{"title": "附件1", "online_only": True}], ["甲", None],
])
def test_bulk_json_columns_are_valid_json(archive, items):
    """The bulk loader writes list columns as JSON text itself (cheaper than the encoder for
    plain strings): it must read back as the same list whatever the strings hold."""
    import json

    from gongbao.store.bulk import _json_list

    assert json.loads(_json_list(items)) == items


@pytest.mark.parametrize("text", [
    "普通正文", "", "第一行\n第二行", "引号\"与逗号,", "反斜杠\\与制表\t", "回车\r\n换行",
    "数据结束标记\n\\.\n之后的正文", "\\.", "\\N", "NULL",
])
def test_bulk_rows_keep_every_value(archive, text):
    """The bulk path's row writer (COPY on PostgreSQL) stores any text as it was, an empty
    string as empty and ``None`` as NULL, whatever backslashes, tabs or line breaks it holds."""
    import datetime as dt

    from gongbao.store import models as m
    from gongbao.store.rows import insert_rows

    issue = m.Issue.objects.create(key="rows-test", gazette="某县人民政府公报", metadata={}, toc=[], version=1)
    columns = ("slug", "issue_id", "seq", "section", "doc_number", "agency", "title", "issuers", "doc_type",
               "recipients", "signatories", "date", "disclosure", "attachments", "embedded_title", "page", "body",
               "warnings", "status", "repealed_by", "validity_evidence", "edited_fields")
    rows = [(f"rows-{k}", issue.id, k, "", "", "", text, "[]", "", "", "[]", date, "", "[]", "", page, text,
             "[]", "in_force", "", "", "[]")
            for k, (date, page) in enumerate([(None, None), (dt.date(2024, 3, 5), 12)])]
    insert_rows("store_document", columns, rows)
    stored = list(m.Document.objects.filter(issue=issue).order_by("seq"))
    assert [(d.title, d.body, d.date, d.page) for d in stored] == [
        (text, text, None, None), (text, text, dt.date(2024, 3, 5), 12)]


def test_ingest_cli_takes_directories(tmp_path, archive_dir):
    import subprocess
    import sys

    from conftest import ROOT

    proc = subprocess.run([sys.executable, "-m", "gongbao.cli", "ingest", str(ROOT / "tests" / "archive_inputs"),
                           "--data", str(tmp_path / "a")], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "earlier-repealed-notice.txt: ingested" in proc.stdout.decode()


@pytest.mark.parametrize("q", ["县.*", "\\", "((((", "殡葬" * 200, "\x00\x01", "🙂殡葬", "[a-z]+", "title:殡葬",
                               "交政办发〔", "〔2024〕23号", "-殡葬", "殡 葬", "ＡＮＤ", "县)", "~!@#$%^&*"])
def test_any_search_input_is_safe(sample_archive, client, q):
    r = search(q)
    assert r["total"] >= 0
    assert client.get("/search?q=" + quote(q)).status_code == 200
    assert client.get("/api/search?q=" + quote(q)).status_code == 200


def test_status_facet_follows_the_calendar(sample_archive, monkeypatch):
    import datetime as dt

    from gongbao.store import ingest as ing

    monkeypatch.setattr(ing, "today_date", lambda: dt.date(2025, 11, 1))
    ing.rebuild_index()
    ing.ensure_index()
    assert search("专业镇", status="expired")["total"] == 0  # 有效期至2025年11月: still in force
    monkeypatch.setattr(ing, "today_date", lambda: dt.date(2025, 12, 2))
    assert search("专业镇", status="expired")["total"] == 1  # the next day it has expired


def test_citation_prefers_the_citing_documents_own_place(archive):
    from gongbao.store import models as m

    other_place = C.replace("甲市", "丁市")  # another city whose 机关代字 is also 甲政发
    ingest_text(other_place, "other.txt")
    ingest_text(C, "c.txt")
    ingest_text(A, "a.txt")
    c = m.Citation.objects.get(doc_number="甲政发〔2020〕3号", source__doc_number="甲政发〔2024〕5号")
    assert c.target.issuers == ["甲市人民政府"]


def test_quotes_and_backslashes_round_trip(archive, client):
    """Text with the characters SQL quoting must get right (' \\ %s) is stored and found as
    written, on every backend."""
    from gongbao.store import models as m

    text = """某县人民政府关于'引号'与\\反斜杠%s的通知
某政发〔2024〕7号
各乡镇人民政府：
请注意 O'Brien 的 \\' 与 %(x)s 与 '); DROP TABLE store_document; -- 字样。
某县人民政府
2024年5月1日
"""
    ingest_text(text)
    doc = m.Document.objects.get(doc_number="某政发〔2024〕7号")
    assert "O'Brien的\\'与%(x)s与'); DROP TABLE store_document; --字样" in doc.body
    assert doc.title == "关于'引号'与\\反斜杠%s的通知"
    assert search("反斜杠")["total"] == 1
    r = client.get("/api/search", {"q": "'); DROP TABLE store_document; --"})
    assert r.status_code == 200 and m.Document.objects.count() == 1


def test_yearly_numbered_announcement_has_a_stable_address(archive, client):
    from conftest import ROOT

    ingest_text((ROOT / "tests" / "fixtures" / "31-yearly-announcements-bulletin-minutes.txt").read_text("utf-8"))
    assert search("国家税务总局江南省税务局公告2024年第1号")["total"] == 1
    assert search("国家税务总局江南省税务局公告（2024年第1号）")["total"] == 1
    page = client.get("/documents/" + quote("国家税务总局江南省税务局公告-2024-1") + "/")
    assert page.status_code == 200
    assert "关于发布《江南省税务行政处罚裁量基准》的公告" in page.content.decode()


def test_equal_scores_come_newest_first(archive):
    template = """某县人民政府关于做好秸秆禁烧工作的通知
某政发〔{y}〕{n}号
各乡镇人民政府：
请做好秸秆禁烧工作。
某县人民政府
{y}年5月1日
"""
    for y, n in ((2022, 3), (2024, 5), (2023, 4)):
        ingest_text(template.format(y=y, n=n), f"{y}.txt")
    hits = search("秸秆禁烧")["hits"]
    assert [h["doc_number"] for h in hits] == ["某政发〔2024〕5号", "某政发〔2023〕4号", "某政发〔2022〕3号"]


def test_bulk_load_after_an_index_format_change_keeps_what_was_archived(archive):
    from gongbao.parse.gazette import parse_gazette
    from gongbao.store import ingest
    from gongbao.store.bulk import bulk_load
    from gongbao.store.search import SearchIndex

    bulk_load(iter([(A, parse_gazette(A), "a")]))
    (SearchIndex.default_path() / "format").write_text("1")  # as an older gongbao left it
    ingest._open_index = None  # a new process: it finds the index of another format and empties it
    assert bulk_load(iter([(B, parse_gazette(B), "b")])) == 1
    assert ingest.ensure_index().count() == 2  # the earlier issue was indexed again, not lost
