"""Sections and entries of a CV: headings, the lines under each, and the roles, studies and
projects those lines describe (title, organisation, location, dates, bullets)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from cvimprover.cv.dates import SEASONS, find_dates, parse_period
from cvimprover.cv.document import Entry, Section
from cvimprover.cv.header import URL, is_place, short_place
from cvimprover.cv.vocabulary import heading_key, headings, terms

Block = tuple[str, str, list[str]]  # (section kind, heading as printed, lines under it)

_SENTENCE_END = re.compile(r"[.!?:;]$")
_CONNECTOR_END = re.compile(
    r"(?:,|-|\b(?:and|or|of|with|for|to|the|a|an|in|on|using|y|o|de|del|con|para|en|el|la|los|"
    r"las|un|una|mediante))$",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------------------------------
# Headings


def _heading_text(line: str) -> str:
    """The heading without a trailing date range or parenthesis ("EXPERIENCIA (10/2022-...)")."""
    text = line.strip().rstrip(":").strip()
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text)
    match = find_dates(text)
    if match and match.end() >= len(text.rstrip(" )")) - 1 and match.start() > 0:
        text = text[: match.start()]
    return text.strip(" -–—:|").strip()


# Words that say at which stage or in which field of a career a section's posts or studies
# were: "Doctoral Studies", "Post-doctoral research experience", "Clinical Experience".
_LEVEL_QUALIFIERS = frozenset(
    {
        *("pre", "post", "doctoral", "predoctoral", "postdoctoral", "graduate"),
        *("undergraduate", "postgraduate", "academic", "university", "research"),
        *("teaching", "clinical", "professional", "faculty"),
    }
)
_QUALIFIER_JOINS = {"in", "en", "and", "y", "e", "de", "of", "for", "para", "at", "a", "del"}


_WEB_ADDRESS = re.compile(r"://|\bwww\.|\b[\w-]+\.[a-z]{2,}/")
_CODE_HEADING = re.compile(r"^(?:[$>#~]+|//)\s*(?:[\w-]+\s+){0,2}(?P<word>[\w./-]+)$")


def heading_kind(line: str) -> str | None:
    """The section kind if `line` is a section heading, else None."""
    stripped = line.strip()
    if not stripped or len(stripped) > 60 or stripped.startswith("- "):
        return None
    if stripped.endswith(".") and stripped[:1].islower():
        return None  # "informática." ends a wrapped sentence; headings are not sentences
    if _WEB_ADDRESS.search(stripped):
        return None  # "freecodecamp.org/certification/" is an address, not a heading
    command = _CODE_HEADING.match(stripped)
    if command:
        # "$ cat experience.log", "## Education", "// projects/": developer templates dress
        # headings as code; the last word, without its file extension, is the heading.
        stripped = re.sub(r"\.[a-z]{2,4}$", "", command.group("word").strip("/"))
    text = _heading_text(stripped)
    if not text or len(text) > 45 or any(ch.isdigit() for ch in text):
        return None
    key = heading_key(text)
    table = headings()
    if key in table:
        return table[key]
    # "EXPERIENCIA EN LA INDUSTRIA", "Education and Training": a known heading, qualified.
    words = key.split()
    headingish = (
        text.isupper()
        or stripped.endswith(":")
        or all(w[:1].isupper() for w in text.split() if len(w) > 3)
    )
    if headingish and 2 <= len(words) <= 6:
        for size in (2, 1):
            kind = table.get(" ".join(words[:size]))
            # Only a qualifier joined by a little word: "Project Manager" is a job title.
            joined = len(words) > size and words[size] in _QUALIFIER_JOINS
            if kind in ("experience", "education", "projects", "certifications") and joined:
                return kind
    # "Proyectos independientes", "Experiencia relevante": a Spanish heading with its
    # adjective after it, printed in small letters; "Side projects", "Relevant experience":
    # an English one with its qualifier before it, printed so.
    printed = text.split()
    if (
        len(words) == 2
        and len(printed) == 2
        and printed[0][:1].isupper()
        and printed[1].islower()
        and not ROLE_WORDS.search(text)
        and not ORG_WORDS.search(text)
        # A heading stands alone: "Personal project | 2023" is a project's line.
        and text == stripped.rstrip(":").strip()
    ):
        for word in words:
            if table.get(word) in ("experience", "education", "projects"):
                return table[word]
    # "Career Details", "Education History": an English one-word heading with a word after
    # it that names no post and no organisation ("Project Manager" is a job title). In
    # Spanish the word after qualifies the thing ("Proyectos Ágiles": a subject).
    if (
        headingish
        and len(words) == 2
        and len(printed) == 2
        and _english(words[0])
        and table.get(words[0]) in ("experience", "education", "projects")
        and not ROLE_WORDS.search(text)
        and not ORG_WORDS.search(text)
        and not stripped.endswith(".")
        and text == stripped.rstrip(":").strip()
    ):
        return table[words[0]]
    # "Training / Certifications", "Awards / Grants": headings printed together, one of
    # them known; the known one says what the section holds.
    if "/" in text and text.count("/") <= 2:
        kinds = [heading_kind(part) for part in text.split("/") if part.strip()]
        known = [k for k in kinds if k is not None]
        if known and len(kinds) >= 2:
            return known[0]
    if headingish and 2 <= len(words) <= 6:
        # "Relevant Work Experience", "ADDITIONAL EXPERIENCE": a known heading qualified in
        # front. A one-word heading so qualified counts only when printed like a heading
        # (capitals, a colon): "Physical Education" in title case may be a subject.
        for size in (2, 1):
            kind = table.get(" ".join(words[-size:]))
            if (
                kind in ("experience", "education", "projects")
                and len(words) - size <= 2
                # "AND EXPERIENCE": the second line of a wrapped heading, not a heading.
                and words[0] not in _QUALIFIER_JOINS
                and (size == 2 or text.isupper() or stripped.endswith(":"))
                and not ROLE_WORDS.search(text)
                and not ORG_WORDS.search(text)
            ):
                return kind
    # "Pre-doctoral Studies", "Post-doctoral research experience", "Graduate education":
    # a known heading qualified in front by the level or field of the career it lists, in
    # any capitals. Only those qualifiers: "Physical Education" is a subject.
    if 2 <= len(words) <= 5 and text[:1].isupper() and not stripped.endswith("."):
        for size in (2, 1):
            kind = table.get(" ".join(words[-size:]))
            qualifiers = words[:-size]
            if (
                kind in ("experience", "education")
                and qualifiers
                and all(w in _LEVEL_QUALIFIERS for w in qualifiers)
            ):
                return kind
    # Letter-spaced headings ("E X P E R I E N C E") lose their word gaps in extraction.
    squashed = key.replace(" ", "")
    if re.fullmatch(r"(?:\S ){2,}\S", key) or text.isupper():
        for variant, kind in table.items():
            if variant.replace(" ", "") == squashed:
                return kind
    return None


def _inline_heading(line: str) -> tuple[str, str, str] | None:
    """ "Skills: Python, Go" -> (kind, "Skills", "Python, Go") for a known heading word."""
    label, colon, rest = line.partition(":")
    if not colon or not rest.strip() or len(label) > 30 or "//" in rest[:3]:
        return None
    kind = heading_kind(label)
    if kind is None or kind == "contact":
        return None
    return kind, label.strip(), rest.strip()


def _glued_heading(line: str) -> tuple[str, str, str] | None:
    """ "SELECTED LEADERSHIP CISV International – cisv.org": a table cell's upper-case
    heading read on one line with the first entry beside it."""
    words = line.split()
    for size in range(min(4, len(words) - 1), 0, -1):
        label = " ".join(words[:size])
        rest = " ".join(words[size:])
        if not label.isupper() or len(letters(label)) < 5 or rest.isupper():
            continue
        kind = heading_kind(label)
        if kind is not None and kind != "contact":
            return kind, label, rest
    return None


def _heading_style(lines: list[str]) -> str:
    """How this CV prints its known headings: "upper", "colon" or "plain"."""
    known = [ln.strip() for ln in lines if heading_kind(ln)]
    if not known:
        return "plain"
    upper = sum(1 for ln in known if letters(ln).isupper())
    colon = sum(1 for ln in known if ln.endswith(":"))
    if upper >= 0.7 * len(known):
        return "upper"
    if colon >= 0.7 * len(known):
        return "colon"
    return "plain"


def letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())


def _common_words(text: str) -> bool:
    from wordfreq import zipf_frequency

    words = [w for w in re.findall(r"\w+", text.lower()) if len(w) > 2]
    return bool(words) and all(
        max(zipf_frequency(w, "en"), zipf_frequency(w, "es")) >= 3.0 for w in words
    )


def _english(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") > zipf_frequency(word, "es")


def _unknown_heading(line: str, style: str, following: list[str], in_entries: bool) -> bool:
    """A heading our vocabulary does not know, printed like the CV's other headings."""
    text = line.strip()
    core = text.rstrip(":").strip()
    if style == "plain" or not 3 <= len(core) <= 40 or text.startswith("- "):
        return False
    if not re.fullmatch(r"[^\W\d_]+(?:[ &/-]+[^\W\d_]+){0,3}", core):
        return False
    if core.split()[0].lower() in _QUALIFIER_JOINS:
        return False  # "AND EXPERIENCE": the second line of a wrapped heading
    if style == "upper" and not (core.isupper() and len(letters(core)) >= 4):
        return False
    if style == "colon" and not text.endswith(":"):
        return False
    if not _common_words(core):
        return False  # an employer's or a person's name, not a heading
    # In a list of roles, an upper-case employer line sits just above dates.
    return not (in_entries and any(find_dates(ln) for ln in following[:2]))


def _named_by_acronym(text: str) -> bool:
    """ "Servicio Social, CEDETEC": an acronym longer than a state's or a country's code
    ("CA", "USA") names an organisation, not a place (unless the whole line is capitals)."""
    pieces = [part.strip() for part in text.split(",")]
    return any(p.isupper() and len(p) > 3 for p in pieces) and not text.isupper()


_ABBREVIATION_END = re.compile(r"\b(?:inc|corp|ltd|co|llc|jr|sr|st|dr|etc|s\.a|s\.l)\.$", re.I)


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text)) and not _ABBREVIATION_END.search(text)


# ---------------------------------------------------------------------------------------------
# Sections


