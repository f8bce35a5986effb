"""Maintenance: retention, stuck work, RQ's registries, usage roll-up, periodic jobs.

Called by the scheduler's jobs (jobs/maintenance.py) and by `flask` commands;
each function works inside an app context and commits its own work.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import ScheduledJobRegistry
from rq.registry import clean_registries as clean_queue_registries
from rq.worker_registration import clean_worker_registry
from sqlalchemy import delete

from cvimprover.caching import forget_application
from cvimprover.extensions import db
from cvimprover.limits.models import UsageDaily
from cvimprover.limits.plans import SCOPES
from cvimprover.models import (
    Analysis,
    Application,
    ApplicationStatus,
    Document,
    User,
    utcnow,
)
from cvimprover.queues import current_queue, current_redis

log = logging.getLogger(__name__)

# How many times an application was enqueued again, so a CV that kills its worker
# every time ends as failed instead of looping for ever
REQUEUE_COUNT_KEY = "cvimprover:requeues:{}"
REQUEUE_COUNT_TTL = 7 * 24 * 3600
GAVE_UP = "We could not finish this CV after several attempts. Please submit it again."
# When a queued job was first seen outside its queue's list (see _lost_on_the_way)
UNQUEUED_KEY = "cvimprover:unqueued:{}"
UNQUEUED_TTL = 3600
OVER = (JobStatus.FINISHED, JobStatus.FAILED, JobStatus.CANCELED, JobStatus.STOPPED)


# --- Retention ---------------------------------------------------------------------------


def expired_query(days: int):
    cutoff = utcnow() - timedelta(days=days)
    return db.select(Application.id).where(Application.created_at < cutoff)


def count_expired(days: int) -> int:
    query = expired_query(days)
    return db.session.scalar(db.select(db.func.count()).select_from(query.subquery())) or 0


def purge_expired(days: int, batch_size: int, progress: Callable[[int], None] | None = None) -> int:
    """Delete applications created more than `days` ago, with their files, in batches.

    Each batch is its own transaction, so a long purge never holds one huge
    lock and an interrupted one has still done its part. Returns how many.
    """
    deleted = 0
    while True:
        ids = list(
            db.session.scalars(
                expired_query(days).order_by(Application.created_at).limit(batch_size)
            )
        )
        if not ids:
            break
        # Explicit deletes: SQLite does not cascade without its foreign-key pragma
        db.session.execute(delete(Document).where(Document.application_id.in_(ids)))
        db.session.execute(delete(Analysis).where(Analysis.application_id.in_(ids)))
        db.session.execute(delete(Application).where(Application.id.in_(ids)))
        db.session.commit()
        for application_id in ids:
            forget_application(application_id)
        deleted += len(ids)
        if progress:
            progress(len(ids))
    cutoff_day = (utcnow() - timedelta(days=days)).date()
    db.session.execute(delete(UsageDaily).where(UsageDaily.day < cutoff_day))
    db.session.commit()
    if deleted:
        log.info("deleted %d applications older than %d days", deleted, days)
    return deleted


# --- Stuck work --------------------------------------------------------------------------


@dataclass(frozen=True)
class Requeued:
    application_id: str
    reason: str
    gave_up: bool = False


def stuck_reason(application: Application, redis: Redis, now: datetime) -> str | None:
    """Why the pending application's job will never finish it, or None if it still may."""
    if not application.job_id:
        return "no job"
    try:
        job = Job.fetch(application.job_id, connection=redis)
        status = job.get_status(refresh=False)
    except NoSuchJobError:
        return "job missing"  # Redis lost its data (flushed, restarted without persistence)
    except (RedisError, ConnectionError):
        raise
    except Exception:  # a half-written job hash (e.g. meta saved after a flush)
        return "job unreadable"
    if status is None:
        return "job missing"
    if status == JobStatus.FAILED:
        return "job failed"  # the work horse died (retries spent) before our code marked it
    if status in (JobStatus.STOPPED, JobStatus.CANCELED):
        return f"job {status.value}"
    if status == JobStatus.FINISHED:
        return "job finished without updating the application"
    if status == JobStatus.QUEUED and _lost_on_the_way(job, redis):
        return "job lost between queue and worker"  # its worker died as it dequeued it
    if status == JobStatus.DEFERRED and _dependencies_settled(job, redis):
        return "job waits for a dependency that is gone"
    if status == JobStatus.SCHEDULED:
        # A retry waiting for RQ's scheduler (workers run --with-scheduler)
        try:
            due = ScheduledJobRegistry(job.origin, connection=redis).get_scheduled_time(job.id)
        except NoSuchJobError:
            return "retry lost"
        overdue = timedelta(seconds=current_app.config["STUCK_MARGIN_SECONDS"])
        return "retry overdue" if _naive_utc(due) < now - overdue else None
    if status == JobStatus.STARTED:
        config = current_app.config
        beat = job.last_heartbeat or job.started_at or job.enqueued_at
        stale = timedelta(seconds=config["STALE_HEARTBEAT_SECONDS"])
        if beat is not None and _naive_utc(beat) < now - stale:
            return "worker lost"  # its worker stopped beating: SIGKILL, machine gone
        started = job.started_at or job.enqueued_at
        limit = timedelta(seconds=config["JOB_TIMEOUT"] + config["STUCK_MARGIN_SECONDS"])
        if started is not None and _naive_utc(started) < now - limit:
            return "job abandoned"
    return None


