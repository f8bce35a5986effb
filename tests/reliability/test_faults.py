"""Faults against real processes: workers and work horses SIGKILLed, Redis flushed and
restarted, the database locked, jobs past their timeout. The database is the truth:
every submission ends `done` (or `failed` with a reason), exactly once."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sqlite3
import time

import pytest
from redis import Redis
from rq.job import Job
from sqlalchemy.engine import make_url

from cvimprover import limits
from cvimprover.extensions import db
from cvimprover.models import Analysis, Application, ApplicationStatus, Document, User
from jobs.lifecycle import TIMED_OUT
from tests.reliability.conftest import SlowLLM, TcpProxy, all_done, statuses, wait_until
from tests.support import SAMPLE_JOB, sample_pdf

JOB = SAMPLE_JOB
PASSWORD = "correct horse battery"
RECOVERY_LIMIT = 60  # seconds, from the issue: after a worker is available / Redis is back


def register(client, plan: str = "premium") -> dict[str, str]:
    response = client.post(
        "/api/v1/auth/register",
        json={
            "email": f"u{time.monotonic_ns()}@example.com",
            "password": PASSWORD,
            "name": "Ada",
        },
    )
    assert response.status_code == 201, response.get_json()
    user = db.session.scalars(db.select(User).order_by(User.id.desc())).first()
    user.plan = plan
    db.session.commit()
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


def submit(client, headers, resume: bytes | None = None) -> str:
    data = JOB | {"resume": (io.BytesIO(resume or sample_pdf()), "cv.pdf")}
    response = client.post(
        "/api/v1/applications", data=data, headers=headers, content_type="multipart/form-data"
    )
    assert response.status_code == 202, response.get_json()
    return response.get_json()["id"]


def stage_of(application_id: str) -> tuple[str, str]:
    db.session.rollback()
    application = db.session.get(Application, application_id)
    return application.status, application.stage


def assert_exactly_once(ids: list[str]) -> None:
    """One analysis and one document of each kind per application; every one done."""
    db.session.rollback()
    assert set(statuses(ids).values()) == {ApplicationStatus.DONE}
    analyses = db.session.scalars(
        db.select(Analysis.application_id).where(Analysis.application_id.in_(ids))
    ).all()
    assert sorted(analyses) == sorted(ids)
    kinds = db.session.execute(
        db.select(Document.application_id, Document.kind, db.func.count())
        .where(Document.application_id.in_(ids))
        .group_by(Document.application_id, Document.kind)
    ).all()
    assert {count for _, _, count in kinds} == {1}, kinds
    assert {kind for _, kind, _ in kinds} >= {"resume", "pdf", "preview"}


def charged(application_ids: list[str]) -> dict[str, int]:
    """What the plan counters hold for the owner of these applications."""
    db.session.rollback()
    user = db.session.get(Application, application_ids[0]).user
    status = limits.usage_status(user)
    return {scope: status["scopes"][scope]["used"] for scope in ("applications", "improvements")}


def horse_of(worker) -> int:
    horses = worker.horses()
    assert len(horses) == 1, f"the worker has {len(horses)} work horses"
    return horses[0]


@pytest.mark.slow
@pytest.mark.parametrize("victim", ["work horse", "whole worker"])
def test_worker_killed_mid_job_finishes_within_a_minute_exactly_once(
    stack, stack_app, victim, record_property
):
    """SIGKILL the work horse (as the OOM killer would) or the worker and its horse
    (as a lost machine would); a worker then available finishes the application once."""
    stack.llm = SlowLLM(delay=4)
    stack.start("scheduler")
    worker = stack.start_worker()
    client = stack_app.test_client()
    headers = register(client)
    application_id = submit(client, headers)
    wait_until(lambda: stage_of(application_id)[0] == "running", 30, what="job started")
    time.sleep(1)  # inside the slow rewrite
    horse = horse_of(worker)
    killed = time.monotonic()
    if victim == "whole worker":
        # The worker first, so it cannot report its horse's death: RQ believes the job
        # still runs, and only the missing heartbeat tells
        worker.kill()
        worker.process.wait(10)
    os.kill(horse, signal.SIGKILL)
    if victim == "whole worker":
        stack.start_worker()  # the platform starts another
    available = time.monotonic()
    wait_until(all_done([application_id]), RECOVERY_LIMIT, what=stack.logs())
    recovered = time.monotonic() - available
    record_property("recovery_seconds", round(recovered, 1))
    print(
        f"\n{victim} SIGKILLed: done {time.monotonic() - killed:.1f} s after the kill, "
        f"{recovered:.1f} s after a worker was available"
    )
    assert_exactly_once([application_id])
    assert charged([application_id]) == {"applications": 1, "improvements": 1}


@pytest.mark.slow
@pytest.mark.parametrize("fault", ["flush", "restart"])
def test_redis_losing_its_data_loses_no_application(stack, stack_app, fault, record_property):
    """Applications queued and running when Redis is flushed or restarted empty all
    finish within a minute of Redis being back; none stays queued."""
    stack.llm = SlowLLM(delay=2)
    stack.start("scheduler")
    stack.start_worker()
    client = stack_app.test_client()
    headers = register(client)
    ids = [submit(client, headers) for _ in range(4)]
    wait_until(lambda: "running" in statuses(ids).values(), 30, what="a job started")
    if fault == "flush":
        Redis.from_url(stack.redis.url).flushall()
    else:
        stack.redis.stop()
        time.sleep(2)
        stack.redis.start()
    back = time.monotonic()
    wait_until(all_done(ids), RECOVERY_LIMIT, interval=0.5, what=stack.logs())
    recovered = time.monotonic() - back
    record_property("recovery_seconds", round(recovered, 1))
    print(f"\nRedis {fault}: all {len(ids)} done {recovered:.1f} s after Redis was back")
    assert_exactly_once(ids)


def test_job_past_its_timeout_fails_with_a_reason_and_the_user_can_retry(stack, stack_app):
    stack.llm = SlowLLM(delay=30)
    worker = stack.start_worker()
    stack_app.config["JOB_TIMEOUT"] = 3  # a job's timeout is set where it is enqueued
    client = stack_app.test_client()
    headers = register(client)
    application_id = submit(client, headers)
    wait_until(lambda: stage_of(application_id)[0] == "failed", 30, what=stack.logs())
    body = client.get(f"/api/v1/applications/{application_id}", headers=headers).get_json()
    assert body["status"] == "failed" and body["error"] == TIMED_OUT
    assert worker.alive(), "the worker died with its job"

    # Retried from the web page: runs again, and (the LLM still slow) fails the same way
    email = db.session.get(Application, application_id).user.email
    web = stack_app.test_client()
    assert web.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    page = web.get(f"/applications/{application_id}").get_data(as_text=True)
    assert f"/applications/{application_id}/retry" in page and "took too long" in page
    assert web.post(f"/applications/{application_id}/retry").status_code == 302
    assert stage_of(application_id)[0] == "queued"
    wait_until(lambda: stage_of(application_id)[0] == "failed", 30, what=stack.logs())
    assert worker.alive()

    # The LLM answers quickly now: a retry through the API finishes the CV
    stack.llm.delay = 0
    response = client.post(f"/api/v1/applications/{application_id}/retry", headers=headers)
    assert response.status_code == 202, response.get_json()
    wait_until(all_done([application_id]), 30, what=stack.logs())
    assert_exactly_once([application_id])
    # Retrying is not a new submission: the plan was charged once
    assert charged([application_id]) == {"applications": 1, "improvements": 1}
    again = client.post(f"/api/v1/applications/{application_id}/retry", headers=headers)
    assert again.status_code == 409  # only a failed application can be retried


class DatabaseOutage:
    """Make the test database unreachable for the worker, then reachable again.

    SQLite: another process holds an exclusive lock (every query then fails with
    'database is locked'); PostgreSQL: the worker connects through a proxy we cut."""

    def __init__(self, stack, database_url: str) -> None:
        self.sqlite_path = None
        self.proxy = None
        url = make_url(database_url)
        if url.get_backend_name() == "sqlite":
            self.sqlite_path = url.database
        else:
            self.proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
            proxied = url.set(host="127.0.0.1", port=self.proxy.port)
            stack.env["DATABASE_URL"] = proxied.render_as_string(hide_password=False)
        self.holder = None

    def cut(self) -> None:
        if self.proxy is not None:
            self.proxy.down()
        else:
            self.holder = sqlite3.connect(self.sqlite_path, isolation_level=None)
            self.holder.execute("BEGIN EXCLUSIVE")

    def restore(self) -> None:
        if self.proxy is not None:
            self.proxy.up()
        else:
            self.holder.execute("ROLLBACK")
            self.holder.close()


def test_database_unreachable_during_a_job_is_retried_with_backoff_and_ends_done(
    stack, stack_app, database_url, record_property
):
    outage = DatabaseOutage(stack, database_url)
    client = stack_app.test_client()
    headers = register(client)
    application_id = submit(client, headers)
    job_id = db.session.get(Application, application_id).job_id
    redis = Redis.from_url(stack.redis.url)
    outage.cut()
    try:
        stack.start_worker()
        # The first attempt fails on the database; RQ schedules a retry (Retry, backoff)
        wait_until(
            lambda: (Job.fetch(job_id, connection=redis).retries_left or 0) < 3,
            30,
            what=stack.logs(),
        )
        assert Job.fetch(job_id, connection=redis).get_status() in ("scheduled", "queued")
    finally:
        outage.restore()
    back = time.monotonic()
    wait_until(all_done([application_id]), RECOVERY_LIMIT, what=stack.logs())
    record_property("recovery_seconds", round(time.monotonic() - back, 1))
    print(f"\ndatabase back: done {time.monotonic() - back:.1f} s later")
    assert_exactly_once([application_id])
    redis.close()


@pytest.mark.slow
def test_hundred_submissions_with_workers_killed_mid_job(stack, stack_app):
    """Two workers; six times while the 100 submissions are worked through, a busy one is
    SIGKILLed (its work horse alone, or the worker with its horse, by turns) and the
    platform starts another. All 100 end done, once each.

    The kills are paced by progress (after 10, 25, ... 85 are done), not by the clock, so
    a fast machine that finishes in ten seconds is hit as often as a slow one."""
    stack.start("scheduler")
    workers = [stack.start_worker(), stack.start_worker()]
    client = stack_app.test_client()
    headers = register(client)
    resume = sample_pdf()
    started = time.monotonic()
    ids = [submit(client, headers, resume) for _ in range(100)]
    submitted = time.monotonic() - started
    kills = 0
    for threshold in (10, 25, 40, 55, 70, 85):
        wait_until(
            lambda n=threshold: done_count(ids) >= n, 120, interval=0.1, what=f"{threshold} done"
        )
        caught = wait_for_busy(workers, prefer=kills % 2)
        if caught is None:  # the last jobs finished before a horse could be caught
            break
        busy, horses = caught
        victim = workers[busy]
        if kills % 2 == 0:
            try:
                os.kill(horses[0], signal.SIGKILL)
            except ProcessLookupError:  # its job ended between the look and the kill
                caught = wait_for_busy(workers, prefer=busy)
                if caught is None:
                    break
                busy, horses = caught
                with contextlib.suppress(ProcessLookupError):
                    os.kill(horses[0], signal.SIGKILL)
        else:
            victim.kill()
            victim.process.wait(10)
            for horse in horses:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(horse, signal.SIGKILL)
            workers[busy] = stack.start("worker")  # booting while the work goes on
        kills += 1
    wait_until(all_done(ids), 120, interval=1, what=f"{statuses(ids)}\n{stack.logs()}")
    elapsed = time.monotonic() - started
    print(f"\n100 submissions ({submitted:.1f} s), {kills} kills mid-job, done in {elapsed:.1f} s")
    assert kills >= 5
    assert_exactly_once(ids)
    assert charged(ids) == {"applications": 100, "improvements": 100}


def done_count(ids: list[str]) -> int:
    return sum(status == ApplicationStatus.DONE for status in statuses(ids).values())


def wait_for_busy(workers, prefer: int, timeout: float = 10) -> tuple[int, list[int]] | None:
    """A worker that has a work horse (one in the middle of a job), trying `prefer` first:
    its index and its horses as seen; None when neither is busy within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for index in (prefer, 1 - prefer):
            horses = workers[index].horses()
            if horses:
                return index, horses
        time.sleep(0.02)
    return None


def registered(url: str, pid: int) -> bool:
    client = Redis.from_url(url)
    try:
        return any(
            int(client.hget(key, "pid") or 0) == pid for key in client.smembers("rq:workers")
        )
    finally:
        client.close()


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["while starting", "when idle"])
def test_worker_stops_on_sigterm_and_deregisters(stack, moment):
    """A platform stops a worker with SIGTERM (then SIGKILL after a grace period): a worker
    started as the Procfile starts it must exit promptly and deregister, whether the signal
    comes the moment it has registered (its scheduler still starting) or once it is idle."""
    if moment == "while starting":
        worker = stack.start("worker")
        registration = lambda: registered(stack.redis.url, worker.pid)  # noqa: E731
        wait_until(registration, 60, interval=0.002, what="registration")
    else:
        worker = stack.start_worker()
        time.sleep(1)
    worker.kill(signal.SIGTERM)
    seconds = wait_until(lambda: not worker.alive(), 20, what="worker exit after SIGTERM")
    assert seconds < 20
    client = Redis.from_url(stack.redis.url)
    left = client.smembers("rq:workers")
    assert not left, f"the stopped worker is still registered\n{stack.logs()}"
    client.close()
