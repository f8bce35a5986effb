"""Modern: a coloured header band, a sidebar for photo, contact and skills, and a main column.

Reading order matters to applicant-tracking systems that read the PDF's text: the band
and the sidebar are drawn when a page starts, before any main-column text, so extracted
text gives name, contact and skills as one block, then the main column, never interleaved.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor, toColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate, Spacer

from ...document import CVDocument, Section
from .. import blocks
from ..base import PdfMeta, TemplateInfo
from ..fonts import SANS, bold, register_fonts
from ..layout import PAGE_SIZE, build
from ..markup import clean, display_url, escape, link, safe_url
from ..theme import Theme, make_styles

INFO = TemplateInfo(
    name="modern",
    title="Modern",
    description="Two columns with a coloured header, an optional photo and a sidebar "
    "for contact details and skills.",
    supports_photo=True,
)
THEME = Theme(
    body_font=SANS,
    heading_font=SANS,
    name_font=SANS,
    body_size=9.2,
    line_ratio=1.38,
    name_size=24,
    headline_size=11.5,
    heading_size=12,
    accent_colour="#1b4965",
    rule_colour="#c9d6df",
    header_align=TA_LEFT,
    section_gap=12,
    margin_left=0,
    margin_right=14 * mm,
    margin_top=14 * mm,
    margin_bottom=16 * mm,
)
SIDEBAR_KINDS = ("skills", "languages", "certifications")
PAGE_WIDTH, PAGE_HEIGHT = PAGE_SIZE
BAND_MIN_HEIGHT = 40 * mm
BAND_PAD = 8 * mm
# Name and headline taller than this would crowd out the page: they go in the main column.
BAND_MAX_TEXT = PAGE_HEIGHT * 0.35
MIN_NAME_SIZE = 16
SIDEBAR_WIDTH = 64 * mm
SIDEBAR_PAD = 8 * mm
GUTTER = 9 * mm
BELOW_BAND = 9 * mm
BAND_COLOUR = "#1b4965"
SIDEBAR_TINT = "#eef3f7"
PHOTO_SIZE = 30 * mm
MAIN_X = SIDEBAR_WIDTH + GUTTER
MAIN_WIDTH = PAGE_WIDTH - MAIN_X - THEME.margin_right


@dataclass
class _Band:
    """The header band's text, laid out for this CV, and the height it needs."""

    flow: list[Flowable]
    text_x: float
    text_height: float
    height: float

    @property
    def bottom(self) -> float:
        return PAGE_HEIGHT - self.height

    def sidebar_frame(self) -> tuple[float, float, float, float]:
        top = self.bottom - BELOW_BAND
        return (
            SIDEBAR_PAD,
            THEME.margin_bottom,
            SIDEBAR_WIDTH - 2 * SIDEBAR_PAD,
            top - THEME.margin_bottom,
        )


def _plan_band(document: CVDocument, photo: bytes | None) -> tuple[_Band, list[Flowable]]:
    """The band, plus any header text that had to move to the main column instead."""
    text_x = MAIN_X if photo else SIDEBAR_PAD
    text_width = PAGE_WIDTH - text_x - THEME.margin_right
    name_size = THEME.name_size
    # Long names shrink a little, then the band grows; nothing is cut off.
    while True:
        flow = _band_text(document, name_size)
        used = _height(flow, text_width)
        if used <= BAND_MIN_HEIGHT - 2 * BAND_PAD or name_size <= MIN_NAME_SIZE:
            break
        name_size -= 2
    if used > BAND_MAX_TEXT:
        # Dark-on-light styles: the band's white text would vanish on the page.
        header = blocks.header(document, make_styles(THEME), THEME, contact=False)
        return _Band([], text_x, 0, BAND_MIN_HEIGHT), header
    height = max(BAND_MIN_HEIGHT, used + 2 * BAND_PAD)
    return _Band(flow, text_x, used, height), []


def _sidebar_styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    register_fonts()
    common = {"hyphenationLang": "", "embeddedHyphenation": 0, "alignment": TA_LEFT}
    heading = ParagraphStyle(
        "sidebar_heading",
        fontName=bold(SANS),
        fontSize=10.5,
        leading=13,
        textColor=toColor(THEME.accent_colour),
        spaceBefore=11,
        spaceAfter=4,
        keepWithNext=1,
        **common,
    )
    text = ParagraphStyle(
        "sidebar_text",
        fontName=SANS,
        fontSize=8.6,
        leading=11.6,
        textColor=toColor(THEME.text_colour),
        spaceAfter=2.5,
        **common,
    )
    return heading, text


