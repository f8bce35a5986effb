"""Write a cover letter from the CV's own evidence, in the job's words and the ad's language.

The letter opens with the role, the employer and who the person is (the title closest to the
job, the years counted from the CV's dates). Two or three paragraphs each argue a different
requirement of the ad, named as the ad writes it, from a different CV line: the CV's
achievement, number and employer, in a frame of ours, followed where the role has one by a
second line of the same role. A last paragraph says what else the person brings (skills the
ad names, education, where they live and when they can start) and closes. Frames come from
the language's phrase table (`cvimprover/cv/phrases`) and each is used once, so no sentence
repeats. Where the CV gives too little, the letter says less rather than pad."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from cvimprover.cv.analyse import bullet_tense
from cvimprover.cv.document import CVDocument, Entry
from cvimprover.cv.evidence import Evidence
from cvimprover.cv.keywords import Term, contains_term, surface_form, vocabulary_matches
from cvimprover.cv.matcher import find_variant
from cvimprover.cv.phrases import Phrases, join, languages, phrases
from cvimprover.cv.rewrite import (
    _FRAGMENT_END,
    _TITLE_FILLER,
    _article,
    _content_words,
    _instruction_words,
    display_name,
    newest_role,
    related_title,
    role_entries,
    role_title,
    sentence_spelling,
    spelling,
    years_in_words,
    years_of_experience,
)
from cvimprover.cv.vocabulary import fold, verbs

MAX_ARGUED = 3  # evidence paragraphs: with the opening and the close, at most five
MIN_LINE_WORDS, MAX_LINE_WORDS = 5, 40
MAX_OTHER_EMPLOYERS = 3
# The evidence paragraphs stop taking further lines of a role at about this many words, so
# that with the opening and the close the letter stays within about 180 to 350 words.
EVIDENCE_WORDS = 170
FRAME_WORDS = 6  # what a frame adds around a CV line, on average
MAX_FOLLOWS = 3  # further lines in one paragraph: it stays short
# Words of an education entry's title that make it a degree worth naming.
_DEGREE = re.compile(
    r"\b(?:bachelor|master|b\.?\s?[as]c?\.?|m\.?\s?[as]c?\.?|b\.?f\.?a|mba|meng|ph\.?d|degree|"
    r"diploma|grado|licenciad[oa]|licenciatura|ingenier[ií]a|m[aá]ster|maestr[ií]a|"
    r"doctorado|t[eé]cnico|especialista|especializaci[oó]n|posgrado|bachiller)\b",
    re.IGNORECASE,
)


@dataclass
class Line:
    """One CV role line (a bullet, or one sentence of a long bullet) and its role."""

    text: str
    entry: Entry
    project: bool = False  # a line of the projects section, not of a role
    # The short heading the CV put before the line ("Data Integration and Analysis: ..."):
    # it says what the line shows, but a sentence quotes only the line after it.
    label: str = ""

    @property
    def whole(self) -> str:
        return f"{self.label}: {self.text}" if self.label else self.text


@dataclass
class Point:
    """One requirement the letter argues for, with the CV line that shows it."""

    terms: list[str]
    line: str
    entry: Entry
    score: float
    # Further lines of the same role, each with the requirement it shows (or none).
    follows: list[tuple[Line, list[str]]] = field(default_factory=list)
    lead: bool = False  # the line the user's instruction asked to lead with
    project: bool = False
    requirement: str = ""  # the ad's term the point argues, whatever name the sentence uses


def _clean(text: str) -> str:
    """One line: no line breaks, bullets or trailing stops inside a sentence."""
    text = re.sub(r"\s+", " ", text).strip()
    return text.lstrip("-•*·▪ ").rstrip(" .;,")


# Words that join a phrase; a list of names has none of them.
_JOINING = frozenset(
    ("a", "an", "the", "of", "and", "or", "in", "on", "for", "with", "to", "at", "by", "from")
    + ("de", "del", "la", "las", "el", "los", "y", "o", "en", "con", "para", "por", "al", "un")
    + ("una",)
)


def line_kind(line: str, language: str) -> str:
    """What a CV role line is: "action" when it says what the person did (an opening verb in
    any tense, a duty phrase such as "responsible for", the name of a piece of work with its
    object, "Creación de backends con NodeJS", or a figure); "tools" for a bare list of names
    ("Node.js Typescript React tRPC"); "description" for a noun phrase about the employer or
    its product ("Punto de venta en la nube para comercios independientes")."""
    text = _clean(line)
    words = re.findall(r"[\w][\w.+#'’/-]*", text)
    if not words:
        return "description"
    if all(_a_name(w) for w in words):
        return "tools"
    if re.search(r"\d", text):
        return "action"  # a figure: a result, a scale, a rank
    return "action" if _opens_as_action(text, language) else "description"


def _opens_as_action(text: str, language: str) -> bool:
    """Whether `text` opens as a record of the person's work, whatever figures it holds."""
    # A short label before a colon ("Data Collection: Designed ...") may head the line.
    head, colon, tail = text.partition(":")
    openings = [text, tail.strip()] if colon and len(head.split()) <= 5 else [text]
    # Spanish CVs write lines in English and English ones borrow Spanish: both grammars.
    codes = dict.fromkeys((language, *languages()))
    return any(_says_action(t, phrases(c)) for t in openings if t for c in codes)


