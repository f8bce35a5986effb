"""The scheduler's jobs, run by a real RQ worker: retention, stuck work, registries, usage."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from rq import Queue
from rq.job import Job, JobStatus
from rq.registry import FailedJobRegistry, StartedJobRegistry

from cvimprover import maintenance
from cvimprover.extensions import db
from cvimprover.limits import consume
from cvimprover.limits.models import UsageDaily
from cvimprover.models import Analysis, Application, Document, utcnow


def run_job(app, redis_client, run_worker, name: str):
    queue = Queue(app.config["MAINTENANCE_QUEUE"], connection=redis_client)
    job = queue.enqueue(f"jobs.maintenance.{name}")
    run_worker()
    job.refresh()
    assert job.get_status() == JobStatus.FINISHED, job.latest_result()
    db.session.expire_all()
    return job.return_value()


def make_stale(application, seconds: int = 3600):
    db.session.execute(
        db.update(Application)
        .where(Application.id == application.id)
        .values(updated_at=utcnow() - timedelta(seconds=seconds))
    )
    db.session.commit()
    db.session.expire_all()


def test_retention_deletes_old_applications_and_their_files_in_batches(
    app, make_user, make_application, redis_client, run_worker
):
    user = make_user()
    old = [make_application(user, age_days=100, documents={"preview": b"x"}).id for _ in range(3)]
    recent = make_application(user, age_days=10).id
    app.config["RETENTION_BATCH_SIZE"] = 2

    batches = []
    assert maintenance.count_expired(90) == 3
    assert maintenance.purge_expired(90, 2, progress=batches.append) == 3
    assert batches == [2, 1]
    assert db.session.scalars(db.select(Application.id)).all() == [recent]
    assert (
        db.session.scalar(db.select(db.func.count()).where(Document.application_id.in_(old))) == 0
    )
    assert (
        db.session.scalar(db.select(db.func.count()).where(Analysis.application_id.in_(old))) == 0
    )

    # The scheduled job does the same with RETENTION_DAYS
    make_application(user, age_days=91)
    assert run_job(app, redis_client, run_worker, "purge_expired") == {"deleted": 1}
    assert db.session.scalars(db.select(Application.id)).all() == [recent]


def test_requeue_stuck_enqueues_again_an_application_whose_job_is_missing(
    app, make_user, make_application, redis_client, run_worker
):
    user = make_user()
    lost = make_application(user, status="queued", job_id="improve-lost-00000000")
    make_stale(lost)
    fresh = make_application(user, status="queued", job_id="improve-fresh-00000000")
    waiting_job = Queue("default", connection=redis_client).enqueue("os.getcwd")
    waiting = make_application(user, status="queued", job_id=waiting_job.id)
    make_stale(waiting)

    found = {a.id: reason for a, reason in maintenance.find_stuck()}
    assert found == {lost.id: "job missing"}  # fresh is within the grace period

    result = maintenance.requeue_stuck()
    assert [(r.application_id, r.reason) for r in result] == [(lost.id, "job missing")]
    lost = db.session.get(Application, lost.id)
    assert lost.status == "queued" and lost.job_id != "improve-lost-00000000"
    job = Job.fetch(lost.job_id, connection=redis_client)
    assert job.func_name == "jobs.improvement.improve_application" and job.args == (lost.id,)
    assert job.get_status() == JobStatus.QUEUED
    assert db.session.get(Application, fresh.id).job_id == "improve-fresh-00000000"
    assert db.session.get(Application, waiting.id).job_id == waiting_job.id


def test_requeue_stuck_job_via_the_scheduled_job(
    app, make_user, make_application, redis_client, run_worker
):
    lost = make_application(make_user(), status="queued", job_id="improve-gone-00000000")
    make_stale(lost)
    # The job itself runs on `low` only; run just that queue so the re-enqueued one waits
    queue = Queue("low", connection=redis_client)
    job = queue.enqueue("jobs.maintenance.requeue_stuck")
    from rq import Worker

    Worker([queue], connection=redis_client).work(burst=True)
    assert job.return_value() == {"requeued": [lost.id], "gave_up": []}
    db.session.expire_all()
    assert Queue("default", connection=redis_client).job_ids == [
        db.session.get(Application, lost.id).job_id
    ]


def test_running_application_whose_job_failed_or_was_abandoned_is_requeued(
    app, make_user, make_application, redis_client
):
    user = make_user()
    queue = Queue("default", connection=redis_client)
    failed_job = queue.enqueue("os.getcwd")
    failed_job.set_status(JobStatus.FAILED)
    crashed = make_application(user, status="running", job_id=failed_job.id)
    old_job = queue.enqueue("os.getcwd")
    old_job.set_status(JobStatus.STARTED)
    long_ago = datetime.now(UTC) - timedelta(seconds=app.config["JOB_TIMEOUT"] + 3600)
    old_job.started_at = long_ago
    old_job.last_heartbeat = datetime.now(UTC)  # its worker still beats: the job hangs
    old_job.save()
    abandoned = make_application(user, status="running", job_id=old_job.id)
    silent_job = queue.enqueue("os.getcwd")
    silent_job.set_status(JobStatus.STARTED)
    silent_job.started_at = silent_job.last_heartbeat = datetime.now(UTC) - timedelta(minutes=5)
    silent_job.save()
    lost = make_application(user, status="running", job_id=silent_job.id)
    for application in (crashed, abandoned, lost):
        make_stale(application)
    found = {a.id: reason for a, reason in maintenance.find_stuck()}
    assert found == {
        crashed.id: "job failed",
        abandoned.id: "job abandoned",
        lost.id: "worker lost",
    }


def test_gives_up_after_max_requeues(app, make_user, make_application, redis_client):
    app.config["MAX_REQUEUES"] = 1
    application = make_application(make_user(), status="queued", job_id="improve-x-00000000")
    make_stale(application)
    assert not maintenance.requeue_stuck()[0].gave_up
    application = db.session.get(Application, application.id)
    redis_client.delete(f"rq:job:{application.job_id}")  # lost again
    make_stale(application)
    assert maintenance.requeue_stuck()[0].gave_up
    application = db.session.get(Application, application.id)
    assert application.status == "failed" and application.error == maintenance.GAVE_UP


def test_clean_registries_moves_abandoned_jobs_to_failed(app, redis_client, run_worker):
    queue = Queue("default", connection=redis_client)
    job = queue.enqueue("os.getcwd")
    queue.remove(job)
    job.set_status(JobStatus.STARTED)
    started = StartedJobRegistry("default", connection=redis_client)
    redis_client.zadd(started.key, {f"{job.id}:dead-execution": time.time() - 60})
    assert started.get_expired_job_ids() == [job.id]

    cleaned = run_job(app, redis_client, run_worker, "clean_registries")
    assert cleaned["default"]["started"] == 0
    assert job.id in FailedJobRegistry("default", connection=redis_client).get_job_ids()
    assert cleaned["default"]["failed"] == 1


def test_usage_roll_up_is_idempotent(app, make_user, redis_client, run_worker):
    ada, bob = make_user("ada@example.com"), make_user("bob@example.com")
    consume(ada, {"improvements": 2, "uploads": 1, "api_calls": 5})
    consume(bob, {"applications": 1})
    assert run_job(app, redis_client, run_worker, "roll_up_usage") == {"rows": 4}
    consume(ada, {"improvements": 1})
    assert run_job(app, redis_client, run_worker, "roll_up_usage") == {"rows": 4}
    rows = {(r.user_id, r.scope): r.count for r in db.session.scalars(db.select(UsageDaily)).all()}
    assert rows == {
        (ada.id, "improvements"): 3,
        (ada.id, "uploads"): 1,
        (ada.id, "api_calls"): 5,
        (bob.id, "applications"): 1,
    }
    assert {r.day for r in db.session.scalars(db.select(UsageDaily))} == {datetime.now(UTC).date()}


def test_a_retry_that_never_comes_back_is_requeued(app, make_user, make_application, redis_client):
    """A job waiting for RQ's retry: fine while due; stuck when overdue or lost."""
    user = make_user()
    queue = Queue("default", connection=redis_client)
    registry = queue.scheduled_job_registry
    soon, overdue, lost = (queue.enqueue("os.getcwd") for _ in range(3))
    for job in (soon, overdue, lost):
        queue.remove(job)
        job.set_status(JobStatus.SCHEDULED)
    registry.schedule(soon, datetime.now(UTC) + timedelta(seconds=30))
    registry.schedule(overdue, datetime.now(UTC) - timedelta(hours=1))
    applications = {
        name: make_application(user, status="running", job_id=job.id)
        for name, job in (("soon", soon), ("overdue", overdue), ("lost", lost))
    }
    for application in applications.values():
        make_stale(application)
    found = {a.id: reason for a, reason in maintenance.find_stuck()}
    assert found == {
        applications["overdue"].id: "retry overdue",
        applications["lost"].id: "retry lost",
    }


def test_a_job_its_worker_took_and_lost_is_requeued(app, make_user, make_application, redis_client):
    """A worker killed as it dequeued: the job is `queued` but in no queue's list. Seen
    once it is given time (a live worker marks it started at once); then requeued."""
    user = make_user()
    queue = Queue("default", connection=redis_client)
    waiting, taken = queue.enqueue("os.getcwd"), queue.enqueue("os.getcwd")
    redis_client.lrem(queue.key, 1, taken.id)  # as a worker's dequeue does
    applications = {
        name: make_application(user, status="queued", job_id=job.id)
        for name, job in (("waiting", waiting), ("taken", taken))
    }
    for application in applications.values():
        make_stale(application)
    assert maintenance.find_stuck() == []  # first seen out of its queue
    key = maintenance.UNQUEUED_KEY.format(taken.id)
    redis_client.set(key, time.time() - app.config["STALE_HEARTBEAT_SECONDS"] - 1)
    found = {a.id: reason for a, reason in maintenance.find_stuck()}
    assert found == {applications["taken"].id: "job lost between queue and worker"}
