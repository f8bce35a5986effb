"""The CV's header: who the person is and how to reach them.

Finds the name, the headline (the title under the name), e-mail, phone, location and links
in the lines above the first section heading (and in side columns), and says which of those
lines hold something else, so the caller can keep them.
"""

from __future__ import annotations

import re
import unicodedata

from cvimprover.cv.dates import find_dates
from cvimprover.cv.document import Contact, Link
from cvimprover.cv.layout import PROFILE_HOSTS
from cvimprover.cv.vocabulary import fold, heading_key

Dropped = list[tuple[str, str]]


def _parse():  # noqa: ANN202
    """The parser module, for its heading test and its role and organisation words.

    parse.py imports this module, so it is looked up when first needed, not at import."""
    from cvimprover.cv import parse

    return parse


def _heading_kind(text: str) -> str | None:
    return _parse().heading_kind(text)


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
# An address written out to fool harvesters: "jane[dot]doe[at]uni[dot]edu", "jane (at) uni.edu",
# "jane {arroba} uni [punto] es", "jane at uni dot edu". The spelled-out form with bare
# spaces needs " dot " too, so that "worked at Acme.com" in a sentence is no address.
_ATOM = r"[\w+-]+"
_MARK = r"\s*[\[({<]\s*(?:WORDS)\s*[\])}>]\s*"
_AT_MARK = _MARK.replace("WORDS", "at|arroba")
_DOT_MARK = _MARK.replace("WORDS", "dot|punto")
_BRACKETED_EMAIL = re.compile(
    rf"(?<![\w.]){_ATOM}(?:(?:{_DOT_MARK}|\.){_ATOM})*(?:{_AT_MARK}|@){_ATOM}"
    rf"(?:(?:{_DOT_MARK}|\.){_ATOM})+",
    re.IGNORECASE,
)
_SPELLED_EMAIL = re.compile(
    rf"(?<![\w.]){_ATOM}(?:(?:\s+(?:dot|punto)\s+|\.){_ATOM})*\s+(?:at|arroba)\s+{_ATOM}"
    rf"(?:\s+(?:dot|punto)\s+{_ATOM})+",
    re.IGNORECASE,
)


def _rebuilt(match: re.Match[str]) -> str:
    raw = match.group(0)
    if "@" in raw and not re.search(_DOT_MARK, raw, re.IGNORECASE):
        return raw  # a plain address: EMAIL reads it
    address = re.sub(_AT_MARK, "@", raw, flags=re.IGNORECASE)
    address = re.sub(_DOT_MARK, ".", address, flags=re.IGNORECASE)
    address = re.sub(r"\s+(?:at|arroba)\s+", "@", address, flags=re.IGNORECASE)
    address = re.sub(r"\s+(?:dot|punto)\s+", ".", address, flags=re.IGNORECASE)
    return address if EMAIL.fullmatch(address) else raw


def unobfuscated(text: str) -> str:
    """`text` with each address written out with "[at]", "(dot)", " arroba " ... rebuilt,
    only where the result is a valid address."""
    for pattern in (_BRACKETED_EMAIL, _SPELLED_EMAIL):
        text = pattern.sub(_rebuilt, text)
    return text


