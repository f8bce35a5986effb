"""Rewrite a CV faithfully: strong openings, no pronouns, one tense, job terms first."""

from __future__ import annotations

import copy
import hashlib
import re
from functools import cache

from cvimprover.cv.analyse import METRIC, bullet_tense
from cvimprover.cv.dates import find_dates, parse_period
from cvimprover.cv.document import CVDocument, Entry, Section
from cvimprover.cv.keywords import Term, contains_term, surface_form, vocabulary_matches
from cvimprover.cv.markdown import document_text
from cvimprover.cv.matcher import name_spans
from cvimprover.cv.phrases import join, phrases
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


def _in_tense(forms: tuple[str, ...], tense: str, language: str) -> str:
    """The form of a verb in `tense` ("past" or "present")."""
    return forms[phrases(language).tense_forms[tense][0]]


def _to_tense(word: str, tense: str, language: str) -> str | None:
    forms = _forms(language).get(word.lower())
    return _in_tense(forms, tense, language) if forms else None


def _names_work(text: str, language: str) -> bool:
    """Whether the bullet's first word is the name of the work rather than a verb
    ("Desarrollo de software", "Design and implementation of ..."): followed by "of"/"de",
    or by "and"/"y" and a word that is no verb. Such a bullet keeps its first word."""
    words = [w.strip(",.;:").lower() for w in text.split()[:3]]
    if len(words) < 2:
        return False
    if words[1] in ("of", "de", "del"):
        return True
    return words[1] in ("and", "y", "e") and len(words) > 2 and words[2] not in _forms(language)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


@cache
def _weak_opening(language: str) -> re.Pattern[str]:
    """A bullet opening with one of the language's weak openings, then what it says; the
    group `wN` tells which opening of the table it is."""
    table = phrases(language)
    alternatives = "|".join(f"(?P<w{i}>{w.pattern})" for i, w in enumerate(table.weak_openings))
    return re.compile(
        rf"^{table.weak_lead_in}(?P<phrase>{alternatives})\s+(?P<rest>.+)$", re.IGNORECASE
    )


def strengthen(bullet: str, language: str, tense: str) -> str:
    """`bullet` with its weak opening (from the language's table) replaced by an action verb
    in `tense`, or `bullet` unchanged when it opens with none."""
    table = phrases(language)
    match = _weak_opening(language).match(bullet)
    if not match:
        return bullet
    index = next(i for i in range(len(table.weak_openings)) if match.group(f"w{i}") is not None)
    opening = table.weak_openings[index]
    phrase, rest = match.group("phrase").lower(), match.group("rest")
    first, _, tail = rest.partition(" ")
    forms = _forms(language).get(first.lower())
    if forms and opening.verb_object == "object" and first.lower() == forms[table.object_form]:
        # "Responsible for designing X" -> "Designed X"
        return f"{_cap(_in_tense(forms, tense, language))} {tail}".strip()
    if (
        forms
        and opening.verb_object == "bare"
        and table.bare_form is not None
        and table.gerund_form is not None
        and first.lower() == forms[table.bare_form]
    ):
        rest = f"{forms[table.gerund_form]} {tail}".strip()  # "build X" -> "building X"
    elif opening.keep:
        rest = f"{phrase} {rest}"
    past, present = table.weak_verbs[opening.rewrite]
    text = f"{past if tense == 'past' else present} {rest}"
    for pattern, replacement in table.contractions:
        text = re.sub(pattern, replacement, text)
    return text


