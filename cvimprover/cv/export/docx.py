"""The improved CV and its cover letter as Word documents.

Applicant tracking systems read DOCX best when it is plain: one column, real heading
styles, list bullets, no tables or text boxes. So every template gives the same structure
and only the type and accent colour follow the template; the content and its order are
those of the PDF.
"""

from __future__ import annotations

import datetime
import io

from cvimprover.cv.document import Contact, CVDocument

from .text import contact_lines, entry_heading, section_heading

# Fonts every Word install has, close to each template's look (DOCX does not embed fonts).
_FONTS = {"classic": "Georgia", "compact": "Arial", "modern": "Calibri"}


def _new_document(template: str, title: str, author: str):
    import docx
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    font_name = _FONTS.get(template, "Calibri")
    accent = RGBColor.from_string(_accent(template))
    normal = document.styles["Normal"]
    normal.font.name = font_name
    normal.font.size = Pt(10.5)
    for style_name in ("Title", "Heading 1", "Heading 2"):
        style = document.styles[style_name]
        style.font.name = font_name
        style.font.color.rgb = accent
    document.styles["Title"].font.size = Pt(24)
    document.styles["Heading 1"].font.size = Pt(13)
    document.styles["Heading 2"].font.size = Pt(11)
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.comments = "Made with CVImprover"
    return document


def _accent(template: str) -> str:
    from cvimprover.cv.render import theme

    try:
        return theme(template).accent_colour.lstrip("#").upper()
    except Exception:  # an unknown template name: the default accent
        return "1F3A5F"


def _save(document) -> bytes:
    """The document's bytes, the same for the same content: zip members get a fixed date
    (python-docx stamps the current time), so a download's ETag only changes with it."""
    import zipfile

    buffer = io.BytesIO()
    document.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


def cv_docx(cv: CVDocument, template: str = "classic") -> bytes:
    """The CV as DOCX: Title, contact lines, Heading 1 per section, Heading 2 per entry,
    its dates, then List Bullet paragraphs."""
    from docx.shared import Pt

    name = cv.contact.name or "CV"
    document = _new_document(template, f"{name} – CV", cv.contact.name)
    header = contact_lines(cv)
    if cv.contact.name:
        document.add_paragraph(header.pop(0), style="Title")
    if cv.headline and header and header[0] == cv.headline:
        document.add_paragraph(header.pop(0), style="Subtitle")
    for line in header:
        document.add_paragraph(line)
    for section in cv.sections:
        document.add_heading(section_heading(section), level=1)
        for paragraph in section.text.split("\n") if section.text else []:
            if paragraph.strip():
                if paragraph.startswith("- "):
                    document.add_paragraph(paragraph[2:], style="List Bullet")
                else:
                    document.add_paragraph(paragraph)
        for entry in section.entries:
            if entry_heading(entry):
                document.add_heading(entry_heading(entry), level=2)
            if entry.dates:
                run = document.add_paragraph().add_run(entry.dates)
                run.italic = True
            for bullet in entry.bullets:
                document.add_paragraph(bullet, style="List Bullet")
        if section.items:
            if section.kind in ("skills", "languages"):
                document.add_paragraph(", ".join(section.items))
            else:
                for item in section.items:
                    document.add_paragraph(item, style="List Bullet")
    for paragraph in document.paragraphs:
        paragraph.paragraph_format.space_after = Pt(3)
    return _save(document)


def cover_letter_docx(
    text: str, contact: Contact, template: str = "classic", *, today: datetime.date | None = None
) -> bytes:
    """The cover letter as DOCX, headed with the sender's contact details and the date."""
    document = _new_document(template, "Cover letter", contact.name)
    if contact.name:
        document.add_paragraph(contact.name, style="Title")
    details = [d for d in (contact.email, contact.phone, contact.location) if d]
    if details:
        document.add_paragraph(" | ".join(details))
    document.add_paragraph((today or datetime.date.today()).isoformat())
    for block in text.replace("\r\n", "\n").split("\n\n"):
        if block.strip():
            document.add_paragraph(block.strip())
    return _save(document)
