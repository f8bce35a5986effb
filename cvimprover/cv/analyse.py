"""Score a CV against a job's key terms and list findings (weak openings, no metrics...)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import cache

from cvimprover.cv.dates import parse_period
from cvimprover.cv.document import CVDocument, Entry
from cvimprover.cv.evidence import Evidence, build_evidence, coverage
from cvimprover.cv.keywords import Term
from cvimprover.cv.markdown import document_text
from cvimprover.cv.phrases import Phrases, phrases, tables
from cvimprover.cv.vocabulary import verbs

# Fit with the job outweighs polish: two CVs for one ad must rank by fit first
# (docs/engine.md, "Score"; the weights were chosen on the tuned (CV, ad) pairs).
# The score ranks CVs by fit to the job: what the CV shows of the job's terms carries 85 %;
# how the CV is written (sections, impact, readability) only breaks near-ties between
# similar fits, since it says nothing about this job.
# Ads list far more terms than a recruiter screens on (every tool named in the duties): a
# CV that shows half of the weighted terms gets the whole keyword part, so the part spreads
# over 0-100 instead of crowding at 5-25, where whole-number scores tie.
KEYWORD_CEILING = 0.5
WEIGHTS = {"keywords": 0.6, "skills": 0.25, "structure": 0.05, "impact": 0.05, "readability": 0.05}


def _either(words: Iterable[str]) -> str:
    return "|".join(words)


# What the analysis looks for, from every language's table: a Spanish CV may hold English
# bullets, and an English one a Spanish line.
WEAK_OPENINGS = re.compile(
    "^(?:"
    + "|".join(
        table.weak_lead_in + "(?:" + _either(w.pattern for w in table.weak_openings) + ")"
        for table in tables().values()
    )
    + r")\b",
    re.IGNORECASE,
)
METRIC = re.compile(
    r"\d|\b(?:" + _either(w for t in tables().values() for w in t.metric_words) + r")\b",
    re.IGNORECASE,
)
_ADVERBS = [t.passive_adverb for t in tables().values() if t.passive_adverb]
PASSIVE = re.compile(
    r"\b(?:"
    + _either(w for t in tables().values() for w in t.passive_auxiliaries)
    + r")\s+"
    + (r"(?:(?:" + _either(_ADVERBS) + r")\s+)?" if _ADVERBS else "")
    + r"(?:"
    + _either(w for t in tables().values() for w in t.passive_participles)
    + r")\b",
    re.IGNORECASE,
)
MAX_BULLET_WORDS = 35
EXPECTED_PAGES_WORDS = {"0-2": (150, 600), "3-5": (250, 900), "6+": (350, 1300)}
CORE_SECTIONS = ("experience", "education", "skills")


@dataclass
class Finding:
    code: str
    severity: str  # info | warning | error
    message: str
    excerpt: str = ""
    count: int = 1
    excerpts: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["excerpts"] = self.excerpts or ([self.excerpt] if self.excerpt else [])
        return data


@dataclass
class Analysis:
    score: int
    parts: dict[str, int]
    matched: list[str]
    missing: list[str]
    findings: list[Finding] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def parts_report(self) -> dict:
        return {**self.parts, "weights": dict(WEIGHTS)}


def score_help(language: str) -> dict[str, str]:
    """One sentence per score part saying what it measures, in `language`."""
    return dict(phrases(language).score_help)


@cache
def _verb_tense(language: str) -> dict[str, str]:
    """First word of a bullet -> "past" or "present" for the language's action verbs."""
    forms_of = tables()[language].tense_forms
    table: dict[str, str] = {}
    for forms in verbs(language):
        if " " in forms[0]:
            continue
        past = forms[forms_of["past"][0]]
        table.setdefault(past, "past")
        for index in forms_of["present"]:
            if forms[index] != past:
                table.setdefault(forms[index], "present")
    return table


def bullet_tense(bullet: str, language: str) -> str | None:
    """ "past", "present" or None from a bullet's first word."""
    words = bullet.split()
    if not words or language not in tables():
        return None
    first = words[0].lower().strip(",.;:")
    if any(first.endswith(suffix) for suffix in tables()[language].past_suffixes):
        return "past"
    return _verb_tense(language).get(first)


