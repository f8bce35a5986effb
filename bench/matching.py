"""Benchmark job key terms and CV-to-job scoring on the labelled corpora, beside older code.

Prints, for the tuned and the held-out job ads (English and Spanish apart): key-term recall,
precision and junk terms (links, identifiers, the employer, the labels' never_terms); over
the labelled (CV, ad) pairs: how often the better-fitting CV scores higher; and the time to
extract an ad's terms and to match one CV (median, p95). Each figure is measured for this
checkout and for a baseline commit (default: the engine before issue 10), each in a fresh
process. Only the tuned part is measured by default; `--heldout` adds the held-out part,
printed only as aggregates (the figures the issue is judged by: run it rarely, and never
change the engine in response to them).

Run: .venv/bin/python bench/matching.py [--baseline REF | --no-baseline] [--show-tuned]
     [--heldout]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "afca336"  # main when issue 10 started: vocabulary plus rare-token extraction
LEVEL = "3-5"


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if values else 0.0


def measure(code: Path, show_tuned: bool, heldout: bool) -> dict:
    """Every figure for the engine found in `code`, as a JSON-ready dict."""
    sys.path.insert(0, str(code))
    sys.path.insert(1, str(ROOT / "bench"))
    from corpus import SPLITS, cv_file, find_ad, load_ads, load_pairs, score_ad

    from cvimprover.cv import analyse, keywords, parse
    from cvimprover.cv.extract import extract_text
    from cvimprover.cv.language import detect_language
    from cvimprover.cv.normalise import normalise_text

    def terms_of(ad, timings: list[float] | None = None) -> list:
        start = time.perf_counter()
        found = keywords.job_terms(ad.position, ad.description, ad.language)
        if timings is not None:
            timings.append((time.perf_counter() - start) * 1000)
        return found

    documents: dict[str, object] = {}

    def document_of(cv_id: str) -> object:
        if cv_id not in documents:
            path = cv_file(cv_id)
            text = normalise_text(extract_text(path.read_bytes(), path.name))
            document = parse.parse_cv(text)
            document.language = detect_language(text)
            documents[cv_id] = document
        return documents[cv_id]

    out: dict = {"ads": {}, "pairs": {}, "time": {}}
    extract_ms: list[float] = []
    match_ms: list[float] = []
    warm = load_ads("tuned")[:1]
    for ad in warm:  # loads vocabularies, automata and word lists outside the timings
        terms_of(ad)
    for split in SPLITS if heldout else SPLITS[:1]:
        for language in ("en", "es"):
            totals = {"found": 0, "labels": 0, "correct": 0, "extracted": 0, "junk": 0, "n": 0,
                      "junk_by_reason": {}}  # fmt: skip
            for ad in load_ads(split):
                if ad.language != language:
                    continue
                result = score_ad(ad, terms_of(ad, extract_ms))
                totals["n"] += 1
                totals["found"] += result.found
                totals["labels"] += result.labels
                totals["correct"] += result.correct
                totals["extracted"] += result.extracted
                totals["junk"] += len(result.junk)
                for _name, reason in result.junk:
                    by_reason = totals["junk_by_reason"]
                    by_reason[reason] = by_reason.get(reason, 0) + 1
                if show_tuned and split == "tuned":
                    _show(ad, terms_of(ad), result)
            out["ads"][f"{split}-{language}"] = totals
        try:
            pairs = load_pairs(split)
        except FileNotFoundError:
            pairs = []
        right = 0
        for pair in pairs:
            ad = find_ad(pair["ad"])
            terms = terms_of(ad)
            scores = []
            for cv_id in (pair["better"], pair["worse"]):
                document = document_of(cv_id)
                start = time.perf_counter()
                analysis = analyse.analyse(document, terms, LEVEL)  # evidence included
                match_ms.append((time.perf_counter() - start) * 1000)
                scores.append(analysis.score)
            right += scores[0] > scores[1]
            if show_tuned and split == "tuned":
                mark = "ok " if scores[0] > scores[1] else "BAD"
                print(f"  pair {mark} {pair['ad']}: {pair['better']} {scores[0]} > "
                      f"{pair['worse']} {scores[1]}")  # fmt: skip
        out["pairs"][split] = {"right": right, "n": len(pairs)}
    out["time"] = {
        "extract_median": statistics.median(extract_ms) if extract_ms else 0.0,
        "extract_p95": _percentile(extract_ms, 0.95),
        "match_median": statistics.median(match_ms) if match_ms else 0.0,
        "match_p95": _percentile(match_ms, 0.95),
    }
    return out


def _show(ad, terms: list, result) -> None:
    from corpus import label_hit, term_names

    text = f"{ad.position}\n{ad.description}"
    names = [term_names(t, text) for t in terms]
    missed = [lb for lb in ad.labels if not any(label_hit(lb, n, ad) for n in names)]
    wrong = [t.text for t, n in zip(terms, names, strict=True)
             if not any(label_hit(lb, n, ad) for lb in ad.labels)]  # fmt: skip
    print(f"{ad.id}: recall {result.found}/{result.labels} precision "
          f"{result.correct}/{result.extracted} junk {result.junk}")  # fmt: skip
    print(f"   missed: {missed}")
    print(f"   extra:  {wrong}")


def _run(code: Path, show_tuned: bool, heldout: bool) -> dict:
    command = [sys.executable, __file__, "--measure", str(code)]
    if show_tuned:
        command.append("--show-tuned")
    if heldout:
        command.append("--heldout")
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"measuring {code} failed")
    *shown, last = done.stdout.strip().split("\n")
    if shown:
        print("\n".join(shown))
    return json.loads(last)


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def _print(current: dict, baseline: dict, ref: str) -> None:
    print(f"{'':24}{'this checkout':>28}{'baseline ' + ref:>28}")
    for key in current["ads"]:
        rows = []
        for data in (current, baseline):
            t = data["ads"].get(key, {})
            rows.append(
                f"R {_ratio(t.get('found', 0), t.get('labels', 0))} "
                f"P {_ratio(t.get('correct', 0), t.get('extracted', 0))} J {t.get('junk', 0):>3}"
            )
        n = current["ads"][key]["n"]
        print(f"key terms {key:<8} ({n:>2} ads){rows[0]:>28}{rows[1]:>28}")
        reasons = current["ads"][key]["junk_by_reason"]
        if reasons:  # counts only: which terms they were is shown for tuned ads alone
            print(f"{'':24}junk by reason: {reasons}")
    for split, p in current["pairs"].items():
        b = baseline["pairs"].get(split, {"right": 0, "n": 0})
        ours = _ratio(p["right"], p["n"]) + " ordered"
        theirs = _ratio(b["right"], b["n"]) + " ordered"
        print(f"pairs {split:<9} ({p['n']:>2} pairs){ours:>28}{theirs:>28}")
    for what in ("extract", "match"):
        c, b = current["time"], baseline["time"]
        label = f"{what} ms {'per ad' if what == 'extract' else 'per CV'}"
        ours = f"median {c[what + '_median']:.1f} p95 {c[what + '_p95']:.1f}"
        theirs = f"median {b[what + '_median']:.1f} p95 {b[what + '_p95']:.1f}"
        print(f"{label:<24}{ours:>28}{theirs:>28}")
    extract = _ratio(current["time"]["extract_median"], baseline["time"]["extract_median"])
    match = _ratio(current["time"]["match_median"], baseline["time"]["match_median"])
    print(
        "R recall, P precision (pooled over ads), J junk terms; median time this/baseline: "
        f"extract {extract}, match {match}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, help="git ref of the code to compare with")
    parser.add_argument("--show-tuned", action="store_true", help="per-ad detail, tuned ads only")
    parser.add_argument("--no-baseline", action="store_true", help="measure this checkout only")
    parser.add_argument(
        "--heldout", action="store_true", help="also the held-out part (aggregates only)"
    )
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.show_tuned, args.heldout)))
        return
    current = _run(ROOT, args.show_tuned, args.heldout)
    if args.no_baseline:
        _print(current, current, "(none: this checkout again)")
        return
    with tempfile.TemporaryDirectory() as folder:
        command = ["git", "archive", args.baseline, "cvimprover", "config.py"]
        archive = subprocess.run(command, cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        baseline = _run(Path(folder), False, args.heldout)
    _print(current, baseline, args.baseline)


if __name__ == "__main__":
    main()
