"""The CV engine tests' fixture files and expectations, imported by name
(`from tests.cv.samples import cv_bytes`): a conftest imported as `conftest` would
clash with another directory's conftest when both run in one session."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
CV_EXPECTATIONS = json.loads((FIXTURES / "cv_expectations.json").read_text(encoding="utf-8"))
JOB_EXPECTATIONS = json.loads((FIXTURES / "job_expectations.json").read_text(encoding="utf-8"))


def cv_bytes(name: str) -> bytes:
    return (FIXTURES / "cvs" / name).read_bytes()


def job_text(name: str) -> str:
    return (FIXTURES / "jobs" / name).read_text(encoding="utf-8")


# A short analyst CV: no summary (one is added), a skills list the job reorders, bullets
# that are rewritten and reordered in the same entry
ANALYST_CV = """Ann Lee
ann@example.com | +44 7700 900000 | Leeds, UK

EXPERIENCE
Analyst — Acme | 2019 – 2021
- Responsible for managing 3 monthly reports
- I built 4 dashboards in Tableau
- Mentored 2 junior analysts
- Cut costs by 10% using SQL

SKILLS
Excel, Python
"""