PHONE = re.compile(
    r"(?<![\w/])(?:\+\(?|\(\+?)?\d[\d ().*–-]{6,}[\d*]"
    r"(?:\s*(?:ext\.?|x|extensi[oó]n)\s*\d{1,5})?(?![\w/])",
    re.IGNORECASE,
)
_TLDS = (
    "com|dev|io|me|net|org|es|co|design|site|app|page|xyz|ai|tech|info|eu|uk|de|fr|it|pt|mx|ar"
    "|cl|pe|in|cv|online|studio|art|blog|ag|ly|gg|link|br|ca|au|nl|ch|pl"
)
# An address with a scheme or "www." is a link whatever its shape. A bare domain must look
# like one: a known top-level domain in lower case ("jane.dev", "Jane-Doe.com"), or a whole
# address in capitals whose name is longer than an acronym ("JANEDOE.COM"). Technology
# names are not addresses: "VB.Net" (a capitalised ending), "ASP.NET" and "ADO.NET" (an
# acronym before the dot); "Node.js" has no known ending at all.
URL = re.compile(
    r"(?:https?://|www\.|skype:(?://)?)[^\s|,;()<>]+"
    rf"|(?<![@\w.])(?-i:(?:[A-Za-z0-9-]+\.)+(?:{_TLDS})"
    rf"|[A-Z0-9-]{{4,}}\.(?:[A-Z0-9-]+\.)*(?:{_TLDS.upper()}))"
    r"(?:/[^\s|,;()<>]*)?(?![\w.])",
    re.IGNORECASE,
)
# Links found outside the contact block must look like profiles, not "ASP.NET" in a skill list.
_PROFILE_URL = re.compile(r"linkedin\.|github\.|gitlab\.|behance\.|dribbble\.", re.IGNORECASE)
# Words that label a contact detail, in English and Spanish, with the qualifiers printed
# before or after them ("Cell Phone:", "E-mail Address:", "Teléfono móvil:", "Página web:").
_LABEL_QUALIFIER = r"(?:(?:cell|mobile|home|work|office|personal|contact|main|primary)\s+)?"
_LABEL_CORE = (
    r"e-?mail(?:\s+address)?|correo(?:\s+electr[oó]nico)?|mail|"
    r"phone(?:\s+(?:number|no\.?))?|telephone|tel[eé]fono(?:\s+(?:m[oó]vil|fijo))?|"
    r"tel|tlf|tfno|mobile|cell|m[oó]vil|celular|whats\s?app|"
    r"location|ubicaci[oó]n|address|direcci[oó]n(?:\s+postal)?|domicilio|city|ciudad|"
    r"localidad|home|residence|residencia|lugar de residencia|based in|"
    r"linkedin|github|gitlab|web|website|web\s+site|p[aá]gina\s+web|sitio\s+web|blog|"
    r"portfolio|portafolio|skype|mail ?address|mailing address|postal address|homepage|"
    r"twitter|xtwitter|behance|dribbble|orcid|instagram"
)
# "Mobile No.:", "Phone number:"; and the one-letter labels of designer templates ("T:",
# "E:", "W:"), which only count with their colon.
_LABEL_SUFFIX = r"(?:\s+(?:number|no\.?|n[uú]mero|address))?"
_LABEL_WORDS = _LABEL_QUALIFIER + rf"(?:{_LABEL_CORE}){_LABEL_SUFFIX}" + r"|[tmepwa](?=\.?\s*:)"
# Not "skype://jane": a scheme's colon is part of the address.
_LABEL = re.compile(rf"^(?:{_LABEL_WORDS})\.?\s*:(?!//)\s*", re.IGNORECASE)
_LABEL_ALONE = re.compile(rf"^(?:{_LABEL_WORDS})\.?\s*:?$", re.IGNORECASE)
# A label inside a one-line contact block ("Sophiya Singh Email: s@x.com Mobile: +91...").
_INLINE_LABEL = re.compile(rf"(?<!\S)(?:{_LABEL_WORDS})\.?\s*:(?!//)\s*", re.IGNORECASE)
_LOCATION_LABEL = re.compile(
    r"^(?:(?:home|postal|mailing)\s+)?(?:location|ubicaci[oó]n|address|direcci[oó]n(?: postal)?|"
    r"domicilio|based in|residencia|residence|lugar de residencia|city|ciudad|localidad|home|"
    r"a(?=\.?\s*:))\.?\s*:\s*",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s+[|•·◆⋄♦–—-]\s+|\s*\|\s*|\s{2,}|\t")
_SEPARATORS_WITH_SLASH = re.compile(rf"{_SEPARATORS.pattern}|\s+/\s+")
_NAME_WORDS = r"(?:full name|name|nombre(?: completo)?|nombre y apellidos)"
_NAME_LABEL = re.compile(rf"^{_NAME_WORDS}\s*:\s*", re.IGNORECASE)
_NAME_LABEL_ALONE = re.compile(rf"^{_NAME_WORDS}\s*:?$", re.IGNORECASE)
_STREET = re.compile(
    r"\b(?:street|st\.|avenue|ave\.?|road|rd\.|lane|drive|blvd|boulevard|suite|apt\.?|way|"
    r"court|place|circle|parkway|terrace|square|"
    r"calle|c/|avda\.?|avenida|plaza|pza\.?|paseo|camino|piso|portal|n[ºo°]\.?|"
    r"rue|chemin|all[ée]e|impasse|rua|travessa|viale|piazza|corso|ul\.|ulica)(?=\s|$|\d|,)"
    # German, Dutch and Nordic streets end their name with the street word, then the number.
    r"|[^\W\d_]{2}(?:stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|damm|ufer|gracht|straat|laan|"
    r"plein|kade|dijk|singel|vej|gade|gatan|v[äa]gen|veien)\s*\d"
    # Italian "Via Roma 10": only with a capitalised name and a number ("via LinkedIn" is not).
    r"|\bvia\s+(?:(?:dei|del|della|delle|degli|di)\s+)?(?-i:[A-ZÀ-Ý])[^\W\d_]*(?:\s+[^\W\d_]+){0,3}\s+\d{1,4}[a-z]?\b(?![/:.])",
    re.IGNORECASE,
)
# Postcodes: US and Spanish five digits, British "SW1A 2AA", Dutch "1015 CJ", Canadian
# "H2X 1K4", four digits before a town ("1010 Wien"; not a year), Portuguese "4050-262"
# and Polish "00-950 Warszawa".
_POSTCODE = re.compile(
    r"\b\d{5}\b|\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b|\b\d{4} ?[A-Z]{2}\b|"
    r"\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b|\b(?!19|20)\d{4}\s+[A-ZÀ-ÖØ-Þ][^\W\d_]{2,}|"
    r"\b\d{4}-\d{3}\b|\b\d{2}-\d{3}\s+[A-ZÀ-ÖØ-Þ]|"
    # Six-digit codes (China, India, Russia, Singapore) only beside a place name.
    r"\b\d{6}\s+[A-ZÀ-ÖØ-Þ][^\W\d_]{2,}|[A-ZÀ-ÖØ-Þ][^\W\d_]{2,},?\s+\d{6}\b"
)
DOCUMENT_TITLES = {"curriculum vitae", "curriculum", "resume", "résumé", "cv", "hoja de vida"}
_NAME_PARTICLES = {
    "de", "del", "la", "las", "los", "y", "e", "i", "van", "von", "der", "den", "da", "das",
    "do", "dos", "di", "du", "le", "bin", "al", "el", "ten", "ter", "zu",
}  # fmt: skip
# Words that make a capitalised line a job title or a heading, not a person's name.
_NOT_NAME = re.compile(
    r"\b(?:engineer|developer|manager|designer|analyst|nurse|consultant|director|officer|"
    r"assistant|specialist|teacher|student|intern|architect|scientist|administrator|"
    r"accountant|lead|senior|junior|technician|coordinator|full stack|backend|frontend|"
    r"ingenier[oa]|desarrollador[a]?|dise[nñ]ador[a]?|analista|enfermer[oa]|gerente|jef[ea]|"
    r"t[eé]cnic[oa]|profesor[a]?|estudiante|coordinador[a]?|consultor[a]?|programador[a]?|"
    r"university|universidad|company|ltd|inc|s\.a\.|street|calle)\b",
    re.IGNORECASE,
)


_PROFILE_PATH = re.compile(
    r"(?:linkedin\.com/(?:in|pub|company)/[^/]+|(?:github|gitlab)\.com/[^/]+|"
    r"(?:twitter|x)\.com/[^/]+|stackoverflow\.com/users/\d+(?:/[^/]+)?|orcid\.org/[^/]+|"
    r"(?:behance\.net|dribbble\.com|medium\.com|kaggle\.com)/[^/]+|scholar\.google\.[^/]+/.*)/?$",
    re.IGNORECASE,
)


def link_key(url: str) -> str:
    """A link without scheme, "www.", query or trailing slash, for telling duplicates apart."""
    url = re.sub(r"^[a-z]+://", "", url.strip().lower())
    return url.removeprefix("www.").split("?", 1)[0].rstrip("/")


def _site_key(url: str) -> str:
    """link_key without a country or language subdomain: "it.linkedin.com/in/jane" is the
    address printed as "linkedin.com/in/jane", in the reader's language."""
    return re.sub(r"^[a-z]{2}\.(?=[^/.]+\.[^/]+)", "", link_key(url))


def _named_in_prose(target: str, visible: str, header: str) -> bool:
    """Whether a site's address is printed only inside sentences of the body ("creator of
    the sites a.com and b.com"), never in the contact block or on a line of its own."""
    shown = link_key(target)
    if not shown or shown not in visible or shown in header:
        return False
    lines = [line for line in visible.split("\n") if shown in line]
    return all(
        len(line.replace(shown, " ").split()) > 3 and not _details_line(line) for line in lines
    )


# "© European Union, 2002-2013 | http://...", "Copyright 2020 Acme": a notice printed by the
# template (PDF fonts often draw the sign as a plain "c"), with a year.
_NOTICE = re.compile(
    r"^\s*(?:©|\([cC]\)|[Cc]opyright\b|COPYRIGHT\b|c(?=\s+[A-ZÀ-Þ]))(?=.*\b(?:19|20)\d\d\b)"
)


def _without_notices(text: str) -> str:
    """`text` with its copyright notices blanked (same length, lines kept in place)."""
    return "\n".join(" " * len(line) if _NOTICE.match(line) else line for line in text.split("\n"))


def add_link_targets(
    contact: Contact,
    targets: list[str],
    visible: str = "",
    header: str = "",
    listed: set[str] | None = None,
) -> None:
    """Add the file's link targets (a PDF's link annotations) to the contact. `visible` is
    the CV's text and `header` its contact block, both lower-cased: a personal site whose
    address is printed only in the body (a site the person built) is not a contact link,
    nor is one of the `listed` sites (see _listed_links: an employer's, a project's)."""
    known = {_site_key(link.url) for link in contact.links}
    listed = listed or set()
    for target in targets:
        scheme, _, rest = target.partition(":")
        if scheme.lower() == "mailto":
            # Only an address the reader can see: an envelope icon alone shows none.
            if rest.strip().lower() in visible:
                contact.email = contact.email or rest.strip()
            continue
        if scheme.lower() in ("tel", "callto"):
            contact.phone = contact.phone or rest.strip()
            continue
        if PROFILE_HOSTS.search(target) and not _PROFILE_PATH.search(target):
            continue  # a repository or a post, not the person's profile
        if header and not PROFILE_HOSTS.search(target) and _named_in_prose(target, visible, header):
            continue
        if link_key(target) in listed and not _PROFILE_PATH.search(target):
            continue  # printed inside a job or a project: the employer's or the project's
        if _site_key(target) not in known and len(contact.links) < 8:
            known.add(_site_key(target))
            contact.links.append(Link(label=_link_label(target), url=target))


# ---------------------------------------------------------------------------------------------
# Contact block


# A LaTeX command printed as text ("\\faPhone", "\\csuse {phonesymbol}"): a template whose
# icon font failed to load shows the command where the icon should be.
_TEX_COMMAND = re.compile(r"\\[A-Za-z@]+\*?(?:\s*\{[^{}]*\})*(?:\\(?=\s))?")


def _without_icons(line: str) -> str:
    """Icon glyphs (Font Awesome's private-use characters, pictographs such as ✉ or ☎, or
    the LaTeX command meant to draw one) stand between contact details in designer
    templates: read them as separators, with the colon some print after the icon."""
    line = _TEX_COMMAND.sub("\ue000", line)
    text = "".join(" | " if unicodedata.category(ch) in ("Co", "So") else ch for ch in line)
    return re.sub(r"\|\s*:\s*", "| ", text).strip(" |")


_LETTER_SPACED = re.compile(r"^(?:[^\W\d_] ){2,}[^\W\d_]$")


def _unspaced(text: str) -> str:
    """ "J A N E" -> "JANE", "S E N I O R A C C O U N T A N T" -> "SENIOR ACCOUNTANT":
    designer templates space out the letters of names and titles, and the text keeps a
    space after each letter. Long runs are cut back into words by word frequency."""
    if not _LETTER_SPACED.match(text):
        return text
    run = text.replace(" ", "")
    return _split_words(run) if len(run) >= 10 else run


def _split_words(run: str) -> str:
    """A run of letters cut into common English or Spanish words, longest words first;
    the run unchanged when no such cut covers it."""
    from wordfreq import zipf_frequency

    folded = run.lower()
    best: list[tuple[int, list[int]] | None] = [None] * (len(run) + 1)
    best[0] = (0, [])
    for end in range(2, len(run) + 1):
        for start in range(max(0, end - 20), end - 1):
            if best[start] is None:
                continue
            word = folded[start:end]
            if max(zipf_frequency(word, "en"), zipf_frequency(word, "es")) < 3.0:
                continue
            score = best[start][0] + len(word) ** 2
            if best[end] is None or score > best[end][0]:
                best[end] = (score, [*best[start][1], end])
    if best[-1] is None:
        return run
    cuts = [0, *best[-1][1]]
    return " ".join(run[a:b] for a, b in zip(cuts, cuts[1:], strict=False))


def _separated(line: str) -> list[str]:
    """The line cut at its separators, except inside a phone number: "(416) 000 – 0000"
    prints a dash between its digit groups like the dash between two details."""
    phones = [(a, b) for a, b, found in phone_matches(line) if phone_in(found)]
    # A spaced slash separates details on a line that holds one ("a@b.co / +34 612... /
    # Madrid, España"); elsewhere it joins alternatives ("Designer / Illustrator").
    details = bool(phones or EMAIL.search(line) or URL.search(line))
    separators = _SEPARATORS_WITH_SLASH if details else _SEPARATORS
    parts, position = [], 0
    for match in separators.finditer(line):
        if any(a < match.start() and match.end() < b for a, b in phones):
            continue
        parts.append(line[position : match.start()])
        position = match.end()
    return [*parts, line[position:]]


def _segments(line: str) -> list[str]:
    out = []
    for part in _separated(_without_icons(line)):
        part = _unspaced(part.strip())
        # Split a one-line block at its labels so "Name Email: x" gives "Name" and "Email: x".
        starts = [m.start() for m in _INLINE_LABEL.finditer(part) if m.start() > 0]
        pieces = [part[a:b] for a, b in zip([0, *starts], [*starts, len(part)], strict=True)]
        for piece in pieces:
            for value in _split_values(piece):
                value = value.strip(" -|•·,;")
                if value:
                    out.extend(_name_then_title(value))
    return out


def _name_then_title(text: str) -> list[str]:
    """ "Jane Doe, Software Engineer" -> ["Jane Doe", "Software Engineer"]: a name and a job
    title printed on one line with a comma between them."""
    name, comma, title = text.partition(",")
    if not comma or all(_is_credential(piece) for piece in title.split(",") if piece.strip()):
        return [text]  # "Jane Doe, Ph.D.": credentials belong to the name
    if _role_like(title) and is_name(name.strip()):
        return [name.strip(), title.strip()]
    return [text]


def _split_values(text: str) -> list[str]:
    """Cut a run of contact details printed with only spaces between them ("a@b.co +1 555
    0100 San Francisco, CA") at each e-mail, link and phone number."""
    spans: list[tuple[int, int]] = []
    found = [(m.start(), m.end()) for pattern in (EMAIL, URL) for m in pattern.finditer(text)]
    found += [(a, b) for a, b, phone in phone_matches(text) if phone_in(phone)]
    for start, end in found:
        if not any(a < end and start < b for a, b in spans):
            spans.append((start, end))
    if not spans:
        return [text]
    out, position = [], 0
    for start, end in sorted(spans):
        if text[position:start].strip() == "+":
            start -= 1  # "me@x.es+34 612..." printed with no space: the plus is the phone's
        out.append(text[position:start])
        out.append(text[start:end])
        position = end
    out.append(text[position:])
    # A label stays with the value it introduces ("Email:" + "a@b.co").
    merged: list[str] = []
    for piece in out:
        if merged and _LABEL.fullmatch(merged[-1].strip() + " ") is not None:
            merged[-1] = merged[-1].strip() + " " + piece.strip()
        elif piece.strip():
            merged.append(piece)
    return merged


def is_link_label(text: str) -> bool:
    """Whether `text` names a kind of link instead of showing its address ("LinkedIn",
    "GitHub profile", "Portfolio", "Website")."""
    core = re.sub(r"^(?:my|mi|see|visit|ver)\s+", "", text.strip(" :"), flags=re.I)
    core = re.sub(r"\s+(?:profile|perfil|page|p[aá]gina)$", "", core, flags=re.I)
    if not core or URL.search(core):
        return False
    return _LABEL_ALONE.match(core) is not None or _SITE_NAME.fullmatch(core) is not None


# Sites a CV links to by name only ("My Wikipedia page", "ResearchGate").
_SITE_NAME = re.compile(
    r"wikipedia|researchgate|google\s+scholar|academia\.edu|stack\s?overflow|kaggle|medium|"
    r"personal\s+(?:site|web\s?site|home\s?page)|sitio\s+personal",
    re.IGNORECASE,
)


def _link_label(url: str) -> str:
    lowered = url.lower()
    if "linkedin." in lowered:
        return "LinkedIn"
    if "github." in lowered:
        return "GitHub"
    if "gitlab." in lowered:
        return "GitLab"
    if lowered.startswith("skype:"):
        return "Skype"
    return "Portfolio"


# "Austin, TX 78701 – (555) 123-4567": a postcode, a spaced dash between two details, then
# the phone; the pattern alone reads all of it as one number.
_NUMBER_BEFORE_PHONE = re.compile(r"^\d{4,6}(?:\s+[–—|-])+\s+(?=[+(]?\d)")


def phone_matches(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each run PHONE finds, without a postcode printed before it."""
    out = []
    for match in PHONE.finditer(text):
        start, candidate = match.start(), match.group(0)
        lead = _NUMBER_BEFORE_PHONE.match(candidate)
        if lead:
            start, candidate = start + lead.end(), candidate[lead.end() :]
        out.append((start, match.end(), candidate))
    return out


# A number labelled as a fax or a voicemail box does not reach the person: it is taken only
# when no other number is printed.
_NOT_PERSONAL_LABEL = re.compile(
    r"\b(?:fax|telefax|voice\s?mail|buz[oó]n(?: de voz)?|anrufbeantworter)\b", re.IGNORECASE
)


def phone_in(text: str) -> str:
    """The person's phone number in `text`: the first one not labelled as a fax or a
    voicemail box ("[Voicemail] (555) 010-0100 x12 / [Mobile] (555) 010-0199"), else the
    first one."""
    best, best_rank, after = "", 3, 0
    for start, end, found in phone_matches(text):
        candidate = found.strip()
        digits = re.sub(r"(?:ext\.?|x|extensi[oó]n)\s*\d+$", "", candidate, flags=re.I)
        digits = re.sub(r"[^\d*]", "", digits)  # "+49 176 *** **": masked digits still count
        if not 9 <= len(digits) <= 15 or len(digits) - digits.count("*") < 5:
            continue
        if _dates_not_phone(candidate):
            continue
        # Its label: the words before it on its line, after any number printed before it.
        label = text[max(after, text.rfind("\n", 0, start) + 1) : start]
        after = end
        rank = 1 if _NOT_PERSONAL_LABEL.search(label) else 0
        if rank < best_rank:
            best, best_rank = candidate, rank
        if rank == 0:
            break
    return best


def _is_name_word(word: str) -> bool:
    if word.lower() in _NAME_PARTICLES:
        return True
    core = word.strip('.,"“”‘’()')  # a nickname in quotes or brackets: Robert "Bob" Smith
    # Letters, apostrophes and hyphens; combining marks carry vowels in Devanagari, Thai...
    if not core or not all(
        ch.isalpha() or ch in "'’.-" or unicodedata.category(ch) in ("Mn", "Mc") for ch in core
    ):
        return False
    first = core[0]
    category = unicodedata.category(first)
    # Upper-case in cased scripts (Latin, Cyrillic, Greek...), or a caseless script.
    return category in ("Lu", "Lt") or (category == "Lo")


_MY_NAME = re.compile(r"^.*?\b(?:my name is|mi nombre es|me llamo|i'?m|i am|soy)\s+", re.IGNORECASE)
_TITLE_AROUND = re.compile(
    r"^(?:curriculum vitae|curr[ií]culum|resume|r[ée]sum[ée]|cv)\s+|"
    r"\s+(?:curriculum vitae|curr[ií]culum|resume|r[ée]sum[ée]|cv)$",
    re.IGNORECASE,
)


def _strip_monogram(text: str) -> str:
    """ "JD Jane Doe" -> "Jane Doe": designer templates print the initials as a logo."""
    first, _, rest = text.partition(" ")
    initials = "".join(w[0] for w in rest.split() if w.lower() not in _NAME_PARTICLES)
    if first.isupper() and 1 < len(first) <= 3 and initials and first == initials.upper():
        return rest
    return text


_CREDENTIALS = re.compile(r",\s*(?:[A-Z][A-Za-z.]{1,5})(?:\s*,\s*[A-Z][A-Za-z.]{1,5})*$")


# US states and Canadian provinces print like credentials after a comma ("New York, NY").
# Maryland, Pennsylvania and Prince Edward Island share theirs with a doctor, a physician
# assistant and a professional engineer, and are left out.
_REGION_CODES = frozenset(
    re.findall(
        "[A-Z]{2}",
        "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MA MI MN MS MO MT NE NV NH "
        "NJ NM NY NC ND OH OK OR RI SC SD TN TX UT VT VA WA WV WI WY AB BC MB NB NL NS NT NU ON "
        "QC SK YT",
    )
)


def _is_credential(piece: str) -> bool:
    """ "RN", "PhD", "Ph.D.", "M.Sc.", "CPA": an abbreviation after a name, not a word."""
    piece = piece.strip()
    if piece in _REGION_CODES:
        return False
    capitals = sum(ch.isupper() for ch in piece)
    return bool(re.fullmatch(r"[A-Z][A-Za-z.]{0,5}", piece)) and (capitals >= 2 or "." in piece)


def is_name(text: str, *, single: bool = False) -> bool:
    """Whether `text` reads as a person's name, in any alphabet ("Jane Doe, RN" too)."""
    core = _CREDENTIALS.sub("", text)
    if core != text and all(
        _is_credential(piece) for piece in text[len(core) :].split(",") if piece.strip()
    ):
        # A full name before the letters: "Toronto, ON" is a town and its province.
        return len(core.split()) >= 2 and is_name(core)
    words = text.split()
    caseless = unicodedata.category(text[:1]) == "Lo" if text else False
    long_enough = len(text) >= 4 or caseless and len(text) >= 2
    if not 1 <= len(words) <= 7 or (len(words) == 1 and not (single and long_enough)):
        return False
    if len(text) > 60 or "," in text or text.lower() in DOCUMENT_TITLES or _NOT_NAME.search(text):
        return False
    if words[0].lower() in _NAME_PARTICLES or _heading_kind(text):
        return False
    letters = sum(1 for w in words if w.lower() not in _NAME_PARTICLES)
    return letters >= 1 and all(_is_name_word(w) for w in words)


_PLACE = re.compile(
    r"^[^\W\d_][\w .'’-]*(?:,\s*[^\W\d_][\w .'’-]*){1,2}$",
)


_PLACE_IN_BRACKETS = re.compile(r"^[^\W\d_][\w .'’-]*\s*\([^\W\d_][\w .'’-]*\)$")


def is_place(text: str) -> bool:
    if _PLACE_IN_BRACKETS.match(text) and len(text) <= 40 and not _parse()._ROLE_WORDS.search(text):
        return True  # "Madrid (Spain)"
    if not _PLACE.match(text) or len(text) > 60:
        return False
    if _role_like(text) or _parse()._ORG_WORDS.search(text):
        return False  # "Ana Ruiz, Diseñadora Gráfica": a name and a title
    pieces = [part.strip() for part in text.split(",")]
    if not all(p[:1].isupper() and len(p.split()) <= 4 for p in pieces):
        return False
    return sum(_known_term(p) for p in pieces) < 2  # "JavaScript, Python": a skill list


def _known_term(text: str) -> bool:
    """Whether `text` is, whole, a skill or tool the vocabulary knows ("Python", "Excel")."""
    from cvimprover.cv.keywords import match_entries

    return any(start == 0 and end == len(text) for _, start, end in match_entries(text))


def _is_address(text: str) -> bool:
    if len(text) > 120 or EMAIL.search(text):
        return False
    has_letters = sum(ch.isalpha() for ch in text) >= 4
    return has_letters and bool(_STREET.search(text) or (_POSTCODE.search(text) and "," in text))


_NAME_WINDOW = 6  # lines from the top of the header where the name is looked for


# "Jane Doe (she/her)", "Alex Kim [they/them]", "Ana Ruiz (ella)".
_PRONOUNS = re.compile(
    r"\s*[(\[]\s*(?:pronouns\s*:\s*)?(?:she|he|they|ze|xe|ella|[eé]l|elle)"
    r"(?:\s*/\s*[^\W\d_]+){0,2}\s*[)\]]$",
    re.IGNORECASE,
)


def _name_text(clean: str) -> str:
    """A name candidate without a greeting, a monogram, pronouns or "CV" printed around it."""
    trimmed = _MY_NAME.sub("", clean) if _MY_NAME.match(clean) else clean
    trimmed = _PRONOUNS.sub("", trimmed)
    return _TITLE_AROUND.sub("", _strip_monogram(trimmed)).strip()


def _handles(contact: Contact) -> str:
    """The e-mail's local part and the links' paths, folded: people sign them with their name."""
    local = contact.email.partition("@")[0]
    paths = [re.sub(r"^[a-z]+://|^www\.", "", link.url.lower()) for link in contact.links]
    return fold(" ".join([local, *paths])).lower()


def _name_score(text: str, number: int, alone: bool, words: int, handles: str) -> float:
    """How much a name-shaped candidate reads as the person's name rather than a job title
    or a tagline printed in capitals: near the top, alone on its line, two to four words,
    echoed by the e-mail address or a profile link, free of job-title words."""
    score = 3.0 - 0.5 * number
    score += 1.5 if alone else 0.0
    score += 1.0 if 2 <= words <= 4 else 0.0
    folded = [
        fold(w).lower().strip(".,'’-") for w in text.split() if w.lower() not in _NAME_PARTICLES
    ]
    if any(len(w) >= 3 and w in handles and not _function_word(w) for w in folded):
        score += 3.0
    if _parse()._ROLE_WORDS.search(text):
        score -= 2.0
    return score


def _function_word(word: str) -> bool:
    """ "your", "the", "my": words so frequent that an address holds them by chance
    ("youremail@", "info@mysite") rather than because the person signs with them."""
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, "en"), zipf_frequency(word, "es")) >= 6.0


