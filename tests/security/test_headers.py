"""Security headers on pages, API answers and files; cookie flags; CSRF on every form."""

from __future__ import annotations

import re

import pytest

from cvimprover.extensions import db
from cvimprover.models import User

DOCUMENTS = {
    "resume": b"Ada Lovelace, Python",
    "pdf": b"%PDF-1.4 stand-in",
    "preview": b"\x89PNG\r\n\x1a\n stand-in",
    "cover_letter_pdf": b"%PDF-1.4 stand-in",
}


def assert_common_headers(response) -> str:
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "Strict-Transport-Security" not in headers  # plain HTTP, not production
    return csp


def test_pages_carry_a_csp_whose_nonce_every_script_tag_has(
    client, make_user, make_application, web_login
):
    user = make_user("me@example.com")
    application = make_application(user, status="running", documents=DOCUMENTS)
    web_login("me@example.com")
    response = client.get(f"/applications/{application.id}")
    csp = assert_common_headers(response)
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    scripts = re.findall(r"<script[^>]*>", response.get_data(as_text=True))
    assert scripts, "the progress page polls with a script"
    assert all(f'nonce="{nonce}"' in tag for tag in scripts), scripts
    # A fresh nonce on every response
    again = client.get(f"/applications/{application.id}").headers["Content-Security-Policy"]
    assert again != csp


@pytest.mark.parametrize("path", ["/login", "/signup", "/api/v1/docs"])
def test_public_pages_carry_the_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = assert_common_headers(response)
    assert "script-src 'self' 'nonce-" in csp and "unsafe-eval" not in csp


def test_only_the_admin_dashboard_may_evaluate_its_templates(client, make_user, web_login):
    make_user("admin@example.com", is_admin=True)
    web_login("admin@example.com")
    csp = client.get("/admin/rq/").headers["Content-Security-Policy"]
    assert "'unsafe-eval'" in csp and "frame-ancestors 'none'" in csp


def test_api_answers_and_files_may_not_run_anything(client, auth, make_application):
    headers = auth.register("me@example.com")
    user = db.session.scalar(db.select(User).filter_by(email="me@example.com"))
    application = make_application(user, status="done", documents=DOCUMENTS)
    for url in (
        "/api/v1/applications",
        f"/api/v1/applications/{application.id}/pdf",
        f"/api/v1/applications/{application.id}/preview",
        "/api/v1/applications/nope",
    ):
        response = client.get(url, headers=headers)
        csp = assert_common_headers(response)
        assert csp.startswith("default-src 'none'") and "sandbox" in csp, url
    pdf = client.get(f"/api/v1/applications/{application.id}/pdf", headers=headers)
    assert pdf.headers["Content-Disposition"].startswith("attachment;")


def test_web_downloads_are_attachments(client, make_user, make_application, web_login):
    application = make_application(make_user("me@example.com"), documents=DOCUMENTS)
    web_login("me@example.com")
    for name in ("cv.pdf", "cover-letter.pdf"):
        response = client.get(f"/applications/{application.id}/{name}")
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("attachment;"), name
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    # The preview is shown inline, as an image the browser may not sniff into anything else
    preview = client.get(f"/applications/{application.id}/preview.png")
    assert preview.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in preview.headers["Content-Security-Policy"]


def test_production_sends_hsts_over_https_and_secure_cookies(make_app, make_user):
    from config import ProductionConfig

    production = make_app(
        TESTING=True,
        WTF_CSRF_ENABLED=False,
        HSTS_SECONDS=ProductionConfig.HSTS_SECONDS,
        SESSION_COOKIE_SECURE=ProductionConfig.SESSION_COOKIE_SECURE,
        REMEMBER_COOKIE_SECURE=ProductionConfig.REMEMBER_COOKIE_SECURE,
    )
    assert ProductionConfig.HSTS_SECONDS >= 180 * 24 * 3600
    with production.app_context():
        make_user("me@example.com")
    client = production.test_client()
    https = {"X-Forwarded-Proto": "https"}
    response = client.get("/login", headers=https)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    login = client.post(
        "/login",
        data={"email": "me@example.com", "password": "correct horse battery"},
        headers=https,
    )
    assert login.status_code == 302
    cookie = login.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_session_cookie_is_httponly_and_samesite(client, make_user):
    make_user("me@example.com")
    login = client.post(
        "/login", data={"email": "me@example.com", "password": "correct horse battery"}
    )
    cookie = login.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def web_post_routes(app) -> list[str]:
    routes = []
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and not rule.rule.startswith("/api/"):
            routes.append(rule.rule)
    return routes


def test_every_web_form_needs_its_csrf_token(make_app, make_user, make_application):
    protected = make_app(WTF_CSRF_ENABLED=True)
    with protected.app_context():
        user = make_user("me@example.com")
        user.is_admin = True  # so the admin's own routes answer too
        db.session.commit()
        application_id = make_application(user, status="failed", documents=DOCUMENTS).id
    client = protected.test_client()
    # Logging in needs the token too
    refused = client.post("/login", data={"email": "me@example.com", "password": "x"})
    assert refused.status_code == 400
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    logged_in = client.post(
        "/login",
        data={"email": "me@example.com", "password": "correct horse battery", "csrf_token": token},
    )
    assert logged_in.status_code == 302
    routes = web_post_routes(protected)
    assert len(routes) >= 8, routes
    for rule in routes:
        url = re.sub(r"<(?:\w+:)?application_id>", application_id, rule)
        url = re.sub(r"<int:[^>]+>", "1", url)  # an int converter refuses "x" with a 404
        url = re.sub(r"<[^>]+>", "x", url)
        response = client.post(url, data={})
        if rule.startswith("/admin/rq/"):
            # rq-dashboard's scripts send no token: its actions must come from our pages
            assert response.status_code == 403, (url, response.status_code)
            evil = client.post(url, headers={"Origin": "https://evil.example"})
            assert evil.status_code == 403, url
        else:
            assert response.status_code == 400, (url, response.status_code)
    # rq-dashboard's requeue-all also answers GET: a cross-site link cannot trigger it
    linked = client.get("/admin/rq/requeue/default", headers={"Referer": "https://evil.example/"})
    assert linked.status_code == 403
    # Every form the pages show carries the token
    for url in ("/applications/new", f"/applications/{application_id}", "/account"):
        html = client.get(url).get_data(as_text=True)
        forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", html, re.S | re.I)
        assert all('name="csrf_token"' in form for form in forms), url
