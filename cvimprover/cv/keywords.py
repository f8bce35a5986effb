"""Extract a job's key terms: curated vocabulary, open taxonomies and requirement phrases."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from cvimprover.cv.matcher import NameIndex, find_name, needs_capitals
from cvimprover.cv.vocabulary import (
    VocabTerm,
    broader,
    data_file,
    fold,
    fold_aligned,
    taxonomy,
    terms,
    verbs,
    word_list,
)

# How much each kind of term matters to a recruiter's screen.
CATEGORY_WEIGHT = {
    "tool": 1.0,
    "cert": 0.9,
    "method": 0.8,
    "degree": 0.7,
    "soft": 0.6,
    "other": 0.7,
    "language": 0.8,
    "title": 0.7,  # the job title itself, from the position line: recruiters screen by it
}
# Where a term was found, and how much that place says about its importance.
SOURCE_WEIGHT = {"position": 1.3, "requirements": 1.0, "description": 0.85, "nice_to_have": 0.6}
SOURCE_RANK = {"requirements": 0, "position": 1, "description": 2, "nice_to_have": 3}
# A term named in a sentence that states a requirement ("X is required", "se requiere",
# "imprescindible") weighs this much more than where the ad's headings alone put it.
REQUIREMENT_CUE_WEIGHT = 1.2
_OPTIONAL = re.compile(
    r"nice to have|\ba plus\b|\bbonus\b|\bpreferred\b|\bpreferably\b|desirable|\bideally\b|"
    r"deseable|valorable|se valorar|valoraremos|\bplus\b|opcional|would be great|"
    r"is an advantage|es un plus|será un plus|preferible",
    re.IGNORECASE,
)
# Words shaped like tool names: CamelCase, letters with digits, ".js", "++", "#".
_TOOL_SHAPE = re.compile(r"[A-Z][a-z]+[A-Z]\w*|[A-Za-z]+\d+\w*|[A-Za-z]+(?:\.js|\+\+|#)")
# Things that are never skills, blanked before matching: links, e-mail addresses, and
# identifiers (reference numbers, tracking fragments, base64 strings).
_JUNK = re.compile(
    r"https?://\S+|www\.\S+|\b[\w.+-]+@[\w-]+\.[\w.]+\b|"
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|es|co|gov|edu|eu|uk|jobs|careers)(?:/\S*)?\b|"
    r"[A-Za-z0-9+/=_-]{20,}|\b(?=[A-Za-z-]*\d)(?=[\d-]*[A-Za-z])[A-Za-z0-9-]{9,}\b"
)
_PAY_GRADE = re.compile(
    r"(?:GS|GG|SES|[Gg]rade|[Ll]evel|[Bb]and|[Nn]ivel|[Gg]rupo|[Cc]ategor[ií]a)[\s-]*\d+[A-Z]?",
)
# A web or e-mail domain: a lower-case top-level domain ("Vue.js" and "ASP.NET" are tools).
_DOMAIN = re.compile(
    r"(?:https?://)?(?:www\.)?([\w-]+(?:\.[\w-]+)*)\."
    r"(?:com|org|net|io|es|gov|gob|edu|eu|uk|co|jobs|careers|info|biz|de|fr|cat|us)\b"
)
_WORD = re.compile(r"[\w+#][\w+#.'’/-]*[\w+#]|[\w+#]")


@dataclass
class Term:
    text: str
    category: str
    weight: float
    aliases: tuple[str, ...] = ()
    required: bool = True
    source: str = "description"  # position | requirements | nice_to_have | description
    line: str = ""
    origin: str = "vocabulary"  # vocabulary | esco | onet | phrase | token
    group: str = ""  # terms sharing a group are related skills (an O*NET tool family)
    exact_case: frozenset[str] = field(default_factory=frozenset)
    key: str = ""  # folded canonical name: the same skill under any of its names
    confidence: float = 1.0  # 1 for a listed skill; the phrase model's probability otherwise

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "category": self.category,
            "weight": round(self.weight, 3),
            "required": self.required,
            "source": self.source,
            "line": self.line,
            "origin": self.origin,
        }


@dataclass(frozen=True)
class _Entry:
    """One concept the matcher knows: a curated term or a taxonomy concept."""

    canonical: str
    category: str
    origin: str
    group: str
    aliases: tuple[str, ...]
    exact_case: frozenset[str]
    vocab: VocabTerm | None = None


@dataclass
class AdLine:
    text: str
    source: str
    required: bool


# --- known skills in a text: every curated and taxonomy name, by the one matcher ----------


@cache
def _entries() -> tuple[_Entry, ...]:
    out = []
    for term in terms():
        marked = frozenset(a for a in term.aliases if needs_capitals(a))
        out.append(_Entry(term.canonical, term.category, "vocabulary", "",
                          term.aliases, marked, term))  # fmt: skip
    for concept in taxonomy():
        names = tuple(dict.fromkeys(label for _lang, label, _cs in concept.labels))
        exact = frozenset(label for _l, label, cs in concept.labels if cs)
        category = "tool" if concept.source == "onet" else "method"
        out.append(_Entry(concept.canonical, category, concept.source, concept.group,
                          names, exact))  # fmt: skip
    return tuple(out)


# Words of a name that are not inflected: what follows the first of them is a complement
# ("gestión de almacenes", "plan of care") and keeps its number and gender.
_UNINFLECTED = frozenset(
    ("de", "del", "la", "las", "el", "los", "y", "o", "e", "u", "en", "con", "para", "por")
    + ("al", "a", "sobre", "entre", "sin", "desde", "hasta", "según", "segun", "contra")
    + ("hacia", "bajo", "ante", "tras", "of", "and", "or", "in", "on", "for", "with", "to")
    + ("the", "an", "from", "at", "by", "into", "across", "per", "under", "within", "using")
)


def _plural_en(word: str) -> str:
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def _singular_en(word: str) -> str | None:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return None


def _plural_es(word: str) -> str | None:
    plain = fold(word)
    if plain.endswith(("s", "x")):
        return None
    if plain.endswith("z"):
        return plain[:-1] + "ces"
    if plain.endswith(("on", "an", "en")) and word[-2:] != plain[-2:]:
        return plain + "es"  # "conciliación" -> "conciliaciones": the accent goes
    if plain[-1] in "aeiou":
        return word + "s"
    return word + "es"


def _singular_es(word: str) -> str | None:
    plain = fold(word)
    if len(plain) <= 3 or not plain.endswith("s") or plain.endswith(("is", "us")):
        return None
    if plain.endswith("ces"):
        return plain[:-3] + "z"
    if plain.endswith("es") and plain[-3] in "lnrdj":
        return plain[:-2]  # "motores" -> "motor", "reparaciones" -> "reparacion"
    return word[:-1]


def _feminine_es(word: str) -> str | None:
    if word.endswith("o") and len(word) > 3:
        return word[:-1] + "a"
    if word.endswith("or") and len(word) > 4:
        return word + "a"
    return None


def inflections(name: str, language: str) -> list[str]:
    """Other numbers and genders of a skill's name of two words or more, as ads write
    them: English turns the last word plural or singular ("expense reports", "plumbing
    tool"); Spanish turns every word before the first complement plural ("conciliaciones
    bancarias"), singular ("norma sobre ...") or feminine ("enfermera especialista").
    One-word names stay as they are: their other forms are too often other words."""
    return list(_inflections(name, language))


@lru_cache(maxsize=65536)
def _inflections(name: str, language: str) -> list[str]:  # cached: callers copy
    words = name.split()
    if len(words) < 2 or any(not w.isalpha() for w in words[-1:]):
        return []
    if language == "en":
        last = words[-1]
        if last.isupper():
            return []
        singular = _singular_en(last)
        forms = [singular] if singular else [_plural_en(last)]
        return [" ".join([*words[:-1], f]) for f in forms if f and f != last]
    if language != "es":
        return []
    cut = next((i for i, w in enumerate(words) if w.lower() in _UNINFLECTED), len(words))
    if cut == 0:
        return []
    out = []
    for change in (_plural_es, _singular_es, _feminine_es):
        head = [change(w) or w for w in words[:cut]]
        if head != words[:cut]:
            out.append(" ".join(head + words[cut:]))
    return out


@cache
def _label_languages() -> dict[tuple[int, str], str]:
    """(entry index, taxonomy label) -> the label's language."""
    languages: dict[tuple[int, str], str] = {}
    offset = len(terms())
    for number, concept in enumerate(taxonomy()):
        for lang, label, _cs in concept.labels:
            languages.setdefault((offset + number, label), lang)
    return languages


@cache
def _index() -> NameIndex[tuple[int, str]]:
    """Every known name, and its other numbers and genders (`inflections`) -> (entry
    index, language of the label or "")."""
    languages = _label_languages()
    names = []
    for index, entry in enumerate(_entries()):
        for alias in entry.aliases:
            lang = languages.get((index, alias), "")
            exact = alias in entry.exact_case
            names.append((alias, (index, lang), exact))
            if exact or needs_capitals(alias):
                continue
            for form in inflections(alias, lang or _name_language(alias)):
                names.append((form, (index, lang), False))
    return NameIndex(names)


@lru_cache(maxsize=16384)
def _with_inflections(surface: str, index: int, language: str) -> tuple[str, ...]:
    """A known skill's names for the CV's evidence: as the ad writes it (in the ad's
    language), its names, and their other numbers and genders (the forms the index also
    reads), so a CV that says "conciliaciones bancarias" or "enfermera especialista" shows
    the term as the ad did."""
    entry = _entries()[index]
    languages = _label_languages()
    names = [surface, *entry.aliases]
    for name in list(names):
        if name in entry.exact_case or needs_capitals(name):
            continue
        lang = language if name == surface else languages.get((index, name), "")
        names.extend(inflections(name, lang or _name_language(name)))
    return tuple(dict.fromkeys(names))


@lru_cache(maxsize=16384)
def _name_language(name: str) -> str:
    """A curated name's language, guessed from how common its words are in each language
    (wordfreq): "conciliaciones bancarias" is Spanish, "bank reconciliations" English."""
    from wordfreq import zipf_frequency

    words = [w for w in name.lower().split() if w.isalpha()]
    spanish = sum(zipf_frequency(w, "es") for w in words)
    english = sum(zipf_frequency(w, "en") for w in words)
    return "es" if spanish > english else "en"


def match_entries(text: str, language: str | None = None) -> list[tuple[int, int, int]]:
    """(entry index, start, end) of every known term in `text`; overlaps keep the longest.

    `language` limits taxonomy labels to English plus that language ("es" ads also use
    English tool names); None accepts every language."""
    entries = _entries()
    found = []
    for (index, lang), start, end in _index().find(text):
        if lang and language and lang not in ("en", language):
            continue
        # Curated terms outrank taxonomy concepts on the same span.
        priority = 0 if entries[index].origin == "vocabulary" else 1
        found.append((index, start, end, priority))
    found.sort(key=lambda f: (-(f[2] - f[1]), f[3], f[1]))
    claimed: list[tuple[int, int]] = []
    out = []
    for index, start, end, _priority in found:
        if any(start < e and s < end for s, e in claimed):
            continue
        claimed.append((start, end))
        out.append((index, start, end))
    return sorted(out, key=lambda f: f[1])


def entry_key(index: int) -> str:
    """The folded canonical name of a matched entry (what `Term.key` holds)."""
    return fold(_entries()[index].canonical)


def _entry_key_of(name: str) -> str:
    """The key of the entry that `name` names whole, or ""."""
    return next((entry_key(i) for i, s, e in match_entries(name) if s == 0 and e == len(name)), "")


@cache
def _narrower() -> dict[str, frozenset[str]]:
    """Broad skill's key -> keys of the named tools that are each a kind of it."""
    out: dict[str, frozenset[str]] = {}
    for broad, tools in broader():
        keys = {_entry_key_of(name) for name in (broad, *tools)}
        if "" in keys:
            raise ValueError(f"broader.txt names a skill no vocabulary knows: {broad}")
        out[_entry_key_of(broad)] = frozenset(_entry_key_of(name) for name in tools)
    return out


def narrower_keys(term: Term) -> frozenset[str]:
    """Keys of the named tools that show `term` on a CV: each is a kind of it ("MySQL" for
    "relational databases"; see vocabulary/broader.txt)."""
    return _narrower().get(term.key or fold(term.text), frozenset())


def entry_group(index: int) -> str:
    """The related-skill family of a matched entry: its O*NET group, or ""."""
    entry = _entries()[index]
    if entry.origin == "onet":
        return _useful_group(entry.group)
    return next((g for a in entry.aliases if (g := _onet_groups().get(fold(a)))), "")


# O*NET families larger than this are catch-alls ("Analytical or scientific software" holds
# SAS beside EPIC GIS and 1,400 others): sharing one says nothing about related skills.
BROAD_FAMILY = 1000


@cache
def _family_sizes() -> dict[str, int]:
    sizes: dict[str, int] = {}
    for concept in taxonomy():
        if concept.source == "onet":
            sizes[concept.group] = sizes.get(concept.group, 0) + 1
    return sizes


def _useful_group(group: str) -> str:
    return group if group and _family_sizes().get(group, 0) <= BROAD_FAMILY else ""


@cache
def _onet_groups() -> dict[str, str]:
    """Folded O*NET product name -> its family ("Python" -> object-oriented development)."""
    out: dict[str, str] = {}
    for concept in taxonomy():
        if concept.source == "onet" and _useful_group(concept.group):
            for _lang, label, _cs in concept.labels:
                out.setdefault(fold(label), concept.group)
    return out


def term_group(term: Term) -> str:
    """The related-skill family of a job term, or "" when none is known."""
    return _useful_group(term.group) or next(
        (g for a in (term.text, *term.aliases) if (g := _onet_groups().get(fold(a)))), ""
    )


def vocabulary_matches(text: str) -> list[tuple[VocabTerm, int, int]]:
    """Curated terms found in `text`, with spans; overlapping matches keep the longest."""
    entries = _entries()
    return [
        (entries[i].vocab, s, e) for i, s, e in match_entries(text) if entries[i].vocab is not None
    ]


# --- reading the ad: sections, required or nice to have, junk ----------------------------


_HEADING_KINDS = (
    (
        "skip",
        re.compile(
            r"benefit|perks|what we offer|we offer|why (?:join|work)|about (?:us|the company|"
            r"the team|[A-Z])|who we are|our (?:company|mission|values|culture)|equal opportunit|"
            r"how to apply|salary|compensation|location|ofrecemos|te ofrecemos|beneficios|"
            r"sobre nosotros|qui[eé]nes somos|nuestra empresa|salario|ubicaci[oó]n|"
            r"c[oó]mo aplicar|what'?s in it|who may apply|diversity|inclusi|"
            # Hiring administration: the posting's fields, eligibility and next steps.
            r"basic information|announcement|series (?:&|and) grade|promotion potential|"
            r"vacanc|supervisory status|security clearance|work schedule|appointment type|"
            r"opening and closing|travel requirement|employment requirements|next steps|"
            r"after the closing|for each job on your resume|job title|datos de contacto|"
            r"contact (?:details|information)|how you will be evaluated|required documents|"
            r"incorporaci[oó]n|jornada|horario|tipo de contrato|duraci[oó]n del contrato|"
            r"condiciones|contrato|c[oó]digo de oferta",
            re.I,
        ),
    ),
    ("nice_to_have", _OPTIONAL),
    (
        "requirements",
        re.compile(
            r"require|qualifica|must|what you(?:'ll)? (?:bring|need|have)|you have|you bring|"
            r"your (?:profile|skills|experience|background)|skills|experience|who you are|"
            r"about you|looking for|competenc|requisitos|perfil|buscamos|imprescindible|"
            r"lo que (?:necesitas|buscamos|valoramos)|qu[eé] (?:necesitas|buscamos)|"
            r"conocimientos|formaci[oó]n|experiencia|competencias|aptitudes|se requiere",
            re.I,
        ),
    ),
    (
        "description",
        re.compile(
            r"responsibilit|what you(?:'ll)? do|your role|the role|day[- ]to[- ]day|duties|"
            r"objective|funciones|responsabilidades|qu[eé] har[aá]s|tareas|tu d[ií]a",
            re.I,
        ),
    ),
)


def _named_kind(text: str) -> str | None:
    """The section a short label names by one of the section words ("Contrato", "Requisitos"),
    or None: unlike `_heading_kind`, no guess from the shape of the line."""
    if len(text.split()) > 5:
        return None
    return next((kind for kind, pattern in _HEADING_KINDS if pattern.search(text)), None)


def _heading_kind(line: str) -> str | None:
    """The kind of section a heading line opens, or None when the line is not a heading."""
    text = line.strip().lstrip("#").strip()
    words = text.split()
    if not words or len(words) > 8 or text.startswith(("-", "•", "*")):
        return None
    looks_like_heading = text.endswith(":") or (
        not text.endswith((".", ",", ";")) and (text.isupper() or len(words) <= 5)
    )
    if not looks_like_heading:
        return None
    for kind, pattern in _HEADING_KINDS:
        if pattern.search(text):
            return kind
    # A line in capitals is a heading only with two words or more: "SAP" is a list item.
    return "description" if text.endswith(":") or (text.isupper() and len(words) > 1) else None


# Ads pasted from job portals often run a whole ad into one line: "REQUISITOS: - Excel -
# Inglés SE VALORARÁ SAP". Section words written in capitals (or followed by a colon) and
# list markers inside a line start a new line there.
_INLINE_HEADING = re.compile(
    r"(?<=\S)\s+(?=(?:REQUISITOS|FUNCIONES|CONDICIONES|IMPRESCINDIBLES?|SE VALORAR[ÁA]|"
    r"VALORABLES?|SE OFRECE|OFRECEMOS|DESCRIPCI[ÓO]N|RESPONSABILIDADES|TAREAS|REQUIREMENTS|"
    r"RESPONSIBILITIES|QUALIFICATIONS)\b|(?:Requisitos|Funciones|Condiciones|Imprescindibles?|"
    r"Se valorar[áa]|Valorables?|Ofrecemos|Tareas|Requirements|Responsibilities)\s*:)"
)
_INLINE_BULLET = re.compile(r"(?<=\S)\s+[-·•]\s*(?=[^\W\d_])|(?<=[.:;])\s*[-·•](?=[^\W\d_])")


def _split_inline(line: str) -> list[str]:
    """One physical line cut where a section word or a list marker starts a new item."""
    text = _INLINE_HEADING.sub("\n", line)
    text = _INLINE_BULLET.sub("\n- ", text)
    out = []
    for piece in text.split("\n"):
        # "- CONDICIONES:" is a heading behind a list marker.
        piece = re.sub(r"^\s*[-·•]\s*(?=[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ ]{3,40}:\s*$)", "", piece)
        # "CONDICIONES Contrato indefinido": the section word alone, then what follows.
        word = re.match(r"((?:SE )?[A-ZÁÉÍÓÚÑ]{5,}):?\s+(\S.*)$", piece.strip())
        if word and _heading_kind(word.group(1) + ":") not in (None, "description"):
            out.extend([word.group(1) + ":", word.group(2)])
        else:
            out.append(piece)
    return out


# A heading that ends with its section word ("Senior Analyst Responsibilities") holds no term.
_SECTION_WORD_LAST = re.compile(
    r"\b(?:requirements|responsibilities|qualifications|duties|job grade|requisitos|funciones|"
    r"responsabilidades|tareas)\s*:?$",
    re.IGNORECASE,
)


def ad_lines(position: str, description: str) -> list[AdLine]:
    """The ad's lines that can hold key terms, with their section and required flag."""
    out = [AdLine(position.strip(), "position", True)] if position.strip() else []
    section = "description"
    raws = [p for raw in (description or "").split("\n") for p in _split_inline(raw)]
    for raw in raws:
        stripped = raw.strip()
        if not stripped:
            continue
        inline = re.match(r"([^:]{2,40}):\s*(\S.*)$", stripped)
        kind = _heading_kind(inline.group(1) + ":") if inline else _heading_kind(stripped)
        if kind is not None:
            section = kind
            if inline:  # "Requirements: Python, SQL" opens a section and lists terms
                stripped = inline.group(2)
                if _heading_kind(stripped) is not None and len(stripped.split()) <= 3:
                    section = _heading_kind(stripped) or section  # "REQUISITOS: Imprescindibles:"
                    continue
            elif len(stripped.split()) <= 3 or _SECTION_WORD_LAST.search(stripped):
                # "Accounts Payable Analyst (Intermediate) Requirements" only names a section
                continue  # a bare heading; a longer one ("Experience with Python") names terms
        if section == "skip" or _ELIGIBILITY.search(stripped):
            continue
        # "Python and Redis; Kubernetes is a plus": the cue makes only its own clause optional.
        clause_section = section
        for clause in re.split(r"(?<=[;.])\s+(?=\S)|(?<=\.)-\s*(?=\S)", stripped):
            # "...Profesorado.- Contrato: Temporal. Centros de trabajo en Gozón": a section
            # word inside a run-on line opens that section for the rest of the line.
            opened = re.match(r"[-\s]*([^:]{2,40}):", clause)
            kind = _named_kind(opened.group(1)) if opened else None
            if kind is not None:
                clause_section = kind
            if clause_section == "skip" or _HOW_TO_APPLY.search(clause):
                continue
            source = clause_section
            if source != "nice_to_have" and _OPTIONAL.search(clause):
                source = "nice_to_have"
            out.append(AdLine(clause, source, source != "nice_to_have"))
    return out


# Conditions of employment, not skills a CV could show: a line that states one is skipped.
_ELIGIBILITY = re.compile(
    r"\bcitizens?(?:hip)?\b|background (?:investigation|check)|trial period|selective service|"
    r"direct deposit|e-?verify|financial disclosure|\bveterans?\b|drug (?:test|screen)|"
    r"work (?:authori[sz]ation|permit)|equal opportunity|reasonable accommodation|"
    r"permiso de (?:trabajo|residencia)|igualdad de oportunidades",
    re.IGNORECASE,
)


# How to apply, one sentence at a time: "enviar currículum a...", "CV actualizado en PDF".
_HOW_TO_APPLY = re.compile(
    r"curr[ií]culum|\bCV\b|(?:send|submit|upload|email) (?:us )?your (?:resume|CV)", re.I
)


def _blank_junk(line: str) -> str:
    """`line` with links, e-mails and identifiers replaced by spaces (offsets kept)."""
    return _JUNK.sub(lambda m: " " * len(m.group(0)), line)


_NAME = r"[A-Z0-9][\w&.-]*(?: (?:of |de |del |and |y )?[A-Z][\w&.-]*){0,4}"
# Words that end the name of an organisation or a place, not of a skill.
_ORG_HEAD = re.compile(
    r"\b(?:Administration|Office|Department|Agency|Cent(?:er|re)s? of|Bureau|Ministry|Inc|Ltd|"
    r"LLC|Corp|Corporation|Group|Services?|Regi[oó]n|Provincia|Comunidad|Principado|"
    r"Ayuntamiento|Oficina|Consejer[ií]a|Gobierno|Ministerio|Servicio|Junta)\b"
)
_EMPLOYER_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        rf"({_NAME}) (?:is|are) (?:hiring|looking|seeking|recruiting)\b",
        rf"({_NAME}) (?:has|have) been\b",
        rf"({_NAME}) (?:employees?|team members?)\b",
        rf"\b(?:[Jj]oin|[Aa]t|[Ww]ithin|[Pp]art of|[Mm]ember of|[Ii]nterest in|[Úú]nete a|"
        rf"[Uu]nete a) (?:the )?({_NAME})",
        # Spanish portals often write the whole line in capitals: "EMPRESA X NECESITA".
        rf"({_NAME}) (?:busca|selecciona|precisa|incorpora|necesita|BUSCA|SELECCIONA|PRECISA|"
        rf"INCORPORA|NECESITA)\b",
        rf"({_NAME}) \(([A-Z][\w&-]{{1,8}})\)",
    )
)
# The employer's own things name it: "Acme's values", "Acme’s financial processes" (a
# possessive before these words; "Python's standard library" is not one).
_POSSESSIVE = re.compile(
    r"['’]s (?:[\w/-]+ )?(?:values|mission|culture|teams?|customers|clients|"
    r"products?|platform|processes|policies|strategy|business|operations|handbook|"
    r"people|offices?|leadership|growth|success)\b"
)
_NAME_BEFORE = re.compile(rf"(?<![\w&.-])({_NAME})$")
# A legal entity ("GitLab Federal, LLC") or a policy ("GitLab Reimbursement policy") names
# the employer by its first word when that word is rare ("Federal" or "Travel" alone is not).
_EMPLOYER_FIRST_WORD = (
    re.compile(rf"({_NAME}),? (?:LLC|Inc|Ltd|S\.L\.|S\.A\.)"),
    re.compile(rf"({_NAME}) (?:[\w-]+ )?polic(?:y|ies)\b"),
)


