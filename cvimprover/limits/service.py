"""Plan limits per user and scope, and the per-IP limit of the unauthenticated routes."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from functools import wraps
from typing import Any

from flask import current_app, request
from redis.exceptions import RedisError

from cvimprover.api.errors import ApiError
from cvimprover.limits import counters
from cvimprover.limits.counters import Counter
from cvimprover.limits.plans import SCOPES, PlanLimits, plan_named, upgrade_for
from cvimprover.models import User
from cvimprover.queues import current_redis

log = logging.getLogger(__name__)

MUTATING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class RateLimitExceeded(ApiError):
    """429 with the plan's numbers, an upgrade suggestion and the rate-limit headers."""

    code = 429

    def __init__(
        self,
        message: str,
        *,
        scope: str,
        limit: int,
        used: int,
        reset_at: int,
        plan: PlanLimits | None = None,
        upgrade: PlanLimits | None = None,
    ) -> None:
        super().__init__(429, message, details={"scope": scope})
        self.scope = scope
        self.limit_info = {
            "scope": scope,
            "limit": limit,
            "used": used,
            "remaining": max(0, limit - used),
            "reset_at": iso(reset_at),
            "current_plan": plan.name if plan else None,
        }
        self.upgrade_suggestion = _suggestion(plan, upgrade, scope) if plan else None
        retry_after = max(1, reset_at - int(time.time()))
        self.headers = {
            "Retry-After": str(retry_after),
            **rate_limit_headers(limit, used, reset_at),
        }

    def body(self) -> dict[str, Any]:
        return {
            "error": self.error,
            "message": self.description,
            "details": self.details,
            "limit_info": self.limit_info,
            "upgrade_suggestion": self.upgrade_suggestion,
        }


def _suggestion(plan: PlanLimits, upgrade: PlanLimits | None, scope: str) -> dict[str, Any]:
    url = current_app.config["UPGRADE_URL"]
    if upgrade is None:
        return {
            "message": f"You are on the {plan.title} plan, our largest for {scope}; "
            "the limit resets at reset_at.",
            "recommended_plan": None,
            "upgrade_url": url,
        }
    window = "hour" if SCOPES[scope][1] == 3600 else "day"
    return {
        "message": f"Upgrade to {upgrade.title} for {upgrade.limit(scope)} {scope} per {window}.",
        "recommended_plan": upgrade.name,
        "upgrade_url": url,
    }


def iso(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat().replace("+00:00", "Z")


def rate_limit_headers(limit: int, used: int, reset_at: int) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": str(max(0, limit - used)),
        "X-RateLimit-Reset": str(reset_at),
    }


def enabled() -> bool:
    return bool(current_app.config["RATE_LIMITS_ENABLED"])


def _key(user_id: int, scope: str, start: int) -> str:
    seconds = SCOPES[scope][1]
    fmt = "h%Y%m%d%H" if seconds < 24 * 3600 else "d%Y%m%d"
    stamp = datetime.fromtimestamp(start, UTC).strftime(fmt)
    return f"{current_app.config['RATE_LIMIT_KEY_PREFIX']}u:{user_id}:{scope}:{stamp}"


def _counters(
    user: User, plan: PlanLimits, scopes: dict[str, int], now: float
) -> list[tuple[str, Counter]]:
    result = []
    for scope, amount in scopes.items():
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}; choose from {sorted(SCOPES)}")
        if amount <= 0:
            continue
        start, end = counters.window(SCOPES[scope][1], now)
        counter = Counter(_key(user.id, scope, start), plan.limit(scope), end, amount)
        result.append((scope, counter))
    return result


