"""Hostile and unusual uploads become clear ExtractionErrors, never crashes."""

from __future__ import annotations

import io
import zipfile

import pytest

from cvimprover.cv.errors import CVError, ExtractionError
from cvimprover.cv.extract import extract_text
from cvimprover.cv.pipeline import JobTarget, improve
from tests.cv.samples import cv_bytes

TARGET = JobTarget("Data Engineer", "Fintech", "3-5")


def _pdf(encrypt: str | None = None, text: str = "Jane Doe") -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    if text:
        pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _code(source: bytes, filename: str) -> str:
    with pytest.raises(ExtractionError) as info:
        improve(source, filename, TARGET)
    assert info.value.message and isinstance(info.value, CVError)
    return info.value.code


def test_corrupt_pdf() -> None:
    assert _code(b"%PDF-1.4\n" + b"\x00garbage" * 100, "cv.pdf") == "corrupt_pdf"


def test_truncated_pdf_is_refused_or_read() -> None:
    data = cv_bytes("en_nurse.pdf")
    with pytest.raises(ExtractionError):
        improve(data[: len(data) // 3], "cv.pdf", TARGET)


def test_encrypted_pdf() -> None:
    assert _code(_pdf(encrypt="secret"), "cv.pdf") == "encrypted_pdf"


def test_pdf_without_text_is_like_a_scan() -> None:
    assert _code(_pdf(text=""), "scan.pdf") == "no_text"


def test_pdf_extension_but_not_pdf() -> None:
    assert _code(b"Hello, this is plain text", "cv.pdf") == "not_a_pdf"


def test_unsupported_extension() -> None:
    assert _code(b"whatever", "cv.odt") == "unsupported_type"


def test_truncated_docx() -> None:
    data = cv_bytes("en_servicenow.docx")
    assert _code(data[: len(data) // 2], "cv.docx") == "corrupt_docx"


def test_docx_not_a_zip() -> None:
    assert _code(b"\xd0\xcf\x11\xe0 old word file", "cv.docx") == "not_a_docx"


def test_docx_bomb_refused_before_inflating() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (60 * 1024 * 1024))
    assert _code(buffer.getvalue(), "cv.docx") == "docx_bomb"


def test_zip_that_is_not_a_docx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert _code(buffer.getvalue(), "cv.docx") == "not_a_docx"


def test_binary_garbage_txt() -> None:
    assert _code(bytes(range(256)) * 20, "resume.txt") == "binary_text"


def test_empty_and_blank_text() -> None:
    assert _code(b"", "resume.txt") == "empty_file"
    assert _code(b"   \n\n  ", "resume.txt") == "no_text"


def test_too_large() -> None:
    assert _code(b"a" * (11 * 1024 * 1024), "resume.txt") == "too_large"


def test_windows_1252_text_is_decoded() -> None:
    text = extract_text("José Núñez\nExperiencia".encode("cp1252"), "cv.txt")
    assert "José Núñez" in text


def test_docx_reads_table_columns_and_list_bullets() -> None:
    text = extract_text(cv_bytes("en_marketing.docx"), "cv.docx")
    assert "sofia.marchetti@example.com" in text
    assert "- Grew organic traffic" in text
