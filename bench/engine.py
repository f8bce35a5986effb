"""Benchmark the CV engine: median and p90 ms of `improve` per fixture CV, extraction as baseline.

Run: .venv/bin/python bench/engine.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cvimprover.cv.extract import extract_text  # noqa: E402
from cvimprover.cv.pipeline import JobTarget, improve  # noqa: E402

FIXTURES = ROOT / "tests" / "cv" / "fixtures"


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    jobs = json.loads((FIXTURES / "job_expectations.json").read_text(encoding="utf-8"))
    targets = [
        JobTarget(spec["position"], spec["industry"], "3-5",
                  job_description=(FIXTURES / "jobs" / name).read_text(encoding="utf-8"))
        for name, spec in sorted(jobs.items())
    ]  # fmt: skip
    cvs = sorted((FIXTURES / "cvs").iterdir())
    # Warm-up: imports, PDFium and the word-frequency tables load once per worker process.
    improve(cvs[0].read_bytes(), cvs[0].name, targets[0])

    full: list[float] = []
    extraction: list[float] = []
    for round_index in range(args.rounds):
        for index, path in enumerate(cvs):
            data = path.read_bytes()
            target = targets[(index + round_index) % len(targets)]
            start = time.perf_counter()
            extract_text(data, path.name)
            extraction.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            improve(data, path.name, target)
            full.append((time.perf_counter() - start) * 1000)
    print(f"{len(cvs)} CVs x {args.rounds} rounds ({len(full)} runs), one job each run")
    print(
        f"improve():        median {statistics.median(full):7.1f} ms   "
        f"p90 {_percentile(full, 0.9):7.1f} ms"
    )
    print(
        f"extraction alone: median {statistics.median(extraction):7.1f} ms   "
        f"p90 {_percentile(extraction, 0.9):7.1f} ms"
    )
    print(f"ratio (median):   {statistics.median(full) / statistics.median(extraction):.1f}x")


if __name__ == "__main__":
    main()
