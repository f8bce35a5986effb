"""Score a CV against a job's key terms and list findings (weak openings, no metrics...)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from cvimprover.cv.dates import parse_period
from cvimprover.cv.document import CVDocument, Entry
from cvimprover.cv.keywords import Term, contains_term
from cvimprover.cv.markdown import document_text
from cvimprover.cv.vocabulary import verbs

WEIGHTS = {"keywords": 0.30, "skills": 0.20, "structure": 0.15, "impact": 0.20, "readability": 0.15}
WEAK_OPENINGS = re.compile(
    r"^(?:(?:i|we)\s+(?:was|were|am)\s+)?(?:was\s+|were\s+)?(?:responsible for|in charge of|"
    r"helped(?: with| to)?|assisted(?: with| in)?|worked on|involved in|participated in|"
    r"tasked with|duties included|"
    r"responsable de|encargad[oa] de|ayud[ée] (?:a|con|en)|particip[ée] en|colabor[ée] en|"
    r"tareas de|funciones de)\b",
    re.IGNORECASE,
)
METRIC = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dos|tres|cuatro|cinco|diez|doubled|tripled|halved)\b",
    re.IGNORECASE,
)
PRONOUNS = re.compile(r"\b(?:I|me|my|mine|we|our|yo|mi|mis|nosotros|nuestro|nuestra)\b")
PRONOUNS_CI = re.compile(r"\b(?:i|me|my|mine|we|our)\b")
PASSIVE = re.compile(
    r"\b(?:was|were|been|being|is|are|fue|fueron|ha sido|han sido)\s+(?:\w+ly\s+)?"
    r"(?:\w+ed|built|made|done|given|taken|written|run|led|chosen|seen|held|sold|"
    r"\w+ad[oa]s?|\w+id[oa]s?)\b",
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

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class Analysis:
    score: int
    parts: dict[str, int]
    matched: list[str]
    missing: list[str]
    findings: list[Finding] = field(default_factory=list)

    def parts_report(self) -> dict:
        return {**self.parts, "weights": dict(WEIGHTS)}


def _verb_tense(language: str) -> dict[str, str]:
    """First word of a bullet -> "past" or "present" for the language's action verbs."""
    table: dict[str, str] = {}
    for forms in verbs(language):
        if language == "en":
            base, past, third = forms[0], forms[1], forms[2]
            if " " in base:
                continue
            table.setdefault(past, "past")
            if base != past:
                table.setdefault(base, "present")
            if third != past:
                table.setdefault(third, "present")
        else:
            _inf, past, present = forms
            table.setdefault(past, "past")
            if present != past:
                table.setdefault(present, "present")
    return table


def bullet_tense(bullet: str, language: str) -> str | None:
    """ "past", "present" or None from a bullet's first word."""
    words = bullet.split()
    if not words:
        return None
    first = words[0].lower().strip(",.;:")
    if first.endswith("ed") and language == "en":
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


def find_issues(document: CVDocument, experience_level: str) -> list[Finding]:
    """Every finding for `document`: bullet style, structure, contact data, dates, length."""
    language = document.language
    spanish = language == "es"
    findings: list[Finding] = []
    for _entry, bullet in all_bullets(document):
        if WEAK_OPENINGS.match(bullet):
            findings.append(
                Finding(
                    "weak_opening",
                    "warning",
                    "Empieza con un verbo de acción en lugar de una fórmula pasiva."
                    if spanish
                    else "Start with a strong action verb instead of a duty phrase.",
                    _short(bullet),
                )
            )
        if not METRIC.search(bullet):
            findings.append(
                Finding(
                    "no_metric",
                    "info",
                    "Añade un resultado medible (cifra, porcentaje, plazo)."
                    if spanish
                    else "Add a measurable result (a number, percentage or time saved).",
                    _short(bullet),
                )
            )
        if (PRONOUNS if spanish else PRONOUNS_CI).search(bullet if spanish else bullet.lower()):
            findings.append(
                Finding(
                    "first_person",
                    "info",
                    "Evita los pronombres en primera persona."
                    if spanish
                    else "Drop first-person pronouns; bullets read better without them.",
                    _short(bullet),
                )
            )
        if PASSIVE.search(bullet):
            findings.append(
                Finding(
                    "passive_voice",
                    "info",
                    "Usa la voz activa: di qué hiciste tú."
                    if spanish
                    else "Use the active voice: say what you did.",
                    _short(bullet),
                )
            )
        if len(bullet.split()) > MAX_BULLET_WORDS:
            findings.append(
                Finding(
                    "long_bullet",
                    "info",
                    "Acorta este punto a una o dos líneas."
                    if spanish
                    else f"Shorten this bullet to under {MAX_BULLET_WORDS} words.",
                    _short(bullet),
                )
            )
    for section in document.sections:
        if section.kind != "experience":
            continue
        for entry in section.entries:
            tenses = {bullet_tense(b, language) for b in entry.bullets} - {None}
            if len(tenses) > 1:
                findings.append(
                    Finding(
                        "mixed_tense",
                        "warning",
                        "Mezcla de tiempos verbales en el mismo puesto."
                        if spanish
                        else "Verb tenses are mixed within this role; keep one tense.",
                        _short(f"{entry.title} {entry.organisation}".strip()),
                    )
                )
    findings.extend(_structure_findings(document, spanish))
    findings.extend(_date_findings(document, spanish))
    findings.extend(_length_findings(document, experience_level, spanish))
    return findings


