"""Turn uploaded bytes (PDF, DOCX, TXT, JSON Resume, page images) into plain text, refusing
hostile or unreadable files."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from cvimprover.cv.errors import ExtractionError

MAX_BYTES = 10 * 1024 * 1024  # the questionnaire's upload limit
MAX_PAGES = 30  # no real CV is longer; bounds PDFium's work on hostile files
MAX_CHARS = 100_000  # about 30 dense pages of text
# A DOCX is a zip: refuse archives that would inflate past these bounds (zip bombs).
MAX_DOCX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_DOCX_MEMBERS = 2_000
MAX_DOCX_RATIO = 200
# A PDF's compressed streams may not inflate past this in total (Flate bombs: 1 MB of
# zeros inflates to 1 GB, which PDFium would hold in memory); real CVs stay far below.
MAX_PDF_INFLATED = 256 * 1024 * 1024
_PDF_STREAM = re.compile(rb"stream\r?\n")

FORMATS = {".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".text": "txt", ".md": "txt"}
# Scans and photos of a page (read by OCR) and JSON Resume files (cvimprover.cv.json_resume).
FORMATS |= {".jpg": "image", ".jpeg": "image", ".png": "image", ".json": "json"}
# A PDF with fewer letters than this in its text layer is taken to be a scan and OCR'd.
MIN_TEXT_LAYER_LETTERS = 40


def detect_format(source: bytes, filename: str) -> str:
    """Return "pdf", "docx" or "txt" from the extension, checked against the file's magic bytes."""
    suffix = PurePath(filename or "").suffix.lower()
    kind = FORMATS.get(suffix)
    if kind is None:
        raise ExtractionError(
            "Please upload a PDF, DOCX, TXT, JSON Resume, JPEG or PNG file.",
            code="unsupported_type",
        )
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
    if kind == "image" and not source.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
        raise ExtractionError(
            f"This file is named {suffix} but is not a JPEG or PNG image.", code="not_an_image"
        )
    if kind == "json" and not source.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        raise ExtractionError(
            "This file is named .json but is not a JSON Resume document.", code="not_json"
        )
    if kind == "txt" and (source.startswith(b"%PDF-") or is_zip):
        raise ExtractionError(
            "This file is named .txt but holds a PDF or Word document: upload it with its "
            "real extension.",
            code="wrong_extension",
        )
    return kind


@dataclass
class Extracted:
    """The CV's text in reading order and where it came from: `ocr` is set when it was
    read from images; `dropped` holds the lines extraction left out on purpose (page
    numbers, running headers) as (line, user-facing reason) pairs; `links` the link
    targets the document carries beside its text (PDF link annotations, the addresses of a
    DOCX's icon- or label-only hyperlinks)."""

    text: str
    kind: str  # pdf | docx | txt | json | image
    ocr: object | None = None  # cvimprover.cv.ocr.OcrResult
    dropped: list[tuple[str, str]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)

    def report(self) -> dict:
        """How the text was obtained, for the improvement report."""
        if self.ocr is not None:
            return self.ocr.report()  # type: ignore[attr-defined]
        return {"source": "json_resume" if self.kind == "json" else "text", "format": self.kind}


def extract_document(
    source: bytes, filename: str, progress: Callable[[int, str], None] | None = None
) -> Extracted:
    """The CV's text and its origin; raise ExtractionError for unreadable input.
    Scans and photos go through OCR (reporting progress)."""
    if not source:
        raise ExtractionError("The file is empty.", code="empty_file")
    if len(source) > MAX_BYTES:
        raise ExtractionError("The file is larger than 10 MB.", code="too_large")
    kind = detect_format(source, filename)
    if kind == "pdf":
        _check_pdf(source)
        extracted = _pdf_layout(source)
        letters = sum(ch.isalpha() for ch in extracted.text)
        if letters >= MIN_TEXT_LAYER_LETTERS:
            return extracted
        from cvimprover.cv import ocr  # (almost) no text layer: a scanned page

        scan = ocr.ocr_pdf(source, progress)
        # A short document with a real text layer reads better from that layer than
        # from pictures of it: OCR wins only when it finds clearly more text.
        if letters and sum(ch.isalpha() for ch in scan.text) < 2 * letters:
            return extracted
        return Extracted(scan.text[:MAX_CHARS], kind, scan)
    if kind == "image":
        from cvimprover.cv import ocr

        scan = ocr.ocr_image(source, progress)
        return Extracted(scan.text[:MAX_CHARS], kind, scan)
    if kind == "docx":
        text, links = _docx_text(source)
        return Extracted(text[:MAX_CHARS], kind, links=links)
    if kind == "json":
        from cvimprover.cv.json_resume import json_resume_text

        return Extracted(json_resume_text(source)[:MAX_CHARS], kind)
    return Extracted(_txt_text(source)[:MAX_CHARS], kind)


