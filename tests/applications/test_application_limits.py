"""Plan limits on submissions: only accepted work counts, and the 429 explains itself."""

import io

from cvimprover.extensions import db
from cvimprover.models import Application, User

FIELDS = {
    "position": "Analyst",
    "industry": "Retail",
    "experience_level": "0-2",
    "company_size": "small",
    "application_timeline": "immediate",
    "resume_text": "Sam Roe\nsam@example.com\nEXPERIENCE\nAnalyst, Shop Co, 2022 - 2024",
}


def submit(client, headers, **extra):
    return client.post(
        "/api/v1/applications",
        data=FIELDS | extra,
        headers=headers,
        content_type="multipart/form-data",
    )


def stored() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Application))


def remaining(client, headers, scope):
    status = client.get("/api/v1/rate-limits/status", headers=headers).get_json()
    return status["scopes"][scope]["remaining"]


def test_fourth_free_improvement_of_the_day_is_refused(client, auth):
    headers = auth.register()
    rejected = submit(client, headers, experience_level="99")  # refused: takes nothing
    assert rejected.status_code == 422
    bad_file = {"resume_text": "", "resume": (io.BytesIO(b"MZ"), "cv.exe")}
    assert submit(client, headers, **bad_file).status_code == 415
    for _ in range(3):
        assert submit(client, headers).status_code == 202
        client.get("/api/v1/applications", headers=headers)  # reads never count
    assert remaining(client, headers, "improvements") == 0

    refused = submit(client, headers)
    assert refused.status_code == 429
    body = refused.get_json()
    assert body["error"] == "rate_limit_exceeded"
    assert body["limit_info"]["limit"] == 3 and body["limit_info"]["used"] == 3
    assert body["limit_info"]["current_plan"] == "free"
    assert body["upgrade_suggestion"]["recommended_plan"] == "basic"
    assert int(refused.headers["Retry-After"]) > 0
    assert stored() == 3  # nothing half-written for the refused one


def test_uploads_count_files_not_pasted_text(client, auth):
    headers = auth.register()
    assert submit(client, headers).status_code == 202
    assert remaining(client, headers, "uploads") == 3
    pdf = {"resume_text": "", "resume": (io.BytesIO(b"%PDF-1.4 cv"), "cv.pdf")}
    assert submit(client, headers, **pdf).status_code == 202
    assert remaining(client, headers, "uploads") == 2


def test_an_idempotent_retry_takes_nothing(client, auth):
    headers = auth.register() | {"Idempotency-Key": "once"}
    assert submit(client, headers).status_code == 202
    used = remaining(client, headers, "applications")
    assert submit(client, headers).status_code == 202
    assert remaining(client, headers, "applications") == used


def test_a_bigger_plan_lifts_the_limit(client, auth):
    headers = auth.register()
    for _ in range(3):
        submit(client, headers)
    assert submit(client, headers).status_code == 429
    user = db.session.execute(db.select(User)).scalar_one()
    user.plan = "basic"
    db.session.commit()
    assert submit(client, headers).status_code == 202
