"""/api/v1/plans, /api/v1/rate-limits/status, API-call counting and the per-IP limit."""

from __future__ import annotations

from cvimprover.auth.tokens import find_user
from cvimprover.limits import consume

PROXY = {"REMOTE_ADDR": "10.0.0.1"}  # the platform's router


def form(**overrides):
    return {
        "position": "Backend Engineer",
        "industry": "Software",
        "experience_level": "3-5",
        "company_size": "medium",
        "application_timeline": "immediate",
        "resume_text": "Ada Lovelace\nPython engineer with ten years of experience.",
        **overrides,
    }


def test_plans_are_public_and_cached(client, app, redis_client):
    response = client.get("/api/v1/plans")
    assert response.status_code == 200
    items = response.get_json()["items"]
    assert [p["name"] for p in items] == ["free", "basic", "pro", "premium"]
    assert items[0]["improvements_per_day"] == 3 and items[3]["api_calls_per_hour"] == 1200
    key = app.config["CACHE_KEY_PREFIX"] + "plans:all"
    assert 0 < redis_client.ttl(key) <= app.config["CACHE_PLANS_TIMEOUT"]


def test_status_needs_a_token(client):
    assert client.get("/api/v1/rate-limits/status").status_code == 401


def test_status_reports_each_scope(client, auth):
    headers = auth.register("status@example.com")
    user = find_user("status@example.com")
    consume(user, {"improvements": 2, "uploads": 3})
    body = client.get("/api/v1/rate-limits/status", headers=headers).get_json()
    assert body["plan"] == "free"
    improvements = body["scopes"]["improvements"]
    assert {k: improvements[k] for k in ("limit", "used", "remaining", "status")} == {
        "limit": 3,
        "used": 2,
        "remaining": 1,
        "status": "moderate",
    }
    assert improvements["percentage_used"] == 66.7
    assert body["scopes"]["uploads"]["status"] == "critical"
    assert body["scopes"]["applications"]["status"] == "healthy"
    assert body["scopes"]["api_calls"]["reset_at"].endswith(":00:00Z")


def test_reads_do_not_count(client, auth):
    headers = auth.register("reader@example.com")
    for _ in range(5):
        assert client.get("/api/v1/rate-limits/status", headers=headers).status_code == 200
        assert client.get("/api/v1/applications", headers=headers).status_code == 200
        client.get("/api/v1/plans")
    scopes = client.get("/api/v1/rate-limits/status", headers=headers).get_json()["scopes"]
    assert all(s["used"] == 0 for s in scopes.values())


def test_successful_mutating_calls_count_and_failed_ones_do_not(client, auth):
    headers = auth.register("writer@example.com")
    assert client.delete("/api/v1/applications/nope", headers=headers).status_code == 404
    bad = client.post("/api/v1/applications", headers=headers, data=form(position=""))
    assert bad.status_code == 422
    status = client.get("/api/v1/rate-limits/status", headers=headers).get_json()
    assert status["scopes"]["api_calls"]["used"] == 0
    assert client.post("/api/v1/applications", headers=headers, data=form()).status_code == 202
    status = client.get("/api/v1/rate-limits/status", headers=headers).get_json()
    assert status["scopes"]["api_calls"]["used"] == 1


def test_over_the_hourly_api_limit_answers_429_with_the_body_and_headers(client, auth):
    headers = auth.register("busy@example.com")
    consume(find_user("busy@example.com"), {"api_calls": 100})
    response = client.post("/api/v1/applications", headers=headers, data=form())
    assert response.status_code == 429
    body = response.get_json()
    assert body["error"] == "rate_limit_exceeded" and body["message"]
    assert body["limit_info"]["limit"] == 100 and body["limit_info"]["remaining"] == 0
    assert body["limit_info"]["current_plan"] == "free"
    assert body["upgrade_suggestion"]["recommended_plan"] == "basic"
    assert int(response.headers["Retry-After"]) <= 3600
    assert response.headers["X-RateLimit-Limit"] == "100"
    assert response.headers["X-RateLimit-Remaining"] == "0"
    assert int(response.headers["X-RateLimit-Reset"]) > 0
    # Reads still work
    assert client.get("/api/v1/applications", headers=headers).status_code == 200


def test_per_ip_limit_on_token_reads_the_address_behind_one_proxy(app, client, auth):
    auth.register("ip@example.com")
    app.config["AUTH_IP_LIMIT"] = 3
    credentials = {"email": "ip@example.com", "password": "correct horse battery"}

    def token(forwarded_for: str):
        return client.post(
            "/api/v1/auth/token",
            json=credentials,
            environ_base=PROXY,
            headers={"X-Forwarded-For": forwarded_for},
        )

    assert [token("203.0.113.5").status_code for _ in range(3)] == [200, 200, 200]
    refused = token("203.0.113.5")
    assert refused.status_code == 429
    assert refused.get_json()["limit_info"]["scope"] == "ip:auth"
    assert "Retry-After" in refused.headers
    # A spoofed left-most address does not help: only the router's hop is trusted
    assert token("198.51.100.7, 203.0.113.5").status_code == 429
    # Another client behind the same router is not affected
    assert token("203.0.113.6").status_code == 200


def test_per_ip_limit_on_register_counts_failed_attempts_too(app, client):
    app.config["AUTH_IP_LIMIT"] = 2
    env = {"environ_base": PROXY, "headers": {"X-Forwarded-For": "203.0.113.9"}}
    assert client.post("/api/v1/auth/register", json={}, **env).status_code == 422
    ok = {"email": "new@example.com", "password": "correct horse battery", "name": "New"}
    assert client.post("/api/v1/auth/register", json=ok, **env).status_code == 201
    assert client.post("/api/v1/auth/register", json=ok, **env).status_code == 429


def test_per_ip_limit_on_web_login_and_signup(app, client, make_user):
    make_user("web@example.com")
    app.config["AUTH_IP_LIMIT"] = 2
    env = {"environ_base": PROXY, "headers": {"X-Forwarded-For": "203.0.113.20"}}
    assert client.get("/login", **env).status_code == 200  # showing the form is free
    wrong = {"email": "web@example.com", "password": "wrong"}
    assert client.post("/login", data=wrong, **env).status_code == 401
    assert client.post("/signup", data={}, **env).status_code == 422
    refused = client.post("/login", data=wrong, **env)
    assert refused.status_code == 429
    assert b"Too many" in refused.data and refused.headers["Retry-After"]


def test_a_mutating_call_checks_its_token_once(app, client, auth):
    """The token is looked up where it is checked (token_required), and the api_calls
    unit is taken there: no second lookup in an app-wide hook."""
    from sqlalchemy import event

    from cvimprover.extensions import db

    headers = auth.register("once@example.com")
    lookups = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "api_tokens" in statement:
            lookups.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        response = client.post("/api/v1/applications", headers=headers, data=form())
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert response.status_code == 202
    assert len(lookups) == 1, lookups
    status = client.get("/api/v1/rate-limits/status", headers=headers).get_json()
    assert status["scopes"]["api_calls"]["used"] == 1