def _details_only(segments: list[str], contact: Contact) -> bool:
    """Whether a line holds nothing but contact details, their labels or an address."""
    for segment in segments:
        clean = _LABEL.sub("", segment).strip()
        if clean and not (
            _is_contact_value(clean, contact) or _LABEL_ALONE.match(clean) or _is_address(clean)
        ):
            return False
    return True


def _close_lines(lines: list[str]) -> tuple[list[str], set[int]]:
    """The non-blank lines, stripped, and the positions (in that list) of those printed
    after a blank line: a name does not continue across one."""
    kept: list[str] = []
    apart: set[int] = set()
    for line in lines:
        if line.strip():
            kept.append(line.strip())
        elif kept:
            apart.add(len(kept))
    return kept, apart


def _choose_name(
    head: list[str], contact: Contact, apart: set[int] | None = None
) -> tuple[int, int] | None:
    """The (line, segment) where the name is printed: the best-scoring name-shaped candidate
    among the header's first lines. None when a line labels the name ("Nombre: ...").
    `apart` holds the lines printed after a blank line (see _close_lines)."""
    apart = apart or set()
    candidates: list[tuple[float, int, int]] = []
    handles = _handles(contact)
    rank = 0  # lines above that are not only contact details (a sidebar's block comes first)
    for number, line in enumerate(head):
        if rank >= _NAME_WINDOW:
            break
        segments = _segments(line)
        rank += not _details_only(segments, contact)
        # A single word among e-mails and links is a town, not a one-word name.
        values = [_is_contact_value(_LABEL.sub("", s).strip(), contact) for s in segments]
        on_details_bar = sum(values) >= 2
        for position, segment in enumerate(segments):
            if _NAME_LABEL.match(segment):
                return None
            clean = _LABEL.sub("", segment).strip()
            if not clean or _is_contact_value(clean, contact):
                continue
            text = _name_text(clean)
            if _PLACE_IN_BRACKETS.match(text) and is_place(text):
                continue  # "Madrid (Spain)"
            joined = _second_name_line(text, segments, head, number, apart, handles)
            if joined:
                text = f"{text} {joined}"  # a name printed over two lines
            elif not is_name(text, single=_single_ok(head, number) and not on_details_bar):
                continue
            # Alone on its line, or beside nothing but its headline (and contact details).
            others = segments[:position] + segments[position + 1 :]
            alone = len(segments) == 1 or (
                any(_role_like(other) for other in others)
                and all(
                    _role_like(other) or _is_contact_value(_LABEL.sub("", other).strip(), contact)
                    for other in others
                )
            )
            score = _name_score(text, rank - 1, alone, len(text.split()), handles)
            candidates.append((score, -number, -position))
    if not candidates:
        return _lower_case_name(head[:_NAME_WINDOW], handles)
    _, number, position = max(candidates)
    return -number, -position


