"""Extract a job's key terms (tools, methods, certificates, soft skills, degrees)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import cache

from cvimprover.cv.vocabulary import VocabTerm, fold, term_pattern, terms

# How much each kind of term matters to a recruiter's screen.
CATEGORY_WEIGHT = {
    "tool": 1.0,
    "cert": 0.9,
    "method": 0.8,
    "degree": 0.7,
    "soft": 0.6,
    "other": 0.7,
}
_OPTIONAL = re.compile(
    r"nice to have|a plus|bonus|preferred|desirable|ideally|deseable|valorable|se valorar|"
    r"plus\b|opcional",
    re.IGNORECASE,
)
_REQUIRED = re.compile(
    r"require|must|essential|you have|you bring|what we need|requisitos|imprescindible|"
    r"necesario|buscamos|experiencia (?:en|con)|experience (?:in|with)",
    re.IGNORECASE,
)
# Short or everyday-word aliases only count when written with their exact capitals.
_CASE_SENSITIVE = {"Go", "Spring", "Express", "Node", "Oracle", "Lean", "Sketch", "Swift", "Spark"}
_TECH_TOKEN = re.compile(
    r"(?<![\w.])(?:[A-Z][a-z]+[A-Z]\w*|[A-Za-z]+\d+\w*|[A-Z]{2,6}s?|[A-Za-z]+(?:\.js|\.NET|\+\+|#))(?![\w])"
)
_NOT_TERMS = {
    "CV",
    "USA",
    "UK",
    "EU",
    "US",
    "IT",
    "HR",
    "OR",
    "AND",
    "THE",
    "WE",
    "YOU",
    "CEO",
    "CTO",
    "FAQ",
    "ASAP",
    "EMEA",
    "LATAM",
    "SL",
    "SA",
    "SAS",
    "LLC",
    "LTD",
    "INC",
    "GMBH",
    "OK",
    "EEO",
    "COVID",
    "COVID19",
    "B2B",
    "B2C",
    "KPI",
    "KPIs",
    "SaaS",
    "PhD",
    "TI",
    "RRHH",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "H1",
    "H2",
    "UX",
    "UI",
    "QA",
    "ID",
    "PC",
    "TV",
    "NGO",
    "ONG",
}


@dataclass
class Term:
    text: str
    category: str
    weight: float
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("aliases")
        data["weight"] = round(self.weight, 3)
        return data


@cache
def _alias_patterns() -> tuple[tuple[VocabTerm, str, re.Pattern[str]], ...]:
    out = []
    for term in terms():
        for alias in term.aliases:
            if len(alias) <= 3 or alias in _CASE_SENSITIVE:
                body = re.escape(alias).replace(r"\ ", r"[\s-]+")
                pattern = re.compile(r"(?<![\w+#./-])" + body + r"(?![\w+#]|[./-]\w)")
            else:
                pattern = term_pattern(alias)
            out.append((term, alias, pattern))
    # Longest aliases claim their span first, so "ITIL Foundation" beats "ITIL".
    out.sort(key=lambda item: -len(item[1]))
    return tuple(out)


def vocabulary_matches(text: str) -> list[tuple[VocabTerm, int, int]]:
    """Curated terms found in `text`, with spans; overlapping matches keep the longest."""
    claimed: list[tuple[int, int]] = []
    found = []
    for term, _alias, pattern in _alias_patterns():
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in claimed):
                continue
            claimed.append((start, end))
            found.append((term, start, end))
    return found


def _line_weight(line: str, optional_block: bool) -> float:
    if _OPTIONAL.search(line) or optional_block:
        return 0.6
    if _REQUIRED.search(line):
        return 1.0
    return 0.85


def job_terms(position: str, job_description: str, language: str = "en") -> list[Term]:
    """The job's key terms, most important first."""
    found: dict[str, Term] = {}
    optional_block = False
    lines = [(position, 1.3)]
    for line in (job_description or "").split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        # A heading like "Nice to have:" makes the lines under it optional until the next heading.
        if stripped.endswith(":") and len(stripped) < 60:
            optional_block = bool(_OPTIONAL.search(stripped))
        lines.append((stripped, _line_weight(stripped, optional_block)))
    for line, line_weight in lines:
        spans = []
        for term, start, end in vocabulary_matches(line):
            spans.append((start, end))
            weight = CATEGORY_WEIGHT[term.category] * line_weight
            key = fold(term.canonical)
            if key in found:
                found[key].weight = max(found[key].weight, weight) + 0.1
            else:
                found[key] = Term(term.canonical, term.category, weight, term.aliases)
        if line is not position:
            for token in _unknown_tech_tokens(line, spans):
                key = fold(token)
                weight = CATEGORY_WEIGHT["other"] * line_weight
                if key in found:
                    found[key].weight += 0.1
                else:
                    found[key] = Term(token, "other", weight, (token,))
    return sorted(found.values(), key=lambda t: -t.weight)


def _unknown_tech_tokens(line: str, claimed: list[tuple[int, int]]) -> list[str]:
    # Tools the vocabulary does not know yet still look like tools: CamelCase, digits, acronyms.
    from wordfreq import zipf_frequency

    out = []
    for match in _TECH_TOKEN.finditer(line):
        token = match.group(0)
        start, end = match.span()
        if any(start < e and s < end for s, e in claimed) or token in _NOT_TERMS:
            continue
        if token.rstrip("s") in _NOT_TERMS or len(token) < 2:
            continue
        common = max(zipf_frequency(token, "en"), zipf_frequency(token, "es"))
        if common > 3.5:
            continue
        out.append(token)
    return out


def contains_term(term: Term, text: str) -> bool:
    """Whether `text` mentions `term` under any of its names."""
    for alias in term.aliases or (term.text,):
        if len(alias) <= 3 or alias in _CASE_SENSITIVE or term.category == "other":
            body = re.escape(alias).replace(r"\ ", r"[\s-]+")
            if re.search(r"(?<![\w+#./-])" + body + r"(?![\w+#]|[./-]\w)", text):
                return True
        elif term_pattern(alias).search(text):
            return True
    return False


def surface_form(term: Term, text: str) -> str | None:
    """The spelling `text` uses for `term`, so output quotes the CV, not the vocabulary."""
    for alias in term.aliases or (term.text,):
        flags = 0 if len(alias) <= 3 or alias in _CASE_SENSITIVE else re.IGNORECASE
        body = re.escape(alias).replace(r"\ ", r"[\s-]+")
        match = re.search(r"(?<![\w+#./-])" + body + r"(?![\w+#]|[./-]\w)", text, flags)
        if match:
            return match.group(0)
    return None
