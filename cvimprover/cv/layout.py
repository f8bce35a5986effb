"""Rebuild reading order from a PDF's text boxes: columns, wrapped lines, headers, page numbers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from cvimprover.cv.dates import find_dates
from cvimprover.cv.normalise import TEX_LIGATURES

# A page band this close to the top or bottom edge (fraction of the page height) is where
# running headers, footers and page numbers live.
_MARGIN_BAND = 0.09
_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:(?:page|p[aá]gina|p[aá]g\.?|seite)\s*)?\d{1,3}(?:\s*(?:of|de|/|von)\s*\d{1,3})?[\W_]*$",
    re.IGNORECASE,
)
_BULLET_START = re.compile(r"^[•●▪■◦○◆◇►▸▹‣⁃∙·➢➤✓✔❖★☐□–—*-]\s")
_SENTENCE_END = re.compile(r"[.:;!?]$")
# A phone's digits, not a job's years ("2016 - 2019" beside a sidebar's phone is no header row).
_CONTACTISH = re.compile(
    r"@|https?://|www\.|(?<!\d)(?!(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b)\+?\d[\d ()./-]{7,}\d"
    r"|linkedin|github|\w\.(?:com|net|org|dev|io|es)\b",
    re.IGNORECASE,
)


@dataclass
class Segment:
    """One run of text on one line of a page, with its box in top-down page coordinates."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    bold: bool = False
    size: float = 0.0  # font size in points (0 when unknown)
    baseline: float = 0.0  # top-down y of the text's baseline
    typed: bool = False  # `size` is the font's own size, not the height of the glyphs drawn

    @property
    def height(self) -> float:
        return self.size or max(1.0, self.bottom - self.top)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    """A reconstructed line: its segments left to right, joined into text."""

    segments: list[Segment]
    page: int
    text: str = ""
    edge: float = 0.0  # the right edge of the column this line sits in
    apart: bool = False  # starts a block of its own: never the wrapped tail of the line before

    @property
    def x0(self) -> float:
        return min(s.x0 for s in self.segments)

    @property
    def x1(self) -> float:
        return max(s.x1 for s in self.segments)

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)

    @property
    def height(self) -> float:
        return max(s.height for s in self.segments)

    @property
    def bold(self) -> bool:
        return all(s.bold for s in self.segments)

    @property
    def baseline(self) -> float:
        return self.segments[0].baseline or self.bottom


@dataclass
class Page:
    width: float
    height: float
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Layout:
    """The text in reading order, and the lines left out on purpose with the reason why."""

    text: str
    dropped: list[tuple[str, str]] = field(default_factory=list)


# Hosts whose links are a person's profile wherever they sit on the page.
PROFILE_HOSTS = re.compile(
    r"(?:^|[/.@])(?:linkedin\.com|github\.com|gitlab\.com|twitter\.com|x\.com|behance\.net|"
    r"dribbble\.com|orcid\.org|stackoverflow\.com|medium\.com|kaggle\.com|scholar\.google)",
    re.IGNORECASE,
)


def _bare(uri: str) -> str:
    uri = re.sub(r"^[a-z]+:(?://)?", "", uri.strip().lower())
    return uri.removeprefix("www.").rstrip("/")


def _names_link(label: str, uri: str, is_link_label) -> bool:
    """Whether the text a link is drawn over shows the link itself: a label ("GitHub"), the
    address, or the handle at its end ("@jdoe", "jdoe")."""
    if is_link_label(label):
        return True
    shown = re.sub(r"[\s@/]", "", label.lower())
    handle = re.sub(r"[\s@/]", "", _bare(uri).rsplit("/", 1)[-1])
    return bool(shown) and (shown in re.sub(r"[\s/]", "", _bare(uri)) or handle in shown)


