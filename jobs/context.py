"""The Flask app a job runs in: built once per worker, with database connections that
belong to the process running the job."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app, has_app_context

from cvimprover import create_app
from cvimprover.extensions import db

_app: Flask | None = None
_engine_pid: int | None = None


def job_app() -> Flask:
    """The app of the surrounding context (tests, CLI), else one built once per worker."""
    global _app
    if has_app_context():
        return current_app._get_current_object()
    if _app is None:
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
        if _engine_pid != os.getpid():
            db.engine.dispose(close=False)
            _engine_pid = os.getpid()
        try:
            yield app
        finally:
            db.session.remove()