def _structure_findings(document: CVDocument, spanish: bool) -> list[Finding]:
    out = []
    kinds = {s.kind for s in document.sections}
    for kind in ("summary", *CORE_SECTIONS):
        if kind not in kinds:
            out.append(
                Finding(
                    "missing_section",
                    "warning" if kind != "summary" else "info",
                    f"Falta la sección: {kind}." if spanish else f"The CV has no {kind} section.",
                    kind,
                )
            )
    contact = document.contact
    for name in ("name", "email", "phone"):
        if not getattr(contact, name):
            out.append(
                Finding(
                    "missing_contact",
                    "warning",
                    f"Falta un dato de contacto: {name}."
                    if spanish
                    else f"Contact details are missing: {name}.",
                    name,
                )
            )
    return out


def _date_findings(document: CVDocument, spanish: bool) -> list[Finding]:
    out = []
    experience = document.section("experience")
    if experience is None:
        return out
    periods = []
    for entry in experience.entries:
        label = _short(f"{entry.title} {entry.organisation}".strip())
        period = parse_period(entry.dates)
        if period is None:
            out.append(
                Finding(
                    "date_unparsed",
                    "warning",
                    "Fechas ausentes o ilegibles en este puesto."
                    if spanish
                    else "This role's dates are missing or could not be read.",
                    entry.dates or label,
                )
            )
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
                out.append(
                    Finding(
                        "date_overlap",
                        "info",
                        "Estas fechas se solapan; aclara si fueron puestos simultáneos."
                        if spanish
                        else "These roles overlap in time; say so if they ran in parallel.",
                        f"{label1} / {label2}",
                    )
                )
    return out


def _length_findings(document: CVDocument, level: str, spanish: bool) -> list[Finding]:
    words = len(document_text(document).split())
    low, high = EXPECTED_PAGES_WORDS.get(level, (200, 1000))
    if words < low:
        return [
            Finding(
                "length_short",
                "info",
                "El CV es breve para tu nivel de experiencia."
                if spanish
                else f"The CV is short for {level} years of experience ({words} words).",
                str(words),
            )
        ]
    if words > high:
        return [
            Finding(
                "length_long",
                "warning",
                "El CV es largo para tu nivel de experiencia; recorta."
                if spanish
                else f"The CV is long for {level} years of experience ({words} words); trim it.",
                str(words),
            )
        ]
    return []


def analyse(document: CVDocument, terms: list[Term], experience_level: str) -> Analysis:
    """Score `document` against the job `terms` (0-100 overall and per part) with findings."""
    text = document_text(document)
    skills = document.section("skills")
    skills_text = "\n".join(skills.items) if skills else ""
    total = sum(t.weight for t in terms) or 1.0
    matched = [t for t in terms if contains_term(t, text)]
    missing = [t for t in terms if t not in matched]
    keywords = sum(t.weight for t in matched) / total if terms else 0.5

    hard = [t for t in terms if t.category in ("tool", "other", "cert", "method")]
    if hard:
        listed = sum(t.weight for t in hard if contains_term(t, skills_text))
        evidenced = sum(t.weight for t in hard if contains_term(t, text))
        skills_part = (listed + evidenced) / (2 * sum(t.weight for t in hard))
    else:
        skills_part = 0.5 if skills_text else 0.2

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
    return Analysis(
        score=score,
        parts=parts,
        matched=[t.text for t in matched],
        missing=[t.text for t in missing],
        findings=findings,
    )


def _role_count(document: CVDocument) -> int:
    experience = document.section("experience")
    return len(experience.entries) if experience else 0