def improve_bullet(bullet: str, language: str, tense: str) -> tuple[str, list[str]]:
    """A stronger version of one bullet and the reasons for each edit."""
    reasons = []
    text = bullet.strip()
    stripped = phrases(language).pronoun_start.sub("", text)
    if stripped != text:
        text, reasons = _cap(stripped), ["removed first-person pronoun"]
    strengthened = strengthen(text, language, tense)
    if strengthened != text:
        text = _cap(strengthened)
        reasons.append("replaced a duty phrase with an action verb")
    words = text.split(" ", 1)
    current = bullet_tense(text, language)
    if current and current != tense and not _names_work(text, language):
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
    job_description: str = "",
) -> tuple[CVDocument, list[Change]]:
    """The improved CV and the list of {id, path, before, after, reason} changes. The job
    ad's text, when given, helps choose which of the CV's titles the summary opens with."""
    improved = copy.deepcopy(document)
    language = phrases(document.language).code
    source_text = document_text(document)
    emphasis = _instruction_words(instructions)
    changes: list[Change] = []

    # Where each change applies, as (section object, path inside it): sections may still be
    # inserted (summary) or appended (skills), so indices are resolved at the end.
    targets: list[tuple[Section, str]] = []
    for section in improved.sections:
        if section.kind not in ("experience", "projects"):
            continue
        for entry_index, entry in enumerate(section.entries):
            tense = _entry_tense(entry, language)
            new_bullets = []
            edited: list[tuple[int, Change]] = []
            for index, bullet in enumerate(entry.bullets):
                after, reasons = improve_bullet(bullet, language, tense)
                if after != bullet:
                    change = {"before": bullet, "after": after, "reason": "; ".join(reasons)}
                    edited.append((index, change))
                new_bullets.append(after)
            order = sorted(
                range(len(new_bullets)),
                key=lambda i: -_bullet_score(new_bullets[i], terms, emphasis),
            )
            ranked = [new_bullets[i] for i in order]
            entry_path = f"entries.{entry_index}.bullets"
            for index, change in edited:
                # The bullet's place in the final (reordered) list
                changes.append(change)
                targets.append((section, f"{entry_path}.{order.index(index)}"))
            if ranked != new_bullets:
                changes.append(
                    {
                        "before": "\n".join(new_bullets),
                        "after": "\n".join(ranked),
                        "reason": f"bullets of '{entry.title}' reordered: job terms first",
                    }
                )
                targets.append((section, entry_path))
            entry.bullets = ranked

    count = len(changes)
    _rewrite_skills(improved, terms, source_text, language, changes)
    targets.extend((improved.section("skills"), "items") for _ in changes[count:])
    count = len(changes)
    _rewrite_summary(
        improved, terms, position, industry, language, emphasis, changes, source_text,
        job_description,
    )  # fmt: skip
    targets.extend((improved.section("summary"), "text") for _ in changes[count:])
    return improved, [
        _with_place(change, improved.sections.index(section), rest)
        for change, (section, rest) in zip(changes, targets, strict=True)
    ]


def _with_place(change: Change, section_index: int, rest: str) -> Change:
    """The change with its `path` in the improved document and an `id` stable for the same
    change on the same CV (a user's choice survives a re-render)."""
    path = f"sections.{section_index}.{rest}"
    digest = hashlib.sha256(
        "\x1f".join((path, change["before"], change["after"])).encode("utf-8")
    ).hexdigest()
    return {"id": digest[:12], "path": path, **change}


def _rewrite_skills(
    document: CVDocument, terms: list[Term], source_text: str, language: str, changes: list[Change]
) -> None:
    skills = document.section("skills")
    items = list(skills.items) if skills else []
    listed = "\n".join(items)
    # Only what the CV's own roles and projects show moves into the skills list, under the
    # CV's spelling; a job term the CV does not show is suggested in the report, never added.
    shown = "\n".join(
        line
        for section in document.sections
        if section.kind in ("experience", "projects")
        for entry in section.entries
        for line in entry.bullets
    )
    surfaced = []
    for term in terms:
        if not _listable(term) or contains_term(term, listed):
            continue
        found = surface_form(term, shown)
        if found and found not in surfaced and found in source_text:
            surfaced.append(found)
    if not items and not surfaced:
        return
    if skills is None:
        skills = Section(kind="skills", heading=phrases(language).headings["skills"])
        document.sections.append(skills)
    combined = items + surfaced

    def rank(item: str) -> float:
        return -max((t.weight for t in terms if contains_term(t, item)), default=0.0)

    ordered = sorted(combined, key=rank)
    if surfaced:
        changes.append(
            {
                "before": ", ".join(items),
                # The list as it ends up (reordered too), so the change can be undone exactly
                "after": ", ".join(ordered),
                "reason": "added skills the job asks for that the CV already shows elsewhere",
            }
        )
    if ordered[: len(items)] != combined[: len(items)] and not surfaced and ordered != items:
        changes.append(
            {
                "before": ", ".join(items),
                "after": ", ".join(ordered),
                "reason": "skills reordered to lead with what the job asks for",
            }
        )
    skills.items = ordered


