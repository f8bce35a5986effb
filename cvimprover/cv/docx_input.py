"""Read the text of a Word (DOCX) CV as people really build them: body paragraphs, tables
used for layout, text boxes, content controls, headers and footers, in reading order.

python-docx's `paragraph.text` skips text boxes and content controls, and `row.cells`
repeats merged cells, so this walks the WordprocessingML itself (python-docx parses it).
"""

from __future__ import annotations

import io
import re

from cvimprover.cv.dates import find_dates
from cvimprover.cv.errors import ExtractionError
from cvimprover.cv.parse import heading_kind

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = f"{{{W}}}"
MAX_DEPTH = 12  # tables in text boxes in tables...: real CVs nest two or three deep


def docx_text(source: bytes) -> str:
    """The CV's text: headers, body (with tables and text boxes in place), then footers."""
    return read_docx(source)[0]


def read_docx(source: bytes) -> tuple[str, list[str]]:
    """The CV's text (see docx_text) and the targets of its label-only links (see
    label_links)."""
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(source))
        lines: list[str] = []
        headers, footers = _header_footer_parts(document)
        for part in headers:
            lines.extend(_blocks(part, 0))
        lines.extend(_blocks(document.element.body, 0))
        for part in footers:
            lines.extend(_blocks(part, 0))
        return "\n".join(_without_repeats(lines)), label_links(document)
    except ExtractionError:
        raise
    except Exception as exc:  # python-docx and lxml raise many types on malformed parts
        raise ExtractionError(
            "This Word document is damaged and could not be read.", code="corrupt_docx"
        ) from exc


def label_links(document) -> list[str]:
    """Targets of the hyperlinks whose visible text does not show the address: an icon, a
    label such as "LinkedIn" or "Portfolio", a handle (see shows_handle), or the person's
    name in a row of such links. The address exists only in the file, as in a PDF's link
    annotations; links that print their address are read from the text."""
    from cvimprover.cv.header import EMAIL, URL, is_link_label, is_name

    # The body, and the page headers and footers where Word templates put the contact line;
    # each part resolves its own links.
    parts = [(document.element.body, document.part.rels)]
    for section in document.sections:
        for attribute, _ in _HEADERS_AND_FOOTERS:
            item = getattr(section, attribute)
            if not item.is_linked_to_previous:
                parts.append((item._element, item.part.rels))
    targets: list[str] = []
    for container, relationships in parts:
        # Per paragraph: the links it holds, and whether each is known to be a contact link.
        rows: dict[int, tuple[object, list[tuple[str, bool, bool]]]] = {}
        for link in container.iter(f"{_W}hyperlink"):
            relation = relationships.get(link.get(f"{{{R}}}id") or "")
            if relation is None or not relation.is_external:
                continue
            target = relation.target_ref
            if target.lower().startswith("file:"):
                continue  # a path on the author's computer, not an address
            shown = "".join(node.text or "" for node in link.iter(f"{_W}t")).strip()
            contact = not shown or is_link_label(shown) or shows_handle(shown, target)
            paragraph = next(link.iterancestors(f"{_W}p"), link)
            # A name or a user name ("AdelineL2"), not an address printed or words.
            named = bool(is_name(shown) or re.fullmatch(r"[/@]?[\w.-]{3,}", shown)) and not (
                EMAIL.search(shown) or URL.search(shown)
            )
            rows.setdefault(id(paragraph), (paragraph, []))[1].append((target, contact, named))
        for paragraph, row in rows.values():
            # A row of contact links (icons, handles) is one block: a link in it whose text
            # is a person's name or a user name ("Jane Doe" beside a LinkedIn icon) is a
            # contact link too; other words ("the team blog") are not. One contact link
            # makes a row when the paragraph also prints an e-mail address or a phone.
            known = sum(contact for _, contact, _ in row)
            in_row = known >= 2 or known == 1 and _prints_details(paragraph)
            for target, contact, named in row:
                if (contact or in_row and named) and target not in targets:
                    targets.append(target)
    return targets


def _prints_details(paragraph) -> bool:
    """Whether a paragraph prints an e-mail address (spelled out or not) or a phone."""
    from cvimprover.cv.header import EMAIL, phone_in, unobfuscated

    text = "".join(node.text or "" for node in paragraph.iter(f"{_W}t"))
    return bool(EMAIL.search(unobfuscated(text)) or phone_in(text))


