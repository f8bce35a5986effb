"""Plan limits: consume, refund, all-or-nothing, plan changes, concurrency."""

from __future__ import annotations

import threading

import pytest

from cvimprover.extensions import db
from cvimprover.limits import RateLimitExceeded, consume, refund, usage_status
from cvimprover.limits.service import health


def test_fourth_free_improvement_in_a_day_is_refused_until_the_plan_changes(make_user):
    user = make_user("free@example.com")
    for _ in range(3):
        consume(user, {"improvements": 1})
    with pytest.raises(RateLimitExceeded) as refused:
        consume(user, {"improvements": 1})
    body = refused.value.body()
    assert body["error"] == "rate_limit_exceeded"
    assert body["limit_info"] | {"reset_at": None} == {
        "scope": "improvements",
        "limit": 3,
        "used": 3,
        "remaining": 0,
        "reset_at": None,
        "current_plan": "free",
    }
    assert body["limit_info"]["reset_at"].endswith("T00:00:00Z")
    assert body["upgrade_suggestion"]["recommended_plan"] == "basic"
    assert body["upgrade_suggestion"]["upgrade_url"]
    headers = refused.value.headers
    assert headers["X-RateLimit-Limit"] == "3" and headers["X-RateLimit-Remaining"] == "0"
    assert 0 < int(headers["Retry-After"]) <= 24 * 3600

    user.plan = "basic"
    db.session.commit()
    consume(user, {"improvements": 1})
    assert usage_status(user)["scopes"]["improvements"]["used"] == 4
    assert usage_status(user)["scopes"]["improvements"]["limit"] == 20


@pytest.mark.parametrize(
    ("plan", "improvements", "applications", "uploads", "api_calls"),
    [
        ("free", 3, 5, 3, 100),
        ("basic", 20, 50, 20, 300),
        ("pro", 100, 200, 100, 600),
        ("premium", 1000, 1000, 500, 1200),
    ],
)
def test_each_plan_has_its_limits(make_user, plan, improvements, applications, uploads, api_calls):
    user = make_user(f"{plan}@example.com", plan=plan)
    limits = {s: v["limit"] for s, v in usage_status(user)["scopes"].items()}
    assert limits == {
        "improvements": improvements,
        "applications": applications,
        "uploads": uploads,
        "api_calls": api_calls,
    }
    consume(user, {"uploads": uploads})
    with pytest.raises(RateLimitExceeded):
        consume(user, {"uploads": 1})


def test_consume_is_all_or_nothing(make_user):
    user = make_user()
    consume(user, {"improvements": 1, "uploads": 3})
    with pytest.raises(RateLimitExceeded) as refused:
        consume(user, {"improvements": 1, "applications": 1, "uploads": 1})
    assert refused.value.limit_info["scope"] == "uploads"
    scopes = usage_status(user)["scopes"]
    assert (scopes["improvements"]["used"], scopes["applications"]["used"]) == (1, 0)


def test_refund_gives_back_and_never_goes_below_zero(make_user):
    user = make_user()
    consume(user, {"improvements": 3})
    refund(user, {"improvements": 1})
    consume(user, {"improvements": 1})
    refund(user, {"improvements": 10})
    assert usage_status(user)["scopes"]["improvements"]["used"] == 0


def test_premium_has_no_upgrade_to_suggest(make_user):
    user = make_user(plan="premium")
    consume(user, {"uploads": 500})
    with pytest.raises(RateLimitExceeded) as refused:
        consume(user, {"uploads": 1})
    assert refused.value.upgrade_suggestion["recommended_plan"] is None


def test_limits_can_be_switched_off(app, make_user):
    app.config["RATE_LIMITS_ENABLED"] = False
    user = make_user()
    for _ in range(5):
        consume(user, {"improvements": 1})


def test_unknown_scope_is_a_programming_error(make_user):
    with pytest.raises(ValueError):
        consume(make_user(), {"coffee": 1})


def test_two_concurrent_requests_cannot_both_take_the_last_unit(app, make_user):
    user = make_user()
    consume(user, {"improvements": 2})
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def attempt():
        with app.app_context():
            barrier.wait()
            try:
                consume(user, {"improvements": 1})
                outcomes.append("taken")
            except RateLimitExceeded:
                outcomes.append("refused")

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * 7 + ["taken"]
    assert usage_status(user)["scopes"]["improvements"]["used"] == 3


def test_counters_expire(app, make_user, redis_client):
    user = make_user()
    consume(user, {"improvements": 1, "api_calls": 1})
    keys = redis_client.keys(app.config["RATE_LIMIT_KEY_PREFIX"] + "*")
    assert len(keys) == 2
    for key in keys:
        assert 0 < redis_client.ttl(key) <= 24 * 3600 + app.config["RATE_LIMIT_KEEP_SECONDS"]


@pytest.mark.parametrize(
    ("percentage", "status"),
    [(0, "healthy"), (49.9, "healthy"), (50, "moderate"), (70, "warning"), (90, "critical")],
)
def test_status_thresholds(percentage, status):
    assert health(percentage) == status


def test_limits_fail_open_when_redis_is_down(make_app):
    app = make_app(REDIS_URL="redis://127.0.0.1:1/0")
    with app.app_context():
        from cvimprover.models import User

        user = User(id=123456, email="down@example.com", name="D", password_hash="x")
        consume(user, {"improvements": 10})  # not refused, not counted
        refund(user, {"improvements": 1})
        status = usage_status(user)
        assert status["counters_available"] is False
        assert status["scopes"]["improvements"]["used"] == 0
