"""Clean extracted CV text: ligatures, bullets, hyphenation, icon glyphs, control characters."""

from __future__ import annotations

import re
import unicodedata

# Typographic ligatures that PDF fonts emit as single code points.
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u0132": "IJ",
    "\u0133": "ij",
    "\u0152": "OE",
    "\u0153": "oe",
}

# Glyphs people (and Word) use as bullet markers; all become "- " at line start.
BULLET_CHARS = "•●▪■◦○◆◇►▸▹‣⁃∙·➢➤✓✔❖★☐□–—*-"
_BULLET_LINE = re.compile(r"^[ \t]*[" + re.escape(BULLET_CHARS) + r"][ \t]+")
# Spaces that are not ASCII spaces; zero-width characters and soft hyphens carry no text.
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
# Icon fonts (Font Awesome and friends) put their glyphs in the Unicode private-use areas.
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
# PDFium reports a hyphen that the layout added at a line end as U+FFFE (or U+0002):
# the word continues on the next line.
_PDFIUM_LINE_HYPHEN = re.compile(r"[\ufffe\x02][ \t]*\n[ \t]*")
_HYPHENATED_BREAK = re.compile(r"([a-záéíóúñü])-\n[ \t]*([a-záéíóúñü])")


def _drop_control(text: str) -> str:
    # Keep newlines; every other C0/C1 control or unassigned code point is noise from extraction.
    return "".join(
        ch for ch in text if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cn", "Cs")
    )


def normalise_text(text: str) -> str:
    """Return `text` with ligatures expanded, bullets unified and extraction noise removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _PDFIUM_LINE_HYPHEN.sub("", text)
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    text = _INVISIBLE.sub("", text)
    text = _PRIVATE_USE.sub(" ", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _drop_control(text)
    text = unicodedata.normalize("NFC", text)
    # Word broken across lines by a hyphen: only when both sides are lower-case letters.
    text = _HYPHENATED_BREAK.sub(r"\1\2", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    lines = []
    for raw in text.split("\n"):
        line = _BULLET_LINE.sub("- ", raw)
        line = re.sub(r" {2,}", " ", line).strip()
        lines.append(line)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
