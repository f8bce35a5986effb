"""Shared by the benchmarks: percentiles, the machine's description, and docs/benchmarks.json."""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "benchmarks.json"


def p95(values: list[float]) -> float:
    """The 95th percentile (inclusive method, so it is a value between the observed ones)."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def summary_ms(values: list[float]) -> dict:
    """Median and p95 of durations given in seconds, in milliseconds."""
    return {
        "median_ms": round(statistics.median(values) * 1000, 2),
        "p95_ms": round(p95(values) * 1000, 2),
        "runs": len(values),
    }


def load_average() -> list[float]:
    """The 1, 5 and 15-minute load averages: the machine is shared, say how busy it was."""
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict:
    """What the figures were measured on."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": model or platform.processor(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def record(name: str, figures: dict) -> None:
    """Store one benchmark's figures (with the time and load they were taken at)."""
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data["machine"] = machine()
    figures = dict(figures)
    figures["measured_at"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    figures["load_average"] = load_average()
    data.setdefault("benchmarks", {})[name] = figures
    RESULTS.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