def _a_name(word: str) -> bool:
    """A word of a list of names: capitalised or technical ("tRPC", "C++"), not a joining word."""
    return word.lower() not in _JOINING and bool(re.match(r"[A-Z0-9ÁÉÍÓÚÑ]|\w*[A-Z+#.]", word))


def _says_action(text: str, table: Phrases) -> bool:
    """Whether `text` opens as the record of the person's own work in `table`'s language."""
    if any(re.match(w.pattern, text, re.IGNORECASE) for w in table.weak_openings):
        return True
    rest = table.pronoun_start.sub("", text)
    # An opening adverb ("Actively", "Principalmente") stands before the verb.
    rest = _ADVERB.sub("", rest)
    first = fold(rest.split()[0].strip(",.;:")) if rest.split() else ""
    if first in _verb_forms() or first in {fold(v) for v in _raw_forms(table.code)}:
        return True
    if re.fullmatch(table.action_ending, rest.split()[0].strip(",.;:").lower()):
        return not first.endswith("thing")  # "Everything that matters" is no verb
    # The name of a piece of work and its object: "Execution of ...", "Análisis y desarrollo
    # de sistemas", "Full CAD design and fabrication with ...".
    joining = "|".join(sorted(_JOINING))
    modifier = rf"(?:(?!(?:{joining})\b)[\w/+#-]+\s+){{0,2}}"
    noun = rf"(?:{table.action_nouns})"
    word = rf"(?!(?:{joining})\b)[\w-]+"
    named = rf"{noun}(?:\s+{word})?"  # with an adjective: "Auditoría interna"
    more = rf"(?:\s*(?:,|and|y|e|&)\s*(?:{word}\s+)?{named})*"  # ", schema design and ..."
    pattern = rf"^{modifier}{named}{more}\s+(?:{table.action_object})\b"
    return bool(re.match(pattern, rest, re.IGNORECASE))


@cache
def _raw_forms(language: str) -> frozenset[str]:
    return frozenset(f for forms in verbs(language) for f in forms if " " not in f)


def _role_lines(document: CVDocument, language: str) -> list[Line]:
    """Every experience and project line the letter may quote as the person's own work, each
    once, in CV order. Lines that describe the employer or list tools are not among them."""
    out: list[Line] = []
    seen: set[str] = set()
    for section in document.sections:
        if section.kind not in ("experience", "projects"):
            continue
        for entry in section.entries:
            for bullet in entry.bullets:
                # A sentence that goes on from the record of the person's work in the same
                # bullet ("... creador de una plataforma. La aplicación gestiona ...") is
                # part of that record.
                record = False
                last: Line | None = None  # the line this bullet's previous sentence gave
                for clause in _clauses(bullet):
                    record = record or line_kind(clause, language) == "action"
                    if _BACK.match(clause):
                        # "It achieved a 70% reduction" says nothing alone: it goes with the
                        # sentence before it, or is not quoted.
                        joined = f"{last.text}. {clause}" if last else ""
                        if last and len(joined.split()) <= MAX_JOINED_WORDS:
                            last.text = joined
                        last = None
                        continue
                    last = None
                    key = fold(clause)
                    if key in seen or not MIN_LINE_WORDS <= len(clause.split()) <= MAX_LINE_WORDS:
                        continue
                    seen.add(key)
                    if record:
                        label, text = _label(clause, language)
                        last = Line(text, entry, section.kind == "projects", label)
                        out.append(last)
    return out


# A sentence that opens by pointing back at the one before ("It achieved ...", "This cut
# ...", "Esto permitió ..."): a quote of it alone would not say what "it" is.
_BACK = re.compile(
    r"(?:it|its|this|that|these|those|they|their|which|esto|este|esta|estos|estas|ello|eso|"
    r"lo cual)\b",
    re.IGNORECASE,
)
MAX_JOINED_WORDS = 50


def action_lines(bullets: list[str], language: str) -> list[str]:
    """The sentences of `bullets` that record the person's own work (`line_kind`), each
    without a heading label and able to stand alone: what a summary may quote."""
    out = []
    for bullet in bullets:
        for index, clause in enumerate(_clauses(bullet)):
            # A later sentence of a bullet stands alone only when it opens as a deed of its
            # own: "The online course had 100,000 students" needs the sentence before it.
            alone = line_kind(clause, language) == "action" if index == 0 else (
                _opens_as_action(_clean(clause), language)
            )  # fmt: skip
            if alone and not _BACK.match(clause):
                out.append(_label(clause, language)[1])
    return list(dict.fromkeys(out))


def _label(clause: str, language: str) -> tuple[str, str]:
    """(heading, line) of a line the CV opens with a short heading and a colon ("Server
    Administration: Managed two servers ..."), or ("", clause). Quoted whole, the heading
    would read as a broken sentence ("... server Administration: Managed ...")."""
    head, colon, tail = clause.partition(":")
    tail = tail.strip()
    if (
        colon
        and 1 <= len(head.split()) <= 5
        and not re.search(r"\d", head)
        and len(tail.split()) >= MIN_LINE_WORDS
        and line_kind(tail, language) == "action"
    ):
        return head.strip(), tail
    return "", clause