def _second_name_line(
    text: str,
    segments: list[str],
    head: list[str],
    number: int,
    apart: set[int],
    handles: str,
) -> str:
    """The rest of a name printed over two lines ("JOSÉ LUIS" / "MARTÍNEZ GARCÍA", "ZOË" /
    "ØDEGÅRD"), or "". No blank line between; the second line is no job title, heading or
    contact detail. Under a first line of two or more words both lines hold only their part
    of the name, and the second must read as a surname: echoed by the e-mail or a link, or
    rare words in capitals under capitals ("JANE DOE" / "MARKETING" is a name and a
    headline, and so is "Дмитрий Иванов" / "Бухгалтер")."""
    if number + 1 >= len(head) or number + 1 in apart:
        return ""
    following = _segments(head[number + 1])
    second = _LABEL.sub("", following[0]).strip() if following else ""
    if not second or len(text.split()) > 3 or len(second.split()) > 4:
        return ""
    if _role_like(f"{text} {second}") or _heading_kind(second) or _heading_kind(text):
        return ""
    if _LABEL_ALONE.match(text) or text.lower() in DOCUMENT_TITLES:
        return ""  # "Phone" / "Jane Doe": a sidebar's label over the name
    if _is_contact_value(second, Contact()):
        return ""
    if not is_name(f"{text} {second}"):
        return ""
    if text.isupper() != second.isupper() or len(segments) > 1 and len(following) == 1:
        return ""  # "Barcelona · a@b.es" / "Jane Doe": a town above the name
    if len(text.split()) == 1:
        return second  # "MIRA" / "SOLBERG", "Hola, mi nombre es Pedro" / "Galvis | Perfil"
    if not (_beside_name(segments[1:]) and _beside_name(following[1:])):
        return ""  # each line holds its part of the name, and a right column's details
    if is_place(second) or _section_like(second):
        return ""
    words = [fold(w).lower() for w in second.split() if w.lower() not in _NAME_PARTICLES]
    firsts = [fold(w).lower() for w in text.split() if w.lower() not in _NAME_PARTICLES]
    if any(len(w) >= 3 and w in handles for w in words) or any(
        f + w in handles for f in firsts for w in words
    ):
        return second  # "NGUYỄN VĂN" / "AN" signed "nguyenan@"
    if (
        len(text.split()) >= 3
        and len(second.split()) == 1
        and not text.isupper()
        and (number + 2 >= len(head) or number + 2 in apart)
        and not _known_term(second)
        and _rare(second, 4.0)
    ):
        # A long name wrapped by the page: "Rocío Itzel Vargas" / "Quispe", the block ending
        # there. A headline of one word is a common one ("Marketing", "Nursing").
        return second
    # Capitals both: a designer's banner. Title case under a full name is its headline.
    return second if text.isupper() and all(_rare(w) for w in words) else ""


def _beside_name(segments: list[str]) -> bool:
    """Whether segments printed after a name part on its line are all contact details (a
    right column read on the name's rows)."""
    empty = Contact()
    for segment in segments:
        clean = _LABEL.sub("", segment).strip()
        if not (
            _is_contact_value(clean, empty)
            or is_place(clean)
            or _is_address(clean)
            or _postcode_place(clean)
            or _handle_link(segment)
        ):
            return False
    return True


def _lone_town(text: str) -> bool:
    """Whether `text`, printed alone among contact details, reads as a town ("Barcelona",
    "San Sebastián"): up to three capitalised words, no acronym, label, heading, job
    title or skill the vocabulary knows."""
    return (
        short_place(text)
        and len(text.split()) <= 3
        and all(w[:1].isupper() for w in text.split() if w.lower() not in _NAME_PARTICLES)
        and not re.fullmatch(r"[A-Z]{2,4}", text)  # "SPA": an acronym
        and not _LABEL_ALONE.match(text)
        and not is_link_label(text)
        and not _role_like(text)
        and not _heading_kind(text)
        and not _section_like(text)
        and not _known_term(text)
    )


def _details_row(head: list[str], number: int, contact: Contact) -> bool:
    """Whether line `number` of `head` holds contact details and nothing else."""
    if not 0 <= number < len(head):
        return False
    segments = _segments(head[number])
    values = [_LABEL.sub("", v).strip() for v in segments]
    return _details_only(segments, contact) and any(_is_contact_value(v, contact) for v in values)


def _rare(word: str, below: float = 4.5) -> bool:
    """Whether `word` is rare in English and Spanish text, as surnames mostly are."""
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, "en"), zipf_frequency(word, "es")) < below


def header_name(lines: list[str]) -> str:
    """The name a header of `lines` prints, or "" (see parse_contact_block)."""
    return parse_contact_block(list(lines), "\n".join(lines))[0].name


