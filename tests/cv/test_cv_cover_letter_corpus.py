"""Letters and summaries on real (CV, job ad) pairs from the labelled corpora: each letter
argues from the CV's own lines in the ad's words, names the company, repeats nothing, invents
nothing and keeps to length, in the ad's language. Pairs are the tuned "better" CVs with
their ads (tests/corpus/pairs/tuned.json); held-out files are never read here."""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from corpus import CORPUS, cv_file, find_ad, load_pairs, norm  # noqa: E402

from cvimprover.cv.document import CVDocument  # noqa: E402
from cvimprover.cv.evidence import build_evidence  # noqa: E402
from cvimprover.cv.extract import extract_text  # noqa: E402
from cvimprover.cv.facts import invented_facts  # noqa: E402
from cvimprover.cv.keywords import job_terms, vocabulary_matches  # noqa: E402
from cvimprover.cv.language import detect_language  # noqa: E402
from cvimprover.cv.normalise import normalise_text  # noqa: E402
from cvimprover.cv.parse import parse_cv  # noqa: E402
from cvimprover.cv.pipeline import Improvement, JobTarget, improve  # noqa: E402
from cvimprover.cv.rewrite import (  # noqa: E402
    display_name,
    years_in_words,
    years_of_experience,
)

# (ad, better CV): 13 in English, 5 in Spanish; 7 outside software (design, sales,
# procurement, recruiting, logistics, office administration).
PAIRS = [
    ("en-software-01", "en-software-developer-single-column-05"),
    ("en-software-03", "en-devops-engineer-single-column-01"),
    ("en-product-01", "en-project-manager-single-column-01"),
    ("en-data-01", "en-software-developer-two-column-07"),
    ("en-ux-design-01", "en-product-designer-single-column-02"),
    ("en-design-01", "en-product-designer-designer-01"),
    ("en-design-02", "en-graphic-designer-designer-01"),
    ("en-sales-01", "en-sales-single-column-01"),
    ("en-procurement-01", "en-operations-manager-single-column-01"),
    ("en-hr-01", "en-sales-single-column-01"),
    ("es-software-01", "es-software-developer-two-column-04"),
    ("es-software-05", "es-data-analyst-single-column-01"),
    ("es-software-03", "es-software-developer-single-column-03"),
    ("es-logistics-01", "es-business-administrator-designer-01"),
    ("es-admin-01", "es-business-administrator-designer-01"),
    ("en-software-01", "en-devops-engineer-single-column-01"),
    ("en-data-01", "en-software-developer-single-column-05"),
    ("en-product-01", "en-product-designer-designer-01"),
]
NOT_SOFTWARE = {"en-design-01", "en-design-02", "en-sales-01", "en-procurement-01", "en-hr-01"}
NOT_SOFTWARE |= {"es-logistics-01", "es-admin-01"}
MAX_WORDS = 350  # between greeting and sign-off
MIN_WORDS = 180
# The thin-CV rule. A CV whose roles give at least ENOUGH_LINES quotable lines (experience
# and project lines of 5 to 40 words that are evidence, see `_is_evidence`, each sentence
# of a long bullet counted apart) has enough evidence: its letter reaches MIN_WORDS. A
# thinner CV gets a shorter letter, never padding, and must then have said all it can:
# every quotable line of its roles is quoted.
ENOUGH_LINES = 6
MIN_KEY_TERMS = 3
# The writer must not hide behind the exceptions: most pairs are held to the full length.
MIN_FULL_LENGTH_PAIRS = 11
# Pairs whose letter argues three key terms from CV lines. Most CVs here show fewer than
# three of the ad's key terms in their role lines (see `_argued_terms`), so the letter argues
# all they show; this floor rises as term matching finds more.
MIN_THREE_TERM_PAIRS = 5
SIGN_OFFS = ("Kind regards,", "Atentamente,")


