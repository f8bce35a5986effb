"""CVs built in code for the format tests, in English and Spanish, and helpers that turn a
rendered PDF into the scans and photos a job seeker would send."""

from __future__ import annotations

import io
import random
import re
from collections import Counter

import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from cvimprover.cv.document import Contact, CVDocument, Entry, Link, Section


def english_cv() -> CVDocument:
    return CVDocument(
        contact=Contact(
            name="Hannah Whitfield",
            email="hannah.whitfield@example.com",
            phone="+44 20 7946 0321",
            location="Leeds, United Kingdom",
            links=[Link("LinkedIn", "linkedin.com/in/hannah-whitfield")],
        ),
        headline="Registered Nurse, intensive care",
        sections=[
            Section(
                "summary",
                "Summary",
                text="Intensive care nurse with eight years of experience caring for "
                "critically ill adults. Calm in emergencies and careful with medication.",
            ),
            Section(
                "experience",
                "Experience",
                entries=[
                    Entry(
                        "Senior Staff Nurse",
                        "Leeds General Infirmary",
                        "2019 – 2024",
                        "Leeds",
                        [
                            "Led a team of six nurses on night shifts in a twelve bed unit.",
                            "Trained new staff on ventilator care and infection control.",
                        ],
                    ),
                    Entry(
                        "Staff Nurse",
                        "St James's University Hospital",
                        "2016 – 2019",
                        "Leeds",
                        ["Cared for patients after cardiac surgery and major trauma."],
                    ),
                ],
            ),
            Section(
                "education",
                "Education",
                entries=[
                    Entry("BSc Nursing", "University of Manchester", "2012 – 2016", "Manchester")
                ],
            ),
            Section("skills", "Skills", items=["Critical care", "Ventilation", "Triage"]),
            Section("languages", "Languages", items=["English (native)", "French (B2)"]),
        ],
    )


def spanish_cv() -> CVDocument:
    return CVDocument(
        language="es",
        contact=Contact(
            name="Lucía Fernández Ortega",
            email="lucia.fernandez@example.es",
            phone="+34 612 345 678",
            location="Sevilla, España",
            links=[Link("LinkedIn", "linkedin.com/in/lucia-fernandez")],
        ),
        headline="Enfermera de cuidados intensivos",
        sections=[
            Section(
                "summary",
                "Perfil profesional",
                text="Enfermera con ocho años de experiencia en la atención de pacientes "
                "críticos. Organizada, con gran capacidad de trabajo en equipo.",
            ),
            Section(
                "experience",
                "Experiencia",
                entries=[
                    Entry(
                        "Enfermera de cuidados intensivos",
                        "Hospital Universitario Virgen del Rocío",
                        "2019 – 2024",
                        "Sevilla",
                        [
                            "Coordiné un equipo de seis enfermeras en el turno de noche.",
                            "Formé al personal nuevo en ventilación mecánica y prevención "
                            "de infecciones.",
                        ],
                    ),
                    Entry(
                        "Enfermera",
                        "Hospital Virgen Macarena",
                        "2016 – 2019",
                        "Sevilla",
                        ["Atención a pacientes tras cirugía cardíaca y traumatología."],
                    ),
                ],
            ),
            Section(
                "education",
                "Formación",
                entries=[Entry("Grado en Enfermería", "Universidad de Sevilla", "2012 – 2016")],
            ),
            Section("skills", "Habilidades", items=["Cuidados críticos", "Ventilación", "Triaje"]),
            Section("languages", "Idiomas", items=["Español (nativo)", "Inglés (B2)"]),
        ],
    )


def pdf_text(pdf: bytes) -> str:
    """The text layer of every page (the known text of a rendered CV)."""
    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(pages)
    finally:
        document.close()


def page_image(pdf: bytes, dpi: int, *, angle: float = 0.0, noise: float = 0.0, seed: int = 1):
    """Page 1 as a scan: rasterised at `dpi`, turned by `angle` degrees, with grey
    speckles (`noise`: the share of pixels disturbed) and a slight blur, like a copier."""
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        document.close()
    if angle:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    if noise:
        rng = random.Random(seed)
        pixels = image.load()
        width, height = image.size
        for _ in range(int(width * height * noise)):
            x, y = rng.randrange(width), rng.randrange(height)
            pixels[x, y] = rng.choice((90, 150, 200))
        image = image.filter(ImageFilter.GaussianBlur(0.4))
    return image.convert("RGB")


def image_pdf(image, dpi: int) -> bytes:
    """An image-only PDF (no text layer), as a scanner makes."""
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=dpi)
    return buffer.getvalue()


def jpeg(image, quality: int = 85) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def words(text: str) -> list[str]:
    """Words for accuracy counts: letters and digits, case folded, accents kept. Digit
    groups are joined ("+34 612 345 678" is one number), as phones are compared by digits."""
    text = re.sub(r"(?<=\d)[ .]+(?=\d)", "", text.casefold())
    return re.findall(r"[^\W_]+", text)


def word_accuracy(reference: str, recognised: str) -> float:
    """The share of the reference's words found in the recognised text (as a multiset,
    so reading order between columns does not count: structure is checked separately)."""
    expected = Counter(words(reference))
    found = Counter(words(recognised))
    total = sum(expected.values())
    return sum(min(n, found[w]) for w, n in expected.items()) / total if total else 0.0
