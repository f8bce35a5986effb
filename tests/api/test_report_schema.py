"""The report's schema (cvimprover/applications/report.py) against what the engine writes:
every key the engine emits must be declared, with its type, or the API would drop it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from marshmallow import ValidationError

from cvimprover.applications.report import ReportSchema
from cvimprover.cv.markdown import to_markdown
from cvimprover.cv.pipeline import JobTarget, improve
from cvimprover.cv.render.fonts import drawing_report
from tests.cv.samples import cv_bytes, job_text
from tests.formats.samples import image_pdf, page_image
from tests.support import sample_pdf

JSON_RESUME = Path(__file__).parents[1] / "formats/fixtures/json_resume/sample.resume.json"


def scanned_pdf() -> bytes:
    return image_pdf(page_image(sample_pdf(), 200), 200)


# One of each way in: a PDF, a DOCX, a text file (English and Spanish), a JSON Resume, a scan
CASES = {
    "pdf": (lambda: cv_bytes("en_designer.pdf"), "cv.pdf", "ux_designer.txt"),
    "docx": (lambda: cv_bytes("es_enfermero.docx"), "cv.docx", "nurse.txt"),
    "text": (lambda: cv_bytes("en_data_engineer.txt"), "cv.txt", "data_engineer.txt"),
    "json_resume": (JSON_RESUME.read_bytes, "cv.json", "servicenow.txt"),
    "scan": (scanned_pdf, "scan.pdf", "backend_es.txt"),
}


def engine_report(case: str) -> dict:
    """The report as the improvement job stores it (the job adds `rendering`)."""
    source, filename, job = CASES[case]
    target = JobTarget("Engineer", "Software", "3-5", job_description=job_text(job))
    improvement = improve(source(), filename, target)
    improvement.report["rendering"] = drawing_report(
        [to_markdown(improvement.document), improvement.cover_letter]
    )
    # Stored as JSON: what the API serialises is what comes back from the column
    return json.loads(json.dumps(improvement.report))


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_field_the_engine_writes_is_declared_with_its_type(case):
    report = engine_report(case)
    try:
        loaded = ReportSchema().load(report)  # unknown keys, at any depth, are refused
    except ValidationError as exc:
        pytest.fail(
            f"the engine writes what cvimprover/applications/report.py does not declare "
            f"(declare it there): {exc.messages}"
        )
    assert ReportSchema().dump(loaded) == report  # and the API gives it back unchanged
    if case == "scan":
        assert report["extraction"]["source"] == "ocr" and "confidence" in report["extraction"]


def test_an_undeclared_field_is_refused_not_passed_through():
    report = engine_report("text")
    report["keywords"]["evidence"][0]["new_field"] = 1
    with pytest.raises(ValidationError) as caught:
        ReportSchema().load(report)
    assert "new_field" in json.dumps(caught.value.messages)


def test_the_openapi_document_describes_the_report_field_by_field(client):
    document = client.get("/api/v1/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    result = schemas["Application"]["properties"]["result"]
    assert result["nullable"] is True
    report = schemas[result["allOf"][0]["$ref"].rsplit("/", 1)[1]]
    assert set(ReportSchema().fields) == set(report["properties"])
    assert {"score_before", "keywords", "changes", "cover_letter"} <= set(report["required"])
    keywords = schemas[report["properties"]["keywords"]["$ref"].rsplit("/", 1)[1]]
    evidence = keywords["properties"]["evidence"]["items"]["$ref"].rsplit("/", 1)[1]
    assert schemas[evidence]["properties"]["status"]["enum"] == [
        "exact",
        "variant",
        "related",
        "missing",
    ]
