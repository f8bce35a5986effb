"""`flask` CLI commands for operators and developers."""

from __future__ import annotations

from flask import Flask


def register_commands(app: Flask) -> None:
    from cvimprover.cli.cv import cv
    from cvimprover.cli.limits import limits
    from cvimprover.cli.maintenance import applications, cleanup, scheduler
    from cvimprover.cli.plans import plans
    from cvimprover.cli.users import users

    for command in (cv, users, plans, limits, applications, cleanup, scheduler):
        app.cli.add_command(command)
