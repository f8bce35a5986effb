"""The account page's forms: named API tokens (shown once, revoked), password change, and
deleting the account with all its data."""

from __future__ import annotations

import re

from cvimprover.extensions import db
from cvimprover.models import ApiToken, Application, Document, User

PASSWORD = "correct horse battery"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_token_is_shown_once_works_and_can_be_revoked(client, make_user, web_login):
    make_user("t@example.com")
    web_login("t@example.com")
    assert client.post("/account/tokens", data={"token_name": "  "}).status_code == 422
    created = client.post("/account/tokens", data={"token_name": "job board script"})
    assert created.status_code == 201
    token = re.search(r'<code id="new-token">(cvi_[^<]+)</code>', created.get_data(as_text=True))
    token = token.group(1)
    assert client.get("/api/v1/applications", headers=bearer(token)).status_code == 200
    page = client.get("/account").get_data(as_text=True)
    assert "job board script" in page and token not in page  # listed, never shown again
    record = db.session.execute(db.select(ApiToken).filter_by(name="job board script")).scalar_one()
    assert client.post(f"/account/tokens/{record.id}/revoke").status_code == 302
    assert client.get("/api/v1/applications", headers=bearer(token)).status_code == 401


def test_a_token_of_someone_else_cannot_be_revoked(client, make_user, web_login):
    make_user("owner@example.com")
    web_login("owner@example.com")
    client.post("/account/tokens", data={"token_name": "mine"})
    token_id = db.session.execute(db.select(ApiToken.id)).scalar_one()
    client.post("/logout")
    make_user("other@example.com")
    web_login("other@example.com")
    assert client.post(f"/account/tokens/{token_id}/revoke").status_code == 404
    assert db.session.get(ApiToken, token_id) is not None


def test_password_change(client, make_user, web_login):
    make_user("p@example.com")
    web_login("p@example.com")
    wrong = client.post(
        "/account/password",
        data={"current_password": "nope", "new_password": "x" * 10, "repeat_password": "x" * 10},
    )
    assert wrong.status_code == 422 and "not your current password" in wrong.get_data(as_text=True)
    differ = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": "x" * 10, "repeat_password": "y" * 10},
    )
    assert differ.status_code == 422 and "differ" in differ.get_data(as_text=True)
    done = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": "x" * 10, "repeat_password": "x" * 10},
    )
    assert done.status_code == 302
    client.post("/logout")
    assert (
        client.post("/login", data={"email": "p@example.com", "password": PASSWORD}).status_code
        == 401
    )
    web_login("p@example.com", "x" * 10)


def test_delete_account_removes_everything(client, make_user, web_login, make_application):
    user = make_user("d@example.com")
    make_application(user)
    web_login("d@example.com")
    client.post("/account/tokens", data={"token_name": "script"})
    unconfirmed = client.post("/account/delete", data={"delete_password": PASSWORD})
    assert unconfirmed.status_code == 422
    wrong = client.post("/account/delete", data={"delete_password": "nope", "confirm": "yes"})
    assert wrong.status_code == 422
    assert db.session.execute(db.select(User).filter_by(email="d@example.com")).scalar_one()

    gone = client.post("/account/delete", data={"delete_password": PASSWORD, "confirm": "yes"})
    assert gone.status_code == 302
    for model in (User, ApiToken, Application, Document):
        assert db.session.scalar(db.select(db.func.count()).select_from(model)) == 0, model
    assert client.get("/account").status_code == 302  # logged out
