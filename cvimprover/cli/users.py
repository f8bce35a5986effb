"""`flask users ...`: create an admin, move a user to another plan."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from cvimprover.auth.service import EmailTaken, register_user
from cvimprover.auth.tokens import find_user, hash_password
from cvimprover.extensions import db
from cvimprover.limits.plans import all_plans

users = AppGroup("users", help="Manage user accounts.")


@users.command("create-admin")
@click.option("--email", prompt=True, help="The admin's email address.")
@click.option("--name", prompt=True, help="The admin's name.")
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="At least 8 characters (prompted, hidden, when not given).",
)
@click.option("--plan", default="premium", show_default=True, help="The admin's plan.")
def create_admin(email: str, name: str, password: str, plan: str) -> None:
    """Create an admin account (or make an existing account an admin, new password)."""
    if len(password) < 8:
        raise click.BadParameter("use at least 8 characters", param_hint="--password")
    _check_plan(plan)
    try:
        user = register_user(email, password, name)
        created = True
    except EmailTaken:
        user = find_user(email)
        user.password_hash = hash_password(password)
        created = False
    user.is_admin = True
    user.plan = plan
    db.session.commit()
    click.echo(f"{'Created' if created else 'Updated'} admin {user.email} (id {user.id}).")


@users.command("set-plan")
@click.argument("email")
@click.argument("plan")
def set_plan(email: str, plan: str) -> None:
    """Move the user EMAIL to PLAN (free, basic, pro, premium)."""
    _check_plan(plan)
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"no user with email {email}")
    previous, user.plan = user.plan, plan
    db.session.commit()
    click.echo(f"{user.email}: {previous} -> {plan}")


def _check_plan(plan: str) -> None:
    names = [p.name for p in all_plans()]
    if plan not in names:
        raise click.BadParameter(f"choose one of {', '.join(names)}", param_hint="PLAN")
