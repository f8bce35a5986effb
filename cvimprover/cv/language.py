"""Detect whether a text is English or Spanish, from function words and word frequencies."""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-záéíóúñü]+", re.IGNORECASE)
# Function words are the most reliable signal in short, keyword-heavy texts like CVs.
_STOP = {
    "en": set(
        [
            "the",
            "and",
            "of",
            "to",
            "in",
            "for",
            "with",
            "on",
            "at",
            "by",
            "from",
            "as",
            "is",
            "are",
            "was",
            "were",
            "be",
            "have",
            "has",
            "our",
            "you",
            "your",
            "we",
            "will",
            "an",
            "this",
            "that",
            "or",
            "responsible",
            "experience",
            "skills",
            "years",
        ]
    ),
    "es": set(
        [
            "el",
            "la",
            "los",
            "las",
            "y",
            "de",
            "del",
            "en",
            "para",
            "con",
            "por",
            "una",
            "un",
            "es",
            "son",
            "fue",
            "como",
            "que",
            "al",
            "su",
            "sus",
            "nuestro",
            "nuestra",
            "experiencia",
            "habilidades",
            "años",
            "formación",
            "idiomas",
            "se",
            "o",
        ]
    ),
}


def detect_language(text: str, default: str = "en") -> str:
    """Return "en" or "es" for `text`; `default` when there is too little to tell."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if not words:
        return default
    counts = {lang: sum(w in stop for w in words) for lang, stop in _STOP.items()}
    accents = sum(1 for w in words if re.search(r"[áéíóúñ]", w))
    counts["es"] += accents // 2
    if counts["en"] == counts["es"]:
        return _by_frequency(words, default)
    return max(counts, key=lambda lang: counts[lang])


def _by_frequency(words: list[str], default: str) -> str:
    # Tie-break with wordfreq: which language's corpus makes these words more common.
    from wordfreq import zipf_frequency

    score = {"en": 0.0, "es": 0.0}
    for word in words[:300]:
        for lang in score:
            score[lang] += zipf_frequency(word, lang)
    if abs(score["en"] - score["es"]) < 1.0:
        return default
    return max(score, key=lambda lang: score[lang])
