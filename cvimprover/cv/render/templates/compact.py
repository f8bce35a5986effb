"""Compact: dense one column that aims for a single page, shrinking type only as needed."""

from __future__ import annotations

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.units import mm

from ...document import CVDocument
from .. import blocks
from ..base import PdfMeta, TemplateInfo
from ..fonts import SANS
from ..layout import PAGE_SIZE, build_one_column
from ..theme import Theme, make_styles

INFO = TemplateInfo(
    name="compact",
    title="Compact",
    description="Dense single column that fits an early-career CV on one page.",
    supports_photo=False,
)
THEME = Theme(
    body_font=SANS,
    heading_font=SANS,
    name_font=SANS,
    body_size=8.7,
    line_ratio=1.3,
    name_size=18,
    headline_size=10,
    heading_size=10,
    accent_colour="#0f5257",
    rule_colour="#9fb8ba",
    header_align=TA_LEFT,
    section_gap=8,
    heading_gap=3,
    entry_gap=4.5,
    bullet_gap=0.6,
    bullet_indent=9,
    margin_left=14 * mm,
    margin_right=14 * mm,
    margin_top=12 * mm,
    margin_bottom=13 * mm,
)
# Shrink factors for a CV that spills onto a second page. Below ~7.5 pt (0.86) type stops
# being comfortable, so past that the CV flows onto more pages instead of losing text.
SMALLEST, LARGER = 0.86, 0.93


def _render(document: CVDocument, meta: PdfMeta, theme: Theme) -> tuple[bytes, int]:
    styles = make_styles(theme)
    width = PAGE_SIZE[0] - theme.margin_left - theme.margin_right
    story = blocks.header(document, styles, theme)
    for part in document.sections:
        story.extend(blocks.section(part, styles, theme, width, one_line=True))
    return build_one_column(story, document, theme, meta)


def render(document: CVDocument, photo: bytes | None, meta: PdfMeta) -> bytes:
    pdf, pages = _render(document, meta, THEME)
    if pages != 2:
        # One page already, or far too long for shrinking to help: keep the natural size.
        return pdf
    # Smallest first, so a CV that can't fit costs one extra layout, not several.
    smallest, pages = _render(document, meta, THEME.scaled(SMALLEST))
    if pages != 1:
        return pdf
    larger, pages = _render(document, meta, THEME.scaled(LARGER))
    return larger if pages == 1 else smallest
