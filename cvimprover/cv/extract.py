"""Turn uploaded bytes (PDF, DOCX, TXT) into plain text, refusing hostile or unreadable files."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from cvimprover.cv.errors import ExtractionError

MAX_BYTES = 10 * 1024 * 1024  # the questionnaire's upload limit
MAX_PAGES = 30  # no real CV is longer; bounds PDFium's work on hostile files
MAX_CHARS = 100_000  # about 30 dense pages of text
# A DOCX is a zip: refuse archives that would inflate past these bounds (zip bombs).
MAX_DOCX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_DOCX_MEMBERS = 2_000
MAX_DOCX_RATIO = 200

FORMATS = {".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".text": "txt", ".md": "txt"}


def detect_format(source: bytes, filename: str) -> str:
    """Return "pdf", "docx" or "txt" from the extension, checked against the file's magic bytes."""
    suffix = PurePath(filename or "").suffix.lower()
    kind = FORMATS.get(suffix)
    if kind is None:
        raise ExtractionError("Please upload a PDF, DOCX or TXT file.", code="unsupported_type")
    head = source[:1024]
    is_pdf = b"%PDF-" in head
    is_zip = source.startswith(b"PK\x03\x04")
    if kind == "pdf" and not is_pdf:
        raise ExtractionError(
            "This file is named .pdf but is not a PDF document.", code="not_a_pdf"
        )
    if kind == "docx" and not is_zip:
        raise ExtractionError(
            "This file is named .docx but is not a Word (DOCX) document. "
            "Old .doc files are not supported: save it as DOCX or PDF.",
            code="not_a_docx",
        )
    if kind == "txt" and (source.startswith(b"%PDF-") or is_zip):
        raise ExtractionError(
            "This file is named .txt but holds a PDF or Word document: upload it with its "
            "real extension.",
            code="wrong_extension",
        )
    return kind


def extract_text(source: bytes, filename: str) -> str:
    """Return the raw text of the CV in `source`; raise ExtractionError for unreadable input."""
    if not source:
        raise ExtractionError("The file is empty.", code="empty_file")
    if len(source) > MAX_BYTES:
        raise ExtractionError("The file is larger than 10 MB.", code="too_large")
    kind = detect_format(source, filename)
    if kind == "pdf":
        text = _pdf_text(source)
    elif kind == "docx":
        text = _docx_text(source)
    else:
        text = _txt_text(source)
    return text[:MAX_CHARS]


def _pdf_text(source: bytes) -> str:
    import pypdfium2 as pdfium  # imported here: PDFium loads a native library

    try:
        pdf = pdfium.PdfDocument(source)
    except pdfium.PdfiumError as exc:
        reason = str(exc).lower()
        if "password" in reason or "security" in reason:
            raise ExtractionError(
                "This PDF is password-protected. Remove the password and upload it again.",
                code="encrypted_pdf",
            ) from exc
        raise ExtractionError(
            "This PDF is damaged and could not be read.", code="corrupt_pdf"
        ) from exc
    try:
        chunks: list[str] = []
        size = 0
        for index in range(min(len(pdf), MAX_PAGES)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                chunk = textpage.get_text_bounded()
            finally:
                textpage.close()
                page.close()
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_CHARS:
                break
        return "\n\n".join(chunks)
    except pdfium.PdfiumError as exc:
        raise ExtractionError(
            "This PDF is damaged and could not be read.", code="corrupt_pdf"
        ) from exc
    finally:
        pdf.close()


def _check_zip(source: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(source))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ExtractionError(
            "This Word document is damaged or incomplete.", code="corrupt_docx"
        ) from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_DOCX_MEMBERS:
            raise ExtractionError(
                "This Word document has too many parts to be a CV.", code="docx_bomb"
            )
        total = sum(m.file_size for m in members)
        packed = sum(m.compress_size for m in members) or 1
        # Sizes come from the zip directory, so we judge before inflating anything.
        if total > MAX_DOCX_UNCOMPRESSED or (total > 1_000_000 and total / packed > MAX_DOCX_RATIO):
            raise ExtractionError(
                "This Word document expands to an unreasonable size and was refused.",
                code="docx_bomb",
            )
        if "word/document.xml" not in archive.namelist():
            raise ExtractionError(
                "This file is a zip archive but not a Word (DOCX) document.", code="not_a_docx"
            )


def _docx_text(source: bytes) -> str:
    _check_zip(source)
    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(source))
        lines: list[str] = []
        # Contact details often live in the page header of Word templates.
        for section in document.sections[:1]:
            for paragraph in section.header.paragraphs:
                lines.append(_docx_paragraph(paragraph))
        for block in document.element.body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(_docx_paragraph(Paragraph(block, document)))
            elif tag == "tbl":
                # Two-column templates are tables: read each column top to bottom.
                table = Table(block, document)
                columns: list[list[str]] = []
                for row in table.rows:
                    for index, cell in enumerate(row.cells):
                        while len(columns) <= index:
                            columns.append([])
                        columns[index].extend(_docx_paragraph(p) for p in cell.paragraphs)
                seen: set[int] = set()
                for column in columns:
                    key = hash(tuple(column))
                    if key not in seen:  # merged cells repeat their text per grid column
                        seen.add(key)
                        lines.extend(column)
                        lines.append("")
        return "\n".join(lines)
    except ExtractionError:
        raise
    except Exception as exc:  # python-docx raises many types on malformed XML
        raise ExtractionError(
            "This Word document is damaged and could not be read.", code="corrupt_docx"
        ) from exc


def _docx_paragraph(paragraph: object) -> str:
    text = paragraph.text  # type: ignore[attr-defined]
    style = getattr(getattr(paragraph, "style", None), "name", "") or ""
    # Word list paragraphs carry their bullet in numbering, not in the text.
    if text.strip() and (
        "List" in style or paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    ):  # type: ignore[attr-defined]
        return "- " + text.strip()
    return text


def _txt_text(source: bytes) -> str:
    if source.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = source.decode("utf-16", errors="replace")
    else:
        try:
            text = source.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Not UTF-8: Windows-1252 is what older Windows editors save CVs in.
            text = source.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ExtractionError(
            "This text file contains binary data, not readable text.", code="binary_text"
        )
    odd = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\n\r\t\x0c") or ch == "\ufffd")
    if text and odd / len(text) > 0.05:
        raise ExtractionError(
            "This text file contains binary data, not readable text.", code="binary_text"
        )
    return text