def _role_notes(document: CVDocument, language: str) -> tuple[dict[int, list[str]], dict[int, str]]:
    """Per role (by id of its entry): the tools its lines list, as the CV spells them, and
    the line that describes the employer, if any. Neither is the person's achievement: the
    tools support a sentence of skills, the description the employer's name."""
    tools: dict[int, list[str]] = {}
    described: dict[int, str] = {}
    for entry in role_entries(document):
        worked = False  # a line about the employer heads its role, before the person's work
        for bullet in entry.bullets:
            record = False
            for clause in _clauses(bullet):
                kind = line_kind(clause, language)
                record = record or kind == "action"
                worked = worked or record
                if record:
                    continue
                if kind == "tools":
                    names = tools.setdefault(id(entry), [])
                    for _term, start, end in vocabulary_matches(clause):
                        if fold(clause[start:end]) not in {fold(n) for n in names}:
                            names.append(clause[start:end])
                elif (
                    kind == "description"
                    and not worked
                    and id(entry) not in described
                    and 3 <= len(clause.split()) <= 12
                    and not _FRAGMENT_END.search(clause)
                ):
                    described[id(entry)] = clause
    return tools, described


def _clauses(bullet: str) -> list[str]:
    """A long bullet cut into its sentences, so the letter quotes the one that matters."""
    line = _clean(bullet)
    return [_clean(c) for c in re.split(r"(?<=[.;])\s+(?=[A-ZÁÉÍÓÚÑ])", line) if c.strip()]


def _written(name: str, line: str) -> str:
    """`name` as `line` writes it (a plural "s", a hyphen for a space), or ""."""
    span = find_variant(name, line)
    return line[span[0] : span[1]] if span else ""


def _usable(term: Term | None, surface: str) -> bool:
    """A requirement worth a sentence: a named skill or a phrase, not a job title and not a
    lone everyday word the ad used in passing ("user", "team")."""
    if term is not None and (term.origin == "token" or term.category == "title"):
        return False  # a job title is who the person is, not a requirement to argue
    if " " in surface or (surface.isupper() and len(surface) <= 5):
        return True  # a phrase, or an acronym such as SQL or AWS
    if re.search(r"[a-z][A-Z0-9+#]|[0-9+#]", surface):
        return True  # a name such as iOS, NodeJS, C++, S3
    return bool(vocabulary_matches(surface)) or len(surface) > 8


def _stems(text: str, size: int = 5) -> set[str]:
    return {w[:size] for w in re.findall(r"\w+", fold(text)) if len(w) > 3}


def _shown_in(item: Evidence, term: Term | None, line: str) -> str:
    """How `line` writes the requirement of `item`, or "" when it does not show it. A
    related skill counts only where the line holds another form of the term's own words
    ("mentored" for "Mentoring", "a cross-functional team" for "cross-functional teams")."""
    if item.status in ("exact", "variant"):
        if term is not None and contains_term(term, line):
            return surface_form(term, line) or ""
        for name in (item.matched_as, item.term):
            found = _written(name or "", line)
            if found:
                return found
        # Another form of a one-word requirement the CV shows elsewhere ("renegotiating
        # vendor contracts" for "Negotiation"): argued under the ad's name for it.
        return item.term if _same_family(item.term, line) else ""
    found = _written(item.term, line)
    if found:
        return found
    matched = (item.matched_as or "").strip()
    if fold(matched) in _verb_forms() and _stems(matched) & _stems(item.term):
        return item.term if _written(matched, line) else ""
    return ""


_ENDINGS = ("ions", "ion", "ing", "ment", "ed", "e")
_FORM_ENDING = ("ing", "ed", "ion", "ation", "e", "es", "er", "ers", "ment")


def _same_family(term: str, line: str) -> bool:
    """Whether `line` holds a word of the same family as the one-word `term`: its root (of
    seven letters or more) with a verb or noun ending ("negotiat" + "ing", "recruit" +
    "ed"), never the bare root or a plural ("products" is not "production")."""
    words = re.findall(r"\w+", fold(term))
    if len(words) != 1:
        return False
    word = words[0]
    roots = [word[: -len(end)] for end in _ENDINGS if word.endswith(end)]
    root = max(roots, key=len, default="")
    if len(root) < 7:
        return False
    for other in re.findall(r"\w+", fold(line)):
        at = other.find(root)
        if at >= 0 and other != word and other[at + len(root) :] in _FORM_ENDING:
            return True
    return False


@cache
def _verb_forms() -> frozenset[str]:
    """Every action verb form of both languages ("mentored", "lideré")."""
    return frozenset(fold(f) for lang in languages() for forms in verbs(lang) for f in forms)


def _ad_spelling(name: str, ad_text: str, cv_text: str) -> str:
    """The requirement as the ad writes it mid-sentence ("product management", "SQL"); the
    CV's spelling when the ad writes it only at a line's start or not at all; a word
    capitalised only because it opened a line ("Mentoring") lowered, unless it is a name."""
    written = _written(name, ad_text) or name
    if written[:1].islower() and written != name:
        return written  # the ad writes it in lower case: that is its spelling in a sentence
    for text in (ad_text, cv_text):
        spelled = spelling(written, [text])
        if spelled != written:
            return spelled
    return sentence_spelling(written, [ad_text, cv_text])


