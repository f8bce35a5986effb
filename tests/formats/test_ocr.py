"""OCR: our own rendered CVs, rasterised into scans and photos (every template, English
and Spanish, 150-300 dpi, turned slightly, with speckle noise), read back."""

from __future__ import annotations

import re

import pytest
from PIL import Image

from cvimprover.cv import ocr
from cvimprover.cv.extract import extract_document
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.parse import parse_cv
from cvimprover.cv.render import render_pdf
from tests.formats.samples import (
    english_cv,
    image_pdf,
    jpeg,
    page_image,
    pdf_text,
    spanish_cv,
    word_accuracy,
)

# Slow (OCR reads rasterised pages: seconds per page): CI runs these once, in the PostgreSQL pass
pytestmark = pytest.mark.slow

# (template, language, dpi, angle, noise, container): one page each keeps this module
# to about a minute and a half on two shared cores.
SCANS = [
    ("classic", "en", 200, 0.6, 0.01, "pdf"),
    ("classic", "es", 150, -0.8, 0.005, "jpeg"),
    ("compact", "en", 300, -0.4, 0.01, "jpeg"),
    ("compact", "es", 200, 0.9, 0.01, "pdf"),
    ("modern", "en", 250, -0.7, 0.005, "pdf"),
    ("modern", "es", 200, 0.5, 0.01, "jpeg"),
]


@pytest.fixture(scope="module")
def scans() -> dict:
    """Each case's source CV, known text and what OCR read (through extract_document)."""
    results = {}
    for template, language, dpi, angle, noise, container in SCANS:
        cv = english_cv() if language == "en" else spanish_cv()
        pdf = render_pdf(cv, template)
        image = page_image(pdf, dpi, angle=angle, noise=noise)
        if container == "pdf":
            data, name = image_pdf(image, dpi), "scan.pdf"
        else:
            data, name = jpeg(image), "photo.jpg"
        results[(template, language)] = (cv, pdf_text(pdf), extract_document(data, name))
    return results


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@pytest.mark.parametrize(("template", "language"), [(s[0], s[1]) for s in SCANS])
def test_scan_is_read_with_95_percent_word_accuracy(scans, template, language) -> None:
    _, known, extracted = scans[(template, language)]
    assert extracted.ocr is not None
    accuracy = word_accuracy(known, extracted.text)
    assert accuracy >= 0.95, f"{template}/{language}: {accuracy:.3f}\n{extracted.text}"


CONTACT_CASES = [(s[0], s[1]) for s in SCANS]


@pytest.mark.parametrize(("template", "language"), CONTACT_CASES)
def test_scan_recovers_contact_block_and_sections(scans, template, language) -> None:
    cv, _, extracted = scans[(template, language)]
    read = parse_cv(normalise_text(extracted.text))
    assert read.contact.name.casefold() == cv.contact.name.casefold()
    assert read.contact.email == cv.contact.email
    assert digits(read.contact.phone) == digits(cv.contact.phone)
    assert sorted(s.kind for s in read.sections) == sorted(s.kind for s in cv.sections)
    titles = [e.title.casefold() for s in read.sections for e in s.entries]
    for section in cv.sections:
        for entry in section.entries:
            assert any(t.startswith(entry.title.casefold()) for t in titles), entry.title


@pytest.mark.parametrize(("template", "language"), [(s[0], s[1]) for s in SCANS])
def test_report_says_text_came_from_ocr_and_how_sure(scans, template, language) -> None:
    _, _, extracted = scans[(template, language)]
    report = extracted.report()
    assert report["source"] == "ocr" and report["pages"] == 1
    assert 0.85 < report["confidence"] <= 1.0
    assert report["unreadable_pages"] == [] and report["low_confidence"] is False


def test_blank_page_gives_a_clear_reason() -> None:
    blank = image_pdf(Image.new("RGB", (1240, 1754), "white"), 150)
    extracted = extract_document(blank, "scan.pdf")
    assert extracted.text == ""
    (problem,) = extracted.report()["unreadable_pages"]
    assert problem["page"] == 1 and "blank" in problem["reason"]


def test_pages_past_the_limit_are_skipped_and_reported() -> None:
    blank = Image.new("RGB", (620, 877), "white")
    pages = [blank.copy() for _ in range(ocr.MAX_OCR_PAGES + 2)]
    import io

    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=75)
    progress: list[tuple[int, str]] = []
    result = ocr.ocr_pdf(buffer.getvalue(), lambda p, s: progress.append((p, s)))
    assert len(result.pages) == ocr.MAX_OCR_PAGES and result.report()["skipped_pages"] == 2
    # One progress step per page, inside the extracting part of the job.
    assert [s for _, s in progress] == [
        f"reading scanned page {n} of {ocr.MAX_OCR_PAGES}" for n in range(1, 5)
    ]
    assert all(10 <= p < 20 for p, _ in progress)


def test_damaged_image_is_refused_with_a_reason() -> None:
    from cvimprover.cv.errors import ExtractionError

    with pytest.raises(ExtractionError) as caught:
        extract_document(b"\xff\xd8\xff\xe0" + b"\x00" * 200, "photo.jpg")
    assert caught.value.code == "corrupt_image"


@pytest.mark.parametrize(
    ("read", "language", "expected"),
    [
        ("Enfermera con ocho anos de experiencia en gesti6n", "es", "años"),
        ("la atencion de pacientes", "es", "atención"),
        ("- Coordine un equipo", "es", "Coordiné"),
        ("Senior Backend Engineer", "es", "Senior"),
        ("Senior Backend Engineer", "en", "Senior"),
    ],
)
def test_spanish_accents_are_restored_only_in_spanish(read, language, expected) -> None:
    assert expected in ocr.restore_accents(read, language).split()


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("StaffSoftwareEngineer", "Staff Software Engineer"),
        ("halvingintegrationfailures", "halving integration failures"),
        ("GitHub", "GitHub"),
        ("PostgreSQL", "PostgreSQL"),
        ("Whitfield", "Whitfield"),
    ],
)
def test_run_together_words_are_split_and_names_kept(token, expected) -> None:
    assert ocr.split_run_together(token, "en") == expected