def _company_names(description: str) -> set[str]:
    """Folded names the ad uses for its employer and its offices: web and e-mail domains,
    "<Name> is hiring", "join <Name>", "at <Name>", "<Name> employees", and organisations
    introduced with their acronym ("General Services Administration (GSA)")."""
    from wordfreq import zipf_frequency

    text = description or ""
    names: set[str] = set()
    for match in _DOMAIN.finditer(text):
        for part in match.group(1).lower().split("."):
            if part in {"www", "careers", "jobs", "apply", "mail", "com", "co", "gob", "gov"}:
                continue
            # "cloud.gov" names a product by an everyday word: the word alone stays a skill.
            if zipf_frequency(part, "en") < 4.0 and zipf_frequency(part, "es") < 4.0:
                names.add(fold(part))
    for pattern in _EMPLOYER_PATTERNS:
        for match in pattern.finditer(text):
            found = [g for g in match.groups() if g]
            if len(found) == 2 and not _ORG_HEAD.search(found[0]):
                continue  # "Continuous Integration (CI)" defines a skill, not an organisation
            for name in found:
                names.add(fold(name))
                first = name.split()[0]
                if first.isupper() and len(first) > 1 and not name.isupper():
                    names.add(fold(first))  # "TTS Hiring Process" -> TTS
    for possessive in _POSSESSIVE.finditer(text):
        # The name is looked for only before a possessive: cheap on ads without one.
        match = _NAME_BEFORE.search(text[max(0, possessive.start() - 80) : possessive.start()])
        if not match:
            continue
        words = match.group(1).split()
        # A capital at a sentence start is not a name: "Document Acme's processes" -> Acme.
        while len(words) > 1 and zipf_frequency(words[0].lower(), "en") >= 3.0:
            words.pop(0)
        if zipf_frequency(" ".join(words).lower(), "en") < 3.0:
            names.add(fold(" ".join(words)))
    for pattern in _EMPLOYER_FIRST_WORD:
        for match in pattern.finditer(text):
            first = match.group(1).split()[0]
            if (
                zipf_frequency(first.lower(), "en") < 3.0
                and zipf_frequency(first.lower(), "es") < 3.0
            ):
                names.add(fold(first))
    return {n for n in names if len(n) >= 2}