def _lower_case_name(head: list[str], handles: str) -> tuple[int, int] | None:
    """Where a name styled in lower case ("jane doe") is printed: only when the e-mail or a
    profile link echoes one of its words, since lower-case words are otherwise anything."""
    for number, line in enumerate(head):
        for position, segment in enumerate(_segments(line)):
            words = segment.split()
            if not 2 <= len(words) <= 4 or segment != segment.lower():
                continue
            if not all(_is_name_word(w[:1].upper() + w[1:]) for w in words):
                continue
            if _NOT_NAME.search(segment) or _heading_kind(segment):
                continue
            folded = [fold(w).lower() for w in words if w not in _NAME_PARTICLES]
            if any(len(w) >= 3 and w in handles and not _function_word(w) for w in folded):
                return number, position
    return None


def parse_contact_block(
    head: list[str],
    full_text: str,
    dropped: Dropped | None = None,
    targets: list[str] | None = None,
) -> tuple[Contact, str, list[str]]:
    """Contact details, headline, and the lines of `head` that are neither (kept elsewhere).
    Words left out of a line on purpose (a monogram, "RESUME" after the name) go to
    `dropped` with their reason. `targets` are the file's link targets (see
    add_link_targets): known before the lines are read, they tell a printed user name
    ("janedoe" beside a GitHub icon) from a headline."""
    dropped = [] if dropped is None else dropped
    contact = Contact()
    head, apart = _close_lines(head)
    if not EMAIL.search("\n".join(head)):
        rebuilt = [unobfuscated(line) for line in head]
        for line, new in zip(head, rebuilt, strict=True):
            if new != line:
                dropped.append(
                    (line, "an e-mail address spelled out against spam robots: kept rebuilt")
                )
        head = rebuilt
    head_text = "\n".join(head)
    # Outside the contact block, not a referee's address.
    others = _others_lines(full_text)
    elsewhere = "\n".join(
        line for number, line in enumerate(full_text.split("\n")) if number not in others
    )
    emails = EMAIL.findall(head_text) or EMAIL.findall(elsewhere)
    contact.email = emails[0] if emails else ""
    contact.phone = phone_in(_without_urls(head_text)) or phone_in(
        _contactish_lines(full_text, contact.email)
    )
    listed = _listed_links(full_text, head_text, contact.email)
    links: list[Link] = []
    # A copyright notice's site is the template's publisher's, not the person's.
    linked_head, linked_full = _without_notices(head_text), _without_notices(full_text)
    for source, strict in ((linked_head, False), (linked_full, True)):
        # An e-mail's domain is not a link: look for links with the e-mails blanked out.
        source = EMAIL.sub(lambda m: " " * len(m.group(0)), source)
        for match in URL.finditer(source):
            url = match.group(0).rstrip(".")
            if strict and not _PROFILE_URL.search(url):
                continue
            if not any(link.url == url for link in links):
                links.append(Link(label=_link_label(url), url=url))
        if links:
            break
    # Profiles printed elsewhere (a footer, a sidebar) still belong to the contact, and so
    # does every link of a row made only of contact details ("site.com · github.com/jane").
    rows = _detail_rows(full_text, contact.email)
    for match in URL.finditer(EMAIL.sub(" ", linked_full)):
        url = match.group(0).rstrip(".")
        known = {link_key(link.url) for link in links}
        if link_key(url) in known:
            continue
        if links and _PROFILE_PATH.search(url) or link_key(url) in rows - listed:
            links.append(Link(label=_link_label(url), url=url))
    # "GitHub: janedoe" on a line of its own, wherever the block is printed (a sidebar read
    # after the body): a handle under its site's label.
    for line in full_text.split("\n"):
        handle = _handle_link(_without_icons(line.strip()))
        if handle and link_key(handle) not in {link_key(link.url) for link in links}:
            links.append(Link(label=_link_label(handle), url=handle))
    contact.links = links[:8]
    add_link_targets(contact, targets or [], full_text.lower(), head_text.lower(), listed)

    headline = ""
    leftovers: list[str] = []
    name_line = headline_line = address_line = -1
    name_rows: set[int] = set()  # the lines the name is printed on
    guessed = False  # the location is a word alone, read as a town by where it stands
    location_label = -1  # the line of a location's label printed alone ("Address")
    location_row = -1  # the line the location was read from
    detail_rows = [
        number
        for number, line in enumerate(head)
        if any(_is_contact_value(_LABEL.sub("", s).strip(), contact) for s in _segments(line))
    ]
    chosen = _choose_name(head, contact, apart)
    headline_pick = _choose_headline(head, chosen, apart, contact)
    for number, line in enumerate(head):
        if (
            address_line >= 0
            and address_line == number - 1
            and number not in apart
            and (chosen is None or number != chosen[0])
            and _address_tail(line)
        ):
            # A street address printed over two lines ("c/ Mayor, 12" / "37001 – Salamanca"),
            # or a postcode and town over their country ("28002 Madrid" / "España").
            contact.location = f"{contact.location}, {line}"
            address_line = number
            location_row = number
            continue
        for command in _TEX_COMMAND.findall(line):
            dropped.append((command, "an icon the template printed as a LaTeX command"))
        segments = _segments(line)
        contact_line = any(EMAIL.search(s) or phone_in(s) or URL.search(s) for s in segments)
        rest: list[str] = []
        for position, segment in enumerate(segments):
            clean = _LABEL.sub("", segment).strip()
            if not clean:
                continue
            if _is_contact_value(clean, contact):
                if _used_value(clean, contact):
                    continue
                rest.append(segment)  # a second e-mail or phone: kept with the other details
                continue
            if _shown_handle(clean, contact) and not _handle_link(segment):
                continue  # "janedoe" beside a GitHub icon: the link's own text
            if clean.lower() in DOCUMENT_TITLES:
                continue
            if (
                (targets or contact.links)
                and len(segments) > 1
                and (contact_line or targets)
                and is_link_label(clean)
                and not _LABEL.match(segment)
            ):
                # "My Wikipedia page", "GitHub" in a contact row: the visible text of a link.
                dropped.append((clean, "the text of a link: the link itself is kept"))
                continue
            if (_LABEL_ALONE.match(clean) or _NAME_LABEL_ALONE.match(clean)) and len(segments) == 1:
                # "LinkedIn" over its address (a sidebar's label line): the value is kept.
                dropped.append((clean, "label of a contact detail: the detail itself is kept"))
                if _LOCATION_LABEL.match(clean.rstrip(" :") + ": "):
                    location_label = number  # "Mailing Address" over the lines of one
                continue
            if _LOCATION_LABEL.match(segment) and not contact.location:
                contact.location = clean
                address_line = number  # "Address: Flat 3, Mill House" / "12 Quay Street"
                continue
            handle = _handle_link(segment)
            if handle:
                if link_key(handle) not in {link_key(link.url) for link in contact.links}:
                    contact.links.append(Link(label=_link_label(handle), url=handle))
                continue
            trimmed = clean
            if not contact.name and _NAME_LABEL.match(segment):
                contact.name = _NAME_LABEL.sub("", segment).strip()
                name_line = number
                # A labelled name ("Nombre: Ana Gil") is found here, not by _choose_name.
                headline_pick = headline_pick or _choose_headline(
                    head, (number, position), apart, contact
                )
                continue
            if not contact.name and (number, position) == chosen:
                trimmed = _name_text(clean)  # "Hola, mi nombre es Pedro", "JD Jane Doe"
            if not contact.name and (number, position) == chosen:
                if trimmed != clean:
                    left_out = clean.replace(trimmed, " ").strip()
                    dropped.append(
                        (left_out, "words around the name (initials, a greeting, pronouns, 'CV')")
                    )
                clean = trimmed
                contact.name = clean
                name_line = number
                name_rows.add(number)
                beside = segments[position + 1] if position + 1 < len(segments) else ""
                if (
                    len(clean.split()) == 1
                    and beside
                    and beside.isupper() == clean.isupper()
                    and not is_place(beside)
                    and is_name(f"{clean} {beside}")
                ):
                    # First and last name drawn as separate runs ("JANE | DOE").
                    contact.name = f"{clean} {beside}"
                    segments[position + 1] = ""
                    continue
                second = _second_name_line(clean, segments, head, number, apart, _handles(contact))
                if second:
                    # A name printed over two lines ("CHRISTIAN" / "LARICO DEPAZ").
                    contact.name = f"{clean} {second}"
                    name_rows.add(number + 1)
                    head[number + 1] = head[number + 1].replace(second, "", 1)
                continue
            if contact.name and _same_words(clean, contact.name):
                # "JANE DOE" as a banner, then "Jane Doe · Engineer · Town" as a byline.
                dropped.append((clean, "the name printed again"))
                continue
            # An affiliation beside the name or among the contact details is where an
            # academic is reached ("jane@uni.edu  Department of Psychology, State University").
            beside_name = (
                (name_line == number or contact_line)
                and position > 0
                and _parse()._ORG_WORDS.search(clean)
            )
            town = (
                short_place(clean)
                and not _role_like(clean)
                and not _heading_kind(clean)
                and not is_link_label(clean)  # "GitHub" among the details names a link
            )
            # A town alone on its line, after the name and the headline, in their block (after
            # a blank line, a capitalised word alone starts a sidebar's block: "Programación").
            # A town on a line of its own between lines of details ("+33 6..." / "Lyon" /
            # "a@b.fr"), or printed in a right column beside the name or the headline.
            lone_town = town and _lone_town(clean)
            # A word alone over a paragraph opens it ("Actualmente" / "Full Stack Developer
            # con más de 6 años..."): a heading the vocabulary does not know, not a town.
            opens_prose = (
                number + 1 < len(head)
                and number + 1 not in apart
                and len(head[number + 1].split()) >= 8
                and not head[number + 1].startswith("- ")  # a bullet of a job read beside it
            )
            among_details = (
                lone_town
                and len(segments) == 1
                and (
                    number not in apart
                    and _details_row(head, number - 1, contact)
                    and not opens_prose
                    or number + 1 not in apart
                    and _details_row(head, number + 1, contact)
                )
            )
            beside_title = lone_town and (
                number in name_rows
                and (position > 0 or number != name_line)  # "JÓNSSON   Barcelona"
                or position > 0
                and (number, position - 1) == headline_pick
            )
            # Under the name, the headline or a row of details: not after lines of another
            # kind ("Graduate certificate, ..." / "Communication": the end of a course list).
            after_block = (
                number - 1 in name_rows
                or number - 1 == headline_line
                or _details_row(head, number - 1, contact)
                or detail_rows
                and detail_rows[0] < number < detail_rows[-1]  # among the details
            )
            alone = (
                len(segments) == 1
                and contact.name
                and headline
                and after_block
                and not opens_prose
                and number not in apart
                and len(clean.split()) <= 3
                and all(word[:1].isupper() for word in clean.split())
            )
            labelled_place = (
                location_label >= 0 and number - 1 == location_label and number not in apart
            )
            # A place printed after the block of details has ended (a blank line after the
            # address and the details: the town of a job read into the head) does not replace
            # the address the block gives.
            block_over = bool(contact.location) and any(
                max([location_row, *detail_rows]) < blank <= number for blank in apart
            )
            if (not contact.location or _is_address(contact.location) and not block_over) and (
                labelled_place
                or is_place(clean)
                or _postcode_place(clean)
                or not contact.location
                and (_is_address(clean) or beside_name and len(clean.split()) <= 10)
                or town
                and contact_line
                and (position > 0 or contact.name or chosen is not None and chosen[0] > number)
                or town
                and alone
                or among_details
                or beside_title
            ):
                # A city beats a street address, which beats an affiliation beside the name.
                if contact.location:
                    leftovers.append(contact.location)
                contact.location = _with_address_tail(clean, segments[position + 1 :], line)
                contact.location, employer = _without_employer(contact.location)
                if employer:
                    leftovers.append(employer)
                location_row = number
                # A word alone read as a town by where it stands, not by its shape.
                guessed = not (
                    is_place(clean) or _postcode_place(clean) or _is_address(contact.location)
                )
                if contact.location != clean:
                    segments[position + 1 : position + 2] = [""]
                complete = _is_address(contact.location) or _postcode_place(contact.location)
                # Under its label, an address goes on over the lines below, whatever its
                # first line looks like ("F3 07, MPI MiS" / "Inselstraße 22" / "04103 Leipzig").
                address_line = number if complete or labelled_place else -1
                continue
            headline_like = len(clean) < 90 and not find_dates(clean) and len(_letters(clean)) > 2
            if not headline and (number, position) == headline_pick:
                headline, place = _title_and_place(clean)
                headline_line = number
                if place and not contact.location:
                    contact.location = place  # "Data Engineer, Valencia, España"
                continue
            if (
                headline
                and headline_line == number - 1
                and (
                    number == len(head) - 1
                    or any(EMAIL.search(v) or URL.search(v) for v in _segments(head[number + 1]))
                )
                and len(segments) == 1
                and headline_like
                and len(clean) < 60
                and ":" not in clean
                and not _not_headline(clean, segment)
            ):
                # A tagline under the job title, last before the first heading ("SQL, Python
                # and dashboards"): part of the headline.
                headline = f"{headline} · {clean}"
                continue
            rest.append(segment)
        if rest:
            # Keep the line's own wording for what is left of it.
            leftovers.append(" | ".join(rest) if len(rest) < len(segments) else line)
    initials = "".join(w[0] for w in contact.name.split() if w.lower() not in _NAME_PARTICLES)
    for line in list(leftovers):
        if initials and len(initials) > 1 and line.replace(" ", "") == initials.upper():
            leftovers.remove(line)
            dropped.append((line, "monogram: the initials of the name"))
    stated = _stated_place(head, full_text) if not contact.location or guessed else ""
    if stated and not _same_words(stated, contact.location):
        # "I am based in Perth, Western Australia": what the person says beats a guess.
        if contact.location:
            leftovers.append(contact.location)
        contact.location = stated
    if contact.location and _is_address(contact.location):
        # "mailaddress: Address, Street" in the header, "location: Sunnyvale, CA" in a
        # sidebar: the place the person names as their location wins over a postal address.
        named = re.search(
            r"^(?:location|ubicaci[oó]n)\s*:\s*(.+)$", full_text, re.IGNORECASE | re.MULTILINE
        )
        if named and is_place(named.group(1).strip()):
            leftovers.append(contact.location)
            contact.location = named.group(1).strip()
    if not contact.location:
        labelled = re.search(
            r"^(?:location|ubicación|ubicacion|address|dirección|direccion)\s*:\s*(.+)$",
            full_text,
            re.IGNORECASE | re.MULTILINE,
        )
        if labelled:
            contact.location = labelled.group(1).strip()
    return contact, headline, leftovers


