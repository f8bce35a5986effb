"""Flowables shared by the templates: header, section headings, entries, bullets, photo."""

from __future__ import annotations

from io import BytesIO

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from ..document import Contact, CVDocument, Entry, Section
from .base import RenderError
from .markup import clean, display_url, escape, link, safe_url
from .theme import BULLET, Styles, Theme

# Entries with this many bullets or fewer are never split across pages.
_KEEP_WHOLE_BULLETS = 4


class Para(Paragraph):
    """A paragraph that keeps its line breaks for the width it was last wrapped at.

    reportlab wraps most paragraphs more than once at the same width (a KeepTogether
    measures its content, then the frame wraps each piece again; compact measures the
    whole story before it builds it), and breaking lines is the costliest step of layout.
    A paragraph's height depends only on the width, so the second answer is the first.
    (reportlab's split drops the line breaks of a paragraph it moves to the next page
    whole; then they are worked out again.)
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        wrapped = self._wrapped
        if wrapped is not None and wrapped[0] == avail_width and hasattr(self, "blPara"):
            return wrapped[1]
        size = super().wrap(avail_width, avail_height)
        self._wrapped = (avail_width, size)
        return size


class Rule(Flowable):
    """A thin horizontal line under a heading; travels with what follows it."""

    def __init__(self, colour: str, thickness: float = 0.6, space_after: float = 4) -> None:
        super().__init__()
        self.colour = HexColor(colour)
        self.thickness = thickness
        self.space_after = space_after
        self.keepWithNext = 1

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.thickness + self.space_after

    def draw(self) -> None:
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(self.thickness)
        y = self.space_after + self.thickness / 2
        self.canv.line(0, y, self.width, y)


class DatedRow(Flowable):
    """A paragraph with dates set flush right on its first line (title ... 2019 – 2022)."""

    def __init__(self, left: Paragraph, dates: str, date_style, gap: float = 10) -> None:
        super().__init__()
        self.left = left
        self.dates = dates
        self.date_style = date_style
        self.gap = gap
        self.keepWithNext = 1
        self._left_height = 0.0

    def _date_width(self) -> float:
        if not self.dates:
            return 0.0
        style = self.date_style
        return stringWidth(self.dates, style.fontName, style.fontSize) + self.gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        _, self._left_height = self.left.wrap(avail_width - self._date_width(), avail_height)
        self.height = self._left_height
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.left.split(avail_width - self._date_width(), avail_height)
        if len(parts) < 2:
            return []
        return [DatedRow(parts[0], self.dates, self.date_style, self.gap), *parts[1:]]

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's API)
        return self.left.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.left.getSpaceAfter()

    def draw(self) -> None:
        self.left.drawOn(self.canv, 0, 0)
        if self.dates:
            style = self.date_style
            # Share the first line's baseline (reportlab sets it fontSize below the top).
            baseline = self.height - self.left.style.fontSize
            self.canv.setFont(style.fontName, style.fontSize)
            self.canv.setFillColor(style.textColor)
            self.canv.drawRightString(self.width, baseline, self.dates)


class Photo(Flowable):
    """The candidate's photo, clipped to a circle or a rounded square, centred."""

    def __init__(
        self, data: bytes, size: float, *, circle: bool = True, ring: str | None = None
    ) -> None:
        super().__init__()
        try:
            self.image = ImageReader(BytesIO(data))
            self.image.getSize()
        except Exception as exc:  # reportlab raises assorted types for bad image data
            raise RenderError("The photo could not be read; upload it again.") from exc
        self.size = size
        self.circle = circle
        self.ring = ring

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.size

    def draw(self) -> None:
        canv = self.canv
        x = (self.width - self.size) / 2
        canv.saveState()
        path = canv.beginPath()
        if self.circle:
            path.circle(x + self.size / 2, self.size / 2, self.size / 2)
        else:
            path.roundRect(x, 0, self.size, self.size, self.size * 0.08)
        canv.clipPath(path, stroke=0, fill=0)
        canv.drawImage(self.image, x, 0, self.size, self.size, preserveAspectRatio=True)
        canv.restoreState()
        if self.ring:
            canv.setStrokeColor(HexColor(self.ring))
            canv.setLineWidth(1.5)
            if self.circle:
                canv.circle(x + self.size / 2, self.size / 2, self.size / 2, stroke=1, fill=0)
            else:
                canv.roundRect(x, 0, self.size, self.size, self.size * 0.08, stroke=1, fill=0)