def build_section(
    kind: str, heading: str, body: list[str], dropped: list[tuple[str, str]] | None = None
) -> Section:
    """The section under `heading`: entries, items or text, by what the lines hold. Lines
    left out on purpose (the numbers printed on portfolio tiles) go to `dropped`."""
    content = [ln.strip() for ln in body if ln.strip()]
    printed_kind, kind = kind, _entry_kind(kind, heading, content)
    section = Section(kind=kind if kind != "contact" else "other", heading=heading)
    if kind == "projects" and _tile_rows(content) >= 2:
        section.entries = parse_tiles(content, [] if dropped is None else dropped)
    elif kind == "projects" and content and all(ln.startswith("- ") for ln in content):
        section.entries = [_listed_project(ln[2:].strip()) for ln in content]
    elif kind == "education" and printed_kind == "certifications" and _dated_list(content):
        read_as = "courses"
        section.entries = [
            parse_entries([ln.removeprefix("- ")], kind=read_as)[0] for ln in content
        ]
    elif kind in ("experience", "education") and _listed_entries(content):
        read_as = "courses" if kind == "education" and printed_kind == "certifications" else kind
        section.entries = [parse_entries([ln[2:]], kind=read_as)[0] for ln in content]
    elif kind in ENTRY_KINDS:
        # Blank lines stay: they are the gaps between entries. Courses read as studies
        # keep their name as the title, even with no degree word in it.
        read_as = "courses" if kind == "education" and printed_kind == "certifications" else kind
        section.entries = parse_entries(body, strict_wraps=kind != "projects", kind=read_as)
    elif kind in ("skills", "languages"):
        section.items = _split_items(content, by_comma=True)
    elif kind == "certifications":
        section.items = _split_items(content, by_comma=False)
    else:
        section.text = join_paragraphs(content)
    return section


def _listed_project(item: str) -> Entry:
    """ "QuantSoftware Toolkit: Open source Python library...": one project per list item,
    its name before the colon, what it is after."""
    name, colon, what = item.partition(": ")
    if colon and len(name.split()) <= 6 and not find_dates(name):
        return Entry(title=name.strip(), bullets=[what.strip()])
    # "In the Long Run - gamify your running": the name, a dash, then what it is (said in
    # small letters, or at more length than the name).
    dashed = re.match(r"^(?P<name>[^-–—]+?)\s+[-–—]\s+(?P<what>\S.*)$", item)
    if (
        dashed
        and len(dashed.group("name").split()) <= 6
        and not find_dates(dashed.group("name"))
        and (
            dashed.group("what")[:1].islower()
            or len(dashed.group("what").split()) > 2 * len(dashed.group("name").split())
        )
    ):
        return Entry(title=dashed.group("name").strip(), bullets=[dashed.group("what").strip()])
    return Entry(bullets=[item])


# "01", "02 | 03": the numbers designer templates print on portfolio tiles.
_TILE_NUMBERS = re.compile(r"^0\d(?:\s*\|\s*0\d)*$")


def _tile_rows(lines: list[str]) -> int:
    """How many tile numbers the lines print."""
    return sum(line.count("|") + 1 for line in lines if _TILE_NUMBERS.match(line))


def parse_tiles(lines: list[str], dropped: list[tuple[str, str]]) -> list[Entry]:
    """A portfolio grid: each row of tile numbers is followed by the tiles' titles, one per
    number ("Nova — Brand Identity | Alto — Packaging"); lines under a title describe it."""
    entries: list[Entry] = []
    expected = 0
    for line in lines:
        if _TILE_NUMBERS.match(line):
            dropped.append((line, "numbers printed on portfolio tiles"))
            expected = line.count("|") + 1
            continue
        cells = [c.strip() for c in line.split(" | ")] if expected > 1 else [line]
        if expected and (expected == 1 or len(cells) == expected):
            entries += [Entry(title=cell) for cell in cells if cell]
        elif entries:
            entries[-1].bullets.append(line.removeprefix("- "))
        else:
            entries.append(Entry(title=line))
        expected = 0
    return entries


ENTRY_KINDS = ("experience", "education", "projects")


def _entry_kind(kind: str, heading: str, lines: list[str]) -> str:
    """Courses listed with their dates and descriptions ("cursos") are studies, and a section
    under a heading we do not know ("ON CAMPUS INVOLVEMENT") that reads as dated roles is
    experience: both keep their printed heading, and their entries are read as entries."""
    if kind == "certifications" and (_dated_blocks(lines) >= 2 or _dated_list(lines)):
        return "education"
    if kind == "other" and heading_kind(heading) is None and _tile_rows(lines) >= 2:
        return "projects"  # "WORK" over a grid of numbered portfolio tiles
    opens_with_post = (
        bool(lines)
        and not find_dates(lines[0])
        and any(ln.startswith("- ") and _dated_fields(ln[2:]) for ln in lines[1:3])
    )  # "Northern Society of Geologists, Leeds" over "- Member | 2015 – Present"
    if (
        kind == "other"
        and heading_kind(heading) is None
        and (_dated_blocks(lines[:3]) >= 1 or opens_with_post)
    ):
        # Only when the section opens with a role: a dated line deep in free text (an
        # infographic's timeline) does not make the text a list of roles.
        return "experience"
    return kind


def _dated_list(lines: list[str]) -> bool:
    """Two or more lines, each one course or certificate with its year at one end ("2025
    AZ-900 - Azure Fundamentals - Microsoft", "First Aid, Red Cross, 2019"): dated items,
    read as studies one line each."""
    edge = re.compile(r"^(?:19|20)\d\d\b|\b(?:19|20)\d\d\.?$")
    items = [line.removeprefix("- ") for line in lines]
    return len(items) >= 2 and all(
        edge.search(item) and len(item.split()) >= 3 and not _is_date_line(item) for item in items
    )


def _dated_blocks(lines: list[str]) -> int:
    """How many dated header lines are each followed by a line of their own (a title, a
    place, a description): the shape of entries, not of a list of dated items."""
    count = 0
    for index, line in enumerate(lines[:-1]):
        text = line.removeprefix("- ")
        if not _is_header_date_line(text) or _FACT_LINE.match(text):
            continue
        following = lines[index + 1]
        if not _is_header_date_line(following.removeprefix("- ")):
            count += 1
    return count


def _is_header_date_line(line: str) -> bool:
    """A short line holding a date range, as an entry's header prints it."""
    return bool(find_dates(line)) and len(line) <= 100


def join_paragraphs(lines: list[str]) -> str:
    """Undo hard line breaks inside sentences; bullets and finished sentences keep theirs."""
    out: list[str] = []
    for line in lines:
        if out and not line.startswith("- ") and not _SENTENCE_END.search(out[-1]):
            previous = out[-1]
            if line[:1].islower() or (len(previous) >= 50 and not previous.startswith("- ")):
                out[-1] = f"{previous} {line}"
                continue
        out.append(line)
    return "\n".join(out)


def _split_items(lines: list[str], *, by_comma: bool) -> list[str]:
    items: list[str] = []
    for line in lines:
        line = line.removeprefix("- ").strip()
        label, colon, rest = line.partition(":")
        if colon and rest.strip() and len(label) < 30 and "//" not in rest[:3]:
            # "Programming languages: Python, Java" keeps its label: one item, as printed.
            if line not in items:
                items.append(line)
            continue
        pattern = r"\s*[|•·;,]\s*" if by_comma else r"\s*[|•·;]\s*"
        for part in re.split(pattern, line):
            part = part.strip(" .")
            if part and part not in items:
                items.append(part)
    return items


def _continues_bullet(line: str, bullet: str, following: list[str], strict: bool) -> bool:
    """Whether `line` is the wrapped tail of `bullet` (the PDF broke it, not the author)."""
    if line[:1].islower() or _CONNECTOR_END.search(bullet):
        return True
    if not strict or find_dates(line) or _SENTENCE_END.search(bullet):
        return False
    # "...using Java and Spring" / "Boot": a word or two, with more bullets right after.
    short = len(line.split()) <= 2 and not line.isupper()
    return short and (not following or following[0].startswith("- "))


def _is_date_line(line: str) -> bool:
    text = line.removeprefix("- ").strip()
    match = find_dates(text)
    return bool(match) and len(text) - len(match.group(0)) <= 12 and len(text) < 45


def _unbullet_headers(lines: list[str]) -> list[str]:
    """Word lists mark every paragraph as a bullet, headers too: a dates line and the line
    just above it are a role's header, not achievements."""
    out = list(lines)
    under_head = False  # the last plain line above is an undated head (an employer, a school)
    for index, line in enumerate(lines):
        if line.strip() and not line.startswith("- "):
            under_head = not find_dates(line)
        if line.startswith("- ") and (_is_date_line(line) or _dated_item(line[2:])):
            out[index] = line[2:].strip()
        elif line.startswith("- ") and under_head and _dated_fields(line[2:]):
            # "First University, Town" over "- PhD in Physics | 2015 – 2019" and "- MSc in
            # Physics | 2013 – 2014": posts or degrees listed as items under the employer or
            # school, each with its dates after a bar, are headers of their own.
            out[index] = line[2:].strip()
        elif line.startswith("- ") or not _header_with_dates(line):
            continue
        elif index and " | " not in out[index - 1]:
            continue  # only an item printed as fields ("Org | Place") is a header
        # LaTeX templates list each role as an item: "- Google | Mountain View, CA" over
        # "Software Engineer | Oct 2016 - Present". The item is the header's first line.
        above = out[index - 1] if index else ""
        if above.startswith("- ") and len(above) < 90 and not ends_sentence(above):
            out[index - 1] = above[2:].strip()
    return out


def _dated_fields(text: str) -> bool:
    """ "PhD in Physics | 2015 – 2019", "Project Officer, Research Unit | Oct 2007 – Jan
    2008": a few words, then a bar and the dates closing the line."""
    match = find_dates(text)
    if not match or text[match.end() :].strip(" .)"):
        return False
    head = text[: match.start()].rstrip()
    return head.endswith("|") and 1 <= len(head.split()) <= 14 and not ends_sentence(head[:-1])


def _closes_header(following: list[str]) -> bool:
    """Whether the line after a header's place line starts the details or the next entry
    (a list item, a dated line, the section's end), as a place closing a header does."""
    return not following or following[0].startswith("- ") or bool(find_dates(following[0]))


def _named_beside_dates(line: str) -> bool:
    """ "2020 - 2022 Champlain College": a line that opens on its dates, a name after them."""
    match = find_dates(line)
    return (
        bool(match) and match.start() <= 2 and bool(re.search(r"[^\W\d_]{3}", line[match.end() :]))
    )


