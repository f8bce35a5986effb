"""PDF-level promises: metadata, clickable links, language, previews, cover letters, limits."""

from __future__ import annotations

import io
import time

import pypdfium2 as pdfium
import pytest
from pdf_text import assert_in_order, page_texts
from PIL import Image

from cvimprover.cv.document import Contact, CVDocument, Entry, Link, Section
from cvimprover.cv.render import (
    TEMPLATES,
    PdfMeta,
    RenderError,
    render_cover_letter,
    render_pdf,
    render_preview,
)
from cvimprover.cv.render.samples import sample_cv


def metadata(pdf: bytes) -> dict[str, str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return document.get_metadata_dict()
    finally:
        document.close()


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_given_metadata_is_written(template) -> None:
    meta = PdfMeta(
        title="Łukasz Żółć – CV", author="Łukasz Żółć", subject="Backend", keywords=["Go", "SQL"]
    )
    info = metadata(render_pdf(sample_cv(), template, meta=meta))
    assert info["Title"] == "Łukasz Żółć – CV"
    assert info["Author"] == "Łukasz Żółć"
    assert info["Subject"] == "Backend"
    assert info["Keywords"] == "Go, SQL"


def test_default_metadata_comes_from_the_cv() -> None:
    document = sample_cv(name="Ελένη")
    info = metadata(render_pdf(document))
    assert info["Author"] == "Ελένη"
    assert "Ελένη" in info["Title"]
    assert info["Subject"] == document.headline
    assert "Python" in info["Keywords"]


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_email_and_links_are_clickable(template) -> None:
    document = sample_cv()
    document.contact.links.append(Link("Portfolio", "zoe.example.org/work"))
    document.contact.links.append(Link("Evil", "javascript:alert(1)"))
    pdf = render_pdf(document, template)
    assert b"/URI (mailto:zoe.odegard@example.com)" in pdf
    assert b"/URI (https://github.com/zoeodegard)" in pdf
    assert b"/URI (https://zoe.example.org/work)" in pdf
    assert b"javascript" not in pdf
    # The label still shows even though it is not a link.
    assert "Evil" in page_texts(pdf)[0]


def test_document_language_is_declared() -> None:
    document = sample_cv()
    document.language = "de"
    assert b"/Lang (de)" in render_pdf(document)


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_preview_is_a_png_of_page_one(template) -> None:
    png = render_preview(render_pdf(sample_cv(pages=3), template), width=300)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.width == 300
    assert 420 <= image.height <= 426  # A4's 1:√2
    # Not blank: the name and headings leave dark pixels.
    assert image.convert("L").getextrema()[0] < 100


@pytest.mark.parametrize("width", [17, 300, 600])
def test_preview_pixels_are_pdfiums_page_exactly(width) -> None:
    """Our own PNG encoder is lossless: decoded, it is PDFium's raster of page 1 pixel for
    pixel (odd widths too, where a row's bytes are not a multiple of four)."""
    pdf = render_pdf(sample_cv(pages=2), "modern")
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        expected = page.render(scale=width / page.get_width()).to_pil().convert("RGB")
    finally:
        document.close()
    image = Image.open(io.BytesIO(render_preview(pdf, width=width)))
    assert image.mode == "RGB"
    assert image.size == expected.size
    assert image.tobytes() == expected.tobytes()


def test_preview_rejects_junk() -> None:
    with pytest.raises(RenderError):
        render_preview(b"not a pdf")
    with pytest.raises(RenderError):
        render_preview(render_pdf(sample_cv()), width=0)


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_cover_letter_renders_in_each_template(template) -> None:
    contact = Contact(name="Дмитрий Петров", email="d@example.com", phone="+7 900 000")
    paragraphs = [
        "Dear hiring team,",
        "I am writing about the backend role. " * 30,
        "Ich freue mich auf Ihre Antwort & verbleibe mit freundlichen Grüßen.",
        "Дмитрий",
    ]
    pdf = render_cover_letter("\n\n".join(paragraphs), contact, template)
    assert_in_order("\n".join(page_texts(pdf)), [contact.name, contact.email, *paragraphs])
    assert metadata(pdf)["Author"] == contact.name
    assert b"/URI (mailto:d@example.com)" in pdf


def test_long_cover_letter_gets_page_numbers() -> None:
    text = "\n\n".join(f"Paragraph {i}. " + "Some sentence here. " * 40 for i in range(14))
    pdf = render_cover_letter(text, Contact(name="A"))
    texts = page_texts(pdf, with_footer=True)
    assert len(texts) >= 2
    assert f"Page 2 of {len(texts)}" in texts[1]


def test_cover_letter_refuses_empty_and_unknown_template() -> None:
    with pytest.raises(RenderError):
        render_cover_letter("  \n ", Contact(name="A"))
    with pytest.raises(RenderError):
        render_cover_letter("Hello", Contact(name="A"), "nope")


def test_absurdly_long_cv_is_refused_quickly() -> None:
    bullets = ["A long line of text that goes on and on for a while."] * 100
    document = CVDocument(
        sections=[
            Section("experience", "Experience", entries=[Entry("Role", bullets=bullets)] * 60)
        ]
    )
    started = time.perf_counter()
    with pytest.raises(RenderError) as caught:
        render_pdf(document)
    assert time.perf_counter() - started < 1
    assert "too long" in caught.value.message


def test_giant_unbreakable_word_does_not_crash() -> None:
    document = CVDocument(
        contact=Contact(name="X" * 400),
        sections=[Section("other", "Other", text="y" * 5000, items=["z" * 3000])],
    )
    for template in TEMPLATES:
        text = "".join(page_texts(render_pdf(document, template)))
        assert "".join(text.split()).count("y") == 5000


def test_bad_photo_is_a_render_error() -> None:
    with pytest.raises(RenderError):
        render_pdf(sample_cv(), "modern", photo=b"\xff\xd8not really a jpeg")


def test_pasted_data_without_spaces_is_refused_quickly() -> None:
    document = CVDocument(sections=[Section("other", "Other", text="QUJD" * 10_000)])
    started = time.perf_counter()
    with pytest.raises(RenderError, match="without spaces"):
        render_pdf(document)
    assert time.perf_counter() - started < 0.5
