"""Accounts: sign-up and credential checks, shared by the web forms and the API."""

from __future__ import annotations

from cvimprover.auth.tokens import find_user, hash_password, password_matches
from cvimprover.extensions import db
from cvimprover.models import User


class EmailTaken(Exception):
    pass


def register_user(email: str, password: str, name: str) -> User:
    """Create a user on the Free plan; raises EmailTaken when the address is in use."""
    email = email.strip().lower()
    if find_user(email) is not None:
        raise EmailTaken(email)
    user = User(email=email, name=name.strip(), password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    user = find_user(email)
    return user if password_matches(user, password) else None
