"""The structured CV that flows from the engine to the renderer, stored as JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SECTION_KINDS = (
    "summary",
    "experience",
    "education",
    "skills",
    "projects",
    "certifications",
    "languages",
    "other",
)


@dataclass
class Link:
    label: str
    url: str


@dataclass
class Contact:
    name: str = ""
    email: str = ""
    phone: str = ""
    location: str = ""
    links: list[Link] = field(default_factory=list)


@dataclass
class Entry:
    """One role, degree or project: a heading line, its dates and its bullets."""

    title: str = ""
    organisation: str = ""
    dates: str = ""
    location: str = ""
    bullets: list[str] = field(default_factory=list)


@dataclass
class Section:
    """A CV section. `entries` for experience/education/projects, `items` for
    skills/languages/certifications, `text` for summary and free-form sections."""

    kind: str
    heading: str
    text: str = ""
    entries: list[Entry] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass
class CVDocument:
    contact: Contact = field(default_factory=Contact)
    headline: str = ""
    language: str = "en"
    sections: list[Section] = field(default_factory=list)

    def section(self, kind: str) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CVDocument:
        contact = data.get("contact") or {}
        return cls(
            contact=Contact(
                name=contact.get("name", ""),
                email=contact.get("email", ""),
                phone=contact.get("phone", ""),
                location=contact.get("location", ""),
                links=[Link(**link) for link in contact.get("links", [])],
            ),
            headline=data.get("headline", ""),
            language=data.get("language", "en"),
            sections=[
                Section(
                    kind=s["kind"],
                    heading=s.get("heading", ""),
                    text=s.get("text", ""),
                    entries=[Entry(**e) for e in s.get("entries", [])],
                    items=list(s.get("items", [])),
                )
                for s in data.get("sections", [])
            ],
        )
