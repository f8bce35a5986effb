"""App-wide security headers: CSP with a per-response script nonce, nosniff, framing
refused, HSTS in production; registered by the application factory."""

from __future__ import annotations

import re
import secrets
from urllib.parse import urlsplit

from flask import Flask, Response, abort, request

# Pages are ours; user text is always escaped, so a literal `<script` in an HTML
# response was written by a template: those tags, and only those, get the nonce.
_SCRIPT_TAG = re.compile(rb"<script(?=[\s>])")
_MAX_HTML_BYTES = 2 * 1024 * 1024

PAGE_POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'nonce-{nonce}'{extra}; "
    # Inline style attributes (progress bars) only; no inline <style> from users survives escaping
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; "
    "object-src 'none'; "
    "base-uri 'none'; "
    "form-action 'self'; "
    "frame-ancestors 'none'"
)
# JSON, PDFs, images: nothing in them may run, and nobody may frame them
RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"


# rq-dashboard's actions post from its own scripts without a CSRF token (its blueprint is
# exempt), and one of them changes state on GET: these must come from our own pages.
TOKENLESS_ACTIONS = ("rq_dashboard.",)
STATE_CHANGING_GETS = {"rq_dashboard.requeue_all"}
# rq-dashboard (admins only) builds its tables with underscore.js templates: `new Function`
NEEDS_EVAL = ("rq_dashboard.",)


def register_security(app: Flask) -> None:
    """Add the security headers to every response of `app`, and refuse cross-site
    requests to the actions that cannot carry a CSRF token."""

    @app.before_request
    def same_origin_for_tokenless_actions() -> None:
        endpoint = request.endpoint or ""
        unsafe = request.method not in ("GET", "HEAD", "OPTIONS")
        guarded = (unsafe and endpoint.startswith(TOKENLESS_ACTIONS)) or (
            endpoint in STATE_CHANGING_GETS
        )
        if guarded and not _same_origin():
            abort(403)

    @app.after_request
    def security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if response.mimetype == "text/html":
            nonce = _add_script_nonce(response)
            extra = " 'unsafe-eval'" if (request.endpoint or "").startswith(NEEDS_EVAL) else ""
            policy = PAGE_POLICY.format(nonce=nonce, extra=extra)
            headers.setdefault("Content-Security-Policy", policy)
        else:
            headers.setdefault("Content-Security-Policy", RESOURCE_POLICY)
        hsts = app.config.get("HSTS_SECONDS", 0)
        if hsts and request.is_secure:
            headers.setdefault("Strict-Transport-Security", f"max-age={hsts}; includeSubDomains")
        return response


def _same_origin() -> bool:
    """Whether the browser says the request comes from one of our pages (Origin, else
    Referer); a request that says neither is refused."""
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    parts = urlsplit(source)
    return bool(parts.netloc) and parts.netloc == request.host and parts.scheme == request.scheme


def _add_script_nonce(response: Response) -> str:
    """Give each <script> tag of an HTML response a fresh nonce; return the nonce."""
    nonce = secrets.token_urlsafe(16)
    if response.direct_passthrough or response.is_streamed:
        return nonce
    body = response.get_data()
    if len(body) <= _MAX_HTML_BYTES and b"<script" in body:
        response.set_data(_SCRIPT_TAG.sub(b'<script nonce="' + nonce.encode() + b'"', body))
    return nonce