def _title_and_place(text: str) -> tuple[str, str]:
    """ "Junior Data Engineer, Valencia, España" -> ("Junior Data Engineer", "Valencia,
    España"): a headline with the place the person works from after it. The place is two
    or three pieces after a job title, and reads as one (see is_place); none of its pieces
    is a job word, a skill, a heading or an acronym ("Designer, UX, UI"), but the last may
    be a region's code ("Austin, TX")."""
    pieces = [piece.strip() for piece in text.split(",")]
    for cut in range(1, len(pieces) - 1):
        title, tail = ", ".join(pieces[:cut]), pieces[cut:]
        if not _role_like(title) or len(tail) > 3:
            continue
        place = ", ".join(tail)
        if not is_place(place):
            continue
        if any(_role_like(piece) or _known_term(piece) or _section_like(piece) for piece in tail):
            continue
        if any(not any(ch.islower() for ch in piece) for piece in tail[:-1]):
            continue
        return title, place
    return text, ""


# Words that say where the person lives or works from, in a sentence of the profile: "I am
# based in Perth", "Trabajo remoto / Barcelona", "Actualmente resido en Sevilla".
_PLACE_CUE = re.compile(
    r"\b(?:based|located|living|residing|settled)\s+(?:in|near)\s+"
    r"|\b(?:con\s+base|radicad[oa]|afincad[oa]|ubicad[oa]|resido|vivo|residente)\s+en\s+"
    r"|\b(?:remote|remoto|remota|teletrabajo)\s*(?:/|\bor\b|\bo\b|\bfrom\b|\bdesde\b)\s*",
    re.IGNORECASE,
)
_PLACE_END = re.compile(r"[.;:!?()]|\s(?:with|and|where|since|y|con|donde|desde)\s")


def _stated_place(head: list[str], full_text: str) -> str:
    """The place a sentence of the header or the profile says the person lives or works
    in, when the contact block prints none: the capitalised words after the cue, up to
    three pieces between commas, that read as a town or a place."""
    sections = _line_sections(full_text)
    lines = full_text.split("\n")
    profile = [line for line, kind in zip(lines, sections, strict=True) if kind == "summary"]
    for line in [*head, *profile]:
        for cue in _PLACE_CUE.finditer(line):
            rest = _PLACE_END.split(line[cue.end() :], maxsplit=1)[0]
            pieces: list[str] = []
            for piece in rest.split(","):
                piece = piece.strip()
                if not short_place(piece) or len(piece.split()) > 4:
                    break
                pieces.append(piece)
            while pieces:
                place = ", ".join(pieces[:3])
                if is_place(place) if len(pieces) > 1 else _lone_town(place):
                    return place
                pieces.pop()
    return ""


# ---------------------------------------------------------------------------------------------
# Headline

_HEADLINE_WINDOW = 4  # lines under the name where the headline is looked for
_GREETING = re.compile(
    r"^(?:welcome|hello|hi|hey|hola|bienvenid[oa]s?|saludos|gracias|thanks?|thank you)\b"
    # A sentence in the first person ("I create resume templates in", "Soy una persona...").
    r"|^(?:i|i'm|i am|we|we're|my name|soy|yo)\s|[!?]$",
    re.IGNORECASE,
)
# Template text never filled in: "Your Position or Tagline Here", "Tu puesto aquí", "Lorem ipsum".
_PLACEHOLDER = re.compile(
    r"^(?:your|tu|su)\b|\b(?:here|aqu[ií]|lorem|ipsum|placeholder)\b|x{3,}", re.IGNORECASE
)
# Role words the entry parser does not need but a headline shows ("Científica de datos").
_TITLE_WORDS = re.compile(
    r"\b(?:cient[ií]fic[oa]|cientista|abogad[oa]|attorney|lawyer|m[eé]dic[oa]|physician|"
    r"psic[oó]log[oa]|psychologist|contador[a]?|arquitect[oa]|dise[nñ]ador[a]?|"
    r"photographer|fot[oó]graf[oa]|artist|artista|expert|experto|experta|specialist|"
    r"generalist|geek|hacker|maker|entrepreneur|emprendedor[a]?|professional|profesional)\b",
    re.IGNORECASE,
)
_LITTLE_WORDS = {
    "de", "del", "la", "el", "los", "las", "y", "e", "of", "the", "and", "my", "mi", "mis",
    "your", "tu", "tus", "our", "nuestro", "a", "en", "in", "sobre", "about",
}  # fmt: skip


