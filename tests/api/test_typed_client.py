"""A typed client generated from the OpenAPI document (datamodel-code-generator) reads a
real finished application: submitted through the API, improved by a real RQ worker on
real Redis and the database. Every model forbids fields it does not know, so the
document must describe the report, and everything else, field by field."""

from __future__ import annotations

import copy
import importlib.util
import io
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pydantic
import pytest

from tests.support import sample_pdf

FORM = {
    "position": "Backend Engineer",
    "industry": "Software",
    "experience_level": "3-5",
    "company_size": "medium",
    "application_timeline": "immediate",
    "job_description": "Python, PostgreSQL, Redis and Kubernetes on AWS; REST APIs.",
}


@pytest.fixture
def typed_client(client, tmp_path, monkeypatch):
    """The models module datamodel-codegen writes from /api/v1/openapi.json."""
    document = tmp_path / "openapi.json"
    document.write_text(json.dumps(client.get("/api/v1/openapi.json").get_json()))
    models = tmp_path / "cvimprover_client.py"
    generator = Path(sys.executable).parent / "datamodel-codegen"
    subprocess.run(
        [
            str(generator),
            "--input", str(document),
            "--input-file-type", "openapi",
            "--output-model-type", "pydantic_v2.BaseModel",
            "--extra-fields", "forbid",
            "--strict-nullable",  # a required field may still be null where it says so
            "--formatters", "builtin",
            "--output", str(models),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    spec = importlib.util.spec_from_file_location("cvimprover_client", models)
    module = importlib.util.module_from_spec(spec)
    # Registered while it loads: its annotations are resolved through sys.modules
    monkeypatch.setitem(sys.modules, "cvimprover_client", module)
    spec.loader.exec_module(module)
    return module


def test_generated_client_reads_a_finished_application(client, auth, run_worker, typed_client):
    headers = auth.register()
    created = client.post(
        "/api/v1/applications",
        data=FORM | {"resume": (io.BytesIO(sample_pdf()), "cv.pdf")},
        headers=headers,
        content_type="multipart/form-data",
    )
    assert created.status_code == 202, created.get_json()
    typed_client.Created.model_validate(created.get_json())
    status_url = created.get_json()["status_url"]
    run_worker()

    body = client.get(status_url, headers=headers).get_json()
    assert body["status"] == "done", body
    application = typed_client.Application.model_validate(body)
    report = application.result
    assert isinstance(report, typed_client.Report)
    assert report.score_after == body["result"]["score_after"]
    assert report.keywords.evidence and isinstance(
        report.keywords.evidence[0], typed_client.Evidence
    )
    assert report.preserved.lost == 0 and report.rendering is not None
    assert report.cover_letter.strip() and report.cover_letter_edited is None
    # What the client read is all the API sent: nothing dropped, nothing made up
    assert report.model_dump(mode="json", exclude_unset=True) == body["result"]
    assert application.finished_at == datetime.fromisoformat(body["finished_at"])

    page = client.get("/api/v1/applications", headers=headers).get_json()
    assert typed_client.ApplicationPage.model_validate(page).items[0].result == report

    # An edited letter: the report says so, and still reads
    letter = "Dear team,\n\nI would like to apply for the backend role.\n\nKind regards,\nAda\n"
    edit = client.put(f"{status_url}/cover-letter", json={"text": letter}, headers=headers)
    assert edit.status_code == 202, edit.get_json()
    run_worker()
    edited = typed_client.Application.model_validate(
        client.get(status_url, headers=headers).get_json()
    )
    assert edited.result.cover_letter_edited is True
    assert edited.result.cover_letter == letter


def test_generated_client_refuses_a_report_it_was_not_told_about(typed_client):
    """The check above can fail: a report with a field the document does not declare, or
    a declared field of the wrong type, does not validate."""
    report = {
        "language": "en",
        "job_language": "en",
        "score_before": 40,
        "score_after": 70,
    }
    with pytest.raises(pydantic.ValidationError):  # required fields missing
        typed_client.Report.model_validate(report)
    minimal = typed_client.Evidence.model_validate(
        {
            "term": "Python",
            "required": True,
            "status": "exact",
            "matched_as": None,
            "lines": [{"section": "skills", "text": "Python"}],
            "suggestion": None,
        }
    ).model_dump(mode="json")
    for broken in ({"surprise": 1}, {"status": "somewhere"}, {"lines": "Python"}):
        with pytest.raises(pydantic.ValidationError):
            typed_client.Evidence.model_validate(copy.deepcopy(minimal) | broken)