def _candidates(
    evidence: list[Evidence],
    terms: dict[str, Term],
    lines: list[Line],
    emphasis: set[str],
    ad_text: str,
    cv_text: str,
) -> list[Point]:
    """Every (requirement, CV line) pair where the line shows the requirement, scored:
    required, the term's weight, its rank in the ad, a number in the line, an exact match,
    and the words of the user's instruction."""
    out: list[Point] = []
    for rank, item in enumerate(evidence):
        if item.status not in ("exact", "variant", "related"):
            continue
        term = terms.get(item.term)
        for line in lines:
            surface = _shown_in(item, term, line.whole)
            if not surface or not _usable(term, surface):
                continue
            score = (2.0 if item.required else 0.0) + item.weight - 0.05 * rank
            score += 1.0 if re.search(r"\d", line.text) else 0.0
            score += {"exact": 0.5, "variant": 0.3}.get(item.status, 0.0)
            if emphasis:
                score += 2.0 * len({fold(w)[:6] for w in re.findall(r"\w+", line.text)} & emphasis)
            # The requirement in the ad's own words where the ad writes it out; the CV's
            # spelling for a name the ad only implies (an alias).
            if _written(item.term, ad_text):
                name = _ad_spelling(item.term, ad_text, cv_text)
            else:
                name = spelling(surface, [line.whole, ad_text, cv_text])
            point = Point([name], line.text, line.entry, score, project=line.project)
            point.requirement = item.term
            out.append(point)
    return out


def _choose(candidates: list[Point], limit: int) -> tuple[list[Point], list[Point]]:
    """Up to `limit` points, each a different requirement on a different CV line, spread over
    the roles where the CV allows (a role already quoted costs a little); and the candidates
    left over, for the follow-up lines."""
    chosen: list[Point] = []
    argued: set[str] = set()
    requirements: set[str] = set()
    pool = sorted(candidates, key=lambda p: -p.score)
    while pool and len(chosen) < limit:

        def value(point: Point) -> float:
            return point.score - 1.5 * sum(p.entry is point.entry for p in chosen)

        best = max(pool, key=value)
        pool.remove(best)
        key = fold(best.terms[0])
        if (
            _argued_already(key, argued)
            or best.requirement
            and best.requirement in requirements
            or any(p.line == best.line for p in chosen)
        ):
            continue
        argued.add(key)
        requirements.add(best.requirement)
        # Another requirement the same line shows makes the sentence name both.
        for other in pool:
            other_key = fold(other.terms[0])
            if (
                other.line == best.line
                and not _argued_already(other_key, argued)
                and other.requirement not in requirements
                and len(best.terms) < 2
            ):
                best.terms.append(other.terms[0])
                argued.add(other_key)
                requirements.add(other.requirement)
        chosen.append(best)
    rest = [
        p
        for p in pool
        if not _argued_already(fold(p.terms[0]), argued) and p.requirement not in requirements
    ]
    return chosen, rest


def _argued_already(key: str, argued: set[str]) -> bool:
    """Whether the requirement `key` (folded) is one already argued under another name: the
    same words, or one's content words all among the other's ("roadmap" and "product
    roadmap", "agile" and "agile development"). Arguing it twice says one thing twice."""
    words = _stems(key) or {key}
    for other in argued:
        theirs = _stems(other) or {other}
        if key == other or words <= theirs or theirs <= words:
            return True
    return False


def _follow_up(
    point: Point,
    lines: list[Line],
    used: set[str],
    rest: list[Point],
    quoted_entries: list[Entry],
    context: _Context,
) -> int:
    """Add a further line of the same role to the point's paragraph: one that shows another
    requirement of the ad first, then one with a number, then any other line. Returns the
    words added (0 when the role has no line left)."""
    if len(point.follows) >= MAX_FOLLOWS:
        return 0
    argued = {fold(t) for _line, terms in point.follows for t in terms}
    for other in rest:
        key = fold(other.terms[0])
        if (
            other.entry is point.entry
            and other.line not in used
            and not _argued_already(key, argued)
        ):
            point.follows.append((Line(other.line, other.entry), [other.terms[0]]))
            used.add(other.line)
            return len(other.line.split()) + FRAME_WORDS
    same = [line for line in lines if line.entry is point.entry and line.text not in used]
    if not same and not any(line.entry is not point.entry for line, _t in point.follows):
        # The role has said all it can: one line of a role no paragraph quotes yet.
        # It must carry a number or share words with the ad, or it is only filler.
        quoted = {id(p) for p in quoted_entries}
        same = [
            line
            for line in lines
            if id(line.entry) not in quoted
            and line.text not in used
            and _relevant(line.text, context)
        ]
    if not same:
        return 0
    numbered = [line for line in same if re.search(r"\d", line.text)]
    line = (numbered or same)[0]
    point.follows.append((line, []))
    used.add(line.text)
    return len(line.text.split()) + FRAME_WORDS


