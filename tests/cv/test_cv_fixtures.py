"""The engine on every fixture CV and job: contact, sections, key terms, scores, no invention."""

from __future__ import annotations

from functools import cache

import pytest

from cvimprover.cv.extract import extract_text
from cvimprover.cv.facts import invented_facts
from cvimprover.cv.keywords import job_terms
from cvimprover.cv.language import detect_language
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.pipeline import Improvement, JobTarget, improve
from cvimprover.cv.vocabulary import fold
from tests.cv.samples import CV_EXPECTATIONS, JOB_EXPECTATIONS, cv_bytes, job_text

CVS = sorted(CV_EXPECTATIONS)
JOBS = sorted(JOB_EXPECTATIONS)


def _target(job: str) -> JobTarget:
    spec = JOB_EXPECTATIONS[job]
    return JobTarget(spec["position"], spec["industry"], "3-5", job_description=job_text(job))


@cache
def _run(cv: str, job: str) -> Improvement:
    return improve(cv_bytes(cv), cv, _target(job))


def test_fixture_set_is_varied() -> None:
    suffixes = {name.rsplit(".", 1)[1] for name in CVS}
    assert len(CVS) >= 12 and suffixes == {"pdf", "docx", "txt"}
    assert {CV_EXPECTATIONS[n]["language"] for n in CVS} == {"en", "es"}
    assert len(JOBS) >= 6


@pytest.mark.parametrize("cv", CVS)
def test_contact_fields_found(cv: str) -> None:
    expected = CV_EXPECTATIONS[cv]["contact"]
    contact = _run(cv, JOBS[0]).report["contact"]
    for field in ("name", "email", "phone", "location"):
        assert contact[field] == expected[field], field
    assert [link["url"] for link in contact["links"]] == expected["links"]


@pytest.mark.parametrize("cv", CVS)
def test_sections_roles_and_language(cv: str) -> None:
    expected = CV_EXPECTATIONS[cv]
    result = _run(cv, JOBS[0])
    kinds = [s["kind"] for s in result.report["sections"]]
    assert sorted(kinds) == sorted(expected["sections"])
    assert result.report["language"] == expected["language"]
    experience = result.document.section("experience")
    roles = [[e.title, e.organisation, e.dates] for e in experience.entries]
    assert roles == expected["roles"]


def test_key_term_recall_and_precision() -> None:
    recalls, precisions = [], []
    for job in JOBS:
        spec = JOB_EXPECTATIONS[job]
        found = {fold(t.text) for t in job_terms(spec["position"], job_text(job))}
        wanted = {fold(t) for t in spec["terms"]}
        recalls.append(len(found & wanted) / len(wanted))
        precisions.append(len(found & wanted) / max(1, len(found)))
    assert sum(recalls) / len(recalls) >= 0.85
    assert sum(precisions) / len(precisions) >= 0.7


@pytest.mark.parametrize("job", JOBS)
def test_job_language_detected(job: str) -> None:
    assert detect_language(job_text(job)) == JOB_EXPECTATIONS[job]["language"]


@pytest.mark.parametrize("cv", CVS)
@pytest.mark.parametrize("job", JOBS)
def test_score_improves_and_nothing_is_invented(cv: str, job: str) -> None:
    result = _run(cv, job)
    report = result.report
    assert 0 <= report["score_before"] <= report["score_after"] <= 100
    source = normalise_text(extract_text(cv_bytes(cv), cv))
    output = report["improved_markdown"] + "\n" + result.cover_letter
    assert invented_facts(output, source, _target(job).questionnaire_text()) == []
    assert report["cover_letter"] == result.cover_letter
    assert report["engine"]["rewriter"] == "local"


def test_report_shape() -> None:
    report = _run(CVS[0], JOBS[0]).report
    for key in (
        "language", "score_before", "score_after", "score_parts", "contact", "sections",
        "keywords", "findings", "changes", "improved_markdown", "cover_letter", "engine",
    ):  # fmt: skip
        assert key in report
    assert set(report["score_parts"]) >= {
        "keywords",
        "skills",
        "structure",
        "impact",
        "readability",
    }
    assert set(report["keywords"]) == {"job", "matched", "missing", "evidence"}
    assert set(report["score_help"]) == set(report["score_parts"]) - {"weights"}
    for change in report["changes"]:
        assert set(change) == {"id", "path", "before", "after", "reason"}
    import json

    json.dumps(report)  # must be JSON-serialisable


def test_spanish_cv_gets_spanish_letter() -> None:
    letter = _run("es_desarrolladora.pdf", "backend_es.txt").cover_letter
    assert letter.startswith("Estimado equipo")
    assert "Lucía Fernández Gil" in letter