def _sidebar_section(part: Section) -> list[Flowable]:
    heading_style, text_style = _sidebar_styles()
    flow: list[Flowable] = []
    if clean(part.heading):
        flow.append(blocks.Para(escape(part.heading), heading_style))
        flow.append(blocks.Rule(THEME.rule_colour, thickness=0.5, space_after=4))
    flow.extend(blocks.text_paragraphs(part.text, text_style))
    flow.extend(blocks.Para(escape(i), text_style) for i in part.items if clean(i))
    return flow


def _contact_section(document: CVDocument) -> list[Flowable]:
    heading_style, text_style = _sidebar_styles()
    details = blocks.contact_details(document.contact, THEME.accent_colour)
    label_style = text_style.clone(
        "sidebar_label",
        fontName=bold(SANS),
        fontSize=7.6,
        textColor=toColor(THEME.muted_colour),
        spaceAfter=0,
    )
    links: list[Flowable] = []
    # The sidebar is narrow: each link's label sits above its address instead of beside it.
    for item in document.contact.links:
        label, shown = clean(item.label), display_url(item.url)
        if label and safe_url(item.url) is None:
            shown = ""  # never print a javascript: or other junk address
        if label and shown:
            links.append(blocks.Para(escape(label), label_style))
        if shown or label:
            shown_text = shown or label
            links.append(
                blocks.Para(
                    link(shown_text, item.url, THEME.accent_colour),
                    _fitted(shown_text, text_style),
                )
            )
    if not details and not links:
        return []
    email = clean(document.contact.email)
    return [
        blocks.Para("Contact", heading_style),
        blocks.Rule(THEME.rule_colour, thickness=0.5, space_after=4),
        *(
            blocks.Para(p, _fitted(email, text_style) if email and email in p else text_style)
            for p in details
        ),  # fmt: skip
        *links,
    ]


# The sidebar frame has no padding of its own: its text is as wide as the frame
SIDEBAR_TEXT_WIDTH = SIDEBAR_WIDTH - 2 * SIDEBAR_PAD
MIN_CONTACT_FONT_SIZE = 6.0


def _fitted(word: str, style: ParagraphStyle) -> ParagraphStyle:
    """`style`, smaller if needed so `word` (an e-mail or web address) fits on one sidebar
    line: an address broken over two lines is hard to read and copies back wrong."""
    room = SIDEBAR_TEXT_WIDTH * 0.97  # a little slack: the wrapper rounds differently
    width = stringWidth(word, style.fontName, style.fontSize)
    if width <= room:
        return style
    size = max(MIN_CONTACT_FONT_SIZE, style.fontSize * room / width)
    return style.clone(
        "sidebar_email", fontSize=size, leading=style.leading * size / style.fontSize
    )


def _height(flow: list[Flowable], width: float) -> float:
    total = 0.0
    for item in flow:
        _, h = item.wrap(width, PAGE_HEIGHT)
        total += h + item.getSpaceBefore() + item.getSpaceAfter()
    return total


def _split_sidebar(
    groups: list[tuple[Section | None, list[Flowable]]], band: _Band
) -> tuple[list[Flowable], list[tuple[Section | None, list[Flowable]]]]:
    """Sidebar flowables that fit on page 1, and the groups that must move to the main
    column so nothing is lost when the sidebar overflows (order kept)."""
    _, _, width, height = band.sidebar_frame()
    fitted: list[Flowable] = []
    overflow: list[tuple[Section | None, list[Flowable]]] = []
    used = 0.0
    for part, flow in groups:
        needed = _height(flow, width)
        if not overflow and used + needed <= height:
            fitted.extend(flow)
            used += needed
        else:
            overflow.append((part, flow))
    return fitted, overflow


