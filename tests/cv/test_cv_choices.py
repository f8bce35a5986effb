"""Rejected changes are undone at the place each change's path names, and only those."""

from __future__ import annotations

import pytest

from cvimprover.cv.choices import apply_choices, reversible
from cvimprover.cv.keywords import job_terms
from cvimprover.cv.markdown import document_text
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.parse import parse_cv
from cvimprover.cv.rewrite import rewrite
from tests.cv.samples import ANALYST_CV

# No summary (one is added), a skills list the job reorders, bullets that are rewritten
# and reordered in the same entry
CV = ANALYST_CV


@pytest.fixture(scope="module")
def rewritten():
    document = parse_cv(normalise_text(CV))
    terms = job_terms("Data Analyst", "Requirements: SQL, Tableau, Excel")
    improved, changes = rewrite(document, terms, position="Data Analyst", industry="Retail")
    return document, improved, changes


def value_at(data: dict, path: str):
    node = data
    for part in path.split("."):
        node = node[int(part)] if part.isdigit() else node[part]
    return node


def test_every_change_has_a_stable_id_and_a_path_to_its_after_text(rewritten):
    document, improved, changes = rewritten
    assert len({c["id"] for c in changes}) == len(changes) >= 4
    data = improved.to_dict()
    for change in changes:
        assert reversible(change), change
        found = value_at(data, change["path"])
        shown = "\n".join(found) if change["path"].endswith("bullets") else found
        if change["path"].endswith("items"):
            shown = ", ".join(found)
        assert shown == change["after"], change
    # The same CV and job give the same ids (a stored choice still points at its change)
    again = rewrite(
        parse_cv(normalise_text(CV)),
        job_terms("Data Analyst", "Requirements: SQL, Tableau, Excel"),
        position="Data Analyst",
        industry="Retail",
    )[1]
    assert [c["id"] for c in again] == [c["id"] for c in changes]


def test_rejecting_nothing_keeps_the_improved_document(rewritten):
    _, improved, changes = rewritten
    assert apply_choices(improved.to_dict(), changes, []).to_dict() == improved.to_dict()


def test_rejecting_one_bullet_brings_back_its_text_and_keeps_the_others(rewritten):
    _, improved, changes = rewritten
    bullet = next(c for c in changes if "Responsible for" in c["before"])
    chosen = apply_choices(improved.to_dict(), changes, [bullet["id"]])
    bullets = chosen.section("experience").entries[0].bullets
    assert "Responsible for managing 3 monthly reports" in bullets
    assert bullet["after"] not in bullets
    assert "Built 4 dashboards in Tableau" in bullets  # the other rewrite stays
    assert bullets[0] == improved.section("experience").entries[0].bullets[0]  # order stays


def test_rejecting_everything_gives_back_the_source_cv(rewritten):
    document, improved, changes = rewritten
    chosen = apply_choices(improved.to_dict(), changes, [c["id"] for c in changes])
    assert chosen.section("summary") is None  # the added summary is gone
    assert document_text(chosen) == document_text(document)


def test_a_change_whose_text_moved_on_is_skipped_not_misapplied(rewritten):
    _, improved, changes = rewritten
    data = improved.to_dict()
    bullet = next(c for c in changes if "Responsible for" in c["before"])
    entry = value_at(data, bullet["path"].rsplit(".", 2)[0])
    entry["bullets"] = ["Edited by hand since"]
    chosen = apply_choices(data, changes, [bullet["id"]])
    assert chosen.section("experience").entries[0].bullets == ["Edited by hand since"]


def test_changes_without_a_known_path_cannot_be_rejected():
    assert not reversible({"before": "a", "after": "b", "reason": "reworded"})
    assert not reversible({"id": "x", "path": "contact.name", "before": "a", "after": "b"})
    assert reversible({"id": "x", "path": "sections.0.entries.1.bullets.2"})
