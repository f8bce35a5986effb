"""JSON Resume in and out: the export validates against the published schema, and an
uploaded JSON Resume keeps every field through an improvement."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from cvimprover.cv.errors import ExtractionError
from cvimprover.cv.export import export_file
from cvimprover.cv.extract import extract_text
from cvimprover.cv.json_resume import iso_date, json_resume_text, to_json_resume
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.parse import parse_cv
from cvimprover.cv.pipeline import JobTarget, improve
from cvimprover.cv.render.samples import sample_cv
from tests.formats.samples import english_cv, spanish_cv

FIXTURES = Path(__file__).with_name("fixtures") / "json_resume"
SCHEMA = json.loads((FIXTURES / "schema.json").read_text())
SAMPLE = (FIXTURES / "sample.resume.json").read_bytes()
TARGET = JobTarget(
    "Chief Executive Officer",
    "Software",
    "6+",
    job_description="We need a leader with compression algorithms, fundraising and hiring.",
)


def validate(resume: dict) -> None:
    jsonschema.validate(resume, SCHEMA, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("cv", [english_cv(), spanish_cv(), sample_cv(pages=2)])
def test_export_validates_against_the_schema(cv) -> None:
    validate(to_json_resume(cv))


def test_export_dates_are_iso() -> None:
    resume = to_json_resume(english_cv())
    assert resume["work"][0]["startDate"] == "2019" and resume["work"][0]["endDate"] == "2024"
    assert iso_date("Mar 2019") == "2019-03" and iso_date("03/2019") == "2019-03"
    assert iso_date("marzo de 2019") == "2019-03"


def test_sample_input_reads_as_a_cv() -> None:
    document = parse_cv(normalise_text(extract_text(SAMPLE, "resume.json")))
    sample = json.loads(SAMPLE)
    assert document.contact.name == sample["basics"]["name"]
    assert document.contact.email == sample["basics"]["email"]
    assert [s.kind for s in document.sections][:3] == ["summary", "experience", "education"]
    work = document.section("experience").entries[0]
    assert (work.title, work.organisation) == ("CEO/President", "Pied Piper")
    assert work.bullets[1:] == sample["work"][0]["highlights"]


def leaves(value, path=()):
    """Every scalar in a JSON document with its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, (*path, index))
    else:
        yield path, value


def test_json_resume_in_improve_json_resume_out_keeps_every_field() -> None:
    improvement = improve(SAMPLE, "resume.json", TARGET)
    assert improvement.report["extraction"]["source"] == "json_resume"
    exported = export_file(
        "json-resume",
        improvement.document.to_dict(),
        template="classic",
        cover_letter="",
        name_stem="x",
        source=SAMPLE,
        source_filename="resume.json",
    )
    out = json.loads(exported.data)
    validate(out)
    original = json.loads(SAMPLE)
    out_paths = {path for path, _ in leaves(out)}
    # Every field of the upload is still there (values we improve may be reworded) ...
    missing = [path for path, _ in leaves(original) if path not in out_paths]
    assert missing == []
    # ... and the fields we do not model are untouched.
    kept = dict(leaves(out))
    for path, value in leaves(original):
        if path[0] not in ("basics", "work", "education", "projects") or path[-1] in (
            "url",
            "startDate",
            "endDate",
            "score",
            "area",
            "network",
            "username",
        ):
            assert kept[path] == value, path


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"{not json", "invalid_json"),
        (b'{"name": "x"}', "not_json_resume"),
        (b"[" * 100_000 + b"]" * 100_000, "not_json"),
    ],
)
def test_bad_json_is_refused_with_a_reason(data, code) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_text(data, "resume.json")
    assert caught.value.code == code


def test_deeply_nested_json_object_is_refused() -> None:
    data = b'{"basics": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001
    with pytest.raises(ExtractionError) as caught:
        json_resume_text(data)
    assert caught.value.code == "invalid_json"
