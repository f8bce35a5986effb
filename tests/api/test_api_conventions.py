"""API conventions: idempotency, ETags, re-render, templates, one error shape."""

import io

from cvimprover.extensions import db
from cvimprover.models import Application

FIELDS = {
    "position": "Data Engineer",
    "industry": "Logistics",
    "experience_level": "3-5",
    "company_size": "small",
    "application_timeline": "immediate",
    "job_description": "Python, SQL, Airflow and Kafka.",
    "resume_text": (
        "Grace Hopper\ngrace@example.com\n\nEXPERIENCE\nData Engineer, Fjord Logistics, "
        "2019 - 2024\n- Built 40 Airflow pipelines in Python and SQL\n\nSKILLS\nPython, SQL"
    ),
}


def submit(client, headers, extra_headers=None, **fields):
    return client.post(
        "/api/v1/applications",
        data=FIELDS | fields,
        headers=headers | (extra_headers or {}),
        content_type="multipart/form-data",
    )


def count() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Application))


def test_idempotency_key_returns_the_first_submission(client, auth):
    headers = auth.register()
    key = {"Idempotency-Key": "retry-me-123"}
    first = submit(client, headers, key)
    again = submit(client, headers, key)
    assert first.status_code == again.status_code == 202
    assert first.get_json()["id"] == again.get_json()["id"]
    assert count() == 1
    # Another key, or another user with the same key, is a new submission
    assert (
        submit(client, headers, {"Idempotency-Key": "other"}).get_json()["id"]
        != first.get_json()["id"]
    )
    assert submit(client, auth.register(), key).get_json()["id"] != first.get_json()["id"]
    assert count() == 3


def test_finished_application_and_pdf_answer_304_to_their_etag(client, auth, run_worker):
    headers = auth.register()
    url = submit(client, headers).get_json()["status_url"]
    assert "ETag" not in client.get(url, headers=headers).headers  # still queued
    run_worker()
    done = client.get(url, headers=headers)
    assert done.get_json()["status"] == "done"
    etag = done.headers["ETag"]
    assert client.get(url, headers=headers | {"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers=headers | {"If-None-Match": '"other"'}).status_code == 200
    pdf = client.get(url + "/pdf", headers=headers)
    assert pdf.status_code == 200
    again = client.get(url + "/pdf", headers=headers | {"If-None-Match": pdf.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_render_in_another_template_without_reanalysing(client, auth, run_worker):
    headers = auth.register()
    url = submit(client, headers).get_json()["status_url"]
    not_yet = client.post(url + "/render", json={"template": "modern"}, headers=headers)
    assert not_yet.status_code == 409
    run_worker()
    first = client.get(url, headers=headers).get_json()
    first_pdf = client.get(url + "/pdf", headers=headers).data
    bad = client.post(url + "/render", json={"template": "nope"}, headers=headers)
    assert bad.status_code == 422 and "template" in bad.get_json()["details"]
    response = client.post(url + "/render", json={"template": "modern"}, headers=headers)
    assert response.status_code == 202
    assert response.headers["Location"] == url
    run_worker()
    after = client.get(url, headers=headers).get_json()
    assert after["status"] == "done" and after["template"] == "modern"
    assert after["result"] == first["result"]  # same analysis
    assert client.get(url + "/pdf", headers=headers).data != first_pdf


def test_templates_listed_with_previews(client):
    items = client.get("/api/v1/templates").get_json()["items"]
    names = [t["name"] for t in items]
    assert {"classic", "modern", "compact"} <= set(names)
    preview = client.get(items[0]["preview_url"])
    assert preview.status_code == 200 and preview.data.startswith(b"\x89PNG")
    assert client.get("/api/v1/templates/nope/preview.png").status_code == 404


def test_werkzeug_errors_use_the_one_shape(client, auth, app):
    for response, slug in [
        (client.get("/api/v1/applications/does-not-exist", headers=auth.register()), "not_found"),
        (client.patch("/api/v1/applications"), "method_not_allowed"),
        (client.get("/api/v1/unknown"), "not_found"),
    ]:
        body = response.get_json()
        assert body["error"] == slug and body["message"], body
    app.config["MAX_CONTENT_LENGTH"] = 100
    big = client.post(
        "/api/v1/auth/register", data=io.BytesIO(b"x" * 1000), content_type="application/json"
    )
    assert big.status_code == 413 and big.get_json()["error"] == "payload_too_large"


def test_malformed_json_is_a_clear_error(client):
    response = client.post(
        "/api/v1/auth/register", data="{not json", content_type="application/json"
    )
    assert response.status_code in (400, 422)
    assert response.get_json()["error"] in ("bad_request", "validation_error")
