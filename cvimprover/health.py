"""Health of the service as JSON: /healthz (liveness) and /readyz (ready for traffic)."""

from __future__ import annotations

import time
from datetime import UTC

from flask import Blueprint, current_app, jsonify
from redis.exceptions import RedisError
from rq import Queue, Worker
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from cvimprover.extensions import db
from cvimprover.queues import current_queue, current_redis

bp = Blueprint("health", __name__)


def database_status() -> dict:
    try:
        db.session.execute(text("SELECT 1"))
        return {"ok": True}
    except SQLAlchemyError as exc:
        db.session.rollback()
        return {"ok": False, "error": type(exc).__name__}


def redis_status() -> dict:
    try:
        current_redis().ping()
        return {"ok": True}
    except RedisError as exc:
        return {"ok": False, "error": type(exc).__name__}


def worker_status(redis_ok: bool) -> dict:
    if not redis_ok:
        return {"ok": False, "count": 0}
    try:
        count = len(Worker.all(connection=current_redis()))
    except RedisError:
        return {"ok": False, "count": 0}
    return {"ok": count > 0, "count": count}


def queue_status(queue: Queue) -> dict:
    """Jobs waiting in `queue` and how long the oldest has waited (seconds)."""
    depth = queue.count
    oldest_age = None
    first = queue.get_job_ids(0, 1) if depth else []
    job = queue.fetch_job(first[0]) if first else None
    if job is not None and job.enqueued_at is not None:
        enqueued_at = job.enqueued_at
        if enqueued_at.tzinfo is None:  # RQ stores UTC
            enqueued_at = enqueued_at.replace(tzinfo=UTC)
        oldest_age = round(time.time() - enqueued_at.timestamp(), 1)
    return {"depth": depth, "oldest_job_age": oldest_age}


@bp.get("/healthz")
def healthz():
    """200 when the database and Redis answer, else 503; workers are reported, not required."""
    database, redis = database_status(), redis_status()
    workers = worker_status(redis["ok"])
    healthy = database["ok"] and redis["ok"]
    body = {
        "status": "ok" if healthy else "unavailable",
        "database": database,
        "redis": redis,
        "workers": workers,
    }
    return jsonify(body), 200 if healthy else 503


@bp.get("/readyz")
def readyz():
    """200 when submissions would be processed: database, Redis and at least one live
    worker; 503 with the reasons otherwise. Queue depths and ages are reported."""
    database, redis = database_status(), redis_status()
    workers = worker_status(redis["ok"])
    reasons = []
    if not database["ok"]:
        reasons.append("database unavailable")
    if not redis["ok"]:
        reasons.append("redis unavailable")
    elif not workers["ok"]:
        reasons.append("no live worker")
    queues = {}
    if redis["ok"]:
        try:
            queues = {n: queue_status(current_queue(n)) for n in current_app.config["QUEUES"]}
        except RedisError:
            reasons.append("redis unavailable")
    ready = not reasons
    body = {
        "status": "ready" if ready else "not_ready",
        "reasons": reasons,
        "database": database,
        "redis": redis,
        "workers": workers,
        "queues": queues,
    }
    return jsonify(body), 200 if ready else 503
