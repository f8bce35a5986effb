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
# Thirteen real CVs added to the tuned part after that (ids ending -58 to -70: Markdown CV
# templates saved as Word, designer and two-column PDFs, academic CVs, Spanish student CVs)
# have their own entry floor at the level they reached: they came in at 31 of 123 entries
# right on the engine before this entries round (22.0 % measured once before any tuning).
# The rules were tuned on seven of them first (ids -58, -60, ..., -70) and the other six
# measured untouched: 17 of 59 before, 18 of 59 after (the rules written for the first
# seven hardly carried over). No line of theirs is lost either. 83 of 123 (from 79) once
# layout.py read margin headings beside their rows on every page of a template and kept a
# dash or a date in another type on its row.
NEWEST = re.compile(r"-(?:5[89]|6\d|70)$")
MIN_ENTRIES_NEWEST = 0.67
# The two Spanish sidebar CVs that came in with their own, lower contact floor (3 and 2 of
# their 5 fields right) reach every field now and are held to MIN_CONTACT like the rest.
# Eight real CVs outside software added to the tuned part after that (ids ending -71 to -80
# less the held-out -74 and -78: a Europass sample, economists, psychologists, a
# psychiatrist's Harvard CV form, seven of them made in Word) have their own entry floor.
# Measured once before any tuning: 33 of 40 contact fields, 27 of 87 entries, one line lost
# (-79's "Office Address: ..." row of a table). Their contact fields are all right now, so
# every tuned CV is held to MIN_CONTACT. Entries 45 of 87 after the Word-table round (tables
# of entries read by column role, rows "dates | what | place", a heading cell's other lines
# kept, stage-qualified headings such as "Doctoral Studies", "2018.22" ranges).
FOURTH = re.compile(r"-(?:7[1-9]|80)$")
MIN_ENTRIES_FOURTH = 0.51


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
    groups = (LATER, NEWEST, FOURTH)
    first = [o for o in totals.outcomes if not any(g.search(o.ident) for g in groups)]
    later = [o for o in totals.outcomes if LATER.search(o.ident)]
    newest = [o for o in totals.outcomes if NEWEST.search(o.ident)]
    fourth = [o for o in totals.outcomes if FOURTH.search(o.ident)]
    assert len(later) == 6, "the later group is the six CVs named above"
    assert len(newest) == 13, "the newest group is the thirteen CVs named above"
    assert len(fourth) == 8, "the fourth group is the eight CVs named above"
    first_totals = bench.Totals(len(first), first)
    later_totals = bench.Totals(len(later), later)
    newest_totals = bench.Totals(len(newest), newest)
    fourth_totals = bench.Totals(len(fourth), fourth)
    assert first_totals.entries >= MIN_ENTRIES
    assert later_totals.entries >= MIN_ENTRIES_LATER
    assert newest_totals.entries >= MIN_ENTRIES_NEWEST
    assert newest_totals.lines_lost == 0
    assert fourth_totals.entries >= MIN_ENTRIES_FOURTH
    assert totals.contact >= MIN_CONTACT
