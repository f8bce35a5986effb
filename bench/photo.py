"""Benchmark: process_photo on a 12-megapixel JPEG vs a naive open-resize-save.

Run: .venv/bin/python bench/photo.py [--runs N]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import record, summary_ms  # noqa: E402

from cvimprover.images import process_photo  # noqa: E402


def twelve_megapixel_jpeg() -> bytes:
    """A 4000x3000 camera-like JPEG: shapes, gradients and noise, so it compresses like a photo."""
    image = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for i in range(40):
        x, y = (i * 397) % 3600, (i * 211) % 2600
        draw.ellipse((x, y, x + 400, y + 400), fill=((i * 53) % 255, (i * 97) % 255, 140))
    noise = Image.effect_noise((4000, 3000), 24).convert("RGB")
    image = Image.blend(image.filter(ImageFilter.GaussianBlur(3)), noise, 0.15)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def naive(data: bytes) -> bytes:
    """What a first attempt looks like: full decode, squash to a square, save."""
    image = Image.open(io.BytesIO(data))
    small = image.resize((512, 512))
    out = io.BytesIO()
    small.save(out, "JPEG")
    return out.getvalue()


def ours(data: bytes) -> bytes:
    return process_photo(data).square


def interleaved(data: bytes, runs: int) -> dict[str, list[float]]:
    """Ours and naive alternately, after a warm-up each, so the shared machine's load
    falls on both alike."""
    functions = {"process_photo": ours, "naive": naive}
    for function in functions.values():
        function(data)  # first-call imports and codec set-up are not what we measure
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(runs):
        for name, function in functions.items():
            started = time.perf_counter()
            function(data)
            times[name].append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    data = twelve_megapixel_jpeg()
    print(f"\n7. photo: 4000x3000 JPEG, {len(data) / 1_000_000:.1f} MB; median of {args.runs}")
    times = interleaved(data, args.runs)
    ours_s = statistics.median(times["process_photo"])
    naive_s = statistics.median(times["naive"])
    print(f"process_photo (3 sizes, orientation, sRGB, crop):  {ours_s * 1000:8.1f} ms")
    print(f"naive open + resize(512x512) + save (1 size):       {naive_s * 1000:8.1f} ms")
    print(f"ratio naive / ours: {naive_s / ours_s:.1f}x")
    record(
        "photo",
        {name: summary_ms(values) for name, values in times.items()}
        | {"naive_over_ours": round(naive_s / ours_s, 2), "megapixels": 12},
    )


if __name__ == "__main__":
    main()
