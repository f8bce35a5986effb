"""The improvement from POST to PDF, run by a real RQ worker on real Redis."""

import io

import pytest
from PIL import Image
from rq import Queue
from rq.job import Job
from rq.registry import FailedJobRegistry

from cvimprover.extensions import db
from cvimprover.models import Application
from tests.support import SAMPLE_JOB, pdf_text, sample_pdf

JOB = SAMPLE_JOB


def submit(client, headers, resume=None, photo=None, **fields):
    data = JOB | fields
    data["resume"] = (io.BytesIO(resume or sample_pdf()), "ada.pdf")
    if photo is not None:
        data["photo"] = photo
    response = client.post(
        "/api/v1/applications", data=data, headers=headers, content_type="multipart/form-data"
    )
    assert response.status_code == 202, response.get_json()
    return response


def png_photo(size=(400, 300)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 80, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def test_post_answers_at_once_and_worker_produces_the_pdf(client, auth, run_worker, redis_client):
    headers = auth.register()
    response = submit(client, headers)
    body = response.get_json()
    assert body["status"] == "queued" and body["progress"] == 0
    assert response.headers["Location"] == body["status_url"]
    # Nothing heavy happened in the request: the job waits on the default queue
    assert Queue("default", connection=redis_client).count == 1
    assert client.get(body["status_url"], headers=headers).get_json()["links"]["pdf"] is None

    run_worker()

    status = client.get(body["status_url"], headers=headers).get_json()
    assert status["status"] == "done", status
    assert status["progress"] == 100 and status["stage"] == "done"
    assert status["finished_at"] is not None
    report = status["result"]
    assert 0 <= report["score_before"] <= 100 and 0 <= report["score_after"] <= 100
    assert "postgresql" in {k.lower() for k in report["keywords"]["matched"]}
    assert "kubernetes" in {k.lower() for k in report["keywords"]["missing"]}

    pdf = client.get(status["links"]["pdf"], headers=headers)
    assert pdf.status_code == 200
    assert pdf.mimetype == "application/pdf"
    assert pdf.headers["Content-Disposition"].startswith("attachment")
    text = pdf_text(pdf.data)
    assert "Ada Lovelace" in text
    assert "Analytical Engines" in text
    assert "40%" in text

    letter = client.get(status["links"]["cover_letter"], headers=headers)
    assert letter.status_code == 200 and letter.mimetype == "application/pdf"
    assert "Ada Lovelace" in pdf_text(letter.data)
    assert report["cover_letter"].splitlines()[0] in pdf_text(letter.data)

    preview = client.get(status["links"]["preview"], headers=headers)
    assert preview.status_code == 200 and preview.data.startswith(b"\x89PNG")

    application = db.session.get(Application, body["id"])
    job = Job.fetch(application.job_id, connection=redis_client)
    assert job.meta["progress"] == 100 and job.meta["stage"] == "done"


def test_a_corrupt_pdf_fails_with_a_reason_and_reaches_rq_failed_registry(
    client, auth, run_worker, redis_client
):
    headers = auth.register()
    body = submit(client, headers, resume=b"%PDF-1.7\n" + b"\x13garbage" * 50).get_json()
    run_worker()
    status = client.get(body["status_url"], headers=headers).get_json()
    assert status["status"] == "failed"
    assert status["stage"] == "failed"
    assert "PDF" in status["error"]
    assert "Traceback" not in status["error"]
    application = db.session.get(Application, body["id"])
    failed = FailedJobRegistry("default", connection=redis_client)
    assert application.job_id in failed.get_job_ids()
    assert status["links"]["pdf"] is None


def test_photo_is_processed_by_its_own_job_before_the_cv(client, auth, run_worker, redis_client):
    headers = auth.register()
    body = submit(
        client, headers, photo=(io.BytesIO(png_photo()), "me.png"), template="modern"
    ).get_json()
    assert Queue("high", connection=redis_client).count == 1
    run_worker()
    status = client.get(body["status_url"], headers=headers).get_json()
    assert status["status"] == "done", status
    assert status["photo_error"] is None
    application = db.session.get(Application, body["id"])
    square = application.document("photo_square")
    assert square is not None
    with Image.open(io.BytesIO(square.data)) as image:
        assert image.width == image.height
        assert not image.getexif()


def test_a_broken_photo_is_reported_and_the_cv_still_made(client, auth, run_worker):
    headers = auth.register()
    broken = png_photo()[:60]  # a PNG signature and header, then nothing
    body = submit(client, headers, photo=(io.BytesIO(broken), "me.png")).get_json()
    run_worker()
    status = client.get(body["status_url"], headers=headers).get_json()
    assert status["status"] == "done", status
    assert status["photo_error"]


def test_deleted_before_the_worker_runs_leaves_nothing(client, auth, run_worker):
    headers = auth.register()
    body = submit(client, headers).get_json()
    assert client.delete(body["status_url"], headers=headers).status_code == 204
    run_worker()
    assert db.session.get(Application, body["id"]) is None
    assert client.get(body["status_url"], headers=headers).status_code == 404


def test_submission_survives_redis_being_down(app, make_app, auth):
    # Redis unreachable: the application is stored, queued, and picked up later
    down = make_app(REDIS_URL="redis://127.0.0.1:1/0")
    with down.app_context():
        client = down.test_client()
        headers = type(auth)(client).register()
        response = submit(client, headers)
        assert response.status_code == 202
        assert response.get_json()["status"] == "queued"
        application = db.session.get(Application, response.get_json()["id"])
        assert application.document("resume") is not None


@pytest.mark.parametrize("path", ["", "/pdf", "/preview", "/cover-letter"])
def test_only_the_owner_sees_an_application_and_its_files(client, auth, run_worker, path):
    owner, stranger = auth.register(), auth.register()
    body = submit(client, owner).get_json()
    run_worker()
    assert client.get(body["status_url"] + path, headers=owner).status_code == 200
    response = client.get(body["status_url"] + path, headers=stranger)
    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"


def test_others_cannot_delete_and_lists_are_private_and_newest_first(client, auth):
    owner, stranger = auth.register(), auth.register()
    first = submit(client, owner, position="First").get_json()
    second = submit(client, owner, position="Second").get_json()
    assert client.delete(first["status_url"], headers=stranger).status_code == 404
    mine = client.get("/api/v1/applications", headers=owner)
    assert [a["id"] for a in mine.get_json()["items"]] == [second["id"], first["id"]]
    assert mine.headers["X-Total-Count"] == "2"
    theirs = client.get("/api/v1/applications", headers=stranger).get_json()
    assert theirs["items"] == [] and theirs["meta"]["total"] == 0


def test_list_is_paginated(client, auth):
    headers = auth.register()
    ids = [submit(client, headers, position=f"Role {n}").get_json()["id"] for n in range(3)]
    page = client.get("/api/v1/applications?per_page=2&page=2", headers=headers)
    body = page.get_json()
    assert [a["id"] for a in body["items"]] == [ids[0]]
    assert body["meta"] == {"page": 2, "per_page": 2, "total": 3, "pages": 2}
    assert 'rel="prev"' in page.headers["Link"]
    assert client.get("/api/v1/applications?per_page=500", headers=headers).status_code == 422
