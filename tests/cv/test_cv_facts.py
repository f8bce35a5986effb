"""The no-invention checker, and a property test of the invariant on generated CVs."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvimprover.cv.extract import extract_text
from cvimprover.cv.facts import invented_facts
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.pipeline import JobTarget, improve

SOURCE = "Built 4 dashboards at Acme Corp in 2021 with Python. BSc Maths, Leeds University."


def test_faithful_output_passes() -> None:
    output = "Built 4 dashboards with Python at Acme Corp (2021). Contributed to reporting."
    assert invented_facts(output, SOURCE) == []


def test_invented_number_org_skill_degree_and_date_are_caught() -> None:
    assert "12" in invented_facts("Built 12 dashboards", SOURCE)
    assert "Globex" in invented_facts("Built dashboards at Globex", SOURCE)
    assert "Kubernetes" in invented_facts("Built dashboards on Kubernetes", SOURCE)
    assert "kubernetes" in invented_facts("built dashboards on kubernetes", SOURCE)
    assert "PhD" in invented_facts("Holds a PhD in Maths", SOURCE)
    assert "March" in invented_facts("Since March 2021", SOURCE)


def test_questionnaire_facts_are_allowed() -> None:
    assert invented_facts("Applying for a Data Engineer role in Fintech", SOURCE) != []
    assert (
        invented_facts(
            "Applying for a Data Engineer role in Fintech", SOURCE, "Data Engineer\nFintech"
        )
        == []
    )


WORDS = st.sampled_from(
    [
        "Nimbus",
        "Quarry",
        "Lumen",
        "Harbour",
        "Cobalt",
        "Meridian",
        "Juniper",
        "Falcon",
        "Orchid",
        "Basalt",
    ]
)
SKILLS = st.sampled_from(["Python", "SQL", "Docker", "Excel", "Tableau", "Figma", "Jira", "AWS"])
WEAK = st.sampled_from(["Responsible for managing", "Helped with", "I built", "Worked on", "Led"])
OBJECTS = st.sampled_from(["the reporting suite", "a data pipeline", "the onboarding flow"])


@st.composite
def cvs(draw: st.DrawFn) -> str:
    lines = [f"{draw(WORDS)} {draw(WORDS)}son", "person@example.com | +44 7700 900111", ""]
    lines.append("EXPERIENCE")
    year = draw(st.integers(2005, 2018))
    for _ in range(draw(st.integers(1, 3))):
        end = year + draw(st.integers(1, 4))
        lines.append(f"{draw(WORDS)} Analyst — {draw(WORDS)} {draw(WORDS)} Ltd | {year} – {end}")
        for _ in range(draw(st.integers(1, 4))):
            amount = draw(st.integers(2, 950))
            lines.append(f"- {draw(WEAK)} {draw(OBJECTS)} with {draw(SKILLS)} for {amount} users")
        year = end
    lines += [
        "",
        "EDUCATION",
        f"BSc {draw(WORDS)} Studies — {draw(WORDS)} University | 2001 – 2004",
    ]
    lines += ["", "SKILLS", ", ".join(draw(st.lists(SKILLS, min_size=1, max_size=4, unique=True)))]
    return "\n".join(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cv=cvs(), skills=st.lists(SKILLS, min_size=1, max_size=4, unique=True), lead=st.booleans())
def test_improve_never_invents_facts(cv: str, skills: list[str], lead: bool) -> None:
    target = JobTarget(
        "Data Analyst",
        "Retail",
        "3-5",
        job_description="Requirements:\n- " + "\n- ".join(skills) + "\n- Kubernetes, Terraform",
    )
    result = improve(
        cv.encode("utf-8"),
        "resume.txt",
        target,
        instructions="emphasise leadership" if lead else None,
    )
    source = normalise_text(extract_text(cv.encode("utf-8"), "resume.txt"))
    output = result.report["improved_markdown"] + "\n" + result.cover_letter
    assert invented_facts(output, source, target.questionnaire_text()) == []
    assert result.report["score_after"] >= result.report["score_before"]
