"""A photographed CV goes through the real worker (OCR) and comes out in every format,
through the API and the web, to its owner only."""

from __future__ import annotations

import io
import json

import docx
import pytest

from cvimprover.cv.extract import extract_text
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.parse import parse_cv
from cvimprover.cv.render import render_pdf
from tests.formats.samples import english_cv, jpeg, page_image

JOB = {
    "position": "Intensive Care Nurse",
    "industry": "Healthcare",
    "experience_level": "6+",
    "company_size": "enterprise",
    "application_timeline": "immediate",
    "job_description": "We need an ICU nurse with ventilation, triage and infection control.",
}
ROUTES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "cover-letter.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json-resume": "application/json",
    "text": "text/plain; charset=utf-8",
}


@pytest.fixture(scope="module")
def photo() -> bytes:
    return jpeg(page_image(render_pdf(english_cv(), "classic"), 150, angle=0.5))


def submit(client, headers, data: bytes, filename: str):
    response = client.post(
        "/api/v1/applications",
        data=JOB | {"resume": (io.BytesIO(data), filename)},
        headers=headers,
        content_type="multipart/form-data",
    )
    assert response.status_code == 202, response.get_json()
    return response.get_json()["status_url"]


def test_photo_of_a_cv_is_read_by_ocr_and_exported(client, auth, run_worker, photo) -> None:
    headers = auth.register()
    status_url = submit(client, headers, photo, "cv.jpg")
    for route in ROUTES:  # nothing to download before the worker ran
        assert client.get(f"{status_url}/{route}", headers=headers).status_code == 409

    run_worker()

    status = client.get(status_url, headers=headers).get_json()
    assert status["status"] == "done", status
    extraction = status["result"]["extraction"]
    assert extraction["source"] == "ocr" and extraction["confidence"] > 0.85
    assert extraction["unreadable_pages"] == []

    responses = {route: client.get(f"{status_url}/{route}", headers=headers) for route in ROUTES}
    for route, media_type in ROUTES.items():
        assert responses[route].status_code == 200, route
        assert responses[route].mimetype == media_type.split(";")[0]
        assert "attachment" in responses[route].headers["Content-Disposition"]
    cv = parse_cv(normalise_text(extract_text(responses["docx"].data, "cv.docx")))
    assert cv.contact.name == "Hannah Whitfield"
    assert cv.contact.email == "hannah.whitfield@example.com"
    assert {"experience", "education", "skills"} <= {s.kind for s in cv.sections}
    resume = json.loads(responses["json-resume"].data)
    assert resume["basics"]["name"] == "Hannah Whitfield"
    # (the parser keeps the template's "Organisation · Place" together for now)
    assert resume["work"][0]["name"].startswith("Leeds General Infirmary")
    assert responses["text"].data.decode().startswith("Hannah Whitfield\n")
    letter = docx.Document(io.BytesIO(responses["cover-letter.docx"].data))
    assert letter.paragraphs[0].text == "Hannah Whitfield"
    markdown = client.get(f"{status_url}/text?format=markdown", headers=headers)
    assert markdown.data.decode().startswith("# Hannah Whitfield")
    assert client.get(f"{status_url}/text?format=html", headers=headers).status_code == 422
    # Conditional GET: the same bytes answer 304.
    etag = responses["docx"].headers["ETag"]
    again = client.get(f"{status_url}/docx", headers=headers | {"If-None-Match": etag})
    assert again.status_code == 304

    # Another user sees none of it.
    stranger = auth.register("stranger@example.com")
    for route in ROUTES:
        assert client.get(f"{status_url}/{route}", headers=stranger).status_code == 404
    assert client.get(f"{status_url}/docx").status_code == 401


def test_web_downloads_are_owner_only(client, make_user, web_login, make_application) -> None:
    from cvimprover.cv.render.samples import sample_cv
    from cvimprover.extensions import db

    owner = make_user("owner@example.com")
    application = make_application(owner)
    application.analysis.improved = sample_cv().to_dict()
    application.analysis.cover_letter = "Dear team,\n\nI would like to apply."
    db.session.commit()
    web_login("owner@example.com")
    base = f"/applications/{application.id}"
    for route, kind in (
        ("cv.docx", "docx"),
        ("cover-letter.docx", "docx"),
        ("cv.json", "json"),
        ("cv.txt", "txt"),
        ("cv.md", "md"),
    ):
        response = client.get(f"{base}/{route}")
        assert response.status_code == 200, route
        assert response.headers["Content-Disposition"].endswith(f".{kind}")
    client.post("/logout")
    make_user("other@example.com")
    web_login("other@example.com")
    assert client.get(f"{base}/cv.docx").status_code == 404


def test_json_and_image_uploads_are_checked_by_content(client, auth) -> None:
    headers = auth.register()
    for data, name in ((b"not json", "cv.json"), (b"GIF89a....", "cv.png"), (b"<", "cv.jpg")):
        response = client.post(
            "/api/v1/applications",
            data=JOB | {"resume": (io.BytesIO(data), name)},
            headers=headers,
            content_type="multipart/form-data",
        )
        assert response.status_code == 415, name


def test_openapi_documents_the_format_routes(client) -> None:
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for route in ("docx", "cover-letter.docx", "json-resume", "text"):
        operation = paths[f"/api/v1/applications/{{application_id}}/{route}"]["get"]
        assert operation["security"] == [{"bearerAuth": []}]
        assert set(operation["responses"]) >= {"200", "401", "404", "409"}
