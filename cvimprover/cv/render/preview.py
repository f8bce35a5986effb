"""PNG thumbnails of a PDF's first page, rendered with PDFium."""

from __future__ import annotations

from io import BytesIO

import pypdfium2 as pdfium

from .base import RenderError

MIN_WIDTH = 16
MAX_WIDTH = 4000


def render_preview(pdf: bytes, *, width: int = 600) -> bytes:
    """Page 1 of `pdf` as a PNG `width` pixels wide (height follows the page's shape).

    PDFium is not thread-safe: call this from processes (RQ workers), not threads.
    """
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise RenderError(f"Preview width must be between {MIN_WIDTH} and {MAX_WIDTH} pixels.")
    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise RenderError("The PDF could not be read for a preview.") from exc
    try:
        if len(document) == 0:
            raise RenderError("The PDF has no pages to preview.")
        page = document[0]
        try:
            bitmap = page.render(scale=width / page.get_width(), may_draw_forms=False)
            image = bitmap.to_pil()
        finally:
            page.close()
    finally:
        document.close()
    out = BytesIO()
    # zlib level 3 instead of the default 6: about a quarter less time encoding (the encode
    # was ~8 % of a job), and on a CV page (text on white) the file is no bigger
    image.save(out, format="PNG", compress_level=3)
    return out.getvalue()
