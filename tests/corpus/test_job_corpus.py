"""The job-ad corpus and the (CV, ad) pairs are whole, labelled consistently and documented."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent
JOBS = CORPUS / "jobs"
PAIRS = CORPUS / "pairs"
CV_INDEX = CORPUS / "cvs" / "index.json"
PARTS = ("tuned", "heldout")
LABEL_KEYS = {
    "id",
    "file",
    "source",
    "licence",
    "language",
    "field",
    "software",
    "position",
    "company",
    "key_terms",
    "synonyms",
    "never_terms",
}
PAIR_KEYS = {"ad", "better", "worse", "why", "hard"}


def fold(text: str) -> str:
    """Casefold, strip accents and collapse whitespace: how labels are compared with ads."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.casefold())


def occurs(term: str, text: str) -> bool:
    """The term appears in the text on word boundaries ("R" must not match inside "React")."""
    pattern = r"(?<![0-9a-z])" + re.escape(fold(term).strip()) + r"(?![0-9a-z])"
    return re.search(pattern, fold(text)) is not None


def load_ads() -> list[tuple[str, dict, str]]:
    ads = []
    for part in PARTS:
        for label_path in sorted((JOBS / part).glob("*.json")):
            label = json.loads(label_path.read_text(encoding="utf-8"))
            ads.append((part, label, label_path.with_suffix(".txt").read_text(encoding="utf-8")))
    return ads


ADS = load_ads()
AD_IDS = [label["id"] for _, label, _ in ADS]


def test_every_ad_has_a_label_and_every_label_an_ad():
    for part in PARTS:
        texts = {p.stem for p in (JOBS / part).glob("*.txt")}
        labels = {p.stem for p in (JOBS / part).glob("*.json")}
        assert texts == labels, f"{part}: unpaired files {texts ^ labels}"
    assert len(AD_IDS) == len(set(AD_IDS)), "an id is used twice"


@pytest.mark.parametrize(("part", "label", "text"), ADS, ids=AD_IDS)
def test_label_validates(part, label, text):
    assert set(label) == LABEL_KEYS
    assert label["file"] == f"{label['id']}.txt"
    assert (JOBS / part / label["file"]).is_file()
    assert label["language"] in ("en", "es")
    assert label["id"].startswith(label["language"] + "-")
    assert isinstance(label["software"], bool)
    for key in ("source", "licence", "field", "position"):
        assert isinstance(label[key], str) and label[key].strip(), key
    assert isinstance(label["company"], str)
    assert text.splitlines()[0].strip(), "the ad's title line comes first"
    required = label["key_terms"]["required"]
    nice = label["key_terms"]["nice"]
    assert set(label["key_terms"]) == {"required", "nice"}
    assert required, "every ad asks for something"
    assert 6 <= len(required) + len(nice) <= 26
    folded = [fold(t) for t in required + nice]
    assert len(folded) == len(set(folded)), "a key term is listed twice"
    assert not set(folded) & {fold(t) for t in label["never_terms"]}


@pytest.mark.parametrize(("part", "label", "text"), ADS, ids=AD_IDS)
def test_key_terms_occur_in_the_ad(part, label, text):
    synonyms = label["synonyms"]
    assert set(synonyms) <= set(label["key_terms"]["required"] + label["key_terms"]["nice"])
    for variants in synonyms.values():
        assert variants and all(isinstance(v, str) and v.strip() for v in variants)
    for term in label["key_terms"]["required"] + label["key_terms"]["nice"]:
        forms = [term, *synonyms.get(term, [])]
        assert any(occurs(form, text) for form in forms), f"{term!r} is not in the ad"
    for term in label["never_terms"]:
        assert occurs(term, text), f"never-term {term!r} is not in the ad"


def test_readme_lists_every_file_with_source_and_licence():
    rows = {}
    for line in (JOBS / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 7 and cells[0].endswith(".txt"):
            rows[cells[0]] = cells
    for part, label, _ in ADS:
        row = rows.get(f"{part}/{label['file']}")
        assert row, f"README does not list {part}/{label['file']}"
        assert row[5] == label["source"] and row[6] == label["licence"]
    assert len(rows) == len(ADS), "README lists a file that is not in the corpus"


def test_composition_per_part():
    counts = {part: {"ads": 0, "en": 0, "es": 0, "software": 0, "other": 0} for part in PARTS}
    for part, label, _ in ADS:
        counts[part]["ads"] += 1
        counts[part][label["language"]] += 1
        counts[part]["software" if label["software"] else "other"] += 1
    total = sum(c["ads"] for c in counts.values())
    assert total >= 36
    assert sum(c["es"] for c in counts.values()) >= 12
    assert sum(c["other"] for c in counts.values()) >= 14
    assert 0.25 <= counts["heldout"]["ads"] / total <= 0.4
    for part, c in counts.items():
        assert min(c["en"], c["es"], c["software"], c["other"]) >= 2, (part, c)


def load_pairs(part: str) -> list[dict]:
    return json.loads((PAIRS / f"{part}.json").read_text(encoding="utf-8"))


def cv_ids() -> set[str] | None:
    """Ids of the CV corpus, or None while it lives on another branch."""
    if not CV_INDEX.exists():
        return None
    index = json.loads(CV_INDEX.read_text(encoding="utf-8"))
    if isinstance(index, dict):
        index = index.get("cvs", index)
    if isinstance(index, dict):
        return set(index)
    return {entry["id"] if isinstance(entry, dict) else entry for entry in index}


def test_pairs_name_existing_ads_of_their_part():
    ad_part = {label["id"]: part for part, label, _ in ADS}
    seen = set()
    for part in PARTS:
        for pair in load_pairs(part):
            assert set(pair) == PAIR_KEYS, pair
            assert ad_part.get(pair["ad"]) == part, f"{pair['ad']} is not a {part} ad"
            assert pair["better"] != pair["worse"]
            assert isinstance(pair["hard"], bool)
            assert pair["why"].strip()
            key = (pair["ad"], pair["better"], pair["worse"])
            assert key not in seen and key[::-1] not in seen, f"pair given twice: {key}"
            seen.add(key)


def test_pair_counts():
    tuned, heldout = load_pairs("tuned"), load_pairs("heldout")
    pairs = tuned + heldout
    assert len(pairs) >= 60
    assert len(heldout) >= 20
    assert 2 * sum(p["hard"] for p in pairs) >= len(pairs), "at least half must be hard"


def test_pairs_name_existing_cvs():
    ids = cv_ids()
    pairs = load_pairs("tuned") + load_pairs("heldout")
    named = {p["better"] for p in pairs} | {p["worse"] for p in pairs}
    # CV ids are slugs whatever branch holds the CVs; the index check applies once it is here
    assert all(re.fullmatch(r"(en|es)-[a-z0-9-]+", cv) for cv in named), named
    if ids is not None:
        assert named <= ids, f"unknown CV ids: {sorted(named - ids)}"


def test_tuned_pairs_use_no_held_out_cv():
    # Whoever tunes on tuned pairs must not meet a held-out CV through them
    for pair in load_pairs("tuned"):
        for cv in (pair["better"], pair["worse"]):
            assert not (CORPUS / "cvs" / "heldout" / f"{cv}.json").exists(), (pair["ad"], cv)
