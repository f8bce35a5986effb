"""Draw docs/benchmarks.json as PNG plots under docs/benchmarks/ and print the targets table.

.venv/bin/python bench/report.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "benchmarks.json"
PLOTS = ROOT / "docs" / "benchmarks"


def targets(b: dict) -> list[tuple[str, str, str, bool | None]]:
    """(benchmark, measured, target, met) for every target with a figure."""
    rows: list[tuple[str, str, str, bool | None]] = []
    if "e2e" in b:
        m = b["e2e"]["median_ms"]
        rows.append(("POST -> done, median", f"{m:.0f} ms (p95 {b['e2e']['p95_ms']:.0f})",
                     "<= 80 ms", m <= 80))  # fmt: skip
    if "queue" in b:
        r = b["queue"]["queue_over_engine"]
        rows.append(("queue path / in-process pipeline", f"{r:.2f}x", "<= 1.5x", r <= 1.5))
    if "render" in b:
        for pages in ("1_page", "3_page"):
            for name, row in b["render"][pages].items():
                if name in ("weasyprint", "reportlab_floor"):
                    continue
                w, f = row["weasyprint_over_this"], row["this_over_floor"]
                label = f"render {name}, {pages.replace('_', ' ')}"
                faster = f"{w}x" if w else "n/a"
                rows.append((f"{label}: WeasyPrint / ours", faster, ">= 30x", bool(w and w >= 30)))
                rows.append((f"{label}: ours / reportlab floor", f"{f}x", "<= 2x", f <= 2))
    if "scaling" in b:
        s = b["scaling"]["speedup_2"]
        rows.append(("2 workers / 1 worker", f"{s}x", ">= 1.7x", s >= 1.7))
    if "web" in b:
        r = b["web"]["ratio"]
        rows.append(("cached status route / bare Flask", f"{r}x", ">= 0.6x", r >= 0.6))
    if "photo" in b:
        r = b["photo"]["naive_over_ours"]
        rows.append(("photo: naive / ours", f"{r}x", ">= 2.5x", r >= 2.5))
    if "memory" in b:
        g = b["memory"]["growth_percent"]
        rows.append((f"worker RSS growth, 10 -> {b['memory']['jobs']} jobs", f"{g:+.1f} %",
                     "< 10 %", g < 10))  # fmt: skip
    return rows


def plot(b: dict) -> None:
    PLOTS.mkdir(parents=True, exist_ok=True)
    if "stages" in b:
        stages = [s for s in ("extract", "parse", "analyse", "rewrite", "render", "store",
                              "progress") if s in b["stages"]]  # fmt: skip
        fig, ax = plt.subplots(figsize=(7, 3.2))
        medians = [b["stages"][s]["median_ms"] for s in stages]
        p95s = [b["stages"][s]["p95_ms"] for s in stages]
        x = range(len(stages))
        ax.bar([i - 0.2 for i in x], medians, 0.4, label="median")
        ax.bar([i + 0.2 for i in x], p95s, 0.4, label="p95")
        ax.set_xticks(list(x), stages)
        ax.set_ylabel("ms per CV")
        ax.set_title(f"Pipeline stages, {b['stages']['cvs']} corpus CVs")
        ax.legend()
        fig.tight_layout()
        fig.savefig(PLOTS / "stages.png", dpi=110)
        plt.close(fig)
    if "render" in b:
        fig, axes = plt.subplots(1, 2, figsize=(8, 3.2), sharey=True)
        for ax, pages in zip(axes, ("1_page", "3_page"), strict=True):
            rows = b["render"][pages]
            names = list(rows)
            ax.barh(names, [rows[n]["median_ms"] for n in names])
            ax.set_xscale("log")
            ax.set_xlabel("median ms (log)")
            ax.set_title(pages.replace("_", " "))
        fig.tight_layout()
        fig.savefig(PLOTS / "render.png", dpi=110)
        plt.close(fig)
    if "scaling" in b and "queue" in b:
        fig, ax = plt.subplots(figsize=(6, 3.2))
        labels = ["engine loop", "job loop", "1 worker", "2 workers", "4 workers"]
        values = [b["queue"]["engine_jobs_per_s"], b["queue"]["in_process_jobs_per_s"],
                  *(b["scaling"][f"workers_{k}_jobs_per_s"] for k in (1, 2, 4))]  # fmt: skip
        ax.bar(labels, values)
        ax.set_ylabel("jobs per second")
        ax.set_title(f"Throughput on {b['scaling']['cores']} cores")
        fig.tight_layout()
        fig.savefig(PLOTS / "throughput.png", dpi=110)
        plt.close(fig)


def main() -> int:
    data = json.loads(RESULTS.read_text())
    b = data["benchmarks"]
    plot(b)
    print(f"\n{'benchmark':<52}{'measured':>22}{'target':>10}  met")
    for name, measured, target, met in targets(b):
        print(f"{name:<52}{measured:>22}{target:>10}  {'yes' if met else 'NO'}")
    loads = {name: figures.get("load_average") for name, figures in b.items()}
    print("\nload average (1, 5, 15 min) when each was measured:")
    for name, load in loads.items():
        print(f"  {name}: {load}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
