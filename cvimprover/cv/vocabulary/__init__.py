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
    category: str  # tool | method | cert | soft | degree | language
    aliases: tuple[str, ...]  # includes the canonical name


@dataclass(frozen=True)
class TaxonomyConcept:
    """One skill of the open taxonomies (ESCO, O*NET), as shipped in taxonomy.tsv."""

    id: str
    source: str  # esco | onet
    kind: str  # knowledge | skill | tool
    group: str  # O*NET commodity title: tools in one group are related skills
    canonical: str
    labels: tuple[tuple[str, str, bool], ...]  # (language, label, needs its capitals)


def fold(text: str) -> str:
    """Lower-case and strip accents, for comparisons that ignore both."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Case and accents folded one character for one character, so offsets in the folded text
# are offsets in the original (str.lower() and NFKD can change the length).
_ALIGNED_FOLD = {
    cp: folded
    for cp in range(0x250)
    if len(folded := "".join(c for c in unicodedata.normalize("NFKD", chr(cp).lower())
                             if not unicodedata.combining(c))) == 1
    and folded != chr(cp)
}  # fmt: skip


def fold_aligned(text: str) -> str:
    """`fold(text)` for Latin script, keeping every character's offset."""
    return text.translate(_ALIGNED_FOLD)


def data_file(name: str) -> Path:
    """The path of a data file shipped in this folder."""
    return _HERE / name


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
def broader() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(broad skill, the named tools that are each a kind of it), from broader.txt."""
    out = []
    for line in _lines("broader.txt"):
        broad, _, rest = line.partition(":")
        out.append((broad.strip(), tuple(n.strip() for n in rest.split("|") if n.strip())))
    return tuple(out)


@cache
def headings() -> dict[str, str]:
    """Map a folded heading (letters and spaces only) to its section kind."""
    out: dict[str, str] = {}
    for line in _lines("headings.txt"):
        kind, _, rest = line.partition(":")
        for variant in rest.split("|"):
            key = heading_key(variant)
            out[key] = kind.strip()
            # "Grants & Fellowships" folds to "grants fellowships": the ampersand is no letter.
            out.setdefault(re.sub(r" (?:and|y) ", " ", key), kind.strip())
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
def taxonomy() -> tuple[TaxonomyConcept, ...]:
    """The open skill taxonomy shipped as data (built by scripts/build_taxonomy.py)."""
    out = []
    for line in _lines("taxonomy.tsv"):
        cid, source, kind, group, canonical, labels = line.split("\t")
        parsed = []
        for entry in labels.split("|"):
            lang, _, label = entry.partition(":")
            parsed.append((lang.rstrip("!"), label, lang.endswith("!")))
        out.append(TaxonomyConcept(cid, source, kind, group, canonical, tuple(parsed)))
    return tuple(out)


@cache
def word_list(name: str) -> frozenset[str]:
    """A folded one-entry-per-line list from this folder (stop lists, heading cues)."""
    return frozenset(fold(line) for line in _lines(name))
