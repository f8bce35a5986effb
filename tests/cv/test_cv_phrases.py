"""One phrase table per language: the same keys everywhere, and weak openings that the
analysis flags and the rewriter replaces from the same entries."""

from __future__ import annotations

import pytest

from cvimprover.cv.analyse import WEAK_OPENINGS, find_issues
from cvimprover.cv.document import CVDocument, Entry, Section
from cvimprover.cv.phrases import DEFAULT, phrases, tables
from cvimprover.cv.rewrite import improve_bullet

# What follows a weak opening in a test bullet: no verb, so the opening itself is replaced.
OBJECT = {"en": "the quarterly billing migration", "es": "la migración de facturación"}


def _keys(value: object) -> object:
    """The shape of a table: its keys, recursively (frames and words may differ)."""
    if isinstance(value, dict):
        return {key: _keys(item) for key, item in value.items()}
    return None


@pytest.mark.parametrize("code", sorted(tables()))
def test_every_language_has_every_phrase_of_the_default(code: str) -> None:
    table, default = phrases(code), phrases(DEFAULT)
    for name in ("score_help", "findings", "grouped", "headings", "summary", "letter"):
        assert _keys(getattr(table, name)) == _keys(getattr(default, name)), name
    assert len(table.summary["numbers"]) == len(default.summary["numbers"])
    assert {w.rewrite for w in table.weak_openings} <= set(table.weak_verbs)
    assert set(table.tense_forms) == {"past", "present"}


def test_a_language_without_a_table_reads_the_default() -> None:
    assert phrases("fr") is phrases(DEFAULT)
    assert phrases(None) is phrases(DEFAULT)


def _pairs() -> list[tuple[str, str]]:
    return [(code, w.example) for code in sorted(tables()) for w in phrases(code).weak_openings]


@pytest.mark.parametrize(("code", "example"), _pairs())
@pytest.mark.parametrize("tense", ["past", "present"])
def test_every_weak_opening_the_analysis_flags_the_rewriter_replaces(
    code: str, example: str, tense: str
) -> None:
    bullet = f"{example} {OBJECT[code]}"
    assert WEAK_OPENINGS.match(bullet), bullet
    after, reasons = improve_bullet(bullet, code, tense)
    assert after != bullet and "replaced a duty phrase with an action verb" in reasons
    assert not WEAK_OPENINGS.match(after), after
    assert OBJECT[code] in after  # what the bullet says is kept, only its opening changes


@pytest.mark.parametrize(
    ("code", "bullet", "expected"),
    [
        ("en", "I was responsible for designing the billing API", "Designed the billing API"),
        ("en", "We helped build 3 dashboards", "Contributed to building 3 dashboards"),
        ("es", "Fui responsable de diseñar la API", "Diseñé la API"),
        ("es", "Era encargada de la facturación", "Asumí la facturación"),
    ],
)
def test_what_may_stand_before_a_weak_opening_is_flagged_and_rewritten(
    code: str, bullet: str, expected: str
) -> None:
    assert WEAK_OPENINGS.match(bullet)
    assert improve_bullet(bullet, code, "past")[0] == expected


def test_the_analysis_flags_only_phrases_from_the_tables() -> None:
    bullets = ["Tareas de gestión de inventario", "Lideré la migración de 3 sistemas"]
    entry = Entry(title="Analista", organisation="Acme", dates="2019 - 2021", bullets=bullets)
    experience = Section(kind="experience", heading="Experiencia", entries=[entry])
    document = CVDocument(language="es", sections=[experience])
    flagged = [f.excerpt for f in find_issues(document, "3-5") if f.code == "weak_opening"]
    assert flagged == ["Tareas de gestión de inventario"]


def test_duty_phrases_kept_as_the_object_of_an_action_verb() -> None:
    # "tareas de" was flagged by the analysis and left as it was by the rewriter.
    assert improve_bullet("Tareas de gestión de inventario", "es", "past")[0] == (
        "Asumí tareas de gestión de inventario"
    )
    assert improve_bullet("Funciones de atención al cliente", "es", "present")[0] == (
        "Asumo funciones de atención al cliente"
    )
    # A verb right after the phrase becomes the bullet's verb.
    assert improve_bullet("Tareas de coordinar eventos", "es", "past")[0] == "Coordiné eventos"
