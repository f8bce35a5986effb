"""Evidence per job requirement: the CV lines that show each key term, or "missing"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from cvimprover.cv.document import CVDocument
from cvimprover.cv.keywords import (
    Term,
    entry_group,
    entry_key,
    find_alias,
    match_entries,
    narrower_keys,
    term_group,
)
from cvimprover.cv.matcher import variant_spans
from cvimprover.cv.vocabulary import fold

# How much each status counts towards the keyword score.
STATUS_CREDIT = {"exact": 1.0, "variant": 1.0, "related": 0.4, "missing": 0.0}
MAX_LINES = 3

_SUGGESTION = {
    "en": {
        "default": "Add {} if you have used it",
        "degree": "Add {} if you hold it",
        "cert": "Add {} if you hold it",
        "title": "Name your experience as {} if you have it",
        "language": "Add your level of {} if you speak it",
    },
    "es": {
        "default": "Añade {} si lo has usado",
        "degree": "Añade {} si lo tienes",
        "cert": "Añade {} si la tienes",
        "title": "Indica tu experiencia como {} si la tienes",
        "language": "Añade tu nivel de {} si lo hablas",
    },
}


@dataclass
class Evidence:
    term: str
    required: bool
    status: str  # exact | variant | related | missing
    matched_as: str | None = None
    lines: list[dict[str, str]] = field(default_factory=list)
    suggestion: str | None = None
    weight: float = 1.0
    category: str = "other"
    sections: frozenset[str] = frozenset()  # every section the term shows up in
    confidence: float = 1.0

    def to_dict(self) -> dict:
        return {
            "term": self.term,
            "required": self.required,
            "status": self.status,
            "matched_as": self.matched_as,
            "lines": self.lines,
            "suggestion": self.suggestion,
        }


def cv_lines(document: CVDocument) -> list[tuple[str, str]]:
    """(section kind, line) for every line of the CV body, in reading order."""
    out = []
    if document.headline:
        out.append(("headline", document.headline))
    for section in document.sections:
        for line in section.text.split("\n"):
            if line.strip():
                out.append((section.kind, line.strip()))
        for entry in section.entries:
            head = " — ".join(p for p in (entry.title, entry.organisation) if p)
            if head:
                out.append((section.kind, head))
            out.extend((section.kind, bullet) for bullet in entry.bullets)
        out.extend((section.kind, item) for item in section.items)
    return out


def build_evidence(document: CVDocument, terms: list[Term], language: str = "en") -> list[Evidence]:
    """One Evidence per job term, most important first (required, then weight)."""
    lines = cv_lines(document)
    # Every known skill in every CV line, found once by the automaton.
    known: dict[str, list[tuple[int, str]]] = {}
    groups: dict[str, list[tuple[int, str]]] = {}
    for number, (_kind, line) in enumerate(lines):
        for index, start, end in match_entries(line):
            surface = line[start:end]
            known.setdefault(entry_key(index), []).append((number, surface))
            group = entry_group(index)
            if group:
                groups.setdefault(group, []).append((number, surface))
    line_texts = [line for _kind, line in lines]
    folded_lines = [fold(line) for line in line_texts]
    line_stems = [_stems(text) for text in folded_lines]
    phrases = _SUGGESTION["es" if language == "es" else "en"]
    line_roots: list[dict[str, str]] | None = None
    whole = "\n".join(folded_lines)
    out = []
    for term in sorted(terms, key=lambda t: (not t.required, -t.weight)):
        status, matched_as, where = "missing", None, []
        hits = known.get(term.key or fold(term.text), [])
        # The automaton above keeps the longest name on each span, so a name inside a longer
        # one ("compras" in "Gestión de compras", read as "purchasing") and a phrase from
        # the ad are looked for by a search of their own.
        if not hits and _may_name(term, whole):
            for number, (_kind, line) in enumerate(lines):
                surface = find_alias(term, line)
                if surface:
                    hits.append((number, surface))
        # A named tool that is a kind of the term shows it: "MySQL" for "relational
        # databases", "Git" for "source control" (vocabulary/broader.txt).
        kinds = [] if hits else sorted(h for k in narrower_keys(term) for h in known.get(k, []))
        if kinds:
            where = [n for n, _s in kinds]
            status, matched_as = "variant", kinds[0][1]
        elif hits:
            where = [n for n, _s in hits]
            surface = hits[0][1]
            names = {fold(term.text), fold(term.aliases[0]) if term.aliases else ""}
            if fold(surface) in names:
                status = "exact"
            else:
                status, matched_as = "variant", surface
        else:
            marked = term.text in term.exact_case
            variants = variant_spans(term.text, line_texts, marked)
            where = [n for n, _span in variants]
            if where:
                status = "variant"
                start, end = variants[0][1]
                matched_as = line_texts[where[0]][start:end]
            else:
                group = term_group(term)
                related = [(n, s) for n, s in groups.get(group, [])] if group else []
                # Any of the term's names, in either language ("Inventory management" is
                # "gestión de inventarios" in a Spanish CV).
                names = list(dict.fromkeys((term.text, *term.aliases)))
                for name in names:
                    related = related or _sharing_words(name, line_stems, lines)
                if not related and term.category != "language":
                    if line_roots is None:  # worked out once, for the first term that needs it
                        line_roots = [_roots(text) for text in folded_lines]
                    for name in names:
                        related = related or _same_root(name, line_roots)
                if related:
                    status, matched_as = "related", related[0][1]
                    where = [n for n, _s in related]
        evidence = Evidence(
            term=term.text,
            required=term.required,
            status=status,
            matched_as=matched_as,
            lines=[{"section": lines[n][0], "text": lines[n][1]} for n in dict.fromkeys(where)][
                :MAX_LINES
            ],
            weight=term.weight,
            category=term.category,
            sections=frozenset(lines[n][0] for n in where),
            confidence=term.confidence,
        )
        if status in ("missing", "related"):
            template = phrases.get(term.category, phrases["default"])
            evidence.suggestion = template.format(term.text)
        out.append(evidence)
    return out


def _may_name(term: Term, folded_text: str) -> bool:
    """Whether the folded CV text holds the opening letters of one of the term's names: a
    quick test before looking for each name line by line."""
    for name in (term.text, *term.aliases):
        words = fold(name).split()
        if words and words[0][:4] in folded_text:
            return True
    return False


_FUNCTION_WORDS = frozenset(
    ("of", "and", "or", "the", "a", "an", "in", "on", "for", "with", "to")
    + ("de", "del", "la", "el", "los", "las", "y", "o", "en", "con", "para", "por")
)


def _stems(text: str) -> set[str]:
    """Content words cut to five letters, so "strategic" meets "strategy"."""
    return {w[:5] for w in re.findall(r"[\w+#]+", fold(text)) if w not in _FUNCTION_WORDS}


def _sharing_words(
    term: str, line_stems: list[set[str]], lines: list[tuple[str, str]]
) -> list[tuple[int, str]]:
    """CV lines holding every content word of a multi-word term, in any order
    ("product strategy" in "set the strategy for three products")."""
    wanted = _stems(term)
    if len(wanted) < 2:
        return []
    return [(n, lines[n][1]) for n, stems in enumerate(line_stems) if wanted <= stems]


_SUFFIXES = (
    re.compile(r"(?:ations?|at(?:ing|ed|ors?|es))$"),  # "negotiating", "negotiation"
    re.compile(r"(?:ments?|ations?|ions?|ing|ers?|ed|es|s)$"),
)


def _root(word: str) -> str:
    """An English word without its inflection or derivation ending ("recruited",
    "recruitment" -> "recruit"; "negotiating", "negotiation" -> "negoti"); short roots are
    kept whole, they say too little."""
    for suffix in _SUFFIXES:
        root, cut = suffix.subn("", word)
        if cut and len(root) >= 5:
            return root
    return word


@cache
def _root_of(word: str) -> str:
    return _root(word)


def _roots(folded_line: str) -> dict[str, str]:
    """Root -> the first word of the line that has it."""
    out: dict[str, str] = {}
    for word in re.findall(r"[\w+#]+", folded_line):
        out.setdefault(_root_of(word), word)
    return out


def _same_root(term: str, line_roots: list[dict[str, str]]) -> list[tuple[int, str]]:
    """CV lines with another form of a one-word term ("Recruited a team" for
    "Recruitment"): related, not the same skill named."""
    words = re.findall(r"[\w+#]+", fold(term))
    if len(words) != 1:
        return []
    root = _root_of(words[0])
    if root == words[0] and len(root) < 5:
        return []
    return [(n, roots[root]) for n, roots in enumerate(line_roots) if root in roots]


def coverage(evidence: list[Evidence]) -> float:
    """Share of the job's weighted terms the CV shows. Nice-to-haves count half, and a
    phrase from the ad counts as much as the model is sure it is a key term."""
    weights = [e.weight * e.confidence * (1.0 if e.required else 0.5) for e in evidence]
    total = sum(weights)
    if not total:
        return 0.5
    return sum(w * STATUS_CREDIT[e.status] for w, e in zip(weights, evidence, strict=True)) / total


def in_bullets_not_skills(evidence: list[Evidence]) -> list[Evidence]:
    """Terms the CV shows in its experience or projects but does not list as skills."""
    out = []
    for item in evidence:
        if item.status not in ("exact", "variant"):
            continue
        if "skills" not in item.sections and item.sections & {"experience", "projects"}:
            out.append(item)
    return out