def test_the_pairs_are_judged_pairs_in_both_languages() -> None:
    judged = {(p["ad"], p["better"]) for p in load_pairs("tuned")}
    assert set(PAIRS) <= judged
    assert sum(ad.startswith("es-") for ad, _cv in PAIRS) >= 4
    assert len({ad for ad, _cv in PAIRS} & NOT_SOFTWARE) >= 4
    for ad in NOT_SOFTWARE:
        label = json.loads((CORPUS / "jobs" / "tuned" / f"{ad}.json").read_text("utf-8"))
        assert label["software"] is False, ad


@cache
def _cv_text(cv_id: str) -> str:
    path = cv_file(cv_id)
    return normalise_text(extract_text(path.read_bytes(), path.name))


def _run(ad_id: str, cv_id: str) -> tuple[Improvement, JobTarget]:
    # Every other pair answers the questionnaire, so both kinds of letter are checked.
    return _improve(ad_id, cv_id, PAIRS.index((ad_id, cv_id)) % 2 == 0)


@cache
def _improve(ad_id: str, cv_id: str, answered: bool) -> tuple[Improvement, JobTarget]:
    ad = find_ad(ad_id)
    path = cv_file(cv_id)
    target = JobTarget(
        ad.position,
        "",
        "3-5",
        location="Zaragoza" if answered else "",
        application_timeline="1-3 months" if answered else "",
        job_description=ad.description,
    )
    return improve(path.read_bytes(), path.name, target), target


def _body(letter: str) -> list[str]:
    """The paragraphs between the greeting and the sign-off."""
    paragraphs = letter.strip().split("\n\n")
    assert paragraphs[-1].startswith(SIGN_OFFS), paragraphs[-1]
    return paragraphs[1:-1]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿¡])", text) if s.strip()]


def _cv_bullets(document: CVDocument) -> list[str]:
    return [
        bullet
        for section in document.sections
        if section.kind in ("experience", "projects")
        for entry in section.entries
        for bullet in entry.bullets
    ]


def _has_fact(sentence: str, bullets: list[str]) -> bool:
    """A run of five words copied from one of the CV's own role lines."""
    said = f" {norm(sentence)} "
    for bullet in bullets:
        words = norm(bullet).split()
        for i in range(max(len(words) - 4, 0)):
            if f" {' '.join(words[i : i + 5])} " in said:
                return True
    return False


def _names(label: str, ad_id: str) -> list[str]:
    """The ways the letter may name the ad's employer: each part of the label
    ("18F (GSA Technology Transformation Services)") and its initials ("TTS")."""
    parts = [p.strip() for p in re.split(r"[(),]", label) if p.strip()]
    out = []
    for part in parts:
        out.append(part)
        if len(part.split()) >= 3:
            out.append(" ".join(part.split()[1:]))  # "GSA Centers of Excellence"
        words = [w for w in part.split() if w[:1].isupper() and w.lower() not in ("of", "gsa")]
        if len(words) >= 2:
            out.append("".join(w[0] for w in words))
            out.append(" ".join(words[-3:]))
    return out


