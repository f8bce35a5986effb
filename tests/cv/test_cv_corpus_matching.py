"""Key terms and scores on the labelled corpora (tests/corpus): floors reached on the tuned
part, junk over every ad, pair order. Held-out results are checked only as totals and never
printed one by one. These tests fail, not skip, when the corpus is missing."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from corpus import CORPUS, cv_file, find_ad, load_ads, load_pairs, score_ad  # noqa: E402

from cvimprover.cv.analyse import analyse  # noqa: E402
from cvimprover.cv.extract import extract_text  # noqa: E402
from cvimprover.cv.keywords import job_terms  # noqa: E402
from cvimprover.cv.language import detect_language  # noqa: E402
from cvimprover.cv.normalise import normalise_text  # noqa: E402
from cvimprover.cv.parse import parse_cv  # noqa: E402

# Reached on the tuned ads when this test was written (bench/matching.py prints the
# current figures); a change that drops below them must say why.
FLOORS = {"en": (0.74, 0.74), "es": (0.83, 0.88)}  # (recall, precision)
# Twelve ads outside software were added to the tuned part for issue 10, labelled before the
# extractor was run on them. FLOORS stay measured on the ads they were set on; the whole tuned
# part has its own floors, reached when the ads were added (lower: most of the new ads' terms
# are everyday phrases no list holds).
ADDED_FOR_ISSUE_10 = frozenset(
    ("en-accounting-02", "en-accounting-03", "en-events-01", "es-nursing-03", "es-accounting-03",
     "es-trades-01", "es-logistics-02", "es-logistics-03", "es-teaching-03", "es-sales-02",
     "es-design-02", "es-hospitality-02")
)  # fmt: skip
ALL_TUNED_FLOORS = {"en": (0.67, 0.75), "es": (0.77, 0.84)}
# A second batch of real ads outside software, labelled before the extractor saw them
# (tests/corpus/jobs/README.md); the floors above stay on the ads they were set on, and the
# whole tuned part has its own.
SECOND_BATCH = frozenset(
    ("en-accounting-04", "en-teaching-01", "es-nursing-04", "es-logistics-04",
     "es-hospitality-03", "es-teaching-04", "es-trades-02", "es-accounting-04")
)  # fmt: skip
WHOLE_TUNED_FLOORS = {"en": (0.65, 0.74), "es": (0.76, 0.84)}
# A third batch (issue 16): Spanish ads of the Spanish CVs' trades, labelled before the
# extractor saw them; the floors above stay on the ads they were set on.
THIRD_BATCH = frozenset(
    ("es-software-06", "es-software-07", "es-software-09", "es-software-10", "es-software-11",
     "es-telecom-01", "es-logistics-05", "es-logistics-06", "es-admin-02")
)  # fmt: skip
THIRD_BATCH_HELDOUT = frozenset(("es-software-08", "es-software-12", "es-logistics-07"))
# Junk the extractor is known to report on a tuned ad, with the reason; any other fails.
# en-accounting-04 names its employer only as a tool the job uses ("Ability to use
# GitLab"), never as an employer, so nothing in the ad says it is the company.
KNOWN_TUNED_JUNK = {"en-accounting-04": [("GitLab", "company")]}
# Pairs: 0.905 (38 of 42) at the start of the session that added the requirement signal;
# 0.929 on that branch alone, 0.905 once merged with the entries rounds of the same day:
# en-physicist-designer-01, a designer CV whose text comes out scrambled, now has its mixed
# "EDUCATION & PROJECT & EXPERIENCE" block read as experience, and on the sales ad it
# shares no key term with the executive it is judged against, so one structure point
# orders them. The floor holds what the merged engine reaches.
PAIR_FLOOR = 0.90
# Issue 10 asks for no junk term over every ad (the held-out count is a total, never
# looked at term by term). The held-out ads of issue 16's batch were measured apart, once,
# as a total: 2 junk terms, which ones was never looked at.
KNOWN_HELDOUT_JUNK = 0
KNOWN_THIRD_BATCH_HELDOUT_JUNK = 2


def test_the_corpus_is_there() -> None:
    for folder in ("jobs/tuned", "jobs/heldout", "cvs/tuned", "pairs"):
        assert (CORPUS / folder).is_dir(), f"missing corpus folder tests/corpus/{folder}"


@cache
def _terms(ad_id: str, split: str) -> list:
    ad = next(a for a in load_ads(split) if a.id == ad_id)
    return job_terms(ad.position, ad.description, ad.language)


def _pooled(language: str, ads: list) -> tuple[float, float]:
    found = labels = correct = extracted = 0
    ads = [ad for ad in ads if ad.language == language]
    assert ads
    for ad in ads:
        result = score_ad(ad, _terms(ad.id, "tuned"))
        found, labels = found + result.found, labels + result.labels
        correct, extracted = correct + result.correct, extracted + result.extracted
    return found / labels, correct / extracted


@pytest.mark.parametrize("language", ["en", "es"])
def test_tuned_recall_and_precision_floors(language: str) -> None:
    earlier = ADDED_FOR_ISSUE_10 | SECOND_BATCH | THIRD_BATCH
    ads = [ad for ad in load_ads("tuned") if ad.id not in earlier]
    recall, precision = _pooled(language, ads)
    recall_floor, precision_floor = FLOORS[language]
    assert recall >= recall_floor
    assert precision >= precision_floor


@pytest.mark.parametrize("language", ["en", "es"])
def test_floors_over_the_whole_tuned_part(language: str) -> None:
    ads = load_ads("tuned")
    assert {ad.id for ad in ads} >= ADDED_FOR_ISSUE_10
    recall, precision = _pooled(language, [ad for ad in ads if ad.id not in SECOND_BATCH])
    recall_floor, precision_floor = ALL_TUNED_FLOORS[language]
    assert recall >= recall_floor
    assert precision >= precision_floor


@pytest.mark.parametrize("language", ["en", "es"])
def test_floors_with_the_second_batch(language: str) -> None:
    ads = load_ads("tuned")
    assert {ad.id for ad in ads} >= SECOND_BATCH
    recall, precision = _pooled(language, ads)
    recall_floor, precision_floor = WHOLE_TUNED_FLOORS[language]
    assert recall >= recall_floor
    assert precision >= precision_floor


def test_no_junk_term_in_any_tuned_ad() -> None:
    junk = {}
    for ad in load_ads("tuned"):
        found = score_ad(ad, _terms(ad.id, "tuned")).junk
        if found:
            junk[ad.id] = found
    assert junk == KNOWN_TUNED_JUNK


def test_junk_over_held_out_ads_only_as_a_total() -> None:
    ads = load_ads("heldout")
    assert ads
    earlier = [ad for ad in ads if ad.id not in THIRD_BATCH_HELDOUT]
    total = sum(len(score_ad(ad, _terms(ad.id, "heldout")).junk) for ad in earlier)
    assert total <= KNOWN_HELDOUT_JUNK, f"{total} junk terms over the held-out ads"
    third = [ad for ad in ads if ad.id in THIRD_BATCH_HELDOUT]
    assert len(third) == len(THIRD_BATCH_HELDOUT)
    total = sum(len(score_ad(ad, _terms(ad.id, "heldout")).junk) for ad in third)
    assert total <= KNOWN_THIRD_BATCH_HELDOUT_JUNK, f"{total} junk terms over the third batch"


@cache
def _document(cv_id: str) -> object:
    path = cv_file(cv_id)
    text = normalise_text(extract_text(path.read_bytes(), path.name))
    document = parse_cv(text)
    document.language = detect_language(text)
    return document


def test_tuned_pairs_are_ordered_by_fit() -> None:
    pairs = load_pairs("tuned")
    assert pairs
    right = 0
    for pair in pairs:
        ad = find_ad(pair["ad"])
        terms = job_terms(ad.position, ad.description, ad.language)
        better = analyse(_document(pair["better"]), terms, "3-5").score
        worse = analyse(_document(pair["worse"]), terms, "3-5").score
        right += better > worse
    assert right / len(pairs) >= PAIR_FLOOR
