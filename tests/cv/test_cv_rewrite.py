"""Faithful rewriting: strong openings, pronouns, tense, ordering, surfaced skills, instructions."""

from __future__ import annotations

from cvimprover.cv.keywords import job_terms
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.parse import parse_cv
from cvimprover.cv.rewrite import improve_bullet, rewrite

CV = """Ann Lee
ann@example.com | +44 7700 900000 | Leeds, UK

EXPERIENCE
Analyst — Acme | 2019 – 2021
- Responsible for managing 3 monthly reports
- I built 4 dashboards in Tableau
- Mentored 2 junior analysts
- Cut costs by 10% using SQL

SKILLS
Excel, Python
"""


def _rewrite(instructions: str = ""):
    document = parse_cv(normalise_text(CV))
    terms = job_terms("Data Analyst", "Requirements: SQL, Tableau, Excel")
    return rewrite(
        document, terms, position="Data Analyst", industry="Retail", instructions=instructions
    )


def test_bullet_edits() -> None:
    assert (
        improve_bullet("Responsible for managing the rota", "en", "past")[0] == "Managed the rota"
    )
    assert improve_bullet("Helped with the audit", "en", "past")[0] == "Contributed to the audit"
    assert (
        improve_bullet("Helped build the API", "en", "past")[0] == "Contributed to building the API"
    )
    assert improve_bullet("I built 4 dashboards", "en", "past")[0] == "Built 4 dashboards"
    assert improve_bullet("Manage 2 analysts", "en", "past")[0] == "Managed 2 analysts"
    assert improve_bullet("Responsable de gestionar 3 tiendas", "es", "past")[0] == (
        "Gestioné 3 tiendas"
    )
    assert improve_bullet("Participé en el lanzamiento", "es", "past")[0] == (
        "Contribuí al lanzamiento"
    )


def test_rewrite_orders_surfaces_and_summarises() -> None:
    improved, changes = _rewrite()
    bullets = improved.section("experience").entries[0].bullets
    assert bullets[0] in ("Cut costs by 10% using SQL", "Built 4 dashboards in Tableau")
    assert "Managed 3 monthly reports" in bullets
    skills = improved.section("skills").items
    assert skills[:1] == ["Excel"] and {"Tableau", "SQL"} <= set(skills)
    summary = improved.section("summary").text
    assert "Data Analyst role in Retail" in summary
    assert all(set(c) == {"before", "after", "reason"} for c in changes)


def test_instructions_change_emphasis_only() -> None:
    plain, _ = _rewrite()
    led, _ = _rewrite("Please emphasise leadership")
    assert led.section("experience").entries[0].bullets[0] == "Mentored 2 junior analysts"
    assert "Mentored 2 junior analysts" in led.section("summary").text
    assert plain.section("experience").entries[0].bullets[0] != "Mentored 2 junior analysts"
