"""The no-invention invariant: every number, date, name and skill in output comes from the input."""

from __future__ import annotations

import re
from functools import cache

from cvimprover.cv.dates import MONTHS
from cvimprover.cv.keywords import Term, contains_term, vocabulary_matches
from cvimprover.cv.phrases import languages
from cvimprover.cv.vocabulary import fold, verbs

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[\w][\w&+#'’./-]*\w|[\w]", re.UNICODE)
_CAPITALISED = re.compile(r"^[A-ZÁÉÍÓÚÑÜ]|[A-Z].*[A-Z]|\d")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;•]\s+|\n\s*(?:[-*#]+\s*)?|\(\s*)$")
# Month words that are also everyday words ("may", "ago", "mar") are judged as words, not dates.
_MONTH_WORDS = {m for m in MONTHS if len(m) >= 4} - {"sept"}

# Words the engine's own templates use: allowed even when the CV does not contain them.
TEMPLATE_WORDS = set(
    [
        "dear",
        "hiring",
        "manager",
        "team",
        "kind",
        "regards",
        "sincerely",
        "applying",
        "for",
        "role",
        "in",
        "the",
        "at",
        "with",
        "and",
        "experience",
        "bringing",
        "to",
        "a",
        "an",
        "as",
        "my",
        "i",
        "also",
        "bring",
        "evidence",
        "would",
        "welcome",
        "chance",
        "discuss",
        "how",
        "can",
        "contribute",
        "your",
        "highlights",
        "skills",
        "summary",
        "owned",
        "contributed",
        "supported",
        "strong",
        "track",
        "record",
        "estimado",
        "estimada",
        "equipo",
        "de",
        "selección",
        "saludos",
        "atentamente",
        "presento",
        "mi",
        "candidatura",
        "puesto",
        "sector",
        "con",
        "experiencia",
        "en",
        "aporta",
        "para",
        "un",
        "una",
        "como",
        "también",
        "me",
        "gustaría",
        "conversar",
        "cómo",
        "puedo",
        "contribuir",
        "vuestro",
        "su",
        "habilidades",
        "resumen",
        "asumí",
        "asumo",
        "contribuí",
        "contribuyo",
        "apoyé",
        "apoyo",
        "destacados",
        "cordiales",
        "cv",
        "professional",
        "profile",
        "perfil",
        "profesional",
    ]
)


@cache
def _verb_words() -> frozenset[str]:
    out: set[str] = set()
    for language in languages():
        for forms in verbs(language):
            for form in forms:
                out.update(fold(form).split())
    return frozenset(out)


def _numbers(text: str) -> set[str]:
    out = set()
    for match in _NUMBER.finditer(text):
        token = match.group(0)
        out.add(token)
        out.add(re.sub(r"[.,]", "", token))
    return out


def _is_common(word: str) -> bool:
    from wordfreq import zipf_frequency

    lowered = word.lower()
    return max(zipf_frequency(lowered, code) for code in languages()) >= 3.0


def invented_facts(output_text: str, source_text: str, questionnaire_text: str = "") -> list[str]:
    """Facts in `output_text` found in neither the CV nor the questionnaire (empty = faithful)."""
    allowed = f"{source_text}\n{questionnaire_text}"
    allowed_numbers = _numbers(allowed)
    allowed_words = {fold(w) for w in _WORD.findall(allowed)}
    allowed_words |= {fold(p) for w in _WORD.findall(allowed) for p in re.split(r"[./'’-]", w)}
    problems: list[str] = []

    for match in _NUMBER.finditer(output_text):
        token = match.group(0)
        if token not in allowed_numbers and re.sub(r"[.,]", "", token) not in allowed_numbers:
            problems.append(token)

    for term, start, end in vocabulary_matches(output_text):
        check = Term(term.canonical, term.category, 1.0, term.aliases)
        if not contains_term(check, allowed):
            problems.append(output_text[start:end])

    template = TEMPLATE_WORDS | _verb_words()
    for match in _WORD.finditer(output_text):
        word = match.group(0).strip(".'’-")
        folded = fold(word)
        if not word or folded in allowed_words:
            continue
        if folded in _MONTH_WORDS:
            problems.append(word)
            continue
        if not _CAPITALISED.search(word):
            continue  # lower-case everyday words are style, not facts
        if folded in template:
            continue
        at_start = bool(_SENTENCE_START.search(output_text[: match.start()]))
        if at_start and word[1:].islower() and _is_common(word):
            continue
        problems.append(word)
    return list(dict.fromkeys(problems))