def _lost_on_the_way(job: Job, redis: Redis) -> bool:
    """Whether a `queued` job has been out of its queue's list for a while: RQ moves a job
    to an intermediate list as a worker takes it, and a worker killed right then leaves
    it there (RQ's own clean-up runs every ten minutes). Seen once, judged next pass."""
    if redis.lpos(f"rq:queue:{job.origin}", job.id) is not None:
        return False
    key = UNQUEUED_KEY.format(job.id)
    now = datetime.now(UTC).timestamp()
    if redis.set(key, now, nx=True, ex=UNQUEUED_TTL):
        return False
    seen = float(redis.get(key) or now)
    return now - seen > current_app.config["STALE_HEARTBEAT_SECONDS"]


def _dependencies_settled(job: Job, redis: Redis) -> bool:
    """Whether every job a deferred job waits for is gone or over (so it never starts)."""
    for dependency_id in job.dependency_ids:
        try:
            status = Job.fetch(dependency_id, connection=redis).get_status(refresh=False)
        except NoSuchJobError:
            continue
        if status not in OVER:
            return False
    return True


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def find_stuck(now: datetime | None = None) -> list[tuple[Application, str]]:
    """Pending applications, quiet for STUCK_GRACE_SECONDS, whose job will never finish them.

    The grace covers the moment between committing a row and enqueuing its job; a job
    at work updates its row at every stage.
    """
    config = current_app.config
    now = now or utcnow()
    quiet_since = now - timedelta(seconds=config["STUCK_GRACE_SECONDS"])
    pending = db.session.scalars(
        db.select(Application)
        .where(Application.status.in_(ApplicationStatus.PENDING))
        .where(Application.updated_at < quiet_since)
        .order_by(Application.created_at)
    ).all()
    redis = current_redis()
    found = []
    for application in pending:
        reason = stuck_reason(application, redis, now)
        if reason is not None:
            found.append((application, reason))
    return found


def requeue_stuck(now: datetime | None = None) -> list[Requeued]:
    """Enqueue again every queued/running application whose job is gone or abandoned.

    After MAX_REQUEUES attempts an application is marked failed instead.
    """
    from cvimprover.applications.service import enqueue_improvement

    config = current_app.config
    redis = current_redis()
    done = []
    for application, reason in find_stuck(now):
        key = REQUEUE_COUNT_KEY.format(application.id)
        attempts = int(redis.incr(key))
        redis.expire(key, REQUEUE_COUNT_TTL)
        if attempts > config["MAX_REQUEUES"]:
            application.status = ApplicationStatus.FAILED
            application.stage = "failed"
            application.error = GAVE_UP
            application.finished_at = utcnow()
            db.session.commit()
            log.warning("application %s: gave up after %d requeues", application.id, attempts)
            done.append(Requeued(application.id, reason, gave_up=True))
            continue
        if application.job_id:
            with contextlib.suppress(NoSuchJobError, RedisError):
                Job.fetch(application.job_id, connection=redis).cancel()
        enqueue_improvement(application)
        log.info("application %s: enqueued again (%s)", application.id, reason)
        done.append(Requeued(application.id, reason))
    return done


def recover(scheduler: Any | None = None) -> list[Requeued]:
    """The scheduler's pass at every tick: enqueue again what lost its job, and schedule
    the periodic jobs again if Redis lost them. Never raises: a database or Redis still
    down is logged and the next tick tries again."""
    try:
        if scheduler is not None and not periodic_jobs_registered(scheduler):
            log.warning("periodic jobs missing from Redis (flushed or restarted); registering")
            register_periodic_jobs(scheduler)
        return requeue_stuck()
    except Exception:
        db.session.rollback()
        log.exception("recovery pass failed; the next tick tries again")
        return []


def forget_requeues(application_id: str) -> None:
    """Start the requeue count again (a user asked to retry); Redis down is fine."""
    with contextlib.suppress(RedisError):
        current_redis().delete(REQUEUE_COUNT_KEY.format(application_id))


# --- RQ's registries ---------------------------------------------------------------------


def clean_registries() -> dict[str, dict[str, int]]:
    """Clean every queue's registries (abandoned jobs move to failed) and dead workers."""
    cleaned = {}
    for name in current_app.config["QUEUES"]:
        queue = current_queue(name)
        clean_queue_registries(queue)
        clean_worker_registry(queue)
        cleaned[name] = {
            "started": queue.started_job_registry.count,
            "failed": queue.failed_job_registry.count,
            "finished": queue.finished_job_registry.count,
        }
    return cleaned


# --- Usage roll-up -----------------------------------------------------------------------


