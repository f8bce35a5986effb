"""The JSON API under /api/v1: its blueprints, auth scheme and error shape."""

from __future__ import annotations

from flask import Flask


def register_api(app: Flask) -> None:
    # Imported here: cvimprover.extensions itself imports cvimprover.api.schemas
    from cvimprover.api.docs import bp as docs_assets
    from cvimprover.applications.resources import blp as applications
    from cvimprover.auth.resources import blp as auth
    from cvimprover.extensions import api, csrf
    from cvimprover.gallery.resources import blp as gallery
    from cvimprover.limits.resources import blp as limits

    api.spec.components.security_scheme(
        "bearerAuth",
        {"type": "http", "scheme": "bearer", "description": "A token from /auth/token"},
    )
    app.register_blueprint(docs_assets)
    for blueprint in (auth, applications, gallery, limits):
        csrf.exempt(blueprint)  # token-authenticated, no cookies
        api.register_blueprint(blueprint)