@cache
def _not_terms() -> frozenset[str]:
    return word_list("not_terms.txt")


def is_junk(text: str, companies: set[str] = frozenset()) -> bool:
    """Whether `text` is something a key-term list must never contain."""
    key = fold(text).strip()
    if not key or key in _not_terms() or key in companies or key.replace(" ", "") in companies:
        return True
    padded = f" {key} "
    if any(f" {name} " in padded for name in companies if len(name) >= 3):
        return True  # "GitLab's brand standards" names the employer
    if _JUNK.fullmatch(text.strip()) or not re.search(r"[^\W\d_]", text):
        return True
    if _PAY_GRADE.fullmatch(text.strip()):
        return True  # "GS-15", "grade 7", "nivel 3": a pay scale, not a skill
    return bool(re.fullmatch(r"[\w.-]*\d[\w.-]*", text) and len(text) > 8)


# --- phrases outside every list -----------------------------------------------------------

# A requirement line splits into candidate phrases at punctuation and conjunctions, then at
# function words and verbs; a small logistic model (vocabulary/phrase_model.json, fitted on
# the tuned job ads by scripts/fit_phrase_model.py) keeps the phrases that look like skills.
_SEGMENT = re.compile(
    r"[,;:.()!?•|\"“”¿¡]|\s[-–—/]\s|^\s*[-*•]\s*|\b(?:and/or|and|or|as well as|such as|"
    r"including|like|incluyendo|como|tales como)\b|"
    # One-letter conjunctions only between spaces: "C+E" is a driving licence.
    r"(?<!\S)(?:y|o|e|u)(?!\S)",
    re.IGNORECASE,
)
_GLUE = {"of", "de", "del", "&"}
_SPANISH_VERB = re.compile(
    r"\w+(?:ar|er|ir|ará|erá|irá|arás|erás|irás|aremos|eremos|iremos|amos|emos|imos|ando|"
    r"iendo|arse|erse|irse)"
)