def _results(lines: list[Line], used: set[str], context: _Context, count: int) -> list[Point]:
    """Lines from different roles, measurable results (a number) first and closest to the
    ad's words first: what speaks when the CV's lines show few of the ad's requirements."""
    spare = [line for line in lines if line.text not in used and _relevant(line.text, context)]
    spare.sort(
        key=lambda line: (not re.search(r"\d", line.text), -len(_stems(line.text, 6) & context.ad))
    )
    out: list[Point] = []
    for line in spare:
        if len(out) == count:
            break
        if any(p.entry is line.entry for p in out):
            continue
        out.append(Point([], line.text, line.entry, 0.0, project=line.project))
    return out


@dataclass
class _Context:
    """What a line must touch to be quoted without a requirement: the ad's words, and the
    words of its key terms and of the role applied for, all cut to six letters."""

    ad: set[str]
    key: list[set[str]]  # per name of a key term or of the role: its words


def _relevant(line: str, context: _Context) -> bool:
    """A line worth quoting without a requirement: a number, every word of one of the ad's
    key terms ("logística", "comercio internacional"), a word of the role, or three words of the
    ad. Words are compared on six letters, so that "comprensión" is not "compras"; a long
    line about anything shares two everyday words ("requieren", "estudiantes") with a long
    ad, so two are not enough, and one word of a phrase ("estudios similares") is not it."""
    stems = _stems(line, 6)
    if re.search(r"\d", line) or any(name and name <= stems for name in context.key):
        return True
    return len(stems & context.ad) >= 3


def _lead_with(points: list[Point], lines: list[Line], emphasis: set[str]) -> list[Point]:
    """The points with the role line that best shows what the user asked to emphasise
    first: already among them, it moves up; otherwise it joins them, ahead."""

    def hits(text: str) -> int:
        return len({fold(w)[:6] for w in re.findall(r"\w+", text)} & emphasis)

    if not lines:
        return points
    best = max(lines, key=lambda line: hits(line.text))
    if not hits(best.text):
        return points
    same = [p for p in points if p.line == best.text]
    rest = [p for p in points if p.line != best.text]
    lead = same[0] if same else Point([], best.text, best.entry, 0.0, lead=True,
                                      project=best.project)  # fmt: skip
    return [lead, *rest][:MAX_ARGUED]


def _organisation(entry: Entry) -> str:
    """The role's employer as a sentence names it, or "" for a wrapped or run-on fragment
    ("dirigido a pequeñas, medianas y")."""
    organisation = display_name(_clean(entry.organisation))
    if not organisation or _FRAGMENT_END.search(organisation) or "," in organisation:
        return ""
    return organisation


def _where(entry: Entry, words: dict, project: bool = False) -> str:
    """Where a line comes from: "at Acme", "as a Data Analyst", "on my OpenResume project"."""
    if project:
        name = display_name(_clean(entry.title or entry.organisation))
        if name and len(name.split()) <= 6 and not _FRAGMENT_END.search(name):
            return words["where_project"].format(name=name)
        return words["where_none"]
    organisation = _organisation(entry)
    if organisation:
        return words["where_org"].format(org=organisation)
    title = role_title(entry)
    if title:
        title = display_name(title)
        return words["where_title"].format(article=_article(title), title=title)
    return words["where_none"]


_ADVERB = re.compile(r"^(?:\w+(?:ly|mente)|also|además|también),?\s+", re.IGNORECASE)


_ALSO = frozenset(("also", "ademas", "tambien"))
# Participles that open a line as a state, not a deed: "Involved in ..." reads "I was
# involved in", never "I involved in"; such a line is quoted after a colon.
_STATE = re.compile(
    r"(?:involved|engaged|tasked|exposed|assigned|based|experienced|skilled|familiar|"
    r"responsible|dedicated|committed|passionate|interested)\s+(?:in|on|with|to|for|at)\b",
    re.IGNORECASE,
)


def _verb_led(line: str, language: str) -> bool:
    """Whether the line opens with a verb a frame can put after "I" ("Continuously improved
    ..." reads "I continuously improved ...")."""
    text = _ADVERB.sub("", line)
    return not _STATE.match(text) and bullet_tense(text, language) is not None


@cache
def _verb_forms() -> frozenset[str]:
    return frozenset(fold(form) for code in ("en", "es") for row in verbs(code) for form in row)


def _lower_first(line: str) -> str:
    words = line.split(" ", 2)
    first = words[0]
    if not (first[1:].islower() or len(first) == 1):
        return line  # an acronym or a name keeps its capitals
    verb_led = any(bullet_tense(line, code) for code in ("en", "es"))
    if not verb_led and fold(first) not in _verb_forms():  # "Performed Windows ..." is a verb
        if len(words) > 1 and (words[1][:1].isupper() and words[1][1:].islower()
                               or words[1][:1].isdigit()):  # fmt: skip
            return line  # "Active Directory user management", "Microsoft 365 support"
        if any(
            start == 0 and entry.category in ("tool", "cert", "language")
            for entry, start, _end in vocabulary_matches(line[:40])
        ):
            return line  # "Excel models for the budget": a product's name
    return line[:1].lower() + line[1:]


