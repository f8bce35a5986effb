"""Bearer-token authentication for the JSON API, and the `api_calls` count it takes.

Each authenticated POST/PUT/PATCH/DELETE takes one `api_calls` unit where its token is
checked, before the view runs (so the hourly limit holds under concurrency); the unit
is given back after the view when the request did not succeed (`refund_failed_api_call`,
registered by the application factory)."""

from __future__ import annotations

from functools import wraps

from flask import g, request

from cvimprover.api.errors import ApiError
from cvimprover.auth.tokens import find_token, note_use
from cvimprover.extensions import db
from cvimprover.limits.service import MUTATING_METHODS, count_api_call, refund_api_call
from cvimprover.models import User


def token_required(view):
    """Let the request through only with a valid `Authorization: Bearer <token>`."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _unauthorized("Send an Authorization: Bearer <token> header.")
        record = find_token(token.strip())
        if record is None:
            raise _unauthorized("The token is not valid.")
        user = record.user
        if note_use(record):  # at most once a minute: most requests write nothing
            db.session.commit()
        g.api_user = user
        if request.method in MUTATING_METHODS:
            count_api_call(user)  # 429 over the plan's hourly limit
            g.api_call_counted = user
        return view(*args, **kwargs)

    return wrapper


def refund_failed_api_call(response):
    """Give back the `api_calls` unit of a request that did not succeed."""
    user = g.pop("api_call_counted", None)
    if user is not None and response.status_code >= 400:
        refund_api_call(user)
    return response


def api_user() -> User:
    return g.api_user


def _unauthorized(message: str) -> ApiError:
    error = ApiError(401, message)
    error.headers = {"WWW-Authenticate": 'Bearer realm="cvimprover"'}
    return error