def _listable(term: Term) -> bool:
    """Whether a job term belongs in a skills list: a named tool, method or certificate,
    not a free phrase from the ad ("cross-functional teams") unless it is shaped like a tool."""
    if term.category not in ("tool", "method", "cert", "other"):
        return False
    return term.origin != "phrase" or bool(term.exact_case)


_FRAGMENT_END = re.compile(
    r"\b(?:and|or|of|with|for|to|the|a|an|in|on|at|y|o|de|del|con|para|en|el|la|un|una)$",
    re.IGNORECASE,
)
# Letters whose English names start with a vowel sound: "an SRE", "an MBA", "an HR role".
_VOWEL_LETTERS = set("AEFHILMNORSX")


def _article(phrase: str) -> str:
    """ "a" or "an" before `phrase`, by its sound as far as spelling tells."""
    word = phrase.split(" ", 1)[0]
    if word.isupper() and len(word) <= 5:
        return "an" if word[0] in _VOWEL_LETTERS else "a"
    lowered = word.lower()
    if lowered.startswith(("uni", "use", "usu", "ux", "eu", "one")):
        return "a"
    return "an" if lowered[:1] in "aeiou" else "a"


def role_title(entry: Entry) -> str:
    """The entry's title when it reads as a job title, else "" (never a wrapped fragment)."""
    title = entry.title.strip()
    words = title.split()
    if not 1 <= len(words) <= 10 or not (entry.dates or entry.organisation):
        return ""
    if not title[:1].isupper() or any(ch.isdigit() for ch in title) or "," in title:
        return ""  # a comma means the title runs into other fields ("Becario, Q.A. y ...")
    if _FRAGMENT_END.search(title) or re.search(r"[.;:!?]$", title):
        return ""
    if fold(title) == fold(entry.organisation) or find_dates(title):
        return ""
    return title


def role_entries(document: CVDocument) -> list[Entry]:
    """The entries of every experience section, in reading order. A CV may hold more than
    one ("Experience" over an empty first block, then "Positions"): each counts."""
    return [e for s in document.sections if s.kind == "experience" for e in s.entries]


# Words of rank or standing, not of the line of work: "Head", "Founding Member", "Team".
_RANK_WORDS = frozenset(
    ("head", "chief", "principal", "assistant", "associate", "trainee", "intern", "team")
    + ("founding", "member", "co-founder", "cofounder", "director", "manager", "jefa", "jefe")
)


def _title_words(title: str) -> set[str]:
    return _content_words(title) - _RANK_WORDS


def years_of_experience(document: CVDocument, title: str = "") -> int:
    """Whole years covered by the CV's experience dates (overlaps counted once); with
    `title`, by the roles of that line of work only: those whose title shares a word of
    substance with it ("Site Reliability Engineer" and "DevOps Engineer", not "Choir
    Teacher" and "Software Developer")."""
    spans: list[tuple[float, float]] = []
    experience = [s for s in document.sections if s.kind == "experience"]
    wanted = _title_words(title) or _content_words(title)  # "Manager" alone is its line
    for section in experience:
        for entry in section.entries:
            if title and not wanted & _content_words(role_title(entry)):
                continue
            period = parse_period(entry.dates)
            if period is None:
                continue
            # A year without its month counts from mid-year: "2019 - 2023" is four years.
            start = period.start[0] + (
                (period.start[1] - 1) / 12 if period.start_month_known else 0.5
            )
            end = period.end[0] + (period.end[1] / 12 if period.end_month_known else 0.5)
            if end >= start:
                spans.append((start, end))
    total, reach = 0.0, 0.0
    for start, end in sorted(spans):
        start = max(start, reach)
        if end > start:
            total += end - start
            reach = end
    return int(total)


def years_in_words(years: int, language: str) -> str:
    """ "ten", "more than twenty": a letter spells small numbers out."""
    words = phrases(language).summary
    if years < len(words["numbers"]):
        return words["numbers"][years]
    return words["more_than"].format(n=words["numbers"][-1])