@cache
def _phrase_stop() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for line in data_file("phrase_words.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, _, words = line.partition(":")
            out[lang.strip()] = frozenset(words.split())
    return out


@cache
def _verb_forms() -> frozenset[str]:
    # Gerunds stay: in a requirement they name an activity ("workforce planning").
    forms = {f.lower() for lang in ("en", "es") for group in verbs(lang) for f in group}
    return frozenset(f for f in forms if not f.endswith("ing"))


@cache
def _taxonomy_words() -> tuple[dict[str, int], frozenset[str]]:
    """How often a word heads a multi-word taxonomy label (last word in English, first in
    Spanish: "workforce planning", "gestión de almacenes"), and every word of every label."""
    heads: dict[str, int] = {}
    words: set[str] = set()
    for concept in taxonomy():
        for lang, label, _cs in concept.labels:
            tokens = fold(label).split()
            words.update(tokens)
            if len(tokens) >= 2:
                head = tokens[-1] if lang == "en" else tokens[0]
                heads[head] = heads.get(head, 0) + 1
    return heads, frozenset(words)


def _stem(word: str) -> str:
    """A folded word without a plural ending, for comparing phrases with labels."""
    if word.endswith("es") and len(word) > 4 and word[-3] in "nrlsdzx":
        return word[:-2]
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


@cache
def _label_pairs() -> frozenset[tuple[str, str]]:
    """Every two adjacent content words of a taxonomy or curated name ("journal entry",
    "apunte contable"), plural endings dropped: an ad's phrase that shares such a pair
    names something of the occupation's field even when no label names the whole phrase."""
    pairs: set[tuple[str, str]] = set()
    names = [label for c in taxonomy() for _l, label, _cs in c.labels]
    names += [alias for term in terms() for alias in term.aliases]
    for name in names:
        words = [_stem(w) for w in fold(name).split() if w not in _UNINFLECTED]
        pairs.update(zip(words, words[1:], strict=False))
    return frozenset(pairs)


def label_pair_share(phrase: str) -> float:
    """The share of a phrase's adjacent content-word pairs that some known name also has."""
    words = [_stem(w) for w in fold(phrase).split() if w not in _UNINFLECTED]
    pairs = list(zip(words, words[1:], strict=False))
    if not pairs:
        return 0.0
    known = _label_pairs()
    return sum(p in known for p in pairs) / len(pairs)


def _is_stop(token: str, language: str) -> bool:
    low = token.lower()
    stop = _phrase_stop()
    if low in stop["en"] or low in stop["es"] or low in _verb_forms():
        return True
    if language == "es" and _SPANISH_VERB.fullmatch(low) and low not in _taxonomy_words()[0]:
        return True
    return not re.search(r"[^\W\d_]", token)


def phrase_candidates(text: str, language: str) -> list[tuple[str, int, int, bool]]:
    """(phrase, start, end, whole) for each run of content words in `text`; `whole` says
    the phrase is everything between two separators (a list item such as "- Docker")."""
    out = []
    position = 0
    for piece in _SEGMENT.split(text):
        offset = text.find(piece, position) if piece else position
        position = offset + len(piece)
        tokens = [(m.group(0), offset + m.start(), offset + m.end()) for m in _WORD.finditer(piece)]
        runs: list[list[tuple[str, int, int]]] = [[]]
        for token in tokens:
            if _is_stop(token[0], language) and token[0].lower() not in _GLUE:
                runs.append([])
            elif token[0].lower() not in _GLUE or runs[-1]:
                runs[-1].append(token)
        for run in runs:
            while run and run[-1][0].lower() in _GLUE:
                run.pop()
            if run and sum(t[0].lower() not in _GLUE for t in run) <= 4:
                whole = len(run) == len(tokens)
                out.append((text[run[0][1] : run[-1][2]], run[0][1], run[-1][2], whole))
    return out


def phrase_features(phrase: str, whole: bool, line: AdLine, counts: dict[str, int],
                    language: str) -> dict[str, float]:  # fmt: skip
    """What the phrase model looks at: where the phrase is, its length, how rare its words
    are, whether taxonomy labels end in its head word, its capitals and repetitions."""
    from wordfreq import zipf_frequency

    tokens = [t for t in phrase.split() if t.lower() not in _GLUE]
    heads, words = _taxonomy_words()
    folded = [fold(t) for t in tokens]
    head = folded[-1] if language == "en" else folded[0]
    rarest = min(zipf_frequency(t.lower(), language) for t in tokens)
    line_upper = line.text.isupper()
    return {
        "bias": 1.0,
        "src_" + line.source: 1.0,
        f"words_{min(len(tokens), 4)}": 1.0,
        "rarest": rarest / 7,
        "rare": float(rarest < 3.0),
        "head": math.log1p(heads.get(head, 0)) / 5,
        "in_taxonomy": sum(t in words for t in folded) / len(folded),
        "capitals": float(not line_upper and all(t[:1].isupper() for t in tokens)),
        "tool_shape": float(not line_upper and any(_TOOL_SHAPE.fullmatch(t) for t in tokens)),
        "acronym": float(not line_upper and any(t.isupper() and len(t) > 1 for t in tokens)),
        "repeated": math.log1p(counts.get(fold(phrase), 1) - 1),
        "whole": float(whole),
        "bullet": float(line.text.lstrip().startswith(("-", "*", "•"))),
        "short_line": float(len(line.text.split()) <= 8),
        "spanish": float(language == "es"),
        "verb_led": float(_verb_led(line.text, language)),
        # An everyday head word ("sessions", "experiencia") names an activity, not a skill.
        "head_common": zipf_frequency(head, language) / 7,
        "label_pair": label_pair_share(phrase),
    }


def _verb_led(text: str, language: str) -> bool:
    """Whether a line starts with a verb ("Partner with cross-functional teams", "Gestionar
    pedidos"): a duty the job holder will do, rather than a skill the CV must show."""
    first = re.match(r"[\s\-*•·]*([^\W\d_]+)", text)
    if not first:
        return False
    word = first.group(1).lower()
    if word in _verb_forms():
        return True
    return language == "es" and bool(re.fullmatch(r"\w+(?:ar|er|ir)", word))


# A mention model: (weights, threshold for phrases no list holds, threshold for known
# skills' names or None when they are always kept).
Model = tuple[dict[str, float], float, float | None]


@cache
def _phrase_models() -> dict[str, Model]:
    """Language ("" for any) -> model. English and Spanish ads are written differently
    (Spanish public-service ads run their sections into one line and list duties more than
    tools), so each language may have its own fit."""
    data = json.loads(data_file("phrase_model.json").read_text(encoding="utf-8"))
    specs = {"": data} if "weights" in data else {}
    specs.update(data.get("languages") or {})
    return {
        language: (spec["weights"], spec["threshold"], spec.get("listed_threshold"))
        for language, spec in specs.items()
    }


def _phrase_model(language: str = "") -> Model:
    models = _phrase_models()
    return models.get(language) or models.get("") or next(iter(models.values()))


def phrase_probability(features: dict[str, float], language: str = "") -> float:
    """How likely a candidate phrase names a key term, by the model of the ad's language."""
    weights = _phrase_model(language or ("es" if features.get("spanish") else "en"))[0]
    return _logistic(weights, features)


def _logistic(weights: dict[str, float], features: dict[str, float]) -> float:
    total = sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, total))))


