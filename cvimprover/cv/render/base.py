"""Types shared by every template: errors, PDF metadata and template descriptions."""

from __future__ import annotations

from dataclasses import dataclass, field


class RenderError(ValueError):
    """Rendering refused or failed; `.message` is safe to show to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class PdfMeta:
    title: str = ""
    author: str = ""
    subject: str = ""
    keywords: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    title: str
    description: str
    supports_photo: bool