def consume(user: User, scopes: dict[str, int]) -> None:
    """Take `scopes` ({scope: amount}) from the user's plan, all or nothing.

    Raises RateLimitExceeded (a 429 ApiError) naming the first scope that does
    not fit; then nothing is counted. Call it once the work is accepted
    (validated), and `refund` the same scopes if storing the work then fails.
    """
    if not enabled():
        return
    plan = plan_named(user.plan)
    now = time.time()
    wanted = _counters(user, plan, scopes, now)
    try:
        outcome = counters.consume(
            current_redis(), [c for _, c in wanted], current_app.config["RATE_LIMIT_KEEP_SECONDS"]
        )
    except RedisError:
        # Fail open: Redis down must not lose a submission (docs/limits.md)
        log.warning("limits: Redis unavailable; %s not counted for user %s", scopes, user.id)
        return
    if outcome.taken:
        return
    scope, full = wanted[outcome.full]
    used = outcome.used[outcome.full]
    raise RateLimitExceeded(
        f"Your {plan.title} plan allows {full.limit} {scope} per "
        f"{'hour' if SCOPES[scope][1] == 3600 else 'day'}; you have used {used}.",
        scope=scope,
        limit=full.limit,
        used=used,
        reset_at=full.reset_at,
        plan=plan,
        upgrade=upgrade_for(plan, scope, used + full.amount),
    )


def refund(user: User, scopes: dict[str, int]) -> None:
    """Give back scopes taken by `consume` in the current window (never below zero)."""
    if not enabled():
        return
    wanted = _counters(user, plan_named(user.plan), scopes, time.time())
    try:
        counters.refund(current_redis(), [c for _, c in wanted])
    except RedisError:
        log.warning("limits: Redis unavailable; %s not refunded for user %s", scopes, user.id)


def reset(user: User, scopes: list[str] | None = None) -> int:
    """Forget the user's current counters (all scopes, or `scopes`); returns keys deleted."""
    now = time.time()
    wanted = _counters(user, plan_named(user.plan), dict.fromkeys(scopes or SCOPES, 1), now)
    keys = [c.key for _, c in wanted]
    return int(current_redis().delete(*keys)) if keys else 0


def usage_status(user: User) -> dict[str, Any]:
    """Per scope {limit, used, remaining, reset_at, percentage_used, status}, and the plan."""
    plan = plan_named(user.plan)
    wanted = _counters(user, plan, dict.fromkeys(SCOPES, 1), time.time())
    try:
        used = counters.read(current_redis(), [c.key for _, c in wanted])
        available = True
    except RedisError:
        used, available = [0] * len(wanted), False
    scopes = {}
    for (scope, counter), count in zip(wanted, used, strict=True):
        percentage = round(100 * count / counter.limit, 1) if counter.limit else 100.0
        scopes[scope] = {
            "limit": counter.limit,
            "used": count,
            "remaining": max(0, counter.limit - count),
            "reset_at": iso(counter.reset_at),
            "percentage_used": percentage,
            "status": health(percentage),
        }
    return {
        "plan": plan.name,
        "plan_title": plan.title,
        "counters_available": available,
        "scopes": scopes,
    }


def health(percentage: float) -> str:
    if percentage >= 90:
        return "critical"
    if percentage >= 70:
        return "warning"
    if percentage >= 50:
        return "moderate"
    return "healthy"


def count_api_call(user: User) -> None:
    """Take one `api_calls` unit; raises RateLimitExceeded over the hourly limit."""
    consume(user, {"api_calls": 1})


def refund_api_call(user: User) -> None:
    refund(user, {"api_calls": 1})


def client_ip() -> str:
    # ProxyFix (x_for=1 in the factory) has already put the router's X-Forwarded-For here
    return request.remote_addr or "unknown"


def consume_ip(bucket: str) -> None:
    """Count one attempt from the client's address in `bucket`; 429 over AUTH_IP_LIMIT."""
    if not enabled():
        return
    config = current_app.config
    start, end = counters.window(config["AUTH_IP_WINDOW"])
    key = f"{config['RATE_LIMIT_KEY_PREFIX']}ip:{bucket}:{client_ip()}:{start}"
    counter = Counter(key, config["AUTH_IP_LIMIT"], end)
    try:
        outcome = counters.consume(current_redis(), [counter], 0)
    except RedisError:
        log.warning("limits: Redis unavailable; attempt from %s not counted", client_ip())
        return
    if not outcome.taken:
        raise RateLimitExceeded(
            "Too many attempts from your address; try again later.",
            scope=f"ip:{bucket}",
            limit=counter.limit,
            used=outcome.used[0],
            reset_at=end,
        )


def limit_by_ip(bucket: str = "auth"):
    """Decorate a view so each mutating request counts against the per-IP limit."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if request.method in MUTATING_METHODS:
                consume_ip(bucket)
            return view(*args, **kwargs)

        return wrapper

    return decorate