def shows_handle(shown: str, target: str) -> bool:
    """Whether a link's text is the user name or identifier its address ends with: printed
    as a handle ("@janedoe", "/janedoe" on janedoe.github.io or linkedin.com/in/janedoe), or
    bare on a profile site ("janedoe" on x.com/janedoe, an ORCID iD on orcid.org). The
    address is then in the file only. An organisation's name on its own site ("Acme" on
    acme.com), a name of several words or a title (a co-author's page, a paper) is not."""
    from cvimprover.cv.layout import PROFILE_HOSTS

    marked = shown.strip()[:1] in ("/", "@")
    handle = shown.strip().lstrip("/@").strip().lower()
    if not handle or len(handle) < 3 or re.search(r"\s|[^\w.-]", handle):
        return False
    address = re.sub(r"^[a-z]+://", "", target.strip().lower()).split("?", 1)[0].rstrip("/")
    host, _, path = address.partition("/")
    if path:
        last = path.rsplit("/", 1)[-1]
        return handle == last and (marked or bool(PROFILE_HOSTS.search(host)))
    return marked and handle == host.removeprefix("www.").split(".", 1)[0]


_HEADERS_AND_FOOTERS = (
    ("first_page_header", "headers"),
    ("header", "headers"),
    ("even_page_header", "headers"),
    ("first_page_footer", "footers"),
    ("footer", "footers"),
    ("even_page_footer", "footers"),
)


def _header_footer_parts(document) -> tuple[list, list]:
    """Every distinct header and footer element (first-page, even and default ones)."""
    headers: list = []
    footers: list = []
    seen: set[int] = set()
    for section in document.sections:
        for attribute, kind in _HEADERS_AND_FOOTERS:
            bucket = headers if kind == "headers" else footers
            item = getattr(section, attribute)
            if item.is_linked_to_previous:
                continue
            element = item._element
            if id(element) not in seen:
                seen.add(id(element))
                bucket.append(element)
    return headers, footers


def _blocks(container, depth: int) -> list[str]:
    """Lines of the block-level children of `container` (body, cell, text box, header)."""
    if depth > MAX_DEPTH:
        raise ExtractionError("This Word document is nested too deeply to read.", "docx_depth")
    lines: list[str] = []
    # Column roles named by the last header row among these blocks: CV forms print the
    # header once and each section's rows as a table of their own below a heading.
    roles: tuple[int, dict[int, str]] | None = None
    for child in container:
        tag = child.tag
        if tag == f"{_W}p":
            lines.extend(_paragraph(child, depth))
        elif tag == f"{_W}tbl":
            table_lines, roles = _table(child, depth, roles)
            lines.extend(table_lines)
            lines.append("")
        elif tag == f"{_W}sdt":  # a content control: Word's résumé templates are full of them
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                lines.extend(_blocks(content, depth + 1))
        elif tag == f"{{{MC}}}AlternateContent":
            choice = child.find(f"{{{MC}}}Choice")
            if choice is not None:
                lines.extend(_blocks(choice, depth + 1))
    return lines


def _paragraph(p, depth: int) -> list[str]:
    """The paragraph's own text, then the text boxes anchored in it, top to bottom."""
    text = _own_text(p).strip("\n")
    lines = []
    if text.strip():
        lines.append("- " + text.strip() if _is_list_item(p) else text)
    elif not _text_boxes(p):
        lines.append("")
    for _, box in sorted(_text_boxes(p), key=lambda pair: pair[0]):
        lines.extend(_blocks(box, depth + 1))
        lines.append("")
    return lines


def _own_text(p) -> str:
    """Text of the runs of `p`, leaving out text boxes (read separately) and the VML copy
    Word keeps of each box for old readers (mc:Fallback), which would double it."""
    out: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str):
                continue  # comments and processing instructions
            if tag in (f"{_W}txbxContent", f"{{{MC}}}Fallback") or tag.endswith("}drawing"):
                continue
            if tag == f"{_W}t":
                out.append(child.text or "")
            elif tag == f"{_W}tab":
                out.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                out.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                out.append("-")
            elif tag == f"{_W}delText" or tag == f"{_W}instrText":
                continue  # deleted text (tracked changes) and field codes are not content
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _text_boxes(p) -> list[tuple[int, object]]:
    """(vertical offset, txbxContent) for each text box anchored in `p`, outermost only."""
    boxes = []
    for box in p.iter(f"{_W}txbxContent"):
        if any(a.tag == f"{{{MC}}}Fallback" for a in box.iterancestors()):
            continue
        # A box inside another box is read with its parent.
        parent_box = next((a for a in box.iterancestors() if a.tag == f"{_W}txbxContent"), None)
        if parent_box is not None:
            continue
        boxes.append((_vertical_offset(box), box))
    return boxes


