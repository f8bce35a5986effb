"""`flask` CLI commands for operators and developers."""

from __future__ import annotations

from flask import Flask


def register_commands(app: Flask) -> None:
    from cvimprover.cli.cv import cv

    app.cli.add_command(cv)