def all_bullets(document: CVDocument) -> list[tuple[Entry, str]]:
    return [
        (entry, bullet)
        for section in document.sections
        if section.kind in ("experience", "projects")
        for entry in section.entries
        for bullet in entry.bullets
    ]


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# Checks of one bullet: (finding, severity, whether the bullet shows it, given the table of
# the CV's language).
BULLET_CHECKS: tuple[tuple[str, str, Callable[[str, Phrases], bool]], ...] = (
    ("weak_opening", "warning", lambda bullet, _t: bool(WEAK_OPENINGS.match(bullet))),
    ("no_metric", "info", lambda bullet, _t: not METRIC.search(bullet)),
    ("first_person", "info", lambda bullet, table: bool(table.first_person.search(bullet))),
    ("passive_voice", "info", lambda bullet, _t: bool(PASSIVE.search(bullet))),
    ("long_bullet", "info", lambda bullet, _t: len(bullet.split()) > MAX_BULLET_WORDS),
)


def _finding(table: Phrases, code: str, severity: str, excerpt: str, **slots: object) -> Finding:
    """A finding worded from the language's table."""
    message = table.findings[code].format(limit=MAX_BULLET_WORDS, **slots)
    return Finding(code, severity, message, excerpt)


def find_issues(document: CVDocument, experience_level: str) -> list[Finding]:
    """Every finding for `document`: bullet style, structure, contact data, dates, length."""
    language = document.language
    table = phrases(language)
    findings: list[Finding] = []
    for _entry, bullet in all_bullets(document):
        for code, severity, shows in BULLET_CHECKS:
            if shows(bullet, table):
                findings.append(_finding(table, code, severity, _short(bullet)))
    for section in document.sections:
        if section.kind != "experience":
            continue
        for entry in section.entries:
            tenses = {bullet_tense(b, language) for b in entry.bullets} - {None}
            if len(tenses) > 1:
                label = _short(f"{entry.title} {entry.organisation}".strip())
                findings.append(_finding(table, "mixed_tense", "warning", label))
    findings.extend(_structure_findings(document, table))
    findings.extend(_date_findings(document, table))
    findings.extend(_length_findings(document, experience_level, table))
    return findings


def _structure_findings(document: CVDocument, table: Phrases) -> list[Finding]:
    out = []
    kinds = {s.kind for s in document.sections}
    for kind in ("summary", *CORE_SECTIONS):
        if kind not in kinds:
            severity = "warning" if kind != "summary" else "info"
            out.append(_finding(table, "missing_section", severity, kind, kind=kind))
    contact = document.contact
    for name in ("name", "email", "phone"):
        if not getattr(contact, name):
            out.append(_finding(table, "missing_contact", "warning", name, name=name))
    return out


def _date_findings(document: CVDocument, table: Phrases) -> list[Finding]:
    out = []
    experience = document.section("experience")
    if experience is None:
        return out
    periods = []
    for entry in experience.entries:
        label = _short(f"{entry.title} {entry.organisation}".strip())
        period = parse_period(entry.dates)
        if period is None:
            out.append(_finding(table, "date_unparsed", "warning", entry.dates or label))
        else:
            periods.append((period, entry, label))
    for i, (first, _e1, label1) in enumerate(periods):
        for second, _e2, label2 in periods[i + 1 :]:
            # Only the months certainly in both count: "2015 - 2019" then "2019 - 2024"
            # is a hand-over within 2019, not a year of overlap
            (start1, end1), (start2, end2) = first.certain_span(), second.certain_span()
            overlap_start = max(start1, start2)
            overlap_end = min(end1, end2)
            months = (
                (overlap_end[0] - overlap_start[0]) * 12 + overlap_end[1] - overlap_start[1] + 1
            )
            # A month of overlap is a normal hand-over; more needs a word of explanation.
            if months >= 2:
                out.append(_finding(table, "date_overlap", "info", f"{label1} / {label2}"))
    return out


def _length_findings(document: CVDocument, level: str, table: Phrases) -> list[Finding]:
    words = len(document_text(document).split())
    low, high = EXPECTED_PAGES_WORDS.get(level, (200, 1000))
    if words < low:
        return [_finding(table, "length_short", "info", str(words), level=level, words=words)]
    if words > high:
        return [_finding(table, "length_long", "warning", str(words), level=level, words=words)]
    return []


