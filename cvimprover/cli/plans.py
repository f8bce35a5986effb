"""`flask plans ...`: seed the plans table, list the plans."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from cvimprover.limits.plans import all_plans, seed_plans

plans = AppGroup("plans", help="Plans and their limits.")


@plans.command("seed")
def seed() -> None:
    """Insert or update the plans from the configuration (safe to run again)."""
    created, updated = seed_plans()
    click.echo(f"Plans: {created} created, {updated} updated, {len(all_plans())} in all.")


@plans.command("list")
def list_plans() -> None:
    """Show each plan's limits."""
    click.echo(f"{'plan':<10} {'improvements/d':>14} {'applications/d':>14} "
               f"{'uploads/d':>9} {'api calls/h':>11}")  # fmt: skip
    for p in all_plans():
        click.echo(
            f"{p.name:<10} {p.improvements_per_day:>14} {p.applications_per_day:>14} "
            f"{p.uploads_per_day:>9} {p.api_calls_per_hour:>11}"
        )
