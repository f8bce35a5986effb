"""Editing the cover letter: on the results page and through the API, owner only, validated,
drawn again by a render job on the fast queue (PDF) and on download (DOCX), never re-analysed."""

from __future__ import annotations

import io
import zipfile

from cvimprover.extensions import db
from cvimprover.models import Application
from tests.applications.test_application_results_views import submit_and_finish
from tests.applications.test_application_views import FORM, login_new_user
from tests.support import pdf_text, sample_pdf

EDITED = (
    "Dear Ms Rivera,\r\n\r\nI read about the platform team and would like to join it.\r\n\r\n\r\n"
    "Kind regards,\r\nA. Person   \r\n"
)


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_page_edit_redraws_pdf_and_docx_without_reanalysis(app, client, run_worker):
    login_new_user(client, "letter@example.com")
    page_url = submit_and_finish(client, run_worker)
    application_id = page_url.rsplit("/", 1)[1]
    analysed_at = db.session.get(Application, application_id).analysis.created_at
    html = client.get(page_url).get_data(as_text=True)
    assert 'id="letter-form"' in html and 'name="text"' in html

    response = client.post(page_url + "/cover-letter", data={"text": EDITED})
    assert response.status_code == 302 and response.headers["Location"].endswith("#letter")
    queued = app.extensions["cvimprover.redis"].lrange("rq:queue:high", 0, -1)
    assert len(queued) == 1  # a render job on the fast queue
    run_worker()

    db.session.expire_all()
    analysis = db.session.get(Application, application_id).analysis
    assert analysis.created_at == analysed_at  # not analysed again
    # Windows line ends, trailing spaces and extra blank lines are tidied once, here.
    expected = "Dear Ms Rivera,\n\nI read about the platform team and would like to join it."
    assert analysis.cover_letter.startswith(expected)
    assert "\r" not in analysis.cover_letter and "\n\n\n" not in analysis.cover_letter
    assert analysis.report["cover_letter"] == analysis.cover_letter
    pdf = " ".join(pdf_text(client.get(page_url + "/cover-letter.pdf").data).split())
    assert "I read about the platform team" in pdf and "Ms Rivera" in pdf
    docx = client.get(page_url + "/cover-letter.docx")
    assert docx.status_code == 200 and "I read about the platform team" in _docx_text(docx.data)
    assert "I read about the platform team" in client.get(page_url).get_data(as_text=True)


def test_page_refuses_an_empty_letter_and_other_users(client, run_worker):
    login_new_user(client, "owner@example.com")
    page_url = submit_and_finish(client, run_worker)
    application_id = page_url.rsplit("/", 1)[1]
    before = db.session.get(Application, application_id).analysis.cover_letter
    response = client.post(page_url + "/cover-letter", data={"text": "  \n "})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Application, application_id).analysis.cover_letter == before
    assert "The cover letter is empty." in client.get(page_url).get_data(as_text=True)

    login_new_user(client, "stranger@example.com")
    assert client.post(page_url + "/cover-letter", data={"text": EDITED}).status_code == 404


def test_api_replaces_the_letter_for_its_owner_only(client, auth, run_worker):
    headers = auth.register()
    response = client.post(
        "/api/v1/applications",
        data=FORM | {"resume": (io.BytesIO(sample_pdf()), "cv.pdf")},
        headers=headers,
        content_type="multipart/form-data",
    )
    status_url = response.get_json()["status_url"]
    letter_url = f"{status_url}/cover-letter"
    # Not finished yet: nothing to edit.
    assert client.put(letter_url, json={"text": "Hello"}, headers=headers).status_code == 409
    run_worker()

    assert client.put(letter_url, json={}, headers=headers).status_code == 422
    assert client.put(letter_url, json={"text": " "}, headers=headers).status_code == 422
    too_long = {"text": "a" * 30_001}
    assert client.put(letter_url, json=too_long, headers=headers).status_code == 422
    stranger = auth.register("stranger@example.com")
    assert client.put(letter_url, json={"text": EDITED}, headers=stranger).status_code == 404
    assert client.put(letter_url, json={"text": EDITED}).status_code == 401

    accepted = client.put(letter_url, json={"text": EDITED}, headers=headers)
    assert accepted.status_code == 202, accepted.get_json()
    assert accepted.get_json()["status"] == "queued"
    run_worker()
    status = client.get(status_url, headers=headers).get_json()
    assert status["status"] == "done"
    assert status["result"]["cover_letter"].startswith("Dear Ms Rivera,\n\nI read about")
    pdf = " ".join(pdf_text(client.get(letter_url, headers=headers).data).split())
    assert "I read about the platform team" in pdf


def test_openapi_documents_the_letter_edit(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    put = spec["paths"]["/api/v1/applications/{application_id}/cover-letter"]["put"]
    assert "202" in put["responses"] and "422" in put["responses"]
    assert put["security"] == [{"bearerAuth": []}]
