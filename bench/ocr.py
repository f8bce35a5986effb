"""Benchmark: OCR of scanned CVs — seconds per page, word accuracy, and the memory the
OCR model adds to a worker.

Every template is rendered in English and Spanish, rasterised at 200 dpi, turned 0.6°
and speckled, saved as an image-only PDF, and read back through extract_document (the
worker's path). The baseline is the same page's text layer read by PDFium in the same
run. The memory figures are this process's resident set after what the worker loads
before forking (engine and renderer warm-ups), then after the OCR warm-up.

Run: .venv/bin/python bench/ocr.py [--dpi 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import record, summary_ms  # noqa: E402

from cvimprover.cv import ocr, pipeline, render  # noqa: E402
from cvimprover.cv.extract import extract_document  # noqa: E402
from cvimprover.cv.render import TEMPLATES, render_pdf  # noqa: E402
from tests.formats.samples import (  # noqa: E402
    english_cv,
    image_pdf,
    page_image,
    pdf_text,
    spanish_cv,
    word_accuracy,
)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dpi", type=int, default=200)
    args = parser.parse_args()

    render.warm_up()
    pipeline.warm_up()
    before = rss_mb()
    started = time.perf_counter()
    ocr.warm_up()
    load = time.perf_counter() - started
    after = rss_mb()
    print(f"worker RSS before OCR warm-up: {before:.0f} MB, after: {after:.0f} MB "
          f"(+{after - before:.0f} MB); model load and first run: {load:.2f} s")  # fmt: skip

    ocr_times, layer_times = [], []
    print(f"\n{'template':<10}{'lang':<6}{'words':>6}{'accuracy':>10}{'confidence':>12}"
          f"{'s/page':>8}")  # fmt: skip
    for template in sorted(TEMPLATES):
        for language, cv in (("en", english_cv()), ("es", spanish_cv())):
            pdf = render_pdf(cv, template)
            known = pdf_text(pdf)
            scan = image_pdf(page_image(pdf, args.dpi, angle=0.6, noise=0.01), args.dpi)
            started = time.perf_counter()
            extract_document(pdf, "cv.pdf")
            layer_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            extracted = extract_document(scan, "scan.pdf")
            elapsed = time.perf_counter() - started
            ocr_times.append(elapsed)
            accuracy = word_accuracy(known, extracted.text)
            print(f"{template:<10}{language:<6}{len(known.split()):>6}{accuracy:>10.3f}"
                  f"{extracted.ocr.confidence:>12.3f}{elapsed:>8.2f}")  # fmt: skip
    ocr_median = statistics.median(ocr_times)
    layer_median = statistics.median(layer_times)
    print(f"\nOCR: {ocr_median:.2f} s per page (median of {len(ocr_times)}); "
          f"text layer: {layer_median * 1000:.1f} ms per page; "
          f"OCR / text layer = {ocr_median / layer_median:.0f}x")  # fmt: skip
    record(
        "ocr",
        {
            "ocr_page": summary_ms(ocr_times),
            "text_layer_page": summary_ms(layer_times),
            "ocr_over_text_layer": round(ocr_median / layer_median, 1),
            "model_load_s": round(load, 2),
            "model_rss_mb": round(after - before, 1),
            "dpi": args.dpi,
        },
    )


if __name__ == "__main__":
    main()
