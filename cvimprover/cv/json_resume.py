"""JSON Resume (jsonresume.org schema) in and out.

In: a resume.json becomes CV text in the shape our parser reads (headings, "Title, Org,
Place" lines, dates, "- " bullets), so it goes through the same analysis as any CV.
Out: the improved CVDocument as a JSON Resume. When the input was a JSON Resume, its
document is the base: every field we do not model (urls, scores, courses, keywords,
meta...) is carried over untouched, and the fields we improve are written over it.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from cvimprover.cv.dates import MONTHS, find_dates
from cvimprover.cv.document import Contact, CVDocument, Entry, Link, Section
from cvimprover.cv.errors import ExtractionError

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
_MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_ISO = re.compile(r"^((?:19|20)\d\d)(?:-(\d\d))?(?:-\d\d)?$")
# Sections of JSON Resume with entries (list name, our kind, heading, title key, org key)
_ENTRY_LISTS = (
    ("work", "experience", "Experience", "position", "name"),
    ("education", "education", "Education", "studyType", "institution"),
    ("projects", "projects", "Projects", "name", "entity"),
    ("volunteer", "other", "Volunteering", "position", "organization"),
)


def load_json_resume(source: bytes) -> dict[str, Any]:
    """The parsed JSON Resume, or ExtractionError saying what is wrong with the file."""
    try:
        data = json.loads(source.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ExtractionError(
            "This .json file is not valid JSON, so it cannot be read as a JSON Resume.",
            code="invalid_json",
        ) from exc
    if not isinstance(data, dict) or not any(
        isinstance(data.get(key), (dict, list)) for key in ("basics", "work", "education")
    ):
        raise ExtractionError(
            "This .json file is not a JSON Resume (it has no basics, work or education).",
            code="not_json_resume",
        )
    return data


def json_resume_text(source: bytes) -> str:
    """CV text from a JSON Resume file, laid out the way our parser reads CVs."""
    return resume_to_text(load_json_resume(source))


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def human_date(value: str) -> str:
    """ "2019-03-01" -> "Mar 2019", "2019" -> "2019"; anything else unchanged."""
    match = _ISO.match(_text(value))
    if not match:
        return _text(value)
    year, month = match.groups()
    if month and 1 <= int(month) <= 12:
        return f"{_MONTH_NAMES[int(month) - 1]} {year}"
    return year


def iso_date(value: str) -> str:
    """ "Mar 2019" -> "2019-03", "2019" -> "2019", "03/2019" -> "2019-03"; else ""."""
    text = _text(value).lower().rstrip(".")
    match = re.fullmatch(r"([a-záéíóú]+)\.?\s+(?:de\s+)?((?:19|20)\d\d)", text)
    if match and match.group(1) in MONTHS:
        return f"{match.group(2)}-{MONTHS[match.group(1)]:02d}"
    match = re.fullmatch(r"(0?[1-9]|1[0-2])[/.-]((?:19|20)\d\d)", text)
    if match:
        return f"{match.group(2)}-{int(match.group(1)):02d}"
    match = re.fullmatch(r"(?:19|20)\d\d", text)
    return match.group(0) if match else ""


def _dates(item: dict) -> str:
    start = human_date(item.get("startDate") or item.get("date") or item.get("releaseDate"))
    end = human_date(item.get("endDate"))
    if start and not end and item.get("startDate"):
        end = "Present"
    return f"{start} – {end}" if start and end else start


def _location(basics: dict) -> str:
    place = _dict(basics.get("location"))
    parts = [_text(place.get(k)) for k in ("city", "region", "countryCode")]
    return ", ".join(p for p in parts if p)


def resume_to_text(data: dict[str, Any]) -> str:
    """The JSON Resume as CV text (see the module docstring)."""
    basics = _dict(data.get("basics"))
    out = [_text(basics.get("name"))]
    if _text(basics.get("label")):
        out.append(_text(basics.get("label")))
    contact = [_text(basics.get("email")), _text(basics.get("phone")), _location(basics)]
    out.append(" | ".join(c for c in contact if c))
    links = [_text(basics.get("url"))] + [
        _text(_dict(p).get("url")) for p in _list(basics.get("profiles"))
    ]
    if any(links):
        out.append(" | ".join(link for link in links if link))
    if _text(basics.get("summary")):
        out += ["", "Summary", _text(basics["summary"])]
    for key, _kind, heading, title_key, org_key in _ENTRY_LISTS:
        items = [_dict(i) for i in _list(data.get(key))]
        if not items:
            continue
        out += ["", heading]
        for item in items:
            out += _entry_lines(item, key, title_key, org_key)
    skills = [_dict(s) for s in _list(data.get("skills"))]
    if skills:
        out += ["", "Skills"]
        for skill in skills:
            name = _text(skill.get("name"))
            keywords = [_text(k) for k in _list(skill.get("keywords")) if _text(k)]
            if name and keywords:
                out.append(f"{name}: {', '.join(keywords)}")
            elif name or keywords:
                out.append(name or ", ".join(keywords))
    languages = [_dict(x) for x in _list(data.get("languages"))]
    if languages:
        out += ["", "Languages"]
        out.append(
            ", ".join(
                f"{_text(x.get('language'))} ({_text(x.get('fluency'))})"
                if _text(x.get("fluency"))
                else _text(x.get("language"))
                for x in languages
                if _text(x.get("language"))
            )
        )
    certificates = [_dict(c) for c in _list(data.get("certificates"))]
    if certificates:
        out += ["", "Certifications"]
        for cert in certificates:
            parts = [
                _text(cert.get("name")),
                _text(cert.get("issuer")),
                human_date(cert.get("date")),
            ]
            out.append(" · ".join(p for p in parts if p))
    for key, heading, fields in (
        ("awards", "Awards", ("title", "awarder", "date", "summary")),
        ("publications", "Publications", ("name", "publisher", "releaseDate", "summary")),
        ("interests", "Interests", ("name", "keywords")),
        ("references", "References", ("name", "reference")),
    ):
        items = [_dict(i) for i in _list(data.get(key))]
        if not items:
            continue
        out += ["", heading]
        for item in items:
            values = []
            for field in fields:
                value = item.get(field)
                if isinstance(value, list):
                    value = ", ".join(_text(v) for v in value if _text(v))
                elif field.endswith("ate"):
                    value = human_date(value)
                if _text(value):
                    values.append(_text(value))
            if values:
                out.append(" – ".join(values))
    return "\n".join(out).strip() + "\n"


def _entry_lines(item: dict, key: str, title_key: str, org_key: str) -> list[str]:
    title = _text(item.get(title_key))
    if key == "education" and _text(item.get("area")):
        title = f"{title} in {_text(item['area'])}" if title else _text(item["area"])
    if key == "projects" and not title:
        title = _text(item.get("name"))
    head = [p for p in (title, _text(item.get(org_key)), _text(item.get("location"))) if p]
    lines = [", ".join(head)] if head else []
    dates = _dates(item)
    if dates:
        lines.append(dates)
    summary = _text(item.get("summary")) or _text(item.get("description"))
    if summary:
        lines.append("- " + summary)
    lines += ["- " + _text(h) for h in _list(item.get("highlights")) if _text(h)]
    lines += ["- " + _text(c) for c in _list(item.get("courses")) if _text(c)]
    return lines


# --- out ---------------------------------------------------------------------------


def to_json_resume(document: CVDocument, base: dict[str, Any] | None = None) -> dict[str, Any]:
    """The CV as a JSON Resume; fields of `base` (the uploaded JSON Resume) that we do not
    model are kept, and entries are matched to it by position."""
    resume = copy.deepcopy(base) if base else {"$schema": SCHEMA_URL}
    resume["basics"] = _basics(document, _dict(resume.get("basics")))
    # The first section of each kind: "Experience" is the work list, a later section read
    # as experience too ("Volunteering", "Leadership") is not.
    by_kind: dict[str, Section] = {}
    for section in document.sections:
        by_kind.setdefault(section.kind, section)
    for key, kind, _heading, title_key, org_key in _ENTRY_LISTS:
        if kind == "other":
            continue  # volunteering lives in a free-text section: the base keeps its own
        section = by_kind.get(kind)
        if section is None:
            continue
        old = [_dict(i) for i in _list(resume.get(key))]
        resume[key] = [
            _entry(entry, old[n] if n < len(old) else {}, key, title_key, org_key)
            for n, entry in enumerate(section.entries)
        ]
    skills = by_kind.get("skills")
    if skills is not None and not _list(resume.get("skills")):
        resume["skills"] = [{"name": item} for item in skills.items]
    languages = by_kind.get("languages")
    if languages is not None and not _list(resume.get("languages")):
        resume["languages"] = [_language(item) for item in languages.items]
    certifications = by_kind.get("certifications")
    if certifications is not None and not _list(resume.get("certificates")):
        resume["certificates"] = [{"name": item} for item in certifications.items]
    if not base:
        # Sections JSON Resume has no list for keep their heading and text as an interest
        # entry would lose them: carry them in "meta", which the schema leaves open.
        other = [
            {"heading": s.heading, "text": s.text}
            for s in document.sections
            if s.kind in ("other",) and (s.text or s.heading)
        ]
        if other:
            resume.setdefault("meta", {})["cvimprover_sections"] = other
    return resume


def _basics(document: CVDocument, old: dict) -> dict:
    contact = document.contact
    basics = dict(old)
    for field, value in (
        ("name", contact.name),
        ("label", document.headline),
        ("email", contact.email),
        ("phone", contact.phone),
    ):
        if value:
            basics[field] = value
    summary = document.section("summary")
    if summary is not None and summary.text:
        basics["summary"] = summary.text
    if contact.location and not old.get("location"):
        parts = [p.strip() for p in contact.location.split(",")]
        basics["location"] = {"city": parts[0]}
        if len(parts) > 1:
            basics["location"]["region"] = ", ".join(parts[1:])
    if contact.links and not old.get("profiles") and not old.get("url"):
        profiles = []
        for link in contact.links:
            url = _absolute(link.url)
            if link.label in ("LinkedIn", "GitHub", "GitLab"):
                profiles.append({"network": link.label, "url": url, "username": _user(url)})
            elif "url" not in basics:
                basics["url"] = url
        if profiles:
            basics["profiles"] = profiles
    return basics


def _absolute(url: str) -> str:
    return url if re.match(r"^[a-z]+://", url) else f"https://{url}"


def _user(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _entry(entry: Entry, old: dict, key: str, title_key: str, org_key: str) -> dict:
    item = dict(old)
    if not (key == "education" and old.get("area")):
        # An education title was built from studyType + area: the base keeps both.
        item[title_key] = entry.title
    if entry.organisation and not (key == "projects" and not old.get(org_key) and old):
        item[org_key] = entry.organisation
    if entry.location and key == "work":
        item["location"] = entry.location
    if not (old.get("startDate") or old.get("endDate")):
        start, end = _split_dates(entry.dates)
        if start:
            item["startDate"] = start
        if end:
            item["endDate"] = end
    bullets = list(entry.bullets)
    summary_key = "description" if key == "projects" else "summary"
    courses = _list(old.get("courses"))
    if courses and len(bullets) >= len(courses):
        item["courses"] = bullets[len(bullets) - len(courses) :]
        bullets = bullets[: len(bullets) - len(courses)]
    has_summary = bool(_text(old.get(summary_key)))
    if has_summary and bullets:
        item[summary_key], bullets = bullets[0], bullets[1:]
    if key != "education":
        item["highlights"] = bullets
    elif bullets:
        item["courses"] = bullets + _list(item.get("courses"))
    return item


def _split_dates(text: str) -> tuple[str, str]:
    match = find_dates(text or "")
    if not match:
        return "", ""
    return iso_date(match.group("start") or ""), iso_date(match.group("end") or "")


def _language(item: str) -> dict:
    match = re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", item)
    if match:
        return {"language": match.group(1), "fluency": match.group(2)}
    return {"language": item}


def from_json_resume(data: dict[str, Any]) -> CVDocument:
    """A CVDocument straight from a JSON Resume (used to compare round trips)."""
    basics = _dict(data.get("basics"))
    links = [
        Link(label=_text(_dict(p).get("network")) or "Portfolio", url=_text(_dict(p).get("url")))
        for p in _list(basics.get("profiles"))
        if _text(_dict(p).get("url"))
    ]
    if _text(basics.get("url")):
        links.insert(0, Link("Portfolio", _text(basics["url"])))
    document = CVDocument(
        contact=Contact(
            name=_text(basics.get("name")),
            email=_text(basics.get("email")),
            phone=_text(basics.get("phone")),
            location=_location(basics),
            links=links,
        ),
        headline=_text(basics.get("label")),
    )
    if _text(basics.get("summary")):
        document.sections.append(Section("summary", "Summary", text=_text(basics["summary"])))
    for key, kind, heading, title_key, org_key in _ENTRY_LISTS:
        items = [_dict(i) for i in _list(data.get(key))]
        if items and kind != "other":
            entries = [
                Entry(
                    title=_text(i.get(title_key)),
                    organisation=_text(i.get(org_key)),
                    dates=_dates(i),
                    location=_text(i.get("location")),
                    bullets=[
                        _text(b)
                        for b in [i.get("summary") or i.get("description")]
                        + _list(i.get("highlights"))
                        if _text(b)
                    ],
                )
                for i in items
            ]
            document.sections.append(Section(kind, heading, entries=entries))
    skills = [_dict(s) for s in _list(data.get("skills"))]
    if skills:
        items = [_text(s.get("name")) for s in skills if _text(s.get("name"))]
        document.sections.append(Section("skills", "Skills", items=items))
    return document
