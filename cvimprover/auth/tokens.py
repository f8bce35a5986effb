"""Passwords and API tokens: hashing, issuing and checking."""

from __future__ import annotations

import hashlib
import secrets

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


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User) -> str:
    """A new bearer token for `user`; only its hash is stored."""
    token = "cvi_" + secrets.token_urlsafe(32)
    db.session.add(ApiToken(user=user, token_hash=_digest(token)))
    return token


def user_for_token(token: str) -> User | None:
    record = db.session.execute(
        db.select(ApiToken).filter_by(token_hash=_digest(token))
    ).scalar_one_or_none()
    if record is None:
        return None
    record.last_used_at = utcnow()
    return record.user


def find_user(email: str) -> User | None:
    return db.session.execute(
        db.select(User).filter_by(email=email.strip().lower())
    ).scalar_one_or_none()


_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")
