"""`flask applications requeue-stuck`, `flask cleanup`, `flask scheduler run`."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from cvimprover import maintenance
from cvimprover.queues import redis_connection

applications = AppGroup("applications", help="Operate on stored applications.")
scheduler = AppGroup("scheduler", help="The periodic maintenance jobs (rq-scheduler).")


@applications.command("requeue-stuck")
def requeue_stuck() -> None:
    """Enqueue again applications whose job is missing, failed or abandoned."""
    done = maintenance.requeue_stuck()
    for item in done:
        verb = "gave up on" if item.gave_up else "requeued"
        click.echo(f"{verb} {item.application_id} ({item.reason})")
    click.echo(
        f"{sum(not d.gave_up for d in done)} requeued, {sum(d.gave_up for d in done)} failed."
    )


@click.command("cleanup")
@click.option("--days", type=click.IntRange(min=1), help="Default: RETENTION_DAYS.")
@click.option("--dry-run", is_flag=True, help="Only count what would be deleted.")
def cleanup(days: int | None, dry_run: bool) -> None:
    """Delete applications (and their files) older than --days."""
    config = current_app.config
    days = days or config["RETENTION_DAYS"]
    total = maintenance.count_expired(days)
    if dry_run:
        click.echo(f"{total} applications older than {days} days would be deleted.")
        return
    with click.progressbar(length=total, label="Deleting", show_pos=True) as bar:
        deleted = maintenance.purge_expired(days, config["RETENTION_BATCH_SIZE"], bar.update)
    click.echo(f"Deleted {deleted} applications older than {days} days.")


@scheduler.command("register")
@click.option("--url", envvar="REDIS_URL", help="Redis URL (default: REDIS_URL).")
def register(url: str | None) -> None:
    """Register the periodic jobs (stable ids; safe at every start)."""
    _register(_scheduler(url, current_app.config["SCHEDULER_INTERVAL"]))


@scheduler.command("run")
@click.option("--url", envvar="REDIS_URL", help="Redis URL (default: REDIS_URL).")
@click.option("--interval", type=click.IntRange(min=1), help="Seconds between polls.")
@click.option("--burst", is_flag=True, help="Enqueue what is due once, then exit.")
def run(url: str | None, interval: int | None, burst: bool) -> None:
    """Register the periodic jobs, then run the rq-scheduler loop."""
    instance = _scheduler(url, interval or current_app.config["SCHEDULER_INTERVAL"])
    _register(instance)
    maintenance.ignore_crontab_warning()  # for the whole loop, not one block
    instance.run(burst=burst)


def _scheduler(url: str | None, interval: int):
    from cvimprover.recovery import RecoveringScheduler

    config = current_app.config
    # TLS settings travel in the URL (`rediss://...?ssl_cert_reqs=none`), as for rq
    connection = redis_connection(url or config["REDIS_URL"])
    return RecoveringScheduler(
        queue_name=config["MAINTENANCE_QUEUE"], connection=connection, interval=interval
    )


def _register(instance) -> None:
    ids = maintenance.register_periodic_jobs(instance)
    click.echo(f"Registered {len(ids)} periodic jobs: {', '.join(ids)}")