class _Frames:
    """The language's frames, each handed out once per letter."""

    def __init__(self, words: dict) -> None:
        self.words = words
        self.used: set[str] = set()

    def take(self, key: str) -> str:
        for frame in self.words[key]:
            if frame not in self.used:
                self.used.add(frame)
                return frame
        return ""


def _fill(frame: str, line: str, where: str = "", terms: list[str] | None = None,
          language: str = "en") -> str:  # fmt: skip
    text = _lower_first(line)
    # "There, I also {fact}" with a line that opens "Also created ...": one "also".
    opening = re.match(r"(\w+),?\s+", text)
    if (
        opening
        and fold(opening.group(1)) in _ALSO
        and re.search(rf"\b{opening.group(1)}\b", frame, re.IGNORECASE)
    ):
        text = _lower_first(text[opening.end() :])
    return frame.format(term=join(terms or [], language), where=where, fact=text, line=text)


def _paragraph(
    point: Point, frames: _Frames, words: dict, language: str, previous: Entry | None
) -> str:
    """One evidence paragraph: the requirement argued from its CV line, then the role's
    follow-up line."""
    verb = _verb_led(point.line, language)
    # The same role as the paragraph before is named once, then "in the same role".
    again = previous is point.entry and _organisation(point.entry)
    where = words["where_again"] if again else _where(point.entry, words, point.project)
    if point.lead:
        frame = words["lead_frame" if verb else "lead_line"]
    elif not point.terms:
        # A line with a number is a result; any other line is the record, said as such.
        kind = "result" if re.search(r"\d", point.line) else "record"
        frame = frames.take(f"{kind}_frames" if verb else f"{kind}_lines")
    else:
        frame = frames.take("verb_frames" if verb else "line_frames")
    sentences = [_fill(frame, point.line, where, point.terms, language)] if frame else []
    for line, terms in point.follows:
        verb = _verb_led(line.text, language)
        if line.entry is not point.entry:
            # Another role's line names its employer.
            follow = frames.take("follow_other_" + ("verb" if verb else "line"))
            where = _where(line.entry, words, line.project)
            where = where[:1].upper() + where[1:]
        else:
            key = ("follow_term_" if terms else "follow_") + ("verb" if verb else "line")
            follow, where = frames.take(key), ""
        if follow:
            sentences.append(_fill(follow, line.text, where, terms, language))
    return " ".join(sentences)


def _education(document: CVDocument, ad_text: str, words: dict) -> str:
    """The degree closest to the ad's words, as one sentence, or ""."""
    section = document.section("education")
    context = _stems(ad_text)
    degrees = [
        e
        for e in (section.entries if section else [])
        if _DEGREE.search(e.title) and len(e.title.split()) <= 10 and "," not in e.title
    ]
    if not degrees:
        return ""
    entry = max(degrees, key=lambda e: len(_stems(e.title) & context))
    degree = display_name(_clean(entry.title))
    school = _organisation(entry)
    return words["education"].format(
        article=_article(degree),
        degree=degree,
        school=words["school"].format(org=school) if school else "",
    )


def _skills_named(
    evidence: list[Evidence], terms: dict[str, Term], document: CVDocument, shown: set[str],
    texts: list[str],
) -> list[str]:  # fmt: skip
    """Skills the CV lists that the ad names exactly and that no sentence argued yet."""
    skills = document.section("skills")
    skills_text = "\n".join(skills.items) if skills else ""
    listed: list[str] = []
    for item in evidence:
        term = terms.get(item.term)
        surface = surface_form(term, skills_text) if term is not None else ""
        if item.status != "exact" or not surface or not _usable(term, surface):
            continue
        if any(fold(surface) in s or s in fold(surface) for s in shown):
            continue
        # The ad's spelling mid-sentence ("user research"), not a skills list's capitals.
        name = _ad_spelling(surface, texts[0], "\n".join([skills_text, *texts[1:]]))
        if fold(name) not in {fold(n) for n in listed}:
            listed.append(name)
        if len(listed) == 4:
            break
    return listed


_NAME = r"[A-Z0-9][\w.&'’-]*[\w](?:\s+(?:of\s+|de\s+|&\s+)?[A-Z][\w.&'’-]*[\w])*"
_CUE = re.compile(
    r"(?:\b(?:[Aa]t|join(?:ing)?|[Aa]bout|work(?:ing)? (?:at|for)|unirte a)\s+"
    r"(?:the\s+)?(?P<a>" + _NAME + r"))|(?:^|[.!?]\s+)(?P<b>" + _NAME + r")\s+(?:is|are|busca|"
    r"selecciona|precisa|incorpora)\b",
    re.MULTILINE,
)
_NOT_COMPANY = {"the", "our", "we", "you", "this", "a", "an", "empresa", "la", "el", "una"}


