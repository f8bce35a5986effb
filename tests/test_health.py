"""/healthz: database, Redis and workers."""

from rq import Worker


def test_healthz_ok_reports_workers(client, redis_client):
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] and body["redis"]["ok"]
    assert body["workers"] == {"ok": False, "count": 0}
    worker = Worker(["default"], connection=redis_client)
    worker.register_birth()
    try:
        assert client.get("/healthz").get_json()["workers"] == {"ok": True, "count": 1}
    finally:
        worker.register_death()


def test_healthz_503_when_redis_is_down(make_app):
    app = make_app(REDIS_URL="redis://127.0.0.1:1/0")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["redis"]["ok"] is False


def test_healthz_503_when_database_is_down(make_app):
    app = make_app(SQLALCHEMY_DATABASE_URI="sqlite:////nonexistent/dir/db.sqlite3")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"]["ok"] is False


def test_api_answers_503_in_the_error_shape_when_the_database_is_down(make_app):
    app = make_app(SQLALCHEMY_DATABASE_URI="sqlite:////nonexistent/dir/db.sqlite3")
    response = app.test_client().post(
        "/api/v1/auth/token", json={"email": "a@example.com", "password": "whatever"}
    )
    assert response.status_code == 503
    assert response.get_json()["error"] == "service_unavailable"
