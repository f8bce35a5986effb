"""English: the analysis's and rewriter's phrases and every sentence the engine writes."""

from __future__ import annotations

import re

from cvimprover.cv.phrases import Phrases, WeakOpening

# Duty phrases that open a bullet where an action verb should. Each is one the rewriter
# replaces: "Responsible for designing X" -> "Designed X", "Helped build X" -> "Contributed
# to building X".
WEAK_OPENINGS = (
    WeakOpening("responsible for", "own", "Responsible for", verb_object="object"),
    WeakOpening("in charge of", "own", "In charge of", verb_object="object"),
    WeakOpening("tasked with", "own", "Tasked with", verb_object="object"),
    WeakOpening("duties included", "own", "Duties included", verb_object="object"),
    WeakOpening("helped(?: with| to)?", "contribute", "Helped with", verb_object="bare"),
    WeakOpening("assisted(?: with| in)?", "support", "Assisted in"),
    WeakOpening("worked on", "contribute", "Worked on"),
    WeakOpening("involved in", "contribute", "Involved in"),
    WeakOpening("participated in", "contribute", "Participated in"),
)

FINDINGS = {
    "weak_opening": "Start with a strong action verb instead of a duty phrase.",
    "no_metric": "Add a measurable result (a number, percentage or time saved).",
    "first_person": "Drop first-person pronouns; bullets read better without them.",
    "passive_voice": "Use the active voice: say what you did.",
    "long_bullet": "Shorten this bullet to under {limit} words.",
    "mixed_tense": "Verb tenses are mixed within this role; keep one tense.",
    "missing_section": "The CV has no {kind} section.",
    "missing_contact": "Contact details are missing: {name}.",
    "date_unparsed": "This role's dates are missing or could not be read.",
    "date_overlap": "These roles overlap in time; say so if they ran in parallel.",
    "length_short": "The CV is short for {level} years of experience ({words} words).",
    "length_long": "The CV is long for {level} years of experience ({words} words); trim it.",
}

# One sentence per score part saying what it measures.
SCORE_HELP = {
    "keywords": "How many of the job's key terms your CV shows (required ones count double); "
    "half of them gives the full part.",
    "skills": "Whether the job's tools and methods appear in your skills list as well as in "
    "your experience.",
    "structure": "Whether the usual sections, your contact details and readable dates are there.",
    "impact": "How many bullets show a result with a number and open with an action verb.",
    "readability": "Short bullets, one tense per role, no first-person pronouns and a length "
    "that suits your experience.",
}


# One finding per kind, as a recruiter would write it: (one instance, several instances).
GROUPED = {
    "weak_opening": ("1 bullet opens with a duty phrase; start it with an action verb.",
                     "{n} bullets open with a duty phrase; start them with action verbs."),
    "no_metric": ("Only {with} of {total} bullets show a measurable result; add numbers "
                  "(volume, percentage, time saved) where you have them.",) * 2,
    "first_person": ("1 bullet uses first-person pronouns; drop them.",
                     "{n} bullets use first-person pronouns; drop them."),
    "passive_voice": ("1 bullet is in the passive voice; say what you did.",
                      "{n} bullets are in the passive voice; say what you did."),
    "long_bullet": ("1 bullet is over {words} words; shorten it to one or two lines.",
                    "{n} bullets are over {words} words; shorten them to one or two lines."),
    "mixed_tense": ("1 role mixes verb tenses; keep one tense per role.",
                    "{n} roles mix verb tenses; keep one tense per role."),
    "missing_section": ("The CV has no {items} section.",
                        "The CV has no sections for: {items}."),
    "missing_contact": ("Contact details are missing: {items}.",) * 2,
    "date_unparsed": ("1 role has dates that are missing or unreadable.",
                      "{n} roles have dates that are missing or unreadable."),
    "date_overlap": ("2 roles overlap in time; say so if they ran in parallel.",
                     "{n} pairs of roles overlap in time; say so if they ran in parallel."),
}  # fmt: skip


# Numbers a letter spells out, zero to twenty.
NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]

# The summary's opening, built only from the CV's facts and the questionnaire: sentence
# frames, each used only when all its slots have a value.
SUMMARY = {
    "title_orgs": "{title} with experience at {orgs}",
    "title": "{title} with experience",
    "orgs": "Professional with experience at {orgs}",
    "bringing": "Brings {skills} to {article} {position} role{industry}.",
    "skilled": "Skilled in {skills}.",
    "seeking": "Seeking {article} {position} role{industry}.",
    "industry": " in the {industry} sector",
    "years": "{title} with {years} years of experience",
    "numbers": NUMBERS,
    "more_than": "more than {n}",
    "and": " and ",
    "at": " at ",
}


