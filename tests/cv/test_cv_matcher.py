"""The one term matcher: its case rule, separators and edges, and every caller agreeing."""

from __future__ import annotations

import pytest

from cvimprover.cv.keywords import Term, contains_term, surface_form, vocabulary_matches
from cvimprover.cv.matcher import (
    NameIndex,
    find_name,
    find_variant,
    name_spans,
    needs_capitals,
    variant_spans,
)
from cvimprover.cv.rewrite import spelling
from cvimprover.cv.vocabulary import terms


def _found(name: str, text: str, marked: bool = False) -> str | None:
    span = find_name(name, text, marked)
    return text[span[0] : span[1]] if span else None


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        # Short names and everyday-word products keep their capitals ...
        ("SQL", "Wrote SQL daily", "SQL"),
        ("SQL", "wrote sql daily", None),
        ("Go", "Services in Go and Rust", "Go"),
        ("Go", "ready to go live", None),
        ("Swift", "a swift response", None),
        ("R", "Models in R and Stata", None),  # one letter: never looked for
        # ... every other name ignores case and accents.
        ("Python", "PYTHON and python", "PYTHON"),
        ("gestión de proyectos", "Gestion de Proyectos ágiles", "Gestion de Proyectos"),
        ("Gestion de proyectos", "gestión de proyectos", "gestión de proyectos"),
        # A hyphen, a space and a line break between words are the same.
        ("cross-functional teams", "led cross functional teams", "cross functional teams"),
        ("user centered design", "User-centered  design", "User-centered  design"),
        ("machine learning", "machine\nlearning", "machine\nlearning"),
        # A name stands alone.
        ("Java", "JavaScript and TypeScript", None),
        ("Java", "Java-based services", None),
        ("Node", "Node.js services", None),
        ("Python", "Python.", "Python"),
        ("frontend", "frontend/backend work", "frontend"),
        ("C++", "C++17 and C++", "C++"),
    ],
)
def test_find_name_follows_the_one_rule(name: str, text: str, expected: str | None) -> None:
    assert _found(name, text) == expected


def test_marked_names_keep_their_capitals() -> None:
    assert needs_capitals("NodeJS", marked=True)
    assert _found("NodeJS", "nodejs and NodeJS", marked=True) == "NodeJS"
    assert _found("NodeJS", "nodejs only") is not None  # unmarked: any case
    assert not needs_capitals("Kubernetes")


def test_spans_are_offsets_in_the_original_text() -> None:
    text = "Áreas:  gestión   de\tproyectos,  GESTION DE PROYECTOS"
    spans = name_spans("Gestión de proyectos", text)
    assert [text[s:e] for s, e in spans] == ["gestión   de\tproyectos", "GESTION DE PROYECTOS"]


def test_variants_allow_plurals_and_joined_words_but_not_other_capitals() -> None:
    text = "Partnered with cross functional teams"
    span = find_variant("cross-functional team", text)
    assert span is not None and text[span[0] : span[1]] == "cross functional teams"
    assert find_variant("Stakeholder", "met STAKEHOLDERS weekly") is not None
    assert find_variant("API", "designed APIs") is not None
    assert find_variant("Go", "things go well; it goes on") is None
    lines = ["no match here", "Design systems", "design-system"]
    assert [n for n, _span in variant_spans("design system", lines)] == [1, 2]


def test_name_index_finds_every_name_with_its_value() -> None:
    index = NameIndex([("SQL", "sql", False), ("machine learning", "ml", False)])
    text = "sql, SQL and Machine-Learning"
    assert [(v, text[s:e]) for v, s, e in index.find(text)] == [
        ("sql", "SQL"),
        ("ml", "Machine-Learning"),
    ]


@pytest.mark.parametrize("case", ["as written", "lower", "upper"])
def test_key_terms_and_cv_lookups_agree_on_every_curated_name(case: str) -> None:
    """The index that reads ads and CV lines and the lookup the rewrite, the cover letter
    and the fact check use give the same answer for every curated name, in any capitals."""
    disagree = []
    for vocab in terms():
        term = Term(vocab.canonical, vocab.category, 1.0, vocab.aliases)
        for alias in vocab.aliases:
            written = {"as written": alias, "lower": alias.lower(), "upper": alias.upper()}[case]
            text = f"Used {written} every day."
            place = (5, 5 + len(written))
            by_index = any((s, e) == place and alias in found.aliases
                           for found, s, e in vocabulary_matches(text))  # fmt: skip
            by_lookup = find_name(alias, text) == place
            if by_index != by_lookup:
                disagree.append((alias, written, by_index, by_lookup))
            if by_lookup != contains_term(Term(alias, vocab.category, 1.0, (alias,)), text):
                disagree.append((alias, written, "contains_term"))
            if by_lookup and surface_form(term, text) != written:
                disagree.append((alias, written, "surface_form"))
    assert not disagree
    if case == "as written":
        assert sum(len(v.aliases) for v in terms()) > 300  # the loop saw the whole list


def test_spelling_counts_only_what_the_rule_calls_the_same_name() -> None:
    texts = ["Built dashboards with sql and Python.", "Wrote SQL; scripts in python"]
    assert spelling("SQL", texts) == "SQL"  # "sql" is not the name SQL
    assert spelling("Python", texts) == "Python"
    assert spelling("gestión de proyectos", ["Experta en gestion de proyectos"]) == (
        "gestion de proyectos"
    )
