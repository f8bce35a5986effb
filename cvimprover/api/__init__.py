"""The JSON API under /api/v1: its blueprints, auth scheme and error shape."""

from __future__ import annotations

from flask import Flask

from cvimprover.extensions import api, csrf


def register_api(app: Flask) -> None:
    from cvimprover.applications.resources import blp as applications
    from cvimprover.auth.resources import blp as auth

    api.spec.components.security_scheme(
        "bearerAuth",
        {"type": "http", "scheme": "bearer", "description": "A token from /auth/token"},
    )
    for blueprint in (auth, applications):
        csrf.exempt(blueprint)  # token-authenticated, no cookies
        api.register_blueprint(blueprint)
