"""Bearer-token authentication for the JSON API."""

from __future__ import annotations

from functools import wraps

from flask import g, request

from cvimprover.api.errors import ApiError
from cvimprover.auth.tokens import user_for_token
from cvimprover.extensions import db
from cvimprover.models import User


def token_required(view):
    """Let the request through only with a valid `Authorization: Bearer <token>`."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _unauthorized("Send an Authorization: Bearer <token> header.")
        user = user_for_token(token.strip())
        if user is None:
            raise _unauthorized("The token is not valid.")
        db.session.commit()  # last_used_at
        g.api_user = user
        return view(*args, **kwargs)

    return wrapper


def api_user() -> User:
    return g.api_user


def _unauthorized(message: str) -> ApiError:
    error = ApiError(401, message)
    error.headers = {"WWW-Authenticate": 'Bearer realm="cvimprover"'}
    return error