# --- assembling the job's key terms -------------------------------------------------------


@dataclass
class Candidate:
    """One possible key term of an ad: a known skill's name or a phrase no list holds, with
    what the mention model looks at."""

    text: str
    key: str
    category: str
    line: AdLine
    origin: str
    features: dict[str, float]
    aliases: tuple[str, ...] = ()
    group: str = ""
    exact_case: frozenset[str] = frozenset()


# A phrase that starts with a condition of employment (pay, hours, contract) names the
# job's terms, never a skill: "Convenio colectivo de ...", "Jornada parcial", "salary range".
_CONDITION = re.compile(
    r"(?:convenio|jornada|turnos?|contrat[oa]|contrataci[oó]n|salario|sueldo|retribuci[oó]n|"
    r"n[oó]mina|pagas?|incorporaci[oó]n|horario|vacaciones|salary|compensation package|"
    r"pay (?:range|band|grade)|shift pattern)\b",
    re.IGNORECASE,
)
# Who may apply, not what the CV must show: "certificado de discapacidad igual o superior al
# 33%" (Spanish public-employment ads reserve posts for it).
_QUOTA = re.compile(r"\b(?:discapacidad|minusval[ií]a|disability)\b", re.IGNORECASE)
# Words that put the next phrase in a place: "puesto en Zaragoza", "centro de trabajo en
# Gozón", "based in Leeds".
_PLACE_CUE = re.compile(
    r"\b(?:(?:puesto|centros?(?: de trabajo)?|zona|sede|ubicad[oa]|situad[oa]|based|located|"
    r"office)\s+(?:en|in|at)|(?:localidad|municipio|provincia)(?:\s+de)?)\s+"
    r"(?:la |el |los |las )?$",
    re.IGNORECASE,
)


