"""Turn normalised CV text into a CVDocument: contact block, sections, roles and bullets.

Every line of the text ends up somewhere in the document, or in the `dropped` list the
caller passes, with the reason the user will read.
"""

from __future__ import annotations

import re

from cvimprover.cv.dates import find_dates
from cvimprover.cv.document import CVDocument, Section
from cvimprover.cv.entries import (
    ENTRY_KINDS,
    _dated_blocks,
    _is_header_date_line,
    build_section,
    heading_kind,  # noqa: F401  (read by header.py and docx_input.py)
    join_paragraphs,
    split_sections,
)
from cvimprover.cv.entries import ORG_WORDS as _ORG_WORDS  # noqa: F401  (header.py reads them)
from cvimprover.cv.entries import ROLE_WORDS as _ROLE_WORDS  # noqa: F401
from cvimprover.cv.header import (
    DOCUMENT_TITLES,
    EMAIL,
    contact_run,
    header_name,
    parse_contact_block,
    phone_in,
)
from cvimprover.cv.language import detect_language
from cvimprover.cv.vocabulary import heading_key

Dropped = list[tuple[str, str]]

_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:(?:page|p[aá]gina|p[aá]g\.?)\s*)?\d{1,3}(?:\s*(?:of|de|/)\s*\d{1,3})?[\W_]*$",
    re.IGNORECASE,
)
# Personal data a recruiter must not weigh, which the CV is better without.
_NOT_EXPECTED = (
    (
        re.compile(r"^(?:marital status|civil status|estado civil)\b", re.IGNORECASE),
        "marital status removed: not expected on a CV",
    ),
    (
        re.compile(
            r"^(?:references|referees|referencias)\s+(?:are\s+)?(?:available|disponibles)\b"
            r".{0,25}$",
            re.IGNORECASE,
        ),
        "'references available on request' removed: recruiters assume it",
    ),
)
# ---------------------------------------------------------------------------------------------
# The document


def parse_cv(
    text: str, dropped: Dropped | None = None, links: list[str] | None = None
) -> CVDocument:
    """Parse normalised CV text (see normalise.normalise_text) into a CVDocument.

    Lines left out on purpose are appended to `dropped` as (line, reason). `links` are link
    targets the file carries beside its text (a PDF's link annotations): icon-only contact
    links in designer templates exist only there."""
    dropped = [] if dropped is None else dropped
    lines = _drop_noise(text.split("\n"), dropped)
    head, blocks = split_sections(lines, lambda ln: bool(EMAIL.search(ln) or phone_in(ln)))
    _name_after_details(head, blocks)
    _return_stranded_entries(blocks)
    document = CVDocument()
    contact_lines = head + [ln for kind, _, body in blocks if kind == "contact" for ln in body]
    if not any(EMAIL.search(ln) or phone_in(ln) for ln in contact_lines):
        # No details at the top: a sidebar's contact block, read inside another section.
        for kind, _, body in blocks:
            run = contact_run(body) if kind != "contact" else None
            if run:
                contact_lines += body[run[0] : run[1]]
                del body[run[0] : run[1]]
                break
    document.contact, document.headline, leftovers = parse_contact_block(
        contact_lines, text, dropped, links
    )
    language = detect_language(text)
    for kind, heading, body in blocks:
        if kind == "contact":
            # The contact block shows these details; its own heading has nothing left to say.
            dropped.append((heading, "contact heading: its details are in the contact block"))
            continue
        section = build_section(kind, heading, body, dropped)
        existing = next(
            (s for s in document.sections if heading_key(s.heading) == heading_key(heading)), None
        )
        if existing is not None and existing.kind == kind:
            # A heading printed again (a second page, a sidebar): one section, both bodies.
            existing.entries.extend(section.entries)
            existing.items.extend(i for i in section.items if i not in existing.items)
            existing.text = "\n".join(t for t in (existing.text, section.text) if t)
        else:
            document.sections.append(section)
    _place_leftovers(document, leftovers, blocks, language)
    return document


def _name_after_details(head: list[str], blocks: list[tuple[str, str, list[str]]]) -> None:
    """A bar of details over a name in capitals ("a@b.es | Madrid" / "JOSÉ LUIS" /
    "MARTÍNEZ GARCÍA"): after the details, split_sections reads the name's lines as
    headings it does not know. Give them back to the header when they make its name."""
    if not head or not blocks or header_name(head):
        return
    best, name = 0, ""
    for taken in (1, 2):
        if len(blocks) < taken or blocks[taken - 1][0] != "other":
            break
        lines = [ln for _, heading, body in blocks[:taken] for ln in (heading, *body)]
        found = header_name([*head, *lines])
        if len(found) > len(name):  # the second heading is the rest of the name
            best, name = taken, found
    if best:
        head.extend(ln for _, heading, body in blocks[:best] for ln in (heading, *body))
        del blocks[:best]


def _return_stranded_entries(blocks: list[tuple[str, str, list[str]]]) -> None:
    """Designer templates print their headings down a margin: a heading ("Educación") may
    be read with no dated line under it while its entries ("2022-2026" over the school) are
    read on after the contact details, inside the contact block. Dated entries after a
    contact block's last detail go back under the entry heading left without dates."""
    for kind, _, body in blocks:
        if kind != "contact":
            continue
        details = [i for i, ln in enumerate(body) if EMAIL.search(ln) or phone_in(ln)]
        start = next(
            (
                i
                for i in range((details[-1] + 1) if details else 0, len(body))
                if _is_header_date_line(body[i].strip()) and _dated_blocks(body[i:]) >= 2
            ),
            None,
        )
        undated = [
            b for b in blocks if b[0] in ENTRY_KINDS and not any(find_dates(ln) for ln in b[2])
        ]
        if start is None or len(undated) != 1:
            continue
        undated[0][2].extend(["", *body[start:]])
        del body[start:]


def _drop_noise(lines: list[str], dropped: Dropped) -> list[str]:
    kept = []
    for line in lines:
        stripped = line.strip()
        if stripped and _PAGE_NUMBER.match(stripped) and not re.match(r"0\d", stripped):
            # "01", "02" number items in designer grids; page numbers do not start with 0.
            dropped.append((stripped, "page number"))
            continue
        if stripped.lower().strip(" .:") in DOCUMENT_TITLES:
            dropped.append((stripped, "document title: the file itself says it is a CV"))
            continue
        reason = next((why for pattern, why in _NOT_EXPECTED if pattern.match(stripped)), None)
        if reason:
            dropped.append((stripped, reason))
            continue
        kept.append(line)
    return kept


def _place_leftovers(
    document: CVDocument,
    leftovers: list[str],
    blocks: list[tuple[str, str, list[str]]],
    language: str,
) -> None:
    """Keep contact-block lines that are not contact details, under a heading of their own."""
    prose = [ln for ln in leftovers if len(ln) > 80 or ln.rstrip().endswith(".")]
    short = [ln for ln in leftovers if ln not in prose]
    if prose:
        summary = document.section("summary")
        joined = join_paragraphs(prose)
        if summary is not None:
            summary.text = "\n".join(t for t in (joined, summary.text) if t)
        else:
            heading = "Perfil" if language == "es" else "Profile"
            document.sections.insert(0, Section(kind="summary", heading=heading, text=joined))
    if short:
        printed = [h for kind, h, _ in blocks if kind == "contact"]
        default = "Datos personales" if language == "es" else "Personal details"
        heading = printed[0] if printed else default
        document.sections.append(Section(kind="other", heading=heading, text="\n".join(short)))
