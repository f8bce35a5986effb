"""Nothing lost: every source line is kept, rewritten with a recorded change, or dropped
with a reason, on every fixture and on generated CVs."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvimprover.cv.extract import extract_text, pdf_stream_text
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.pipeline import JobTarget, improve
from cvimprover.cv.preserved import line_words, missing_lines
from tests.cv.samples import CV_EXPECTATIONS, cv_bytes

TARGET = JobTarget("Data Engineer", "Software", "3-5", job_description="Python, SQL and AWS")


def _raw_text(name: str, data: bytes) -> str:
    # The plain text stream, not our layout: a loss in layout reconstruction must show.
    raw = pdf_stream_text(data) if name.endswith(".pdf") else extract_text(data, name)
    return normalise_text(raw)


def _check(report: dict, source: str) -> None:
    block = report["preserved"]
    assert block["lost"] == 0, block["lost_lines"]
    assert block["source_lines"] == block["kept"] + block["rewritten"] + block["dropped"]
    assert all(item["reason"] for item in block["dropped_lines"])
    assert missing_lines(source, report) == []


@pytest.mark.parametrize("cv", sorted(CV_EXPECTATIONS))
def test_every_fixture_line_is_accounted_for(cv: str) -> None:
    data = cv_bytes(cv)
    _check(improve(data, cv, TARGET).report, _raw_text(cv, data))


def test_dropped_lines_carry_reasons() -> None:
    text = (
        "Ann Lee\nann@example.com\nCurriculum Vitae\n\nEXPERIENCE\nAnalyst | Acme | 2019 - 2021\n"
        "- Responsible for managing 4 reports\n1\nPERSONAL DETAILS\nMarital status: married\n"
        "Nationality: Irish"
    )
    report = improve(text.encode(), "cv.txt", TARGET).report
    reasons = {d["line"]: d["reason"] for d in report["preserved"]["dropped_lines"]}
    assert reasons["1"] == "page number"
    assert reasons["Marital status: married"] == "marital status removed: not expected on a CV"
    assert "Curriculum Vitae" in reasons
    assert report["preserved"]["rewritten"] == 1  # the "Responsible for" bullet
    assert "Nationality: Irish" in report["improved_markdown"]
    _check(report, text)


FIRST = st.sampled_from(["Ann", "Łukasz", "Zoë", "Дмитрий", "Ελένη", "José María", "CHRISTIAN"])
LAST = st.sampled_from(["Lee", "Żółć", "Ødegård", "Иванов", "Παπαδοπούλου", "LARICO DEPAZ"])
HEADINGS = {
    "experience": ["EXPERIENCE", "Work Experience", "EXPERIENCIA (10/2022-05/2023)"],
    "education": ["EDUCATION", "Educación", "EDUCACIÓN (03/2019-EN CURSO)"],
    "skills": ["SKILLS", "Habilidades"],
    "other": ["COMMUNITY INVOLVEMENT", "PERSONAL INFORMATION", "Interests"],
}
WORDS = st.sampled_from(
    ["built", "reports", "for", "the", "finance", "team", "using", "Python", "Spring", "and",
     "reduced", "costs", "by", "12%", "migrated", "servers", "to", "AWS", "clients", "weekly"]
)  # fmt: skip
TITLES = st.sampled_from(["Data Analyst", "Enfermera", "Full Stack Java Developer", "Teacher"])
ORGS = st.sampled_from(["ABC Company", "Banco Sol", "St Mary's Hospital", "Kestrel Ltd"])


@st.composite
def contact_blocks(draw: st.DrawFn) -> list[str]:
    name = f"{draw(FIRST)} {draw(LAST)}"
    email = "person@example.com"
    phone = draw(st.sampled_from(["+44 7700 900123", "+34 600 111 222", "(555) 013-4477"]))
    layout = draw(st.integers(0, 3))
    if layout == 0:
        return [name, f"{email} | {phone} | Madrid, España"]
    if layout == 1:
        return [f"{name} Email: {email} Mobile: {phone} LinkedIn: linkedin.com/in/someone"]
    if layout == 2:
        return [*name.split(" ", 1), "Calle Mayor 5, 28013 Madrid", f"Email: {email}"]
    return [name, "Data person", f"Phone: {phone}", "Date of birth: 01/02/1990"]


@st.composite
def cvs(draw: st.DrawFn) -> str:
    lines = draw(contact_blocks())
    kinds = draw(st.lists(st.sampled_from(sorted(HEADINGS)), min_size=1, max_size=4, unique=True))
    for kind in kinds:
        lines += ["", draw(st.sampled_from(HEADINGS[kind]))]
        if kind in ("experience", "education"):
            for _ in range(draw(st.integers(1, 3))):
                start = draw(st.integers(2005, 2018))
                lines.append(f"{draw(TITLES)} | {draw(ORGS)} | {start} - {start + 2}")
                for _ in range(draw(st.integers(0, 3))):
                    words = draw(st.lists(WORDS, min_size=3, max_size=14))
                    lines.append("- " + " ".join(words).capitalize())
                    if draw(st.booleans()):
                        lines.append(draw(st.sampled_from(["Boot", "and reporting", "3"])))
        elif kind == "skills":
            lines.append(draw(st.sampled_from(["Python, SQL", "Programming languages: Java, C++"])))
        else:
            words = draw(st.lists(WORDS, min_size=8, max_size=30))
            lines += [" ".join(words[:12]), " ".join(words[12:])]
    return "\n".join(line for line in lines if line is not None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cv=cvs())
def test_generated_cvs_lose_no_line(cv: str) -> None:
    report = improve(cv.encode("utf-8"), "cv.txt", TARGET).report
    _check(report, normalise_text(cv))


def test_words_a_text_stream_glued_count_as_kept_when_shown_apart() -> None:
    # The layout sets "como R" apart (two fonts); the PDF's text stream says "comoR".
    report = {"improved_markdown": "Herramientas como R y Tableau", "changes": []}
    assert missing_lines("Herramientas comoR y Tableau", report) == []
    # Words never shown side by side are still missing.
    assert missing_lines("Herramientas TableauR", report) == ["Herramientas TableauR"]


def test_a_qualified_contact_label_is_presentation_but_the_same_word_elsewhere_is_content() -> None:
    assert line_words("Office Address: 15 Parkman Street, Boston") == {
        "15", "parkman", "street", "boston"
    }  # fmt: skip
    assert "home" in line_words("Managed home care for 20 patients")
    assert "office" in line_words("Office manager: ran a team of 4")
