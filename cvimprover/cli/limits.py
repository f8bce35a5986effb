"""`flask limits ...`: show or reset a user's usage."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from cvimprover.auth.tokens import find_user
from cvimprover.limits import SCOPES, reset, usage_status
from cvimprover.models import User

limits = AppGroup("limits", help="A user's usage against their plan's limits.")


def _user(email: str) -> User:
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"no user with email {email}")
    return user


@limits.command("status")
@click.argument("email")
def status(email: str) -> None:
    """Show EMAIL's usage per scope in the current windows."""
    usage = usage_status(_user(email))
    click.echo(f"{email} on {usage['plan_title']}")
    for scope, s in usage["scopes"].items():
        click.echo(
            f"  {scope:<13} {s['used']:>5}/{s['limit']:<5} {s['percentage_used']:>5.1f}% "
            f"{s['status']:<8} resets {s['reset_at']}"
        )


@limits.command("reset")
@click.argument("email")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    type=click.Choice(sorted(SCOPES)),
    help="Only this scope (repeatable); every scope when not given.",
)
def reset_command(email: str, scopes: tuple[str, ...]) -> None:
    """Forget EMAIL's usage in the current windows."""
    reset(_user(email), list(scopes) or None)
    click.echo(f"Reset {', '.join(scopes) or 'every scope'} for {email}.")