# What a recruiter accepts as evidence: a line that says what the person did. This rule is
# the test's own, kept simple on purpose (the engine has its own, richer one). A line is
# evidence when
#  - it holds a figure ("250+ packages", "a team of 5", "40%"); or
#  - it opens, after "I"/"Yo", an adverb ("Actively", "Also", "Además") or a short label
#    ("Data Collection: ..."), with a verb: an English word ending in -ed or -ing or one of
#    _EN_VERBS, a Spanish preterite (-é, -ó, -í), gerund (-ando, -iendo) or infinitive
#    (-ar, -er, -ir); or
#  - it names a duty ("responsible for", "in charge of", "responsable de", "encargada de"); or
#  - it opens with the name of a piece of work, or of what the person was in it, followed
#    by its object: a noun ending in -tion, -ment, -ción, -sión, -miento, -dor, -dora, or
#    one of _WORK_NOUNS, then "of", "de", "con", "with", "for", "para", "using", "usando",
#    "en", "in" (after "and"/"y" and another such noun; or after one word, except before
#    "of"/"de"): "Programador y creador de una plataforma", "Profesor sustituto en ..."; or
#  - it is a later sentence of a bullet whose earlier sentence is evidence: it goes on
#    about the same piece of work.
# A bare list of tools ("Node.js Typescript React tRPC Prisma ORM") or a noun phrase about
# the employer or its product ("Punto de venta en la nube para comercios independientes",
# "Importación y exportación aérea y marítima") is none of these.
_EN_VERBS = frozenset(
    ("lead", "led", "own", "plan", "build", "built", "create", "write", "wrote", "develop")
    + ("design", "manage", "implement", "define", "advise", "invent", "realize", "realise")
    + ("triage", "teach", "taught", "train", "support", "run", "ran", "drive", "drove")
    + ("deliver", "coordinate", "oversee", "oversaw", "mentor", "conduct", "perform")
    + ("supervise", "maintain", "analyse", "analyze", "research", "help", "work", "serve")
    + ("sell", "sold", "grow", "grew", "make", "made", "win", "won", "cut", "set", "hit")
    + ("take", "took", "give", "gave", "hold", "held", "bring", "brought", "keep", "kept")
    + ("meet", "met", "spend", "spent")
)
_WORK_NOUNS = (
    "development|design|analysis|support|research|setup|sales|desarrollo|diseño|análisis|"
    "gestión|apoyo|soporte|control|seguimiento|mantenimiento|ventas?|profesora?|teacher|"
    "instructora?"
)
_WORK = rf"(?:\w+(?:tion|ment|ción|sión|miento|dor|dora)|{_WORK_NOUNS})"
_OBJECT = r"(?:of|de|del|con|with|for|para|using|usando|en|in)"


def _is_evidence(line: str) -> bool:
    if re.search(r"\d", line):
        return True
    if re.search(
        r"\b(?:responsible for|in charge of|responsable de|encargad[oa] de)\b", line, re.I
    ):
        return True
    openings = [line]
    head, colon, tail = line.partition(":")
    if colon and len(head.split()) <= 5:
        openings.append(tail)
    for text in openings:
        words = text.lower().split()
        while words and re.fullmatch(r"i|yo|also|además|también|\w+ly|\w+mente", words[0]):
            words = words[1:]
        if not words:
            continue
        first = words[0].strip(",.;:")
        if first in _EN_VERBS or re.fullmatch(r"\w{2,}(?:ed|ing)", first):
            return True
        if re.fullmatch(r"\w{2,}(?:é|ó|í|ando|iendo)|\w{3,}(?:ar|er|ir)", first):
            return True
        # "Creación de backends", "Análisis y desarrollo de sistemas"; one word may stand
        # between the work and a tool it used: "Desarrollo frontend using React".
        work = rf"^{_WORK}(?:\s+(?:and|y)\s+{_WORK})?\s+{_OBJECT}\b"
        tool = rf"^{_WORK}\s+\w+\s+(?:using|usando|with|con|en|in)\b"
        if re.match(work, " ".join(words)) or re.match(tool, " ".join(words)):
            return True
    return False


def _quotable(document: CVDocument) -> list[str]:
    """The CV's quotable role lines: each sentence of an experience or project line, 5 to 40
    words long, that is evidence of what the person did (`_is_evidence`)."""
    out = []
    for bullet in _cv_bullets(document):
        line = re.sub(r"\s+", " ", bullet).strip().lstrip("-•*·▪ ").rstrip(" .;,")
        goes_on = False  # an earlier sentence of this bullet is evidence
        for clause in re.split(r"(?<=[.;])\s+(?=[A-ZÁÉÍÓÚÑ])", line):
            goes_on = goes_on or _is_evidence(clause)
            if 5 <= len(clause.split()) <= 40 and goes_on:
                out.append(clause)
    return list(dict.fromkeys(out))


