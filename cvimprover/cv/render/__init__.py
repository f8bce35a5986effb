"""PDF rendering of CVs and cover letters (reportlab), with PNG previews (PDFium)."""

from __future__ import annotations

from ..document import Contact, CVDocument
from .base import PdfMeta, RenderError, TemplateInfo
from .fonts import register_fonts
from .layout import check_size, default_meta
from .letter import MAX_LETTER_CHARACTERS, render_letter
from .markup import clean
from .preview import render_preview
from .templates import TEMPLATES, renderer, theme

__all__ = [
    "TEMPLATES",
    "PdfMeta",
    "RenderError",
    "TemplateInfo",
    "render_cover_letter",
    "render_pdf",
    "render_preview",
    "warm_up",
]


def warm_up() -> None:
    """Parse the bundled fonts and draw a sample CV in every template once, so reportlab's
    caches and PDFium are ready. RQ workers call this before forking, so each job does
    not pay ~0.3 s for it (jobs/worker.py preloads heavy modules)."""
    from cvimprover.cv.render.samples import sample_cv

    register_fonts()
    for name in TEMPLATES:
        render_preview(render_pdf(sample_cv(), name))


def render_pdf(
    document: CVDocument,
    template: str = "classic",
    *,
    photo: bytes | None = None,
    meta: PdfMeta | None = None,
) -> bytes:
    """The CV as a PDF in `template`. `photo` is a processed square JPEG
    (cvimprover.images.process_photo); templates without a photo slot ignore it."""
    render = renderer(template)
    check_size(document)
    return render(document, photo or None, meta or default_meta(document))


def render_cover_letter(
    text: str,
    contact: Contact,
    template: str = "classic",
    *,
    meta: PdfMeta | None = None,
) -> bytes:
    """A cover letter as a PDF, headed with the contact details, in the template's type."""
    look = theme(template)
    if len(text or "") > MAX_LETTER_CHARACTERS:
        raise RenderError("This cover letter is too long to render; shorten it.")
    if not clean(text):
        raise RenderError("The cover letter is empty.")
    name = clean(contact.name)
    meta = meta or PdfMeta(title=f"{name} – Cover letter" if name else "Cover letter", author=name)
    return render_letter(text, contact, look, meta)
