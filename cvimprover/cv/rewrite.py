"""Rewrite a CV faithfully: strong openings, no pronouns, one tense, job terms first."""

from __future__ import annotations

import copy
import re
from functools import cache

from cvimprover.cv.analyse import METRIC, bullet_tense
from cvimprover.cv.dates import parse_period
from cvimprover.cv.document import CVDocument, Entry, Section
from cvimprover.cv.keywords import Term, contains_term, surface_form
from cvimprover.cv.markdown import document_text
from cvimprover.cv.vocabulary import fold, verbs

Change = dict[str, str]

# Themes a user may ask to emphasise, and the words in a bullet that show them.
THEMES = {
    "leader": "led lead leads leading mentor mentored team teams hired coached supervised "
    "lideré lidero liderazgo equipo equipos dirigí dirijo formé mentoría",
    "lider": "led lead mentored team lideré lidero liderazgo equipo equipos dirigí formé",
    "technical": "built developed designed implemented architecture api code migrated automated "
    "desarrollé diseñé implementé migré automaticé",
    "result": "increased reduced grew saved cut improved % aumenté reduje mejoré ahorré",
    "custom": "customer customers client clients cliente clientes",
}


@cache
def _forms(language: str) -> dict[str, tuple[str, ...]]:
    """Any single-word verb form -> all forms of that verb."""
    table: dict[str, tuple[str, ...]] = {}
    for forms in verbs(language):
        if " " in forms[0]:
            continue
        for form in forms:
            table.setdefault(form, forms)
    return table


def _to_tense(word: str, tense: str, language: str) -> str | None:
    forms = _forms(language).get(word.lower())
    if not forms:
        return None
    if language == "en":
        return forms[1] if tense == "past" else forms[0]
    return forms[1] if tense == "past" else forms[2]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