def analyse(
    document: CVDocument, terms: list[Term], experience_level: str, language: str | None = None
) -> Analysis:
    """Score `document` against the job `terms` (0-100 overall and per part), with the
    evidence for each term and one finding per kind. `language` is the job's (for the
    suggestions); the CV's language by default."""
    evidence = build_evidence(document, terms, language or document.language)
    keywords = min(1.0, coverage(evidence) / KEYWORD_CEILING) if terms else 0.5

    hard = [e for e in evidence if e.category in ("tool", "other", "cert", "method")]
    hard_total = sum(e.weight for e in hard)
    if hard_total:
        listed = sum(e.weight for e in hard if "skills" in e.sections)
        shown = sum(e.weight for e in hard if e.status in ("exact", "variant"))
        skills_part = (listed + shown) / (2 * hard_total)
    else:
        skills = document.section("skills")
        skills_part = 0.5 if skills and skills.items else 0.2

    findings = find_issues(document, experience_level)
    codes = [f.code for f in findings]
    kinds = {s.kind for s in document.sections}
    contact = document.contact
    structure_checks = [
        *(kind in kinds for kind in ("summary", *CORE_SECTIONS)),
        bool(contact.name),
        bool(contact.email),
        bool(contact.phone),
        bool(contact.location or contact.links),
        "date_unparsed" not in codes,
    ]
    structure = sum(structure_checks) / len(structure_checks)

    bullets = [b for _e, b in all_bullets(document)]
    count = len(bullets) or 1
    if bullets:
        with_metric = sum(bool(METRIC.search(b)) for b in bullets) / count
        strong = 1 - codes.count("weak_opening") / count
        active = 1 - codes.count("passive_voice") / count
        impact = 0.5 * with_metric + 0.35 * strong + 0.15 * active
        readable = 1 - (
            0.4 * codes.count("first_person") / count
            + 0.3 * codes.count("long_bullet") / count
            + 0.3 * min(1.0, codes.count("mixed_tense") / max(1, _role_count(document)))
        )
        readability = readable - (0.15 if "length_long" in codes or "length_short" in codes else 0)
    else:
        impact, readability = 0.1, 0.4
    parts = {
        "keywords": keywords,
        "skills": skills_part,
        "structure": structure,
        "impact": impact,
        "readability": readability,
    }
    parts = {k: max(0, min(100, round(v * 100))) for k, v in parts.items()}
    score = round(sum(parts[k] * w for k, w in WEIGHTS.items()))
    shown_terms = [e.term for e in evidence if e.status in ("exact", "variant")]
    return Analysis(
        score=score,
        parts=parts,
        matched=shown_terms,
        missing=[e.term for e in evidence if e.status not in ("exact", "variant")],
        findings=group_findings(findings, len(bullets), document.language),
        evidence=evidence,
    )


# Order of findings with the same severity: what costs an application most comes first.
IMPACT = (
    "missing_contact",
    "missing_section",
    "date_unparsed",
    "weak_opening",
    "no_metric",
    "length_long",
    "mixed_tense",
    "first_person",
    "passive_voice",
    "long_bullet",
    "date_overlap",
    "length_short",
)
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
MAX_EXCERPTS = 5


def group_findings(findings: list[Finding], bullets: int, language: str) -> list[Finding]:
    """One finding per kind with its count and up to five excerpts, most harmful first.

    A bullet without a number is not wrong on its own: "no_metric" is reported only when
    fewer than half of the bullets show a measurable result."""
    table = phrases(language).grouped
    by_code: dict[str, list[Finding]] = {}
    for finding in findings:
        by_code.setdefault(finding.code, []).append(finding)
    out = []
    for code, items in by_code.items():
        n = len(items)
        if code == "no_metric" and bullets and (bullets - n) * 2 >= bullets:
            continue
        excerpts = list(dict.fromkeys(f.excerpt for f in items if f.excerpt))
        severity = min((f.severity for f in items), key=SEVERITY_RANK.__getitem__)
        if code in table:
            one, many = table[code]
            message = (one if n == 1 else many).format(
                n=n,
                words=MAX_BULLET_WORDS,
                items=", ".join(excerpts),
                total=bullets,
                **{"with": bullets - n},
            )
        else:
            message = items[0].message
        out.append(Finding(code, severity, message, excerpts[0] if excerpts else "", n,
                           excerpts[:MAX_EXCERPTS]))  # fmt: skip
    rank = {code: i for i, code in enumerate(IMPACT)}
    out.sort(key=lambda f: (SEVERITY_RANK[f.severity], rank.get(f.code, len(rank)), -f.count))
    return out


def _role_count(document: CVDocument) -> int:
    experience = document.section("experience")
    return len(experience.entries) if experience else 0
