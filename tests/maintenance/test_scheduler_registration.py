"""Periodic jobs are registered under stable ids: no duplicates after restarts."""

from rq_scheduler import Scheduler

from cvimprover.maintenance import (
    PERIODIC_JOBS,
    PERIODIC_MARK,
    quiet_crontab,
    register_periodic_jobs,
)


def scheduled(scheduler):
    return sorted((job.id, job.meta.get("cron_string")) for job in scheduler.get_jobs())


def test_registering_twice_gives_the_same_job_set(app, redis_client):
    scheduler = Scheduler(connection=redis_client)
    register_periodic_jobs(scheduler)
    first = scheduled(scheduler)
    register_periodic_jobs(Scheduler(connection=redis_client))  # a restart
    assert scheduled(scheduler) == first
    assert [job_id for job_id, _ in first] == sorted(job.id for job in PERIODIC_JOBS)
    job = next(j for j in scheduler.get_jobs() if j.id == "cvimprover-requeue-stuck")
    assert job.origin == "low" and job.func_name == "jobs.maintenance.requeue_stuck"


def test_a_restart_keeps_an_overdue_run(app, redis_client):
    scheduler = Scheduler(connection=redis_client)
    register_periodic_jobs(scheduler)
    redis_client.zadd(scheduler.scheduled_jobs_key, {"cvimprover-purge-expired": 1})
    register_periodic_jobs(scheduler)
    assert redis_client.zscore(scheduler.scheduled_jobs_key, "cvimprover-purge-expired") == 1


def test_changed_cron_and_stale_jobs(app, redis_client):
    scheduler = Scheduler(connection=redis_client)
    with quiet_crontab():
        scheduler.cron(
            "* * * * *",
            func="jobs.maintenance.old",
            id="cvimprover-old",
            meta={PERIODIC_MARK: True},
        )
        scheduler.cron("0 0 * * *", func="os.getcwd", id="someone-elses")
    app.config["CRON_REQUEUE_STUCK"] = "*/2 * * * *"
    register_periodic_jobs(scheduler)
    jobs = dict(scheduled(scheduler))
    assert "cvimprover-old" not in jobs
    assert jobs["someone-elses"] == "0 0 * * *"
    assert jobs["cvimprover-requeue-stuck"] == "*/2 * * * *"
