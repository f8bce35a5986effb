"""The CV as plain text (for pasting into application forms) and as Markdown."""

from __future__ import annotations

from cvimprover.cv.document import CVDocument, Entry, Section
from cvimprover.cv.markdown import to_markdown


def contact_lines(document: CVDocument) -> list[str]:
    """Name, headline, then one line of contact details and one of links."""
    contact = document.contact
    lines = [contact.name] if contact.name else []
    if document.headline:
        lines.append(document.headline)
    details = [d for d in (contact.email, contact.phone, contact.location) if d]
    if details:
        lines.append(" | ".join(details))
    if contact.links:
        lines.append(" | ".join(link.url for link in contact.links))
    return lines


def entry_heading(entry: Entry) -> str:
    """ "Title | Organisation | Place": the bar keeps commas inside a title intact."""
    return " | ".join(p for p in (entry.title, entry.organisation, entry.location) if p)


def section_heading(section: Section) -> str:
    return section.heading or section.kind.title()


def cv_text(document: CVDocument) -> str:
    """Plain text with no markup: headings on their own line, "- " bullets."""
    out = contact_lines(document)
    for section in document.sections:
        out += ["", section_heading(section)]
        if section.text:
            out.append(section.text)
        for index, entry in enumerate(section.entries):
            if index:
                out.append("")
            if entry_heading(entry):
                out.append(entry_heading(entry))
            if entry.dates:
                out.append(entry.dates)
            out += [f"- {b}" for b in entry.bullets]
        if section.items:
            if section.kind in ("skills", "languages"):
                out.append(", ".join(section.items))
            else:
                out += [f"- {item}" for item in section.items]
    return "\n".join(out).strip() + "\n"


def cv_markdown(document: CVDocument) -> str:
    """The CV as Markdown (the same text as the report's `improved_markdown`)."""
    return to_markdown(document)
