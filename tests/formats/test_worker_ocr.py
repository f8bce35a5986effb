"""The worker loads the OCR model before it forks, so no job pays for loading it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import time
import jobs.worker
from cvimprover.cv import ocr
assert ocr._engine is not None, "the OCR model is not loaded before the fork"
engine = ocr._engine
started = time.perf_counter()
assert ocr.engine() is engine  # a work horse inherits this very object
print(f"engine ready in {time.perf_counter() - started:.6f} s")
"""


def test_worker_module_loads_the_ocr_model_before_forking(database_url, redis_url) -> None:
    env = dict(os.environ, DATABASE_URL=database_url, REDIS_URL=redis_url)
    env["CVIMPROVER_ENV"] = "testing"
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("engine ready in 0.0")