def _fielded(line: str) -> bool:
    """Printed as fields ("Clerk — Gamma | last summer"): a header's shape, even undated."""
    return " | " in line or bool(re.search(r"\s[—–]\s", line))


def _dated_item(text: str) -> bool:
    """ "2015: Job title, Company": a list item that opens with its dates and names a role
    in a few words, the way academic and Markdown CVs list posts."""
    match = find_dates(text)
    if not match or match.start() > 0:
        return False
    rest = text[match.end() :]
    fields = re.match(r"\s*[:|–—-]\s+(?P<fields>\S.*)$", rest)
    return bool(fields) and len(fields.group("fields").split()) <= 10 and not ends_sentence(rest)


def _listed_entries(lines: list[str]) -> bool:
    """A section printed as a list of one-line entries ("- M.A. Subject (grade), University
    name and location"; "- BSc Physics, University of Leeds, 2015"): two or more items,
    each a few fields parted by commas, bars or dates, none a sentence."""
    if len(lines) < 2 or not all(line.startswith("- ") for line in lines):
        return False
    return all(
        len(line.split()) <= 15
        and not ends_sentence(line)
        and bool(re.search(r",|\s\|\s", line) or find_dates(line))
        for line in lines
    )


def _header_with_dates(line: str) -> bool:
    """A short line holding a date range beside one field ("Engineer | 2016 - Present")."""
    return bool(find_dates(line)) and len(line) < 120 and " | " in line


def parse_entries(
    lines: list[str], *, strict_wraps: bool = True, kind: str = "experience"
) -> list[Entry]:
    """Group a section's lines into roles, studies or projects: header lines, then bullets.

    Blank lines in `lines` are the vertical gaps the layout left; where a section uses them
    to part its entries they weigh in `entry_start_score`."""
    views = _line_views(lines)
    gaps = _gaps_part_entries(views)
    entries: list[Entry] = []
    printed: list[str] = []  # each entry's header lines as printed
    heads: list[list[str]] = []  # each entry's header lines
    header: list[str] = []
    current: Entry | None = None

    lone_item = False  # the entry's first bullet is a list of one item, right under it
    settled: list[Entry] = []  # entries whose header said by its marks which part is which

    def close() -> None:
        nonlocal current, header, lone_item, unmarked
        if current is not None:
            lines_read = _with_group_head(header, heads[-1] if heads else [])
            if _fill_header(current, lines_read, kind):
                settled.append(current)
            if kind != "projects" and header:
                _role_from_item(current, lone=lone_item or len(current.bullets) == 1)
            entries.append(current)
            printed.append(" ".join(header))
            heads.append(lines_read)
        current, header, lone_item, unmarked = None, [], False, False

    texts = _unbullet_headers([view.text for view in views])
    # Entries that open on their dated line ("Scientist, NIH | 2014-2016" over what was
    # done): an undated line after a role's details is one more detail, never a new role.
    opening = next((line for line in texts if not line.startswith("- ")), "")
    dated_first = _is_header_date_line(opening) and not _is_date_line(opening)
    # Entries that open on a line in capitals ("NORTHGATE UNIVERSITY | Leeds" over the
    # degree and the faculty): an undated line opens an entry only when printed so.
    caps_heads = (
        _caps(opening)
        and not find_dates(opening)
        and not all(_caps(t) for t in texts if not t.startswith("- "))
    )
    listing = False  # the lines read are the items of a list a colon opened
    unmarked = False  # the entry's details so far are lines with no list mark
    for index, (line, view) in enumerate(zip(texts, views, strict=True)):
        if line.startswith("- "):
            if current is None:
                current = Entry()
            if not current.bullets and header:
                lone_item = not texts[index + 1 : index + 2] or not texts[index + 1].startswith(
                    "- "
                )
            current.bullets.append(line[2:].strip())
            continue
        if (
            current is not None
            and len(header) >= 2
            and (not current.bullets or unmarked)
            and _named_beside_dates(header[0])
            and not any(map(find_dates, header[1:]))
            and not find_dates(line)
            and not _fielded(line)
            and not (_place_like(line) and _closes_header(texts[index + 1 : index + 2]))
            and not view.gap_before
        ):
            # "2020 - 2022 Champlain College" / "Adjunct in Mathematics" / "Discrete
            # Mathematics" / "Calculus II": the employer beside the dates, the post under
            # them; lines after that, unmarked, list what the post did (courses taught).
            current.bullets.append(line)
            unmarked = True
            continue
        opened = (current.bullets[-1] if current.bullets else header[-1]) if current else ""
        listing = listing or opened.endswith(":")
        if listing and not find_dates(line) and not _fielded(line) and not view.gap_before:
            # "Courses developed:" then "Learn Python for Data Science" ...: a line ending
            # on a colon opens a list; the unmarked lines after it are its items, up to
            # the next dated line.
            current.bullets.append(line)  # type: ignore[union-attr]
            continue
        listing = False
        if current is not None and current.bullets and _web_address(re.sub(r"^\W+\s*", "", line)):
            # "https://acme.example/" printed under a role's details (a designer template
            # links the employer there): the role's own link, not the next role's header.
            current.bullets.append(line)
            continue
        if current is not None and current.bullets:
            following = texts[index + 1 : index + 3]
            if _continues_bullet(line, current.bullets[-1], following, strict_wraps):
                current.bullets[-1] += " " + line
                continue
            if not find_dates(line) and (len(line) > 70 or ends_sentence(line) and len(line) > 30):
                current.bullets.append(line)  # a sentence between bullets, not a new role
                continue
            if dated_first and not find_dates(line) and not _fielded(line):
                current.bullets.append(line)
                continue
            if (
                not find_dates(line)
                and _FACT_LINE.match(line)
                and (any(map(find_dates, header)) or not _FIELD_LABEL.match(line))
            ):
                # "GPA: 3.93" under a degree's bullets, "Tecnologías: Vue, Vuetify" under a
                # project's: a labelled fact closes what the item says; it names no entry
                # (unless its label is a header's field: "Company: Acme").
                current.bullets.append(line)
                continue
            if gaps and not view.gap_before and not any(map(find_dates, [line, *following])):
                # Where gaps part the entries, an undated line with none before it, and no
                # dates right after it, is one more line of this role (a bullet whose mark
                # the PDF drew as a picture).
                current.bullets.append(line)
                continue
            close()
        if current is None:
            current = Entry()
        header_has_dates = any(find_dates(h) for h in header)
        prose = (len(line) > 60 and not _title_case(line) or ends_sentence(line)) and (
            " | " not in line and not _comma_fields(line)
        )
        if (
            prose
            and not current.bullets
            and ROLE_WORDS.search(line)
            and len(line.split()) <= 12
            and not any(ROLE_WORDS.search(h) for h in header)
        ):
            # "Bachelor of Science in Interdisciplinary Engineering – Robotics Focus" under
            # "University, Town May 2023": a long title is still part of the header.
            prose = ends_sentence(line)
        if header and not current.bullets and line[:1] == "(" and not view.gap_before:
            header.append(line)  # "(DATABRASIL), Guarulhos/Brasil.": the header line wrapped
            continue
        broken = header and _CONNECTOR_END.search(header[-1])
        if broken and not current.bullets and line[:1].islower():
            # "... y apoyo técnico a la" / "infraestructura docente presencial, Matchmind
            # S.L.": the header line broke in the middle of a phrase.
            header[-1] = f"{header[-1]} {line}"
            continue
        if (
            dated_first
            and len(header) == 1
            and find_dates(header[0])
            and not find_dates(line)
            and not _fielded(line)
            and len(line.split()) >= 4
            and not _title_case(line)
            and _mostly_lower(line)
            and not re.search(r",\s*\|", header[0])
        ):
            # "Judge, Regional Science Fair | 2022" over "Scored posters in the physics
            # track": under a role that opens on its dated line, a phrase in lower case
            # says what was done; it is not the employer.
            current.bullets.append(line)
            continue
        again = (
            _period_again(header, line)
            if not dated_first and not current.bullets and not view.gap_before
            else None
        )
        if again:
            # "Winter 2018 – 2019 / Town" then "Winter 2019 – 2020 / Town" under one post:
            # the post held again, not a post of its own (it names no title).
            header[-1] = again
            continue
        if (
            len(header) == 2
            and not find_dates(header[0])
            and _is_date_line(header[1])
            and not dated_first
            and not current.bullets
            and not view.gap_before
            and not find_dates(line)
            and len(line) <= 80
            and not ends_sentence(line)
            and not _FACT_LINE.match(line)
            and not any(map(find_dates, texts[index + 1 : index + 2]))
        ):
            # "Press Officer" / "2018 - 2020" / "Harbour Communications, Bergen": a line
            # printed right under a title and its dates, with no dates of its own after it,
            # names the employer; it does not open the next role.
            header.append(line)
            continue
        bar = header[-1].rfind(" | ") if header and _dated_fields(header[-1]) else -1
        if (
            bar > 0
            and header[-1][:bar].endswith(",")
            and not current.bullets
            and not view.gap_before
            and not find_dates(line)
        ):
            # "Project Officer, Department of Physics, | 2007 – 2008" over "Research
            # Division": the field before the dates ended on a comma and goes on below.
            header[-1] = f"{header[-1][:bar]} {line}{header[-1][bar:]}"
            continue
        opens = header and entry_start_score(line, view.gap_before, header, gaps) > 1
        if dated_first and not find_dates(line) and not _fielded(line):
            opens = False  # a gap (a page break) before a detail does not open a role
        if caps_heads and header and not find_dates(line):
            opens = _caps(line) and any(map(find_dates, header))
        if (
            header_has_dates
            and not find_dates(line)
            and _FACT_LINE.match(line)
            and not _FIELD_LABEL.match(line)
            and not opens
        ):
            current.bullets.append(line)  # "GPA: 3.8" under a dated header: a fact about it
            continue
        if header_has_dates and not find_dates(line) and prose and not (opens and view.gap_before):
            current.bullets.append(line)  # prose description under a role
            continue
        if opens:
            close()
            current = Entry()
        elif header and _complete(header) and not find_dates(line):
            # "Python Javascript System Design" printed under "Dos Monos.- ... | 2021 - 2024"
            # with no gap: a detail of the role just read, not the next role's title.
            current.bullets.append(line)
            continue
        header.append(line)
    close()
    entries = _group_roles(entries, printed)
    if kind == "education":
        entries = _degrees_under_one_school(entries)
    if kind == "experience":
        _follow_section_order(entries, printed, settled)
    return entries