def _enough_evidence(improvement: Improvement) -> bool:
    return len(_quotable(improvement.document)) >= ENOUGH_LINES


def _not_evidence(improvement: Improvement) -> list[tuple[str, str]]:
    """(line, its employer) for each role line of 5 to 40 words that is not evidence: a list
    of tools, a line about the employer or its product."""
    out = []
    for section in improvement.document.sections:
        if section.kind != "experience":
            continue
        for entry in section.entries:
            for bullet in entry.bullets:
                line = re.sub(r"\s+", " ", bullet).strip().lstrip("-•*·▪ ").rstrip(" .;,")
                goes_on = False
                for clause in re.split(r"(?<=[.;])\s+(?=[A-ZÁÉÍÓÚÑ])", line):
                    goes_on = goes_on or _is_evidence(clause)
                    if 5 <= len(clause.split()) <= 40 and not goes_on:
                        out.append((clause, entry.organisation))
    return out


def test_evidence_rule_on_lines_a_recruiter_would_judge() -> None:
    """The test's own rule: achievements and duties are evidence, in either language; lines
    about the employer and bare lists of tools are not."""
    evidence = [
        "Reduced fulfillment costs by 18% by renegotiating vendor contracts",
        "Advise the executive team on corporate governance and compliance matters",
        "Responsible for the LMS of the virtual campus",
        "Creación de backends con NodeJS, usando Express, JWT y Mongoose",
        "Análisis y desarrollo de sistemas para administración pública",
        "Desarrollé varias aplicaciones en Java para procesamiento de texto",
        "Gestionar la cadena de abastecimiento y el control de stock",
        "Desarrollo frontend using React, Context, TypeScript y Material",
        "Data Collection: Designed the internal survey and crowdsourcing platform",
        "Programador y creador de una plataforma digital de transporte de carga por carretera",
    ]
    not_evidence = [
        "Punto de venta en la nube para comercios independientes",
        "Servicio de desarrollo de sistemas de software a medida",
        "Importación y exportación aérea y marítima",
        "Solución global de e-mail marketing",
        "Node.js Typescript React tRPC Prisma ORM",
        "C Data Structures Memory Management",
        "Open source Python library for financial data analysis and machine learning",
    ]
    assert [line for line in evidence if not _is_evidence(line)] == []
    assert [line for line in not_evidence if _is_evidence(line)] == []


@pytest.mark.parametrize(("ad_id", "cv_id"), PAIRS)
def test_letter_never_quotes_a_tool_list_or_an_employer_line_as_work(
    ad_id: str, cv_id: str
) -> None:
    """A line that is not evidence appears, if at all, only in brackets after its employer's
    name, as context ("Pulpos (punto de venta en la nube ...)"), never framed as a line of
    the person's record."""
    improvement, _target = _run(ad_id, cv_id)
    sentences = [s for p in _body(improvement.cover_letter) for s in _sentences(p)]
    evidence = [f" {norm(line)} " for line in _quotable(improvement.document)]
    for line, org in _not_evidence(improvement):
        # Runs of five words this line shares with no evidence line: what quoting it means.
        words = norm(line).split()
        runs = [" ".join(words[i : i + 5]) for i in range(max(len(words) - 4, 0))]
        own = [run for run in runs if not any(f" {run} " in e for e in evidence)]
        for sentence in sentences:
            if not any(f" {run} " in f" {norm(sentence)} " for run in own):
                continue
            brackets = re.findall(r"([^()]*)\(([^()]*)\)", sentence)
            assert any(
                _has_fact(inside, [line]) and norm(before).endswith(norm(org))
                for before, inside in brackets
            ), (line, sentence)


