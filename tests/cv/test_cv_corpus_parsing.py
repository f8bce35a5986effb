"""The parser on the real-CV corpus (tuned part): the floors reached, so a change that loses
ground fails. The held-out part is measured by bench/parsing.py, never here."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus" / "cvs"

# Floors reached on the tuned part (bench/parsing.py --part tuned); raise them as the
# parser improves, never lower them to make a change pass.
MIN_CONTACT = 1.0
# Entries: 95.8 % on the 36 CVs the entry work was tuned on; 87.6 % (268 of 306) on the 48
# tuned CVs after the corpus was split afresh (CVs held out until then are tuned now); 94.3 %
# (297 of 315) after the layout rules of issue 9 (posts listed under their employer, dates
# on either margin, periods held again, section order).
MIN_ENTRIES = 0.942
MAX_LINES_LOST = 0
# Six CVs added to the tuned part later (ids ending -52 to -57: academic CVs and Markdown
# CVs saved as DOCX, the kinds the fresh held-out part showed weak) have their own entry
# floor at the level they reached: 43 of 52 entries (13 of 52 when they came in, 37 before
# issue 9). The CVs above are held to MIN_ENTRIES without them. Their contact fields (25 of
# 30 when they came in: spelled-out e-mails, a link shown by its site's name, split
# addresses) are all right now, so every tuned CV is held to MIN_CONTACT.
LATER = re.compile(r"-5[2-7]$")
MIN_ENTRIES_LATER = 0.82
# The two Spanish sidebar CVs that came in with their own, lower contact floor (3 and 2 of
# their 5 fields right) reach every field now and are held to MIN_CONTACT like the rest.


def _bench() -> object:
    spec = importlib.util.spec_from_file_location("bench_parsing", ROOT / "bench" / "parsing.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]  # dataclasses look it up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_tuned_corpus_floors() -> None:
    # A missing corpus is a failure, not a skip: these figures are the parser's contract.
    assert (CORPUS / "tuned").is_dir(), f"no CV corpus at {CORPUS}"
    bench = _bench()
    assert bench.labels("tuned"), "the tuned part of the CV corpus has no labels"
    totals = bench.run_part("tuned")
    assert totals.errors == 0
    assert totals.lines_lost <= MAX_LINES_LOST
    first = [o for o in totals.outcomes if not LATER.search(o.ident)]
    later = [o for o in totals.outcomes if LATER.search(o.ident)]
    assert len(later) == 6, "the later group is the six CVs named above"
    first_totals = bench.Totals(len(first), first)
    later_totals = bench.Totals(len(later), later)
    assert first_totals.entries >= MIN_ENTRIES
    assert totals.contact >= MIN_CONTACT
    assert later_totals.entries >= MIN_ENTRIES_LATER