def _draw_band(canv: Canvas, band: _Band, photo: bytes | None) -> None:
    canv.setFillColor(HexColor(BAND_COLOUR))
    canv.rect(0, band.bottom, PAGE_WIDTH, band.height, stroke=0, fill=1)
    if photo:
        picture = blocks.Photo(photo, PHOTO_SIZE, circle=True, ring="#ffffff")
        picture.wrapOn(canv, SIDEBAR_WIDTH, PHOTO_SIZE)
        picture.drawOn(canv, 0, band.bottom + (band.height - PHOTO_SIZE) / 2)
    if band.flow:
        frame = Frame(
            band.text_x,
            band.bottom + (band.height - band.text_height) / 2,
            PAGE_WIDTH - band.text_x - THEME.margin_right,
            band.text_height + 1,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        frame.addFromList(list(band.flow), canv)


def _band_text(document: CVDocument, name_size: float) -> list[Flowable]:
    common = {"hyphenationLang": "", "embeddedHyphenation": 0, "alignment": TA_LEFT}
    name = ParagraphStyle(
        "band_name",
        fontName=bold(SANS),
        fontSize=name_size,
        leading=name_size * 1.15,
        textColor=toColor("#ffffff"),
        **common,
    )
    headline = ParagraphStyle(
        "band_headline",
        fontName=SANS,
        fontSize=THEME.headline_size,
        leading=THEME.headline_size * 1.3,
        textColor=toColor("#d6e4ee"),
        spaceBefore=3,
        **common,
    )
    flow: list[Flowable] = []
    if clean(document.contact.name):
        flow.append(blocks.Para(escape(document.contact.name), name))
    if clean(document.headline):
        flow.append(blocks.Para(escape(document.headline), headline))
    return flow


def _sidebar_tint(canv: Canvas, top: float) -> None:
    canv.setFillColor(HexColor(SIDEBAR_TINT))
    canv.rect(0, 0, SIDEBAR_WIDTH, top, stroke=0, fill=1)


def page_templates(band: _Band, photo: bytes | None, sidebar: list[Flowable]) -> list[PageTemplate]:
    def first_page(canv: Canvas, _doc: object) -> None:
        canv.saveState()
        _draw_band(canv, band, photo)
        _sidebar_tint(canv, band.bottom)
        x, y, w, h = band.sidebar_frame()
        frame = Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        frame.addFromList(list(sidebar), canv)
        canv.restoreState()

    def later_page(canv: Canvas, _doc: object) -> None:
        canv.saveState()
        _sidebar_tint(canv, PAGE_HEIGHT)
        canv.restoreState()

    def main_frame(top: float, frame_id: str) -> Frame:
        bottom = THEME.margin_bottom
        return Frame(
            MAIN_X,
            bottom,
            MAIN_WIDTH,
            top - bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=frame_id,
        )

    return [
        PageTemplate(
            id="first",
            frames=[main_frame(band.bottom - BELOW_BAND, "main1")],
            onPage=first_page,
            autoNextPageTemplate="later",
        ),
        PageTemplate(
            id="later",
            frames=[main_frame(PAGE_HEIGHT - THEME.margin_top, "main")],
            onPage=later_page,
        ),
    ]


def render(document: CVDocument, photo: bytes | None, meta: PdfMeta) -> bytes:
    theme = THEME
    styles = make_styles(theme)
    groups: list[tuple[Section | None, list[Flowable]]] = []
    if photo is not None:
        # Validate early so a bad photo is a RenderError, not a failure mid-page.
        blocks.Photo(photo, PHOTO_SIZE)
    contact = _contact_section(document)
    if contact:
        groups.append((None, contact))
    main_parts: list[Section] = []
    for part in document.sections:
        if part.kind in SIDEBAR_KINDS and not part.entries:
            groups.append((part, _sidebar_section(part)))
        else:
            main_parts.append(part)
    band, header_overflow = _plan_band(document, photo)
    sidebar, overflow = _split_sidebar(groups, band)
    story: list[Flowable] = [Spacer(1, 0), *header_overflow]
    for part, flow in overflow:
        if part is None:
            # The contact block alone is taller than the sidebar: it leads the main column.
            story.extend(flow)
    for part in main_parts + [p for p, _ in overflow if p is not None]:
        story.extend(blocks.section(part, styles, theme, MAIN_WIDTH))
    pdf, _ = build(
        story,
        page_templates(band, photo, sidebar),
        theme,
        meta,
        lang=document.language,
        footer_label="",
    )
    return pdf