_BRACKETED = re.compile(r"\s*\(([^()]{2,40})\)")


def _before_place(text: str, end: int) -> bool:
    """Whether a phrase is followed by a known place in brackets: "Muga de Sayago
    (Zamora)", "Leeds (UK)" name a town by its province or country."""
    match = _BRACKETED.match(text, end)
    return bool(match) and fold(match.group(1)).strip() in _not_terms()


# Words that introduce what a CV must show: "experience with", "knowledge of", "manejo de".
_CUE = re.compile(
    r"(?:experience (?:with|in|of|using)|knowledge of|proficien\w* (?:in|with)|familiar\w* with|"
    r"skills? in|expertise in|background in|understanding of|ability to use|degree in|"
    r"certifi\w+ in|experiencia (?:en|con|de)|conocimientos? (?:de|en|sobre)|manejo de|"
    r"dominio de|formaci[oó]n en|titulaci[oó]n en|grado en|uso de)\W*$",
    re.IGNORECASE,
)


# Words that say a sentence describes the employer or the team, not what the CV must show:
# "you'll work in cross-functional teams of experts in design, product strategy, ...".
_ABOUT_US = re.compile(
    r"\b(?:we|we're|our|us|team of|teams of|experts in|disciplines|you'll work|you will work|"
    r"nosotros|nuestr[oa]s?|somos|empresa|equipo de)\b",
    re.IGNORECASE,
)


