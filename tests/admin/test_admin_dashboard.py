"""rq-dashboard under /admin/rq: admins only, and its pages work with our RQ."""

import pytest
from rq import Queue

from cvimprover.admin import register_admin


def test_dashboard_401_when_not_logged_in(client):
    assert client.get("/admin/rq/").status_code == 401
    assert client.get("/admin/rq/0/data/queues.json").status_code == 401


def test_dashboard_403_for_a_user_who_is_not_an_admin(client, make_user, web_login):
    make_user("user@example.com")
    web_login("user@example.com")
    assert client.get("/admin/rq/").status_code == 403
    assert client.post("/admin/rq/requeue/default").status_code == 403


def test_dashboard_200_for_an_admin(app, client, make_user, web_login, redis_client):
    make_user("admin@example.com", is_admin=True)
    web_login("admin@example.com")
    Queue("default", connection=redis_client).enqueue("os.getcwd")
    assert client.get("/admin/rq/").status_code == 200
    queues = client.get("/admin/rq/0/data/queues.json").get_json()["queues"]
    assert {"name": "default", "count": 1}.items() <= queues[0].items()
    assert client.get("/admin/rq/0/view/workers").status_code == 200
    jobs = client.get("/admin/rq/0/data/jobs/default/queued/8/asc/1.json").get_json()
    assert len(jobs["jobs"]) == 1


def test_dashboard_uses_our_redis_explicitly(app):
    assert app.config["RQ_DASHBOARD_REDIS_URL"] == (app.config["REDIS_URL"],)


@pytest.mark.parametrize("path", ["/admin/rq/", "/admin/rq/0/view/jobs"])
def test_dashboard_pages_for_admin(client, make_user, web_login, path):
    make_user("root@example.com", is_admin=True)
    web_login("root@example.com")
    assert client.get(path).status_code == 200


def test_registering_twice_on_new_apps_is_fine(app):
    # The blueprint is shared by every app the tests build; guarding it twice must not fail
    from flask import Flask

    other = Flask("other")
    other.config["REDIS_URL"] = app.config["REDIS_URL"]
    other.config["SECRET_KEY"] = "x"
    from cvimprover.extensions import csrf, login_manager

    csrf.init_app(other)
    login_manager.init_app(other)
    register_admin(other)
    assert other.test_client().get("/admin/rq/").status_code == 401


def test_job_and_worker_pages_with_rq_3(client, make_user, web_login, redis_client, run_worker):
    make_user("ops@example.com", is_admin=True)
    web_login("ops@example.com")
    queue = Queue("default", connection=redis_client)
    done = queue.enqueue("os.getcwd")
    failed = queue.enqueue("os.path.no_such_function")
    run_worker()
    for job in (done, failed):
        assert client.get(f"/admin/rq/0/view/job/{job.id}").status_code == 200
        info = client.get(f"/admin/rq/0/data/job/{job.id}.json").get_json()
        assert info["id"] == job.id
    assert "ValueError" in info["exc_info"]
    failed_list = client.get("/admin/rq/0/data/jobs/default/failed/8/asc/1.json").get_json()
    assert [j["id"] for j in failed_list["jobs"]] == [failed.id]
    # From the dashboard's own page (its actions carry no CSRF token: cvimprover/security.py)
    same_site = {"Origin": "http://localhost"}
    requeued = client.post(f"/admin/rq/job/{failed.id}/requeue", headers=same_site)
    assert requeued.get_json() == {"status": "OK"}
    assert failed.id in queue.job_ids
    assert client.get("/admin/rq/0/data/workers.json").status_code == 200


def test_legacy_option_names_do_not_warn(app):
    from flask import Flask

    other = Flask("legacy")
    other.config.update(REDIS_URL=app.config["REDIS_URL"], RQ_POLL_INTERVAL=1000, SECRET_KEY="x")
    register_admin(other)  # filterwarnings=error would turn a warning into a failure
    assert other.config["RQ_DASHBOARD_POLL_INTERVAL"] == 1000