def _section_like(text: str) -> bool:
    """Whether `text` reads as a section heading: a known one, or its main words are known
    heading words in another form ("Mi Perfil", "Áreas de interés" beside "Intereses")."""
    if _heading_kind(text):
        return True
    from cvimprover.cv.vocabulary import headings

    words = [w for w in re.findall(r"[^\W\d_]+", fold(text).lower()) if w not in _LITTLE_WORDS]
    if not words or len(words) > 3 or _role_like(text):
        return False  # "Project Manager" names a job, though "Projects" is a heading
    singles = [v for v in headings() if " " not in v and len(v) >= 5]
    return any(
        len(w) >= 5 and w.startswith(v[:-2]) and v.startswith(w[:-2])
        for w in words
        for v in singles
    )


def _role_like(text: str) -> bool:
    return bool(_parse()._ROLE_WORDS.search(text) or _TITLE_WORDS.search(text))


def _not_headline(clean: str, segment: str) -> bool:
    """Whether a line under the name can never be the headline: a heading, a sentence or a
    greeting, a date, template text, a user name, an acronym alone, a labelled value."""
    if len(clean) >= 90 or len(_letters(clean)) <= 2 or find_dates(clean):
        return True
    if _LABEL_ONLY.match(segment) or _section_like(clean) or _GREETING.search(clean):
        return True
    if _PLACEHOLDER.search(clean) or re.search(r"\d{3,}", clean):
        return True  # "0 de diciembre de 0000", a postcode, a year
    if clean.endswith(".") and len(clean.split()) >= 6:
        return True  # a sentence of the profile
    if re.fullmatch(r"@?[a-z0-9_.-]+", clean) and not _role_like(clean):
        return True  # "yourusername": a handle printed beside its icon
    return bool(re.fullmatch(r"[A-Z]{2,4}", clean)) and not _role_like(clean)  # "SPA"


def _headline_score(clean: str, distance: int, alone: bool, blank: bool) -> float:
    """How much a line near the name reads as the CV's title: job-title words, alone on its
    line, right under the name (or just above it, in a designer's banner), in the name's
    block (no blank line between)."""
    role = _role_like(clean)
    if not role and any(w[:1].islower() for w in clean.split() if len(w) > 3):
        return 0.0  # "Pedro inició su carrera": a wrapped sentence, not a title
    score = 2.5 if role else 0.0
    score += 1.0 if alone else 0.0
    score -= 0.5 if distance < 0 else max(0, distance - 1)
    # The first line under the name may sit apart from it (a banner's spacing); further
    # lines after a blank line belong to another block.
    return score - (1.0 if blank and distance > 1 else 0.0)


def _choose_headline(
    head: list[str], chosen: tuple[int, int] | None, apart: set[int], contact: Contact
) -> tuple[int, int] | None:
    """The (line, segment) of the headline: the best-scoring plausible line near the name,
    or None when nothing near it reads as a title (then the CV has no headline, rather than
    a heading or a tagline taken for one)."""
    if chosen is None:
        return None
    name_line, name_position = chosen
    name = _name_text(_LABEL.sub("", _segments(head[name_line])[name_position]).strip())
    segments = _segments(head[name_line])
    if _second_name_line(name, segments, head, name_line, apart, _handles(contact)):
        name_line, name_position = name_line + 1, 0  # "MIRA" / "SOLBERG"
    best: tuple[float, int, int] | None = None
    last = min(len(head), name_line + 1 + _HEADLINE_WINDOW)
    for number in range(max(0, name_line - 1), last):
        segments = _segments(head[number])
        if number < name_line and len(segments) != 1:
            continue  # a banner's title is alone on its line
        blank = any(n in apart for n in range(name_line + 1, number + 1))
        for position, segment in enumerate(segments):
            if number == name_line and position <= name_position:
                continue
            clean = _LABEL.sub("", segment).strip()
            if (
                not clean
                or _is_contact_value(clean, contact)
                or clean.lower() in DOCUMENT_TITLES
                or _LABEL_ALONE.match(clean)
                or _NAME_LABEL.match(segment)
                or _LOCATION_LABEL.match(segment)
                or _handle_link(segment)
                or is_place(clean)
                or _is_address(clean)
                or _postcode_place(clean)
                or _same_words(_name_text(clean), _name_text(head[name_line]))
                or is_name(_name_text(clean))
                and number < name_line
                and not _role_like(clean)
                or _not_headline(clean, segment)
            ):
                continue
            distance = number - name_line
            if clean[:1].islower() and distance > 1:
                continue  # "profesional como coordinador": a wrapped sentence goes on
            if (
                number in apart
                and not _role_like(clean)
                and number + 1 < len(head)
                and _details_only(_segments(head[number + 1]), contact)
            ):
                continue  # "Web & Git" over the addresses: a sidebar's label
            score = _headline_score(clean, distance, len(segments) == 1, blank)
            if score >= 0.5 and (best is None or score > best[0]):
                best = (score, number, position)
    return (best[1], best[2]) if best else None


def _details_line(line: str) -> bool:
    """Whether `line` is a row of contact details: two or more e-mails, phones or links,
    with at most places or an address beside them ("Sarasota, FL | 555-555-5555 |
    hello@jdoe.com | jdoe.com"), never a sentence that names a site."""
    segments = [s for s in _segments(line) if s.strip()]
    values = places = 0
    for segment in segments:
        clean = _LABEL.sub("", segment).strip()
        if _is_contact_value(clean, Contact()):
            values += 1
        elif is_place(clean) or _postcode_place(clean) or _is_address(clean):
            places += 1
        else:
            return False
    return values >= 2 and places <= 1


def _detail_rows(text: str, email: str) -> set[str]:
    """The links (as link_key) printed on lines that hold nothing but two or more contact
    details: a footer or a sidebar row of the person's addresses, never a sentence, nor a
    referee's row (an e-mail other than the person's `email`)."""
    found: set[str] = set()
    for line in text.split("\n"):
        if any(address.lower() != email.lower() for address in EMAIL.findall(line)):
            continue
        if _details_line(line):
            blanked = EMAIL.sub(" ", line)
            found |= {link_key(m.group(0).rstrip(".")) for m in URL.finditer(blanked)}
    return found


def _same_words(a: str, b: str) -> bool:
    return fold(a).lower().split() == fold(b).lower().split()


def _address_tail(text: str) -> bool:
    """A further line of a postal address: a postcode with a town, a place ("Town, State"),
    or a district or town alone ("Colonia Roma", "Springfield") under the street line."""
    if len(text) > 60 or EMAIL.search(text) or URL.search(text) or phone_in(text):
        return False
    if _POSTCODE.search(text) and len(_letters(text)) >= 3 or is_place(text):
        return True
    if _STREET.search(text) and len(text) <= 40 and not find_dates(text):
        return True  # "Apt W610", "Suite 200", "Piso 3º" under the street line
    parse = _parse()
    return (
        short_place(text)
        and len(text.split()) <= 3
        and not (parse._ROLE_WORDS.search(text) or parse._ORG_WORDS.search(text))
        and not _heading_kind(text)
        and not _LABEL_ALONE.match(text)
    )


def _postcode_place(text: str) -> bool:
    """ "28002 Madrid", "Madrid 28002", "75008 Paris": a postcode and a town, no street."""
    if len(text) > 50 or not _POSTCODE.search(text) or find_dates(text):
        return False
    rest = re.sub(r"\b\d{4,6}\b|\b\d{4}-\d{3}\b|\b\d{2}-\d{3}\b", " ", text)
    rest = re.sub(r"\s+", " ", rest).strip(" ,–-")
    parse = _parse()
    return (
        rest != text.strip()
        and short_place(rest)
        and not (parse._ROLE_WORDS.search(rest) or parse._ORG_WORDS.search(rest))
        and not _heading_kind(rest)
    )


def _without_employer(address: str) -> tuple[str, str]:
    """An office address printed after the employer's name ("Acme Bank, 12 High Street,
    Leeds"): (the address, the organisation). The organisation is where the person works,
    not a place; it is told by its words and by holding no number, and is cut only when
    what follows is an address by itself."""
    parts = address.split(",")
    cut = 0
    while (
        cut < len(parts) - 1
        and _parse()._ORG_WORDS.search(parts[cut])
        and not re.search(r"\d", parts[cut])
    ):
        cut += 1
    rest = ",".join(parts[cut:]).strip()
    if not cut or not _is_address(rest):
        return address, ""
    return rest, ",".join(parts[:cut]).strip()


def _with_address_tail(location: str, following: list[str], line: str) -> str:
    """A street address split by a separator keeps its town and postcode: a bullet printed
    inside the address stays ("Calle 5 • Town, 53150"), a column rule or a wide gap between
    its parts ("Street 5 | Town, 53150") reads as a comma."""
    if (
        following
        and _is_address(location)
        and not _is_contact_value(following[0], Contact())
        and (_POSTCODE.search(following[0]) or is_place(following[0]))
    ):
        between = re.search(rf"{re.escape(location)}\s*([•·])\s*{re.escape(following[0])}", line)
        joint = f" {between.group(1)} " if between else ", "
        return f"{location}{joint}{following[0]}"
    return location


_LABEL_ONLY = re.compile(r"^[^:]{1,30}:\s*\S")


def _single_ok(head: list[str], number: int) -> bool:
    """A one-word line can be a name when it opens the CV (split names, single names)."""
    return number == 0 or all(not _letters(h) for h in head[:number])


def short_place(text: str) -> bool:
    return bool(re.fullmatch(r"[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+){0,3}", text)) and (
        text[:1].isupper()
    )


_HANDLE = re.compile(
    r"^(?P<site>linkedin|github|gitlab|twitter|x)\s*:\s*@?/?(?:in/)?(?P<user>[\w.-]{2,40})/?$",
    re.IGNORECASE,
)
_HANDLE_SITES = {
    "linkedin": "linkedin.com/in/",
    "github": "github.com/",
    "gitlab": "gitlab.com/",
    "twitter": "twitter.com/",
    "x": "x.com/",
}


