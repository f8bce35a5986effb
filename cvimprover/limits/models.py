"""Database tables for plans and the daily usage roll-up."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cvimprover.extensions import db


class Plan(db.Model):
    """A plan and its limits; `users.plan` holds its name."""

    __tablename__ = "plans"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(String(64))
    # Order from cheapest to dearest, for upgrade suggestions
    rank: Mapped[int] = mapped_column(default=0)
    improvements_per_day: Mapped[int]
    applications_per_day: Mapped[int]
    uploads_per_day: Mapped[int]
    api_calls_per_hour: Mapped[int]


class UsageDaily(db.Model):
    """What one user used of one scope on one (UTC) day, rolled up from Redis."""

    __tablename__ = "usage_daily"
    __table_args__ = (UniqueConstraint("user_id", "day", "scope", name="uq_usage_daily_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(index=True)
    scope: Mapped[str] = mapped_column(String(32))
    count: Mapped[int] = mapped_column(default=0)