def spelling(term: str, texts: list[str]) -> str:
    """The term as the CV and ad write it mid-sentence most often ("product management",
    "Kubernetes", "SQL"), so a heading's capitals do not leak into a sentence."""
    counts: dict[str, int] = {}
    for text in texts:
        for start, end in name_spans(term, text):
            before = text[:start].rstrip(" \t")
            if not before or before[-1] in "\n.:;!?•-*(":
                continue  # a line or sentence start capitalises anything
            counts[text[start:end]] = counts.get(text[start:end], 0) + 1
    if counts:
        return max(counts, key=lambda s: (counts[s], s == term))
    return term


_SMALL_WORDS = frozenset(
    ("of", "in", "and", "for", "the", "at", "de", "del", "en", "y", "la", "el")
)


def is_named_skill(name: str) -> bool:
    """A tool, certificate or language ("Python", "PMP", "English") or an acronym ("SQL"):
    a name that keeps its capitals in any sentence."""
    if name.isupper() and len(name) <= 5 or re.search(r"[a-z][A-Z0-9+#]|[0-9+#]", name):
        return True
    return any(v.category in ("tool", "cert", "language") for v, _s, _e in vocabulary_matches(name))


def sentence_spelling(name: str, texts: list[str]) -> str:
    """`spelling`, and a word the texts capitalise only where a line starts (a heading or a
    list: "Mentoring", "Design Systems") lowered, unless it is a named skill."""
    spelled = spelling(name, texts)
    if spelled != name or any(_written_mid_sentence(name, text) for text in texts):
        return spelled
    words = name.split()
    if all(w[:1].isupper() and w[1:].islower() for w in words) and not is_named_skill(name):
        return name.lower()
    return name


def _written_mid_sentence(name: str, text: str) -> bool:
    """Whether `text` writes `name`, with these very capitals, after a sentence's start."""
    for start, end in name_spans(name, text):
        if text[start:end] != name:
            continue
        before = text[:start].rstrip(" \t")
        if before and before[-1] not in "\n.:;!?•-*(":
            return True
    return False


def display_name(name: str) -> str:
    """A title or employer as a sentence shows it: "SOFTWARE ENGINEER" reads "Software
    Engineer", "FACEBOOK" reads "Facebook"; short acronyms (IBM, SENA) and a trailing stop
    that is not an abbreviation's are kept or dropped accordingly."""
    name = re.sub(r"\s+", " ", name).strip()
    if name.isupper() and (" " in name or len(name) > 5):
        name = " ".join(
            w.lower() if w.lower() in _SMALL_WORDS else w.capitalize() if len(w) > 3 else w
            for w in name.split()
        )
    last = name.rsplit(" ", 1)[-1]
    if name.endswith(".") and len(last) > 5 and last.count(".") == 1:
        name = name[:-1]
    return name


def _content_stems(text: str) -> set[str]:
    """Content words of a title or an ad, cut to five letters ("designer" meets "design")."""
    return {
        w[:5] for w in re.findall(r"[\w+#]+", fold(text)) if len(w) > 2 and w not in _TITLE_FILLER
    }


_TITLE_FILLER = frozenset(
    ("and", "the", "for", "with", "our", "you", "your", "are", "de", "del", "la", "las")
    + ("los", "con", "para", "por", "una", "que", "senior", "junior", "lead", "jefe")
)


def _content_words(text: str) -> set[str]:
    """Content words of a text, folded, without a plural "s"."""
    words = re.findall(r"[\w+#]+", fold(text))
    return {
        w[:-1] if len(w) > 3 and w.endswith("s") else w
        for w in words
        if len(w) > 2 and w not in _TITLE_FILLER
    }


SHORT_ROLE_MONTHS = 6  # a role shorter than this names the person only when nothing else fits
LONG_ROLE_MONTHS = 48  # beyond this, a longer role is no closer to who the person is


