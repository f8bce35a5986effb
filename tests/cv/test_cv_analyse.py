"""Each finding code, and the score's parts."""

from __future__ import annotations

import pytest

from cvimprover.cv.analyse import analyse, find_issues
from cvimprover.cv.keywords import job_terms
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.parse import parse_cv

HEAD = "Ann Lee\nann@example.com | +44 7700 900000 | Leeds, UK\n\nSUMMARY\nAnalyst.\n\n"
TAIL = "\n\nEDUCATION\nBSc Maths — Leeds University | 2010 – 2013\n\nSKILLS\nSQL, Excel"


def _codes(experience: str, language: str = "en", head: str = HEAD, level: str = "3-5") -> dict:
    document = parse_cv(normalise_text(head + "EXPERIENCE\n" + experience + TAIL))
    document.language = language
    return {f.code: f for f in find_issues(document, level)}


ROLE = "Analyst — Acme | 2019 – 2021\n"


@pytest.mark.parametrize(
    ("bullet", "code", "language"),
    [
        ("- Responsible for monthly reporting to 5 directors", "weak_opening", "en"),
        ("- Helped with the 2020 audit", "weak_opening", "en"),
        ("- Responsable de la contabilidad de 3 empresas", "weak_opening", "es"),
        ("- Ayudé con el cierre de 2020", "weak_opening", "es"),
        ("- Built dashboards for the sales team", "no_metric", "en"),
        ("- I built 4 dashboards", "first_person", "en"),
        ("- Reports were prepared for 6 clients", "passive_voice", "en"),
        ("- " + "Built a very long report " * 8 + "in 2020", "long_bullet", "en"),
    ],
)
def test_bullet_findings(bullet: str, code: str, language: str) -> None:
    finding = _codes(ROLE + bullet, language)[code]
    assert finding.message and finding.severity in ("info", "warning", "error")
    assert finding.excerpt


def test_clean_bullet_has_no_bullet_findings() -> None:
    codes = _codes(ROLE + "- Cut reporting time by 30% with SQL views")
    assert not {"weak_opening", "no_metric", "first_person", "passive_voice", "long_bullet"} & set(
        codes
    )


def test_mixed_tense() -> None:
    assert "mixed_tense" in _codes(ROLE + "- Built 3 models\n- Manage 2 analysts")


def test_overlapping_and_unparsed_dates() -> None:
    codes = _codes(
        "Analyst — Acme | 2018 – 2021\n- Built 3 models\n"
        "Lead — Beta | 2020 – 2022\n- Led 4 people\n"
        "Clerk — Gamma | last summer\n- Filed 300 forms"
    )
    assert "date_overlap" in codes
    assert codes["date_unparsed"].excerpt


def test_a_year_only_hand_over_is_not_an_overlap() -> None:
    handover = _codes(
        "Engineer — Acme | 2015 – 2019\n- Built 3 models\nLead — Beta | 2019 – 2024\n- Led 4 people"
    )
    assert "date_overlap" not in handover
    months = _codes(
        "Engineer — Acme | 01/2015 – 09/2019\n- Built 3 models\n"
        "Lead — Beta | 06/2019 – 2024\n- Led 4 people"
    )
    assert "date_overlap" in months  # June to September 2019 is certain


def test_missing_sections_and_contact() -> None:
    document = parse_cv("Ann Lee\nJunior Accountant")
    codes = [f.code for f in find_issues(document, "0-2")]
    assert codes.count("missing_section") == 4
    assert codes.count("missing_contact") == 2  # e-mail and phone
    # A sentence under the name is no headline: it is the CV's profile, so that one is there.
    document = parse_cv("Ann Lee\nI like numbers and have done 3 jobs.")
    codes = [f.code for f in find_issues(document, "0-2")]
    assert document.headline == "" and codes.count("missing_section") == 3


def test_length_vs_experience_level() -> None:
    assert "length_short" in _codes(ROLE + "- Built 3 models", level="6+")
    long_role = ROLE + "".join(f"- Built model number {i} for the risk team\n" for i in range(120))
    assert "length_long" in _codes(long_role, level="0-2")


def test_score_parts_in_range_and_keywords_reflect_matches() -> None:
    terms = job_terms("Data Analyst", "Requirements: SQL, Excel, Tableau and Python")
    document = parse_cv(normalise_text(HEAD + "EXPERIENCE\n" + ROLE + "- Built SQL views" + TAIL))
    result = analyse(document, terms, "3-5")
    assert 0 <= result.score <= 100
    assert all(0 <= v <= 100 for v in result.parts.values())
    assert set(result.matched) == {"SQL", "Excel"}
    skills_missing = [e.term for e in result.evidence if e.status == "missing"]
    assert {"Tableau", "Python"} <= set(skills_missing)
    assert "Data Analyst" not in result.matched  # the title: no role in the CV says it


def _analysis(experience: str, ad: str = "Requirements: SQL, Excel", language: str = "en"):
    document = parse_cv(normalise_text(HEAD + "EXPERIENCE\n" + experience + TAIL))
    document.language = language
    return analyse(document, job_terms("Data Analyst", ad), "3-5")


def test_one_finding_per_kind_with_count_and_up_to_five_excerpts() -> None:
    bullets = "".join(f"- Built the report for team {name}\n" for name in "ABCDEFGHIJKL")
    findings = {f.code: f for f in _analysis(ROLE + bullets).findings}
    no_metric = findings["no_metric"]
    assert no_metric.count == 12
    assert "0 of 12" in no_metric.message
    assert len(no_metric.excerpts) == 5 and no_metric.excerpt == no_metric.excerpts[0]
    assert set(no_metric.to_dict()) == {"code", "severity", "message", "count", "excerpts",
                                        "excerpt"}  # fmt: skip


def test_a_bullet_without_a_number_is_not_flagged_when_most_have_one() -> None:
    bullets = "- Cut costs by 20%\n- Hired 3 analysts\n- Built the team wiki\n"
    assert "no_metric" not in {f.code for f in _analysis(ROLE + bullets).findings}


def test_findings_are_ordered_by_impact() -> None:
    document = parse_cv("Ann Lee\nEXPERIENCE\nAnalyst — Acme | 2019 – 2021\n- I was helping")
    findings = analyse(document, [], "3-5").findings
    severities = [f.severity for f in findings]
    rank = {"error": 0, "warning": 1, "info": 2}
    assert severities == sorted(severities, key=rank.__getitem__)
    assert findings[0].code == "missing_contact"


def test_score_help_explains_every_part_in_the_job_language() -> None:
    from cvimprover.cv.analyse import score_help

    result = _analysis(ROLE + "- Built 3 SQL views")
    for language in ("en", "es"):
        help_text = score_help(language)
        assert set(help_text) == set(result.parts)
        assert all(sentence.endswith(".") for sentence in help_text.values())


def test_the_score_puts_the_fitting_cv_first() -> None:
    ad = "Requirements:\n- SQL, Tableau and Python\n- Data modelling and ETL pipelines"
    fitting = _analysis(ROLE + "- Built 12 Tableau dashboards on SQL and Python ETL pipelines", ad)
    other = _analysis(ROLE + "- Served 40 customers a day at the front desk", ad)
    assert fitting.score > other.score
    assert fitting.parts["keywords"] > other.parts["keywords"]