class BesidePhoto(Flowable):
    """Header paragraphs on the left with the photo at the top right (classic with a photo)."""

    def __init__(self, flow: list[Flowable], photo: Photo, gap: float = 14) -> None:
        super().__init__()
        self.flow = flow
        self.photo = photo
        self.gap = gap
        self._sizes: list[tuple[float, float]] = []

    def _text_width(self, avail_width: float) -> float:
        return avail_width - self.photo.size - self.gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        width = self._text_width(avail_width)
        self._sizes = [f.wrap(width, avail_height) for f in self.flow]
        text = sum(h for _, h in self._sizes) + sum(f.getSpaceBefore() for f in self.flow[1:])
        self.height = max(text, self.photo.size)
        return avail_width, self.height

    def draw(self) -> None:
        y = self.height
        for number, (item, (_, h)) in enumerate(zip(self.flow, self._sizes, strict=True)):
            if number:
                y -= item.getSpaceBefore()
            y -= h
            item.drawOn(self.canv, 0, y)
        # Drawn after the text so extracted text starts with the name.
        self.photo.wrap(self.photo.size, self.photo.size)
        self.photo.drawOn(self.canv, self.width - self.photo.size, self.height - self.photo.size)


def contact_details(contact: Contact, link_colour: str | None = None) -> list[str]:
    """Markup for e-mail, phone and place, in that order; e-mail and phone are clickable."""
    parts = []
    if clean(contact.email):
        parts.append(link(contact.email, f"mailto:{clean(contact.email)}", link_colour))
    if clean(contact.phone):
        phone = clean(contact.phone)
        digits = "".join(c for c in phone if c.isdigit() or c == "+")
        parts.append(link(phone, f"tel:{digits}" if digits else None, link_colour))
    if clean(contact.location):
        parts.append(escape(contact.location))
    return [p for p in parts if p]


def contact_links(contact: Contact, link_colour: str | None = None) -> list[str]:
    """Markup for each profile link as "Label: url", clickable."""
    parts = []
    for item in contact.links:
        label, shown = clean(item.label), display_url(item.url)
        if label and safe_url(item.url) is None:
            shown = ""  # never print a javascript: or other junk address
        text = f"{label}: {shown}" if label and shown else label or shown
        if text:
            parts.append(link(text, item.url, link_colour))
    return parts


def contact_parts(contact: Contact, link_colour: str | None = None) -> list[str]:
    return contact_details(contact, link_colour) + contact_links(contact, link_colour)


def header(document: CVDocument, styles: Styles, theme: Theme, *, contact: bool = True) -> list:
    """Name, headline and (optionally) contact details, with profile links on their own line."""
    flow: list[Flowable] = []
    if clean(document.contact.name):
        flow.append(Para(escape(document.contact.name), styles.name))
    if clean(document.headline):
        flow.append(Para(escape(document.headline), styles.headline))
    if contact:
        separator = f'<font color="{theme.rule_colour}">  |  </font>'
        details = contact_details(document.contact, theme.accent_colour)
        links = contact_links(document.contact, theme.accent_colour)
        if details:
            flow.append(Para(separator.join(details), styles.contact))
        if links:
            style = styles.contact.clone("contact_links", spaceBefore=0) if details else None
            flow.append(Para(separator.join(links), style or styles.contact))
    return flow