@pytest.mark.parametrize(("ad_id", "cv_id"), PAIRS)
def test_letter_is_clean_faithful_and_in_the_ads_language(ad_id: str, cv_id: str) -> None:
    improvement, target = _run(ad_id, cv_id)
    ad = find_ad(ad_id)
    letter = improvement.cover_letter
    body = _body(letter)
    # Three to five paragraphs; two when the CV's roles give nothing to argue from (its
    # entries have no lines the parser could read), rather than padding.
    quotable = _quotable(improvement.document)
    assert (3 if quotable else 2) <= len(body) <= 5, letter
    words = sum(len(p.split()) for p in body)
    assert words <= MAX_WORDS, (words, letter)
    if _enough_evidence(improvement):
        assert words >= MIN_WORDS, (words, letter)
    else:
        # A thin CV: the letter is short because the CV has no more to say.
        missing = [line for line in quotable if not _has_fact(" ".join(body), [line])]
        assert missing == [], (missing, letter)
    # No line break inside a sentence: every paragraph is one line.
    assert all("\n" not in p for p in body), letter
    sentences = [s for p in body for s in _sentences(p)]
    assert len(sentences) == len(set(sentences)), letter
    # The facts are the CV's: anything else must come from the questionnaire or the ad.
    assert invented_facts(letter, _cv_text(cv_id), target.questionnaire_text()) == []
    assert detect_language(" ".join(body)) == ad.language
    assert ad.position in letter
    if ad.company:
        assert any(name in letter for name in _names(ad.company, ad_id)), (ad.company, letter)
    if target.location:
        assert target.location in letter


def _key_terms(ad_id: str, job: list[dict], evidence: list[dict]) -> dict[str, list[str]]:
    """The ad's key terms, each with the names it may go by: the labelled terms (with their
    synonyms) and the terms the engine took from the ad, except a job title and a lone
    everyday word ("user", "team"). The CV's own form of a term the engine found in it
    (`matched_as`) counts as a name too."""
    ad = find_ad(ad_id)
    out: dict[str, list[str]] = {}
    for term in ad.labels:
        out[norm(term)] = [term, *ad.synonyms.get(term, [])]
    for term in job:
        text = term["text"]
        lone = " " not in text and len(text) <= 8 and not vocabulary_matches(text)
        lone = lone and not (text.isupper() and len(text) <= 5)  # an acronym: "SQL", "AWS"
        if term["category"] == "title" or term["origin"] == "token" or lone:
            continue
        out.setdefault(norm(text), [text])
    for item in evidence:
        if item["status"] in ("exact", "variant") and item["matched_as"]:
            key = norm(item["term"])
            if key in out:
                out[key].append(item["matched_as"])
    return out


def _report_terms(improvement: Improvement, ad_id: str) -> dict[str, list[str]]:
    keywords = improvement.report["keywords"]
    return _key_terms(ad_id, keywords["job"], keywords["evidence"])


def _argued_terms(improvement: Improvement, ad_id: str) -> tuple[list[str], list[str]]:
    """(key terms a CV role line shows, key terms the letter names in a sentence that quotes
    a CV role line). Only lines that are evidence count: a term in a bare list of tools or in
    a line about the employer is not argued by quoting that line."""
    bullets = _quotable(improvement.document)
    folded = [f" {norm(b)} " for b in bullets]
    terms = {
        k: [norm(n) for n in names if norm(n)]
        for k, names in _report_terms(improvement, ad_id).items()
    }
    shown = [k for k, names in terms.items() if any(f" {n} " in b for n in names for b in folded)]
    sentences = [s for p in _body(improvement.cover_letter) for s in _sentences(p)]
    quoting = [f" {norm(s)} " for s in sentences if _has_fact(s, bullets)]
    argued = [k for k, names in terms.items() if any(f" {n} " in s for n in names for s in quoting)]
    return shown, argued


