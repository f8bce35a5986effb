"""A corpus of hostile and odd uploads, generated (nothing stored in the repository).

Each case is one submission: a resume (bytes and file name), maybe a photo, maybe odd
questionnaire fields, and the outcomes we accept. An outcome is one of
- "4xx": refused by the request with a clear 4xx (never 500) and nothing stored;
- "failed": stored, then failed by the job with a user-facing reason;
- "done": a legitimate file in an unusual shape, improved as usual;
- "photo refused": the CV is made and the photo refused with a reason.
"""

from __future__ import annotations

import io
import os
import random
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

from PIL import Image

from tests.support import CV_LINES, sample_pdf

REJECTED = "4xx"
FAILED = "failed"
DONE = "done"
PHOTO_REFUSED = "photo refused"
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@dataclass
class Case:
    name: str
    resume: tuple[bytes, str] | None
    expect: set[str]
    photo: tuple[bytes, str] | None = None
    fields: dict[str, str] = field(default_factory=dict)
    resume_text: str | None = None


def _rng() -> random.Random:
    return random.Random(1414)


# --- PDFs ------------------------------------------------------------------------------


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF file from its objects' bodies (1-based numbering), with a correct xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def pdf_with_content(content: bytes, compress: bool) -> bytes:
    data = zlib.compress(content, 9) if compress else content
    flate = b"/Filter /FlateDecode " if compress else b""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << >> >>",
            b"<< /Length %d %s>>\nstream\n" % (len(data), flate) + data + b"\nendstream",
        ]
    )


def deflate_repeated(chunk: bytes, times: int) -> bytes:
    """zlib data of `chunk` repeated `times` times, built in milliseconds: after a full
    flush each identical chunk deflates to identical bytes, so one is repeated."""
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = raw.compress(chunk) + raw.flush(zlib.Z_FULL_FLUSH)
    again = raw.compress(chunk) + raw.flush(zlib.Z_FULL_FLUSH)
    body = first + again * (times - 1) + raw.flush()
    checksum = 1
    for _ in range(times):
        checksum = zlib.adler32(chunk, checksum)
    return b"\x78\xda" + body + struct.pack(">I", checksum)


def flate_bomb() -> bytes:
    """About 1 MB that inflates to 1 GB when a reader draws or reads the page."""
    data = deflate_repeated(b" " * (1 << 20), 1024)
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        ]
    )


def deeply_nested_pdf() -> bytes:
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /Deep " + b"[" * 50_000 + b"]" * 50_000 + b" >>",
            b"<< /Type /Pages /Kids [] /Count 0 >>",
        ]
    )


def nested_dictionaries_pdf() -> bytes:
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /X "
            + b"<< /A " * 20_000
            + b"1"
            + b" >>" * 20_000
            + b" >>",
        ]
    )


def reportlab_pdf(draw, **kwargs) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, **kwargs)
    draw(pdf)
    pdf.save()
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    def draw(pdf):
        for index, line in enumerate(CV_LINES):
            pdf.drawString(60, 800 - 18 * index, line)

    return reportlab_pdf(draw, encrypt=StandardEncryption("user-secret", "owner-secret"))


def image_only_pdf() -> bytes:
    from reportlab.lib.utils import ImageReader

    image = Image.new("RGB", (600, 800), "white")
    return reportlab_pdf(lambda pdf: pdf.drawImage(ImageReader(image), 0, 0, 595, 842))


def many_pages_pdf(pages: int = 2000) -> bytes:
    def draw(pdf):
        for page in range(pages):
            pdf.drawString(72, 720, f"Ada Lovelace, page {page + 1}")
            pdf.showPage()

    return reportlab_pdf(draw)


def javascript_pdf() -> bytes:
    """A PDF that asks to run JavaScript when opened; its text is a normal CV."""
    base = sample_pdf()
    return base.replace(
        b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>", 1
    )


# --- DOCX and zips ---------------------------------------------------------------------

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" '
    b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
W = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_with(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_paragraphs(lines: list[str], doctype: bytes = b"") -> bytes:
    body = b"".join(b"<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % line.encode() for line in lines)
    return docx_with(
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        + doctype
        + b'<w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (W, body)
    )


def docx_xxe() -> bytes:
    doctype = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return docx_paragraphs(["Ada Lovelace", "&xxe;", *CV_LINES[2:]], doctype)


def docx_billion_laughs() -> bytes:
    entities = b'<!ENTITY l0 "lol">' + b"".join(
        b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10)
    )
    return docx_paragraphs(["Ada Lovelace", "&l9;"], b"<!DOCTYPE w:document [" + entities + b"]>")


def docx_zip_bomb() -> bytes:
    """A DOCX whose document part inflates to 200 MB (about 1 MB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1 << 20)
            for _ in range(200):
                part.write(chunk)
    return buffer.getvalue()


def zip_many_members(count: int = 3000) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", b"<x/>")
        for index in range(count):
            archive.writestr(f"junk/{index}.xml", b"")
    return buffer.getvalue()


def zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    return buffer.getvalue()


def docx_broken_xml() -> bytes:
    return docx_with(b'<?xml version="1.0"?><w:document xmlns:w="%s"><w:body><w:p>' % W)


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    return data[: max(1, int(len(data) * keep))]


# --- Images ----------------------------------------------------------------------------


def image_bytes(image: Image.Image, fmt: str, **kwargs) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **kwargs)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header (CRC correct) claims `width` x `height` pixels."""
    data = bytearray(image_bytes(Image.new("L", (200, 200), 128), "PNG"))
    ihdr = 8 + 8  # signature, then length and type of the IHDR chunk
    struct.pack_into(">II", data, ihdr, width, height)
    crc = zlib.crc32(bytes(data[12 : ihdr + 13]))
    struct.pack_into(">I", data, ihdr + 13, crc)
    return bytes(data)


def png_real_bomb() -> bytes:
    """A genuine 12,000 x 12,000 greyscale PNG (144 MP) that packs to about 150 KB."""
    idat = deflate_repeated(b"\x00" * 12_001 * 100, 120)  # 12,000 rows of filter byte + pixels

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 12_000, 12_000, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose frame header claims `width` x `height` pixels."""
    data = bytearray(image_bytes(Image.new("RGB", (200, 200), (90, 60, 30)), "JPEG"))
    marker = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, marker + 5, height, width)
    return bytes(data)


def webp_claiming(width: int, height: int) -> bytes:
    """A small lossless WebP whose header claims `width` x `height` pixels."""
    data = bytearray(image_bytes(Image.new("RGB", (200, 200), (90, 60, 30)), "WEBP", lossless=True))
    start = data.find(b"VP8L") + 8 + 1  # chunk header, then the 0x2f signature byte
    bits = (width - 1) | ((height - 1) << 14)
    existing = int.from_bytes(data[start : start + 4], "little")
    bits |= existing & ~((1 << 28) - 1)
    data[start : start + 4] = bits.to_bytes(4, "little")
    return bytes(data)


def photo(image: Image.Image, fmt: str = "JPEG", **kwargs) -> bytes:
    return image_bytes(image, fmt, **kwargs)


def svg() -> bytes:
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="400" height="400">'
        b'<script>alert(1)</script><rect width="400" height="400"/></svg>'
    )


# --- The corpus ------------------------------------------------------------------------


def build() -> list[Case]:
    rng = _rng()
    pdf = sample_pdf()
    text = "\n".join(CV_LINES)
    portrait = Image.new("RGB", (400, 500), (150, 110, 90))
    cases = [
        # Empty and not what they claim to be
        Case("zero-byte .pdf", (b"", "cv.pdf"), {REJECTED}),
        Case("zero-byte .docx", (b"", "cv.docx"), {REJECTED}),
        Case("zero-byte .txt", (b"", "cv.txt"), {REJECTED}),
        Case("random bytes .pdf", (rng.randbytes(50_000), "cv.pdf"), {REJECTED}),
        Case("random bytes .docx", (rng.randbytes(50_000), "cv.docx"), {REJECTED}),
        Case("random bytes .txt", (rng.randbytes(50_000), "cv.txt"), {REJECTED}),
        Case(
            "ELF executable .pdf",
            (b"\x7fELF\x02\x01\x01" + rng.randbytes(9000), "cv.pdf"),
            {REJECTED},
        ),  # fmt: skip
        Case(
            "Windows executable .pdf", (b"MZ\x90\x00" + rng.randbytes(9000), "cv.pdf"), {REJECTED}
        ),  # fmt: skip
        Case(
            "HTML .pdf",
            (b"<html><body><script>alert(1)</script>Ada</body></html>", "cv.pdf"),
            {REJECTED},
        ),  # fmt: skip
        Case("PNG .pdf", (photo(portrait, "PNG"), "cv.pdf"), {REJECTED}),
        Case("PDF .txt", (pdf, "cv.txt"), {REJECTED}),
        Case("PDF .docx", (pdf, "cv.docx"), {REJECTED}),
        Case(
            "old .doc", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000), "cv.doc"), {REJECTED}
        ),  # fmt: skip
        Case("no extension", (pdf, "cv"), {REJECTED}),
        Case("executable extension", (pdf, "cv.exe"), {REJECTED}),
        Case("binary .txt", (b"Ada\x00\x01\x02" * 500, "cv.txt"), {REJECTED}),
        # Damaged and hostile PDFs
        Case("truncated PDF (half)", (truncated(pdf), "cv.pdf"), {FAILED, DONE}),
        Case("truncated PDF (header only)", (b"%PDF-1.4\n", "cv.pdf"), {FAILED}),
        Case(
            "PDF header then garbage", (b"%PDF-1.7\n" + rng.randbytes(20_000), "cv.pdf"), {FAILED}
        ),  # fmt: skip
        Case("encrypted PDF", (encrypted_pdf(), "cv.pdf"), {FAILED}),
        Case("image-only PDF", (image_only_pdf(), "cv.pdf"), {FAILED}),
        Case("2,000-page PDF", (many_pages_pdf(), "cv.pdf"), {FAILED}),
        Case("Flate bomb PDF", (flate_bomb(), "cv.pdf"), {FAILED}),
        Case("deeply nested arrays PDF", (deeply_nested_pdf(), "cv.pdf"), {FAILED}),
        Case("deeply nested dictionaries PDF", (nested_dictionaries_pdf(), "cv.pdf"), {FAILED}),
        Case(
            "nested content stream PDF",
            (pdf_with_content(b"[" * 100_000 + b"]" * 100_000, False), "cv.pdf"),
            {FAILED},
        ),
        Case(
            "PDF with no pages",
            (
                raw_pdf(
                    [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
                ),
                "cv.pdf",
            ),
            {FAILED},
        ),  # fmt: skip
        Case("PDF asking to run JavaScript", (javascript_pdf(), "cv.pdf"), {DONE}),
        # DOCX and zips
        Case("DOCX zip bomb", (docx_zip_bomb(), "cv.docx"), {FAILED, REJECTED}),
        Case("zip with 3,000 members .docx", (zip_many_members(), "cv.docx"), {FAILED, REJECTED}),
        Case(
            "zip without a document .docx", (zip_without_document(), "cv.docx"), {FAILED, REJECTED}
        ),  # fmt: skip
        Case("DOCX with broken XML", (docx_broken_xml(), "cv.docx"), {FAILED}),
        Case(
            "truncated DOCX", (truncated(docx_paragraphs(CV_LINES)), "cv.docx"), {FAILED, REJECTED}
        ),  # fmt: skip
        Case("DOCX with XXE", (docx_xxe(), "cv.docx"), {FAILED, DONE}),
        Case("DOCX billion laughs", (docx_billion_laughs(), "cv.docx"), {FAILED, DONE}),
        Case("DOCX, plain and valid", (docx_paragraphs(CV_LINES), "cv.docx"), {DONE}),
        # Text in other encodings
        Case("UTF-16 text with BOM", (text.encode("utf-16"), "cv.txt"), {DONE}),
        Case(
            "Latin-1 text",
            ((text + "\nJosé Müller, Señor Développeur").encode("latin-1"), "cv.txt"),
            {DONE},
        ),  # fmt: skip
        Case("UTF-8 text with BOM", (b"\xef\xbb\xbf" + text.encode(), "cv.txt"), {DONE}),
        Case("text of one 5 MB line", (b"Python " * 700_000, "cv.txt"), {DONE, FAILED}),
        Case(
            "text of control characters", (bytes(range(1, 32)) * 300, "cv.txt"), {REJECTED, FAILED}
        ),  # fmt: skip
        Case(
            "right-to-left and emoji text", (("محمد علي 🚀\n" + text).encode(), "cv.txt"), {DONE}
        ),  # fmt: skip
        # File names
        Case("path traversal name", (pdf, "../../../../etc/passwd.pdf"), {DONE}),
        Case("Windows path name", (pdf, "C:\\Users\\ada\\..\\cv.pdf"), {DONE}),
        Case("1,000-character name", (pdf, "a" * 1000 + ".pdf"), {DONE}),
        Case("name with NUL", (pdf, "cv\x00.exe.pdf"), {DONE, REJECTED}),
        Case("name with HTML", (pdf, "<img src=x onerror=alert(1)>.pdf"), {DONE}),
        Case("name of dots only", (pdf, "...pdf"), {DONE, REJECTED}),
        # HTML and script in every text field
        Case(
            "script in every field",
            (pdf, "cv.pdf"),
            {DONE},
            fields={k: SCRIPT for k in ("position", "industry", "location", "job_description")}
            | {"instructions": "Emphasise " + SCRIPT},
        ),  # fmt: skip
        Case(
            "script in pasted resume", None, {DONE}, resume_text=SCRIPT + "\n" + text
        ),  # fmt: skip
        Case("over-long position", (pdf, "cv.pdf"), {REJECTED}, fields={"position": "x" * 300}),
        Case(
            "over-long description",
            (pdf, "cv.pdf"),
            {REJECTED},
            fields={"job_description": "x" * 6000},
        ),  # fmt: skip
        Case(
            "unknown experience level",
            (pdf, "cv.pdf"),
            {REJECTED},
            fields={"experience_level": "<b>9000</b>"},
        ),  # fmt: skip
        # Photos
        Case(
            "PNG decompression bomb (header)",
            (pdf, "cv.pdf"),
            {PHOTO_REFUSED},
            photo=(png_claiming(30_000, 30_000), "me.png"),
        ),  # fmt: skip
        Case(
            "PNG decompression bomb (real pixels)",
            (pdf, "cv.pdf"),
            {PHOTO_REFUSED},
            photo=(png_real_bomb(), "me.png"),
        ),  # fmt: skip
        Case(
            "JPEG decompression bomb",
            (pdf, "cv.pdf"),
            {PHOTO_REFUSED},
            photo=(jpeg_claiming(60_000, 60_000), "me.jpg"),
        ),  # fmt: skip
        Case(
            "WebP decompression bomb",
            (pdf, "cv.pdf"),
            {PHOTO_REFUSED},
            photo=(webp_claiming(16_000, 16_000), "me.webp"),
        ),  # fmt: skip
        Case(
            "truncated PNG",
            (pdf, "cv.pdf"),
            {PHOTO_REFUSED},
            photo=(truncated(photo(portrait, "PNG"), 0.3), "me.png"),
        ),  # fmt: skip
        Case(
            "truncated JPEG",
            (pdf, "cv.pdf"),
            {PHOTO_REFUSED, DONE},
            photo=(truncated(photo(portrait), 0.3), "me.jpg"),
        ),  # fmt: skip
        Case(
            "truncated WebP",
            (pdf, "cv.pdf"),
            {PHOTO_REFUSED},
            photo=(truncated(photo(portrait, "WEBP"), 0.3), "me.webp"),
        ),  # fmt: skip
        Case("SVG named .png", (pdf, "cv.pdf"), {REJECTED}, photo=(svg(), "me.png")),
        Case(
            "GIF named .png", (pdf, "cv.pdf"), {REJECTED}, photo=(photo(portrait, "GIF"), "me.png")
        ),  # fmt: skip
        Case("PDF named .jpg", (pdf, "cv.pdf"), {REJECTED}, photo=(pdf, "me.jpg")),
        Case("zero-byte photo", (pdf, "cv.pdf"), {REJECTED}, photo=(b"", "me.jpg")),
        Case(
            "random bytes .webp",
            (pdf, "cv.pdf"),
            {REJECTED},
            photo=(rng.randbytes(5000), "me.webp"),
        ),  # fmt: skip
        Case(
            "PNG header then garbage",
            (pdf, "cv.pdf"),
            {PHOTO_REFUSED},
            photo=(b"\x89PNG\r\n\x1a\n" + rng.randbytes(5000), "me.png"),
        ),  # fmt: skip
        Case(
            "tiny photo",
            (pdf, "cv.pdf"),
            {PHOTO_REFUSED},
            photo=(photo(Image.new("RGB", (20, 20)), "PNG"), "me.png"),
        ),  # fmt: skip
        Case(
            "CMYK JPEG",
            (pdf, "cv.pdf"),
            {DONE},
            photo=(photo(Image.new("CMYK", (400, 400), (0, 50, 100, 0))), "me.jpg"),
        ),  # fmt: skip
        Case(
            "16-bit PNG",
            (pdf, "cv.pdf"),
            {DONE},
            photo=(photo(Image.new("I;16", (400, 400), 30_000), "PNG"), "me.png"),
        ),  # fmt: skip
        Case(
            "palette PNG with transparency",
            (pdf, "cv.pdf"),
            {DONE},
            photo=(photo(Image.new("P", (300, 300)), "PNG", transparency=0), "me.png"),
        ),  # fmt: skip
    ]
    return cases


def oversized(limit: int) -> bytes:
    """A PDF-looking body one byte past `limit`."""
    return b"%PDF-1.4\n" + os.urandom(limit - 8)