def usage_from_redis(day: date) -> dict[tuple[int, str], int]:
    """{(user_id, scope): count} for `day` from the limit counters still in Redis."""
    prefix = current_app.config["RATE_LIMIT_KEY_PREFIX"] + "u:"
    redis = current_redis()
    stamp = day.strftime("%Y%m%d")
    keys = list(redis.scan_iter(match=f"{prefix}*:d{stamp}", count=1000))
    keys += list(redis.scan_iter(match=f"{prefix}*:h{stamp}??", count=1000))
    totals: dict[tuple[int, str], int] = defaultdict(int)
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        for key, value in zip(chunk, redis.mget(chunk), strict=True):
            _, user_id, scope, _ = key.decode().rsplit(":", 3)
            if scope in SCOPES and value is not None:
                totals[(int(user_id), scope)] += int(value)
    return dict(totals)


def roll_up_usage(days: list[date] | None = None) -> int:
    """Store each user's usage per scope per day in `usage_daily` (today and yesterday
    by default). Idempotent: a day rolled up again is overwritten. Returns rows written."""
    today = datetime.now(UTC).date()
    written = 0
    for day in days or [today - timedelta(days=1), today]:
        totals = usage_from_redis(day)
        users = {uid for uid, _ in totals}
        existing_users = set(
            db.session.scalars(db.select(User.id).where(User.id.in_(users))) if users else []
        )
        rows = {
            (row.user_id, row.scope): row
            for row in db.session.scalars(db.select(UsageDaily).where(UsageDaily.day == day))
        }
        for (user_id, scope), count in totals.items():
            if user_id not in existing_users:
                continue
            row = rows.get((user_id, scope))
            if row is None:
                db.session.add(UsageDaily(user_id=user_id, day=day, scope=scope, count=count))
            else:
                row.count = count
            written += 1
        db.session.commit()
    return written


# --- Periodic jobs -----------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodicJob:
    id: str
    func: str
    cron_setting: str
    description: str


PERIODIC_JOBS = (
    PeriodicJob(
        "cvimprover-purge-expired",
        "jobs.maintenance.purge_expired",
        "CRON_PURGE_EXPIRED",
        "delete applications older than RETENTION_DAYS",
    ),
    PeriodicJob(
        "cvimprover-requeue-stuck",
        "jobs.maintenance.requeue_stuck",
        "CRON_REQUEUE_STUCK",
        "enqueue again applications whose job is gone",
    ),
    PeriodicJob(
        "cvimprover-clean-registries",
        "jobs.maintenance.clean_registries",
        "CRON_CLEAN_REGISTRIES",
        "clean RQ's job and worker registries",
    ),
    PeriodicJob(
        "cvimprover-roll-up-usage",
        "jobs.maintenance.roll_up_usage",
        "CRON_ROLL_UP_USAGE",
        "roll up daily usage from the limit counters",
    ),
)
PERIODIC_MARK = "cvimprover_periodic"


def periodic_jobs_registered(scheduler: Any) -> bool:
    """Whether every periodic job is still in rq-scheduler's schedule (one round trip)."""
    with scheduler.connection.pipeline() as pipe:
        for job in PERIODIC_JOBS:
            pipe.zscore(scheduler.scheduled_jobs_key, job.id)
        return all(score is not None for score in pipe.execute())


def register_periodic_jobs(scheduler: Any) -> list[str]:
    """Schedule PERIODIC_JOBS on rq-scheduler under stable ids; safe to run at every start.

    A job already scheduled as wanted is left alone (keeping its next run); one
    whose cron string, function or queue changed is replaced; and any job an
    older release scheduled under an id no longer used is cancelled.
    """
    config = current_app.config
    wanted = {job.id: job for job in PERIODIC_JOBS}
    current = {scheduled.id: scheduled for scheduled in scheduler.get_jobs()}
    for scheduled in current.values():
        if scheduled.meta.get(PERIODIC_MARK) and scheduled.id not in wanted:
            scheduler.cancel(scheduled)
    with quiet_crontab():
        for job in PERIODIC_JOBS:
            cron = config[job.cron_setting]
            existing = current.get(job.id)
            if existing is not None:
                unchanged = (
                    existing.meta.get("cron_string") == cron
                    and existing.func_name == job.func
                    and existing.origin == config["MAINTENANCE_QUEUE"]
                )
                if unchanged:
                    continue  # keep its next run time: an overdue run still happens
                scheduler.cancel(existing)
            scheduler.cron(
                cron,
                func=job.func,
                id=job.id,
                queue_name=config["MAINTENANCE_QUEUE"],
                timeout=config["MAINTENANCE_JOB_TIMEOUT"],
                description=job.description,
                meta={PERIODIC_MARK: True},
            )
    return list(wanted)


def ignore_crontab_warning() -> None:
    """crontab warns (FutureWarning) about its UTC default on every cron computation;
    rq-scheduler calls it from rq_scheduler.utils, so that is where the warning points."""
    warnings.filterwarnings("ignore", category=FutureWarning, module=r"rq_scheduler\.")


@contextlib.contextmanager
def quiet_crontab() -> Iterator[None]:
    with warnings.catch_warnings():
        ignore_crontab_warning()
        yield