def _degrees_under_one_school(entries: list[Entry]) -> list[Entry]:
    """ "May 2014 | SUNY Potsdam" over "M.A. in Mathematics" and "B.A. in Mathematics": a
    second degree printed right under the first, opening on a degree's word as the first
    does, is a degree of its own at the same school and date."""
    out: list[Entry] = []

    def degree_line(text: str) -> bool:
        return (
            bool(ROLE_WORDS.match(text))
            and len(text.split()) <= 12
            and not ends_sentence(text)
            and not find_dates(text)
            and ":" not in text
        )

    for entry in entries:
        out.append(entry)
        if (
            not entry.title
            and entry.organisation
            and len(entry.bullets) >= 2
            and all(map(degree_line, entry.bullets[:2]))
        ):
            entry.title = entry.bullets.pop(0)  # the school's first degree, then the next
        first = entry.bullets[0] if entry.bullets else ""
        if (
            entry.title
            and entry.organisation
            and ROLE_WORDS.match(entry.title)
            and degree_line(first)
        ):
            out.append(
                Entry(
                    title=first,
                    organisation=entry.organisation,
                    dates=entry.dates,
                    location=entry.location,
                    bullets=entry.bullets[1:],
                )
            )
            entry.bullets = []
    return out


def _follow_section_order(
    entries: list[Entry], printed: list[str], settled: list[Entry] | None = None
) -> None:
    """A section prints every header in one order ("Employer | Title | dates" or "Title |
    Employer | dates"). Where the words of two or more headers show that order and none
    goes against it, a header whose words say nothing (a "Barista" at "Blue Bottle") is
    read in the same order."""
    orders: list[tuple[Entry, bool, bool] | None] = []
    for entry, text in zip(entries, printed, strict=False):
        at_title, at_org = text.find(entry.title), text.find(entry.organisation)
        if not entry.title or not entry.organisation or min(at_title, at_org) < 0:
            orders.append(None)
            continue
        said = bool(ROLE_WORDS.search(entry.title) or ORG_WORDS.search(entry.organisation))
        against = bool(ROLE_WORDS.search(entry.organisation) or ORG_WORDS.search(entry.title))
        if any(entry is done for done in settled or []):
            said, against = True, False  # "Post: Employer": its colon said the order
        orders.append(
            (entry, at_title < at_org, said and not against) if not (said and against) else None
        )
    shown = {title_first for item in orders if item and item[2] for title_first in [item[1]]}
    if len(shown) != 1 or sum(1 for item in orders if item and item[2]) < 2:
        return
    (title_first,) = shown
    for item in orders:
        if item and not item[2] and item[1] != title_first:
            entry = item[0]
            entry.title, entry.organisation = entry.organisation, entry.title
    # "Cashier, Target" among "Night Manager, Harbour Hotel" headers: the comma the
    # section puts between title and employer parts this one too.
    between = {
        text[text.find(e.title) + len(e.title) : text.find(e.organisation)].strip()
        for item, text in zip(orders, printed, strict=False)
        if item and item[2] and item[1]
        for e in [item[0]]
    }
    if title_first and between == {","}:
        for entry in entries:
            if (
                not entry.organisation
                and ", " in entry.title
                and not ROLE_WORDS.search(entry.title.partition(", ")[2])
            ):
                entry.title, _, entry.organisation = entry.title.partition(", ")


_SMALL_WORDS = frozenset(
    {"a", "an", "and", "at", "de", "del", "el", "en", "for", "in", "la", "las", "los", "of"}
    | {"on", "the", "to", "y", "e", "und"}
)


def _period_again(header: list[str], line: str) -> str | None:
    """The header's dated last line with the period of `line` added after its own, when
    `line` repeats that line but for its dates (and the header has named the post above);
    else None."""
    if len(header) < 2 or any(map(find_dates, header[:-1])):
        return None
    last, here = find_dates(header[-1]), find_dates(line)
    if not last or not here or last.group(0) == here.group(0):
        return None
    rest = (line[: here.start()] + line[here.end() :]).strip()
    if rest and rest != (header[-1][: last.start()] + header[-1][last.end() :]).strip():
        return None
    return f"{header[-1][: last.end()]}, {here.group(0)}{header[-1][last.end() :]}"


def _comma_fields(line: str) -> bool:
    """ "Senior Software Engineer, Prisma, Oslo/Remote.": three or more short pieces parted
    by commas, each a capitalised name, are a header's fields even with a full stop after
    them; a sentence has verbs and small words between its commas."""
    pieces = [p.strip() for p in line.rstrip(".").split(", ")]
    return len(pieces) >= 3 and all(
        1 <= len(p.split()) <= 5 and p[:1].isupper() and not re.search(r"[.;:!?]\s", p)
        for p in pieces
    )


def _mostly_lower(line: str) -> bool:
    """A phrase, not a name: after its first word, at most a third of the words start with
    a capital ("Scored posters in the physics track", not "Graduated as M.Sc. Media")."""
    words = re.findall(r"[^\W\d_][\w.'’-]*", line)[1:]
    return bool(words) and sum(w[0].isupper() for w in words) * 3 <= len(words)


def _caps(line: str) -> bool:
    """A line whose words are printed in capitals (its dates and place aside)."""
    head = re.split(r"\s+[|—–]\s+", line)[0]
    return len(letters(head)) >= 4 and letters(head).isupper()


def _title_case(line: str) -> bool:
    """Every word but the little ones capitalised, as names are printed ("Data-Intensive
    Scalable Computing Laboratory (DISCL), TTU, Lubbock, Texas"): an employer or a place
    line however long, not a sentence of description, nor a labelled detail ("Master
    Thesis: Semi Automated Scoring")."""
    if re.match(r"^[^:]{1,30}:\s", line):
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", line) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.85 * len(words)


@dataclass
class _LineView:
    text: str
    gap_before: bool  # a blank line (a vertical gap in the layout) precedes it


def _line_views(lines: list[str]) -> list[_LineView]:
    views: list[_LineView] = []
    gap = False
    for line in lines:
        text = line.strip()
        if not text:
            gap = bool(views)
            continue
        if views and _SPLIT_DATE_END.search(views[-1].text) and re.match(r"\d", text):
            # "... / 2023-" then "11 - 2024-05": the layout wrapped a date in two.
            views[-1].text += text
            continue
        views.append(_LineView(text, gap))
        gap = False
    return views


_SPLIT_DATE_END = re.compile(r"(?<!\d)(?:19|20)\d\d[-/.]$")


def _gaps_part_entries(views: list[_LineView]) -> bool:
    """Whether the section's blank lines mark where entries part: some gaps, but not one
    after every line (double-spaced text says nothing about entries)."""
    headers = [v for v in views if not v.text.startswith("- ")]
    gaps = sum(v.gap_before for v in headers)
    return 1 <= gaps <= 0.6 * len(headers)


def _complete(header: list[str]) -> bool:
    """A header of two or more lines whose last line held the dates ("Title", "Org | 2019 -
    2021"): the role's header is read in full."""
    return len(header) >= 2 and bool(find_dates(header[-1])) and not _is_date_line(header[0])


def entry_start_score(line: str, gap_before: bool, header: list[str], gaps: bool) -> float:
    """How strongly `line` opens a new entry while an entry's header is being read (it
    does when the score is above 1). Features, by weight:

    - a date range when the header already has one: a second role (+4);
    - the header is complete, its dates on its last line (+2);
    - where blank lines part the section's entries: a gap before the line (+2), or none
      while the header already has its dates (-2.5);
    - a labelled fact ("GPA: 3.9", "Nota media: 8,5") never opens a role (-3)."""
    dated = bool(find_dates(line))
    header_dated = any(find_dates(h) for h in header)
    score = 0.0
    if dated and header_dated:
        score += 4
    if _complete(header):
        score += 2
    if gaps:
        if gap_before:
            score += 2
        elif header_dated:
            score -= 2.5
    if not dated and _FACT_LINE.match(line):
        score -= 3
    return score


def _with_group_head(header: list[str], previous: list[str]) -> list[str]:
    """A role printed under the previous role's group heading ("Freelancer" over each
    client; "University, Faculty | Collaborator" over each course taught): an entry whose
    first line is its dated line takes the undated lines the previous entry opened with."""
    if not header or not find_dates(header[0]):
        return header
    if _is_date_line(header[0]) and not _dated_fields(header[0]):
        return header  # dates alone ("2019 - 2021"), not a post named beside its dates
    head: list[str] = []
    for line in previous:
        if find_dates(line):
            break
        head.append(line)
    if not head or len(head) == len(previous):
        return header
    # Only a sibling printed like the previous role's dated line ("Client.- what | dates"):
    # a role with its own header ("Google — Engineer (2017 – 2019)") is not under the head.
    if _skeleton(header[0]) != _skeleton(previous[len(head)]):
        return header
    return [*head, *header]


def _skeleton(line: str) -> tuple[str, ...]:
    """A dated line's separators and where its dates sit: "Acme.- Tools | 2019 - 2021" and
    "Globex.- Shops | 2015 - 2018" share one."""
    match = find_dates(line)
    marked = line[: match.start()] + " \0 " + line[match.end() :] if match else line
    return tuple(re.findall(r"\s[|—–-]\s|\.-|\0|[()]", marked))


def _employer_as_printed(entry: Entry, header: str) -> str:
    """The employer line without its dates and place, in its own words and separators."""
    text = header.replace(entry.dates, " ") if entry.dates else header
    if entry.location and entry.location in text:
        text = text.replace(entry.location, " ")
    text = _strip_part(re.sub(r"\s+", " ", text).strip())
    parts = [p for p in (entry.title, entry.organisation) if p]
    if text and all(p in text for p in parts):
        return text
    return ", ".join(parts)


