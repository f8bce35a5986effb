"""Every template renders every kind of CV: with and without photo, one page and three."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from pdf_text import assert_in_order, page_texts, squash
from reportlab import rl_config

from cvimprover.cv.document import Contact, CVDocument, Entry, Section
from cvimprover.cv.render import TEMPLATES, RenderError, TemplateInfo, render_pdf
from cvimprover.cv.render.layout import default_meta
from cvimprover.cv.render.samples import sample_cv
from cvimprover.cv.render.templates import compact
from cvimprover.cv.render.templates.modern import SIDEBAR_KINDS


def page_count(pdf: bytes) -> int:
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def expected_order(document: CVDocument, template: str) -> list[str]:
    """What a reader (or an ATS) must find, in this order, in the extracted text."""
    pieces = [document.contact.name, document.headline]
    sections = document.sections
    if template == "modern":
        # The sidebar (contact, skills, languages...) comes as one block before the main column.
        pieces.append(document.contact.email)
        side = [s for s in sections if s.kind in SIDEBAR_KINDS and not s.entries]
        sections = side + [s for s in sections if s not in side]
    for section in sections:
        pieces.append(section.heading)
        if section.text:
            pieces.append(section.text)
        for entry in section.entries:
            pieces.append(entry.title)
            pieces.extend(entry.bullets)
        pieces.extend(section.items)
    return pieces


def test_registry_describes_each_template() -> None:
    assert {"classic", "modern", "compact"} <= set(TEMPLATES)
    for name, info in TEMPLATES.items():
        assert isinstance(info, TemplateInfo)
        assert info.name == name and info.title and info.description
    assert TEMPLATES["modern"].supports_photo


@pytest.mark.parametrize("pages", [1, 3])
@pytest.mark.parametrize("with_photo", [False, True], ids=["no-photo", "photo"])
@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_renders_and_round_trips(template, with_photo, pages, photo_jpeg) -> None:
    document = sample_cv(pages=pages)
    pdf = render_pdf(document, template, photo=photo_jpeg if with_photo else None)

    assert pdf.startswith(b"%PDF-")
    count = page_count(pdf)
    if pages == 1:
        assert count == 1
    else:
        # compact squeezes the long CV; the others take three pages.
        assert count == (2 if template == "compact" else 3)
    body = "\n".join(page_texts(pdf))
    assert_in_order(body, expected_order(document, template))
    for entry in document.sections[1].entries:
        for detail in (entry.organisation, entry.dates, entry.location):
            assert squash(detail) in squash(body)
    # The photo is embedded only where the template has a place for it.
    has_image = b"/Subtype /Image" in pdf
    assert has_image == (with_photo and TEMPLATES[template].supports_photo)


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_multi_page_output_is_numbered(template) -> None:
    pdf = render_pdf(sample_cv(pages=3), template)
    texts = page_texts(pdf, with_footer=True)
    assert len(texts) > 1
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_one_page_output_has_no_page_number(template) -> None:
    pdf = render_pdf(sample_cv(pages=1), template)
    assert "Page 1 of" not in page_texts(pdf, with_footer=True)[0]


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_no_heading_is_left_alone_at_a_page_foot(template) -> None:
    # Vary the amount of text so headings land at many heights on the page.
    for extra in range(0, 8, 2):
        document = sample_cv(pages=3)
        document.sections[1].entries[0].bullets.extend(
            [
                f"Extra achievement number {i} with enough words to take a line."
                for i in range(extra)
            ]
        )
        headings = {squash(s.heading) for s in document.sections}
        for text in page_texts(render_pdf(document, template))[:-1]:
            lines = [squash(line) for line in text.splitlines() if line.strip()]
            assert lines[-1] not in headings, f"orphan heading {lines[-1]!r}"


def test_compact_shrinks_a_slightly_long_cv_onto_one_page() -> None:
    document = sample_cv(pages=1)
    experience = document.sections[1]
    for _ in range(12):
        _, pages = compact._Layout(document, compact.THEME).build(default_meta(document))
        if pages == 2:
            break
        experience.entries.append(
            Entry("Engineer", "Firm", "2001 – 2002", "Oslo", ["Did useful work."] * 2)
        )
    assert pages == 2, "test CV never reached a second page"
    pdf = render_pdf(document, "compact")
    assert page_count(pdf) == 1
    assert_in_order("\n".join(page_texts(pdf)), expected_order(document, "compact"))


def _experience_cvs() -> list[CVDocument]:
    """CVs from half a page to three pages in compact: every way the fit can go."""
    documents = []
    for roles, bullets in [(2, 3), (5, 3), (6, 3), (7, 3), (8, 3), (9, 3), (10, 3), (4, 5),
                           (6, 5), (7, 5), (9, 5), (12, 5), (9, 8), (14, 8)]:  # fmt: skip
        document = sample_cv(pages=2)
        bullet_texts = [b for s in document.sections for e in s.entries for b in e.bullets]
        experience = next(s for s in document.sections if s.kind == "experience")
        experience.entries = [
            Entry(f"Engineer {n}", f"Firm {n}", f"{2000 + n} – {2001 + n}", "Oslo",
                  [bullet_texts[(n + i) % len(bullet_texts)] for i in range(bullets)])
            for n in range(roles)
        ]  # fmt: skip
        documents.append(document)
    return documents


def test_compact_measure_never_rules_out_a_scale_that_fits_one_page() -> None:
    """least_height is a lower bound: whenever a scale really gives one page, the measure
    said it might; and it does rule out the scales a long CV cannot fit at."""
    ruled_out = 0
    for document in _experience_cvs():
        for scale in (1, compact.LARGER, compact.SMALLEST):
            measured = compact._Layout(document, compact.THEME.scaled(scale))
            built = compact._Layout(document, compact.THEME.scaled(scale))
            _, pages = built.build(default_meta(document))
            if pages == 1:
                assert not measured.cannot_fit_one_page
            ruled_out += measured.cannot_fit_one_page
    assert ruled_out >= 10
    assert compact._Layout(
        sample_cv(pages=3), compact.THEME.scaled(compact.SMALLEST)
    ).cannot_fit_one_page


def test_compact_chooses_as_if_it_had_laid_out_every_scale(monkeypatch) -> None:
    """Measuring first changes how much work is done, not the PDF: the result is byte for
    byte the one from laying out every scale (natural; if two pages, the larger shrink
    that fits one page)."""
    monkeypatch.setattr(rl_config, "invariant", 1)  # no timestamps or random ids in the PDF
    outcomes = set()
    for document in _experience_cvs():
        meta = default_meta(document)
        built = {
            scale: compact._Layout(document, compact.THEME.scaled(scale)).build(meta)
            for scale in (1, compact.LARGER, compact.SMALLEST)
        }
        natural_pages = built[1][1]
        expected = built[1][0]
        if natural_pages == 2:
            for scale in (compact.LARGER, compact.SMALLEST):
                if built[scale][1] == 1:
                    expected = built[scale][0]
                    break
        outcomes.add((natural_pages, built[compact.LARGER][1], built[compact.SMALLEST][1]))
        assert render_pdf(document, "compact", meta=meta) == expected
    # The CVs cover fitting naturally, fitting only when shrunk, and not fitting at all.
    assert {(1, 1, 1), (2, 1, 1), (2, 2, 1), (2, 2, 2)} <= outcomes


def test_compact_lets_a_long_cv_flow_rather_than_lose_text() -> None:
    document = sample_cv(pages=3)
    pdf = render_pdf(document, "compact")
    assert page_count(pdf) >= 2
    assert_in_order("\n".join(page_texts(pdf)), expected_order(document, "compact"))


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_an_empty_document_still_renders(template) -> None:
    assert page_count(render_pdf(CVDocument(), template)) == 1


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_sparse_document_renders(template) -> None:
    document = CVDocument(
        contact=Contact(name="Solo"),
        sections=[
            Section(kind="other", heading="", text="Just a paragraph."),
            Section(kind="experience", heading="Work", entries=[Entry(organisation="Only Org")]),
            Section(kind="skills", heading="Skills", items=[]),
        ],
    )
    text = "\n".join(page_texts(render_pdf(document, template)))
    assert_in_order(text, ["Solo"])
    assert "Just a paragraph." in text and "Only Org" in text


def test_modern_sidebar_overflow_moves_to_the_main_column_without_loss() -> None:
    document = sample_cv(pages=1)
    skills = document.section("skills")
    skills.items = [f"Skill number {i}" for i in range(90)]
    pdf = render_pdf(document, "modern")
    body = squash("\n".join(page_texts(pdf)))
    for item in skills.items:
        assert squash(item) in body
    assert_in_order("\n".join(page_texts(pdf)), skills.items)


def test_unknown_template_lists_the_valid_names() -> None:
    with pytest.raises(RenderError) as caught:
        render_pdf(sample_cv(), "fancy")
    assert isinstance(caught.value, ValueError)
    for name in TEMPLATES:
        assert name in caught.value.message


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_wrapped_bullet_lines_share_one_left_edge(template) -> None:
    bullet = "Mentored five engineers " + "through their first on-call rotations " * 4 + "END"
    document = CVDocument(
        sections=[Section("experience", "Experience", entries=[Entry("Lead", bullets=[bullet])])]
    )
    pdf = render_pdf(document, template)
    pdfium_doc = pdfium.PdfDocument(pdf)
    try:
        textpage = pdfium_doc[0].get_textpage()
        text = textpage.get_text_range()
        starts = [text.index("Mentored")]
        # Every later line of the same bullet starts right after a line break.
        position = starts[0]
        while (position := text.find("\r\n", position + 1)) != -1 and "END" in text[position:]:
            starts.append(position + 2)
        assert len(starts) >= 2, "the bullet should wrap"
        lefts = {round(textpage.get_charbox(i, loose=True)[0], 1) for i in starts}
    finally:
        pdfium_doc.close()
    assert max(lefts) - min(lefts) < 0.6, lefts


@pytest.mark.parametrize("template", sorted(TEMPLATES))
@pytest.mark.parametrize(
    ("name", "headline"),
    [
        ("Maria-Magdalena Wiśniewska-Krzyżanowska von Hohenzollern-Sigmaringen", "Engineer"),
        ("Ana Lima", "Principal engineer, " * 12),
        ("Long " * 60, "Headline " * 300),
    ],
    ids=["long-name", "long-headline", "absurd"],
)
def test_long_names_and_headlines_are_never_cut(template, name, headline, photo_jpeg) -> None:
    document = sample_cv(pages=1, name=name)
    document.headline = headline
    pdf = render_pdf(document, template, photo=photo_jpeg)
    assert_in_order("\n".join(page_texts(pdf)), [name, headline, "Summary", "Experience"])


def test_modern_header_moved_out_of_the_band_is_not_white_on_white() -> None:
    document = sample_cv(pages=1, name="Long " * 60)
    document.headline = "Headline " * 300
    pdf = render_pdf(document, "modern")
    pdfium_doc = pdfium.PdfDocument(pdf)
    try:
        textpage = pdfium_doc[0].get_textpage()
        index = textpage.get_text_range().index("Headline")
        page = pdfium_doc[0]
        # Sample the pixel colour under the word: it must be dark text, not white.
        left, bottom, right, top = textpage.get_charbox(index)
        image = page.render(scale=2).to_pil().convert("L")
        height = page.get_height()
        box = (
            int(left * 2),
            int((height - top) * 2),
            int(right * 2) + 1,
            int((height - bottom) * 2) + 1,
        )
        assert image.crop(box).getextrema()[0] < 128
    finally:
        pdfium_doc.close()