def company_in_ad(ad_text: str, position: str) -> str:
    """The employer the ad names ("GitLab", "18F"), or "" when it names none: a name that
    follows "at", "join", "about" or opens "X is ...", and that the ad repeats."""
    counts: dict[str, int] = {}
    for match in _CUE.finditer(ad_text):
        name = (match.group("a") or match.group("b") or "").strip(" .,'’")
        name = re.sub(r"['’]s$", "", name)
        first = name.split()[0].lower() if name else ""
        if not name or first in _NOT_COMPANY or fold(name) in fold(position):
            continue
        if len(name) > 60 or _everyday(name):
            continue
        counts[name] = counts.get(name, 0) + 1
    # A name in mixed case the ad repeats ("GitLab"), never next to a skill: "CloudPages,
    # AMPscript, SQL" is a product list, not an employer.
    for token in set(re.findall(r"(?<![\w.])[A-Z][a-z]+[A-Z]\w*", ad_text)):
        if vocabulary_matches(token):
            continue
        near = [
            ad_text[max(m.start() - 30, 0) : m.start()] + ad_text[m.end() : m.end() + 30]
            for m in re.finditer(re.escape(token), ad_text)
        ]
        crowded = sum(1 for text in near if vocabulary_matches(text))
        if crowded * 2 <= len(near):
            counts[token] = counts.get(token, 0)
    if not counts:
        return ""
    scored = {n: c + len(re.findall(re.escape(n), ad_text)) for n, c in counts.items()}
    name = max(scored, key=lambda n: (scored[n], counts[n]))
    return name if scored[name] >= 2 else ""


def _everyday(name: str) -> bool:
    """A single everyday word ("Step", "Home", "Punto") opens sentences; it is not a name."""
    if " " in name or not name.isalpha() or not name[1:].islower():
        return False
    from wordfreq import zipf_frequency

    return max(zipf_frequency(name.lower(), code) for code in languages()) >= 3.0


def _common_words() -> set[str]:
    return {
        "home", "least", "first", "work", "scale", "times", "all", "our", "your",
        "this", "that", "each", "every", "some", "most", "us", "remote", "lunch", "night",
    }  # fmt: skip


_PERSON = re.compile(
    r"\b(?:[Cc]ontact|[Cc]ontacto|[Hh]iring [Mm]anager|[Aa]pply to|[Dd]irigir(?:se)? a)\s*:?\s+"
    r"(?P<name>[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)\b"
)


def person_in_ad(ad_text: str) -> str:
    """The person the ad says to write to ("Contact: Ana García"), or ""."""
    match = _PERSON.search(ad_text)
    return match.group("name") if match else ""


def _described(entry: Entry, described: dict[int, str]) -> str:
    """The employer's name with the CV's line about it, once per letter ("Pulpos (punto de
    venta en la nube para comercios independientes)"): context, never an achievement."""
    org = _organisation(entry)
    about = described.pop(id(entry), "")
    if not org or not about or "(" in org:
        return org
    about = _clean(about)
    first = about.split()[0]
    # The line's first word is lowered unless it is a name ("Phabricator is used daily ...").
    if _everyday(first) or fold(first) in _JOINING:
        about = _lower_first(about)
    return f"{org} ({about})"


def _opening(
    document: CVDocument,
    words: dict,
    position: str,
    company: str,
    ad_text: str,
    language: str,
    described: dict[int, str],
) -> list[str]:
    """The role applied for, who the person is for this job, and where else they worked."""
    sentences = [
        words["apply_company" if company else "apply"].format(position=position, company=company)
    ]
    roles = [e for e in role_entries(document) if e.title or e.organisation]
    chosen = related_title(roles, position, ad_text)
    newest = newest_role(roles)
    years = years_of_experience(document)
    named: set[str] = set()
    if chosen is not None:
        title = display_name(role_title(chosen))
        if words["title_lowered"] and _everyday(title.split()[0]):
            title = _lower_first(title)  # "Soy desarrollador de software", as Spanish writes it
        org = _organisation(chosen)
        named.add(org)
        org = _described(chosen, described)
        spelled = years_in_words(years, language)
        if chosen is newest and org:
            key = "who_newest" if years >= 1 else "who_newest_short"
            sentence = words[key].format(article=_article(title), title=title, years=spelled,
                                         org=org)  # fmt: skip
        else:
            # An older role closer to the job: the years are the whole career's, said so.
            at = words["at"].format(org=org) if org else ""
            key = "who_years" if years >= 1 else "who"
            sentence = words[key].format(article=_article(title), title=title, years=spelled,
                                         at=at)  # fmt: skip
        sentences.append(sentence)
    others = [o for o in dict.fromkeys(_organisation(r) for r in roles) if o and o not in named]
    if others:
        shown = others[:MAX_OTHER_EMPLOYERS]
        # "also" only after a sentence that named where the person works.
        key = "worked_also" if chosen is not None else "worked_at"
        sentences.append(words[key].format(orgs=join(shown, language)))
    return sentences


def _tools_sentence(
    document: CVDocument,
    tools: dict[int, list[str]],
    described: dict[int, str],
    shown: set[str],
    words: dict,
    language: str,
) -> tuple[str, list[str]]:
    """What the person worked with where, from the roles' lists of tools ("At Pulpos I
    worked with Node.js, Typescript and React; at Dos Monos, with Python."), and the names
    said. A list of tools supports this sentence; it is never quoted as an achievement."""
    parts: list[str] = []
    said: list[str] = []
    for entry in role_entries(document):
        org = _organisation(entry)
        names = [
            n for n in tools.get(id(entry), []) if fold(n) not in shown | {fold(x) for x in said}
        ]
        if not org or not names or len(parts) == MAX_OTHER_EMPLOYERS:
            continue
        key = "tools_more" if parts else "tools_first"
        items = join(names[:4], language)
        parts.append(words[key].format(org=_described(entry, described), items=items))
        said += names[:4]
    if not parts:
        return "", []
    return "; ".join(parts) + ".", said