def _group_roles(entries: list[Entry], printed: list[str]) -> list[Entry]:
    """An employer printed once over several roles ("Acme Ltd, Leeds  2019 - Present" then
    "Engineer, 2021 - Present" ...): each role gets the employer; the employer's own line
    stays as an entry with its dates and place. A role belongs to the employer above it
    when it names only one of title and employer, or when its dates lie inside the
    employer's; what it names besides its title (a chapter, a team, a town) is its place."""
    employer = span = ""
    for index, entry in enumerate(entries):
        following = entries[index + 1] if index + 1 < len(entries) else None
        if (
            not entry.bullets
            and entry.dates
            and following is not None
            and following.dates
            and (
                bool(following.title) != bool(following.organisation)
                or _within(following.dates, entry.dates)
            )
            and not (entry.title and ROLE_WORDS.search(entry.title))
            # A list in reverse order of time: an entry wholly before this one is the next
            # of the list, not a post held under it.
            and not _ends_before(following.dates, entry.dates)
        ):
            employer, span = _employer_as_printed(entry, printed[index]), entry.dates
            entry.title, entry.organisation = "", employer
            continue
        if employer and bool(entry.title) != bool(entry.organisation):
            # "Embedded Systems Team, Aug 2021 - May 2023" under its club: a team, not an
            # employer of its own.
            title = entry.title or entry.organisation
            role, comma, unit = title.partition(", ")
            if comma and ROLE_WORDS.search(role) and not ROLE_WORDS.search(unit):
                # "Treasurer, DFW Chapter": the role, then the part of the employer it served.
                title, entry.location = role, ", ".join(p for p in (unit, entry.location) if p)
            entry.title, entry.organisation = title, employer
        elif employer and _within(entry.dates, span) and entry.organisation != employer:
            # "Junior Branch Advisor, SoCal Chapter, Feb 2024 - Jun 2025" under "CISV
            # International  Jun 2012 - Present".
            entry.location = ", ".join(p for p in (entry.organisation, entry.location) if p)
            entry.organisation = employer
        else:
            employer = span = ""
    return entries


def _ends_before(first: str, second: str) -> bool:
    """Whether the period `first` ends before the period `second` starts (by years)."""
    a, b = parse_period(first), parse_period(second)
    return a is not None and b is not None and not a.current and a.end[0] <= b.start[0] - 1


def _within(inner: str, outer: str) -> bool:
    """Whether the period `inner` lies inside the period `outer` (both as printed)."""
    a, b = parse_period(inner), parse_period(outer)
    if a is None or b is None:
        return False
    start, end = b.start, b.end
    if not b.start_month_known:
        start = (b.start[0], 1)
    if not b.end_month_known:
        end = (b.end[0], 12)
    return start <= a.start and (b.current or a.end <= end) and (a.start, a.end) != (start, end)


# "GPA: 3.93", "Nota media: 8,5": a short labelled fact, not a role's header.
_FACT_LINE = re.compile(r"^[^\W\d_][^:]{0,24}:\s*\S.{0,40}$")

# " en " is not a separator: Spanish titles and degrees use it ("Grado en Enfermería").
# "Pulpos.- Punto de venta...": Spanish CVs put ".-" between a name and its description.
_STRONG_SPLIT = re.compile(r"\s+[|—–@·•-]\s*|\s*[|—]\s*|\s+at\s+|(?<=\w)\.-\s+|\n")
# "Desarrollador Full stack en Softtek": in a role's header, "en" introduces the employer.
_ROLE_AT = re.compile(r"^(?P<title>.+?)\s+(?:en|at|para|@)\s+(?P<org>[A-Z0-9][^,]*)$")
# Labels some templates print before a role's fields ("Date: 2019 | Location: Paris").
_FIELD_LABEL = re.compile(
    r"\b(?:date|dates|location|place|company|employer|position|role|fecha|fechas|lugar|"
    r"ubicaci[oó]n|empresa|cargo|puesto)\s*:\s*",
    re.IGNORECASE,
)


def _strip_part(text: str) -> str:
    """Trim separators around a header part; a bracket goes only when it is unbalanced."""
    text = text.strip(" |/-–—,·:♦⋄•◆`")
    while text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].strip()
    while text.startswith("(") and text.count("(") > text.count(")"):
        text = text[1:].strip()
    return text.strip(" |/-–—,·:♦⋄•◆`")


ROLE_WORDS = re.compile(
    r"\b(?:engineer|developer|manager|director|designer|analyst|nurse|consultant|officer|"
    r"assistant|specialist|teacher|intern|internship|architect|scientist|administrator|"
    r"accountant|lead|head|founder|postdoc|post-doc|co-?founder|member|volunteer|coach|researcher|fellow|"
    r"contributor|president|vp|ceo|cto|cfo|coo|coordinator|technician|representative|"
    r"associate|executive|strategist|freelancer?|programmer|tutor|instructor|professor|"
    r"lecturer|student|owner|supervisor|agent|clerk|writer|editor|employee|advisor|adviser|mentor|missionary|misioner[oa]|"
    r"trainee|apprentice|assistant|chef|driver|operator|planner|buyer|auditor|"
    r"ingenier[oa]|desarrollador[a]?|programador[a]?|gerente|director[a]?|jef[ea]|analista|"
    r"consultor[a]?|coordinador[a]?|t[eé]cnic[oa]|asistente|auxiliar|profesor[a]?|becari[oa]|"
    r"investigador[a]?|enfermer[oa]|administrador[a]?|especialista|responsable|encargad[oa]|"
    r"practicante|colaborador[a]?|fundador[a]?|soci[oa]|miembro|voluntari[oa]|docente|"
    r"monitor[a]?|vendedor[a]?|dependiente|cajer[oa]|treasurer|secretary|delegate|chair|"
    r"chairman|chairperson|ambassador|captain|organi[sz]er|tesorer[oa]|secretari[oa]|"
    r"delegad[oa]|presidente|vicepresidente|"
    r"b\.?\s?s\.?c?|b\.?\s?a|m\.?\s?sc?|m\.?\s?a|mba|ph\.?\s?d|bachelor|master|m[aá]ster|"
    r"degree|diploma|licenciatura|licenciad[oa]|grado|doctorado|maestr[ií]a|ingenier[ií]a|"
    r"bachiller|bachillerato|baccalaureate|a[ -]levels?|gcses?|"
    r"certificate|certificaci[oó]n|certification|course|curso|associate)\b",
    re.IGNORECASE,
)
ORG_WORDS = re.compile(
    r"\b(?:inc|ltd|llc|llp|corp|corporation|company|gmbh|s\.?\s?a|s\.?a\.?s|s\.?l|ag|plc|"
    r"group|university|universidad|universitat|universit[eé]|universidade|college|school|"
    r"escuela|colegio|institute|instituto|institut|[eé]cole|hospital|clinic|cl[ií]nica|bank|banco|agency|"
    r"agencia|studio|labs?|laboratory|foundation|fundaci[oó]n|center|centre|centro|ministry|"
    r"ministerio|department|council|consulting|technologies|solutions|systems|services|"
    r"faculty|facultad|academy|academia|organization|organisation|organizaci[oó]n|club|"
    r"association|asociaci[oó]n|society|network|cooperative|partners|holdings|media|"
    r"self-employed|freelance|aut[oó]nomo|sistemas|soluciones|servicios|consultores|"
    r"consultor[ií]a|grupo|empresa|compa[ñn][ií]a|ltda|sociedad|cooperativa|funda[çc][ãa]o|"
    r"universidade|faculdade|col[ée]gio|prefeitura|hospitalario|ayuntamiento|gobierno|"
    r"government|agencia|oficina|office|direcci[oó]n nacional|secretar[ií]a|church|iglesia|"
    r"parish|parroquia|ministries|army|navy|ej[eé]rcito)s?\b",
    re.IGNORECASE,
)


# Stands for ", " inside brackets while a header is split: "GreenLab (Department of
# Physics, North Campus)" is one part, never parted at its comma.
_BRACKETED_COMMA = ",\ue000"


def _header_parts(text: str) -> list[str]:
    """The header's parts, split at its separators; commas inside brackets part nothing."""
    text = re.sub(r"\([^()]*\)", lambda m: m.group(0).replace(", ", _BRACKETED_COMMA), text)
    parts: list[str] = []
    for part in _split_parts(text):
        if parts and re.match(r"[a-zà-ÿ]{4,} [a-zà-ÿ]", part) and f"{parts[-1]}, {part}" in text:
            # "Regox, servicios informáticos": a piece in lower case after a comma says
            # what the name before it is; it is part of that name.
            parts[-1] = f"{parts[-1]}, {part}"
        else:
            parts.append(part)
    return [part.replace(_BRACKETED_COMMA, ", ") for part in parts]


def _split_parts(text: str) -> list[str]:
    parts: list[str] = []
    pieces: list[str] = []
    for part in _STRONG_SPLIT.split(_FIELD_LABEL.sub("", text)):
        left, slash, right = part.partition(" / ")
        # "Acme S.A.S / Coordinator": a slash parts employer and title, not two titles.
        other = right if ROLE_WORDS.search(left) else left
        employer_like = ORG_WORDS.search(other) or "." in other or other.isupper()
        if (
            slash
            and bool(ROLE_WORDS.search(left)) != bool(ROLE_WORDS.search(right))
            and (employer_like)
        ):
            pieces += [left, right]
        else:
            pieces.append(part)
    employer_elsewhere = [p for p in pieces if ORG_WORDS.search(p) and not ROLE_WORDS.search(p)]
    for part in pieces:
        part = _strip_part(part)
        if (
            ", " in part
            and not is_place(part)
            and ROLE_WORDS.search(part)
            # With the employer on a line of its own, a title is parted only from a long
            # phrase after it ("Ph.D. (Life Sciences), Graduate School of ... 'thesis'")
            # or from a unit of the employer ("B.A. (History), Department of History").
            and (
                not employer_elsewhere
                or len(part.partition(", ")[2].split()) > 8
                or ORG_WORDS.search(part.partition(", ")[2])
                and not ROLE_WORDS.search(part.partition(", ")[2])
            )
            # "Universidad de Buenos Aires, Facultad de Ingeniería": an employer and its
            # department, not a title and its employer.
            and not (
                ORG_WORDS.search(part.partition(", ")[0])
                and not ROLE_WORDS.search(part.partition(", ")[0])
            )
        ):
            # "Operations Manager, Acme Inc.": a title, then its employer.
            title, _, rest = part.partition(", ")
            parts += [title, rest]
        elif part:
            parts.append(part)
    parts = [_strip_part(p) for p in parts if _strip_part(p)]
    parts = _join_organisation_units(parts, text)
    if len(parts) == 1 and ", " in parts[0] and not _only_a_place(parts[0]):
        # "Analyst, Acme": a comma separates title and employer only when nothing else does.
        parts = [p.strip() for p in parts[0].split(", ") if p.strip()]
        if len(parts) > 2:
            parts = [parts[0], parts[1], ", ".join(parts[2:])]
    return parts


