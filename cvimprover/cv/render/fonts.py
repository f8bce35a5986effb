"""Registers the bundled DejaVu families with reportlab, once per process, and says which
characters of a CV they cannot draw (so the user is told, rather than shown empty boxes)."""

from __future__ import annotations

import functools
import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).with_name("fonts")

# Our own family names, so nothing else registered in the process can shadow them.
SANS = "CVSans"
SERIF = "CVSerif"

_FILES = {
    SANS: ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
    SERIF: ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"),
}
_lock = threading.Lock()
_registered = False


def bold(family: str) -> str:
    return f"{family}-Bold"


def italic(family: str) -> str:
    return f"{family}-Italic"


def bold_italic(family: str) -> str:
    return f"{family}-BoldItalic"


def register_fonts() -> None:
    """Register both families (idempotent); reportlab embeds only the glyphs used."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for family, (regular, b, i, bi) in _FILES.items():
            faces = (
                (family, regular, 0, 0),
                (bold(family), b, 1, 0),
                (italic(family), i, 0, 1),
                (bold_italic(family), bi, 1, 1),
            )
            for name, filename, is_bold, is_italic in faces:
                pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / f"{filename}.ttf")))
                # Lets <b> and <i> in Paragraph markup pick the right face.
                addMapping(family, is_bold, is_italic, name)
        _registered = True


# Scripts whose letters change shape with their neighbours or are reordered (Arabic,
# Indic): reportlab draws them letter by letter, which reads as garbage, so they count as
# not drawable even where DejaVu has the glyphs.
_NEEDS_SHAPING = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana, NKo (right to left)
    (0x0900, 0x0DFF),  # Devanagari and the other Indic scripts
    (0x0E00, 0x0FFF),  # Thai, Lao, Tibetan
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms
    (0xFE70, 0xFEFF),
)


@functools.cache
def _covered(family: str) -> frozenset[int]:
    register_fonts()
    face = pdfmetrics.getFont(family).face
    return frozenset(face.charToGlyph)


def missing_characters(text: str, family: str = SANS) -> list[str]:
    """The distinct characters of `text` that the PDF cannot show properly in `family`
    (no glyph, so an empty box, or a script that needs shaping), in order of appearance."""
    covered = _covered(family)
    seen: dict[str, None] = {}
    for char in text:
        code = ord(char)
        if char.isspace() or code < 32 or char in seen:
            continue
        if code not in covered or any(low <= code <= high for low, high in _NEEDS_SHAPING):
            seen[char] = None
    return list(seen)


def drawing_report(texts: list[str]) -> dict:
    """For the improvement report: which characters the PDF could not draw, and what the
    user can do about it (the DOCX and text downloads keep every character)."""
    missing = missing_characters("\n".join(texts))
    message = None
    if missing:
        shown = " ".join(missing[:20]) + (" …" if len(missing) > 20 else "")
        message = (
            f"{len(missing)} characters of your CV cannot be drawn in the PDF and may show as "
            f"empty boxes or unjoined letters: {shown}. The DOCX and text downloads keep them."
        )
    return {"missing_characters": missing, "message": message}
