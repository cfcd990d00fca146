"""Registers on the real sample: citations with relations, validity, appointments, tasks,
organisations, and the Popolo export."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gongbao import parse_file
from gongbao.export.popolo import popolo
from gongbao.extract.validity import add_working_days

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "samples" / "jiaocheng-gazette-2024-03.txt"
AS_OF = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def gazette():
    return parse_file(SAMPLE, as_of=AS_OF)


def doc(g, number):
    return next(d for d in g.documents if d.doc_number == number)


def relations(d):
    return {(c.doc_number, c.relation) for c in d.citations if c.doc_number}


def test_repeal_citations_have_evidence(gazette):
    d = doc(gazette, "交政发〔2024〕11号")
    assert ("交政发〔2022〕16号", "repeals") in relations(d)
    c = next(c for c in d.citations if c.doc_number == "交政发〔2022〕16号")
    assert c.title == "交城县人民政府关于向乡镇人民政府下放行政执法职权的通知"
    assert "自行失效" in c.evidence
    assert ("交政办发〔2017〕28号", "repeals") in relations(doc(gazette, "交政办发〔2024〕23号"))


def test_replies_and_basis(gazette):
    assert relations(doc(gazette, "交政函〔2024〕22号")) == {
        ("交自然资字〔2024〕226号", "replies_to"), ("交自然资字〔2024〕228号", "replies_to"),
        ("交自然资字〔2024〕229号", "replies_to")}
    assert ("晋民发〔2023〕19号", "basis") in relations(doc(gazette, "交政发〔2024〕10号"))


def test_every_cited_number_is_a_citation(gazette):
    for d in gazette.documents:
        assert {c.doc_number for c in d.citations if c.doc_number} == set(d.cites), d.seq
        assert set(d.repeals) == {c.doc_number for c in d.citations if c.relation == "repeals" and c.doc_number}


def test_titles_only_citations_are_kept(gazette):
    d = doc(gazette, "交政发〔2024〕13号")
    assert [(c.title, c.relation) for c in d.citations] == [("中华人民共和国城乡规划法", "basis")]


def test_printed_plan_is_implemented(gazette):
    d = doc(gazette, "交政发〔2024〕14号")
    assert ("交城县县域学前教育普及普惠创建工作实施方案", "implements") in {(c.title, c.relation) for c in d.citations}


def test_validity_five_years(gazette):
    v = doc(gazette, "交政办发〔2024〕18号").validity
    assert (v.status, v.effective_from, v.effective_until) == ("in_force", "2024-07-18", "2029-07-17")
    assert "有效期5年" in v.evidence and v.as_of == "2026-11-28"
    later = parse_file(SAMPLE, as_of=dt.date(2029, 7, 18))
    assert doc(later, "交政办发〔2024〕18号").validity.status == "expired"


def test_validity_until_month(gazette):
    v = doc(gazette, "交政办发〔2024〕16号").validity
    assert (v.status, v.effective_until) == ("expired", "2025-11-30")


def test_validity_working_days_follow_the_holiday_calendar(gazette):
    v = doc(gazette, "交政发〔2024〕11号").validity
    # 2024-08-19 + 30 working days: Mid-Autumn (15–17 Sep off, Sat 14 Sep worked) and the
    # National Day make-up Sunday 29 Sep are counted as the official calendar says.
    assert v.effective_from == "2024-09-30"
    early = parse_file(SAMPLE, as_of=dt.date(2024, 9, 1))
    assert doc(early, "交政发〔2024〕11号").validity.status == "not_yet_effective"


def test_add_working_days():
    assert add_working_days(dt.date(2024, 9, 27), 1) == dt.date(2024, 9, 29)  # a make-up Sunday
    assert add_working_days(dt.date(2024, 9, 30), 1) == dt.date(2024, 10, 8)  # after National Day


def test_appointments_carry_the_decision(gazette):
    a = doc(gazette, "交政任字〔2024〕6号").appointments[0]
    assert (a.person, a.organization, a.decided_by, a.meeting, a.decision_date) == (
        "李晨之", "交城县人民政府办公室", "交城县人民政府", "第44次常务会议", "2024-07-11")
    b = doc(gazette, "交政任字〔2024〕7号").appointments[0]
    assert (b.decided_by, b.meeting, b.decision_date) == (
        "交城县第十七届人民代表大会常务委员会", "第二十七次会议", "2024-08-30")


@pytest.mark.parametrize(("body", "by"), [
    ("经市人民政府研究决定：\n任命王建国为市发展和改革委员会主任。", "市人民政府"),
    ("经县人民政府研究决定，任命王五为县教育局局长。", "县人民政府"),
    ("县人民政府决定：\n免去张三的县财政局局长职务。", "县人民政府"),
    # An organ whose name begins with 经 keeps it.
    ("经济技术开发区管理委员会决定：\n任命李四为开发区财政局局长。", "经济技术开发区管理委员会"),
    ("经研究决定，任命王五为县教育局局长。", None),
])
def test_the_deciding_organ_without_jing(body, by):
    from gongbao.extract.appointments import find_appointments

    assert [a.decided_by for a in find_appointments(body)] == [by]


def test_54_tasks_with_units(gazette):
    tasks = doc(gazette, "交政发〔2024〕12号").tasks
    assert len(tasks) == 54
    assert len({t.id for t in tasks}) == 54
    assert all(t.responsible_units or t.lead_units for t in tasks)
    first = tasks[0]
    assert first.id == "二.(一).1.(1)" and first.text.startswith("设备现状摸排")
    assert "交城县工信和科技局" in first.responsible_units
    assert tasks[-1].id.endswith("(54)")


def test_policy_measures_with_labelled_units(gazette):
    """A policy's 一、…十三、 measures each close with ``（牵头单位：…；责任单位：…）``, the note broken
    over two lines by the page (``（牵头`` / ``单位：…``): thirteen tasks with their units."""
    tasks = doc(gazette, "交政办发〔2024〕16号").tasks
    assert [t.id for t in tasks][:3] == ["一", "二", "三"] and len(tasks) == 13
    assert tasks[0].lead_units == ["交城县委组织部", "交城县人力资源和社会保障局"]
    assert tasks[0].responsible_units == ["交城县工信和科技局"]
    assert tasks[4].lead_units == ["交城经济开发区"]  # a development zone leads
    assert all(t.lead_units for t in tasks)


def test_targets(gazette):
    targets = [x for t in doc(gazette, "交政发〔2024〕14号").tasks for x in t.targets]
    assert any(x.metric.endswith("毛入园率") and x.comparator == ">=" and x.value == 90 and x.unit == "%"
               for x in targets)


def test_organizations_are_canonical(gazette):
    orgs = {o.name: o for o in gazette.organizations}
    assert "县工信和科技局" in orgs["交城县工信和科技局"].aliases
    assert "县工信和科技局" not in orgs
    assert "issuer" in orgs["文水县人民政府"].roles
    assert not any(name.startswith("各") for name in orgs)


def test_popolo_memberships(gazette):
    data = popolo([gazette])
    assert len(data["persons"]) == 21  # 24 entries; 曹鹏程, 李海峰 and 王正鹏 each appear twice
    m = [m for m in data["memberships"] if m["person_id"] == "person/李海峰"]
    assert {(x["post_id"], x.get("start_date"), x.get("end_date")) for x in m} == {
        ("post/交城县残疾人联合会理事长", "2024-09-12", None),
        ("post/交城县城镇集体工业联合社主任", None, "2024-09-12")}
    post = next(p for p in data["posts"] if p["id"] == "post/交城县教育体育局副局长")
    assert post["role"] == "副局长" and post["organization_id"] == "organization/交城县教育体育局"


def test_registers_cli():
    proc = subprocess.run([sys.executable, "-m", "gongbao.cli", "registers", str(SAMPLE), "--format", "json",
                           "--as-of", "2026-11-28"], capture_output=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"citations", "validity", "appointments", "tasks", "responsibilities", "organizations"}
    mine = data["responsibilities"]["交城县工信和科技局"]
    assert sum(1 for x in mine if x["document"]["doc_number"] == "交政发〔2024〕12号") >= 30
    assert len(data["appointments"]) == 24
    assert sum(1 for t in data["tasks"] if t["document"]["doc_number"] == "交政发〔2024〕12号") == 54
    text = subprocess.run([sys.executable, "-m", "gongbao.cli", "registers", str(SAMPLE)],
                          capture_output=True, cwd=ROOT, timeout=120).stdout.decode()
    assert "【时效性】" in text and "已失效" in text and "【各单位任务】" in text


def test_export_popolo_cli(tmp_path):
    out = tmp_path / "popolo.json"
    proc = subprocess.run([sys.executable, "-m", "gongbao.cli", "export", "popolo", str(SAMPLE), "-o", str(out)],
                          capture_output=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text("utf-8"))
    assert set(data) == {"persons", "organizations", "posts", "memberships"}


def test_a_title_can_cite_and_repeal():
    from gongbao import parse_gazette

    text = ("某某县人民政府关于废止《某某县殡葬管理办法》（某政发〔2019〕3号）的决定\n某政发〔2024〕9号\n"
            "各乡镇人民政府：\n经县人民政府研究，决定废止该办法。\n某某县人民政府\n2024年5月1日\n")
    d = parse_gazette(text).documents[0]
    assert d.cites == d.repeals == ["某政发〔2019〕3号"]
    assert [(c.doc_number, c.title, c.relation) for c in d.citations] == [
        ("某政发〔2019〕3号", "某某县殡葬管理办法", "repeals")]


@pytest.mark.parametrize(("sentence", "start", "until"), [
    ("本规定自2024年6月1日起施行，2026年5月31日废止。", "2024-06-01", "2026-05-31"),
    ("本办法自2024年3月1日起施行，自2027年3月1日起失效。", "2024-03-01", "2027-02-28"),
    ("本通知自2024年1月1日起执行，执行期限3年。", "2024-01-01", "2026-12-31"),
    ("本办法自2024年3月1日起试行，试行期2年。", "2024-03-01", "2026-02-28"),
    ("本实施细则自2024年5月1日起施行，《某县管理办法》（某政发〔2019〕3号）同时废止。", "2024-05-01", None),
    ("《某县管理办法》于2024年5月1日废止。", "2024-02-01", None),
    ("本通知自印发之日起执行，至2025年12月31日止。", "2024-02-01", "2025-12-31"),
    ("本办法有效期自2024年3月1日至2028年2月29日。", "2024-03-01", "2028-02-29"),
    ("本政策执行至2025年6月底。", "2024-02-01", "2025-06-30"),
    ("本通知自2024年3月1日起施行，有效期截止到2027年2月28日。", "2024-03-01", "2027-02-28"),
    # A deadline of a task, or another policy's term, is not the text's own.
    ("各乡镇要于2024年5月底前启动，至2024年12月31日止，完成改造任务。", "2024-02-01", None),
    ("该补贴政策执行至2025年底。", "2024-02-01", None),
])
def test_validity_forms(sentence, start, until):
    import datetime as dt

    from gongbao.extract.validity import document_validity
    from gongbao.normalize.fold import fold

    body = "现将办法印发给你们。" + sentence
    v = document_validity(fold(body), body, "2024-02-01", dt.date(2026, 11, 28))
    assert (v.effective_from, v.effective_until) == (start, until)


@pytest.mark.parametrize(("body", "expected"), [
    ("任命张三、李四为县人民政府副县长。",
     [("张三", "appoint", "县人民政府副县长"), ("李四", "appoint", "县人民政府副县长")]),
    ("免去王五、赵六同志的县人民政府副县长职务。",
     [("王五", "remove", "县人民政府副县长"), ("赵六", "remove", "县人民政府副县长")]),
    ("免去：\n钱七的市财政局副局长职务（另有任用）。", [("钱七", "remove", "市财政局副局长")]),
    # What a list prints after a name: sex, ethnicity.
    ("任命马丽（女，回族）为省民族宗教事务委员会副主任，达瓦（藏族）为省农业农村厅副厅长；\n免去赵敏（女）的省统计局副局长职务。",
     [("马丽", "appoint", "省民族宗教事务委员会副主任"), ("达瓦", "appoint", "省农业农村厅副厅长"),
      ("赵敏", "remove", "省统计局副局长")]),
    # Acting in a post after the appointment that names the person; a decision with no verb.
    ("决定任命李四为某县人民政府副县长，代理某县人民政府县长职务。",
     [("李四", "appoint", "某县人民政府副县长"), ("李四", "appoint", "某县人民政府县长")]),
    ("决定张三为某县人民政府代理县长。", [("张三", "appoint", "某县人民政府代理县长")]),
    # The county form with the person first: 张三同志免去…职务.
    ("张三任某县教育局局长；\n李四同志免去某县民政局局长职务，另有任用。",
     [("张三", "appoint", "某县教育局局长"), ("李四", "remove", "某县民政局局长")]),
    # 同意聘任 is the verb, not a person called 同意聘.
    ("同意聘任钱七为某县人民政府参事，聘期五年。", [("钱七", "appoint", "某县人民政府参事")]),
    # 同志 marks where the name ends when no 的 does.
    ("免去周伟同志县交通运输局局长职务，退休。", [("周伟", "remove", "县交通运输局局长")]),
    # The decision and its first entry on one line.
    ("县人民政府决定：孙丽任县审计局局长，郑明不再担任县审计局局长职务。",
     [("孙丽", "appoint", "县审计局局长"), ("郑明", "remove", "县审计局局长")]),
    # 不再担任 is a removal under any heading.
    ("经市人民政府研究决定：\n刘洋任市财政局局长；\n周伟不再担任市交通运输局局长职务。",
     [("刘洋", "appoint", "市财政局局长"), ("周伟", "remove", "市交通运输局局长")]),
    # 兼任 and 挂职任 (a remark after the post), and 提名 heading its entry after another verb.
    ("决定：\n张伟兼任某市应急管理局局长；\n刘洋挂职任某市商务局副局长（挂职时间一年）；\n"
     "聘任陈静为某市人民政府参事；\n提名孙磊为某市中级人民法院副院长人选。",
     [("张伟", "appoint", "某市应急管理局局长"), ("刘洋", "appoint", "某市商务局副局长"),
      ("陈静", "appoint", "某市人民政府参事"), ("孙磊", "appoint", "某市中级人民法院副院长人选")]),
])
def test_appointment_forms(body, expected):
    from gongbao.extract.appointments import find_appointments

    assert [(a.person, a.action, a.post) for a in find_appointments(body)] == expected


@pytest.mark.parametrize(("text", "relation"), [
    ("接县人大常委会《关于张三等任免职务的通知》（某人大发〔2024〕16号），决定任命：", "basis"),
    ("根据《某市人民政府关于加强耕地保护的通知》（某政发〔2023〕3号），现通知如下。", "basis"),
    ("做好与《某县国土空间总体规划》的衔接，《某县乡村振兴规划》同步实施。", "cites"),
])
def test_citation_relations(text, relation):
    from gongbao.extract.citations import find_citations

    assert find_citations(text)[0].relation == relation


@pytest.mark.parametrize("closing", [
    "本措施自印发之日起施行，有效期至2026年12月31日。",
    "本方案由县发展改革局负责解释。",
    "本实施办法自2024年6月1日起施行。",
])
def test_the_closing_clause_is_no_part_of_the_last_task(closing):
    from gongbao.extract.tasks import find_tasks

    paragraphs = ["一、做好排查工作。（责任单位：县应急局）", "二、加大支持力度。（责任单位：县财政局）", closing]
    tasks = find_tasks(paragraphs)
    assert [t.text for t in tasks] == [p[2:] for p in paragraphs[:2]]  # without their 一、
    assert tasks[-1].deadline is None


@pytest.mark.parametrize(("text", "repealed"), [
    # A list of titles before one verb: every one of them is repealed, in the register too.
    ("《某县人民政府关于甲的通知》（某政发〔2019〕3号）、《某县人民政府关于乙的通知》（某政发〔2020〕5号）同时废止。",
     ["某政发〔2019〕3号", "某政发〔2020〕5号"]),
    # The list after the verb's colon, on the same line.
    ("以下文件予以废止：1.某政发〔2011〕1号；2.某政办发〔2012〕2号。", ["某政发〔2011〕1号", "某政办发〔2012〕2号"]),
    # The verb right before a bare number is not part of it.
    ("根据《某办法》（某政发〔2011〕1号），废止某政办发〔2012〕2号文件。", ["某政办发〔2012〕2号"]),
])
def test_repeals_agree_with_the_citation_register(text, repealed):
    from gongbao import parse_gazette

    notice = f"某县人民政府关于废止部分文件的通知\n某政发〔2024〕9号\n各乡镇人民政府：\n{text}\n某县人民政府\n2024年6月1日\n"
    [doc] = parse_gazette(notice).documents
    assert doc.repeals == repealed
    assert [c.doc_number for c in doc.citations if c.relation == "repeals"] == repealed


@pytest.mark.parametrize(("item", "lead", "responsible", "deadline"), [
    # A lead unit marked inside the list of responsible units.
    ("一、加快项目建设。（责任单位：县发改局（牵头）、县财政局、县自然资源局）",
     ["县发改局"], ["县财政局", "县自然资源局"], None),
    ("一、加强监管。（责任单位：县市场监管局、县卫健局（牵头））", ["县卫健局"], ["县市场监管局"], None),
    # Units named in a sentence of their own, no parentheses.
    ("一、开展专项整治。由县公安局负责，县应急局配合，6月30日前完成。", [], ["县公安局", "县应急局"], "2024-06-30"),
    ("一、做好宣传。由县委宣传部牵头，县融媒体中心、各乡镇配合。", ["县委宣传部"], ["县融媒体中心", "各乡镇"], None),
])
def test_task_units_in_other_forms(item, lead, responsible, deadline):
    from gongbao.extract.tasks import find_tasks

    [task] = find_tasks([item], year=2024)
    assert (task.lead_units, task.responsible_units, task.deadline) == (lead, responsible, deadline)


@pytest.mark.parametrize("issuer, cited, full", [
    ("临江市人民政府", "市政府令第58号", "临江市人民政府令第58号"),
    ("临江市人民政府", "市人民政府令第5号", "临江市人民政府令第5号"),
    ("河东省人民政府", "省政府令第123号", "河东省人民政府令第123号"),
    ("河东省人民政府办公厅", "省人民政府令2019年第3号", "河东省人民政府令2019年第3号"),
    # A county's text citing its city's order: the city is not named, the number stays as written.
    ("长宁县人民政府", "市政府令第5号", "市政府令第5号"),
    ("临江市人民政府", "国务院令第777号", "国务院令第777号"),
    ("临江市人民政府", "临政发〔2025〕3号", "临政发〔2025〕3号"),
])
def test_an_order_cited_by_the_governments_short_name_gets_its_full_number(issuer, cited, full):
    from gongbao.extract.organizations import full_order_number, jurisdiction

    assert full_order_number(cited, jurisdiction([issuer])) == full


def test_a_cited_order_links_to_the_order_itself():
    """The number a citation is given is the number the cited order is parsed with."""
    from gongbao import parse_gazette

    order = "临江市人民政府令\n第58号\n\n《临江市城市节约用水管理办法》已经市人民政府常务会议通过，现予公布。\n\n市长  王某某\n2012年4月1日\n"
    repeal = ("临江市人民政府关于废止部分规章的决定\n临政发〔2025〕3号\n\n各县（市、区）人民政府：\n"
              "决定废止《临江市城市节约用水管理办法》（市政府令第58号）。\n\n临江市人民政府\n2025年2月10日\n")
    (own,) = parse_gazette(order).documents
    (citing,) = parse_gazette(repeal).documents
    assert citing.repeals == [own.doc_number] == ["临江市人民政府令第58号"]


@pytest.mark.parametrize("post, organization", [
    ("交城县农业农村局副局长", "交城县农业农村局"),
    ("县人民政府法律顾问", "县人民政府"),
    ("县住房和城乡建设局总规划师", "县住房和城乡建设局"),
    ("法律顾问", None),
    ("副县长", None),
])
def test_the_organisation_a_post_belongs_to(post, organization):
    from gongbao.extract.appointments import organization_of

    assert organization_of(post) == organization