def extract_text(source: bytes, filename: str) -> str:
    """Return the raw text of the CV in `source`; raise ExtractionError for unreadable input."""
    return extract_document(source, filename).text


def _open_pdf(source: bytes) -> Any:
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
    return pdf


@contextmanager
def _read_pdf(source: bytes) -> Iterator[Any]:
    """The opened PDF, closed afterwards; PDFium failing while reading it is a damaged
    file, answered with the same user-facing error as failing to open it."""
    import pypdfium2 as pdfium

    pdf = _open_pdf(source)
    try:
        yield pdf
    except pdfium.PdfiumError as exc:
        raise ExtractionError(
            "This PDF is damaged and could not be read.", code="corrupt_pdf"
        ) from exc
    finally:
        pdf.close()


def pdf_stream_text(source: bytes) -> str:
    """The PDF's text in content-stream order, page by page, with no layout analysis."""
    with _read_pdf(source) as pdf:
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
        return "\n\n".join(chunks)[:MAX_CHARS]


def _pdf_layout(source: bytes) -> Extracted:
    """Text rebuilt from the positions of text runs: columns, wrapped lines, page furniture."""
    from cvimprover.cv.layout import Page, page_links, page_segments, reconstruct

    with _read_pdf(source) as pdf:
        pages: list[Page] = []
        links: list[str] = []
        size = 0
        for index in range(min(len(pdf), MAX_PAGES)):
            page = pdf[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                segments = page_segments(textpage, width, height)
                if index < 2:
                    visible = " ".join(s.text for s in segments)
                    found = page_links(pdf, page, index, height, visible, textpage)
                    links += [u for u in found if u not in links]
            finally:
                textpage.close()
                page.close()
            pages.append(Page(width, height, segments))
            size += sum(len(s.text) for s in segments)
            if size > MAX_CHARS:
                break
        layout = reconstruct(pages)
        return Extracted(layout.text[:MAX_CHARS], "pdf", dropped=layout.dropped, links=links)


def _check_pdf(source: bytes) -> None:
    """Refuse PDFs whose streams inflate past MAX_PDF_INFLATED, or with more pages than
    a CV has, before PDFium parses them."""
    inflated = 0
    position = 0
    while match := _PDF_STREAM.search(source, position):
        start = match.end()
        end = source.find(b"endstream", start)
        end = len(source) if end < 0 else end
        position = end
        inflated += _inflated_size(source[start:end], MAX_PDF_INFLATED - inflated)
        if inflated > MAX_PDF_INFLATED:
            raise ExtractionError(
                "This PDF expands to an unreasonable size and was refused.", code="pdf_bomb"
            )
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(source)
    except pdfium.PdfiumError:
        return  # _pdf_text says what is wrong with it
    try:
        pages = len(pdf)
    finally:
        pdf.close()
    if pages > MAX_PAGES:
        raise ExtractionError(
            f"This PDF has {pages:,} pages; a CV has at most {MAX_PAGES}. "
            "Upload the CV on its own.",
            code="too_many_pages",
        )


def _inflated_size(data: bytes, budget: int) -> int:
    """How many bytes `data` inflates to (zlib), counting no further than budget + 1;
    0 when it is not zlib data (images, other filters)."""
    inflater = zlib.decompressobj()
    total = 0
    try:
        chunk = inflater.decompress(data, 1 << 20)
        while chunk:
            total += len(chunk)
            if total > budget:
                return total
            chunk = inflater.decompress(inflater.unconsumed_tail, 1 << 20)
    except zlib.error:
        pass
    return total


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


def _docx_text(source: bytes) -> tuple[str, list[str]]:
    """The DOCX's text and the targets of its label-only links."""
    _check_zip(source)
    from cvimprover.cv.docx_input import read_docx

    return read_docx(source)


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