def _vertical_offset(box) -> int:
    for ancestor in box.iterancestors():
        if ancestor.tag == f"{{{WP}}}anchor":
            offset = ancestor.find(f"{{{WP}}}positionV/{{{WP}}}posOffset")
            if offset is not None and (offset.text or "").lstrip("-").isdigit():
                return int(offset.text)
            return 0
    return 0


def _is_list_item(p) -> bool:
    properties = p.find(f"{_W}pPr")
    if properties is None:
        return False
    if properties.find(f"{_W}numPr") is not None:
        return True
    style = properties.find(f"{_W}pStyle")
    return style is not None and "List" in (style.get(f"{_W}val") or "")


def _cells(row) -> list:
    """The row's cells, including those wrapped in content controls."""
    cells = []
    for child in row:
        if child.tag == f"{_W}tc":
            cells.append(child)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                cells.extend(_cells(content))
    return cells


def _is_merge_continuation(cell) -> bool:
    """A cell continuing the merged cell above it, with no text of its own (Word keeps the
    text of cells merged after they were filled: that text is read)."""
    merge = cell.find(f"{_W}tcPr/{_W}vMerge")
    if merge is None or merge.get(f"{_W}val") not in (None, "continue"):
        return False
    return not any((node.text or "").strip() for node in cell.iter(f"{_W}t"))


# What a header cell of a data table says its column holds ("Month/Year(s) | Degrees |
# Fields of Study | Institution"). The first that matches names the role.
_COLUMN_ROLES = (
    ("dates", re.compile(r"\b(?:years?|dates?|period|months?|fechas?|a[ñn]os?|periodo)\b", re.I)),
    (
        "organisation",
        re.compile(
            r"\b(?:institution|organi[sz]ation|employer|company|university|school|hospital|"
            r"instituci[oó]n|empresa|centro|universidad)",
            re.I,
        ),
    ),
    ("degree", re.compile(r"\b(?:degrees?|qualifications?|diplomas?|t[ií]tulos?)\b", re.I)),
    ("title", re.compile(r"\b(?:title|position|post|role|job|puesto|cargo)\b", re.I)),
    ("field", re.compile(r"\b(?:fields?|subjects?|majors?|areas? of study)\b", re.I)),
)


def _header_roles(cells: list[list[str]]) -> dict[int, str] | None:
    """Column roles if `cells` is a header row naming a dates, a title (or degree) and an
    organisation column, and no cell holds a date; else None."""
    texts = [" ".join(ln.strip() for ln in cell if ln.strip()) for cell in cells]
    if not texts or any(len(t) > 80 or find_dates(t) for t in texts):
        return None
    roles: dict[int, str] = {}
    for index, text in enumerate(texts):
        for role, pattern in _COLUMN_ROLES:
            if pattern.search(text) and role not in roles.values():
                roles[index] = role
                break
    named = set(roles.values())
    if "dates" in named and "organisation" in named and named & {"title", "degree"}:
        return roles
    return None


_UNIT = re.compile(
    r"\b(?:division|department|program(?:me)?|unit|clinic|cent(?:er|re)|laboratory|lab|"
    r"institute|service|office|group|departamento|unidad|servicio|programa)\b",
    re.I,
)


def _names_a_unit(line: str) -> bool:
    return bool(_UNIT.search(line)) and not line.startswith("(")


def _row_by_roles(cells: list[list[str]], roles: dict[int, str]) -> list[str] | None:
    """One entry row of a table whose columns `roles` names, as "Title | Organisation |
    Dates" and the cells' other lines after it; None when the row is no entry (no date
    in its dates column, no title or no organisation)."""
    filled = [[ln.strip() for ln in cell if ln.strip()] for cell in cells]
    by_role = {role: filled[i] for i, role in roles.items() if i < len(filled)}
    dates = " ".join(by_role.get("dates", []))
    title_lines = by_role.get("degree") or by_role.get("title") or []
    organisation = by_role.get("organisation", [])
    if not dates or not find_dates(dates) or not title_lines or not organisation:
        return None
    title, rest = title_lines[0], title_lines[1:]
    field = by_role.get("field", [])
    if "degree" in by_role and field:
        # "B.S. | Biomedical Engineering": a degree and its field of study.
        title, field = f"{title}, {field[0]}", field[1:]
    elif rest and _names_a_unit(rest[0]):
        # "Executive Director" over "Community Clinic": the post in its unit.
        title, rest = f"{title}, {rest[0]}", rest[1:]
    details = [*rest, *field, *organisation[1:]]
    used = {"dates", "degree", "title", "organisation", "field"}
    for index, cell in enumerate(filled):
        if roles.get(index) not in used or (roles.get(index) == "title" and "degree" in by_role):
            details.extend(cell)
    # The other cells' lines are the entry's details, listed under it.
    return [f"{title} | {organisation[0]} | {dates}", *(f"- {line}" for line in details)]


