"""Helpers for the rendering tests: PDF text extraction that ignores page footers."""

from __future__ import annotations

import pypdfium2 as pdfium

# Page footers ("Name   Page 2 of 3") sit in the bottom 11.5 mm; body text never does.
FOOTER_ZONE = 11.5 * 72 / 25.4


def page_texts(pdf: bytes, *, with_footer: bool = False) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            if with_footer:
                texts.append(textpage.get_text_range())
            else:
                width, height = page.get_size()
                texts.append(textpage.get_text_bounded(0, FOOTER_ZONE, width, height))
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def squash(text: str) -> str:
    """Text without any whitespace: line breaks are layout, the characters are content.

    PDFium reports a hyphen that ends a line as U+FFFE, or U+0002 in bounded text (it
    guesses the word was hyphenated); the PDF holds a real "-", so read it back as one.
    """
    return "".join(text.replace("\ufffe", "-").replace("\x02", "-").split())


def assert_in_order(text: str, pieces: list[str]) -> None:
    """Every piece occurs in `text`, each after the previous one (whitespace ignored)."""
    haystack = squash(text)
    position = 0
    for piece in pieces:
        needle = squash(piece)
        found = haystack.find(needle, position)
        assert found >= 0, f"{piece!r} missing or out of order after {haystack[:position][-80:]!r}"
        position = found + len(needle)