@pytest.mark.parametrize(("ad_id", "cv_id"), PAIRS)
def test_letter_names_the_ads_terms_next_to_the_cvs_facts(ad_id: str, cv_id: str) -> None:
    """At least three of the ad's key terms each sit in a sentence that quotes a CV role
    line; all of them when the CV's role lines show fewer (the CV has no more evidence)."""
    improvement, _target = _run(ad_id, cv_id)
    shown, argued = _argued_terms(improvement, ad_id)
    assert len(argued) >= min(MIN_KEY_TERMS, len(shown)), (shown, argued, improvement.cover_letter)
    # Each argued term is spelled as the ad or the CV writes it mid-sentence, never with a
    # heading's capitals ("Mentoring" opening a line of the ad is "mentoring" in a sentence).
    ad = find_ad(ad_id)
    sources = f"{ad.position}\n{ad.description}\n{_cv_text(cv_id)}"
    body = " ".join(_body(improvement.cover_letter))
    for key in argued:
        for name in _report_terms(improvement, ad_id)[key]:
            found = re.search(r"(?<![\w+#])" + re.escape(name) + r"(?![\w+#])", body, re.I)
            if found and found.start() > 1 and body[found.start() - 2] not in ".:!?":
                assert _spelled_as_written(found.group(0), sources), (
                    found.group(0),
                    improvement.cover_letter,
                )


def _spelled_as_written(form: str, sources: str) -> bool:
    """`form` is written so in the sources, or is the lower-case form of a term the sources
    capitalise only where a line or sentence starts."""
    if re.search(r"(?<![\w+#])" + re.escape(form) + r"(?![\w+#])", sources):
        return True
    if not form.islower():
        return False
    starts = [
        sources[: m.start()].rstrip(" \t")[-1:]
        in ("", "\n", ".", ":", ";", "!", "?", "•", "-", "*")
        for m in re.finditer(r"(?<![\w+#])" + re.escape(form) + r"(?![\w+#])", sources, re.I)
    ]
    return bool(starts) and all(starts)


def test_most_pairs_meet_the_full_bounds() -> None:
    """The thin-CV rule and the "fewer shown" rule are exceptions, not the norm: most pairs
    reach the full length and argue three key terms from CV lines."""
    full = [pair for pair in PAIRS if _enough_evidence(_run(*pair)[0])]
    assert len(full) >= MIN_FULL_LENGTH_PAIRS, full
    three = [pair for pair in PAIRS if len(_argued_terms(_run(*pair)[0], pair[0])[1]) >= 3]
    assert len(three) >= MIN_THREE_TERM_PAIRS, three


def test_the_instruction_decides_which_evidence_leads_on_a_real_cv() -> None:
    ad = find_ad("en-software-03")
    path = cv_file("en-devops-engineer-single-column-01")
    target = JobTarget(ad.position, "", "6+", job_description=ad.description)
    led = improve(path.read_bytes(), path.name, target, instructions="Emphasise leadership")
    first = _body(led.cover_letter)[1]
    plain = _body(_run("en-software-03", "en-devops-engineer-single-column-01")[0].cover_letter)
    assert re.search(r"\b(?:led|lead|leading|mentored|team|hired)\b", _sentences(first)[0]), first
    assert _sentences(first)[0] != _sentences(plain[1])[0]


@pytest.mark.parametrize(("ad_id", "cv_id"), PAIRS)
def test_summary_opening_says_who_with_the_cvs_facts(ad_id: str, cv_id: str) -> None:
    """Two or three sentences: who (a title of the CV and the years its dates cover in that
    line of work), the strongest line for this job, what the person brings. Only the CV's
    facts."""
    improvement, target = _run(ad_id, cv_id)
    ad = find_ad(ad_id)
    summary = improvement.document.section("summary")
    assert summary is not None
    opening = summary.text.split("\n")[0]
    sentences = _sentences(opening)
    assert 2 <= len(sentences) <= 3, opening
    assert len(sentences) == len(set(sentences))
    assert invented_facts(opening, _cv_text(cv_id), target.questionnaire_text()) == []
    titles = [
        display_name(e.title)
        for section in improvement.document.sections
        if section.kind == "experience"
        for e in section.entries
        if e.title
    ]
    assert any(sentences[0].startswith(t) for t in titles), (titles, opening)
    # The years are those of the roles in the named title's line of work (a choir teacher's
    # earlier software career is not credited to the title).
    title = max((t for t in titles if sentences[0].startswith(t)), key=len)
    years = years_of_experience(improvement.document, title)
    if years >= 1:
        cv_language = improvement.report["language"]
        assert years_in_words(years, cv_language if cv_language == "es" else "en") in opening
    cv_language = detect_language(_cv_text(cv_id))
    # The summary is part of the CV, so it speaks the CV's language.
    assert detect_language(opening, default=cv_language) in (cv_language, ad.language)


