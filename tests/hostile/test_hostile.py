"""Hostile input through the real API and a real Procfile worker: every case ends in a
clear 4xx with nothing stored, or a stored application that failed with a reason the
user reads, or (for odd but legitimate files) done. Never a 500, never a dead worker,
never a half-stored application, and text shown back is escaped."""

from __future__ import annotations

import io
import re
import time

import pytest
from redis import Redis
from rq import Queue
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from cvimprover.extensions import db
from cvimprover.models import Application, ApplicationStatus, DocumentKind, User
from jobs.lifecycle import INTERNAL_ERROR, UNAVAILABLE
from tests.hostile.corpus import DONE, FAILED, PHOTO_REFUSED, REJECTED, SCRIPT, Case, build
from tests.reliability.conftest import wait_until

JOB = {
    "position": "Senior Python Engineer",
    "industry": "Fintech",
    "experience_level": "6+",
    "company_size": "medium",
    "application_timeline": "immediate",
    "job_description": "We need a Python engineer with PostgreSQL, Redis and Docker.",
}
EMAIL = "hostile@example.com"
PASSWORD = "correct horse battery"


def post_multipart(client, url: str, data: dict, headers=None):
    """POST `data` as multipart, encoded in memory (the test client would spool a large
    body to a temporary file it never closes when the app refuses the request early)."""
    fields = {
        key: FileStorage(io.BytesIO(value[0]), filename=value[1])
        if isinstance(value, tuple)
        else value
        for key, value in data.items()
    }
    boundary, body = encode_multipart(fields)
    return client.post(
        url,
        data=body,
        headers=headers or {},
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def post_case(client, headers, case: Case):
    data = JOB | case.fields
    if case.resume is not None:
        data["resume"] = case.resume
    if case.resume_text is not None:
        data["resume_text"] = case.resume_text
    if case.photo is not None:
        data["photo"] = case.photo
    return post_multipart(client, "/api/v1/applications", data, headers)


def application_count() -> int:
    db.session.rollback()
    return db.session.scalar(db.select(db.func.count(Application.id)))


def outcome_of(application: Application) -> str:
    if application.status == ApplicationStatus.FAILED:
        return FAILED
    if application.status == ApplicationStatus.DONE:
        return PHOTO_REFUSED if application.photo_error else DONE
    return application.status


@pytest.fixture
def premium_user(stack_app):
    client = stack_app.test_client()
    response = client.post(
        "/api/v1/auth/register", json={"email": EMAIL, "password": PASSWORD, "name": "Ada"}
    )
    assert response.status_code == 201
    user = db.session.scalar(db.select(User).filter_by(email=EMAIL))
    user.plan = "premium"
    db.session.commit()
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


@pytest.mark.slow
def test_hostile_corpus_ends_in_a_clear_answer_for_every_file(stack, stack_app, premium_user):
    cases = build()
    assert len(cases) >= 60
    worker = stack.start_worker()
    client = stack_app.test_client()
    problems: list[str] = []
    accepted: dict[str, str] = {}  # case name -> application id
    for case in cases:
        before = application_count()
        response = post_case(client, premium_user, case)
        body = response.get_json(silent=True) or {}
        if response.status_code == 202:
            accepted[case.name] = body["id"]
            continue
        if not 400 <= response.status_code < 500:
            problems.append(f"{case.name}: HTTP {response.status_code} {body}")
        elif REJECTED not in case.expect:
            problems.append(
                f"{case.name}: refused ({response.status_code} {body}), expected {case.expect}"
            )
        elif not body.get("message") or not body.get("error"):
            problems.append(f"{case.name}: {response.status_code} without a message")
        if application_count() != before:
            problems.append(f"{case.name}: refused, yet an application was stored")

    def settled() -> bool:
        db.session.rollback()
        pending = db.session.scalar(
            db.select(db.func.count(Application.id)).where(
                Application.status.in_(ApplicationStatus.PENDING)
            )
        )
        return pending == 0

    started = time.monotonic()
    wait_until(settled, 240, interval=0.5, what=stack.logs())
    print(f"\nhostile corpus: {len(cases)} cases, {len(accepted)} accepted, "
          f"settled in {time.monotonic() - started:.1f} s")  # fmt: skip
    assert worker.alive(), "the worker died"
    # Nothing left running: no work horse stuck on a file after its application settled
    wait_until(lambda: not worker.horses(), 30, what="a work horse is still running")
    # A bad file is not retried: RQ's retries are for our own faults (jobs/lifecycle.py)
    redis = Redis.from_url(stack.redis.url)
    for name in stack_app.config["QUEUES"]:
        assert Queue(name, connection=redis).scheduled_job_registry.count == 0, name
    redis.close()

    by_name = {case.name: case for case in cases}
    tally = {REJECTED: len(cases) - len(accepted)}
    for name, application_id in accepted.items():
        db.session.rollback()
        application = db.session.get(Application, application_id)
        outcome = outcome_of(application)
        tally[outcome] = tally.get(outcome, 0) + 1
        print(f"  {name}: {outcome} {application.error or application.photo_error or ''}")
        case = by_name[name]
        if outcome not in case.expect:
            problems.append(
                f"{name}: {outcome} ({application.error or application.photo_error}), "
                f"expected {case.expect}"
            )
        if outcome == FAILED:
            if not application.error or application.error in (INTERNAL_ERROR, UNAVAILABLE):
                problems.append(f"{name}: failed without a specific reason ({application.error})")
            if application.document(DocumentKind.RESUME) is None:
                problems.append(f"{name}: failed and its resume is gone")
        if outcome in (DONE, PHOTO_REFUSED):
            if application.analysis is None or application.document(DocumentKind.PDF) is None:
                problems.append(f"{name}: done without its analysis or PDF (half-stored)")
            photo_lost = application.document(DocumentKind.PHOTO_SQUARE) is None
            if outcome == DONE and case.photo is not None and photo_lost:
                problems.append(f"{name}: photo accepted but not stored")
        resume = application.document(DocumentKind.RESUME)
        stored = resume.filename
        # No separator, no control character, no hidden file: nothing a path could use
        if "/" in stored or "\\" in stored or "\x00" in stored or stored.startswith("."):
            problems.append(f"{name}: unsafe stored name {stored!r}")
        if len(stored) > 120:
            problems.append(f"{name}: stored name of {len(stored)} characters")
        if application.analysis is not None and "root:x:0:0" in str(application.analysis.report):
            problems.append(f"{name}: a local file leaked into the report")
    print(f"  outcomes: {tally}")
    assert not problems, "\n".join(problems)

    # Text shown back is escaped: the owner's pages never carry the injected markup
    web = stack_app.test_client()
    assert web.post("/login", data={"email": EMAIL, "password": PASSWORD}).status_code == 302
    pages = ["/applications", *[f"/applications/{i}" for i in accepted.values()]]
    for url in pages:
        html = web.get(url).get_data(as_text=True)
        assert SCRIPT not in html and "<script>alert" not in html, url
        assert not re.search(r"<img[^>]*onerror", html), url
    api = client.get(
        f"/api/v1/applications/{accepted['script in every field']}", headers=premium_user
    ).get_json()
    assert api["position"] == SCRIPT  # stored as typed; JSON is data, pages escape it


def test_request_bodies_over_the_limits_are_refused_with_413(stack_app, premium_user):
    client = stack_app.test_client()
    config = stack_app.config
    limits = [
        ("resume", config["MAX_RESUME_BYTES"] + 1, "cv.pdf", None),
        ("photo", config["MAX_PHOTO_BYTES"] + 1, "me.jpg", b"\xff\xd8\xff"),
        ("resume", config["MAX_CONTENT_LENGTH"] + 1, "cv.pdf", None),
    ]
    for field, size, name, head in limits:
        before = application_count()
        data = dict(JOB)
        content = (head or b"%PDF-1.4\n") + b"\x00" * (size - len(head or b"%PDF-1.4\n"))
        data[field] = (content, name)
        if field == "photo":
            data["resume_text"] = "Ada Lovelace\nPython engineer"
        response = post_multipart(client, "/api/v1/applications", data, premium_user)
        assert response.status_code == 413, (field, size, response.status_code)
        body = response.get_json()
        assert body["error"] == "payload_too_large" and "MB" in body["message"] or body["message"]
        assert application_count() == before
    # The web form answers the same way, not with a 500
    web = stack_app.test_client()
    assert web.post("/login", data={"email": EMAIL, "password": PASSWORD}).status_code == 302
    big = dict(JOB) | {"resume": (b"x" * (config["MAX_CONTENT_LENGTH"] + 1), "cv.pdf")}
    response = post_multipart(web, "/applications/new", big)
    assert response.status_code == 413