def heading(text: str, styles: Styles, theme: Theme, *, rule: bool = True) -> list[Flowable]:
    """A section heading that never sits alone at a page foot."""
    style = styles.heading
    # Room for the heading and about four lines of what follows, or start a new page.
    needed = style.spaceBefore + style.leading + 4 * styles.body.leading + 6
    flow: list[Flowable] = [CondPageBreak(needed), Para(escape(text), style)]
    if rule:
        flow.append(Rule(theme.rule_colour, space_after=theme.heading_gap))
    else:
        flow.append(Spacer(1, theme.heading_gap))
        flow[-1].keepWithNext = 1  # type: ignore[attr-defined]
    return flow


def text_paragraphs(text: str, style) -> list[Flowable]:
    """Free text split into paragraphs at blank lines; single newlines stay line breaks."""
    blocks = [b for b in clean(text).split("\n\n") if b.strip()]
    return [Para(escape(b), style) for b in blocks]


def bullet(text: str, styles: Styles) -> Paragraph:
    return Para(escape(text), styles.bullet, bulletText=BULLET)


def entry(item: Entry, styles: Styles, width: float, *, one_line: bool = False) -> list[Flowable]:
    """A role/degree/project: title line with dates, organisation line, then bullets."""
    title, org, where = clean(item.title), clean(item.organisation), clean(item.location)
    dates = clean(item.dates).replace("\n", " ")
    if dates and stringWidth(dates, styles.dates.fontName, styles.dates.fontSize) > width * 0.4:
        # Dates too long to sit beside the title: give them their own place in the meta line.
        meta_parts, dates = [org, where, dates], ""
    else:
        meta_parts = [org, where]
    if not title:
        title, meta_parts[0] = meta_parts[0], ""
    meta = [p for p in meta_parts if p]

    flow: list[Flowable] = []
    if one_line:
        # Compact: "Title · Organisation · Place" in one bold-then-regular line.
        rest = "".join(f" · {escape(p)}" for p in meta)
        markup = f"<b>{escape(title)}</b>{rest}" if title else rest.lstrip(" ·")
        line = styles.entry_title.clone("entry_line", fontName=styles.body.fontName)
        flow.append(DatedRow(Para(markup, line), dates, styles.dates))
    else:
        if title or dates:
            flow.append(DatedRow(Para(escape(title), styles.entry_title), dates, styles.dates))
        if meta:
            flow.append(Para(escape(" · ".join(meta)), styles.entry_meta))
    bullets = [bullet(b, styles) for b in item.bullets if clean(b)]
    flow.extend(bullets)
    if not bullets and flow:
        flow[-1].keepWithNext = 0  # type: ignore[attr-defined]
    if len(bullets) <= _KEEP_WHOLE_BULLETS:
        return [KeepTogether(flow)]
    return flow


def items_paragraph(items: list[str], styles: Styles, theme: Theme) -> list[Flowable]:
    cleaned = [escape(i) for i in items if clean(i)]
    if not cleaned:
        return []
    separator = f'<font color="{theme.muted_colour}">{theme.item_separator}</font>'
    return [Para(separator.join(cleaned), styles.items)]


def section(
    part: Section, styles: Styles, theme: Theme, width: float, *, one_line: bool = False
) -> list[Flowable]:
    """A whole section: heading, then its text, entries and items in that order."""
    body: list[Flowable] = []
    if clean(part.text):
        body.extend(text_paragraphs(part.text, styles.body))
    for number, item in enumerate(part.entries):
        if number:
            body.append(Spacer(1, theme.entry_gap))
        body.extend(entry(item, styles, width, one_line=one_line))
    body.extend(items_paragraph(part.items, styles, theme))
    if not body and not clean(part.heading):
        return []
    flow: list[Flowable] = []
    if clean(part.heading):
        flow.extend(heading(part.heading, styles, theme))
        if body and isinstance(body[0], Paragraph) and body[0].style.name != "items":
            # Running text may split: the CondPageBreak already guarantees a few lines
            # under the heading, and tying a long paragraph to it would push the whole
            # section over and leave half a page empty.
            flow[-1].keepWithNext = 0  # type: ignore[attr-defined]
    return flow + body
