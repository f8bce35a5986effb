"""What a signed-in user does to their own account: tokens, password, deleting everything."""

from __future__ import annotations

from cvimprover.applications import service as applications
from cvimprover.auth.tokens import hash_password, issue_token, password_matches
from cvimprover.extensions import db
from cvimprover.models import ApiToken, Application, User

MIN_PASSWORD, MAX_PASSWORD = 8, 128  # as at sign-up (RegisterSchema)
MAX_TOKEN_NAME = 100


class AccountError(ValueError):
    """A request we refuse; `field` names the form field and the message says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def tokens_of(user: User) -> list[ApiToken]:
    return list(
        db.session.scalars(
            db.select(ApiToken)
            .filter_by(user_id=user.id)
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def create_token(user: User, name: str) -> str:
    """A new named API token; the caller shows it once (only its hash is kept)."""
    name = name.strip()
    if not name:
        raise AccountError("token_name", "Give the token a name, such as the app that uses it.")
    if len(name) > MAX_TOKEN_NAME:
        raise AccountError("token_name", f"Use at most {MAX_TOKEN_NAME} characters.")
    token = issue_token(user, name)
    db.session.commit()
    return token


def revoke_token(user: User, token_id: int) -> bool:
    """Delete one of the user's tokens; False when they have no token with that id."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        return False
    db.session.delete(token)
    db.session.commit()
    return True


def change_password(user: User, current: str, new: str, repeated: str) -> None:
    if not password_matches(user, current):
        raise AccountError("current_password", "This is not your current password.")
    if not MIN_PASSWORD <= len(new) <= MAX_PASSWORD:
        raise AccountError(
            "new_password", f"Use between {MIN_PASSWORD} and {MAX_PASSWORD} characters."
        )
    if new != repeated:
        raise AccountError("repeat_password", "The two new passwords differ.")
    user.password_hash = hash_password(new)
    db.session.commit()


def delete_account(user: User, password: str) -> None:
    """Delete the user, their applications (pending jobs cancelled), files and tokens."""
    if not password_matches(user, password):
        raise AccountError("delete_password", "This is not your password.")
    owned = db.session.scalars(db.select(Application).filter_by(user_id=user.id)).all()
    for application in owned:
        # Loaded, so the ORM deletes them even where the database does not cascade (SQLite)
        _ = application.documents, application.analysis
        applications.delete_application(application)
    # Explicit, so SQLite without foreign-key enforcement leaves no orphans either
    db.session.execute(db.delete(ApiToken).where(ApiToken.user_id == user.id))
    db.session.delete(user)
    db.session.commit()