def related_title(roles: list[Entry], position: str, ad_text: str = "") -> Entry | None:
    """The role whose title is closest to the job: words shared with the position count
    twice, words shared with the ad once; a role of a few months (a placement, a one-off)
    counts half, and a longer role a little more; on a tie the newest role wins. None when
    no role has a title that reads as one."""
    # The position's words by stem ("Designer" meets "Design"), the ad's as whole words: a
    # long ad holds "internal" and "international", which say nothing of an "Intern".
    wanted, context = _content_stems(position), _content_words(ad_text)
    best: tuple[float, Entry] | None = None
    for index, entry in enumerate(roles):
        title = role_title(entry)
        if not title:
            continue
        stems = _content_stems(title)
        score = 2.0 * len(stems & wanted) + len(_content_words(title) & context)
        period = parse_period(entry.dates)
        if period is not None and score > 0:
            months = period.months()
            # Who the person is rests on the roles they held for long, not on a month's one.
            score = score * (0.5 if months < SHORT_ROLE_MONTHS else 1.0)
            score += 0.5 * min(months, LONG_ROLE_MONTHS) / LONG_ROLE_MONTHS
        # Newer roles first on a tie; without dates, the CV's own order (newest first).
        recency = (period.end[0] + period.end[1] / 12) if period else -index
        key = (score, recency)
        if best is None or key > best[0]:
            best = (key, entry)  # type: ignore[assignment]
    return best[1] if best else None


def newest_role(roles: list[Entry]) -> Entry | None:
    """The role that ends last by its dates (a CV may list its roles oldest first)."""
    dated = [(parse_period(e.dates), -i, e) for i, e in enumerate(roles)]
    dated = [(p.end, p.current, i, e) for p, i, e in dated if p is not None]
    if not dated:
        return roles[0] if roles else None
    return max(dated, key=lambda d: (d[1], d[0], d[2]))[3]


def _sentence_end(text: str) -> str:
    """`text` closed by one full stop ("Globex Corp." stays "Globex Corp.")."""
    return text if text.endswith((".", "!", "?")) else text + "."


def summary_opening(
    roles: list[Entry],
    skills: list[str],
    position: str,
    industry: str,
    language: str,
    years: int = 0,
    *,
    title_role: Entry | None = None,
    highlight: str = "",
) -> str:
    """Two or three sentences opening the summary: who (the title closest to the job, the
    years from the CV's dates, the last employers), the strongest line for this job as the CV
    wrote it, and what the person brings to the role. "" when the CV gives too little to say
    something true and well formed."""
    words = phrases(language).summary
    chosen = title_role or (roles[0] if roles else None)
    title = display_name(role_title(chosen)) if chosen else ""
    # The chosen role's employer first, then the newest ones: at most two names.
    named = [chosen, *roles] if chosen else roles
    orgs = list(dict.fromkeys(display_name(r.organisation) for r in named if r.organisation))
    orgs = [o for o in orgs if not _FRAGMENT_END.search(o) and "," not in o][:2]
    if title and years >= 1:
        # Years are counted from the CV's own dates and spelled out, as a person writes them.
        who = words["years"].format(title=title, years=years_in_words(years, language))
        if orgs:
            who += words["at"] + join(orgs, language)
    elif title and orgs:
        who = words["title_orgs"].format(title=title, orgs=join(orgs, language))
    elif title:
        who = words["title"].format(title=title)
    elif orgs:
        who = words["orgs"].format(orgs=join(orgs, language))
    else:
        return ""
    sentences = [_sentence_end(who)]
    if highlight:
        sentences.append(_sentence_end(_cap(highlight.rstrip(" .;,"))))
    sector = words["industry"].format(industry=industry) if industry else ""
    if skills and position:
        sentences.append(
            words["bringing"].format(
                skills=join(skills, language),
                article=_article(position),
                position=position,
                industry=sector,
            )
        )
    elif skills:
        sentences.append(words["skilled"].format(skills=join(skills, language)))
    elif position:
        sentences.append(
            words["seeking"].format(article=_article(position), position=position, industry=sector)
        )
    return " ".join(sentences)


