"""Maintenance jobs run by the scheduler on the `low` queue: thin wrappers over
cvimprover.maintenance."""

from __future__ import annotations

from cvimprover import maintenance
from jobs.context import app_context


def purge_expired() -> dict:
    with app_context() as app:
        deleted = maintenance.purge_expired(
            app.config["RETENTION_DAYS"], app.config["RETENTION_BATCH_SIZE"]
        )
        return {"deleted": deleted}


def requeue_stuck() -> dict:
    with app_context():
        done = maintenance.requeue_stuck()
        return {
            "requeued": [r.application_id for r in done if not r.gave_up],
            "gave_up": [r.application_id for r in done if r.gave_up],
        }


def clean_registries() -> dict:
    with app_context():
        return maintenance.clean_registries()


def roll_up_usage() -> dict:
    with app_context():
        return {"rows": maintenance.roll_up_usage()}