def _segment_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each piece of `text` between separators, spaces trimmed."""
    spans = []
    position = 0
    for piece in _SEGMENT.split(text):
        offset = text.find(piece, position) if piece else position
        position = offset + len(piece)
        stripped = piece.strip()
        if stripped:
            first = offset + piece.index(stripped)
            spans.append((first, first + len(stripped)))
    return spans


# Words that make a sentence a requirement the CV must meet, or a duty of the job: "X is
# required", "you have", "se requiere", "imprescindible" against "funciones", "you will".
_REQUIREMENT_CUE = re.compile(
    r"\b(?:required|requirements?|requisitos?|must|mandatory|essential|you have|you bring|"
    r"you(?:'ll| will) need|qualifications?|minimum|se requiere|se requieren|se exige|"
    r"se pide|imprescindibles?|indispensables?|necesari[oa]s?|obligatori[oa]s?|"
    r"en posesi[oó]n de|deber[aá] (?:tener|contar|poseer)|buscamos)\b",
    re.IGNORECASE,
)
# First-person plural in the same sentence: the sentence is about the employer's people
# ("our teams of experts in product strategy, data science and procurement"), so a known
# skill's name in it describes them, not the CV wanted.
_WE = re.compile(
    r"\b(?:we|we're|our|us|team of|teams of|experts in|you'll work|you will work|nosotros|"
    r"nuestr[oa]s?|somos)\b",
    re.IGNORECASE,
)
# ... unless the "we" asks for someone or names the tools it works with: "we need a Python
# engineer with PostgreSQL", "we're looking for", "we use Django", "our stack: React",
# "buscamos a alguien con SAP", "trabajamos con Java": that is what the CV must show.
_WE_ASK_OR_USE = re.compile(
    r"\b(?:we(?:'re| are)? (?:need|needs|seek|seeking|looking for|want|hiring|"
    r"use|using|work with|working with|build (?:with|on)|rely on|run)|"
    r"our (?:tech(?:nology)? )?(?:stack|tools|toolset)|buscamos|necesitamos|precisamos|"
    r"usamos|utilizamos|trabajamos con|nuestro stack|nuestras herramientas)\b",
    re.IGNORECASE,
)
_DUTY_CUE = re.compile(
    r"\b(?:funciones|tareas|responsibilities|duties|you will|you'll|will be responsible|"
    r"se encargar[aá]|ser[aá] responsable|realizar[aá])\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")


def _sentence_before(text: str, start: int) -> str:
    """The part of the mention's sentence that comes before it (the line up to `start`,
    from the last full stop, semicolon, exclamation or question mark)."""
    before = text[:start]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    return before[ends[-1] :] if ends else before


def _context_features(text: str, start: int, end: int, line: AdLine,
                      spans: list[tuple[int, int]]) -> dict[str, float]:  # fmt: skip
    """Where a mention sits in its line: after a cue such as "experience with", in a list of
    short items, or inside a long sentence of prose; in a sentence that states a requirement
    ("se requiere", "must have") or one that describes a duty ("funciones", "you will")."""
    segment = next(((s, e) for s, e in spans if s <= start and end <= e), (start, end))
    in_list = len(spans) >= 3 and sum(e - s <= 40 for s, e in spans) * 2 >= len(spans)
    words = len(line.text.split())
    bullet = line.text.lstrip().startswith(("-", "*", "•"))
    sentence = _sentence_before(text, start)
    after = text[end : end + 40]
    requirement = bool(_REQUIREMENT_CUE.search(sentence)) or bool(
        re.match(r"\W{0,3}(?:is |are )?(?:required|a must|imprescindible|necesari)", after, re.I)
    )
    return {
        "cue": float(bool(_CUE.search(text[max(0, start - 60) : start]))),
        "in_list": float(in_list),
        "prose": float(words > 20 and not bullet),
        "segment_whole": float(segment == (start, end)),
        "about_us": float(bool(_ABOUT_US.search(text[:start]))),
        "requirement_cue": float(requirement),
        "we_sentence": float(bool(_WE.search(sentence)) and not _WE_ASK_OR_USE.search(sentence)),
        "duty_cue": float(bool(_DUTY_CUE.search(sentence)) and not requirement),
    }


def ad_candidates(position: str, job_description: str, language: str = "en") -> list[Candidate]:
    """Every possible key term of an ad, before the mention model decides: the names of
    known skills (curated vocabulary, ESCO, O*NET) and the phrases of its requirement lines."""
    companies = _company_names(f"{position}\n{job_description}")
    entries = _entries()
    lines = ad_lines(position, job_description)
    counts = phrase_counts(lines, language)
    employer = _employer_pattern(companies)
    out: list[Candidate] = []
    for line in lines:
        text = _blank_junk(line.text)
        if employer is not None:  # "Federal Acquisition Service" names an office, not a skill
            # Names are folded ("alcazares"): look for them in the folded line, blank the line.
            for match in reversed(list(employer.finditer(fold_aligned(text)))):
                start, end = match.span()
                text = text[:start] + " " * (end - start) + text[end:]
        spans = _segment_spans(text)
        claimed = []
        for index, start, end in match_entries(text, language):
            entry = entries[index]
            surface = text[start:end]
            claimed.append((start, end))
            if entry.category == "soft" or not _plausible(entry, surface, text, start, line):
                # Soft skills are left out: recruiters screen on what a CV can show, and
                # the labelled ads almost never list "communication" as a key term.
                continue
            if is_junk(surface, companies) or is_junk(entry.canonical, companies):
                continue
            # A taxonomy term is named as the ad writes it; a curated one by its canonical
            # name, unless the ad uses an acronym of it ("MBA" says more than "Master's").
            shown = surface
            if entry.origin == "vocabulary" and not (surface.isupper() and len(surface) > 2):
                shown = entry.canonical
            whole = (start, end) in spans
            features = phrase_features(surface, whole, line, counts, language)
            features.update(_context_features(text, start, end, line, spans))
            if features["we_sentence"] and line.source == "description":
                continue  # "our experts in design, product strategy, ..." describe the team
            features["listed"] = 1.0
            features["curated"] = float(entry.origin == "vocabulary")
            features["tool"] = float(entry.category in ("tool", "cert", "language", "degree"))
            features["enumeration"] = float(whole and len(spans) >= 3)
            out.append(Candidate(shown, fold(entry.canonical), entry.category, line,
                                 entry.origin, features,
                                 _with_inflections(surface, index, language),
                                 entry.group, entry.exact_case))  # fmt: skip
        for phrase, start, features in _phrases(text, line, claimed, counts, language):
            if _ORG_HEAD.search(phrase) and len(phrase.split()) > 1:
                continue  # "Technology Transformation Services", "Región de Murcia"
            if (
                _CONDITION.match(phrase)
                or _QUOTA.search(phrase)
                or _PLACE_CUE.search(text[max(0, start - 40) : start])
                or _before_place(text, start + len(phrase))
            ):
                continue  # "Convenio cerámico", "Jornada parcial"; "puesto en Zaragoza"
            if is_junk(phrase, companies):
                continue
            features.update(_context_features(text, start, start + len(phrase), line, spans))
            # Tool-shaped words (CamelCase, digits, acronyms) keep their capitals in a CV.
            exact = frozenset({phrase}) if features.get("tool_shape") else frozenset()
            category = "title" if line.source == "position" else "other"
            # Its other numbers and genders are its names in a CV too ("técnica contable"
            # shows "técnico contable"); a tool-shaped phrase keeps its one spelling.
            names = (phrase,) if exact else (phrase, *inflections(phrase, language))
            out.append(Candidate(phrase, fold(phrase), category, line, "phrase", features,
                                 names, "", exact))  # fmt: skip
    # How often the ad names the same skill, under any of its names: a recruiter's screen
    # repeats what matters.
    mentions: dict[str, int] = {}
    for candidate in out:
        mentions[candidate.key] = mentions.get(candidate.key, 0) + 1
    # Words of the job title: a phrase that shares them names the role's own craft
    # ("visual storytelling" for a visual designer).
    title = {fold(w) for w in position.split() if len(w) > 3}
    for candidate in out:
        candidate.features["mentions"] = math.log(mentions[candidate.key])
        words = [fold(w) for w in candidate.text.split() if len(w) > 3]
        shared = sum(w in title for w in words) / len(words) if words else 0.0
        candidate.features["title_words"] = shared if candidate.line.source != "position" else 0.0
    return out


def job_terms(position: str, job_description: str, language: str = "en") -> list[Term]:
    """The job's key terms, most important first."""
    return terms_from_candidates(ad_candidates(position, job_description, language), language)


