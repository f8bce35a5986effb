"""Registers the bundled DejaVu families with reportlab, once per process."""

from __future__ import annotations

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
