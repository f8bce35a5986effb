"""The Flask app a job runs in, and progress reporting to job.meta and the database."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app, has_app_context
from rq import get_current_job

log = logging.getLogger("jobs")

_app: Flask | None = None
_engine_pid: int | None = None


def job_app() -> Flask:
    """The app of the surrounding context (tests, CLI), else one built once per worker."""
    global _app
    if has_app_context():
        return current_app._get_current_object()
    if _app is None:
        from cvimprover import create_app

        _app = create_app()
    return _app


@contextmanager
def app_context() -> Iterator[Flask]:
    """An app context whose database connections belong to this process.

    RQ forks a work horse per job; a pooled connection inherited from the
    parent must not be shared with it, so the pool is dropped once per process.
    """
    global _engine_pid
    app = job_app()
    with app.app_context():
        from cvimprover.extensions import db

        if _engine_pid != os.getpid():
            db.engine.dispose(close=False)
            _engine_pid = os.getpid()
        try:
            yield app
        finally:
            db.session.remove()


def report_progress(application, percent: int, stage: str) -> None:
    """Write progress to job.meta (for RQ tools) and to the application row (for users)."""
    from cvimprover.extensions import db

    job = get_current_job()
    if job is not None:
        job.meta.update({"progress": percent, "stage": stage, "application_id": application.id})
        job.save_meta()
    application.progress = percent
    application.stage = stage
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
