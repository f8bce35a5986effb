"""Helpers shared by tests and benchmarks: a CV as a user would upload it, PDF text."""

from __future__ import annotations

import io

import pypdfium2

CV_LINES = [
    "Ada Lovelace",
    "ada.lovelace@example.com | +44 20 7946 0000 | London, UK",
    "SUMMARY",
    "Backend engineer building data pipelines in Python.",
    "EXPERIENCE",
    "Senior Backend Engineer, Analytical Engines Ltd, 2019 - 2024",
    "- Responsible for the billing service written in Python and PostgreSQL",
    "- Cut report generation time by 40% by moving jobs to Redis queues",
    "Backend Engineer, Difference Co, 2015 - 2019",
    "- Helped with the migration of 120 services to Docker",
    "EDUCATION",
    "BSc Mathematics, University of London, 2015",
    "SKILLS",
    "Python, PostgreSQL, Redis, Docker, Flask",
]


# The job the tests and benchmarks apply for, as the application form sends it
SAMPLE_JOB = {
    "position": "Senior Python Engineer",
    "industry": "Fintech",
    "experience_level": "6+",
    "company_size": "medium",
    "application_timeline": "immediate",
    "job_description": "We need a Python engineer with PostgreSQL, Redis, Kubernetes and AWS.",
}


def sample_pdf(lines: list[str] = CV_LINES) -> bytes:
    """A plain one-page PDF CV, drawn line by line as many real CVs are."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for index, line in enumerate(lines):
        pdf.drawString(60, 800 - 18 * index, line)
    pdf.save()
    return buffer.getvalue()


def pdf_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
