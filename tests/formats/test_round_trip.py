"""Every output format, read back by our own extractor and parser, gives the same contact
fields, sections and entries as the CV it was made from (per template and format)."""

from __future__ import annotations

import json
import re

import pytest

from cvimprover.cv.document import CVDocument
from cvimprover.cv.export import cv_docx, cv_text
from cvimprover.cv.extract import extract_text
from cvimprover.cv.json_resume import to_json_resume
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.parse import parse_cv
from cvimprover.cv.render import TEMPLATES, render_pdf
from tests.formats.samples import english_cv, spanish_cv

FORMATS = {
    "pdf": lambda cv, template: (render_pdf(cv, template), "cv.pdf"),
    "docx": lambda cv, template: (cv_docx(cv, template), "cv.docx"),
    "text": lambda cv, template: (cv_text(cv).encode(), "cv.txt"),
    "json-resume": lambda cv, template: (json.dumps(to_json_resume(cv)).encode(), "cv.json"),
}


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("–", "-")).strip().casefold()


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def link(url: str) -> str:
    return re.sub(r"^(https?://)?(www\.)?", "", url).rstrip("/").casefold()


def heading_parts(entry) -> tuple[str, str, str]:
    """(title, organisation, dates) as read. The PDF templates print "Organisation · Place"
    (compact: "Title · Organisation · Place") and the parser does not split on the middle
    dot yet, so the PDF case is compared on those parts."""
    joined = fold(" · ".join([entry.title, entry.organisation]))
    parts = [p.strip(" ·") for p in joined.split(" · ") if p.strip(" ·")]
    return (parts[0] if parts else "", parts[1] if len(parts) > 1 else "", fold(entry.dates))


def read_back(data: bytes, filename: str) -> CVDocument:
    return parse_cv(normalise_text(extract_text(data, filename)))


CASES = [
    (template, output, language)
    for template in sorted(TEMPLATES)
    for output in sorted(FORMATS)
    for language in ("en", "es")
]


@pytest.mark.parametrize(("template", "output", "language"), CASES)
def test_output_reads_back_as_the_same_cv(template, output, language) -> None:
    cv = english_cv() if language == "en" else spanish_cv()
    data, filename = FORMATS[output](cv, template)
    back = read_back(data, filename)

    assert fold(back.contact.name) == fold(cv.contact.name)
    assert back.contact.email == cv.contact.email
    assert digits(back.contact.phone) == digits(cv.contact.phone)
    assert [link(ln.url) for ln in back.contact.links] == [link(ln.url) for ln in cv.contact.links]
    assert fold(back.contact.location) == fold(cv.contact.location)
    # Sections: the same kinds (two-column templates may put the sidebar first).
    assert sorted(s.kind for s in back.sections) == sorted(s.kind for s in cv.sections)
    for section in cv.sections:
        got = back.section(section.kind)
        assert got is not None, section.kind
        if output != "json-resume":  # JSON Resume names its own sections
            assert fold(got.heading) == fold(section.heading)
        assert [heading_parts(e) for e in got.entries] == [
            (fold(e.title), fold(e.organisation), fold(e.dates)) for e in section.entries
        ], section.kind
        assert [[fold(b) for b in e.bullets] for e in got.entries] == [
            [fold(b) for b in e.bullets] for e in section.entries
        ]
        assert [fold(i) for i in got.items] == [fold(i) for i in section.items]
        assert fold(got.text) == fold(section.text)


def test_docx_is_one_column_with_real_headings() -> None:
    import io

    import docx

    cv = english_cv()
    document = docx.Document(io.BytesIO(cv_docx(cv, "modern")))
    styles = [p.style.name for p in document.paragraphs]
    assert styles[0] == "Title"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [s.heading for s in cv.sections]
    assert document.tables == []
    body = document.element.body.xml
    assert "txbxContent" not in body and "w:num=" not in body  # no text boxes, one column
    # Same order as the PDF: every bullet, in order.
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == [b for s in cv.sections for e in s.entries for b in e.bullets]


def test_docx_bytes_depend_only_on_content() -> None:
    import time

    first = cv_docx(english_cv(), "classic")
    time.sleep(2.1)  # zip timestamps have a two-second resolution
    assert cv_docx(english_cv(), "classic") == first
    assert cv_docx(spanish_cv(), "classic") != first
