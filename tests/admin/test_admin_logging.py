"""Structured logs: a JSON line per request and per job stage."""

from __future__ import annotations

import io
import json
import logging

import pytest

from cvimprover.logging import JsonFormatter, configure


@pytest.fixture
def json_lines():
    """Route every log record through our JSON handler into a buffer, then restore."""
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    buffer = io.StringIO()
    configure("DEBUG", handler=logging.StreamHandler(buffer))

    def lines() -> list[dict]:
        return [json.loads(line) for line in buffer.getvalue().splitlines()]

    yield lines
    root.handlers[:] = saved[1]
    root.setLevel(saved[0])


def test_one_json_line_per_request_with_user(client, auth, json_lines):
    headers = auth.register("logged@example.com")
    client.get("/api/v1/rate-limits/status", headers=headers)
    client.get("/healthz")
    requests = [e for e in json_lines() if e.get("event") == "request"]
    status = next(e for e in requests if e["path"] == "/api/v1/rate-limits/status")
    assert status["method"] == "GET" and status["status"] == 200
    assert isinstance(status["user_id"], int) and status["duration_ms"] >= 0
    assert status["level"] == "info" and status["logger"] == "cvimprover.requests"
    health = next(e for e in requests if e["path"] == "/healthz")
    assert health["user_id"] is None


def test_job_stages_are_json_with_application_and_job_ids(app, json_lines):
    from rq.job import Job

    from jobs.lifecycle import report_progress

    class FakeRow:  # the smallest thing report_progress writes to
        id = "app-1"
        progress = 0
        stage = ""

    report_progress(FakeRow(), 40, "analysing")
    stage = next(e for e in json_lines() if e.get("event") == "job_stage")
    assert stage == stage | {
        "application_id": "app-1",
        "job_id": None,
        "stage": "analysing",
        "progress": 40,
        "logger": "jobs",
    }
    assert Job  # job ids are filled in inside a worker (see the improvement tests)


def test_level_comes_from_log_level(json_lines):
    configure("WARNING", handler=logging.StreamHandler(io.StringIO()))
    assert logging.getLogger().level == logging.WARNING


def test_exceptions_are_one_line():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), None)
        import sys

        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    assert "\n" not in line and "ValueError: boom" in json.loads(line)["exception"]


def test_the_request_line_names_the_user_without_loading_it_again(client, auth, json_lines):
    """A view that commits expires the user; the log line must not query it back."""
    from sqlalchemy import event

    from cvimprover.extensions import db

    headers = auth.register("committer@example.com")
    # The token's first use is written (and commits); the POST below then writes nothing
    # of its own before the view's commit
    client.get("/api/v1/applications", headers=headers)
    statements: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        response = client.post(
            "/api/v1/applications",
            headers=headers,
            data={
                "position": "Engineer",
                "industry": "Software",
                "experience_level": "3-5",
                "company_size": "small",
                "application_timeline": "immediate",
                "resume_text": "Ada Lovelace\nada@example.com\n\nExperience\nEngineer, 2020 - 2024",
            },
        )
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert response.status_code == 202, response.get_json()
    line = next(e for e in json_lines() if e.get("path") == "/api/v1/applications")
    assert isinstance(line["user_id"], int)
    assert not [s for s in statements if s.startswith("SELECT users.")]
