"""Plans: the limits of each, read from the `plans` table (cached), seeded from config."""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass
from typing import Any

from flask import current_app
from redis.exceptions import RedisError

from cvimprover.extensions import cache, db
from cvimprover.limits.models import Plan

PLANS_CACHE_KEY = "plans:all"

# scope -> (plan column, window in seconds)
SCOPES: dict[str, tuple[str, int]] = {
    "improvements": ("improvements_per_day", 24 * 3600),
    "applications": ("applications_per_day", 24 * 3600),
    "uploads": ("uploads_per_day", 24 * 3600),
    "api_calls": ("api_calls_per_hour", 3600),
}


@dataclass(frozen=True)
class PlanLimits:
    name: str
    title: str
    rank: int
    improvements_per_day: int
    applications_per_day: int
    uploads_per_day: int
    api_calls_per_hour: int

    def limit(self, scope: str) -> int:
        return getattr(self, SCOPES[scope][0])

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def all_plans() -> list[PlanLimits]:
    """Every plan, cheapest first: the table's rows, else config's PLANS (cached)."""
    try:
        plans = cache.get(PLANS_CACHE_KEY)
    except RedisError:
        plans = None
    if plans is None:
        rows = db.session.scalars(db.select(Plan).order_by(Plan.rank)).all()
        if rows:
            plans = [
                PlanLimits(**{f: getattr(row, f) for f in PlanLimits.__dataclass_fields__})
                for row in rows
            ]
        else:
            plans = [PlanLimits(**p) for p in current_app.config["PLANS"]]
        with contextlib.suppress(RedisError):
            cache.set(PLANS_CACHE_KEY, plans, timeout=current_app.config["CACHE_PLANS_TIMEOUT"])
    return plans


def plan_named(name: str | None) -> PlanLimits:
    """The plan `name`; an unknown name gets the default plan's limits."""
    plans = {p.name: p for p in all_plans()}
    return plans.get(name or "") or plans.get(current_app.config["DEFAULT_PLAN"]) or all_plans()[0]


def plan_exists(name: str) -> bool:
    return any(p.name == name for p in all_plans())


def upgrade_for(current: PlanLimits, scope: str, needed: int) -> PlanLimits | None:
    """The cheapest plan above `current` whose limit for `scope` is at least `needed`."""
    for plan in all_plans():
        if plan.rank > current.rank and plan.limit(scope) >= needed:
            return plan
    return None


def seed_plans() -> tuple[int, int]:
    """Insert or update the plans of config PLANS; returns (created, updated)."""
    created = updated = 0
    for spec in current_app.config["PLANS"]:
        row = db.session.get(Plan, spec["name"])
        if row is None:
            db.session.add(Plan(**spec))
            created += 1
            continue
        changed = False
        for field, value in spec.items():
            if getattr(row, field) != value:
                setattr(row, field, value)
                changed = True
        updated += changed
    db.session.commit()
    forget_plans()
    return created, updated


def forget_plans() -> None:
    with contextlib.suppress(RedisError):
        cache.delete(PLANS_CACHE_KEY)
