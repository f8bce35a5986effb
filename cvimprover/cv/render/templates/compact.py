"""Compact: dense one column that aims for a single page, shrinking type only as needed."""

from __future__ import annotations

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

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


def _flat(story: list[Flowable]) -> list[Flowable]:
    flat: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, KeepTogether):
            flat.extend(_flat(flowable._content))  # reportlab keeps the kept-together list here
        else:
            flat.append(flowable)
    return flat


def least_height(story: list[Flowable], width: float) -> float:
    """A lower bound on the height `story` needs to sit whole on one page `width` wide:
    every flowable's wrapped height, plus between neighbours the larger of the space after
    the first and the space before the second (reportlab merges the two spaces, never gives
    less). Space before the first flowable and after the last are not counted (a frame
    drops them), nor conditional page breaks (no height on a page they fit on)."""
    total = 0.0
    previous_after: float | None = None
    for flowable in _flat(story):
        if isinstance(flowable, CondPageBreak):
            continue
        _, height = flowable.wrap(width, PAGE_SIZE[1])
        if previous_after is not None:
            total += max(previous_after, flowable.getSpaceBefore())
        total += height
        previous_after = flowable.getSpaceAfter()
    return total


class _Layout:
    """The CV's story at one type scale, measured before it is built. Measuring wraps every
    paragraph and the build reuses those line breaks (blocks.Para), so it costs little."""

    def __init__(self, document: CVDocument, theme: Theme) -> None:
        self.document = document
        self.theme = theme
        styles = make_styles(theme)
        width = PAGE_SIZE[0] - theme.margin_left - theme.margin_right
        self.story = blocks.header(document, styles, theme)
        for part in document.sections:
            self.story.extend(blocks.section(part, styles, theme, width, one_line=True))
        room = PAGE_SIZE[1] - theme.margin_top - theme.margin_bottom
        self.cannot_fit_one_page = least_height(self.story, width) > room + 0.01

    def build(self, meta: PdfMeta) -> tuple[bytes, int]:
        """The PDF and its page count; once only (reportlab consumes the story)."""
        return build_one_column(self.story, self.document, self.theme, meta)


def render(document: CVDocument, photo: bytes | None, meta: PdfMeta) -> bytes:
    """At natural size if the CV fits one page; else shrunk onto one page at the larger
    scale that fits, if one does; else at natural size over as many pages as it takes.

    Laying out is the cost, so the scales at which the CV cannot possibly fit one page
    (least_height) are ruled out before any layout: a long CV is laid out once instead of
    twice (natural, then the smallest scale to see it still spills over)."""
    natural = _Layout(document, THEME)
    natural_pdf = None
    if not natural.cannot_fit_one_page:
        natural_pdf, pages = natural.build(meta)
        if pages != 2:
            # One page, or far too long for shrinking to help: keep the natural size.
            return natural_pdf
    # Smallest first, so a CV that can't fit costs one extra measure, not several layouts.
    smallest = _Layout(document, THEME.scaled(SMALLEST))
    if not smallest.cannot_fit_one_page:
        shrunk, pages = smallest.build(meta)
        if pages == 1:
            larger = _Layout(document, THEME.scaled(LARGER))
            if larger.cannot_fit_one_page:
                return shrunk
            bigger, pages = larger.build(meta)
            return bigger if pages == 1 else shrunk
    return natural_pdf if natural_pdf is not None else natural.build(meta)[0]
