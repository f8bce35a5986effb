"""Every sentence the engine writes and every phrase it looks for, one table per language.

A language is one module here (`en.py`, `es.py`) that builds a `Phrases`: the score help,
the findings, the summary and letter frames, the weak openings the analysis flags and the
rewriter replaces, and the few facts of its grammar the rewriter needs (which verb form is
past or present). Adding a language is adding a module and naming it in `tables()`; no code
elsewhere branches on the language (docs/engine.md, "Languages")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

DEFAULT = "en"


@dataclass(frozen=True)
class WeakOpening:
    """A duty phrase that opens a bullet ("responsible for", "tareas de").

    `pattern` is a regex, matched without case. `rewrite` names how the rewriter replaces
    it, a key of `Phrases.weak_verbs`: an action verb takes the phrase's place ("Owned ..."),
    or with `keep` stands before it ("Asumí tareas de ..."). `verb_object` says what a verb
    right after the phrase becomes: "object", a verb in the language's `object_form` turns
    into the bullet's own verb ("responsible for designing X" -> "Designed X"); "bare", a
    verb in `bare_form` turns into `gerund_form` ("helped build X" -> "Contributed to
    building X"). `example` is one way the phrase is written, used by the tests."""

    pattern: str
    rewrite: str
    example: str
    verb_object: str = ""
    keep: bool = False


@dataclass(frozen=True)
class Phrases:
    """One language's table. Every dict has the same keys in every language."""

    code: str
    # Recognising: what the analysis looks for in a bullet.
    weak_openings: tuple[WeakOpening, ...]
    weak_lead_in: str  # what may stand before a weak opening ("I was", "fui"), a regex
    first_person: re.Pattern[str]
    metric_words: tuple[str, ...]  # number words that count as a measurable result
    passive_auxiliaries: tuple[str, ...]
    passive_adverb: str  # a regex for an adverb between auxiliary and participle, or ""
    passive_participles: tuple[str, ...]  # regexes
    # Grammar the rewriter needs, as indices into a verb's forms in vocabulary/verbs.txt.
    tense_forms: dict[str, tuple[int, ...]]  # "past"/"present" -> forms of that tense
    past_suffixes: tuple[str, ...]  # an unknown first word ending so is past ("-ed")
    object_form: int  # the form of a verb after a duty phrase ("designing", "diseñar")
    bare_form: int | None  # after "helped": turned into `gerund_form` ("build" -> "building")
    gerund_form: int | None
    # What makes a CV line say what the person did, rather than describe the employer or
    # list tools (cvimprover/cv/cover_letter.py, `line_kind`): regexes matched without case.
    action_ending: str  # an opening word that is a verb by its ending ("-ed", "-é")
    action_nouns: str  # the name of a piece of work ("development", "creación")
    action_object: str  # what follows such a name when it is the person's work ("of", "de")
    contractions: tuple[tuple[str, str], ...]  # applied after a rewrite ("a el" -> "al")
    pronoun_start: re.Pattern[str]  # a bullet's opening pronoun, dropped
    summary_pronoun: re.Pattern[str]  # "I am a ..." opening a summary, dropped
    # Writing: every sentence the user reads.
    weak_verbs: dict[str, tuple[str, str]]  # rewrite kind -> (past, present) verb
    score_help: dict[str, str]
    findings: dict[str, str]  # one instance of a finding; slots {kind} {name} {level} {words}
    grouped: dict[str, tuple[str, str]]  # one finding per kind: (one instance, several)
    headings: dict[str, str]  # sections the rewriter adds
    summary: dict
    letter: dict


@cache
def tables() -> dict[str, Phrases]:
    """Every language's table by its code."""
    from cvimprover.cv.phrases import en, es

    return {module.PHRASES.code: module.PHRASES for module in (en, es)}


def phrases(language: str | None) -> Phrases:
    """The table for `language`, or the default language's for one without a table."""
    return tables().get(language or DEFAULT) or tables()[DEFAULT]


def languages() -> tuple[str, ...]:
    """The codes of every language with a table."""
    return tuple(tables())


def join(items: list[str], language: str) -> str:
    """ "a, b and c" in `language`."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + phrases(language).summary["and"] + items[-1]
