"""Every route that takes an application id, web and API, found from the URL map: another
user's id is a 404, and the API refuses no token, a wrong token and a revoked token (401)."""

from __future__ import annotations

import pytest

from cvimprover.auth.tokens import find_user
from cvimprover.models import Application

# Bodies that pass validation, so the ownership check is what answers
API_BODIES = {
    "api_applications.ApplicationRender": {"template": "classic"},
    # GET ignores the body; PUT must be valid, so only ownership can refuse it
    "api_applications.ApplicationCoverLetter": {
        "text": "Dear team,\n\nI would like to apply for this role.\n\nKind regards,\nAda"
    },
}
DOCUMENTS = {
    "resume": b"Ada Lovelace, Python",
    "pdf": b"%PDF-1.4 stand-in",
    "preview": b"\x89PNG\r\n\x1a\n stand-in",
    "cover_letter_pdf": b"%PDF-1.4 stand-in",
}


def id_routes(app, prefix: str) -> list[tuple[str, str, str]]:
    """(method, url template, endpoint) of every route under `prefix` taking an id."""
    found = []
    for rule in app.url_map.iter_rules():
        if "<application_id>" not in rule.rule or not rule.rule.startswith(prefix):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, rule.rule, rule.endpoint))
    return found


def call(client, method: str, url: str, endpoint: str, headers=None):
    body = API_BODIES.get(endpoint)
    return client.open(url, method=method, json=body, headers=headers or {})


def test_the_url_map_has_the_routes_we_expect_to_guard(app):
    api = {endpoint for _, _, endpoint in id_routes(app, "/api/")}
    web = {endpoint for _, _, endpoint in id_routes(app, "/applications")}
    assert len(api) >= 6 and len(web) >= 7, (api, web)


def test_api_routes_answer_404_for_another_users_application(
    app, client, auth, make_user, make_application
):
    stranger = make_user("owner@example.com")
    theirs = make_application(stranger, status="done", documents=DOCUMENTS)
    headers = auth.register()
    routes = id_routes(app, "/api/")
    for method, rule, endpoint in routes:
        url = rule.replace("<application_id>", theirs.id)
        response = call(client, method, url, endpoint, headers)
        assert response.status_code == 404, (method, url, response.get_json())
        assert response.get_json()["error"] == "not_found"
    # Nothing of theirs was touched
    assert app.extensions["sqlalchemy"].session.get(Application, theirs.id).status == "done"


@pytest.mark.parametrize("credentials", ["none", "wrong", "revoked", "not bearer"])
def test_api_routes_answer_401_without_a_valid_token(
    app, client, auth, make_application, credentials
):
    owner_headers = auth.register("owner@example.com")
    user = find_user("owner@example.com")
    mine = make_application(user, status="done", documents=DOCUMENTS)
    headers = {
        "none": {},
        "wrong": {"Authorization": "Bearer cvi_not-a-real-token"},
        "revoked": owner_headers,
        "not bearer": {"Authorization": "Basic b3duZXI6cGFzcw=="},
    }[credentials]
    if credentials == "revoked":
        assert client.delete("/api/v1/auth/token", headers=owner_headers).status_code == 204
    routes = id_routes(app, "/api/") + [
        ("GET", "/api/v1/applications", "api_applications.ApplicationCollection"),
        ("POST", "/api/v1/applications", "api_applications.ApplicationCollection"),
        ("GET", "/api/v1/rate-limits/status", "api_limits.RateLimitStatus"),
        ("DELETE", "/api/v1/auth/token", "api_auth.Token"),
    ]
    for method, rule, endpoint in routes:
        url = rule.replace("<application_id>", mine.id)
        response = call(client, method, url, endpoint, headers)
        assert response.status_code == 401, (credentials, method, url, response.get_json())
        assert response.get_json()["error"] == "unauthorized"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    # The owner's application is intact
    assert app.extensions["sqlalchemy"].session.get(Application, mine.id) is not None


def test_a_revoked_token_stays_revoked_and_other_tokens_still_work(client, auth):
    first = auth.register("ada@example.com")
    second = client.post(
        "/api/v1/auth/token",
        json={"email": "ada@example.com", "password": "correct horse battery"},
    ).get_json()["token"]
    assert client.delete("/api/v1/auth/token", headers=first).status_code == 204
    assert client.get("/api/v1/applications", headers=first).status_code == 401
    assert client.delete("/api/v1/auth/token", headers=first).status_code == 401
    other = {"Authorization": f"Bearer {second}"}
    assert client.get("/api/v1/applications", headers=other).status_code == 200


def test_web_routes_answer_404_for_another_users_application(
    app, client, make_user, make_application, web_login
):
    stranger = make_user("owner@example.com")
    theirs = make_application(stranger, status="failed", documents=DOCUMENTS)
    make_user("me@example.com")
    web_login("me@example.com")
    for method, rule, _ in id_routes(app, "/applications"):
        url = rule.replace("<application_id>", theirs.id)
        response = client.open(url, method=method)
        assert response.status_code == 404, (method, url)
    assert app.extensions["sqlalchemy"].session.get(Application, theirs.id).status == "failed"


def test_web_routes_send_anonymous_visitors_to_log_in(app, client, make_user, make_application):
    theirs = make_application(make_user("owner@example.com"), status="done", documents=DOCUMENTS)
    for method, rule, _ in id_routes(app, "/applications"):
        response = client.open(rule.replace("<application_id>", theirs.id), method=method)
        assert response.status_code in (302, 401), (method, rule, response.status_code)
        if response.status_code == 302:
            assert "/login" in response.headers["Location"]
