"""Shared helpers for the CV engine tests: fixture paths and the expectations files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CV_EXPECTATIONS = json.loads((FIXTURES / "cv_expectations.json").read_text(encoding="utf-8"))
JOB_EXPECTATIONS = json.loads((FIXTURES / "job_expectations.json").read_text(encoding="utf-8"))


def cv_bytes(name: str) -> bytes:
    return (FIXTURES / "cvs" / name).read_bytes()


def job_text(name: str) -> str:
    return (FIXTURES / "jobs" / name).read_text(encoding="utf-8")


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
