"""Classic: one column, centred serif name, serif headings over thin rules."""

from __future__ import annotations

from reportlab.platypus import Frame, PageTemplate

from ...document import CVDocument
from .. import blocks
from ..base import PdfMeta, TemplateInfo
from ..layout import PAGE_SIZE, build
from ..theme import Theme, make_styles

INFO = TemplateInfo(
    name="classic",
    title="Classic",
    description="One column, serif headings, generous margins: suits any role and any reader.",
    supports_photo=False,
)
THEME = Theme()


def page_templates(theme: Theme) -> list[PageTemplate]:
    width = PAGE_SIZE[0] - theme.margin_left - theme.margin_right
    height = PAGE_SIZE[1] - theme.margin_top - theme.margin_bottom
    frame = Frame(
        theme.margin_left,
        theme.margin_bottom,
        width,
        height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    return [PageTemplate(id="page", frames=[frame])]


def render(document: CVDocument, photo: bytes | None, meta: PdfMeta) -> bytes:
    theme = THEME
    styles = make_styles(theme)
    width = PAGE_SIZE[0] - theme.margin_left - theme.margin_right
    story = blocks.header(document, styles, theme)
    for part in document.sections:
        story.extend(blocks.section(part, styles, theme, width))
    pdf, _ = build(
        story,
        page_templates(theme),
        theme,
        meta,
        lang=document.language,
        footer_label=document.contact.name,
    )
    return pdf
