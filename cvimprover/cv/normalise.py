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

# LaTeX fonts in the T1 encoding whose PDFs lack a character map give ligatures as
# control codes 0x1B-0x1F.
TEX_LIGATURES = {"\x1b": "ff", "\x1c": "fi", "\x1d": "fl", "\x1e": "ffi", "\x1f": "ffl"}

_TEX_LIGATURE_WORD = re.compile(
    r"[^\W\d_]+[\x1b-\x1f][^\W\d_]*|[\x1b-\x1f][^\W\d_]+", re.IGNORECASE
)


def _tex_ligature_word(match: re.Match[str]) -> str:
    """Spell out a ligature code inside a word. Fonts disagree on which code is which
    ligature ("Scienti\\x1bc" and "Scienti\\x1cc" both mean "Scientific"), so the spelling
    that makes the most common word wins; the T1 encoding's reading when none is a word."""
    from wordfreq import zipf_frequency

    word = match.group(0)
    code = next(ch for ch in word if ch in TEX_LIGATURES)

    def frequency(candidate: str) -> float:
        lowered = candidate.lower()
        return max(zipf_frequency(lowered, "en"), zipf_frequency(lowered, "es"))

    options = [word.replace(code, letters) for letters in ("fi", "ff", "fl", "ffi", "ffl")]
    best = max(options, key=frequency)
    return best if frequency(best) > 0 else word.replace(code, TEX_LIGATURES[code])


# Glyphs people (and Word) use as bullet markers; all become "- " at line start.
BULLET_CHARS = "•●▪■◦○◆◇►▸▹‣⁃∙·➢➤✓✔❖★☐□–—*-"
_BULLET_LINE = re.compile(r"^[ \t]*[" + re.escape(BULLET_CHARS) + r"][ \t]+")
# Spaces that are not ASCII spaces; zero-width characters and soft hyphens carry no text.
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# A tab, a wide run of spaces or an icon between two pieces of a line separates them as a
# column rule would ("Jane Doe<tab>jane@x.com", "Madrid, España   +34 612..."): read as " | ",
# the separator the PDF layout prints for a wide gap. Not after a list marker ("1.<tab>").
_GAP = re.compile(r"(?<=[^\s|]) {3,}(?=[^\s|])")
_LIST_MARKER = re.compile(r"^(?:-|\d{1,2}[.)]|[a-z][.)])$")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
# Icon fonts (Font Awesome and friends) put their glyphs in the Unicode private-use areas.
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
# Emoji and dingbats used as icons ("📧 mail@x.com", "☎ 555 0100", "📍 Madrid"); bullet
# glyphs among them are handled as bullets first.
_ICON_SYMBOLS = re.compile(r"[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f]")
# PDFium reports a hyphen that the layout added at a line end as U+FFFE (or U+0002):
# the word continues on the next line.
_PDFIUM_LINE_HYPHEN = re.compile(r"[\ufffe\x02][ \t]*\n[ \t]*")
_HYPHENATED_BREAK = re.compile(r"([a-záéíóúñü])-\n[ \t]*([a-záéíóúñü])")
# Kramdown's attribute lists ("{: #contact }", "{:.print-url}", "{: .date}"), left in the text
# of CVs written in Markdown for a static site: markup for the page, not words of the CV.
_KRAMDOWN_ATTRIBUTES = re.compile(r"[ \t]*\{:[ \t]*(?:[#.][\w-]+|[\w-]+=\S+)(?:[ \t]+[^{}\n]*)?\}")


def _gap(match: re.Match[str]) -> str:
    before = match.string[: match.start()]
    return " " if _LIST_MARKER.match(before.strip()) else " | "


# TeX fonts without a character map give an accented letter as a spacing accent beside
# its base letter, often with spaces around it and out of place ("Ingenier´ıa",
# "exportaci ´ on"). A dotless i after an accent takes it; any other stray accent goes, and
# the word it split is joined again.
_ACCENT_MARKS = {"´": "\u0301", "¨": "\u0308", "˜": "\u0303", "ˆ": "\u0302", "ˇ": "\u030c"}
_ACCENT_ON_DOTLESS_I = re.compile(r"([´¨˜ˆˇ])[ ]?ı")
_ACCENT_IN_WORD = re.compile(r"(?<=[^\W\d_]) ?[´¨˜ˆˇ˚]+ ?(?=[a-zıáéíóúñü])")
_ACCENT_STRAY = re.compile(r" ?[´¨˜ˆˇ˚]+(?=[ \n]|$|[^\w])")


def _spacing_accents(text: str) -> str:
    text = _ACCENT_ON_DOTLESS_I.sub(
        lambda m: unicodedata.normalize("NFC", "i" + _ACCENT_MARKS[m.group(1)]), text
    )
    return _ACCENT_STRAY.sub("", _ACCENT_IN_WORD.sub("", text))


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
    # A TeX ligature code inside a word; alone, the same code is an icon font's glyph.
    text = _TEX_LIGATURE_WORD.sub(_tex_ligature_word, text)
    text = _INVISIBLE.sub("", text)
    text = _PRIVATE_USE.sub("   ", text)
    text = _ODD_SPACES.sub(" ", text).replace("\t", "   ")
    text = _drop_control(text)
    text = _KRAMDOWN_ATTRIBUTES.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _spacing_accents(text)
    # Word broken across lines by a hyphen: only when both sides are lower-case letters.
    text = _HYPHENATED_BREAK.sub(r"\1\2", text)
    # Unicode hyphens (U+2010, U+2011) and the minus sign read as an ASCII hyphen.
    text = text.replace("\u2010", "-").replace("\u2011", "-").replace("\u2212", "-")
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    lines = []
    for raw in text.split("\n"):
        line = _BULLET_LINE.sub("- ", raw)
        line = _ICON_SYMBOLS.sub("   ", line).strip()
        line = re.sub(r" {2,}", " ", _GAP.sub(_gap, line))
        lines.append(line)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
