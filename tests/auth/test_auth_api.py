"""Registration, tokens and bearer authentication over the JSON API."""

import hashlib

from cvimprover.extensions import db
from cvimprover.models import ApiToken, User


def register(client, **overrides):
    body = {"email": "ada@example.com", "password": "a long password", "name": "Ada"} | overrides
    return client.post("/api/v1/auth/register", json=body)


def test_register_returns_user_and_token_and_stores_hashes(client):
    response = register(client)
    assert response.status_code == 201
    body = response.get_json()
    assert body["user"]["email"] == "ada@example.com"
    assert body["user"]["plan"] == "free"
    assert "password" not in body["user"]
    user = db.session.execute(db.select(User)).scalar_one()
    assert user.password_hash.startswith("scrypt:")
    stored = db.session.execute(db.select(ApiToken)).scalar_one()
    assert stored.token_hash == hashlib.sha256(body["token"].encode()).hexdigest()
    assert body["token"] not in stored.token_hash


def test_register_twice_is_a_conflict_case_insensitively(client):
    assert register(client).status_code == 201
    response = register(client, email="ADA@example.com")
    assert response.status_code == 409
    assert response.get_json()["error"] == "conflict"


def test_register_validation_errors_name_the_fields(client):
    response = register(client, email="not-an-email", password="short", name="")
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"] == "validation_error"
    assert set(body["details"]) == {"email", "password", "name"}


def test_token_with_right_and_wrong_password(client):
    register(client)
    good = client.post(
        "/api/v1/auth/token", json={"email": "ada@example.com", "password": "a long password"}
    )
    assert good.status_code == 200 and good.get_json()["token"].startswith("cvi_")
    bad = client.post("/api/v1/auth/token", json={"email": "ada@example.com", "password": "nope"})
    assert bad.status_code == 401
    assert bad.get_json()["error"] == "unauthorized"
    unknown = client.post("/api/v1/auth/token", json={"email": "x@example.com", "password": "x"})
    assert unknown.status_code == 401


def test_protected_routes_need_a_valid_bearer_token(client):
    token = register(client).get_json()["token"]
    missing = client.get("/api/v1/applications")
    assert missing.status_code == 401
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    wrong = client.get("/api/v1/applications", headers={"Authorization": "Bearer cvi_wrong"})
    assert wrong.status_code == 401
    basic = client.get("/api/v1/applications", headers={"Authorization": f"Basic {token}"})
    assert basic.status_code == 401
    ok = client.get("/api/v1/applications", headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200