def _rewrite_summary(
    document: CVDocument,
    terms: list[Term],
    position: str,
    industry: str,
    language: str,
    emphasis: set[str],
    changes: list[Change],
    source_text: str = "",
    job_description: str = "",
) -> None:
    entries = role_entries(document)
    roles = [e for e in entries if e.title]
    text = document_text(document)
    skills = []
    for term in terms:
        if term.category in ("degree", "title") or term.origin == "token":
            continue  # a job title or a lone word of the ad is not a skill to bring
        found = surface_form(term, text)
        # A skill seen only inside an employer's name ("DEF Organization") is not a skill.
        if found and any(found in e.organisation for e in roles):
            found = ""
        known = is_named_skill(found or "x") or bool(vocabulary_matches(found or ""))
        if found and not known and " " not in found and len(found) <= 8:
            found = ""  # an everyday word ("user") the ad happened to use
        if found and fold(found) not in {fold(s) for s in skills}:
            # The ad's spelling mid-sentence ("Python", "data warehousing") where it writes
            # the skill; the CV's otherwise, a heading's capitals lowered.
            spelled = spelling(found, [job_description])
            if spelled == found or len(found) <= 5 and found.isupper() and not spelled.isupper():
                # An acronym keeps its capitals: an ad's "the rest" is not "REST".
                spelled = sentence_spelling(found, [text])
            if spelled.isupper() and len(spelled) > 5:
                spelled = display_name(spelled)  # a heading's capitals: "INGLÉS" is "Inglés"
            if spelled.islower() and fold(term.text) == fold(found) and is_named_skill(term.text):
                spelled = term.text  # a tool's own name: "Python", not the CV's "python"
            skills.append(spelled)
        if len(skills) == 3:
            break
    years = years_of_experience(document)
    # Who the person is for this job: the title closest to the ad, not merely the newest
    # (the same choice as the letter's, from the same ad text).
    ad_context = job_description or "\n".join(f"{t.text}\n{t.line}" for t in terms)
    title_role = related_title(roles, position, f"{position}\n{ad_context}")
    chosen = title_role or (roles[0] if roles else None)
    if chosen is not None:
        # "Choir Teacher with twenty years of experience" would credit the title with a
        # software career before it: the years are those of the roles in the title's line
        # of work (under a year: the title stands without a figure).
        years = years_of_experience(document, role_title(chosen))
    highlight = ""
    if entries:
        # The strongest line for this job (or for what the user asked to emphasise), in the
        # CV's own words: a recruiter keeps a summary that shows one result. Only a line that
        # records the person's work, by the letter's classifier (a list of tools or a line
        # about the employer is no evidence), one sentence of it, without a heading label.
        from cvimprover.cv.cover_letter import action_lines  # the letter imports this module

        lines = [
            line
            for e in entries
            for line in action_lines(e.bullets, language)
            if 3 <= len(line.split()) <= 35
            # A line the user may still reject as rewritten is not quoted in its new words:
            # the highlight is a line exactly as the CV wrote it.
            and (not source_text or line in re.sub(r"[ \t]+", " ", source_text))
        ]
        # What the user asked to emphasise leads; otherwise the job's terms decide, and with
        # no line showing them, the CV's best measurable result.
        scored = [b for b in lines if _bullet_score(b, [], emphasis) > 1] if emphasis else []
        pool, weigh = (scored, []) if scored else (lines, terms)
        best = max(pool, key=lambda b: _bullet_score(b, weigh, emphasis), default="")
        if best and _bullet_score(best, weigh, emphasis) > 1:
            highlight = best
        elif not scored:
            # The measurable result closest to the ad's words.
            context = _content_stems(ad_context)
            results = [b for b in lines if METRIC.search(b)]
            highlight = max(results, key=lambda b: len(_content_stems(b) & context), default="")
    sentence = summary_opening(
        roles,
        skills,
        position.strip(),
        industry.strip(),
        language,
        years,
        title_role=title_role,
        highlight=highlight,
    )
    if not sentence:
        return  # too little to build a sentence from: the CV's own words stay as they are
    summary = document.section("summary")
    if summary is None:
        heading = phrases(language).headings["summary"]
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
    original = phrases(language).summary_pronoun.sub("", before.strip())
    summary.text = f"{sentence}\n{_cap(original)}".strip()
    changes.append(
        {
            "before": before,
            "after": summary.text,
            "reason": "opened the summary with the target role and the strongest matching skills",
        }
    )
