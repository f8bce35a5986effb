"""The one place that builds Redis connections and RQ queues."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from redis import Redis
from rq import Queue, Retry


def redis_connection(url: str, **kwargs: Any) -> Redis:
    """A Redis client for `url`: redis:// or rediss:// (TLS). A provider with a
    self-signed certificate takes `?ssl_cert_reqs=none` in the URL, which the
    rq and rqscheduler commands understand too."""
    kwargs.setdefault("socket_connect_timeout", 5)
    kwargs.setdefault("health_check_interval", 30)
    return Redis.from_url(url, **kwargs)


def connection_for(config: Mapping[str, Any]) -> Redis:
    return redis_connection(config["REDIS_URL"])


def queue(name: str, connection: Redis, config: Mapping[str, Any]) -> Queue:
    """The RQ queue `name` (one of config QUEUES) with the app's default timeout."""
    if name not in config["QUEUES"]:
        raise ValueError(f"unknown queue {name!r}")
    return Queue(name, connection=connection, default_timeout=config["JOB_TIMEOUT"])


def current_redis() -> Redis:
    """The app's shared Redis client (bound in the factory)."""
    from flask import current_app

    return current_app.extensions["cvimprover.redis"]


def current_queue(name: str) -> Queue:
    from flask import current_app

    return queue(name, current_redis(), current_app.config)


def transient_retry(config: Mapping[str, Any]) -> Retry:
    """RQ's retry policy for application jobs: a few tries, further apart each time. A job
    retries only faults of ours (database or Redis unreachable): jobs/lifecycle.py."""
    intervals = [int(x) for x in str(config["JOB_RETRY_INTERVALS"]).split(",") if x.strip()]
    return Retry(max=len(intervals), interval=intervals)
