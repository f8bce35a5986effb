"""Names and text in any European script survive rendering and extraction intact."""

from __future__ import annotations

import pytest
from pdf_text import assert_in_order, page_texts, squash

from cvimprover.cv.document import Contact, CVDocument, Entry, Section
from cvimprover.cv.render import TEMPLATES, render_pdf
from cvimprover.cv.render.samples import sample_cv

NAMES = ["Łukasz Żółć", "Zoë Ødegård", "Дмитрий Шостакович", "Ελένη Παπαδοπούλου"]


@pytest.mark.parametrize("template", sorted(TEMPLATES))
@pytest.mark.parametrize("name", NAMES)
def test_unicode_names_render_and_extract(template, name) -> None:
    pdf = render_pdf(sample_cv(name=name), template)
    assert_in_order(page_texts(pdf)[0], [name])


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_mixed_scripts_and_punctuation_round_trip(template) -> None:
    bullets = [
        "Gestaltete die Straßenbahn-Software für Łódź – pünktlich, günstig, „zuverlässig“.",
        "Руководил командой из 7 инженеров; снизил задержки на 40 %.",
        "Σχεδίασε το σύστημα πληρωμών — 99,99 % διαθεσιμότητα.",
        "Quotes 'single' \"double\" and symbols € £ ¥ © ® ™ ½ → ✓",
    ]
    document = CVDocument(
        contact=Contact(name="Ελένη Żółć-Ødegård", email="eleni@example.gr"),
        headline="Инженер · Μηχανικός · Ingénieure",
        sections=[
            Section("experience", "Опыт работы", entries=[Entry("Ingénieure", bullets=bullets)])
        ],
    )
    text = "\n".join(page_texts(render_pdf(document, template)))
    assert_in_order(text, [document.contact.name, document.headline, "Опыт работы", *bullets])


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_markup_characters_are_text_not_tags(template) -> None:
    name = 'Ann <b>Bold</b> & "Co" <para> &amp; </font>'
    bullets = ["Used <script>alert(1)</script> & <br/> literally", "x < y > z && a <= b"]
    document = CVDocument(
        contact=Contact(name=name),
        headline="R&D <lead>",
        sections=[
            Section("experience", "Work & <Play>", entries=[Entry("Dev <1>", bullets=bullets)])
        ],
    )
    text = "\n".join(page_texts(render_pdf(document, template)))
    assert_in_order(text, [name, "R&D <lead>", "Work & <Play>", "Dev <1>", *bullets])


def test_control_characters_are_dropped_not_fatal() -> None:
    document = CVDocument(contact=Contact(name="Bad\x00Name\x07\x1b"), headline="a\ufffeb")
    text = page_texts(render_pdf(document))[0]
    assert "BadName" in text


def test_fonts_are_embedded() -> None:
    pdf = render_pdf(sample_cv(name="Łukasz Żółć"))
    assert b"/FontFile2" in pdf
    # None of the 14 standard fonts, which could not show Ł, Ж or Ω anyway.
    assert b"/Helvetica" not in pdf and b"/Times-Roman" not in pdf


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_no_hyphenation_even_with_pyphen_installed(template) -> None:
    # Long German and Polish compounds wrap in the narrow columns; none may gain a hyphen.
    words = "Rechtsschutzversicherungsgesellschaften Konstantynopolitańczykowianeczka " * 12
    document = CVDocument(
        contact=Contact(name="Test"),
        sections=[
            Section("summary", "Summary", text=words),
            Section("skills", "Skills", items=[words]),
        ],
    )
    text = "\n".join(page_texts(render_pdf(document, template)))
    for marker in ("-", "\u00ad", "\ufffe", "\x02"):
        assert marker not in text
    # A word wider than modern's sidebar is broken between letters (no hyphen added).
    assert squash(text).count("Rechtsschutzversicherungsgesellschaften") == 24
