"""API tokens: when a token's use is written to its row."""

from datetime import timedelta

from cvimprover.extensions import db
from cvimprover.models import ApiToken, utcnow


def stored_last_used():
    """last_used_at as the database has it, read on a connection of its own."""
    with db.engine.connect() as connection:
        return connection.execute(db.select(ApiToken.last_used_at)).scalar_one()


def set_stored_last_used(value) -> None:
    with db.engine.begin() as connection:
        connection.execute(db.update(ApiToken).values(last_used_at=value))


def test_last_used_at_is_written_once_per_window(app, make_app):
    # A second app whose requests each get their own app context and database session,
    # as under gunicorn (the `client` fixture's requests share the test's context)
    served = make_app(TOKEN_TOUCH_SECONDS=30)
    client = served.test_client()
    token = client.post(
        "/api/v1/auth/register",
        json={"email": "poll@example.com", "password": "a long password", "name": "Poll"},
    ).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert stored_last_used() is None

    assert client.get("/api/v1/applications", headers=headers).status_code == 200
    first = stored_last_used()
    assert first is not None

    assert client.get("/api/v1/applications", headers=headers).status_code == 200
    assert stored_last_used() == first  # the second request wrote nothing

    # Still inside the 30-second window (with room for a slow machine): no write
    inside = utcnow() - timedelta(seconds=20)
    set_stored_last_used(inside)
    assert client.get("/api/v1/applications", headers=headers).status_code == 200
    assert stored_last_used() == inside

    # Past the window: the next request writes again
    outside = utcnow() - timedelta(seconds=31)
    set_stored_last_used(outside)
    assert client.get("/api/v1/applications", headers=headers).status_code == 200
    assert stored_last_used() > outside + timedelta(seconds=30)


def test_a_mutating_request_marks_the_token_used(app, make_app):
    """A refused write (422, its api_calls unit given back) still marks the token used."""
    served = make_app(TOKEN_TOUCH_SECONDS=30)
    client = served.test_client()
    token = client.post(
        "/api/v1/auth/register",
        json={"email": "post@example.com", "password": "a long password", "name": "Post"},
    ).get_json()["token"]
    response = client.post(
        "/api/v1/applications", headers={"Authorization": f"Bearer {token}"}, data={}
    )
    assert response.status_code == 422
    assert stored_last_used() is not None