# --- The full bar, on every pair whose CV has the evidence --------------------------------
#
# A letter can argue only what the CV shows. The pairs held to the full bar are computed, not
# listed: every (ad, CV) of the tuned corpora in the same language where at least
# MIN_KEY_TERMS of the ad's key terms each appear in a quotable role line of the CV as
# uploaded (the test's own rule, `_quotable`) and are found in the CV by the engine's
# evidence too (a term the matcher cannot see at all is the matcher's gap, measured by its
# own bench, not the letter's). On each of them the letter must argue three key terms next
# to a CV fact, name the company where the ad names one, repeat no sentence, break no
# sentence, invent no fact, keep to 180-350 words (a thin CV, below ENOUGH_LINES quotable
# lines, may be shorter if it quotes every one) and speak the ad's language; the summary
# must say who, in two or three sentences, with the CV's facts only.
MIN_FULL_BAR_PAIRS = 25
# The issue asks for four Spanish pairs and four outside software. Outside software, five
# pairs reach three evidenced terms since the evidence reads a narrower tool as the ad's broad
# skill ("Git" for "source control") and "usability" is taken from the ads. The tuned corpora
# hold nine Spanish CVs, six of them software developers, one business administrator with
# logistics work and one geographer. Most Spanish ads were outside those trades; with ads of
# their own trades added (web, full-stack, systems, telecom, logistics, administration),
# three Spanish pairs showed three of the ad's key terms in role lines, five once server
# administration ("gestión de servidores", "servidores") became a known skill. The rest fall
# short on skills the CVs do not have (PrestaShop, WordPress, fibre optics), and no Spanish
# CV of an accountant, nurse, teacher or clerk has been found under a licence that allows
# redistribution. These floors are what the corpora and the matcher
# give today; they rise with them, never by loosening the rule.
MIN_FULL_BAR_OUTSIDE_SOFTWARE = 5
MIN_FULL_BAR_SPANISH = 5


def _label(kind: str, item_id: str) -> dict:
    return json.loads((CORPUS / kind / "tuned" / f"{item_id}.json").read_text("utf-8"))


@cache
def _parsed(cv_id: str) -> CVDocument:
    return parse_cv(_cv_text(cv_id), [], [])


@cache
def _ad_terms(ad_id: str) -> tuple:
    ad = find_ad(ad_id)
    return tuple(job_terms(ad.position, ad.description, ad.language))


def evidenced_terms(ad_id: str, cv_id: str) -> list[str]:
    """The ad's key terms that a quotable role line of the CV shows by one of their names
    and that the engine's evidence finds in the CV."""
    ad = find_ad(ad_id)
    document = _parsed(cv_id)
    terms = list(_ad_terms(ad_id))
    evidence = [e.to_dict() for e in build_evidence(document, terms, ad.language)]
    # Every name the engine knows a found term by: its text, its aliases (a Spanish ad's
    # "logística" is the term "Logistics"), the CV's form of it.
    aliases = {t.text: (t.text, *t.aliases) for t in terms}
    found = {
        norm(name)
        for e in evidence
        if e["status"] != "missing"
        for name in (*aliases.get(e["term"], (e["term"],)), e["matched_as"] or "")
    } - {""}
    names = _key_terms(ad_id, [t.to_dict() for t in terms], evidence)
    lines = [f" {norm(line)} " for line in _quotable(document)]
    out = []
    for key, known in names.items():
        if not any(norm(n) and f" {norm(n)} " in line for n in known for line in lines):
            continue
        if key in found or any(norm(n) in found for n in known):
            out.append(key)
    return out


