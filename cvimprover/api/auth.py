"""Bearer-token authentication for the JSON API, and the `api_calls` count it takes.

Each authenticated POST/PUT/PATCH/DELETE takes one `api_calls` unit where its token is
checked, before the view runs (so the hourly limit holds under concurrency); the unit
is given back after the view when the request did not succeed (`refund_failed_api_call`,
registered by the application factory)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps

from flask import current_app, g, request

from cvimprover.api.errors import ApiError
from cvimprover.auth.tokens import find_token, note_use, token_digest
from cvimprover.extensions import db
from cvimprover.limits.service import MUTATING_METHODS, count_api_call, refund_api_call
from cvimprover.models import User, utcnow


def token_required(view):
    """Let the request through only with a valid `Authorization: Bearer <token>`."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        token = bearer_token()
        if token is None:
            raise _unauthorized("Send an Authorization: Bearer <token> header.")
        record = find_token(token)
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


def bearer_token() -> str | None:
    """The token of the request's `Authorization: Bearer <token>` header, if it has one."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def bearer_token_hash() -> str | None:
    """The stored form (SHA-256) of the request's bearer token, for a lookup joined to
    what the request reads (cvimprover.applications.service.status_check)."""
    token = bearer_token()
    return token_digest(token) if token is not None else None


def touch_due(last_used_at: datetime | None) -> bool:
    """Whether a token last used at `last_used_at` is due its `last_used_at` write (the
    rule of cvimprover.auth.tokens.note_use), which only token_required makes."""
    window = timedelta(seconds=current_app.config["TOKEN_TOUCH_SECONDS"])
    return last_used_at is None or utcnow() - last_used_at >= window


@dataclass(frozen=True)
class TokenOwner:
    """Who a request's token belongs to, when a route checked the token without loading
    the user (the request log reads its id)."""

    id: int


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