def _join_organisation_units(parts: list[str], text: str) -> list[str]:
    """ "Government of Ontario – Ministry of Culture", "State University – School of
    Business": an organisation and its unit, parted by a dash, both named by organisation
    words and neither naming a role, are one employer."""
    out: list[str] = []
    for part in parts:
        previous = out[-1] if out else ""
        if (
            previous
            and any(f"{previous}{dash}{part}" in text for dash in (" – ", " - ", " — "))
            and all(ORG_WORDS.search(p) and not ROLE_WORDS.search(p) for p in (previous, part))
        ):
            dash = next(d for d in (" – ", " - ", " — ") if f"{previous}{d}{part}" in text)
            out[-1] = f"{previous}{dash}{part}"
        else:
            out.append(part)
    return out


def _only_a_place(text: str) -> bool:
    """Whether a header's only part is a place ("Leeds, UK", "Toronto, Ontario"). A header
    names a post or an employer, so three capitalised pieces ("Lifeguard, City Pool,
    Bergen") or a name of three words after the comma ("Barista, Blue Bottle Coffee") are
    fields, whatever their shape."""
    if not is_place(text):
        return False
    pieces = text.split(", ")
    return len(pieces) == 2 and len(pieces[1].split()) <= 2


# The school's name starts at its keyword, or at a word that qualifies a school before it
# ("Pontificia Universidad Javeriana", "Royal College of Art", "State University").
_SCHOOL_START = re.compile(
    r"\s(?=(?:(?:Pontificia|Pontifical|Royal|National|Nacional|State|Federal|Technical|"
    r"T[eé]cnica|Polytechnic|Polit[eé]cnica|Catholic|Cat[oó]lica|Autonomous|Aut[oó]noma|"
    r"Imperial|Metropolitan|Metropolitana|Central|Open|Abierta)\s+)?"
    r"(?:Universidad|University|Universidade|Universit[àaé]t?|Instituto|Institute|"
    r"Colegio|College|Escuela|School|Academy|Academia|Facultad|Faculty|Hospital|Cl[ií]nica)\b)"
)


def _split_run_on(text: str) -> list[str]:
    """ "Especialista en Finanzas Universidad EAN" -> title, school: printed with no
    separator, the school starts at its keyword; a trailing acronym ("... SENA") too."""
    match = _SCHOOL_START.search(text)
    if match and match.start() > 0:
        return [text[: match.start()].strip(), text[match.end() :].strip()]
    acronym = re.search(r"\s((?:[A-Z]{2,}\s?)+)$", text)
    if acronym and acronym.start() > 0 and not ROLE_WORDS.search(acronym.group(1)):
        return [text[: acronym.start()].strip(), acronym.group(1).strip()]
    return [text]


# Countries written as capitals: a closed list, unlike employers' acronyms ("CETIL").
_COUNTRY_CODE = re.compile(r"U\.?S\.?A|U\.S|UAE|EUA|EE\.?\s?UU|RSA|PRC|ROK")


def _town(piece: str) -> bool:
    """ "Rexburg", "Florianópolis/Brasil.", "CA": a place name, not an acronym like "CETIL"."""
    text = piece.strip().rstrip(".")
    # "Reykjavík (and remote)": a note in brackets after the town says how it was worked.
    text = re.sub(r"\s*\([^()]*\)$", "", text) or text
    if _COUNTRY_CODE.fullmatch(text):
        return True  # "Michigan State University, USA"
    if not text or (text.isupper() and len(text) > 2) or ORG_WORDS.search(text):
        return False
    if text[:1].islower():
        return False  # places are written with a capital
    if re.search(r"\s(?:and|y|und|et|&)\s", text):
        return False  # "Conservation and Attractions": things named together, not a town
    return all(short_place(w.strip()) for w in text.split("/") if w.strip())


def _fill_header(entry: Entry, header: list[str], kind: str = "experience") -> bool:
    """Split an entry's header lines into title, organisation, location and dates.

    The parts are classed on their own words (a role word makes a title, an organisation
    word an employer, a town a place), on their shape ("Acme.- what Acme does" names an
    employer and describes it) and last on their order."""
    header = _rejoin_wrapped(header)
    if (
        len(header) == 2
        and not find_dates(header[0])
        and not ROLE_WORDS.search(header[0])
        and _dated_fields(header[1])
        and ", " in header[1]
        and ROLE_WORDS.search(header[1].partition(", ")[0])
        and kind == "experience"
    ):
        # "Acme Engineering, Town" over "Project Officer, Research Division | 2007 – 2008":
        # the undated line heads the post listed under it: it is the employer (and its
        # place), the dated line the post, whole, commas and all.
        entry.organisation, entry.location = _employer_line(header[0])
        match = find_dates(header[1])
        entry.dates = match.group(0).strip()
        entry.title = _strip_part(header[1][: match.start()])
        return False
    described = _described_employers(header)
    if described:
        names = [name for name, _ in described]
        # "10pines.- consultancy" over "Lattice.- the client": the employer, then the client.
        employer = names[0] if len(names) == 1 else f"{names[0]} ({', '.join(names[1:])})"
        entry.bullets += [what for _, what in described]
        header = [_without_description(line) for line in header]
        header = [line for line in header if line.strip(" |")]
        entry.organisation = employer
    text = "\n".join(header)
    match = find_dates(text)
    if match:
        entry.dates = match.group(0).strip()
        duration = _DURATION.match(text, match.end())
        if duration:
            # "2008 (1 mes)": how long, printed with the dates, is part of them.
            entry.dates += duration.group(0).rstrip()
        end = duration.end() if duration else match.end()
        line_tail = text[end:].split("\n", 1)[0]
        line_head = text[: match.start()].rsplit("\n", 1)[-1]
        beside = re.match(r"\s*\|\s*(?P<what>.+)$", line_tail)
        if (
            len(line_tail.split()) >= 6
            and line_tail.strip()[:1].isupper()
            and len(line_head.split()) >= 2
        ):
            # "... — Missionary Nov. 2018 - Nov. 2022 Worked 65+ hours weekly ...": what
            # follows the dates on the header line is the role's description.
            entry.bullets.insert(0, line_tail.strip())
            text = text[:end] + text[end + len(line_tail) :]
        elif (
            beside
            and len(beside.group("what").split()) >= 6
            and _mostly_lower(beside["what"])
            and not ROLE_WORDS.search(beside["what"])
            and re.search(r"[^\W\d_]", text[: match.start()])
        ):
            # "Jun 2024 – Sep 2024 | En Vidext, he aprendido a desarrollar...": the dates in
            # a margin, the description read beside them; a phrase, not a field.
            entry.bullets.insert(0, beside.group("what").strip())
            text = text[:end] + text[end + len(line_tail) :]
        text = text[: match.start()] + text[end:]
        text = re.sub(r"\(\s*\)", "", text)
    fact = _FACT_AFTER_SEMICOLON.search(text)
    if fact:
        # "Master of Science in Computer Science; GPA: 4.00", "Tohoku University, Japan,
        # Supervisor: T. Nakashizuka": the study, then a fact about it.
        entry.bullets.append(fact.group("fact").strip())
        text = text[: fact.start()] + text[fact.end() :]
    note = _TRAILING_NOTE.search(text)
    if note and _town(note.group("place")):
        # "..., Faculdade Eniac, Guarulhos/Brasil, Pre-grado.": a short note after the place
        # closes the header written as a sentence; it describes the entry.
        entry.bullets.append(note.group("note"))
        text = text[: note.start("note")].rstrip(" ,")
    posts: list[tuple[str, str]] = []
    settled = False

    def _post_and_name(m: re.Match[str]) -> str:
        if _FIELD_LABEL.match(m.group(0)) or len(m.group("post").split()) > 5:
            return m.group(0)
        posts.append((m.group("post").strip(), m.group("name").strip()))
        return f"{m.group('post')} | {m.group('name')}"

    if kind == "experience":
        # "Prácticas universitarias 3: Solver": a post, a colon, then the employer's name
        # (a few capitalised words, no list).
        text = re.sub(
            r"(?:^|(?<=\| ))(?P<post>[^:|\n,]{3,40}?):\s+"
            r"(?P<name>[A-ZÀ-Ý][^\s,:|]*(?: [^\s,:|]+){0,3})"
            r"(?=\s*(?:\||\n|$))",
            _post_and_name,
            text,
            flags=re.MULTILINE,
        )
    original = text
    dashed = [p for p in (_strip_part(x) for x in re.split(r"\s+[-–—]\s+", text.strip())) if p]
    if kind == "courses" and len(dashed) >= 2 and "\n" not in text.strip() and "|" not in text:
        # "AZ-900 - Azure Fundamentals - Microsoft": a course's line names the course (its
        # code and name may be parted by a dash too) and, after the last dash, its issuer.
        entry.title, entry.organisation = " - ".join(dashed[:-1]), dashed[-1]
        return False
    # Marks left around the dates ("`2019 - 2021`" from Markdown) are no part of the header.
    if _field_per_line(header):
        # "Oct 2022 - Dec 2023" / "Ever Nimble" / "Team Leader - Cyber Defence": where each
        # field has a line of its own, a dash inside a line qualifies that field (the team
        # a leader led); it parts nothing.
        text = re.sub(r"(?<=\S) ([-–]) (?=\S)", "\ue001\\1\ue001", text)
    parts = [
        part.replace("\ue001", " ")
        for part in _header_parts(text)
        if re.search(r"\w", part.replace("\ue001", " "))
    ]
    match = _ROLE_AT.match(parts[0]) if kind == "experience" and len(parts) == 1 else None
    if match and (ROLE_WORDS.search(match.group("title")) or _named_employer(match)):
        parts = [match.group("title"), match.group("org")]
    if len(parts) == 1 and ROLE_WORDS.search(parts[0]):
        parts = _split_run_on(parts[0])
    if not parts:
        return False
    # "Los Angeles, CA" split at its comma: the town and its state are one place.
    if (
        len(parts) >= 2
        and f"{parts[-2]}, {parts[-1]}" in original
        and _town(parts[-2])
        and (re.fullmatch(r"[A-Z]{2}", parts[-1]) or len(parts) >= 3 and _town(parts[-1]))
    ):
        parts[-2:] = [f"{parts[-2]}, {parts[-1]}"]
    # An employer's web address ("CISV International – cisv.org") goes with its place.
    named = [p for p in parts if not _web_address(p) and not ROLE_WORDS.search(p)]
    links = [p for p in parts if _web_address(p) and named]
    parts = [p for p in parts if p not in links]
    # Each part goes where its words say it belongs; order decides only what they leave open.
    # Words in brackets qualify a part ("GreenLab (Department of Engineering)"): a role
    # word there does not make the part a title.
    # "Boston, MA": a state's code is no M.A. degree.
    unbracketed = {p: re.sub(r"\([^()]*\)|,\s*[A-Z]{2}\b\.?|^[A-Z]{2}(?=,)", " ", p) for p in parts}
    title = next(
        (p for p in parts if ROLE_WORDS.search(unbracketed[p]) and not ORG_WORDS.search(p)), None
    )
    title = title or next((p for p in parts if ROLE_WORDS.search(unbracketed[p])), None)
    rest = [p for p in parts if p is not title]
    organisation = next((p for p in rest if ORG_WORDS.search(p)), None)
    rest = [p for p in rest if p is not organisation]
    first_line = _strip_part(header[0]) if header else ""
    if (
        title is None
        and kind != "education"
        and first_line in rest
        and len(header) >= 2
        and (organisation or not find_dates(header[1]) and len(rest) >= 2)
        and not (organisation and organisation in header[0])
        and "," not in first_line
        and len(first_line.split()) <= 6
    ):
        # "Lift Attendant (Part-Time)" over "Chicopee Ski Club" over the dates: a line of
        # its own above the employer's names the post, whatever words it uses.
        title = first_line
        rest = [p for p in rest if p != first_line]
        if organisation is None and _strip_part(header[1]) in rest:
            organisation = _strip_part(header[1])  # the employer's line right under it
            rest = [p for p in rest if p != organisation]
    places = [
        p
        for p in rest
        if is_place(p)
        and not _named_by_acronym(p)
        or "/" in p
        and _town(p)
        or _STATE_COUNTRY.fullmatch(p)
    ]
    if title is None and rest and (organisation is None or len(places) < len(rest)):
        title = next((p for p in rest if p not in places), rest[0])
        rest = [p for p in rest if p is not title]
    if (
        kind == "education"
        and title
        and not organisation
        and not ROLE_WORDS.search(title)
        and all(_place_like(p) for p in rest)
    ):
        # A name alone with no degree in it ("LA MARTINIERE FOR BOYS", "Grad. May 2011 |
        # Kolkata, India"): the school, the study left unsaid.
        title, organisation = None, title
    if organisation is None and rest:
        organisation = next((p for p in rest if p not in places), None)
        if organisation is None and re.fullmatch(r"[^,]+, [A-Z]{2}", rest[0]):
            pass  # "Los Angeles, CA": a town and its state, no employer on this line
        elif (
            organisation is None
            and title
            and not ROLE_WORDS.search(title)
            and len(rest) == 1
            and is_place(rest[0])
            and ", " in rest[0]
            and rest[0] in [_strip_part(line) for line in header]
            and any(title in line and find_dates(line) for line in header)
        ):
            # "Max-Planck-Institut, Jul 2022 - Aug 2023" over "Leipzig, Germany": a name
            # no word calls a post, printed beside the dates, and a place on a line of its
            # own: the name is the employer's.
            organisation, title = title, None
        elif organisation is None:
            # "Fernway Health, Remote": the employer comes before its place.
            first, _, where = rest[0].partition(", ")
            organisation, rest = first, [where, *rest[1:]]
        rest = [p for p in rest if p is not organisation and p]
    if organisation and ", " in organisation:
        # "Copperleaf Studio, San Francisco": places after the employer's name go to location.
        pieces = organisation.split(", ")
        places: list[str] = []
        while (
            len(pieces) > 1
            and (
                _town(pieces[-1])
                # "Texas A&M University, College Station, Texas": a town named like a school,
                # between the employer and a place already found.
                or places
                and short_place(pieces[-1])
                and not pieces[-1].isupper()
                and not ROLE_WORDS.search(pieces[-1])
                and ORG_WORDS.search(", ".join(pieces[:-1]))
            )
        ):
            places.insert(0, pieces.pop())
        first = ", ".join(pieces)
        if places and first.strip():
            organisation, rest = first, [", ".join(places), *rest]
    if organisation and ". " in organisation and not entry.location:
        # "Universidad Autónoma Metropolitana. Ciudad de México": a header written as
        # sentences names the place in its last one.
        name, _, last = organisation.rpartition(". ")
        if name.strip() and _town(last) and len(last.split()) <= 4:
            organisation, rest = name.strip(), [last.strip(), *rest]
    for part in list(rest):
        # "Master Project - PrIMA": a leftover printed right after the title belongs to it.
        for separator in (" - ", " – "):
            joined = f"{title}{separator}{part}"
            if title and not is_place(part) and not re.search(r"\d", part) and joined in original:
                title = f"{title}{separator}{part}"
                rest.remove(part)
                break
    short_name = rest[0] if organisation and rest else ""
    if (
        re.fullmatch(r"[A-Z]{2,10}", short_name)
        and not _COUNTRY_CODE.fullmatch(short_name)
        and f"{organisation}, {short_name}" in original
    ):
        # "Cetil Sistemas de Informática S/A, CETIL": the employer's short name.
        organisation = f"{organisation}, {rest.pop(0)}"
    if described:
        # The employer is known from its ".-" line: what is left is a title only if it
        # names a role; anything else ("Java Groovy Grails") describes the work.
        rest = [p for p in [title, organisation, *rest] if p and p != employer]
        title = next((p for p in rest if ROLE_WORDS.search(p) and not _place_like(p)), None)
        rest = [p for p in rest if p is not title]
        organisation = employer
        entry.bullets += [p for p in rest if not _place_like(p)]
        rest = [p for p in rest if _place_like(p)]
    if len(posts) == 1:
        post, name = posts[0]
        if not ORG_WORDS.search(post) and not ROLE_WORDS.search(name):
            # The colon said which is which, whatever words the two use.
            others = [p for p in [title, organisation, *rest] if p and p not in (post, name)]
            title, organisation, rest = post, name, others
            settled = True
    organisation, bracketed = _bracketed_place(organisation or "", any(map(_place_like, rest)))
    rest = [*bracketed, *rest]
    entry.title = title or ""
    entry.organisation = organisation
    # What is left is the role's place, or a line describing it ("Bing Maps Metrics Team",
    # "GPA: 3.5") that the header's lines ran into: a description is the role's first bullet.
    places = [p for p in rest if _place_like(p)]
    described = [p for p in rest if p not in places]
    for part in list(described):
        if _NOT_A_PLACE.search(part) and organisation and f"{organisation}, {part}" in original:
            # "NVIDIA, Virtual Cell Team": the team printed right after its employer is
            # the part of the employer the role served in.
            organisation = entry.organisation = f"{organisation}, {part}"
            described.remove(part)
    entry.bullets[:0] = described
    places += links
    if places:
        entry.location = ", ".join(places)
    if kind == "education":
        _field_after_degree(entry, original)
    if (
        kind == "projects"
        and entry.organisation
        and ROLE_WORDS.search(entry.title)
        and not ROLE_WORDS.search(entry.organisation)
    ):
        # "OpenTide (tide tables), Lead Developer": a project is named by its name; the
        # role played in it stands where an employer would.
        entry.title, entry.organisation = entry.organisation, entry.title
    return settled


