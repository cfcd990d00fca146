"""Table-driven tests over realistic texts of other governments (tests/fixtures).

Each ``NAME.txt`` has a ``NAME.expected.json`` written by hand from the text and the genre's
rules: the number of documents must match exactly, and every field named there must be
equal. Fields not named are not asserted.
"""

import datetime as dt
import json
from pathlib import Path

import pytest

from gongbao import parse_gazette

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def test_there_are_enough_fixtures():
    assert len(CASES) >= 15


@pytest.mark.parametrize("name", CASES)
def test_fixture(name):
    text = (FIXTURES / f"{name}.txt").read_text("utf-8")
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text("utf-8"))
    as_of = dt.date.fromisoformat(expected.get("as_of", "2026-01-01"))
    got = parse_gazette(text, source=name, as_of=as_of).to_dict()

    if "issue" in expected:
        if expected["issue"] is None:
            assert got["issue"] is None
        else:
            assert got["issue"] is not None
            for key, value in expected["issue"].items():
                assert got["issue"][key] == value, f"issue.{key}"
    if "toc" in expected:
        assert [_pick(t, e) for t, e in zip(got["toc"], expected["toc"], strict=False)] == expected["toc"]
        assert len(got["toc"]) == len(expected["toc"])
    if "organizations" in expected:
        assert got["organizations"] == expected["organizations"]
    assert len(got["documents"]) == len(expected["documents"]), [d["title"] for d in got["documents"]]
    for doc, exp in zip(got["documents"], expected["documents"], strict=True):
        for key, value in exp.items():
            got_value = doc[key]
            if isinstance(value, list) and value and isinstance(value[0], dict):
                # A list of records is checked on the fields the fixture names.
                assert len(got_value) == len(value), f"document {exp['seq']}: {key}"
                got_value = [_pick(g, e) for g, e in zip(got_value, value, strict=True)]
            elif isinstance(value, dict) and isinstance(got_value, dict):
                got_value = _pick(got_value, value)
            assert got_value == value, f"document {exp['seq']}: {key}"


def _pick(d: dict, like: dict) -> dict:
    return {k: d.get(k) for k in like}


@pytest.mark.parametrize("name", CASES)
def test_fixture_output_matches_the_published_schema(name):
    import jsonschema

    from gongbao.schema import parse_output_schema

    text = (FIXTURES / f"{name}.txt").read_text("utf-8")
    jsonschema.validate(parse_gazette(text, source=name).to_dict(), parse_output_schema())
