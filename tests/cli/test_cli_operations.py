"""The operators' `flask` commands, run through Flask's CLI runner."""

from __future__ import annotations

from rq import Queue
from rq_scheduler import Scheduler

from cvimprover.auth.tokens import find_user, password_matches
from cvimprover.extensions import db
from cvimprover.limits import consume, usage_status
from cvimprover.limits.models import Plan
from cvimprover.maintenance import PERIODIC_JOBS, quiet_crontab
from cvimprover.models import Application, utcnow


def test_users_create_admin_with_options_and_by_prompt(runner):
    result = runner.invoke(
        args=["users", "create-admin", "--email", "Root@Example.com", "--name", "Root",
              "--password", "a long password"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    user = find_user("root@example.com")
    assert user.is_admin and user.plan == "premium"

    prompted = runner.invoke(
        args=["users", "create-admin"],
        input="ops@example.com\nOps\nsecret password\nsecret password\n",
    )
    assert prompted.exit_code == 0, prompted.output
    assert "secret password" not in prompted.output  # hidden
    assert password_matches(find_user("ops@example.com"), "secret password")


def test_users_create_admin_promotes_an_existing_user(runner, make_user):
    make_user("someone@example.com")
    result = runner.invoke(
        args=["users", "create-admin", "--email", "someone@example.com", "--name", "S",
              "--password", "another long one"]
    )  # fmt: skip
    assert result.exit_code == 0 and "Updated admin" in result.output
    assert find_user("someone@example.com").is_admin


def test_users_set_plan_lifts_the_limit(runner, make_user):
    user = make_user("up@example.com")
    consume(user, {"improvements": 3})
    result = runner.invoke(args=["users", "set-plan", "up@example.com", "pro"])
    assert result.exit_code == 0 and "free -> pro" in result.output
    db.session.expire_all()
    consume(find_user("up@example.com"), {"improvements": 1})

    assert runner.invoke(args=["users", "set-plan", "up@example.com", "gold"]).exit_code == 2
    missing = runner.invoke(args=["users", "set-plan", "nobody@example.com", "pro"])
    assert missing.exit_code == 1 and "no user" in missing.output


def test_plans_seed_is_idempotent(runner):
    first = runner.invoke(args=["plans", "seed"])
    assert first.exit_code == 0 and "4 created, 0 updated" in first.output
    again = runner.invoke(args=["plans", "seed"])
    assert "0 created, 0 updated, 4 in all" in again.output
    db.session.get(Plan, "basic").uploads_per_day = 7
    db.session.commit()
    assert "0 created, 1 updated" in runner.invoke(args=["plans", "seed"]).output
    assert db.session.get(Plan, "basic").uploads_per_day == 20
    listing = runner.invoke(args=["plans", "list"]).output
    assert "premium" in listing and "1200" in listing


def test_limits_status_and_reset(runner, make_user):
    user = make_user("lim@example.com")
    consume(user, {"improvements": 3, "uploads": 1})
    status = runner.invoke(args=["limits", "status", "lim@example.com"])
    assert status.exit_code == 0
    assert "improvements      3/3" in status.output and "critical" in status.output

    one = runner.invoke(args=["limits", "reset", "lim@example.com", "--scope", "improvements"])
    assert one.exit_code == 0
    scopes = usage_status(user)["scopes"]
    assert scopes["improvements"]["used"] == 0 and scopes["uploads"]["used"] == 1
    runner.invoke(args=["limits", "reset", "lim@example.com"])
    assert usage_status(user)["scopes"]["uploads"]["used"] == 0
    assert runner.invoke(args=["limits", "reset", "x@example.com", "--scope", "nope"]).exit_code


def test_applications_requeue_stuck(runner, make_user, make_application, redis_client):
    application = make_application(make_user(), status="queued", job_id="improve-lost-1")
    db.session.execute(db.update(Application).values(updated_at=utcnow().replace(year=2020)))
    db.session.commit()
    result = runner.invoke(args=["applications", "requeue-stuck"])
    assert result.exit_code == 0, result.output
    assert f"requeued {application.id} (job missing)" in result.output
    assert len(Queue("default", connection=redis_client)) == 1


def test_cleanup_dry_run_then_for_real_with_a_progress_bar(runner, make_user, make_application):
    user = make_user()
    for _ in range(3):
        make_application(user, age_days=40)
    make_application(user, age_days=1)
    dry = runner.invoke(args=["cleanup", "--days", "30", "--dry-run"])
    assert dry.exit_code == 0 and "3 applications older than 30 days would be" in dry.output
    assert db.session.scalar(db.select(db.func.count(Application.id))) == 4
    real = runner.invoke(args=["cleanup", "--days", "30"])
    assert real.exit_code == 0, real.output
    assert "Deleting" in real.output and "Deleted 3 applications" in real.output
    assert db.session.scalar(db.select(db.func.count(Application.id))) == 1
    default = runner.invoke(args=["cleanup"])  # RETENTION_DAYS (90)
    assert "Deleted 0 applications older than 90 days" in default.output


def test_scheduler_register_twice_then_run_enqueues_due_jobs(app, runner, redis_client):
    url = app.config["REDIS_URL"]
    for _ in range(2):
        result = runner.invoke(args=["scheduler", "register", "--url", url])
        assert result.exit_code == 0 and "Registered 4 periodic jobs" in result.output
    scheduler = Scheduler(connection=redis_client)
    assert sorted(j.id for j in scheduler.get_jobs()) == sorted(j.id for j in PERIODIC_JOBS)

    # Make one overdue; `run` registers again (keeping it) and one pass of the loop
    # moves it to the `low` queue, with rq-scheduler 0.14 on rq 3
    redis_client.zadd(scheduler.scheduled_jobs_key, {"cvimprover-roll-up-usage": 0})
    with quiet_crontab():
        result = runner.invoke(args=["scheduler", "run", "--url", url, "--burst"])
    assert result.exit_code == 0, result.output
    assert Queue("low", connection=redis_client).job_ids == ["cvimprover-roll-up-usage"]
    # ...and it stays scheduled for its next time
    assert len(list(scheduler.get_jobs())) == 4
    assert redis_client.zscore(scheduler.scheduled_jobs_key, "cvimprover-roll-up-usage") > 0
