"""Fuzz the JSON API from its own OpenAPI document with schemathesis: every operation gets
generated requests, valid and invalid, with a real token and sometimes a real id. No
answer may be a server error or break the document (status codes, content types, bodies,
headers)."""

from __future__ import annotations

from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from cvimprover.cv.pipeline import JobTarget, improve
from cvimprover.cv.render.fonts import drawing_report
from cvimprover.extensions import db
from cvimprover.models import User

MIN_REQUESTS = 1000
EXAMPLES = 45  # per operation and mode; operations without parameters stop sooner
DOCUMENTS = {
    "resume": b"Ada Lovelace, Python",
    "pdf": b"%PDF-1.4 stand-in",
    "preview": b"\x89PNG\r\n\x1a\n stand-in",
    "cover_letter_pdf": b"%PDF-1.4 stand-in",
}


def report() -> dict:
    improvement = improve(
        b"Ada Lovelace\nada@example.com\nEXPERIENCE\nEngineer, Acme, 2019 - 2024\n"
        b"- Built 3 Python services\nSKILLS\nPython, SQL",
        "cv.txt",
        JobTarget("Backend Engineer", "Software", "3-5", job_description="Python and SQL"),
    )
    improvement.report["rendering"] = drawing_report([improvement.cover_letter])
    return improvement.report


@pytest.fixture
def fuzz_app(make_app, app):
    """The app with rate limits off: they would answer 429 after the first hundred
    requests and hide everything else (their own tests live in tests/limits)."""
    fuzzed = make_app(RATE_LIMITS_ENABLED=False)
    with fuzzed.app_context():
        yield fuzzed
        db.session.remove()


def strategies_for(operation, application_id: str):
    """Positive and negative cases; for routes taking an id, also with the caller's own id."""
    found = []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        strategy = operation.as_strategy(generation_mode=mode)
        if "{application_id}" in operation.path:
            own = operation.as_strategy(
                generation_mode=mode, path_parameters={"application_id": application_id}
            )
            strategy = st.one_of(strategy, own)
        found.append((mode.value, strategy))
    return found


def fuzz(strategy, label: str, headers: dict[str, str], sent: Counter[str]) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: fast, shows the request
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case) -> None:
        sent[label] += 1
        case.call_and_validate(headers=headers)

    run()


@pytest.mark.slow
def test_api_answers_every_generated_request_as_documented(fuzz_app, make_application):
    client = fuzz_app.test_client()
    response = client.post(
        "/api/v1/auth/register",
        json={"email": "fuzz@example.com", "password": "correct horse battery", "name": "Fuzz"},
    )
    assert response.status_code == 201
    headers = {"Authorization": f"Bearer {response.get_json()['token']}"}
    user = db.session.scalar(db.select(User).filter_by(email="fuzz@example.com"))
    user.plan = "premium"
    db.session.commit()
    # A finished application with a report the engine wrote: its responses are checked
    # against the document, which describes the report field by field
    own_id = make_application(user, status="done", documents=DOCUMENTS, analysis=report()).id

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzz_app)
    sent: Counter[str] = Counter()
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode, strategy in strategies_for(operation, own_id):
            label = f"{operation.label} ({mode})"
            try:
                fuzz(strategy, label, headers, sent)
            except Unsatisfiable:
                # Nothing in this operation can be made invalid (no parameters, no body)
                assert mode == GenerationMode.NEGATIVE.value, label
            except BaseException as exc:  # one report per operation and mode, then go on
                if isinstance(exc, KeyboardInterrupt | SystemExit):
                    raise
                failures.append(f"{label}: {type(exc).__name__}: {exc}")
    total = sum(sent.values())
    print(f"\nschemathesis: {total} requests over {len(sent)} operation/mode pairs")
    assert not failures, "\n\n".join(failures)
    assert total >= MIN_REQUESTS, dict(sent)