def _field_after_degree(entry: Entry, text: str) -> None:
    """ "Doctor of Philosophy, Computer Science, Northgate University, Town": what sits
    between the degree and the school is the field studied; it goes with the degree."""
    if not entry.title or not entry.organisation or "," in entry.title:
        return
    match = re.search(
        rf"{re.escape(entry.title)}, (?P<field>[^,|\n]{{2,50}}), (?P<next>[^,|\n]+)", text
    )
    if not match:
        return
    field = match.group("field").strip()
    if (
        ORG_WORDS.search(field)
        or ROLE_WORDS.search(field)
        or re.search(r"\d", field)
        or not ORG_WORDS.search(match.group("next"))
        or not entry.organisation.replace(f"{field}, ", "", 1).startswith(
            match.group("next").strip()
        )
    ):
        return
    entry.title = f"{entry.title}, {field}"
    entry.organisation = entry.organisation.removeprefix(f"{field}, ")
    pieces = [p for p in entry.location.split(", ") if p and p != field]
    entry.location = ", ".join(pieces)


def _named_employer(match: re.Match[str]) -> bool:
    """ "Camarero en Restaurante El Faro": a post of a few words, then a proper name of two
    or more capitalised words (or an organisation's word) after "en"/"at"."""
    title, org = match.group("title"), match.group("org")
    capitals = [w for w in org.split() if w[:1].isupper()]
    return (
        len(title.split()) <= 3
        and title[:1].isupper()
        and (len(capitals) >= 2 or bool(ORG_WORDS.search(org)))
    )


def _role_from_item(entry: Entry, lone: bool = True) -> None:
    """ "`2018 - 2020`" / "Harbour Communications" / "- Press Officer": a header that names
    only its employer, over a list of one short item, holds its post in that item.

    The Markdown CV template prints "dates Employer" then the post as the list's first
    item ("- Programador de software") over the items that describe the work: a first
    item that names a role by its words, shorter than every item after it, is the post
    too. "Employer · Town, Country" read as title, employer and place gives its employer
    back."""
    if not entry.bullets:
        return
    item = entry.bullets[0]
    pair = re.fullmatch(r"(?P<a>[^:]{3,80}?)\s+:\s+(?P<b>[^:]{3,80})", item)
    if lone and pair and not entry.title and not entry.organisation and not ends_sentence(item):
        # "2018-present" over "- Northfield Choral Academy : Board Member": under dates
        # alone, one item holds the employer and the post, parted by a spaced colon; the
        # side named by an organisation's word is the employer.
        a, b = pair.group("a").strip(), pair.group("b").strip()
        named = [bool(ORG_WORDS.search(x) and not ROLE_WORDS.search(x)) for x in (a, b)]
        if named.count(True) == 1:
            entry.organisation, entry.title = (a, b) if named[0] else (b, a)
            entry.bullets.pop(0)
        return
    sentence = re.match(r"(?P<head>.{3,80}?(?<=[^\W\d_]{3}))\.\s+(?P<rest>[A-ZÀ-Ý].*)$", item)
    if (
        sentence
        and bool(entry.title) != bool(entry.organisation)
        and not (entry.title and ROLE_WORDS.search(entry.title))
        and ROLE_WORDS.search(sentence.group("head"))
        and len(sentence.group("head").split()) <= 10
        and not ORG_WORDS.search(sentence.group("head"))
    ):
        # "Brown University, RI | 2019 - 2022" over "Ph.D. in Mathematics. Advisor: M.
        # Chan.": the detail's first sentence names the degree (or the post); the rest
        # says more about it.
        entry.organisation = entry.organisation or entry.title
        entry.title = sentence.group("head")
        entry.bullets[0] = sentence.group("rest")
        return
    if not lone and (
        not ROLE_WORDS.search(item)
        or any(len(b.split()) <= len(item.split()) for b in entry.bullets[1:])
    ):
        return
    limit = 9 if _title_case(item) and ROLE_WORDS.search(item) else 6
    # "B.M in Music Performance (summa cum laude)": words in brackets qualify the post.
    bare = re.sub(r"\s*\([^()]*\)", "", item)
    if (
        len(bare.split()) > limit
        or not item[:1].isupper()
        or ends_sentence(item)
        # "- Bachelor of Arts, Mathematics": a degree and its field, parted by a comma.
        or re.search(r"[:;]", item)
        or "," in item
        and not ROLE_WORDS.search(item.partition(",")[0])
        or find_dates(item)
        or item.lower() in _tool_words()
        # A post is named, its words capitalised ("Press Officer"), or by a role word; an
        # achievement ("Wrote code") is neither.
        or not ROLE_WORDS.search(item)
        and not all(w[0].isupper() for w in re.findall(r"[^\W\d_]{3,}", bare))
    ):
        return
    if (
        entry.title
        and entry.organisation
        and entry.location
        and not ROLE_WORDS.search(entry.title)
        and not ORG_WORDS.search(entry.organisation)
        and _town(entry.organisation)
        and ROLE_WORDS.search(item)
    ):
        # "PC Quality · Sabadell, España" over "- Técnico de hardware": the employer and
        # its place, the post under them.
        entry.location = f"{entry.organisation}, {entry.location}"
        entry.organisation, entry.title = entry.title, ""
    if bool(entry.title) == bool(entry.organisation):
        return
    if entry.title and ROLE_WORDS.search(entry.title):
        return  # the header names the post already
    entry.organisation = entry.organisation or entry.title
    entry.title = item
    entry.bullets.pop(0)


