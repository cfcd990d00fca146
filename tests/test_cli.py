"""The command line: the JSON contract, the text view, the schema, and clear errors."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from gongbao.schema import parse_output_schema

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "samples" / "jiaocheng-gazette-2024-03.txt"
FIXTURE = ROOT / "tests" / "fixtures" / "03-city-reply.txt"


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "gongbao.cli", *args], capture_output=True,
                          input=stdin, cwd=ROOT, timeout=120)


def test_parse_json_is_utf8_and_matches_schema():
    proc = run("parse", str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("utf-8")
    assert "交城县人民政府公报" in text  # not ASCII-escaped
    data = json.loads(text)
    jsonschema.validate(data, parse_output_schema())
    assert len(data["documents"]) == 29
    assert list(data["documents"][0])[:4] == ["seq", "section", "doc_number", "title"]


def test_single_document_has_null_issue():
    data = json.loads(run("parse", str(FIXTURE)).stdout)
    assert data["issue"] is None and data["toc"] == []
    jsonschema.validate(data, parse_output_schema())


def test_text_format():
    proc = run("parse", str(FIXTURE), "--format", "text")
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0
    assert "发文字号：同政函〔2024〕37号" in out
    assert "成文日期：2024-04-18" in out


def test_schema_command_prints_the_schema():
    proc = run("schema")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == parse_output_schema()


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(parse_output_schema())


@pytest.mark.parametrize(("content", "problem"), [
    (None, "file not found"),
    (b"", "file is empty"),
    (b"   \n\n  ", "file is empty"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF file"),
    (b"PK\x03\x04\x14\x00\x06\x00", "is a ZIP archive"),
    (bytes(range(256)) * 4, "binary"),
    (b"abc\x80\xff " * 50, "neither UTF-8 nor GB18030"),
    ("这是一段普通的文字，没有任何公文。".encode(), "no recognisable official document"),
    (b"<!DOCTYPE html><html><head><title>x</title></head><body><script>1</script></body></html>",
     "is a web page with no text in it"),
    # An issue's index page online: titles and numbers, the documents elsewhere.
    ("<html><body><h1>某省人民政府公报 2024年第5期</h1><ul>"
     "<li><a href='1.html'>某省人民政府关于印发某省设备更新实施方案的通知（某政发〔2024〕5号）</a></li>"
     "<li><a href='2.html'>某省人民政府办公厅关于加强耕地保护的意见（某政办发〔2024〕9号）</a></li>"
     "</ul></body></html>".encode(), "a list of 2 documents' titles and numbers with no document text"),
])
def test_bad_input_gives_one_line_error(tmp_path, content, problem):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    proc = run("parse", str(path))
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert proc.stdout == b""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(path) in err and problem in err


def test_directory_is_refused(tmp_path):
    proc = run("parse", str(tmp_path))
    assert proc.returncode == 2
    assert "is a directory" in proc.stderr.decode()


def test_gbk_file_is_decoded(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(FIXTURE.read_text("utf-8").encode("gbk"))
    data = json.loads(run("parse", str(path)).stdout)
    assert data["documents"][0]["doc_number"] == "同政函〔2024〕37号"
    assert data["documents"][0]["recipients"] == "云冈区人民政府"


def test_gb18030_only_characters(tmp_path):
    path = tmp_path / "gb18030.txt"
    text = FIXTURE.read_text("utf-8").replace("云冈区人民政府：", "云冈区人民政府（𠀀）：", 1)
    path.write_bytes(text.encode("gb18030"))
    proc = run("parse", str(path))
    assert proc.returncode == 0, proc.stderr


def test_web_page_is_read_as_its_text(tmp_path):
    import html

    lines = [line for line in FIXTURE.read_text("utf-8").split("\n") if line.strip()]
    page = "<html><head><meta charset=gbk></head><body>" + "".join(
        f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    proc = run("parse", str(path))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)["documents"][0]
    assert doc["doc_number"] == "同政函〔2024〕37号"
    assert doc["recipients"] == "云冈区人民政府"
