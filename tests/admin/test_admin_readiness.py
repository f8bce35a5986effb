"""/readyz: ready only with the database, Redis and a live worker; queue depths and ages."""

from rq import Queue, Worker


def test_not_ready_without_a_worker(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "not_ready"
    assert body["reasons"] == ["no live worker"]
    assert body["workers"] == {"ok": False, "count": 0}


def test_ready_with_a_registered_worker_and_reports_queues(client, redis_client):
    Queue("default", connection=redis_client).enqueue("os.getcwd")
    worker = Worker(["default"], connection=redis_client)
    worker.register_birth()
    try:
        response = client.get("/readyz")
    finally:
        worker.register_death()
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ready" and body["reasons"] == []
    assert body["queues"]["default"]["depth"] == 1
    assert 0 <= body["queues"]["default"]["oldest_job_age"] < 60
    assert body["queues"]["high"] == {"depth": 0, "oldest_job_age": None}
    # A stopped worker is not counted any more
    assert client.get("/readyz").status_code == 503


def test_not_ready_when_redis_is_down(make_app):
    app = make_app(REDIS_URL="redis://127.0.0.1:1/0")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert "redis unavailable" in response.get_json()["reasons"]


def test_healthz_stays_liveness_without_workers(client):
    assert client.get("/healthz").status_code == 200
