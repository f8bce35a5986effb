"""The user's own edit of a cover letter: validated, stored on the analysis, and drawn again
(PDF now by a render job on the fast queue; DOCX on request) without re-analysing."""

from __future__ import annotations

import re

from marshmallow import Schema, ValidationError, fields, validate, validates

from cvimprover.applications import service
from cvimprover.cv.render.letter import MAX_LETTER_CHARACTERS
from cvimprover.extensions import db
from cvimprover.models import Application


class CoverLetterSchema(Schema):
    text = fields.String(
        required=True,
        validate=validate.Length(max=MAX_LETTER_CHARACTERS),
        metadata={"description": "The whole letter as plain text; paragraphs end in a blank line."},
    )

    @validates("text")
    def not_blank(self, value: str, **_kwargs: object) -> None:
        if not value.strip():
            raise ValidationError("The cover letter is empty.")


def clean_letter(text: str) -> str:
    """The letter as the renderers expect it: Unix line ends, no trailing spaces, at most one
    blank line between paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def replace_letter(application: Application, text: str) -> None:
    """Store `text` as the application's letter and queue the render job that draws it again."""
    analysis = application.analysis
    letter = clean_letter(text)
    analysis.cover_letter = letter
    # A new dict, so the JSON column sees the change (and the cached report is dropped).
    analysis.report = {
        **(analysis.report or {}),
        "cover_letter": letter,
        "cover_letter_edited": True,
    }
    db.session.commit()
    service.enqueue_render(application, application.template)
