"""Every rule of the questionnaire and of the uploads, over the JSON API."""

import io

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from cvimprover.extensions import db
from cvimprover.models import Application

VALID = {
    "position": "Backend Engineer",
    "industry": "Software",
    "experience_level": "3-5",
    "company_size": "medium",
    "application_timeline": "1-3 months",
    "resume_text": (
        "Ada Lovelace\nada@example.com\nExperience\nEngineer at Analytical Engines 2019-2024"
    ),
}


def post(client, headers, fields=None, files=None):
    """POST the multipart form, encoded in memory (the test client would spool a
    large body to a temporary file that nobody closes)."""
    data = dict(VALID if fields is None else fields)
    for name, (stream, filename) in (files or {}).items():
        data[name] = FileStorage(stream, filename=filename)
    boundary, body = encode_multipart(data)
    return client.post(
        "/api/v1/applications",
        data=body,
        headers=headers,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def count_applications() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Application))


def details(response):
    body = response.get_json()
    return body["error"], body.get("details", {})


def test_valid_pasted_resume_is_accepted(client, auth):
    response = post(client, auth.register())
    assert response.status_code == 202, response.get_json()
    assert count_applications() == 1


@pytest.mark.parametrize(
    "field", ["position", "industry", "experience_level", "company_size", "application_timeline"]
)
def test_required_fields(client, auth, field):
    fields = {k: v for k, v in VALID.items() if k != field}
    response = post(client, auth.register(), fields)
    assert response.status_code == 422
    assert details(response)[0] == "validation_error"
    assert field in details(response)[1]
    assert count_applications() == 0


@pytest.mark.parametrize(
    "field, value",
    [
        ("experience_level", "10+"),
        ("company_size", "huge"),
        ("application_timeline", "someday"),
        ("template", "no-such-template"),
    ],
)
def test_choices(client, auth, field, value):
    response = post(client, auth.register(), VALID | {field: value})
    assert response.status_code == 422
    assert field in details(response)[1]


@pytest.mark.parametrize(
    "field, limit",
    [
        ("position", 255),
        ("industry", 255),
        ("location", 255),
        ("job_description", 5000),
        ("instructions", 5000),
    ],
)
def test_length_limits(client, auth, field, limit):
    headers = auth.register()
    at_limit = post(client, headers, VALID | {field: "x" * limit})
    assert at_limit.status_code == 202, at_limit.get_json()
    over = post(client, headers, VALID | {field: "x" * (limit + 1)})
    assert over.status_code == 422
    assert field in details(over)[1]


def test_instructions_need_ten_characters_when_given(client, auth):
    headers = auth.register()
    assert post(client, headers, VALID | {"instructions": "too short"}).status_code == 422
    assert post(client, headers, VALID | {"instructions": "lead with AWS"}).status_code == 202
    assert post(client, headers, VALID | {"instructions": "   "}).status_code == 202


def test_resume_is_required_once(client, auth):
    headers = auth.register()
    fields = {k: v for k, v in VALID.items() if k != "resume_text"}
    missing = post(client, headers, fields)
    assert missing.status_code == 422 and "resume" in details(missing)[1]
    both = post(client, headers, VALID, {"resume": (io.BytesIO(b"text CV"), "cv.txt")})
    assert both.status_code == 422 and "resume" in details(both)[1]
    assert count_applications() == 0


@pytest.mark.parametrize(
    "filename, content, status",
    [
        ("cv.exe", b"MZ\x90\x00", 415),
        ("cv.pdf", b"this is not a pdf at all", 415),
        ("cv.docx", b"%PDF-1.7 pretending", 415),
        ("cv.txt", b"\x00\x01\x02binary", 415),
        ("cv.txt", b"", 422),
        ("cv", b"no extension", 415),
    ],
)
def test_resume_file_type_checked_by_name_and_content(client, auth, filename, content, status):
    fields = {k: v for k, v in VALID.items() if k != "resume_text"}
    response = post(client, auth.register(), fields, {"resume": (io.BytesIO(content), filename)})
    assert response.status_code == status, response.get_json()
    assert "resume" in details(response)[1]
    assert count_applications() == 0


def test_resume_over_10_mb_is_413(client, auth):
    fields = {k: v for k, v in VALID.items() if k != "resume_text"}
    big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)
    response = post(client, auth.register(), fields, {"resume": (io.BytesIO(big), "cv.pdf")})
    assert response.status_code == 413
    assert response.get_json()["error"] == "payload_too_large"
    assert count_applications() == 0


def test_request_over_max_content_length_is_413_json(client, auth, app):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = post(client, auth.register(), VALID | {"job_description": "x" * 4000})
    assert response.status_code == 413
    assert response.get_json()["error"] == "payload_too_large"


@pytest.mark.parametrize(
    "filename, content, status",
    [
        ("me.gif", b"GIF89a....", 415),
        ("me.png", b"\xff\xd8\xff\xe0 a jpeg named png", 415),
        ("me.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024), 413),
    ],
)
def test_photo_type_and_size(client, auth, filename, content, status):
    response = post(client, auth.register(), VALID, {"photo": (io.BytesIO(content), filename)})
    assert response.status_code == status
    assert "photo" in details(response)[1]
    assert count_applications() == 0
