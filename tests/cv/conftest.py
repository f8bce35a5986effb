"""Fixtures for the CV engine tests; the fixture files and expectations are in
tests/cv/samples.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cv.samples import FIXTURES


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