def write_cover_letter(
    document: CVDocument,
    evidence: list[Evidence],
    target: object,
    language: str,
    *,
    terms: list[Term] | None = None,
    instructions: str = "",
) -> str:
    """Greeting; the role, the employer and who I am; two or three requirements of the ad,
    each argued from a different CV line; what else I bring; a close."""
    language = phrases(language).code
    words = phrases(language).letter
    frames = _Frames(words)
    position = _clean(getattr(target, "position", ""))
    ad_text = getattr(target, "job_description", "") or ""
    company = company_in_ad(ad_text, position)
    person = person_in_ad(ad_text)
    emphasis = _instruction_words(instructions) if instructions else set()
    lines = _role_lines(document, language)
    cv_text = "\n".join(line.text for line in lines)
    by_text = {t.text: t for t in terms or []}

    tools, described = _role_notes(document, language)
    opening = _opening(
        document, words, position, company, f"{position}\n{ad_text}", language, described
    )
    candidates = _candidates(evidence, by_text, lines, emphasis, ad_text, cv_text)
    points, rest = _choose(candidates, MAX_ARGUED)
    if emphasis:
        points = _lead_with(points, lines, emphasis)
    used = {p.line for p in points}
    # The skills the ad asks for; a degree ("estudios universitarios") or a language says
    # nothing about what a line of work is about.
    names = [n for t in terms or [] if t.category not in ("degree", "language")
             for n in (t.text, *t.aliases)]  # fmt: skip
    # A word of the role applied for stands alone: a design line speaks for a designer.
    role = [{w[:6]} for w in _content_words(position) if len(w) > 3 and w not in _TITLE_FILLER]
    context = _Context(_stems(f"{position}\n{ad_text}", 6), [_stems(n, 6) for n in names] + role)
    if len(points) < MAX_ARGUED:
        # Few requirements shown in the roles: the CV's measurable results speak too, from
        # roles not quoted yet.
        quoted = [p.entry for p in points]
        spare = [line for line in lines if not any(line.entry is e for e in quoted)]
        points += _results(spare, used, context, MAX_ARGUED - len(points))
        used |= {p.line for p in points}
    # Each paragraph takes further lines of its role, in turns, until the evidence is long
    # enough or the roles have nothing left to quote.
    budget = EVIDENCE_WORDS - sum(len(p.line.split()) + FRAME_WORDS for p in points)
    while budget > 0:
        added = 0
        for point in points:
            if budget - added <= 0:
                break
            added += _follow_up(point, lines, used, rest, [p.entry for p in points], context)
            # A requirement argued in a follow-up is not argued again.
            said = {fold(t) for _line, terms in point.follows for t in terms}
            rest = [p for p in rest if not _argued_already(fold(p.terms[0]), said)]
        if not added:
            break
        budget -= added
    argued = [
        _paragraph(p, frames, words, language, points[i - 1].entry if i else None)
        for i, p in enumerate(points)
    ]
    argued = [p for p in argued if p]
    if any(p.terms for p in points):
        opening.append(words["fit"])

    shown = {fold(t) for p in points for t in [*p.terms, *(t for _l, ts in p.follows for t in ts)]}
    bring: list[str] = []
    worked_with, said = _tools_sentence(document, tools, described, shown, words, language)
    if worked_with:
        bring.append(worked_with)
        shown |= {fold(n) for n in said}
    listed = _skills_named(evidence, by_text, document, shown, [ad_text, cv_text])
    if len(listed) >= 2:
        bring.append(words["also"].format(items=join(listed, language)))
    education = _education(document, f"{position}\n{ad_text}", words)
    if education:
        bring.append(education)
    named = [t for p in points for t in p.terms][:2]
    if len(named) == 2:
        bring.append(words["why"].format(terms=join(named, language)))
    location = _clean(getattr(target, "location", ""))
    start = words["start"].get(getattr(target, "application_timeline", ""), "")
    if location:
        based = words["based"].format(location=location)
        bring.append(
            words["based_start"].format(based=based, start=start) if start else based + "."
        )
    elif start:
        bring.append(words["start_only"].format(start=start, Start=start[:1].upper() + start[1:]))
    closing = [
        words["close_company"].format(company=company) if company else words["close"],
        words["thanks"],
    ]

    paragraphs = [" ".join(opening), *argued]
    # Three to five paragraphs: what the person brings stands alone when there is room.
    if bring and len(paragraphs) + 2 <= 5:
        paragraphs += [" ".join(bring), " ".join(closing)]
    else:
        paragraphs.append(" ".join(bring + closing))

    greeting = words["greeting_person"].format(person=person) if person else words["greeting"]
    parts = [greeting, *paragraphs, words["sign_off"] + "\n" + document.contact.name]
    return "\n\n".join(p.strip() for p in parts if p.strip()).strip() + "\n"
