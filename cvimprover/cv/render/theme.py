"""A template's look (fonts, sizes, colours, rhythm) and the paragraph styles it implies."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib.colors import toColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from .fonts import SANS, SERIF, bold, italic, register_fonts


@dataclass(frozen=True)
class Theme:
    body_font: str = SANS
    heading_font: str = SERIF
    name_font: str = SERIF
    body_size: float = 9.8
    line_ratio: float = 1.38
    name_size: float = 25
    headline_size: float = 11.5
    heading_size: float = 12.5
    text_colour: str = "#1d1d1f"
    muted_colour: str = "#5b6270"
    accent_colour: str = "#1f3a5f"
    rule_colour: str = "#b8c2cf"
    header_align: int = TA_CENTER
    section_gap: float = 13
    heading_gap: float = 5
    entry_gap: float = 8
    bullet_gap: float = 1.6
    bullet_indent: float = 11
    margin_left: float = 20 * mm
    margin_right: float = 20 * mm
    margin_top: float = 17 * mm
    margin_bottom: float = 18 * mm
    item_separator: str = "  ·  "

    def scaled(self, factor: float) -> Theme:
        """The same look, with type and spacing shrunk (compact's fit-to-one-page)."""
        if factor == 1:
            return self
        return replace(
            self,
            body_size=self.body_size * factor,
            name_size=self.name_size * factor,
            headline_size=self.headline_size * factor,
            heading_size=self.heading_size * factor,
            section_gap=self.section_gap * factor * factor,
            heading_gap=self.heading_gap * factor,
            entry_gap=self.entry_gap * factor * factor,
            bullet_gap=self.bullet_gap * factor,
            line_ratio=max(1.2, self.line_ratio - (1 - factor) * 0.6),
        )


@dataclass(frozen=True)
class Styles:
    name: ParagraphStyle
    headline: ParagraphStyle
    contact: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    entry_title: ParagraphStyle
    entry_meta: ParagraphStyle
    dates: ParagraphStyle
    bullet: ParagraphStyle
    items: ParagraphStyle


def _style(name: str, **kwargs: object) -> ParagraphStyle:
    # No hyphenation and no justification: extracted text must match the input word for word.
    base = {"hyphenationLang": "", "embeddedHyphenation": 0, "alignment": TA_LEFT}
    base.update(kwargs)
    return ParagraphStyle(name, **base)


BULLET = "•"
BULLET_INDENT = 2.0


def _bullet_text_indent(theme: Theme) -> float:
    """Where bullet text starts. reportlab pushes the first line right unless the indent
    clears the bullet plus 0.6 em, which would misalign it with the lines below."""
    clearance = BULLET_INDENT + stringWidth(BULLET, theme.body_font, theme.body_size)
    return max(theme.bullet_indent, clearance + 0.6 * theme.body_size + 0.5)


def make_styles(theme: Theme) -> Styles:
    """The theme's paragraph styles. Colours are parsed once here: reportlab would parse a
    colour given as text again every time a line is drawn (about a tenth of a render)."""
    register_fonts()
    size = theme.body_size
    leading = size * theme.line_ratio
    body = _style(
        "body",
        fontName=theme.body_font,
        fontSize=size,
        leading=leading,
        textColor=toColor(theme.text_colour),
        spaceAfter=theme.bullet_gap * 2,
    )
    return Styles(
        name=_style(
            "name",
            fontName=bold(theme.name_font),
            fontSize=theme.name_size,
            leading=theme.name_size * 1.18,
            textColor=toColor(theme.accent_colour),
            alignment=theme.header_align,
        ),
        headline=_style(
            "headline",
            fontName=theme.body_font,
            fontSize=theme.headline_size,
            leading=theme.headline_size * 1.3,
            textColor=toColor(theme.muted_colour),
            alignment=theme.header_align,
            spaceBefore=2,
        ),
        contact=_style(
            "contact",
            fontName=theme.body_font,
            fontSize=size * 0.92,
            leading=size * 0.92 * 1.45,
            textColor=toColor(theme.text_colour),
            alignment=theme.header_align,
            spaceBefore=4,
        ),
        heading=_style(
            "heading",
            fontName=bold(theme.heading_font),
            fontSize=theme.heading_size,
            leading=theme.heading_size * 1.2,
            textColor=toColor(theme.accent_colour),
            spaceBefore=theme.section_gap,
            spaceAfter=1.5,
            keepWithNext=1,
        ),
        body=body,
        entry_title=_style(
            "entry_title",
            parent=body,
            fontName=bold(theme.body_font),
            spaceAfter=0,
            keepWithNext=1,
        ),
        entry_meta=_style(
            "entry_meta",
            parent=body,
            fontName=italic(theme.body_font),
            textColor=toColor(theme.muted_colour),
            spaceAfter=1.5,
            keepWithNext=1,
        ),
        dates=_style(
            "dates",
            parent=body,
            fontSize=size * 0.92,
            textColor=toColor(theme.muted_colour),
        ),
        bullet=_style(
            "bullet",
            parent=body,
            leftIndent=_bullet_text_indent(theme),
            bulletIndent=BULLET_INDENT,
            bulletFontName=theme.body_font,
            bulletFontSize=size,  # reportlab's default is a fixed 10 pt
            bulletColor=toColor(theme.accent_colour),
            spaceAfter=theme.bullet_gap,
        ),
        items=_style("items", parent=body),
    )
