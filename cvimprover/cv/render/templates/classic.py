"""Classic: one column, centred serif name, serif headings over thin rules."""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ...document import CVDocument
from .. import blocks
from ..base import PdfMeta, TemplateInfo
from ..layout import PAGE_SIZE, build_one_column
from ..theme import Styles, Theme, make_styles

INFO = TemplateInfo(
    name="classic",
    title="Classic",
    description="One column, serif headings, generous margins: suits any role and any "
    "reader. An optional photo sits at the top right.",
    supports_photo=True,
)
THEME = Theme()
PHOTO_SIZE = 28 * mm


def _header(
    document: CVDocument, styles: Styles, theme: Theme, photo: bytes | None, width: float
) -> list[Flowable]:
    """Centred name and contact lines; with a photo, left-aligned beside it on the right."""
    if photo is None:
        return blocks.header(document, styles, theme)
    left = replace(theme, header_align=TA_LEFT)
    flow = blocks.header(document, make_styles(left), left)
    picture = blocks.Photo(photo, PHOTO_SIZE, circle=False)
    composite = blocks.BesidePhoto(flow, picture)
    _, height = composite.wrap(width, PAGE_SIZE[1])
    if height > PAGE_SIZE[1] / 3:
        # An absurdly long name or headline: keep all the text, full width, and skip the photo.
        return blocks.header(document, styles, theme)
    return [composite, Spacer(1, 2)]


def render(document: CVDocument, photo: bytes | None, meta: PdfMeta) -> bytes:
    theme = THEME
    styles = make_styles(theme)
    width = PAGE_SIZE[0] - theme.margin_left - theme.margin_right
    story = _header(document, styles, theme, photo, width)
    for part in document.sections:
        story.extend(blocks.section(part, styles, theme, width))
    pdf, _ = build_one_column(story, document, theme, meta)
    return pdf
