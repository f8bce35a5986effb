"""A finished application's status, answered from the process' copy of its response after
one query: the same bytes as the full route, only ever to its owner's valid token, and
never once the application has changed."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import event

from cvimprover.extensions import db
from tests.support import SAMPLE_JOB, sample_pdf


@pytest.fixture
def statements(app):
    """The SQL statements the database runs while the test reads the list."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def finished(client, headers, run_worker) -> str:
    data = SAMPLE_JOB | {"resume": (io.BytesIO(sample_pdf()), "cv.pdf")}
    response = client.post(
        "/api/v1/applications", data=data, headers=headers, content_type="multipart/form-data"
    )
    assert response.status_code == 202, response.get_json()
    run_worker()
    url = response.get_json()["status_url"]
    assert client.get(url, headers=headers).get_json()["status"] == "done"
    return url


def test_second_read_is_one_query_and_the_same_response(client, auth, run_worker, statements):
    headers = auth.register()
    url = finished(client, headers, run_worker)
    full = client.get(url, headers=headers)
    statements.clear()
    short = client.get(url, headers=headers)
    assert len(statements) == 1, statements
    assert short.status_code == 200
    assert short.data == full.data
    assert short.headers["ETag"] == full.headers["ETag"]
    assert short.headers["Cache-Control"] == "private, no-cache"
    again = client.get(url, headers=headers | {"If-None-Match": short.headers["ETag"]})
    assert again.status_code == 304


def test_only_the_owners_valid_token_gets_the_copy(client, auth, run_worker):
    owner = auth.register()
    url = finished(client, owner, run_worker)
    assert client.get(url, headers=owner).status_code == 200  # the copy exists now
    assert client.get(url, headers=auth.register()).status_code == 404
    assert client.get(url, headers={"Authorization": "Bearer cvi_not-a-token"}).status_code == 401
    assert client.get(url).status_code == 401
    assert client.delete("/api/v1/auth/token", headers=owner).status_code == 204
    assert client.get(url, headers=owner).status_code == 401


def test_a_changed_or_deleted_application_is_never_answered_from_the_copy(client, auth, run_worker):
    headers = auth.register()
    url = finished(client, headers, run_worker)
    done = client.get(url, headers=headers).get_json()
    assert done["template"] == "classic"
    response = client.post(url + "/render", json={"template": "modern"}, headers=headers)
    assert response.status_code == 202
    assert client.get(url, headers=headers).get_json()["status"] == "queued"
    run_worker()
    rendered = client.get(url, headers=headers).get_json()
    assert rendered["status"] == "done" and rendered["template"] == "modern"
    assert client.get(url, headers=headers).get_json() == rendered
    assert client.delete(url, headers=headers).status_code == 204
    assert client.get(url, headers=headers).status_code == 404


def test_the_copies_stay_within_their_byte_budget():
    from cvimprover.applications.resources import FinishedBodies

    bodies = FinishedBodies(max_bytes=100)
    bodies.put("a", (1,), b"x" * 40, "ea")
    bodies.put("b", (1,), b"x" * 40, "eb")
    bodies.put("a", (2,), b"x" * 30, "ea2")  # replaced, not counted twice
    assert bodies.size == 70 and bodies.get("a")[0] == (2,)
    bodies.put("c", (1,), b"x" * 50, "ec")  # over budget: the oldest ("b") goes
    assert bodies.get("b") is None and bodies.get("a") is not None
    assert bodies.size == 80
    bodies.put("d", (1,), b"x" * 101, "ed")  # larger than the budget: never kept
    assert bodies.get("d") is None and bodies.size == 80