_PRONOUN_START = {
    "en": re.compile(r"^(?:I|We)\s+(?:have\s+|had\s+)?(?=\w)", re.IGNORECASE),
    "es": re.compile(r"^(?:Yo|Nosotros|Nosotras)\s+", re.IGNORECASE),
}
# "I am a data engineer..." -> "Data engineer...": summaries drop the pronoun and its verb.
_SUMMARY_PRONOUN = {
    "en": re.compile(r"^(?:I am|I'm|We are)\s+(?:an?\s+)?|^(?:I|We)\s+", re.IGNORECASE),
    "es": re.compile(r"^(?:Yo\s+)?(?:soy|Somos)\s+(?:una?\s+)?", re.IGNORECASE),
}
_WEAK_EN = re.compile(
    r"^(?:(?:i|we)\s+)?(?:was\s+|were\s+|am\s+)?"
    r"(?P<phrase>responsible for|in charge of|tasked with|"
    r"duties included|helped(?: with| to)?|assisted(?: with| in)?|worked on|involved in|"
    r"participated in)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_WEAK_ES = re.compile(
    r"^(?:(?:yo|fui|era)\s+)?(?P<phrase>responsable de|encargad[oa] de|ayud[ée] (?:a|con|en)|"
    r"particip[ée] en|colabor[ée] en)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)


def _strengthen_en(bullet: str, tense: str) -> str:
    match = _WEAK_EN.match(bullet)
    if not match:
        return bullet
    phrase, rest = match.group("phrase").lower(), match.group("rest")
    first, _, tail = rest.partition(" ")
    forms = _forms("en").get(first.lower())
    if phrase.startswith(("responsible", "in charge", "tasked", "duties")):
        if forms and first.lower().endswith("ing"):
            verb = forms[1] if tense == "past" else forms[0]
            return f"{_cap(verb)} {tail}".strip()
        return f"{'Owned' if tense == 'past' else 'Own'} {rest}"
    if phrase.startswith("assisted"):
        return f"{'Supported' if tense == 'past' else 'Support'} {rest}"
    verb = "Contributed to" if tense == "past" else "Contribute to"
    if phrase.startswith("helped") and forms and first.lower() == forms[0]:
        return (
            f"{verb} {forms[3]} {tail}".strip()
        )  # "helped build X" -> "contributed to building X"
    return f"{verb} {rest}"


def _strengthen_es(bullet: str, tense: str) -> str:
    match = _WEAK_ES.match(bullet)
    if not match:
        return bullet
    phrase, rest = match.group("phrase").lower(), match.group("rest")
    first, _, tail = rest.partition(" ")
    forms = _forms("es").get(first.lower())
    if phrase.startswith(("responsable", "encargad")):
        if forms and first.lower() == forms[0]:
            verb = forms[1] if tense == "past" else forms[2]
            return f"{_cap(verb)} {tail}".strip()
        return f"{'Asumí' if tense == 'past' else 'Asumo'} {rest}"
    verb = "Contribuí a" if tense == "past" else "Contribuyo a"
    text = f"{verb} {rest}"
    return re.sub(r"\ba el\b", "al", text)


def improve_bullet(bullet: str, language: str, tense: str) -> tuple[str, list[str]]:
    """A stronger version of one bullet and the reasons for each edit."""
    reasons = []
    text = bullet.strip()
    stripped = _PRONOUN_START[language].sub("", text)
    if stripped != text:
        text, reasons = _cap(stripped), ["removed first-person pronoun"]
    strengthened = (_strengthen_es if language == "es" else _strengthen_en)(text, tense)
    if strengthened != text:
        text = _cap(strengthened)
        reasons.append("replaced a duty phrase with an action verb")
    words = text.split(" ", 1)
    current = bullet_tense(text, language)
    if current and current != tense:
        converted = _to_tense(words[0].strip(",.;:"), tense, language)
        if converted:
            text = _cap(converted) + (" " + words[1] if len(words) > 1 else "")
            reasons.append(f"made the tense consistent ({tense})")
    return text, reasons


def _instruction_words(instructions: str) -> set[str]:
    words = {fold(w) for w in re.findall(r"\w{4,}", instructions)}
    extra: set[str] = set()
    for stem, related in THEMES.items():
        if any(w.startswith(stem) for w in words):
            extra.update(fold(w) for w in related.split())
    return {w[:6] for w in words | extra}


def _bullet_score(bullet: str, terms: list[Term], emphasis: set[str]) -> float:
    score = sum(t.weight for t in terms if contains_term(t, bullet))
    if emphasis:
        words = {fold(w)[:6] for w in re.findall(r"\w+", bullet)}
        score += 1.5 * len(words & emphasis)
    return score + (0.3 if METRIC.search(bullet) else 0.0)


def _entry_tense(entry: Entry, language: str) -> str:
    period = parse_period(entry.dates)
    if period is not None and not period.current:
        return "past"
    tenses = [bullet_tense(b, language) for b in entry.bullets]
    # A current role keeps the tense most of its bullets already use; on a tie, past tense,
    # because turning a finished achievement into an ongoing duty would change its meaning.
    return "present" if tenses.count("present") > tenses.count("past") else "past"


def rewrite(
    document: CVDocument,
    terms: list[Term],
    *,
    position: str,
    industry: str,
    instructions: str = "",
) -> tuple[CVDocument, list[Change]]:
    """The improved CV and the list of {before, after, reason} changes."""
    improved = copy.deepcopy(document)
    language = document.language if document.language in ("en", "es") else "en"
    source_text = document_text(document)
    emphasis = _instruction_words(instructions)
    changes: list[Change] = []

    for section in improved.sections:
        if section.kind not in ("experience", "projects"):
            continue
        for entry in section.entries:
            tense = _entry_tense(entry, language)
            new_bullets = []
            for bullet in entry.bullets:
                after, reasons = improve_bullet(bullet, language, tense)
                if after != bullet:
                    changes.append({"before": bullet, "after": after, "reason": "; ".join(reasons)})
                new_bullets.append(after)
            ranked = sorted(new_bullets, key=lambda b: -_bullet_score(b, terms, emphasis))
            if ranked != new_bullets:
                changes.append(
                    {
                        "before": "\n".join(new_bullets),
                        "after": "\n".join(ranked),
                        "reason": f"bullets of '{entry.title}' reordered: job terms first",
                    }
                )
            entry.bullets = ranked

    _rewrite_skills(improved, terms, source_text, language, changes)
    _rewrite_summary(improved, terms, position, industry, language, emphasis, changes)
    return improved, changes


def _rewrite_skills(
    document: CVDocument, terms: list[Term], source_text: str, language: str, changes: list[Change]
) -> None:
    skills = document.section("skills")
    items = list(skills.items) if skills else []
    listed = "\n".join(items)
    surfaced = []
    for term in terms:
        if term.category not in ("tool", "other", "method", "cert") or contains_term(term, listed):
            continue
        found = surface_form(term, source_text)
        if found and found not in surfaced:
            surfaced.append(found)
    if not items and not surfaced:
        return
    if skills is None:
        skills = Section(kind="skills", heading="Habilidades" if language == "es" else "Skills")
        document.sections.append(skills)
    if surfaced:
        changes.append(
            {
                "before": ", ".join(items),
                "after": ", ".join(items + surfaced),
                "reason": "added skills the job asks for that the CV already shows elsewhere",
            }
        )
    combined = items + surfaced

    def rank(item: str) -> float:
        return -max((t.weight for t in terms if contains_term(t, item)), default=0.0)

    ordered = sorted(combined, key=rank)
    if ordered[: len(items)] != combined[: len(items)] and not surfaced and ordered != items:
        changes.append(
            {
                "before": ", ".join(items),
                "after": ", ".join(ordered),
                "reason": "skills reordered to lead with what the job asks for",
            }
        )
    skills.items = ordered


def _join(items: list[str], language: str) -> str:
    if len(items) < 2:
        return "".join(items)
    conj = " y " if language == "es" else " and "
    return ", ".join(items[:-1]) + conj + items[-1]


# The summary's opening sentence, built only from the CV's facts and the questionnaire
_SUMMARY_PHRASES = {
    "en": {
        "opening": "{} with experience",
        "professional": "Professional",
        "at": " at ",
        "bringing": ", bringing {}",
        "role": " to a {} role",
        "industry": " in {}",
    },
    "es": {
        "opening": "{} con experiencia",
        "professional": "Profesional",
        "at": " en ",
        "bringing": "; aporta {}",
        "role": " para un puesto de {}",
        "industry": " en el sector {}",
    },
}


def _rewrite_summary(
    document: CVDocument,
    terms: list[Term],
    position: str,
    industry: str,
    language: str,
    emphasis: set[str],
    changes: list[Change],
) -> None:
    experience = document.section("experience")
    roles = [e for e in (experience.entries if experience else []) if e.title]
    text = document_text(document)
    skills = []
    for term in terms:
        found = surface_form(term, text)
        if found and term.category != "degree" and found not in skills:
            skills.append(found)
        if len(skills) == 3:
            break
    position = position.strip()
    industry = industry.strip()
    lang = "es" if language == "es" else "en"
    words = _SUMMARY_PHRASES[lang]
    sentence = words["opening"].format(roles[0].title if roles else words["professional"])
    orgs = [r.organisation for r in roles[:2] if r.organisation]
    if orgs:
        sentence += words["at"] + _join(orgs, lang)
    if skills:
        sentence += words["bringing"].format(_join(skills, lang))
    if position:
        sentence += words["role"].format(position)
        if industry:
            sentence += words["industry"].format(industry)
    sentence += "."
    if emphasis and experience:
        bullets = [b for e in experience.entries for b in e.bullets]
        best = max(bullets, key=lambda b: _bullet_score(b, [], emphasis), default="")
        if best and _bullet_score(best, [], emphasis) > 1:
            label = "Destacado" if language == "es" else "Highlight"
            sentence += f" {label}: {best.rstrip('.')}."
    summary = document.section("summary")
    if summary is None:
        heading = "Perfil profesional" if language == "es" else "Professional summary"
        summary = Section(kind="summary", heading=heading, text=sentence)
        document.sections.insert(0, summary)
        changes.append(
            {
                "before": "",
                "after": sentence,
                "reason": "added a summary tailored to the job from facts in the CV",
            }
        )
        return
    before = summary.text
    original = _SUMMARY_PRONOUN[language].sub("", before.strip())
    summary.text = f"{sentence}\n{_cap(original)}".strip()
    changes.append(
        {
            "before": before,
            "after": summary.text,
            "reason": "opened the summary with the target role and the strongest matching skills",
        }
    )
