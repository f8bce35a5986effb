"""Cover letters on the tuned (CV, job ad) pairs: per pair, the ad's key terms the CV's role
lines show, the terms the letter argues next to a CV fact, its length, what keeps it from
the full bar, and the time to write it (the whole `improve`, as a user waits for it).

    .venv/bin/python bench/letters.py            # tuned.json pairs and the full-bar pairs
    .venv/bin/python bench/letters.py --full     # only the full-bar pairs
    .venv/bin/python bench/letters.py --letter en-sales-01 en-sales-single-column-01
    .venv/bin/python bench/letters.py --baseline /tmp/main-worktree   # old code alongside

The rules that judge a letter are the corpus test's own (tests/cv/test_cv_cover_letter_
corpus.py), so the bench and the test count the same way. Held-out pairs are never read.
`--baseline` takes a checkout of another revision (e.g. `git worktree add /tmp/x main`)
and runs the same pairs there, in a subprocess, for a before/after table."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pairs(full_only: bool) -> list[tuple[str, str, bool]]:
    """(ad, CV, held to the full bar) for the tuned.json pairs (better and worse CVs) and
    the computed full-bar pairs."""
    import test_cv_cover_letter_corpus as judge
    from corpus import load_pairs

    full = set(judge.full_bar_pairs())
    out: list[tuple[str, str]] = []
    if not full_only:
        for pair in load_pairs("tuned"):
            for cv in (pair["better"], pair["worse"]):
                out.append((pair["ad"], cv))
    out += sorted(full)
    return [(ad, cv, (ad, cv) in full) for ad, cv in dict.fromkeys(out)]


def measure(ad_id: str, cv_id: str, answered: bool, full: bool = True) -> dict:
    import test_cv_cover_letter_corpus as judge
    from corpus import find_ad

    started = time.perf_counter()
    improvement, target = judge._improve(ad_id, cv_id, answered)
    seconds = time.perf_counter() - started
    shown, argued = judge._argued_terms(improvement, ad_id)
    body = judge._body(improvement.cover_letter)
    faults = judge.letter_faults(ad_id, cv_id, improvement, target)
    if not full and len(argued) >= min(judge.MIN_KEY_TERMS, len(shown)):
        # Off the full bar, a letter that argues all the CV shows argues enough.
        faults = [f for f in faults if f[0] != "terms argued"]
    summary = improvement.document.section("summary")
    label = json.loads((judge.CORPUS / "jobs" / "tuned" / f"{ad_id}.json").read_text("utf-8"))
    return {
        "ad": ad_id,
        "cv": cv_id,
        "language": find_ad(ad_id).language,
        "software": label["software"],
        "shown": len(shown),
        "argued": len(argued),
        "words": sum(len(p.split()) for p in body),
        "faults": [f[0] for f in faults],
        "seconds": round(seconds, 3),
        "letter": improvement.cover_letter,
        "summary": summary.text.split("\n")[0] if summary else "",
    }


def _setup(root: Path) -> None:
    sys.path[:0] = [str(root), str(root / "bench"), str(ROOT / "tests" / "cv")]


def _baseline(root: Path, pairs: list[tuple[str, str, bool]]) -> dict:
    """The same pairs measured by the code at `root` (run there, judged by this revision's
    rules: only the engine differs)."""
    script = (
        "import json, sys\n"
        f"sys.path[:0] = [{str(root)!r}, {str(root / 'bench')!r}, {str(ROOT / 'tests' / 'cv')!r}]\n"
        "import letters\n"
        f"pairs = {pairs!r}\n"
        "print(json.dumps([letters.measure(a, c, i % 2 == 0, f) for i, (a, c, f) in "
        "enumerate(pairs)]))\n"
    )
    env_path = f"{ROOT / 'bench'}"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=root,
        check=True,
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
    )
    return {(r["ad"], r["cv"]): r for r in json.loads(done.stdout.splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="only the full-bar pairs")
    parser.add_argument("--letter", nargs=2, metavar=("AD", "CV"), help="print one letter")
    parser.add_argument("--baseline", type=Path, help="a checkout of the code to compare")
    args = parser.parse_args()
    _setup(ROOT)
    if args.letter:
        result = measure(*args.letter, False)
        print(result["letter"])
        print("Summary:", result["summary"])
        print({k: v for k, v in result.items() if k not in ("letter", "summary")})
        return
    pairs = _pairs(args.full)
    old = _baseline(args.baseline.resolve(), pairs) if args.baseline else {}
    rows = [measure(ad, cv, i % 2 == 0, full) | {"full": full} for i, (ad, cv, full) in
            enumerate(pairs)]  # fmt: skip
    print(f"{'ad':20} {'cv':42} full shown argued words  secs  faults")
    for row in rows:
        before = old.get((row["ad"], row["cv"]))
        was = f" (was {before['argued']}/{before['words']}w)" if before else ""
        print(
            f"{row['ad']:20} {row['cv']:42} {'yes' if row['full'] else '   ':4} "
            f"{row['shown']:5} {row['argued']:6} {row['words']:5} {row['seconds']:5.2f}  "
            f"{','.join(row['faults']) or '-'}{was}"
        )
    full = [r for r in rows if r["full"]]
    clean = [r for r in full if not r["faults"]]
    print(
        f"\nfull-bar pairs: {len(full)} ({sum(r['language'] == 'es' for r in full)} Spanish, "
        f"{sum(not r['software'] for r in full)} outside software); meeting every "
        f"criterion: {len(clean)}"
    )
    for criterion in ("terms argued", "company", "repeated sentence", "line break", "invented",
                      "words", "language", "summary sentences", "summary invented"):  # fmt: skip
        failing = sum(criterion in r["faults"] for r in full)
        was = sum(criterion in old[(r["ad"], r["cv"])]["faults"] for r in full) if old else None
        print(f"  {criterion:18} failing on {failing}" + (f" (was {was})" if old else ""))
    three = sum(r["argued"] >= 3 for r in rows)
    print(f"all pairs: {len(rows)}; letters arguing three key terms: {three}", end="")
    if old:
        print(f" (was {sum(o['argued'] >= 3 for o in old.values())})", end="")
    times = sorted(r["seconds"] for r in rows)
    print(f"; time to write: median {times[len(times) // 2]:.2f} s, max {times[-1]:.2f} s")


if __name__ == "__main__":
    main()
