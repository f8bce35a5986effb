"""Swagger UI's assets for the interactive docs page at /api/v1/docs, served locally."""

from __future__ import annotations

from pathlib import Path

import flask_swagger_ui
from flask import Blueprint, send_from_directory

ASSETS = Path(flask_swagger_ui.__file__).resolve().parent / "dist"

bp = Blueprint("api_docs_assets", __name__)


@bp.get("/api/v1/docs/assets/<path:filename>")
def asset(filename: str):
    return send_from_directory(ASSETS, filename, max_age=86400)
