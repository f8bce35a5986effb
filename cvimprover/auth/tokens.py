"""Passwords and API tokens: hashing, issuing and checking."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from cvimprover.extensions import db
from cvimprover.models import ApiToken, User, utcnow


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def password_matches(user: User | None, password: str) -> bool:
    if user is None:
        # Same work whether or not the account exists, so timing reveals nothing
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(user.password_hash, password)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User, name: str = "") -> str:
    """A new bearer token for `user`; only its hash is stored."""
    token = "cvi_" + secrets.token_urlsafe(32)
    db.session.add(ApiToken(user=user, token_hash=token_digest(token), name=name))
    return token


def find_token(token: str) -> ApiToken | None:
    """The stored token (its user loaded in the same query), or None for a token we
    never issued or have revoked."""
    return db.session.execute(
        _TOKEN_WITH_USER, {"token_hash": token_digest(token)}
    ).scalar_one_or_none()


# Built once: every API request runs it, and building a statement costs more than its lookup
_TOKEN_WITH_USER = (
    db.select(ApiToken)
    .options(joinedload(ApiToken.user))
    .where(ApiToken.token_hash == db.bindparam("token_hash"))
)


def note_use(record: ApiToken) -> bool:
    """Set last_used_at unless it was set less than TOKEN_TOUCH_SECONDS ago; whether it
    changed (the caller commits).

    A status poll is a read: writing the row on every request made each GET a write
    transaction (and, on SQLite, a wait for the database's one write lock).
    """
    now = utcnow()
    window = timedelta(seconds=current_app.config["TOKEN_TOUCH_SECONDS"])
    if record.last_used_at is not None and now - record.last_used_at < window:
        return False
    record.last_used_at = now
    return True


def revoke_token(token: str) -> bool:
    """Delete the token so it is never accepted again; whether it existed. Caller commits."""
    deleted = db.session.execute(db.delete(ApiToken).filter_by(token_hash=token_digest(token)))
    return bool(deleted.rowcount)


def find_user(email: str) -> User | None:
    return db.session.execute(
        db.select(User).filter_by(email=email.strip().lower())
    ).scalar_one_or_none()


_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")