def page_links(
    pdf: object, page: object, index: int, height: float, visible: str = "",
    textpage: object = None,
) -> list[str]:  # fmt: skip
    """Link targets of a page that belong to the contact block: mailto:/tel:, profile sites,
    bare domains printed on the page, links drawn over a label that names a kind of link
    ("My website", "Portfolio"), and any link in the same row of icons as those (icon-only
    links in designer templates carry their address only here)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    from cvimprover.cv.header import is_link_label

    found: list[tuple[str, float, bool]] = []  # (uri, top of its box, known to be contact)
    position = ctypes.c_int(0)
    link = pdfium_c.FPDF_LINK()
    while pdfium_c.FPDFLink_Enumerate(page, ctypes.byref(position), ctypes.byref(link)):
        action = pdfium_c.FPDFLink_GetAction(link)
        if not action or pdfium_c.FPDFAction_GetType(action) != pdfium_c.PDFACTION_URI:
            continue
        size = pdfium_c.FPDFAction_GetURIPath(pdf, action, None, 0)
        if not 0 < size < 2048:
            continue
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDFAction_GetURIPath(pdf, action, buffer, size)
        uri = buffer.value.decode("utf-8", "replace").strip()
        rect = pdfium_c.FS_RECTF()
        pdfium_c.FPDFLink_GetAnnotRect(link, ctypes.byref(rect))
        # Tracking parameters are not part of the address; a doubled scheme is a typo.
        uri = re.sub(r"^(?:https?://)+(?=https?://)", "", uri.split("?", 1)[0].split("#", 1)[0])
        if not uri or re.search(r"\.pdf$|maps|wa\.me", uri, re.IGNORECASE):
            continue
        # A bare domain printed on the page (a personal site), not a paper or a repository.
        shown = "/" not in _bare(uri) and _bare(uri) in visible.lower()
        contact = bool(PROFILE_HOSTS.search(uri) or shown or uri.lower().startswith("mailto:"))
        label = ""
        if textpage is not None:
            label = " ".join(
                textpage.get_text_bounded(rect.left, rect.bottom, rect.right, rect.top).split()
            )
        if not contact and label:
            contact = is_link_label(label)
        elif contact and index > 0 and label and not _names_link(label, uri, is_link_label):
            # After the first page a profile link drawn over body text ("Carreto, C." in a
            # list of papers) is a co-author's or a project's, not the person's.
            contact = False
        found.append((uri, rect.top, contact))
        if len(found) >= 40:
            break
    rows = [top for _, top, contact in found if contact]
    out: list[str] = []
    for uri, top, contact in found:
        in_row = sum(1 for other in rows if abs(other - top) < 6) >= 2
        if (contact or in_row) and uri not in out:
            out.append(uri)
    return out[:12]


def _same_row(a: Segment | Line, b: Segment | Line) -> bool:
    if a.baseline and b.baseline:
        return abs(a.baseline - b.baseline) < 0.35 * min(a.height, b.height)
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.height, b.height)


def _build_lines(segments: list[Segment], page: int, edge: float | None = None) -> list[Line]:
    """Group segments sharing a row into lines, top to bottom, each sorted left to right."""
    if not segments:
        return []
    if edge is None:
        edge = max(s.x1 for s in segments)
    lines: list[Line] = []
    for segment in sorted(segments, key=lambda s: (s.baseline or s.middle, s.x0)):
        for line in reversed(lines[-3:]):
            if _same_row(line, segment):
                line.segments.append(segment)
                break
        else:
            lines.append(Line([segment], page, edge=edge))
    for line in lines:
        line.segments.sort(key=lambda s: s.x0)
        parts = [line.segments[0].text]
        size = line.height
        pairs = list(zip(line.segments, line.segments[1:], strict=False))
        gaps = [after.x0 - before.x1 for before, after in pairs]
        # Justified text stretches every space alike: evenly wide gaps are word spaces.
        justified = len(gaps) >= 3 and max(gaps) < 2 * max(0.1, min(gaps))
        for before, after in pairs:
            gap = after.x0 - before.x1
            # A wide gap separates fields (a title and its right-aligned dates): keep it
            # visible. A bullet or icon glyph is followed by its text, never a field break.
            is_marker = len(before.text) <= 1 or not any(ch.isalnum() for ch in before.text)
            # Runs in different type with more than a word space between them are fields
            # too (small grey dates, then the employer in bold).
            # Runs drawn over each other are fields that collide (dates pushed into a title).
            field = gap > 1.0 * size and not justified or gap < -0.3 * size
            field = field or (
                gap > 0.3 * min(before.height, after.height)
                and before.typed
                and after.typed
                and abs(before.baseline - after.baseline) < 0.15 * size
                and _type_change(before.height, after.height)
                and any(ch.isalnum() for ch in after.text)
            )
            parts.append(" | " if field and not is_marker else " ")
            parts.append(after.text)
        line.text = "".join(parts).strip()
    return lines


def _is_dateish(text: str) -> bool:
    return find_dates(text) is not None and len(text) < 40


def _find_gutter(segments: list[Segment], width: float, height: float = 0.0) -> float | None:
    """The x of a vertical gap that splits the page into two columns of running text.
    Contact details in the header band (`height` given) are read as the header whatever
    gutter they cross, so they do not count against one: a block of details printed over
    the gutter must not push it into the right column, past that column's own heading."""
    if len(segments) < 8:
        return None
    edges = sorted({round(s.x1 + 2) for s in segments} | {round(s.x0 - 2) for s in segments})
    header = [s for s in segments if height and s.top < 0.35 * height and _contact_field(s.text)]
    best: tuple[tuple[int, int], float] | None = None
    for x in edges:
        if not 0.18 * width < x < 0.82 * width:
            continue
        left = [s for s in segments if s.x1 <= x]
        right = [s for s in segments if s.x0 >= x]
        crossing = len(segments) - len(left) - len(right)
        if crossing > 0.25 * len(segments) or min(_worded(left), _worded(right)) < 3:
            continue  # a column of bullet glyphs beside their text is no column of text
        score = (crossing - sum(1 for s in header if s.x0 < x < s.x1), crossing)
        if best is None or score < best[0]:
            best = (score, x)
    if best is None:
        return None
    x = best[1]
    left = [s for s in segments if s.x1 <= x]
    right = [s for s in segments if s.x0 >= x]
    if _word_gaps_across(segments, x) > 0.3:
        return None
    # Rows where a short field (dates, a place) sits beside a title are one table of rows,
    # not two columns: reading them column by column would part each role from its dates.
    for side, other in ((right, left), (left, right)):
        aligned = [s for s in side if any(_same_row(s, o) for o in other)]
        dated = [s for s in aligned if _is_dateish(s.text)]
        fields = [s for s in aligned if _is_dateish(s.text) or _PLACE_FIELD.match(s.text)]
        if len(aligned) >= 0.6 * len(side) and (
            len(dated) >= 0.4 * len(side) or len(fields) >= 0.6 * len(side)
        ):
            return None
    # Two columns need some height of running text each, side by side.
    if _span(left) < 0.2 * _span(segments) or _span(right) < 0.2 * _span(segments):
        return None
    return x


def _worded(segments: list[Segment]) -> int:
    return sum(1 for s in segments if any(ch.isalnum() for ch in s.text))


def _word_gaps_across(segments: list[Segment], x: float) -> float:
    """The share of rows printed on both sides of a candidate gutter at `x` that run across
    it: a run crossing it, or the two sides only a word space apart. Justified text drawn
    word by word (Word's PDFs) leaves vertical "rivers" of spaces that look like a gutter;
    a real gutter is wider than a word space and few rows cross it. Rows above the top of
    either column (a name banner over both) are the header, not evidence either way."""
    tops = [s.top for s in segments if s.x1 <= x], [s.top for s in segments if s.x0 >= x]
    start = max(min(side) for side in tops) if all(tops) else 0.0
    rows: list[list[Segment]] = []
    inside = [s for s in segments if s.bottom >= start]
    for segment in sorted(inside, key=lambda s: (s.baseline or s.middle, s.x0)):
        row = next((r for r in rows[-3:] if _same_row(r[0], segment)), None)
        if row is None:
            rows.append([segment])
        else:
            row.append(segment)
    both = across = 0
    for row in rows:
        left = [s for s in row if s.x0 < x]
        right = [s for s in row if s.x1 > x]
        if not left or not right:
            continue
        both += 1
        if any(s.x0 < x < s.x1 for s in row):
            across += 1
            continue
        last = max(left, key=lambda s: s.x1)
        first = min(right, key=lambda s: s.x0)
        across += first.x0 - last.x1 < 0.6 * min(last.height, first.height)
    return across / both if both else 0.0


