"""Turn normalised CV text into a CVDocument: contact block, sections, roles and bullets."""

from __future__ import annotations

import re

from cvimprover.cv.dates import find_dates
from cvimprover.cv.document import Contact, CVDocument, Entry, Link, Section
from cvimprover.cv.vocabulary import heading_key, headings

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d ().-]{6,}\d(?![\w/])")
URL = re.compile(
    r"(?:https?://|www\.)[^\s|,;()<>]+"
    r"|(?<![@\w.])(?:[a-z0-9-]+\.)+(?:com|dev|io|me|net|org|es|co|design|site|app|page|xyz)"
    r"(?:/[^\s|,;()<>]*)?",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(?:e-?mail|correo|phone|tel(?:éfono|efono)?|mobile|móvil|movil|location|ubicación|"
    r"ubicacion|address|dirección|direccion|linkedin|github|web|website|portfolio|portafolio)"
    r"\s*:\s*",
    re.IGNORECASE,
)
_LOCATION_LABEL = re.compile(
    r"^(?:location|ubicación|ubicacion|address|dirección|direccion|based in|residencia)\s*:\s*",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s+[|•·◆]\s+|\s*\|\s*|\s{2,}|\t")
_NAME = re.compile(r"^[A-ZÁÉÍÓÚÑÜ][\w'’.-]*(?:\s+[A-ZÁÉÍÓÚÑÜa-zé][\w'’.-]*){1,4}$")
_PLACE = re.compile(r"^[A-ZÁÉÍÓÚÑ][\w .'’-]+(?:,\s*[A-ZÁÉÍÓÚÑ][\w .'’-]+){1,2}$")
_TITLE_WORDS = {"curriculum vitae", "curriculum", "resume", "résumé", "cv", "hoja de vida"}


def heading_kind(line: str) -> str | None:
    """The section kind if `line` is a section heading, else None."""
    text = line.strip().rstrip(":").strip()
    if not text or len(text) > 45 or text.startswith("- ") or any(ch.isdigit() for ch in text):
        return None
    key = heading_key(text)
    table = headings()
    if key in table:
        return table[key]
    # Letter-spaced headings ("E X P E R I E N C E") lose their word gaps in extraction.
    squashed = key.replace(" ", "")
    if re.fullmatch(r"(?:\S ){2,}\S", key) or text.isupper():
        for variant, kind in table.items():
            if variant.replace(" ", "") == squashed:
                return kind
    return None


def parse_cv(text: str) -> CVDocument:
    """Parse normalised CV text (see normalise.normalise_text) into a CVDocument."""
    lines = text.split("\n")
    blocks: list[tuple[str, str, list[str]]] = []  # (kind, heading, lines)
    head: list[str] = []
    for line in lines:
        kind = heading_kind(line)
        if kind:
            blocks.append((kind, line.strip().rstrip(":").strip(), []))
        elif blocks:
            blocks[-1][2].append(line)
        else:
            head.append(line)
    document = CVDocument()
    document.contact, document.headline = parse_contact(head, text)
    for kind, heading, body in blocks:
        # Two-column layouts can repeat a heading kind (e.g. sidebar skills): merge them.
        section = _build_section(kind, heading, body)
        existing = document.section(kind) if kind != "other" else None
        if existing is not None:
            existing.entries.extend(section.entries)
            existing.items.extend(i for i in section.items if i not in existing.items)
            existing.text = "\n".join(t for t in (existing.text, section.text) if t)
        else:
            document.sections.append(section)
    return document


def _segments(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        for part in _SEPARATORS.split(line):
            part = part.strip(" -|•·")
            if part:
                out.append(part)
    return out


def _link_label(url: str) -> str:
    lowered = url.lower()
    if "linkedin." in lowered:
        return "LinkedIn"
    if "github." in lowered:
        return "GitHub"
    if "gitlab." in lowered:
        return "GitLab"
    return "Portfolio"


def _phone_in(text: str) -> str:
    for match in PHONE.finditer(text):
        candidate = match.group(0).strip()
        digits = re.sub(r"\D", "", candidate)
        if not 9 <= len(digits) <= 15:
            continue
        # Year ranges ("2019 - 2021") are not phone numbers.
        if re.fullmatch(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d", candidate):
            continue
        return candidate
    return ""


def parse_contact(head: list[str], full_text: str) -> tuple[Contact, str]:
    """Contact details and headline from the lines above the first heading (and the whole text)."""
    contact = Contact()
    head = [ln for ln in head if ln.strip()]
    head_text = "\n".join(head)
    emails = EMAIL.findall(head_text) or EMAIL.findall(full_text)
    contact.email = emails[0] if emails else ""
    contact.phone = _phone_in(head_text) or _phone_in(_contactish_lines(full_text))
    links: list[Link] = []
    for source in (head_text, full_text):
        for match in URL.finditer(source):
            url = match.group(0).rstrip(".")
            if contact.email and url.lower() in contact.email.lower():
                continue
            if not any(link.url == url for link in links):
                links.append(Link(label=_link_label(url), url=url))
        if links:
            break
    contact.links = links[:5]

    headline = ""
    search_lines = head or full_text.split("\n")[:8]
    for segment in _segments(search_lines):
        clean = _LABEL.sub("", segment).strip()
        if not clean or EMAIL.search(clean) or URL.search(clean) or _phone_in(clean):
            continue
        if clean.lower() in _TITLE_WORDS:
            continue
        if _LOCATION_LABEL.match(segment) and not contact.location:
            contact.location = clean
            continue
        if not contact.name and _NAME.match(clean) and not heading_kind(clean):
            contact.name = clean
            continue
        if contact.name and not contact.location and _PLACE.match(clean):
            contact.location = clean
            continue
        if contact.name and not headline and not _PLACE.match(clean) and len(clean) < 90:
            headline = clean
    if not contact.location:
        labelled = re.search(
            r"^(?:location|ubicación|ubicacion|address|dirección|direccion)\s*:\s*(.+)$",
            full_text,
            re.IGNORECASE | re.MULTILINE,
        )
        if labelled:
            contact.location = labelled.group(1).strip()
    return contact, headline


def _contactish_lines(text: str) -> str:
    # Outside the top block, only trust phone numbers on short lines or labelled ones.
    return "\n".join(ln for ln in text.split("\n") if len(ln) < 60 and not find_dates(ln))


def _build_section(kind: str, heading: str, body: list[str]) -> Section:
    section = Section(kind=kind, heading=heading)
    content = [ln for ln in body if ln.strip()]
    if kind in ("experience", "education", "projects"):
        section.entries = parse_entries(content)
    elif kind in ("skills", "languages"):
        section.items = _split_items(content, by_comma=True)
    elif kind == "certifications":
        section.items = _split_items(content, by_comma=False)
    else:
        section.text = "\n".join(content)
    return section


def _split_items(lines: list[str], *, by_comma: bool) -> list[str]:
    items: list[str] = []
    for line in lines:
        line = line.removeprefix("- ").strip()
        label, colon, rest = line.partition(":")
        # "Languages: Python, Go" – the label is a category, the items follow it.
        if colon and rest.strip() and len(label) < 30 and "//" not in rest[:3]:
            line = rest
        pattern = r"\s*[|•·;,]\s*" if by_comma else r"\s*[|•·;]\s*"
        for part in re.split(pattern, line):
            part = part.strip(" .")
            if part and part not in items:
                items.append(part)
    return items


def parse_entries(lines: list[str]) -> list[Entry]:
    """Group lines into roles/degrees: header lines, then bullets."""
    entries: list[Entry] = []
    header: list[str] = []
    current: Entry | None = None

    def close() -> None:
        nonlocal current, header
        if current is not None:
            _fill_header(current, header)
            entries.append(current)
        current, header = None, []

    for line in lines:
        line = line.strip()
        if line.startswith("- "):
            if current is None:
                current = Entry()
            current.bullets.append(line[2:].strip())
            continue
        if current is not None and current.bullets:
            if line[:1].islower():  # a bullet wrapped onto the next line
                current.bullets[-1] += " " + line
                continue
            close()
        if current is None:
            current = Entry()
        header_has_dates = any(find_dates(h) for h in header)
        if header and header_has_dates and find_dates(line):
            close()
            current = Entry()
        elif header_has_dates and len(header) >= 2 and (len(line) > 60 or line.endswith(".")):
            current.bullets.append(line)  # prose description under a role
            continue
        header.append(line)
    close()
    return entries


# " en " is not a separator: Spanish titles and degrees use it ("Grado en Enfermería").
_PART_SPLIT = re.compile(r"\s+[|—–@-]\s+|\s*\|\s*|,\s+|\s+at\s+|\n")


def _fill_header(entry: Entry, header: list[str]) -> None:
    text = "\n".join(header)
    match = find_dates(text)
    if match:
        entry.dates = match.group(0).strip()
        text = text[: match.start()] + text[match.end() :]
        text = re.sub(r"\(\s*\)", "", text)
    parts = [p.strip(" ()|-–—,") for p in _PART_SPLIT.split(text)]
    parts = [p for p in parts if p]
    if parts:
        entry.title = parts[0]
    if len(parts) > 1:
        entry.organisation = parts[1]
    if len(parts) > 2:
        entry.location = ", ".join(parts[2:])
