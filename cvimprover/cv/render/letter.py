"""Cover letters, set in the look of the chosen CV template."""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from ..document import Contact, CVDocument
from . import blocks
from .base import PdfMeta
from .layout import build, single_column
from .markup import clean
from .theme import Theme, make_styles

MAX_LETTER_CHARACTERS = 30_000


def render_letter(text: str, contact: Contact, theme: Theme, meta: PdfMeta) -> bytes:
    # A letter is one column whatever the CV template: only type and colour carry over.
    margin = max(theme.margin_right, 18 * mm)
    theme = replace(
        theme,
        margin_left=margin,
        margin_right=margin,
        margin_top=max(theme.margin_top, 20 * mm),
        header_align=TA_LEFT,
        line_ratio=max(theme.line_ratio, 1.45),
        body_size=max(theme.body_size, 10),
    )
    styles = make_styles(theme)
    story = blocks.header(CVDocument(contact=contact), styles, theme)
    story.append(Spacer(1, 6))
    story.append(blocks.Rule(theme.rule_colour, space_after=0))
    story.append(Spacer(1, styles.body.leading * 1.5))
    body = styles.body.clone("letter_body", spaceAfter=styles.body.leading * 0.8)
    story.extend(blocks.text_paragraphs(text, body))
    pdf, _ = build(
        story,
        single_column(theme, "letter"),
        theme,
        meta,
        footer_label=clean(contact.name),
    )
    return pdf