def _handle_link(segment: str) -> str:
    """ "GitHub: @janedoe" -> "github.com/janedoe": a handle under its site's label."""
    match = _HANDLE.match(segment.strip())
    if not match or "." in match.group("user") and "/" not in segment:
        return ""
    return _HANDLE_SITES[match.group("site").lower()] + match.group("user")


def _used_value(text: str, contact: Contact) -> bool:
    """Whether the e-mail, phone or links in `text` are the ones the contact block shows."""
    emails = EMAIL.findall(text)
    if any(e != contact.email for e in emails):
        return False
    rest = EMAIL.sub(" ", text)
    phone = phone_in(rest)
    if phone and re.sub(r"\D", "", phone) != re.sub(r"\D", "", contact.phone):
        return False
    shown = {link_key(link.url) for link in contact.links}
    return all(link_key(m.group(0).rstrip(".")) in shown for m in URL.finditer(rest))


def _shown_handle(text: str, contact: Contact) -> bool:
    """Whether `text` is the user name at the end of one of the contact's links, printed
    as the link's visible text (icon rows print "janedoe" beside a GitHub logo)."""
    if not re.fullmatch(r"@?[\w.-]{3,40}", text):
        return False
    handles = {link_key(link.url).rsplit("/", 1)[-1] for link in contact.links}
    return text.lstrip("@").lower() in {h for h in handles if "." not in h or "/" in h}


def _is_contact_value(text: str, contact: Contact) -> bool:
    """Whether `text` holds nothing but an e-mail, phone number or link."""
    rest = EMAIL.sub(" ", text)
    rest = URL.sub(" ", rest)
    rest = PHONE.sub(lambda m: m.group(0) if _dates_not_phone(m.group(0)) else " ", rest)
    return not re.search(r"\w", rest) and text != rest


def _dates_not_phone(candidate: str) -> bool:
    """Year ranges ("2019 - 2021", "2012 – 2015 – 2016") and date pairs ("01/2019 -
    03/2021"): digits and dashes that PHONE reads, and no phone number."""
    candidate = candidate.strip()
    if re.fullmatch(r"(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)+", candidate):
        return True
    return bool(find_dates(candidate) and re.search(r"\d{1,2}[/.]\d{4}", candidate))


def _without_urls(text: str) -> str:
    return URL.sub(" ", EMAIL.sub(" ", text))


def _contactish_lines(text: str, email: str = "") -> str:
    """The lines of `text` where the person's own phone may be printed outside the top
    block: short ones without dates, and none of someone else's (see _others_lines)."""
    others = _others_lines(text, email)
    return "\n".join(
        _without_urls(ln)
        for number, ln in enumerate(text.split("\n"))
        if len(ln) < 60 and not find_dates(ln) and number not in others
    )


# A heading over referees' contact details ("References", "Referees", "Referencias
# laborales", "Professional references").
_REFEREE_HEADING = re.compile(
    r"^(?:professional\s+|personal\s+)?(?:references?|referees?|referencias?)"
    r"(?:\s+(?:laborales|personales|profesionales))?$"
)
# Sections whose links belong to what they list: a job's employer, a project, a school, a
# course, a paper, a referee.
_ENTRY_KINDS = ("experience", "projects", "education", "certifications")
_LISTING_HEADING = re.compile(r"\b(?:publications?|publicaciones|papers|articles)\b")


def _line_sections(text: str) -> list[str]:
    """For each line of `text`, what the section it is printed in holds: "top" before the
    first heading, "" under headings of other kinds, "summary" (the profile), "referees",
    "entries" (jobs, projects, schools, courses, papers)."""
    out, current = [], "top"
    for line in text.split("\n"):
        stripped = line.strip()
        key = heading_key(stripped) if len(stripped) <= 40 else ""
        if key and _REFEREE_HEADING.match(key):
            current = "referees"
        else:
            kind = _heading_kind(stripped)
            if kind == "contact":
                current = ""
            elif kind:
                listing = kind in _ENTRY_KINDS or bool(_LISTING_HEADING.search(key))
                current = "entries" if listing else "summary" if kind == "summary" else ""
        out.append(current)
    return out


def _others_lines(text: str, email: str = "") -> set[int]:
    """The lines of `text` that hold someone else's details: a referee's block (a name, then
    their post, then how to reach them; any block under a referees' heading that opens
    with a name), and, once the person's `email` is known, the lines around any other
    e-mail (a referee's block read away from its heading in a two-column page)."""
    lines = text.split("\n")
    sections = _line_sections(text)
    top = fold(" ".join(ln for ln, kind in zip(lines, sections, strict=True) if kind == "top"))
    out: set[int] = set()
    for start, end in _blocks(lines):
        block = lines[start:end]
        if sections[start] == "top" or not _introduces_someone(block, sections[start]):
            continue
        if fold(block[0].strip()).lower() not in top.lower():
            out |= set(range(start, end))  # not the person's own name over their details
    if email:
        for number, line in enumerate(lines):
            if any(a.lower() != email.lower() for a in EMAIL.findall(line)):
                out |= set(range(max(0, number - 2), min(len(lines), number + 3)))
        for start, end in _blocks(lines):
            # Under a referees' heading, a block without the person's e-mail is not theirs
            # (their own block can follow, read there from a sidebar).
            own = any(email.lower() in line.lower() for line in lines[start:end])
            if sections[start] == "referees" and not own:
                out |= set(range(start, end))
    return out


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of non-blank lines, cut at section headings."""
    out, start = [], -1
    for number, line in enumerate([*lines, ""]):
        stripped = line.strip()
        if not stripped or _heading_kind(stripped):
            if start >= 0:
                out.append((start, number))
            start = -1
        elif start < 0:
            start = number
    return out


def _introduces_someone(block: list[str], section: str) -> bool:
    """Whether a block of lines opens with a person's name and holds their e-mail or phone
    ("Dr. Alan Reed" / "Head of Finance, Acme" / "alan@acme.com" / "555 0100"): under a
    referees' heading the name alone says so, elsewhere the post under it must too. The
    heading may open the block, when the parser did not know it ("Referees")."""
    if block and _REFEREE_HEADING.match(heading_key(block[0])):
        block, section = block[1:], "referees"
    if len(block) < 2 or not is_name(block[0].strip()):
        return False
    if not any(EMAIL.search(line) or phone_in(_without_urls(line)) for line in block[1:]):
        return False
    second = block[1].strip()
    post = _role_like(second) or bool(_parse()._ORG_WORDS.search(second)) or "," in second
    return section == "referees" or post and not _is_contact_value(second, Contact())


def _listed_links(text: str, head_text: str, email: str) -> set[str]:
    """The sites (as link_key) printed only inside the entries of a job, project, school or
    paper, or among someone else's details: an employer's or a project's website, never on
    a row of contact details, after a label, or in the contact block."""
    lines = text.split("\n")
    sections = _line_sections(text)
    others = _others_lines(text, email)
    inside: set[str] = set()
    outside = {link_key(m.group(0).rstrip(".")) for m in URL.finditer(EMAIL.sub(" ", head_text))}
    previous = ""
    for number, line in enumerate(lines):
        shown = _without_icons(line.strip())
        keys = {link_key(m.group(0).rstrip(".")) for m in URL.finditer(EMAIL.sub(" ", shown))}
        if keys:
            row = _details_line(shown)
            labelled = bool(_LABEL.match(shown)) or bool(_LABEL_ALONE.match(previous))
            listed = sections[number] in ("entries", "referees") or number in others
            if listed and not row and not labelled:
                inside |= keys
            else:
                outside |= keys
        if shown:
            previous = shown
    return inside - outside


def contact_run(body: list[str]) -> tuple[int, int] | None:
    """Where a contact block printed without a heading sits among a section's lines (a
    sidebar read after the section above it): the first run of consecutive lines holding at
    least two e-mails, phones or links, or an e-mail and a place, with places and label
    lines beside them. Returns
    the run's (start, end) in `body`, or None."""
    empty = Contact()
    start, values, places, emails = -1, 0, 0, 0
    for index, line in enumerate([*body, ""]):
        shown = _without_icons(line.strip())
        text = _LABEL.sub("", shown).strip()
        value = bool(text) and (_is_contact_value(text, empty) or bool(_handle_link(shown)))
        # A row of details with the town among them ("Sarasota, FL | 555-555-5555 | a@b.com").
        row = bool(text) and not value and _details_line(shown)
        companion = (
            bool(text)
            and len(text) <= 60
            and (is_place(text) or _is_address(text) or _LABEL_ALONE.match(text) is not None)
        )
        # A town alone ("Barcelona") once the run's details have begun, or opening a block
        # (after a blank line) right over them: otherwise a capitalised word is as likely
        # the end of a skill list.
        opens = (index == 0 or not body[index - 1].strip()) and index + 1 < len(body)
        if opens:
            after = _without_icons(body[index + 1].strip())
            opens = _is_contact_value(_LABEL.sub("", after).strip(), empty)
        companion = companion or (values > 0 or opens) and _lone_town(text)
        if row:
            start = index if start < 0 else start
            values += 2
            emails += bool(EMAIL.search(text))
            continue
        if value or companion:
            start = index if start < 0 else start
            values += value
            places += companion and not _LABEL_ALONE.match(text)
            emails += bool(value and EMAIL.search(text))
            continue
        # Two details, or an e-mail with the place beside it ("Kraków, Poland" / "a@b.pl"),
        # unless a name and a post open their block: a referee's details.
        opening = start
        while opening > 0 and body[opening - 1].strip():
            opening -= 1
        if (values >= 2 or emails and places) and not _introduces_someone(
            [ln.strip() for ln in body[opening:index]], ""
        ):
            return start, index
        start, values, places, emails = -1, 0, 0, 0
    return None
