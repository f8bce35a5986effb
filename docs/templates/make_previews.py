"""Regenerates docs/templates/<template>.png: page 1 of each template on the sample CV.

Run from the repository root: .venv/bin/python docs/templates/make_previews.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cvimprover.cv.render import TEMPLATES, render_pdf, render_preview  # noqa: E402
from cvimprover.cv.render.samples import sample_cv  # noqa: E402
from cvimprover.images import process_photo  # noqa: E402

WIDTH = 900


def placeholder_portrait() -> bytes:
    """A drawn head-and-shoulders silhouette, so no real person's photo is committed."""
    size = 800
    image = Image.new("RGB", (size, size), (196, 211, 224))
    draw = ImageDraw.Draw(image)
    for y in range(size):  # soft vertical backdrop gradient
        shade = int(214 - 40 * y / size)
        draw.line([(0, y), (size, y)], fill=(shade, shade + 10, shade + 22))
    draw.ellipse((250, 560, 550, 1100), fill=(52, 73, 104))  # shoulders
    draw.rectangle((350, 430, 450, 600), fill=(222, 184, 156))  # neck
    draw.ellipse((270, 170, 530, 480), fill=(232, 194, 166))  # face
    draw.chord((262, 150, 538, 400), 180, 360, fill=(92, 64, 51))  # hair
    image = image.filter(ImageFilter.GaussianBlur(2))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return process_photo(buffer.getvalue()).square


def main() -> None:
    out = Path(__file__).resolve().parent
    photo = placeholder_portrait()
    document = sample_cv(pages=1)
    # Each template in its usual dress (modern with a photo, the others without), plus
    # every other template that can take a photo, shown with one.
    shots = [(name, name, name == "modern") for name in TEMPLATES]
    shots += [
        (f"{name}-photo", name, True)
        for name, info in TEMPLATES.items()
        if info.supports_photo and name != "modern"
    ]
    for filename, name, with_photo in shots:
        pdf = render_pdf(document, name, photo=photo if with_photo else None)
        path = out / f"{filename}.png"
        path.write_bytes(render_preview(pdf, width=WIDTH))
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
