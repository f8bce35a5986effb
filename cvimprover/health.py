"""Health of the service: database, Redis and workers, as JSON."""

from __future__ import annotations

from flask import Blueprint, jsonify
from redis.exceptions import RedisError
from rq import Worker
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from cvimprover.extensions import db
from cvimprover.queues import current_redis

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
