"""Load the curated vocabulary (skills, section headings, action verbs) shipped as data files."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent


@dataclass(frozen=True)
class VocabTerm:
    canonical: str
    category: str  # tool | method | cert | soft | degree
    aliases: tuple[str, ...]  # includes the canonical name


def fold(text: str) -> str:
    """Lower-case and strip accents, for comparisons that ignore both."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _lines(name: str) -> list[str]:
    lines = (_HERE / name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


@cache
def terms() -> tuple[VocabTerm, ...]:
    """Every curated term, in file order."""
    out = []
    for line in _lines("terms.txt"):
        category, _, rest = line.partition(":")
        names = [n.strip() for n in rest.split("|") if n.strip()]
        out.append(VocabTerm(names[0], category.strip(), tuple(dict.fromkeys(names))))
    return tuple(out)


@cache
def headings() -> dict[str, str]:
    """Map a folded heading (letters and spaces only) to its section kind."""
    out: dict[str, str] = {}
    for line in _lines("headings.txt"):
        kind, _, rest = line.partition(":")
        for variant in rest.split("|"):
            out[heading_key(variant)] = kind.strip()
    return out


def heading_key(text: str) -> str:
    """Fold a heading for lookup: no accents, case, punctuation or repeated spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[^a-z ]", " ", fold(text))).strip()


@cache
def verbs(language: str) -> tuple[tuple[str, ...], ...]:
    """Action verb forms for `language` ("en" or "es")."""
    out = []
    for line in _lines("verbs.txt"):
        lang, _, rest = line.partition(":")
        if lang.strip() == language:
            out.append(tuple(f.strip() for f in rest.split("|")))
    return tuple(out)


@cache
def term_pattern(alias: str) -> re.Pattern[str]:
    """A case-insensitive pattern matching `alias` as a whole term (handles C++, CI/CD, .NET)."""
    body = re.escape(alias).replace(r"\ ", r"[\s-]+")
    return re.compile(r"(?<![\w+#./-])" + body + r"(?![\w+#]|[./-]\w)", re.IGNORECASE)
