"""Builds a PDF from page templates and a story: metadata, page numbers, limits, errors."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer
from reportlab.platypus.doctemplate import LayoutError

from ..document import CVDocument
from .base import PdfMeta, RenderError
from .fonts import register_fonts
from .markup import clean
from .theme import Theme

PAGE_SIZE = A4
# Bound the work one render can do; a real CV is 1-4 pages.
MAX_PAGES = 50
MAX_CHARACTERS = 200_000
MAX_BLOCKS = 5_000
LONG_WORD = 100
MAX_UNBROKEN = 20_000


def _texts(document: CVDocument) -> list[str]:
    texts = [document.headline, *(v for v in vars(document.contact).values() if isinstance(v, str))]
    texts += [f"{link.label} {link.url}" for link in document.contact.links]
    for part in document.sections:
        texts += [part.heading, part.text, *part.items]
        for item in part.entries:
            texts += [item.title, item.organisation, item.dates, item.location, *item.bullets]
    return [t for t in texts if isinstance(t, str)]


def check_size(document: CVDocument) -> None:
    """Refuse documents no CV could need before spending time laying them out."""
    texts = _texts(document)
    characters = sum(len(t) for t in texts)
    if characters > MAX_CHARACTERS or len(texts) > MAX_BLOCKS:
        raise RenderError(
            f"This CV is too long to render (more than about {MAX_PAGES} pages); shorten it."
        )
    # reportlab breaks a word wider than the column letter by letter, which is slow;
    # a little is normal (a long URL), tens of thousands of letters is pasted data.
    unbroken = sum(len(w) for t in texts for w in t.split() if len(w) > LONG_WORD)
    if unbroken > MAX_UNBROKEN:
        raise RenderError(
            "This CV contains long runs of text without spaces, which looks like pasted "
            "data rather than CV text; remove them and try again."
        )


def numbered_canvas(theme: Theme, footer_label: str) -> type[Canvas]:
    """A canvas that holds pages back until the end so it can write "Page n of N"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's API)
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            if total > MAX_PAGES:
                raise RenderError(f"This CV would run to {total} pages; the limit is {MAX_PAGES}.")
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                # A one-page CV needs no page number; longer ones get one on every page.
                if total > 1:
                    self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            size = max(7.0, theme.body_size * 0.8)
            y = theme.margin_bottom * 0.45
            self.setFont(theme.body_font, size)
            self.setFillColor(theme.muted_colour)
            room = (PAGE_SIZE[0] - theme.margin_left - theme.margin_right) * 0.6
            # The name is a courtesy on later pages; one too long to fit is simply left out.
            if footer_label and stringWidth(footer_label, theme.body_font, size) <= room:
                self.drawString(theme.margin_left, y, footer_label)
            self.drawRightString(PAGE_SIZE[0] - theme.margin_right, y, f"Page {number} of {total}")

    return NumberedCanvas


def default_meta(document: CVDocument) -> PdfMeta:
    name = clean(document.contact.name)
    skills = document.section("skills")
    return PdfMeta(
        title=f"{name} – CV" if name else "Curriculum vitae",
        author=name,
        subject=clean(document.headline),
        keywords=[clean(i) for i in (skills.items if skills else [])[:20] if clean(i)],
    )


def build(
    story: list[Flowable],
    page_templates: list[PageTemplate],
    theme: Theme,
    meta: PdfMeta,
    *,
    lang: str = "en",
    footer_label: str = "",
) -> tuple[bytes, int]:
    """Lay out the story; returns the PDF bytes and its page count."""
    register_fonts()
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=theme.margin_left,
        rightMargin=theme.margin_right,
        topMargin=theme.margin_top,
        bottomMargin=theme.margin_bottom,
        title=clean(meta.title),
        author=clean(meta.author),
        subject=clean(meta.subject),
        keywords=[clean(k) for k in meta.keywords if clean(k)],
        creator="CVImprover",
        lang=clean(lang) or "en",
        displayDocTitle=1,
        # Otherwise the canvas starts in Helvetica and lists it as an unembedded font.
        initialFontName=theme.body_font,
    )
    doc.addPageTemplates(page_templates)
    # An empty story would give a zero-page file, which no viewer opens: always one page.
    story = story or [Spacer(1, 1)]
    try:
        doc.build(story, canvasmaker=numbered_canvas(theme, clean(footer_label)))
    except RenderError:
        raise
    except LayoutError as exc:
        raise RenderError("Part of this CV is too large to fit on a page; shorten it.") from exc
    return buffer.getvalue(), doc.page


def build_one_column(
    story: list[Flowable], document: CVDocument, theme: Theme, meta: PdfMeta
) -> tuple[bytes, int]:
    """A CV's story laid out in one column (classic, compact): the PDF in the CV's language,
    its holder's name in the footer; returns the bytes and the page count."""
    return build(
        story,
        single_column(theme),
        theme,
        meta,
        lang=document.language,
        footer_label=document.contact.name,
    )


def single_column(theme: Theme, template_id: str = "page") -> list[PageTemplate]:
    """One frame filling the page inside the theme's margins (classic, compact, letters)."""
    frame = Frame(
        theme.margin_left,
        theme.margin_bottom,
        PAGE_SIZE[0] - theme.margin_left - theme.margin_right,
        PAGE_SIZE[1] - theme.margin_top - theme.margin_bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    return [PageTemplate(id=template_id, frames=[frame])]