@cache
def full_bar_pairs() -> list[tuple[str, str]]:
    """Every same-language (ad, CV) of the tuned corpora with evidence for three key terms."""
    cvs = sorted(p.stem for p in (CORPUS / "cvs" / "tuned").glob("*.json"))
    ads = sorted(p.stem for p in (CORPUS / "jobs" / "tuned").glob("*.json"))
    out = []
    for ad_id in ads:
        language = _label("jobs", ad_id)["language"]
        for cv_id in cvs:
            if _label("cvs", cv_id)["language"] != language:
                continue
            if len(evidenced_terms(ad_id, cv_id)) >= MIN_KEY_TERMS:
                out.append((ad_id, cv_id))
    return out


def test_enough_pairs_have_evidence_for_three_key_terms() -> None:
    pairs = full_bar_pairs()
    assert len(pairs) >= MIN_FULL_BAR_PAIRS, pairs
    assert sum(find_ad(ad).language == "es" for ad, _cv in pairs) >= MIN_FULL_BAR_SPANISH
    outside = [ad for ad, _cv in pairs if not _label("jobs", ad)["software"]]
    assert len(outside) >= MIN_FULL_BAR_OUTSIDE_SOFTWARE, pairs


def letter_faults(ad_id: str, cv_id: str, improvement: Improvement, target: JobTarget) -> list:
    """What keeps this letter and summary from the full bar ([] when nothing does)."""
    ad = find_ad(ad_id)
    letter = improvement.cover_letter
    body = _body(letter)
    faults: list = []
    _shown, argued = _argued_terms(improvement, ad_id)
    if len(argued) < MIN_KEY_TERMS:
        faults.append(("terms argued", argued))
    if ad.company and not any(name in letter for name in _names(ad.company, ad_id)):
        faults.append(("company", ad.company))
    sentences = [s for p in body for s in _sentences(p)]
    if len(sentences) != len(set(sentences)):
        faults.append(("repeated sentence", sentences))
    if any("\n" in p for p in body):
        faults.append(("line break", body))
    invented = invented_facts(letter, _cv_text(cv_id), target.questionnaire_text())
    if invented:
        faults.append(("invented", invented))
    words = sum(len(p.split()) for p in body)
    quotable = _quotable(improvement.document)
    thin = len(quotable) < ENOUGH_LINES
    unquoted = [line for line in quotable if not _has_fact(" ".join(body), [line])]
    if words > MAX_WORDS or (words < MIN_WORDS and not (thin and not unquoted)):
        faults.append(("words", words, unquoted))
    if detect_language(" ".join(body)) != ad.language:
        faults.append(("language", ad.language))
    summary = improvement.document.section("summary")
    opening = _sentences(summary.text.split("\n")[0]) if summary else []
    if not 2 <= len(opening) <= 3 or len(opening) != len(set(opening)):
        faults.append(("summary sentences", opening))
    elif invented_facts(" ".join(opening), _cv_text(cv_id), target.questionnaire_text()):
        faults.append(("summary invented", opening))
    return faults


def test_every_pair_with_the_evidence_meets_the_full_bar() -> None:
    faults = {}
    for index, (ad_id, cv_id) in enumerate(full_bar_pairs()):
        improvement, target = _improve(ad_id, cv_id, index % 2 == 0)
        found = letter_faults(ad_id, cv_id, improvement, target)
        if found:
            faults[(ad_id, cv_id)] = (found, improvement.cover_letter)
    assert faults == {}
