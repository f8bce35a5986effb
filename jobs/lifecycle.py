"""The one lifecycle every application job follows: started (status running,
started_at), progress (to job.meta and the database), done, or failed with a reason
the user reads, retried by RQ when the fault was our infrastructure's."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from typing import Any

from flask import Flask
from redis.exceptions import RedisError
from rq import get_current_job
from rq.timeouts import JobTimeoutException
from sqlalchemy.exc import DBAPIError, OperationalError

from cvimprover.cv.errors import CVError
from cvimprover.cv.render import RenderError
from cvimprover.extensions import db
from cvimprover.models import Application, ApplicationStatus, utcnow
from jobs.context import app_context

log = logging.getLogger("jobs")


# A progress commit costs a database round trip and, on SQLite, an fsync (~20 ms on a
# busy disk): ten per job were more than the work itself. The row's progress is for a
# person polling the status page, so between the first report and the last it is
# committed at most this often; job.meta (Redis) is written with each commit.
PROGRESS_COMMIT_SECONDS = float(os.environ.get("PROGRESS_COMMIT_SECONDS", "0.5"))
_last_commit: tuple[str, float] = ("", 0.0)


def _commit_due(application_id: str, percent: int, stage: str) -> bool:
    """Whether this progress report is committed now: always a job's start (it marks the
    row running), done and failed, and any other step once PROGRESS_COMMIT_SECONDS have
    passed since the last commit for the same application."""
    global _last_commit
    now = time.monotonic()
    last_id, last_at = _last_commit
    due = (
        application_id != last_id
        or stage in ("starting", "done", "failed")
        or percent >= 100
        or now - last_at >= PROGRESS_COMMIT_SECONDS
    )
    if due:
        _last_commit = (application_id, now)
    return due


def report_progress(application, percent: int, stage: str) -> None:
    """Write progress to the application row (for users) and, when the row is committed,
    to job.meta (for RQ tools): a Redis round trip per step cost more than most steps."""
    job = get_current_job()
    application.progress = percent
    application.stage = stage
    if _commit_due(application.id, percent, stage):
        if job is not None:
            job.meta.update({"progress": percent, "stage": stage, "application_id": application.id})
            try:
                job.save_meta()
            except RedisError:
                # job.meta is a mirror for RQ tools; the row is the truth. Redis
                # restarting mid-job must not fail a job whose database is fine.
                log.warning("application %s: progress not mirrored to Redis", application.id)
        db.session.commit()
    log.info(
        "application %s: %s (%d%%)",
        application.id,
        stage,
        percent,
        extra={
            "event": "job_stage",
            "application_id": application.id,
            "job_id": job.id if job is not None else None,
            "stage": stage,
            "progress": percent,
        },
    )


# --- The lifecycle --------------------------------------------------------------------

INTERNAL_ERROR = "Something went wrong on our side while improving the CV. Please try again."
TIMED_OUT = (
    "This CV took too long to process and was stopped. Please try again; if it happens "
    "again, try a shorter file or a PDF saved from a word processor."
)
UNAVAILABLE = (
    "Our service was briefly unavailable and the CV could not be finished. Please try again."
)


def is_transient(exc: BaseException) -> bool:
    """A fault of our infrastructure (database or Redis unreachable), not of the CV:
    running the job again later may well succeed."""
    if isinstance(exc, RedisError | OperationalError):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


def run_application_job(application_id: str, work: Callable[[Flask, Any], dict]) -> dict:
    """Run `work(app, application)` for the application this job owns, with one lifecycle:

    - the application is gone, already done, or owned by a newer job: nothing is done;
    - a problem with the CV (CVError, RenderError) or a timeout marks it failed with a
      reason the user reads, and is not retried;
    - the database or Redis unreachable: re-raised for RQ's Retry (with backoff); only
      when no retry is left is it marked failed (if the database answers by then);
    - anything else marks it failed with a generic reason.
    Every failure is re-raised, so RQ's failed registry sees it.
    """
    with app_context() as app:
        job = get_current_job()
        application = db.session.get(Application, application_id)
        if application is None:
            return _deleted(application_id)
        if job is not None and application.job_id and application.job_id != job.id:
            # Enqueued again (recovery) while this job waited: the newer job owns it
            log.info("application %s: job superseded by %s", application_id, application.job_id)
            return {"application_id": application_id, "status": "superseded"}
        if application.status == ApplicationStatus.DONE:
            # This job already finished it; its work horse died before RQ heard so
            return {"application_id": application_id, "status": "done"}
        application.status = ApplicationStatus.RUNNING
        application.started_at = utcnow()
        application.error = None
        report_progress(application, 5, "starting")
        try:
            return work(app, application)
        except (CVError, RenderError) as exc:
            _no_retry(job)
            fail_application(application_id, exc.message)
            raise
        except JobTimeoutException:
            _no_retry(job)
            fail_application(application_id, TIMED_OUT)
            raise
        except Exception as exc:
            if is_transient(exc) and job is not None and job.should_retry:
                name = type(exc).__name__
                log.warning("application %s: %s; RQ retries it later", application_id, name)
                raise
            _no_retry(job)
            reason = UNAVAILABLE if is_transient(exc) else INTERNAL_ERROR
            try:
                fail_application(application_id, reason)
            except Exception:
                # The database is still down: the row stays pending and the recovery
                # sweep enqueues it again (or gives up with a reason) once it answers
                log.exception("application %s: could not record the failure", application_id)
            raise


def run_application_step(application_id: str, work: Callable[[Any], dict]) -> dict:
    """Run `work(application)` for a step that prepares an application for its job (the
    photo) without owning its lifecycle: the status, progress and started_at stay the
    improvement job's, which runs after it whatever the step's outcome. A step records
    its own outcome on the row and commits; its faults go to RQ (retried when transient)."""
    with app_context():
        application = db.session.get(Application, application_id)
        if application is None:
            return _deleted(application_id)
        return work(application)


def _deleted(application_id: str) -> dict:
    log.info("application %s was deleted before its job ran", application_id)
    return {"application_id": application_id, "status": "deleted"}


def _no_retry(job) -> None:
    """This failure will happen again on a retry: tell RQ not to retry it."""
    if job is not None:
        job.retries_left = 0


def owns(application) -> bool:
    """Whether the running job still owns `application` (no newer job was enqueued)."""
    job = get_current_job()
    if job is None:
        return True
    query = db.select(Application.job_id).where(Application.id == application.id)
    return db.session.scalar(query) == job.id


def finish_application(application, summary: dict) -> dict:
    """Mark the application done and commit, unless a newer job took it over meanwhile."""
    if not owns(application):
        db.session.rollback()
        log.info("application %s: superseded before it finished; result dropped", application.id)
        return {**summary, "status": "superseded"}
    application.status = ApplicationStatus.DONE
    application.finished_at = utcnow()
    report_progress(application, 100, "done")
    return summary


def fail_application(application_id: str, reason: str) -> None:
    """Record the failure on a clean session: the failed one may hold half-written rows."""
    db.session.rollback()
    application = db.session.get(Application, application_id)
    if application is None or not owns(application):
        return
    application.status = ApplicationStatus.FAILED
    application.error = reason
    application.finished_at = utcnow()
    report_progress(application, application.progress, "failed")
