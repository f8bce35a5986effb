"""Structured logs: one JSON object per line, for requests, jobs and everything else."""

from __future__ import annotations

import json
import logging
import sys
import time
from datetime import UTC, datetime
from typing import Any

from flask import Flask, g, request
from sqlalchemy import inspect
from sqlalchemy.exc import NoInspectionAvailable

# Attributes every LogRecord has; anything else came in through `extra=` and is logged
_RECORD_FIELDS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "taskName",
}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (test runners swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def configure(level: str | int = "INFO", *, handler: logging.Handler | None = None) -> None:
    """Send every log record as a JSON line to stderr (or `handler`), at `level`.

    Idempotent: a second call replaces the handler the first one installed.
    """
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_cvimprover", False)]:
        root.removeHandler(old)
    handler = handler or StderrHandler()
    handler._cvimprover = True  # type: ignore[attr-defined]
    handler.setFormatter(JsonFormatter())
    root.addHandler(handler)
    root.setLevel(parse_level(level))
    for name in CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(max(parse_level(level), logging.WARNING))


# Libraries that log routine start-up detail at INFO in every process
CHATTY_LOGGERS = ("alembic.runtime.plugins",)


def parse_level(level: str | int) -> int:
    if isinstance(level, int):
        return level
    return logging.getLevelNamesMapping().get(str(level).upper(), logging.INFO)


request_log = logging.getLogger("cvimprover.requests")


def log_requests(app: Flask) -> None:
    """Log one line per request: method, path, status, duration and the user if any."""

    @app.before_request
    def start_timer() -> None:
        # Where an app context outlives requests (tests), forget the previous request's user
        g.pop("api_user", None)
        g.pop("_login_user", None)
        g.request_started = time.perf_counter()

    @app.after_request
    def log_request(response):
        started = g.pop("request_started", None)
        duration = (time.perf_counter() - started) * 1000 if started is not None else None
        # Only users this request already loaded: no extra query, no session access
        user = g.get("api_user") or g.get("_login_user")
        user_id = _user_id(user)
        request_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "event": "request",
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(duration, 2) if duration is not None else None,
                "user_id": user_id,
                "remote_addr": request.remote_addr,
            },
        )
        return response


def _user_id(user) -> int | None:
    """The user's id without a query: after the view committed, `user.id` is expired and
    reading it would load the row again just for this log line."""
    if user is None:
        return None
    try:
        identity = inspect(user).identity
    except NoInspectionAvailable:  # an anonymous user, or anything that is not a row
        return getattr(user, "id", None)
    return identity[0] if identity else None