def _wholly_dates(text: str) -> bool:
    found = find_dates(text)
    return found is not None and len(found.group(0)) >= len(text.strip()) - 5


def _dated_row(cells: list[list[str]]) -> list[str] | None:
    """A row "dates | what (several lines) | place" or "dates | what | organisation |
    place" of a table with no header row: its first line with the organisation, dates and
    place after it ("Title | Employer | 2019-22 | Lyon, France"), then the rest of the
    middle cell; None for a row of another shape."""
    from cvimprover.cv.header import is_place

    filled = [[ln.strip() for ln in cell if ln.strip()] for cell in cells]
    filled = [cell for cell in filled if cell]
    if len(filled) not in (2, 3, 4) or len(filled[0]) != 1 or not _wholly_dates(filled[0][0]):
        return None
    main, dates = list(filled[1]), filled[0][0]
    last = filled[-1] if len(filled) >= 3 else []
    # "dates | degree | school | place", or the school over the place in the last cell.
    organisation = filled[2] if len(filled) == 4 else last[:-1]
    place = last[-1:]
    if place and not is_place(place[0]) or len(organisation) > 1 or len(last) > 2:
        return None
    if find_dates(main[0]) or organisation and find_dates(organisation[0]):
        return None  # the dates again, or two dated things in one row
    head = " | ".join([main[0], *organisation, dates, *place])
    return [head, *main[1:]]


Roles = tuple[int, dict[int, str]]  # a header row's width and its columns' roles


def _table(table, depth: int, roles: Roles | None = None) -> tuple[list[str], Roles | None]:
    """A layout table (one or two rows of big cells: sidebar and main column) reads column
    by column; a data table (dates | role rows) reads row by row, short cells on one line
    separated by two spaces so the parser sees separate fields. A data table's rows whose
    columns a header row named (`roles`, the last one met, here or in a table before this
    one) read as entries, "Title | Organisation | Dates" (see _row_by_roles)."""
    rows = [r for r in table.iter(f"{_W}tr") if _owning_table(r) is table]
    grid = [
        [_blocks(cell, depth + 1) for cell in _cells(row) if not _is_merge_continuation(cell)]
        for row in rows
    ]
    if not grid:
        return [], roles
    layout = len(grid) <= 2 and any(
        sum(1 for ln in cell if ln.strip()) > 3 for row in grid for cell in row
    )
    lines: list[str] = []
    if layout:
        width = max(len(row) for row in grid)
        for column in range(width):
            for row in grid:
                if column < len(row):
                    lines.extend(row[column])
            lines.append("")
        return lines, roles
    dated_rows = sum(1 for row in grid if _dated_row(row) is not None)
    for row in grid:
        dated = _dated_row(row) if dated_rows >= 2 else None
        if dated is not None:
            lines.extend(dated)
            continue
        named = _header_roles(row)
        if named:
            roles = (len(row), named)
            # The column names on one line, listed as a detail: the form's labels are no
            # entry's title nor the employer of the rows below.
            names = (" ".join(ln.strip() for ln in cell if ln.strip()) for cell in row)
            lines.append("- " + "  ".join(names))
            continue
        if roles and len(row) == roles[0]:
            entry = _row_by_roles(row, roles[1])
            if entry:
                lines.extend(entry)
                continue
        filled = [[ln for ln in cell if ln.strip()] for cell in row]
        if filled and filled[0] and heading_kind(filled[0][0]):
            # "Languages | English C1": a heading cell opens its own section.
            # A cell that goes on under its heading keeps the rest of its lines.
            lines.append(filled[0][0].strip())
            rest = row[0][row[0].index(filled[0][0]) + 1 :]
            kept = [rest] if any(ln.strip() for ln in rest) else []
            filled = [[ln for ln in cell if ln.strip()] for cell in kept] + filled[1:]
            row = kept + row[1:]
        if all(len(cell) <= 1 for cell in filled):
            joined = "  ".join(cell[0].strip() for cell in filled if cell)
            if joined:
                lines.append(joined)
        else:
            for cell in row:
                lines.extend(cell)
    return lines, roles


def _owning_table(row):
    return next(a for a in row.iterancestors() if a.tag == f"{_W}tbl")


def _without_repeats(lines: list[str]) -> list[str]:
    """Drop runs of blank lines; keep every text line (a repeated bullet is content)."""
    out: list[str] = []
    for line in lines:
        if not line.strip() and out and not out[-1].strip():
            continue
        out.append(line.rstrip())
    while out and not out[0].strip():
        out.pop(0)
    return out