def _span(segments: list[Segment]) -> float:
    return max(s.bottom for s in segments) - min(s.top for s in segments)


_PLACE_FIELD = re.compile(r"^[^\W\d_][\w .'’-]{1,30}, [^\W\d_][\w .'’-]{1,30}$")


def _contact_field(text: str) -> bool:
    """A short contact detail: an e-mail, phone, link or "City, Region"."""
    return len(text) <= 45 and bool(_CONTACTISH.search(text) or _PLACE_FIELD.match(text))


def _reading_order(page: Page, index: int, template: list[float] | None = None) -> list[Line]:
    """Lines of one page in reading order: blocks parted by a wide blank band top to bottom,
    and in each block its full-width bands and each column top to bottom."""
    return [
        line
        for block in _blocks(page.segments)
        for line in _block_order(page, block, index, template)
    ]


def _blocks(segments: list[Segment]) -> list[list[Segment]]:
    """The page cut where a blank band crosses its whole width, several lines high: a grid
    of portfolio tiles under two columns is read after both columns, not inside one."""
    if len(segments) < 2:
        return [segments]
    heights = sorted(s.height for s in segments)
    line = heights[len(heights) // 2]
    blocks: list[list[Segment]] = []
    bottom = None
    for segment in sorted(segments, key=lambda s: s.top):
        if bottom is None or segment.top - bottom > 4 * line:
            blocks.append([])
        blocks[-1].append(segment)
        bottom = segment.bottom if bottom is None else max(bottom, segment.bottom)
    return blocks


def _block_order(
    page: Page, segments: list[Segment], index: int, template: list[float] | None = None
) -> list[Line]:
    """One block's lines in reading order; `template` gathers the gutters of the margins of
    headings found so far in the document, and trusts a margin at one of them."""
    if template is None:
        template = []
    # A line reaches the page's text edge, not its block's: a short block (an address in
    # the header) must not look like text wrapped at its own right end.
    page_edge = max((s.x1 for s in page.segments), default=0.0)
    gutter = _find_gutter(segments, page.width, page.height)
    if gutter is None:
        hanging = _hanging_headings(page, segments, index, page_edge, template)
        return hanging if hanging is not None else _build_lines(segments, index, page_edge)
    ordered: list[Line] = []
    band: list[Segment] = []

    left_edge = max(s.x1 for s in segments if s.x1 <= gutter)
    right_edge = page_edge
    margin = _build_lines([s for s in segments if s.x1 <= gutter], index, left_edge)
    body = _build_lines([s for s in segments if s.x1 > gutter], index, right_edge)
    # A running footer or header starts at the left edge, under or over the headings.
    furniture = [line for line in margin if _furniture(line, body, page.height)]
    # The template remembers where the body starts beside a margin of headings.
    body_x = min(s.x0 for s in segments if s.x1 > gutter)
    trusted = any(abs(body_x - other) < 3 for other in template)
    if _heading_margin([line for line in margin if line not in furniture], body, trusted):
        template.append(body_x)
        return _beside_their_rows(margin, body)

    def flush() -> None:
        if band:
            ordered.extend(_build_lines([s for s in band if s.x1 <= gutter], index, left_edge))
            ordered.extend(_build_lines([s for s in band if s.x1 > gutter], index, right_edge))
            band.clear()

    # A row of contact details spanning both sides ("mail@x.com ..... San Francisco, CA")
    # belongs to the header above the columns, like a line crossing the gutter.
    contact_rows = [
        s for s in segments if _CONTACTISH.search(s.text) and s.top < 0.35 * page.height
    ]
    # Where one column starts lower (a sidebar under the name's row), the lines of the other
    # above it near the top of the page (the name, a headline "Project Manager, Toronto,
    # ON") are the header over both columns, read first. Contact rows are header rows only
    # up to there: an employer's site in a job beside the sidebar's e-mail is no header.
    tops = [s.top for s in segments if s.x1 <= gutter], [s.top for s in segments if s.x0 >= gutter]
    start = max(min(side) for side in tops) if all(tops) else 0.0
    line = sorted(s.height for s in segments)[len(segments) // 2]
    contact_rows = [s for s in contact_rows if s.top <= start + 1.5 * line]
    header = [s for s in segments if s.bottom <= start and s.top < 0.2 * page.height]
    # Only a name banner: a few rows, the page's largest type among them (not the first
    # sections of a main column that starts higher than a sidebar under a photo).
    if (
        len(_build_lines(header, index)) > 4
        or not header
        or (max(s.height for s in header) < max(s.height for s in segments))
    ):
        header = []
    wide: list[Segment] = []
    for segment in sorted(segments, key=lambda s: (s.top, s.x0)):
        crossing = segment.x0 < gutter < segment.x1 or segment in header
        in_contact_row = (
            any(
                _same_row(segment, other) and (other.x1 <= gutter) != (segment.x1 <= gutter)
                for other in contact_rows
            )
            and _contact_field(segment.text)
            and segment.top <= start + 1.5 * line
        )
        in_contact_row = in_contact_row or (
            segment in contact_rows
            and any(
                _same_row(segment, other)
                and (other.x1 <= gutter) != (segment.x1 <= gutter)
                and _contact_field(other.text)
                for other in segments
            )
        )
        if crossing or in_contact_row:
            flush()
            wide.append(segment)
        else:
            if wide:
                ordered.extend(_build_lines(wide, index, right_edge))
                wide.clear()
            band.append(segment)
    if wide:
        ordered.extend(_build_lines(wide, index, right_edge))
    flush()
    return ordered


def _hanging_headings(
    page: Page,
    segments: list[Segment],
    index: int,
    page_edge: float,
    template: list[float] | None = None,
) -> list[Line] | None:
    """A page with one or two headings in the left margin, too few to make a column: each
    heading read before its row, not glued to the row's text ("Publications | S. Dicks").
    Where another page has a margin of headings at this place (`template`), the headings
    need not be words we know ("Service, Professional and Community")."""
    from cvimprover.cv.parse import heading_kind  # parse reads layout's link hosts

    if not segments:
        return None
    body_left = _body_left(segments)
    if body_left is None:
        return None
    hanging = [s for s in segments if s.x1 < body_left - 1]
    if not hanging:
        return None
    rest = [s for s in segments if s.x1 >= body_left - 1]
    body = _build_lines(rest, index, page_edge)
    margin = _build_lines(hanging, index, max(s.x1 for s in hanging))
    headings = [line for line in margin if not _furniture(line, body, page.height)]
    blocks = [" ".join(line.text for line in block) for block in _blocks_of_lines(headings)]
    if not blocks or len(blocks) > 0.3 * len(body):
        return None
    trusted = any(abs(body_left - other) < 3 for other in template or [])
    if not all(
        len(text) <= 40 and (heading_kind(text) or trusted and not re.search(r"[\d@]", text))
        for text in blocks
    ):
        return None
    if template is not None:
        template.append(body_left)
    return _beside_their_rows(margin, body)


def _body_left(segments: list[Segment]) -> float | None:
    """The leftmost edge a good share of the page's rows start at, give or take a couple of
    points (one template starts its lines at 167.3 and 167.6): the body's edge, or the edge
    of a column of dates printed before the body ("2016 - 2020 | Outright Vermont").
    Rows, not runs: a column of dates beside the rows is no competing edge."""
    rows: list[list[Segment]] = []
    for segment in sorted(segments, key=lambda s: (s.baseline or s.middle, s.x0)):
        row = next((r for r in rows[-3:] if _same_row(r[0], segment)), None)
        if row is None:
            rows.append([segment])
        else:
            row.append(segment)
    starts = sorted(min(s.x0 for s in row) for row in rows)
    for x in starts:
        if sum(1 for other in starts if x - 0.5 <= other <= x + 2.5) >= max(2, len(starts) / 4):
            return x
    return None


def _blocks_of_lines(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped into blocks: a heading wrapped over two lines ("RESEARCH" /
    "EXPERIENCE") is one block; a line in other type under it ("positions" in smaller
    grey under "professional experience") is a sub-heading of its own."""
    blocks: list[list[Line]] = []
    for line in lines:
        last = blocks[-1][-1] if blocks else None
        if (
            last is not None
            and line.top - last.bottom < 0.8 * line.height
            and abs(line.height - last.height) <= 0.05 * last.height
        ):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _heading_margin(margin: list[Line], body: list[Line], trusted: bool = False) -> bool:
    """Whether the left column holds only the section headings, each printed beside the
    first row of its section (academic and classic templates): not a column of its own.
    `trusted`: another page of the document has such a margin at the same place, so the
    headings need not be words we know ("general audience")."""
    from cvimprover.cv.parse import heading_kind  # parse reads layout's link hosts

    grouped = _blocks_of_lines(margin)
    blocks = [" ".join(line.text for line in block) for block in grouped]
    if len(blocks) < 2 or len(blocks) > 0.3 * len(body):
        return False
    if any(len(text) > 50 or len(text.split()) > 6 or re.search(r"[\d@]", text) for text in blocks):
        return False
    known = sum(1 for text in blocks if heading_kind(text))
    if known >= 0.6 * len(blocks) and all(len(text.split()) <= 4 for text in blocks):
        return True

    # Headings of the template's own words ("selected consultancies"): a known one among
    # them, and each far from the next, with two rows of its section or more from its own
    # row to the next heading's; a sidebar's lines follow one another closely.
    def rows(above: Line, below: Line) -> int:
        start, end = above.baseline - 0.5 * above.height, below.baseline - 0.5 * below.height
        return sum(1 for line in body if start <= line.baseline < end)

    return (known >= 1 or trusted) and all(
        rows(above[0], below[0]) >= 2 for above, below in zip(grouped, grouped[1:], strict=False)
    )


def _furniture(line: Line, body: list[Line], height: float) -> bool:
    """In the page's top or bottom band, beyond every line of the body outside that band
    (a footer's other fields, "Page 1 of 6", sit in the band beside it), and not a heading
    whose section starts on the next page."""
    from cvimprover.cv.parse import heading_kind  # parse reads layout's link hosts

    if heading_kind(line.text):
        return False
    low, high = _MARGIN_BAND * height, (1 - _MARGIN_BAND) * height
    if line.bottom > high:
        return all(other.bottom < line.top for other in body if other.bottom <= high)
    if line.top < low:
        return all(other.top > line.bottom for other in body if other.top >= low)
    return False


def _beside_their_rows(margin: list[Line], body: list[Line]) -> list[Line]:
    """The body's lines top to bottom, each margin heading placed before the first body
    line of its row (or below it)."""
    ordered: list[Line] = []
    # A heading wrapped over lines ("professional" / "experience") is read as one line.
    pending = [[_one_line(block)] for block in _blocks_of_lines(margin)]
    for line in body:
        while pending and line.baseline >= pending[0][0].baseline - 0.5 * pending[0][0].height:
            ordered.extend(pending.pop(0))
            line.apart = True
        ordered.append(line)
    for block in pending:
        ordered.extend(block)
    return ordered


def _one_line(block: list[Line]) -> Line:
    line = Line([s for line in block for s in line.segments], block[0].page, edge=block[0].edge)
    line.text = " ".join(line.text for line in block)
    line.apart = True
    return line


def _margin_key(line: Line, height: float) -> tuple[str, int, str]:
    # Furniture sits at the same place on every page; its page number changes.
    band = "top" if line.top < height / 2 else "bottom"
    place = round((line.top if band == "top" else height - line.bottom) / 6)
    text = re.sub(r"[\d\s|·•/-]+", " ", line.text.lower()).strip()
    return band, place, re.sub(r"\b(?:page|p[aá]gina|p[aá]g)\b", "", text).strip()


def _drop_page_furniture(
    pages: list[list[Line]], sizes: list[tuple[float, float]]
) -> tuple[list[list[Line]], list[tuple[str, str]]]:
    """Remove page numbers and lines repeated in the top or bottom band of several pages."""
    dropped: list[tuple[str, str]] = []
    counts: dict[tuple[str, int, str], int] = {}
    for lines, (_, height) in zip(pages, sizes, strict=True):
        seen = set()
        for line in lines:
            if _in_margin(line, height, lines):
                seen.add(_margin_key(line, height))
        for key in seen:
            counts[key] = counts.get(key, 0) + 1
    kept_pages: list[list[Line]] = []
    for number, (lines, (_, height)) in enumerate(zip(pages, sizes, strict=True)):
        kept: list[Line] = []
        for line in lines:
            in_margin = _in_margin(line, height, lines)
            if _PAGE_NUMBER.match(line.text) and (in_margin or line is lines[-1]):
                dropped.append((line.text, "page number"))
                continue
            key = _margin_key(line, height)
            repeated = len(pages) > 1 and bool(key[2]) and counts.get(key, 0) > 1
            if in_margin and repeated and number == 0 and _CONTACTISH.search(line.text):
                # Contact details in a running footer: keep them once, with the contact block.
                line.page = -1
            elif in_margin and repeated and (number > 0 or line.top > height / 2):
                # The first page's header is usually the real contact block: keep it there.
                dropped.append((line.text, "repeated on every page (running header or footer)"))
                continue
            kept.append(line)
        kept_pages.append(kept)
    return kept_pages, dropped


def _in_margin(line: Line, height: float, lines: list[Line] | None = None) -> bool:
    """In the top or bottom band, and (when `lines` is given) among the page's outermost
    two lines at that edge: furniture is never below a line of content in the top band."""
    top = line.top < _MARGIN_BAND * height
    bottom = line.bottom > (1 - _MARGIN_BAND) * height
    if not (top or bottom):
        return False
    if lines is None:
        return True
    if top:
        return sum(1 for other in lines if other.top < line.top - 1) < 2
    return sum(1 for other in lines if other.bottom > line.bottom + 1) < 2


def _is_marker(line: Line) -> bool:
    """Whether the line opens with a bullet glyph drawn as its own run."""
    first = line.segments[0].text
    return len(line.segments) == 2 and (len(first) <= 1 or not any(c.isalnum() for c in first))


def _continues(previous: Line, line: Line) -> bool:
    """Whether `line` is the wrapped tail of `previous` (same block, same style)."""
    if line.apart or previous.page != line.page or previous.bold != line.bold:
        return False
    if abs(previous.height - line.height) > 0.15 * previous.height:
        return False
    step = line.baseline - previous.baseline
    if not 0.8 * previous.height <= step <= 1.75 * previous.height:
        return False
    text, prev_text = line.text, previous.segments[-1].text
    if not text or _BULLET_START.match(text) or " | " in text:
        return False
    # The tail starts under the line's text: its start, or a field after a dates column.
    # A tail continues the line's last run: same size, starting under that run's text.
    last = previous.segments[-1]
    if abs(last.height - line.segments[0].height) > 0.15 * last.height:
        return False
    start = previous.x0 if len(previous.segments) == 1 or _is_marker(previous) else last.x0
    if not start - 2 <= line.x0 <= start + 3 * previous.height:
        return False
    if _BULLET_START.match(prev_text) and line.x0 < previous.x0 + 0.3 * previous.height:
        return False  # a bullet's tail hangs under its text, not under the bullet glyph
    if prev_text.endswith(":") or _SENTENCE_END.search(prev_text) and not text[:1].islower():
        return False
    if _CONTACTISH.search(text) or _CONTACTISH.search(prev_text):
        return False
    # A short line ended where its author ended it.
    filled = (previous.x1 - previous.x0) / max(1.0, previous.edge - previous.x0)
    if text[:1].islower():
        return filled > 0.4
    if filled < 0.6:
        return False
    # Only wrap when the next line's first word would not have fitted on the previous line.
    first_word = text.split(" ", 1)[0]
    char_width = (last.x1 - last.x0) / max(1, len(prev_text))
    room = previous.edge - previous.x1
    if room > (len(first_word) + 1) * char_width:
        return False
    # A line holding a date range is a role's header, not running text.
    return not (find_dates(prev_text) and not _BULLET_START.match(prev_text))


_HYPHEN_BEFORE_FIELD = re.compile(r"^(?P<head>.*\w)[\ufffe\x02] \| (?P<field>[^|]+)$")


def _join_wrapped(lines: list[Line]) -> list[str]:
    """Join wrapped bullet and paragraph lines; blank lines between blocks stay."""
    if not lines:
        return []
    out: list[str] = []
    previous: Line | None = None
    for line in lines:
        split = _HYPHEN_BEFORE_FIELD.match(out[-1]) if out and previous is not None else None
        if split and line.text[:1].isalnum() and line.top - previous.bottom < line.height:
            # "the making of Wine- | 2017" over "O.AI, SciPy": a word broken at the end of a
            # title whose dates sit beside it runs on in the next line, before the dates.
            out[-1] = split.group("head") + line.text + " | " + split.group("field")
            previous = line
            continue
        if previous is not None and _continues(previous, line):
            joined = out[-1]
            pdfium_hyphen = joined.endswith(("\ufffe", "\x02"))
            if pdfium_hyphen or re.search(r"[a-záéíóúñü]-$", joined) and line.text[:1].islower():
                out[-1] = joined[:-1] + line.text
            elif joined.endswith("-"):
                out[-1] = joined + line.text
            else:
                out[-1] = joined + " " + line.text
            previous = line
            continue
        if previous is not None and line.baseline - previous.baseline > 2.0 * previous.height:
            out.append("")  # a visible gap ends a block
        out.append(line.text)
        previous = line
    return out


_ICON_FONT = re.compile(
    rb"awesome|fontawesome|academicons|marvosym|wingding|dingbat|symbol|icon|ifsym|bbding",
    re.IGNORECASE,
)


def _drop_icons(textpage: object, chars: list[str], indices: list[int], name: object) -> None:
    """Blank one-character "words" drawn in an icon font (LaTeX and designer templates map
    their envelope, phone and brand glyphs onto letters such as "F" or "(")."""
    import pypdfium2.raw as pdfium_c

    for position, index in enumerate(indices):
        if index < 0:
            continue
        before = position == 0 or indices[position - 1] < 0
        after = position + 1 == len(indices) or indices[position + 1] < 0
        if not (before and after) or chars[position].isdigit():
            continue
        length = pdfium_c.FPDFText_GetFontInfo(textpage, index, name, 64, None)
        font = bytes(name[: max(0, length - 1)])  # type: ignore[index]
        if _ICON_FONT.search(font):
            # Inside a run an icon starts a new field ("NAME (icon) City"); at its start, nothing.
            chars[position] = "|" if any(c.strip() for c in chars[:position]) else ""


# Spacing accents as TeX fonts without a character map report them, and the combining
# mark each stands for.
_SPACING_ACCENTS = {
    "\u00b4": "\u0301",  # ´
    "`": "\u0300",
    "\u00a8": "\u0308",  # ¨
    "\u02dc": "\u0303",  # ˜
    "~": "\u0303",
    "\u02c6": "\u0302",  # ˆ
    "^": "\u0302",
    "\u02c7": "\u030c",  # ˇ
    "\u00b8": "\u0327",  # ¸
    "\u02da": "\u030a",  # ˚
}


def _place_accents(
    textpage: object,
    chars: list[str],
    indices: list[int],
    accents: list[tuple[str, float, float, float]],
) -> None:
    """Put each spacing accent on the letter it is drawn over ("ı" + "´" -> "í"); an accent
    with no letter under it is a character of its own ("example.com/~jane"), put back where
    it is printed."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    places: list[tuple[float, float, float, float] | None] = []  # each char's box
    for index in indices:
        if index >= 0:
            pdfium_c.FPDFText_GetCharBox(
                textpage, index, ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom),
                ctypes.byref(top),
            )  # fmt: skip
        places.append((left.value, right.value, bottom.value, top.value) if index >= 0 else None)
    boxes = {p: box for p, box in enumerate(places) if box and chars[p].isalpha()}
    loose: list[tuple[str, float, float]] = []
    for accent, x0, x1, low in accents:
        centre = (x0 + x1) / 2
        mark = _SPACING_ACCENTS[accent]
        if accent == "\u00b8":  # a cedilla hangs below its letter
            under = [p for p, (x0, x1, _, _) in boxes.items() if x0 <= centre <= x1]
        else:
            under = [p for p, (x0, x1, y0, y1) in boxes.items() if x0 <= centre <= x1 and low > y0]
        composed = ""
        if under:
            position = under[0]
            base = {"ı": "i", "ȷ": "j"}.get(chars[position], chars[position])
            composed = unicodedata.normalize("NFC", base + mark)
        if len(composed) == 1:
            chars[position] = composed
        else:
            loose.append((accent, x0, x1))
    for accent, x0, x1 in loose:
        _put_back(chars, indices, places, (accent, x0, x1))


def _put_back(
    chars: list[str],
    indices: list[int],
    places: list[tuple[float, float, float, float] | None],
    accent: tuple[str, float, float],
) -> None:
    """Insert a printed accent character between the run's characters where it is drawn,
    taking the place of the word space its empty slot made the reader invent. One drawn
    outside the run (its letter lost elsewhere) is kept at the end of the run."""
    mark, x0, x1 = accent
    after = next((p for p, box in enumerate(places) if box and box[0] >= x1 - 0.5), None)
    before = next((p for p in range(after - 1, -1, -1) if places[p]), None) if after else None
    if after is None or before is None:
        chars.append(mark)
        indices.append(-1)
        places.append(None)
        return
    start = after
    if all(chars[p] == " " for p in range(before + 1, after)):
        left_box, right_box = places[before], places[after]
        # Without the accent's width, the gap is too narrow for the word space it made.
        rest = right_box[0] - left_box[1] - (x1 - x0)  # type: ignore[index]
        tall = max(box[3] - box[2] for box in (left_box, right_box))  # type: ignore[index]
        if rest < 0.5 * max(tall, 1.0):
            start = before + 1
    chars[start:after] = [mark]
    indices[start:after] = [-1]
    places[start:after] = [(x0, x1, 0.0, 0.0)]


def _font_name(textpage: object, index: int, buffer: object) -> bytes:
    import pypdfium2.raw as pdfium_c

    length = pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, 64, None)
    # A subset font's name starts with six capitals and "+": the same font in any subset.
    raw = bytes(buffer[: max(0, length - 1)])  # type: ignore[index]
    return raw.partition(b"+")[2] or raw


def _font_turn(
    textpage: object, chars: list[str], indices: list[int], char: str, index: int, buffer: object
) -> bool:
    """Whether a word ends between the last letter read and `char` though no space is
    drawn: a lower-case letter, then a capital in another font. Name banners print the
    first name light and the surname bold with nothing between them ("BeatrizHernández"
    set as "Beatriz" + "Hernández"); one word in one font ("iPhone") is never cut."""
    import pypdfium2.raw as pdfium_c

    if not (chars and indices[-1] >= 0 and chars[-1].islower() and char.isupper()):
        return False
    before, size = indices[-1], pdfium_c.FPDFText_GetFontSize(textpage, index)
    if abs(pdfium_c.FPDFText_GetFontSize(textpage, before) - size) > 0.1 * size:
        return False  # a superscript ("2ºA"): a smaller letter of the same word
    return _font_name(textpage, before, buffer) != _font_name(textpage, index, buffer)


def page_segments(textpage: object, width: float, height: float) -> list[Segment]:
    """Runs of characters sharing a line with no wide gap, from one PDFium text page.

    Characters are read one by one (their boxes, in content order): text-run rectangles
    are cheaper but browsers and designer tools emit a run per glyph, which splits words."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()  # type: ignore[attr-defined]
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)  # type: ignore[attr-defined]
    if len(text) != count:
        # Characters outside the BMP (icon fonts) make the UTF-16 text longer: read one by one.
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i) or 32) for i in range(count))
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    get_box = pdfium_c.FPDFText_GetCharBox
    name = ctypes.create_string_buffer(64)
    segments: list[Segment] = []
    chars: list[str] = []
    indices: list[int] = []  # the PDF character index of each entry of `chars` (-1: a space)
    first = -1
    box = [0.0, 0.0, 0.0, 0.0]  # x0, y_low, x1, y_high of the current run (PDF coordinates)
    space = after_accent = False
    tracking = 0.0  # the usual gap between letters of the current run

    accents: list[tuple[str, float, float, float]] = []  # spacing accent, x0, x1, bottom
    flat: list[Segment] = []  # runs of punctuation alone, sized by their glyphs

    def flush() -> None:
        nonlocal chars, indices, first, accents
        if accents:
            _place_accents(textpage, chars, indices, accents)
            accents = []
        _drop_icons(textpage, chars, indices, name)
        run = "".join(chars).strip()
        if run:
            weight = pdfium_c.FPDFText_GetFontWeight(textpage, first)
            if weight < 600:
                # Standard fonts report no weight: the font's name says "Bold".
                length = pdfium_c.FPDFText_GetFontInfo(textpage, first, name, 64, None)
                weight = 700 if b"bold" in bytes(name[: max(0, length - 1)]).lower() else weight
            size = pdfium_c.FPDFText_GetFontSize(textpage, first)
            pdfium_c.FPDFText_GetCharOrigin(textpage, first, refs[0], refs[2])
            segment = Segment(box[0], height - box[3], box[2], height - box[1], run, weight >= 600)
            # Font sizes scaled by a text matrix are reported unscaled: trust the glyphs then.
            glyphs = box[3] - box[1]
            segment.typed = 0.5 * glyphs <= size <= 3 * glyphs
            segment.size = size if segment.typed else glyphs
            segment.baseline = height - bottom.value
            segments.append(segment)
            if not any(ch.isalnum() for ch in run) and segment.size == glyphs:
                segment.size = size  # checked against the page's usual size below
                flat.append(segment)
        chars, indices, first = [], [], -1

    for index in range(count):
        char = text[index]
        if char in "\r\n":
            flush()
            space = False
            continue
        if char in TEX_LIGATURES and (
            index and text[index - 1].isalpha() or index + 1 < count and text[index + 1].isalpha()
        ):
            pass  # a ligature code inside a word: normalise.py spells it out
        elif char.isspace():
            space = not after_accent
            continue
        if char == "\xad":
            # PDFium reports a drawn hyphen glyph as a soft hyphen: in a PDF it is visible.
            char = "-"
        if char in "\ufffe\x02" and chars:
            # PDFium's mark for a word hyphenated at the end of the line: its flat box fails
            # the same-line test, yet it belongs to the word it ends ("Technol-" / "ogy").
            chars.append(char)
            indices.append(-1)
            continue
        get_box(textpage, index, *refs)
        x0, x1, y0, y1 = left.value, right.value, bottom.value, top.value
        if char in _SPACING_ACCENTS and chars:
            # TeX draws "í" as "ı" plus a separate accent glyph: put it on its letter later,
            # and keep it (and the spaces PDFium invents around it) out of word breaks.
            accents.append((char, x0, x1, y0))
            box[2] = max(box[2], x1)  # the next letter's gap counts from the accent
            space, after_accent = False, True
            continue
        after_accent = False
        glyph = max(y1 - y0, 1.0)
        gap = x0 - box[2]
        if chars:
            line_height = max(box[3] - box[1], 1.0)
            overlap = min(y1, box[3]) - max(y0, box[1])
            same_line = overlap > 0.3 * min(glyph, line_height)
            # Letter-spaced text (tracked headings and names) has wide gaps between letters:
            # a gap counts only against the spacing of the letters before it.
            wide = gap > 0.9 * max(glyph, line_height) and gap > 3 * tracking
            # A run drawn back over the end of the line in another font is a field of its
            # own (right-aligned dates pushed against a long line: "linear" + "Fall 2016").
            last = next((i for i in reversed(indices) if i >= 0), first)
            over = gap < -0.3 * line_height and _font_name(textpage, last, name) != _font_name(
                textpage, index, name
            )
            # A word in much larger or smaller type after a space is another field: small
            # grey dates, then the employer in bold ("present" + "Codecademy").
            # Sizes count only where they match the glyphs drawn (a scaled text matrix
            # reports 1.0 for every letter).
            before_size = pdfium_c.FPDFText_GetFontSize(textpage, last)
            after_size = pdfium_c.FPDFText_GetFontSize(textpage, index)
            resized = (
                (space or gap > 0)
                and _type_change(before_size, after_size)
                and 0.5 * line_height <= before_size <= 3 * line_height
                and 0.5 * glyph <= after_size <= 3 * glyph
                and _same_baseline(textpage, last, index, max(before_size, after_size))
            )
            if not same_line or wide or gap < -line_height or over or resized:
                flush()
        if not chars:
            first = index
            box = [x0, y0, x1, y1]
            space = False
            tracking = 0.0
        elif (
            space
            or gap > 0.5 * max(glyph, box[3] - box[1])
            and gap > 2 * tracking
            or _font_turn(textpage, chars, indices, char, index, name)
        ):
            chars.append(" ")
            indices.append(-1)
        elif gap > 0:
            tracking = max(tracking, gap) if tracking == 0.0 else (tracking + gap) / 2
        space = False
        chars.append(char)
        indices.append(index)
        box = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
    flush()
    _size_flat_runs(segments, flat)
    return segments


def _same_baseline(textpage: object, before: int, after: int, size: float) -> bool:
    """Whether two characters sit on one baseline: a raised "º" in "2ºA" does not."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    x, y_before, y_after = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, before, ctypes.byref(x), ctypes.byref(y_before))
    pdfium_c.FPDFText_GetCharOrigin(textpage, after, ctypes.byref(x), ctypes.byref(y_after))
    return abs(y_before.value - y_after.value) < 0.15 * size


def _type_change(before: float, after: float) -> bool:
    """Whether two font sizes are different type, not a word's small capitals or kerning."""
    return min(before, after) > 0 and max(before, after) > 1.4 * min(before, after)


def _size_flat_runs(segments: list[Segment], flat: list[Segment]) -> None:
    """A run of punctuation alone (the dash of "2006 - present" set apart by a monospace
    font, a bullet) has a flat glyph box that says nothing of its type size: a dash 0.7 pt
    high would fail the same-row test against its own line. Punctuation sits within the
    height of a lower-case letter, about half the type size: half its font's size when that
    is a plausible size on this page, else half the page's usual size. No more, or a bullet
    would join a date printed just above its line."""
    ids = {id(segment) for segment in flat}
    sizes = sorted(s.size for s in segments if id(s) not in ids and s.size > 0)
    usual = sizes[len(sizes) // 2] if sizes else 0.0
    for segment in flat:
        glyphs = max(1.0, segment.bottom - segment.top)
        size = segment.size
        if usual and not 0.4 * usual <= size <= 2.5 * usual:
            size = usual
        segment.size = max(glyphs, 0.5 * size)


def _name_first(lines: list[Line], height: float) -> list[Line]:
    """Put the page's largest short line (the name, in sidebar designs printed at the top of
    the main column) first, and contact lines kept from a running footer after it."""
    moved = [line for line in lines if line.page == -1]
    for line in moved:
        line.page = 0
    rest = [line for line in lines if line not in moved]

    def words(line: Line) -> int:
        return len(line.text.split()) if "@" not in line.text else 99

    # A name set over two lines in the same type ("JOSÉ LUIS" / "MARTÍNEZ GARCÍA") moves whole.
    pairs = {
        id(line): nxt
        for line, nxt in zip(rest, rest[1:], strict=False)
        if abs(nxt.height - line.height) < 0.05 * line.height and words(line) + words(nxt) <= 6
    }
    candidates = [
        line
        for line in rest
        if line.top < 0.4 * height and (1 < words(line) <= 10 or id(line) in pairs)
    ]
    if candidates:
        biggest = max(candidates, key=lambda line: line.height)
        name = [biggest, pairs[id(biggest)]] if id(biggest) in pairs else [biggest]
        others = [line.height for line in rest if line not in name]
        if others and biggest.height > 1.15 * max(others) and rest.index(biggest) > 0:
            rest = [line for line in rest if line not in name]
            return [*name, *moved, *rest]
    if moved and rest:
        return [rest[0], *moved, *rest[1:]]
    return moved + rest


def _set_name_apart(lines: list[Line], text_lines: list[str]) -> None:
    """A blank line after the name when the line under it is in much smaller type: a
    title under a one-word name ("Alice" / "Adventurer") is not the rest of the name,
    while a surname wrapped under a first name keeps the name's size."""
    if len(lines) < 2 or len(text_lines) < 2 or text_lines[0] != lines[0].text:
        return
    heights = sorted(line.height for line in lines)
    display = lines[0].height >= 1.4 * heights[len(heights) // 2]
    # A name the page wrapped ("Aldair Oswaldo Avalos" / "Albino") is set apart after
    # its second line.
    size = 1
    if (
        len(lines) > 2
        and len(text_lines) > 2
        and text_lines[1] == lines[1].text
        and abs(lines[1].height - lines[0].height) <= 0.05 * lines[0].height
        and len(f"{lines[0].text} {lines[1].text}".split()) <= 6
    ):
        size = 2
    if display and lines[size].height < 0.75 * lines[0].height and text_lines[size]:
        text_lines.insert(size, "")


def reconstruct(pages: list[Page]) -> Layout:
    """Reading-order text of a PDF from its pages' text runs."""
    # Pages of one document share a template: a margin of headings recognised on one page
    # is read the same way on the others (first pass to find it, second to use it).
    template: list[float] = []
    for index, page in enumerate(pages):
        _reading_order(page, index, template)
    ordered = [_reading_order(page, index, template) for index, page in enumerate(pages)]
    kept, dropped = _drop_page_furniture(ordered, [(p.width, p.height) for p in pages])
    if kept:
        kept[0] = _name_first(kept[0], pages[0].height)
    out: list[str] = []
    for number, lines in enumerate(kept):
        text_lines = _join_wrapped(lines)
        if number == 0:
            _set_name_apart(lines, text_lines)
        apart = bool(lines) and lines[0].apart  # a margin heading opens the page
        if out and text_lines and text_lines[0][:1].islower() and out[-1] and not apart:
            # A sentence running over the page break continues the last line of the page.
            out[-1] += " " + text_lines.pop(0)
        elif out:
            out.append("")
        out.extend(text_lines)
    return Layout("\n".join(out), dropped)
