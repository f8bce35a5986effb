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

    api.ma_plugin.converter.add_attribute_function(nullable_reference)
    api.spec.components.security_scheme(
        "bearerAuth",
        {"type": "http", "scheme": "bearer", "description": "A token from /auth/token"},
    )
    app.register_blueprint(docs_assets)
    for blueprint in (auth, applications, gallery, limits):
        csrf.exempt(blueprint)  # token-authenticated, no cookies
        api.register_blueprint(blueprint)


NULL_OBJECT = {"type": "object", "nullable": True}


def nullable_reference(converter, field, ret) -> dict:
    """A nested schema that may be null, as OpenAPI 3.0 spells it: `allOf: [$ref]` with
    `nullable`. apispec writes `anyOf: [$ref, {type: object, nullable}]`, which lets any
    object through: a generated client would accept a report of any shape."""
    any_of = ret.get("anyOf")
    if not any_of or len(any_of) != 2 or NULL_OBJECT not in any_of:
        return {}
    reference = next((schema for schema in any_of if "$ref" in schema), None)
    if reference is None:
        return {}
    del ret["anyOf"]
    return {"allOf": [reference], "nullable": True}