def _employer_line(text: str) -> tuple[str, str]:
    """ "Acme Engineering, Springfield, Ohio, USA" -> ("Acme Engineering", "Springfield,
    Ohio, USA"): a line that names only the employer, its place closing it."""
    name, *fields = [p for p in re.split(r"\s+[|—–·•]\s+", text) if p.strip()]
    pieces = [p.strip() for p in name.split(", ") if p.strip()]
    places: list[str] = []
    while len(pieces) > 1 and _town(pieces[-1]):
        places.insert(0, pieces.pop())
    # "Google LLC | Mountain View, CA": a field after a bar is the place.
    return ", ".join(pieces), ", ".join(p.strip() for p in [*places, *fields])


_DURATION = re.compile(
    r"\s*\(\s*\d+\s*(?:mes(?:es)?|months?|mos?\.?|años?|years?|yrs?\.?|semanas?|weeks?)\s*\)"
    # "2021 – 2023 [Summer]": the part of each year, printed with the dates.
    rf"|\s*[\[(]\s*(?:{SEASONS})s?\s*[\])]",
    re.IGNORECASE,
)
_FACT_AFTER_SEMICOLON = re.compile(
    r"(?:;|,(?=\s*[A-Z][\w ]{1,25}:\s))\s*(?P<fact>[^;|\n:]{1,30}:\s*[^;|\n]+?)\s*(?=\||\n|$)"
)
_TRAILING_NOTE = re.compile(r",\s*(?P<place>[^,|\n]+),\s*(?P<note>[A-ZÀ-Ý][^,|\n]{1,24}\.)\s*$")

# "Pulpos.- Punto de venta en la nube": an employer, then what it does (Spanish CVs).
_DESCRIBED = re.compile(r"^(?P<name>[^|.]{1,40}?)\.-\s+(?P<what>[^|]+?)\s*(?=\||$)")


def _described_employers(header: list[str]) -> list[tuple[str, str]]:
    found = []
    for line in header:
        match = _DESCRIBED.match(line)
        if match and not find_dates(match.group("what")):
            found.append((match.group("name").strip(), match.group("what").strip()))
    return found


def _without_description(line: str) -> str:
    return _DESCRIBED.sub("", line, count=1).strip(" |")


def _field_per_line(header: list[str]) -> bool:
    """A header printed one field a line: its dates alone on a line, and two or three more
    lines, none with a separator of its own but for dashes."""
    dated = [line for line in header if find_dates(line)]
    others = [line for line in header if not find_dates(line)]
    return (
        len(dated) == 1
        and _is_date_line(dated[0])
        and 2 <= len(others) <= 3
        and not any(re.search(r"\s[|·•—@]\s|\.-\s", line) for line in others)
    )


def _rejoin_wrapped(header: list[str]) -> list[str]:
    """Header lines the layout wrapped: a line opening with a bracket or a small letter
    ("(DATABRASIL), Guarulhos/Brasil.") goes on with the line above."""
    out: list[str] = []
    for line in header:
        if out and (line[:1] == "(" or line[:1].islower() and not find_dates(out[-1])):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


# Words that name a part of an organisation or a piece of work, never a town.
_NOT_A_PLACE = re.compile(
    r"\b(?:team|department|division|unit|squad|project|platform|product|equipo|"
    r"departamento|proyecto|plataforma)\b",
    re.IGNORECASE,
)


@cache
def _tool_words() -> frozenset[str]:
    """One-word names of tools and languages in the curated vocabulary ("java", "sql")."""
    return frozenset(
        alias.lower()
        for term in terms()
        if term.category == "tool"
        for alias in term.aliases
        if " " not in alias
    )


def _bracketed_place(organisation: str, placed: bool) -> tuple[str, list[str]]:
    """ "Microsoft (Bellevue, Estados Unidos)" -> ("Microsoft", ["Bellevue, Estados Unidos"]);
    a short name in brackets ("(CETYS)", "(KarrotPay)" beside "Seoul, S.Korea") stays with
    the employer. `placed`: the header names a place elsewhere."""
    match = re.fullmatch(r"(?P<name>.*\S)\s*\((?P<place>[^()]+)\)", organisation)
    if not match or match.group("place").isupper() or not _place_like(match.group("place")):
        return organisation, []
    if re.search(r"[a-z][A-Z]", match.group("place")) and "," not in match.group("place"):
        return organisation, []  # "(OpenWIM)", "(KarrotPay)": a short name, capitals inside
    if placed and "," not in match.group("place"):
        return organisation, []
    return match.group("name").strip(), [match.group("place").strip()]


# "MA, USA": a state's code and the country's.
_STATE_COUNTRY = re.compile(rf"[A-Z]{{2}}, (?:{_COUNTRY_CODE.pattern})")
# "Boston, MA", "Austin, TX": a town and its state's two-letter code.
_TOWN_STATE = re.compile(r"[A-Z][\w.'’ -]+, [A-Z]{2}\.?")


def _place_like(text: str) -> bool:
    """A place a role or a school is at: "Leeds", "Los Angeles, CA", "Remote", "Madrid
    (Spain)", "Florianópolis/Brasil.", "ME (VEMAC), São Paulo/Brasil." or a web address."""
    text = text.strip()
    if not text or not text[:1].isupper() and not _web_address(text):
        return False
    if _TOWN_STATE.fullmatch(text) or _STATE_COUNTRY.fullmatch(text):
        return True
    if _named_by_acronym(text) or ROLE_WORDS.search(text) or _NOT_A_PLACE.search(text):
        return False
    if any(word in _tool_words() for word in re.findall(r"[\w+#.]+", text.lower())):
        return False  # "Java Groovy Grails": the role's tools
    if is_place(text) or _web_address(text) or _town(text):
        return True
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    return (
        all(len(p.split()) <= 4 and p[:1].isupper() and not ROLE_WORDS.search(p) for p in pieces)
        and not _SENTENCE_END.search(text.rstrip("."))
        and ":" not in text
    )


def split_sections(
    lines: list[str], is_contact_line: Callable[[str], bool]
) -> tuple[list[str], list[Block]]:
    """The lines above the first heading, and one block per heading with the lines under it.
    `is_contact_line` tells when the contact block has been seen (a heading the vocabulary
    does not know is only trusted after it)."""
    style = _heading_style(lines)
    blocks: list[tuple[str, str, list[str]]] = []  # (kind, heading, lines)
    head: list[str] = []
    contact_seen = 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        kind = heading_kind(stripped)
        rest = ""
        inline = _inline_heading(stripped) if kind is None else None
        if inline and not _detail_between_entries(blocks, lines, index):
            kind, stripped, rest = inline
        if kind is None and style == "upper" and (glued := _glued_heading(stripped)):
            kind, stripped, rest = glued
        if kind is None and stripped:
            in_entries = bool(blocks) and blocks[-1][0] in ("experience", "education", "projects")
            head_done = blocks or contact_seen or len([h for h in head if h.strip()]) >= 4
            following = [ln for ln in lines[index + 1 : index + 4] if ln.strip()]
            if head_done and _unknown_heading(stripped, style, following, in_entries):
                kind = "other"
        if kind:
            blocks.append((kind, stripped.rstrip(":").strip(), [rest] if rest else []))
            continue
        if blocks:
            blocks[-1][2].append(line)
        else:
            head.append(line)
            if is_contact_line(line):
                contact_seen += 1
    return head, blocks


def _detail_between_entries(
    blocks: list[tuple[str, str, list[str]]], lines: list[str], index: int
) -> bool:
    """ "Tecnologías: Vue, Vuetify" after a project's list and before the next project's
    name and list, "Prácticas: Vidext | Valencia, Jun 2024 – Sep 2024" among dated roles: in
    a section of entries already under way, a labelled line that carries dates, or with
    entries going on after it (a name over a list, a dated line), is part of an entry, not
    a section of its own."""
    if not blocks or blocks[-1][0] not in ENTRY_KINDS:
        return False
    body = [ln.strip() for ln in blocks[-1][2] if ln.strip()]
    if not body or not any(map(find_dates, body)) and not body[-1].startswith("- "):
        return False
    if find_dates(lines[index]):
        return True
    after = [ln.strip() for ln in lines[index + 1 : index + 8] if ln.strip()][:3]
    if len(after) < 2 or heading_kind(after[0]) is not None:
        return False
    if not after[0].startswith("- ") and after[1].startswith("- "):
        return True  # the next project's name over its list
    return any(find_dates(line) for line in after) and not any(
        heading_kind(line) is not None for line in after
    )


def _web_address(text: str) -> bool:
    return bool(URL.fullmatch(text))