# The cover letter. Slots: {term} (the requirement, as the ad spells it), {where} ("at
# Acme"), {fact} (the CV line, verb-led, first letter lowered), {line} (the CV line as
# written, after a colon). Each frame is used at most once in a letter.
LETTER = {
    "greeting": "Dear Hiring Manager,",
    "greeting_person": "Dear {person},",
    "apply_company": "I am writing to apply for the {position} role at {company}.",
    "apply": "I am writing to apply for the {position} role.",
    "who_newest": "I am {article} {title} with {years} years of experience, most recently "
    "at {org}.",
    "who_newest_short": "I am {article} {title}, most recently at {org}.",
    "who_years": "I have {years} years of experience, including my work as {article} {title}{at}.",
    "who": "I have worked as {article} {title}{at}.",
    "at": " at {org}",
    # A job title keeps its capitals mid-sentence ("I am a Senior Product Designer").
    "title_lowered": False,
    "worked_at": "I have worked at {orgs}.",
    "worked_also": "I have also worked at {orgs}.",
    "fit": "Below are the parts of your ad where my record speaks most directly.",
    "verb_frames": [
        "You ask for {term}: {where}, I {fact}.",
        "On {term}, {where}, I {fact}.",
        "My {term} experience is concrete: {where}, I {fact}.",
        "For {term}, I can point to my time {where}, where I {fact}.",
    ],
    "line_frames": [
        "You ask for {term}; my work {where} shows it: {line}.",
        "On {term}, one line from my time {where}: {line}.",
        "My {term} experience {where} includes this: {line}.",
        "For {term}, I can point to my work {where}: {line}.",
    ],
    "follow_term_verb": [
        "The same role called for {term} too: I {fact}.",
        "It also meant {term}: I {fact}.",
        "It called for {term} as well: I {fact}.",
    ],
    "follow_term_line": [
        "The same role called for {term} too: {line}.",
        "It also meant {term}: {line}.",
        "It called for {term} as well: {line}.",
    ],
    "follow_verb": [
        "There, I also {fact}.",
        "In that role, I also {fact}.",
        "Alongside this, I {fact}.",
        "I also {fact}.",
    ],
    "follow_line": [
        "My work there also covered this: {line}.",
        "In the same role: {line}.",
        "The same role also included this: {line}.",
        "Also from that time: {line}.",
    ],
    "follow_other_verb": ["{where}, I also {fact}.", "{where}, I {fact}."],
    "follow_other_line": [
        "{where}, my work included this: {line}.",
        "{where}, my work took in this: {line}.",
    ],
    "result_frames": [
        "One result I would bring: {where}, I {fact}.",
        "Another result: {where}, I {fact}.",
    ],
    "result_lines": [
        "One result from my time {where}: {line}.",
        "Another result, from my work {where}: {line}.",
    ],
    "record_frames": [
        "My record {where} adds to this: I {fact}.",
        "From my time {where}, I can add that I {fact}.",
    ],
    "record_lines": [
        "My record {where} adds to this: {line}.",
        "From my time {where}: {line}.",
    ],
    "lead_frame": "What I would bring first: {where}, I {fact}.",
    "lead_line": "What I would bring first, from my time {where}: {line}.",
    "where_org": "at {org}",
    "where_title": "as {article} {title}",
    "where_none": "in my last role",
    "where_project": "on my {name} project",
    "where_again": "in the same role",
    "tools_first": "At {org} I worked with {items}",
    "tools_more": "at {org}, with {items}",
    "also": "My CV also lists {items}, all named in your ad.",
    "education": "My education includes {article} {degree}{school}.",
    "school": " from {org}",
    "why": "Your ad's weight on {terms} is where my record is strongest.",
    "based": "I am based in {location}",
    "start": {
        "immediate": "can start straight away",
        "1-3 months": "could start within one to three months",
        "3-6 months": "could start within three to six months",
        "6+ months": "am planning a move in six months or more",
    },
    "based_start": "{based} and {start}.",
    "start_only": "I {start}.",
    "close_company": "I would welcome the chance to discuss how this experience could "
    "help {company}.",
    "close": "I would welcome the chance to discuss how this experience could help your team.",
    "thanks": "Thank you for considering my application.",
    "sign_off": "Kind regards,",
}

PHRASES = Phrases(
    code="en",
    weak_openings=WEAK_OPENINGS,
    weak_lead_in=r"(?:(?:i|we)\s+)?(?:was\s+|were\s+|am\s+)?",
    first_person=re.compile(r"\b(?:i|me|my|mine|we|our)\b", re.IGNORECASE),
    metric_words=(*NUMBERS[1:11], "doubled", "tripled", "halved"),
    passive_auxiliaries=("was", "were", "been", "being", "is", "are"),
    passive_adverb=r"\w+ly",
    passive_participles=(
        r"\w+ed",
        "built",
        "made",
        "done",
        "given",
        "taken",
        "written",
        "run",
        "led",
        "chosen",
        "seen",
        "held",
        "sold",
    ),
    # verbs.txt gives an English verb as: base | past | third person | gerund
    tense_forms={"past": (1,), "present": (0, 2)},
    past_suffixes=("ed",),
    object_form=3,
    bare_form=0,
    gerund_form=3,
    action_ending=r"\w{2,}(?:ed|ing)",
    action_nouns=r"development|design|management|implementation|execution|analysis|support|"
    r"maintenance|administration|coordination|research|creation|automation|integration|"
    r"migration|planning|setup|installation|configuration|optimi[sz]ation|delivery|testing|"
    r"monitoring|training|sales|recruitment|preparation|evaluation|supervision|fabrication|"
    r"documentation|modell?ing|visuali[sz]ation|teaching|tutoring|mentoring|leadership|"
    # What the person was in the work: "Creator of ...", "Co-founder of ..."
    r"creator|founder|co-founder|teacher|instructor|administrator",
    action_object=r"of|for|with|in|on|using|across",
    contractions=(),
    pronoun_start=re.compile(r"^(?:I|We)\s+(?:have\s+|had\s+)?(?=\w)", re.IGNORECASE),
    # "I am a data engineer..." -> "Data engineer...": summaries drop the pronoun and its verb.
    summary_pronoun=re.compile(r"^(?:I am|I'm|We are)\s+(?:an?\s+)?|^(?:I|We)\s+", re.IGNORECASE),
    weak_verbs={
        "own": ("Owned", "Own"),
        "support": ("Supported", "Support"),
        "contribute": ("Contributed to", "Contribute to"),
    },
    score_help=SCORE_HELP,
    findings=FINDINGS,
    grouped=GROUPED,
    headings={"skills": "Skills", "summary": "Professional summary"},
    summary=SUMMARY,
    letter=LETTER,
)
