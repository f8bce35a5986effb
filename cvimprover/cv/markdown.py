"""Render a CVDocument as Markdown (for the report) and as plain text (for analysis)."""

from __future__ import annotations

from cvimprover.cv.document import CVDocument, Entry


def _entry_line(entry: Entry) -> str:
    head = " — ".join(p for p in (entry.title, entry.organisation) if p)
    tail = " | ".join(p for p in (entry.location, entry.dates) if p)
    return f"{head} ({tail})" if head and tail else head or tail


def to_markdown(document: CVDocument) -> str:
    """The CV as Markdown: name, contact line, then each section in order."""
    contact = document.contact
    out = [f"# {contact.name or 'CV'}"]
    if document.headline:
        out.append(f"**{document.headline}**")
    details = [contact.email, contact.phone, contact.location]
    details += [link.url for link in contact.links]
    if any(details):
        out.append(" · ".join(d for d in details if d))
    for section in document.sections:
        out.append(f"\n## {section.heading or section.kind.title()}")
        if section.text:
            out.append(section.text)
        for entry in section.entries:
            out.append(f"\n### {_entry_line(entry)}")
            out.extend(f"- {b}" for b in entry.bullets)
        if section.items:
            out.append(", ".join(section.items))
    return "\n".join(out).strip() + "\n"


def document_text(document: CVDocument) -> str:
    """All the words of the CV body (no contact data), for scoring and fact checks."""
    out = [document.headline]
    for section in document.sections:
        out.append(section.heading)
        out.append(section.text)
        for entry in section.entries:
            out.append(_entry_line(entry))
            out.extend(entry.bullets)
        out.extend(section.items)
    return "\n".join(p for p in out if p)
