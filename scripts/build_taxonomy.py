"""Rebuild cvimprover/cv/vocabulary/taxonomy.tsv from the ESCO and O*NET source files.

Usage:
    python scripts/build_taxonomy.py --esco-en skills_en-us.csv --esco-es skills_es.csv \
        --onet "Technology Skills.txt" [--esco-en-alt skills_en.csv] \
        [--out cvimprover/cv/vocabulary/taxonomy.tsv]

The sources (where to get them, their licences) are listed in
cvimprover/cv/vocabulary/README.md. The output keeps only labels that can name a skill in a
job ad: short noun phrases, no verb phrases ("manage musical staff"), no everyday words
("english", "word"), no vague headings ("types of glazing"). One line per concept:

    id <TAB> source <TAB> kind <TAB> group <TAB> canonical <TAB> labels

`labels` is "|"-separated `lang:label`; `lang!:label` means the label only counts when the
ad writes it with the same capitals (product names that are also words: "Excel", "Glide").
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "cvimprover" / "cv" / "vocabulary" / "taxonomy.tsv"
MAX_WORDS = 4
# A one-word label this common in its language is an everyday word, not a skill.
EVERYDAY_ZIPF = 4.6
# Between these two, a product name that is also a word must keep its capitals in the ad.
CAPITALS_ZIPF = 3.0
# Generic heads of ESCO knowledge labels that describe a topic, not a skill a CV would show.
VAGUE = re.compile(
    r"^(?:types? of|kinds? of|characteristics of|features of|range of|principles of|"
    r"tipos? de|clases de|características de|gama de|principios de)\b|"
    r"\b(?:in general|en general)\b",
    re.IGNORECASE,
)
PAREN = re.compile(r"\s*\([^)]*\)")


def words_of(label: str) -> list[str]:
    return re.findall(r"[\w+#.]+", label)


def everyday(label: str, lang: str) -> bool:
    """A single common word, or a phrase made only of very common words."""
    tokens = [t.lower() for t in words_of(label)]
    if not tokens:
        return True
    if len(tokens) == 1:
        return zipf_frequency(tokens[0], lang) >= EVERYDAY_ZIPF
    return all(zipf_frequency(t, lang) >= 5.0 for t in tokens)


def distinctive(name: str) -> bool:
    """Whether a shortened product name still has a word rare enough to identify it
    (a capitalised one-word name may be commoner: it is then matched with its capitals)."""
    tokens = words_of(name)
    if len(tokens) == 1 and name[:1].isupper():
        return zipf_frequency(name.lower(), "en") < 4.0
    return any(zipf_frequency(t.lower(), "en") < CAPITALS_ZIPF for t in tokens)


def needs_capitals(label: str, lang: str) -> bool:
    tokens = words_of(label)
    return (
        len(tokens) == 1
        and label != label.lower()
        and zipf_frequency(label.lower(), lang) >= CAPITALS_ZIPF
    )


def clean(label: str) -> str:
    label = PAREN.sub("", label).strip().strip(".,;")
    return re.sub(r"\s+", " ", label)


def verb_heads(rows: list[dict], lang: str) -> set[str]:
    """First words of ESCO skill labels used as verbs ("manage", "gestionar")."""
    counts = Counter(
        clean(r["preferredLabel"]).split()[0].lower()
        for r in rows
        if r["skillType"] != "knowledge" and clean(r["preferredLabel"])
    )
    heads = {w for w, n in counts.items() if n >= 3}
    if lang == "es":
        heads |= {w for w in counts if re.fullmatch(r"\w+(?:ar|er|ir|arse|erse|irse)", w)}
    return heads


def stop_labels() -> frozenset[str]:
    path = DEFAULT_OUT.parent / "taxonomy_stop.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))


def keep(label: str, lang: str, heads: set[str], skill: bool = False) -> bool:
    if label.lower() in stop_labels():
        return False
    tokens = words_of(label)
    if not tokens or len(tokens) > MAX_WORDS or len(label) < 2:
        return False
    first = tokens[0].lower()
    if first in heads or VAGUE.search(label):
        return False
    # A skill (not a knowledge topic) named "installing heat pumps" is still a verb phrase.
    stem = re.sub(r"(?:ing|es|s)$", "", first)
    if skill and lang == "en" and stem != first and {stem, stem + "e"} & heads:
        return False
    return not everyday(label, lang)


def label_entry(label: str, lang: str) -> str:
    return f"{lang}{'!' if needs_capitals(label, lang) else ''}:{label}"


def english_alternatives(path: Path, en_rows: list[dict]) -> dict[str, str]:
    """conceptUri -> English alternative labels ("\n"-separated) from a partial ESCO export
    whose altLabels column is shifted against its rows: each block of alternatives is given
    to the one concept whose English preferred label it contains, and dropped otherwise."""
    by_label: dict[str, set[str]] = defaultdict(set)
    for row in en_rows:
        by_label[clean(row["preferredLabel"]).lower()].add(row["conceptUri"])
    out: dict[str, str] = {}
    for row in _read(path):
        block = [a.strip() for a in row.get("altLabels", "").split("\n") if a.strip()]
        uris = (
            set().union(*(by_label.get(clean(a).lower(), set()) for a in block)) if block else set()
        )
        if len(uris) == 1:
            out[uris.pop()] = "\n".join(block)
    return out


def esco_concepts(en_path: Path, es_path: Path, en_alt_path: Path | None = None) -> list[tuple]:
    rows = {"en": _read(en_path), "es": _read(es_path)}
    if en_alt_path is not None:
        alternatives = english_alternatives(en_alt_path, rows["en"])
        for row in rows["en"]:
            if not row["altLabels"].strip() and row["conceptUri"] in alternatives:
                row["altLabels"] = alternatives[row["conceptUri"]]
    heads = {lang: verb_heads(r, lang) for lang, r in rows.items()}
    by_uri: dict[str, dict] = defaultdict(lambda: {"labels": [], "canonical": "", "kind": ""})
    for lang, table in rows.items():
        for row in table:
            concept = by_uri[row["conceptUri"]]
            kind = "knowledge" if row["skillType"] == "knowledge" else "skill"
            concept["kind"] = kind
            names = [row["preferredLabel"], *row["altLabels"].split("\n")]
            for raw in names:
                label = clean(raw)
                if label and keep(label, lang, heads[lang], kind == "skill"):
                    concept["labels"].append(label_entry(label, lang))
            if lang == "en":
                concept["canonical"] = clean(row["preferredLabel"])
    out = []
    for uri, concept in sorted(by_uri.items()):
        labels = list(dict.fromkeys(concept["labels"]))
        if not labels:
            continue
        canonical = concept["canonical"] or labels[0].split(":", 1)[1]
        out.append(("esco:" + uri.rsplit("/", 1)[1][:8], "esco", concept["kind"], "", canonical,
                    labels))  # fmt: skip
    return out


def onet_concepts(path: Path) -> list[tuple]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    examples: dict[str, str] = {}
    for row in rows:
        examples.setdefault(clean(row["Example"]), row["Commodity Title"])
    # A first word that starts three or more products is a vendor ("Microsoft", "Oracle").
    vendors = {w for w, n in Counter(e.split()[0] for e in examples).items() if n >= 3}
    out = []
    for number, (example, group) in enumerate(sorted(examples.items())):
        names = [example]
        tokens = example.split()
        # A shortened name ("SQL Server" for "Microsoft SQL Server") must keep a rare word,
        # or "Prime Clinical" would teach the matcher that "Clinical" is a product.
        if len(tokens) > 1 and tokens[0] in vendors and distinctive(" ".join(tokens[1:])):
            names.append(" ".join(tokens[1:]))
        for name in list(names):
            parts = name.split()
            if len(parts) > 1 and re.fullmatch(r"[A-Z]{2,5}", parts[-1]):
                if distinctive(" ".join(parts[:-1])):
                    names.append(" ".join(parts[:-1]))
                initials = "".join(p[0] for p in parts[:-1] if p[0].isupper())
                if len(parts[-1]) >= 4 and initials.endswith(parts[-1]):
                    names.append(parts[-1])
        labels = []
        stop = stop_labels()
        for name in dict.fromkeys(names):
            if name.lower() in stop or len(name) < 2 or len(words_of(name)) > MAX_WORDS:
                continue
            if not everyday(name, "en"):
                labels.append(label_entry(name, "en"))
        if labels:
            out.append((f"onet:{number}", "onet", "tool", group, example, labels))
    return out


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esco-en", type=Path, required=True)
    parser.add_argument("--esco-es", type=Path, required=True)
    parser.add_argument("--onet", type=Path, required=True)
    parser.add_argument("--esco-en-alt", type=Path, help="ESCO English skills with altLabels")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    concepts = esco_concepts(args.esco_en, args.esco_es, args.esco_en_alt) + onet_concepts(
        args.onet
    )
    with args.out.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("# Built by scripts/build_taxonomy.py; sources and licences: README.md\n")
        for cid, source, kind, group, canonical, labels in concepts:
            fields = [cid, source, kind, group, canonical, "|".join(labels)]
            handle.write("\t".join(f.replace("\t", " ") for f in fields) + "\n")
    print(f"{len(concepts)} concepts -> {args.out} ({args.out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