def terms_from_candidates(
    candidates: list[Candidate],
    language: str = "en",
    model: Model | None = None,
) -> list[Term]:
    """The key terms the mention model keeps among an ad's candidates, most important
    first; `model` replaces the shipped one (scripts/fit_phrase_model.py scores models
    fitted without the ad this way)."""
    found: dict[str, Term] = {}
    weights, threshold, listed_threshold = model or _phrase_model(language)
    for candidate in candidates:
        # A phrase no list holds is kept when the model finds it looks like a key term; a
        # known skill's name too when the model has a threshold for them ("Customer service"
        # in a sentence about the team is not asked of the CV), else wherever the ad uses it.
        probability = _logistic(weights, candidate.features)
        if candidate.origin == "phrase":
            if probability < threshold:
                continue
        elif listed_threshold is not None and probability < listed_threshold:
            continue
        line = candidate.line
        weight = CATEGORY_WEIGHT[candidate.category] * SOURCE_WEIGHT[line.source]
        # A sentence that states a requirement ("se requiere", "must have") asks the CV for
        # the term wherever the ad's headings put it; a "nice to have" line still says less.
        asked = bool(candidate.features.get("requirement_cue")) and line.source != "nice_to_have"
        if asked:
            weight *= REQUIREMENT_CUE_WEIGHT
        required = line.required or asked
        term = found.get(candidate.key)
        if term is None:
            found[candidate.key] = Term(
                candidate.text, candidate.category, weight, candidate.aliases, required,
                line.source, line.text, candidate.origin, candidate.group,
                candidate.exact_case, candidate.key,
                1.0 if candidate.origin != "phrase" else round(probability, 3),
            )  # fmt: skip
            continue
        term.weight = max(term.weight, weight) + 0.1
        term.required = term.required or required
        if SOURCE_RANK[line.source] < SOURCE_RANK[term.source]:
            term.source, term.line = line.source, line.text
    return sorted(found.values(), key=lambda t: (-t.required, -t.weight))


def _employer_pattern(companies: set[str]) -> re.Pattern[str] | None:
    """A pattern for the employer's names of two words or more, as the ad writes them."""
    names = sorted((n for n in companies if " " in n), key=len, reverse=True)
    if not names:
        return None
    body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def _plausible(entry: _Entry, surface: str, text: str, start: int, line: AdLine) -> bool:
    """Whether a taxonomy hit is meant as a skill here: a capitalised product name that is
    also a word ("Contribute", "Analyze") does not count at the start of a sentence, and a
    single everyday-ish word counts only where the ad lists what it asks for."""
    if entry.origin == "vocabulary" or " " in surface.strip():
        return True
    from wordfreq import zipf_frequency

    common = zipf_frequency(surface.lower(), "en")
    if common < 3.0:
        return True
    sentence_start = not text[:start].strip(" -*•\t") or text[:start].rstrip().endswith(
        (".", ":", "!", "?")
    )
    if surface in entry.exact_case and sentence_start:
        return False
    return line.source in ("requirements", "nice_to_have")


def phrase_counts(lines: list[AdLine], language: str) -> dict[str, int]:
    """How many times each candidate phrase occurs in the ad (repetition marks a key term)."""
    counts: dict[str, int] = {}
    for line in lines:
        for phrase, *_rest in phrase_candidates(_blank_junk(line.text), language):
            counts[fold(phrase)] = counts.get(fold(phrase), 0) + 1
    return counts


COMMON_WORD_ZIPF = 5.0  # wordfreq's Zipf scale: about once per 100,000 words


def _phrases(text: str, line: AdLine, claimed: list[tuple[int, int]], counts: dict[str, int],
             language: str) -> list[tuple[str, int, dict[str, float]]]:  # fmt: skip
    """Candidate phrases of one ad line that no list matched: text, start, features."""
    from wordfreq import zipf_frequency

    out = []
    candidates = phrase_candidates(text, language)
    listed = len(candidates) >= 3
    for phrase, start, end, whole in candidates:
        if any(start < e and s < end for s, e in claimed) or len(phrase) < 2:
            continue
        # "team", "Administración", "GESTIÓN": an everyday word never names a skill alone,
        # whatever its capitals (a line start or a line in capitals).
        single = " " not in phrase and not _TOOL_SHAPE.fullmatch(phrase)
        if single and zipf_frequency(phrase.lower(), language) >= COMMON_WORD_ZIPF:
            continue
        features = phrase_features(phrase, whole, line, counts, language)
        features["enumeration"] = float(whole and listed)
        out.append((phrase, start, features))
    return out


# --- finding a term in a CV ---------------------------------------------------------------


def find_alias(term: Term, text: str) -> str | None:
    """The spelling `text` uses for `term` (any of its names), or None: the first place
    that names it, under its longest name there ("Apache Spark" rather than "Spark"), as
    `match_entries` reads it."""
    spans = [span for alias in term.aliases or (term.text,)
             for form in _alias_forms(alias, alias in term.exact_case)
             if (span := find_name(form, text, alias in term.exact_case))]  # fmt: skip
    if not spans:
        return None
    start, end = min(spans, key=lambda span: (span[0], -span[1]))
    return text[start:end]


@lru_cache(maxsize=8192)
def _alias_forms(alias: str, marked: bool) -> tuple[str, ...]:
    """A name and its other numbers and genders, as the index reads them (`_index`): the
    ad, the CV's evidence, the letter and the fact check agree on "web app" and "web
    apps"."""
    if marked or needs_capitals(alias):
        return (alias,)
    return (alias, *inflections(alias, _name_language(alias)))


def contains_term(term: Term, text: str) -> bool:
    """Whether `text` mentions `term` under any of its names."""
    return find_alias(term, text) is not None


def surface_form(term: Term, text: str) -> str | None:
    """The spelling `text` uses for `term`, so output quotes the CV, not the vocabulary."""
    return find_alias(term, text)


__all__ = [
    "CATEGORY_WEIGHT",
    "AdLine",
    "Candidate",
    "Term",
    "ad_candidates",
    "ad_lines",
    "contains_term",
    "entry_group",
    "narrower_keys",
    "entry_key",
    "term_group",
    "find_alias",
    "is_junk",
    "job_terms",
    "terms_from_candidates",
    "match_entries",
    "surface_form",
    "vocabulary_matches",
]
