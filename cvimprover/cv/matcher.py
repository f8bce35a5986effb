"""The one term matcher: whether, and where, a skill's name occurs in a text.

Every part of the engine that asks "does this text name this skill?" (the job's key terms,
the CV's evidence, the rewrite, the cover letter, the fact check) asks it here, so all of
them agree. The rule:

- Case. A name keeps its capitals, and is matched letter for letter, when it is three
  characters or shorter ("SQL", "Go", "C#", "K8s": "go" and "sql" are not them), when
  it is a product named by an everyday word (`EVERYDAY_NAMES`: "Spring", "Swift"), or
  when its source marks it (a taxonomy label flagged "!", a tool-shaped phrase from an ad
  such as "NodeJS"). Every other name is matched ignoring case and accents: "gestión de
  proyectos" is "Gestion de Proyectos".
- Separators. A hyphen, a space or any run of white space between two words of a name are
  the same: "cross-functional" is "cross functional".
- Length. A name of one character ("R", "C") is never looked for: too many words and
  initials are written the same.
- Edges. A name stands alone: no letter, digit, "+", "#" or "_" touches it, and a dot or
  hyphen joined to a letter continues the word ("Node" is not in "Node.js", "Java" not in
  "Java-based" or "JavaScript"); a slash separates ("frontend/backend" names two).

`find_variant` loosens only the spelling (plural endings, words joined or split), never
this case rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Generic, TypeVar

import ahocorasick

from cvimprover.cv.vocabulary import fold, fold_aligned

Value = TypeVar("Value")

# Products named by an everyday word: they count only when written with their capitals.
EVERYDAY_NAMES = frozenset(
    {"Go", "Spring", "Express", "Node", "Oracle", "Lean", "Sketch", "Swift", "Spark"}
)
SHORT_NAME = 3  # names this long or shorter keep their capitals

# Hyphens and white space read as one space, character for character (offsets are kept).
_SEPARATORS = {cp: " " for cp in range(0x3001) if chr(cp).isspace() and cp != 0x20} | {
    ord("-"): " "
}
_SEPARATOR_RUN = re.compile(r"[\s-]+")
_SPACE_RUN = re.compile(r"  +")


def needs_capitals(name: str, marked: bool = False) -> bool:
    """Whether `name` is matched letter for letter (see the module's rule)."""
    return marked or len(name) <= SHORT_NAME or name in EVERYDAY_NAMES


@lru_cache(maxsize=4096)
def _text_key(text: str) -> tuple[str, tuple[int, ...] | None]:
    """`text` folded for matching (case, accents, separators), and where each character of
    the folded text stands in `text` (None when it stands at the same offset). Cached: the
    same CV line is asked about every job term."""
    folded = fold_aligned(text).translate(_SEPARATORS)
    if "  " not in folded:
        return folded, None
    pieces: list[str] = []
    offsets: list[int] = []
    kept = 0
    for run in _SPACE_RUN.finditer(folded):
        pieces.append(folded[kept : run.start() + 1])
        offsets.extend(range(kept, run.start() + 1))
        kept = run.end()
    pieces.append(folded[kept:])
    offsets.extend(range(kept, len(folded)))
    return "".join(pieces), tuple(offsets)


def _span(offsets: tuple[int, ...] | None, start: int, end: int) -> tuple[int, int]:
    """A span of the folded text as a span of the original."""
    if offsets is None:
        return start, end
    return offsets[start], offsets[end - 1] + 1


@cache
def _name_key(name: str) -> str:
    return _text_key(name.strip())[0]


def _stands_alone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or before in "+#_":
        return False
    if before in ".-" and start > 1 and text[start - 2].isalnum():
        return False
    if after.isalnum() or after in "+#_":
        return False
    return not (after in ".-" and end + 1 < len(text) and text[end + 1].isalnum())


def _same_letters(written: str, name: str) -> bool:
    """Whether `written` is `name` with its capitals and accents, separators aside."""
    return _SEPARATOR_RUN.sub(" ", written) == _SEPARATOR_RUN.sub(" ", name.strip())


def _accepted(text: str, start: int, end: int, name: str, exact: bool) -> bool:
    if not _stands_alone(text, start, end):
        return False
    return not exact or _same_letters(text[start:end], name)


def name_spans(name: str, text: str, marked: bool = False) -> list[tuple[int, int]]:
    """(start, end) of every place `text` names `name`, in order."""
    key = _name_key(name)
    if len(key) < 2:
        return []  # "R" or "C" alone would be found in "R&D" and "C-suite"
    exact = needs_capitals(name, marked)
    folded, offsets = _text_key(text)
    out = []
    at = folded.find(key)
    while at >= 0:
        start, end = _span(offsets, at, at + len(key))
        if _accepted(text, start, end, name, exact):
            out.append((start, end))
            at = folded.find(key, at + len(key))
        else:
            at = folded.find(key, at + 1)
    return out


def find_name(name: str, text: str, marked: bool = False) -> tuple[int, int] | None:
    """(start, end) of the first place `text` names `name`, or None."""
    spans = name_spans(name, text, marked)
    return spans[0] if spans else None


@cache
def _variant_pattern(name: str, exact: bool) -> re.Pattern[str] | None:
    source = name if exact else fold(name)
    words = [w[:-1] if len(w) > 3 and w.endswith("s") else w
             for w in re.findall(r"[\w+#]+", source)]  # fmt: skip
    if not words:
        return None
    body = r"[\s/-]*".join(re.escape(w) + r"(?:s|es)?" for w in words)
    return re.compile(r"(?<![\w+#])" + body + r"(?![\w+#])")


def find_variant(name: str, text: str, marked: bool = False) -> tuple[int, int] | None:
    """(start, end) of the first place `text` writes another form of `name`: a plural
    ending, its words joined or split by a space, hyphen or slash ("cross functional
    teams" for "cross-functional team"), or None. The case rule is `find_name`'s."""
    found = variant_spans(name, [text], marked)
    return found[0][1] if found else None


def variant_spans(
    name: str, texts: Iterable[str], marked: bool = False
) -> list[tuple[int, tuple[int, int]]]:
    """(number of the text, span) for each of `texts` that writes a form of `name`, with
    the span of the first such form (see `find_variant`)."""
    exact = needs_capitals(name, marked)
    pattern = _variant_pattern(name, exact)
    if pattern is None:
        return []
    out = []
    for number, text in enumerate(texts):
        if exact:
            match = pattern.search(text)
            if match:
                out.append((number, match.span()))
            continue
        folded, offsets = _text_key(text)
        match = pattern.search(folded)
        if match:
            out.append((number, _span(offsets, *match.span())))
    return out


class NameIndex(Generic[Value]):
    """Many names looked for at once (an Aho-Corasick automaton over their folded forms),
    each carrying a value; the same rule as `find_name`."""

    def __init__(self, names: Iterable[tuple[str, Value, bool]]) -> None:
        """`names`: (name, value, marked as needing its capitals)."""
        table: dict[str, list[tuple[str, Value, bool]]] = {}
        for name, value, marked in names:
            key = _name_key(name)
            if len(key) >= 2:
                table.setdefault(key, []).append((name, value, needs_capitals(name, marked)))
        self._automaton = ahocorasick.Automaton()
        for key, values in table.items():
            self._automaton.add_word(key, (len(key), values))
        self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[Value, int, int]]:
        """(value, start, end) of every name found in `text`, overlaps included."""
        folded, offsets = _text_key(text)
        out = []
        for end_index, (length, values) in self._automaton.iter(folded):
            start, end = _span(offsets, end_index - length + 1, end_index + 1)
            for name, value, exact in values:
                if _accepted(text, start, end, name, exact):
                    out.append((value, start, end))
        return out


__all__ = [
    "EVERYDAY_NAMES",
    "NameIndex",
    "find_name",
    "find_variant",
    "variant_spans",
    "name_spans",
    "needs_capitals",
]
