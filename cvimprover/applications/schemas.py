"""Marshmallow schemas for the questionnaire and the application resources."""

from __future__ import annotations

from flask_smorest.fields import Upload
from marshmallow import Schema, ValidationError, fields, pre_load, validate

from cvimprover.api.schemas import UTCDateTime
from cvimprover.applications.report import ReportSchema

EXPERIENCE_LEVELS = ("0-2", "3-5", "6+")
COMPANY_SIZES = ("startup", "small", "medium", "enterprise")
APPLICATION_TIMELINES = ("immediate", "1-3 months", "3-6 months", "6+ months")
STATUSES = ("queued", "running", "done", "failed")
MAX_RESUME_TEXT = 100_000
# Lists of applications (API and history page): this many a page, at most MAX_PAGE_SIZE
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def template_names() -> list[str]:
    from cvimprover.cv.render import TEMPLATES

    return sorted(TEMPLATES)


def known_template(value: str) -> None:
    names = template_names()
    if value not in names:
        raise ValidationError(f"Must be one of: {', '.join(names)}.")


class QuestionnaireSchema(Schema):
    """The questionnaire (docs/api.md), as multipart form fields."""

    position = fields.String(required=True, validate=validate.Length(min=1, max=255))
    industry = fields.String(required=True, validate=validate.Length(min=1, max=255))
    experience_level = fields.String(required=True, validate=validate.OneOf(EXPERIENCE_LEVELS))
    company_size = fields.String(required=True, validate=validate.OneOf(COMPANY_SIZES))
    location = fields.String(load_default="", validate=validate.Length(max=255))
    application_timeline = fields.String(
        required=True, validate=validate.OneOf(APPLICATION_TIMELINES)
    )
    job_description = fields.String(load_default="", validate=validate.Length(max=5000))
    resume_text = fields.String(
        load_default="",
        validate=validate.Length(max=MAX_RESUME_TEXT),
        metadata={"description": "The CV as pasted text, instead of a `resume` file."},
    )
    template = fields.String(
        load_default="classic",
        validate=known_template,
        metadata={"description": "PDF template name (see /templates)."},
    )
    instructions = fields.String(
        validate=validate.Length(min=10, max=5000),
        metadata={"description": 'Optional free text, e.g. "emphasise leadership".'},
    )

    @pre_load
    def strip_strings(self, data, **kwargs):
        cleaned = {}
        for key in data:
            value = data.get(key)
            cleaned[key] = value.strip() if isinstance(value, str) else value
        # An empty optional field is the same as an absent one
        return {k: v for k, v in cleaned.items() if v != ""}


class UploadsSchema(Schema):
    resume = Upload(
        metadata={
            "description": "PDF (a scan is read by OCR), DOCX, TXT, a JSON Resume (.json), "
            "or a JPEG or PNG photo of the page; at most 10 MB."
        }
    )
    photo = Upload(metadata={"description": "Optional JPEG, PNG or WebP, at most 5 MB."})


class SubmissionSchema(QuestionnaireSchema, UploadsSchema):
    """The whole multipart form, for the API document (validated as its two parts)."""


class CreatedSchema(Schema):
    id = fields.String()
    status = fields.String(validate=validate.OneOf(STATUSES))
    progress = fields.Integer()
    status_url = fields.String()


class LinksSchema(Schema):
    self = fields.String()
    pdf = fields.String(allow_none=True)
    preview = fields.String(allow_none=True)
    cover_letter = fields.String(allow_none=True)


class ApplicationSchema(Schema):
    id = fields.String()
    status = fields.String(validate=validate.OneOf(STATUSES))
    progress = fields.Integer(metadata={"description": "0-100"})
    stage = fields.String()
    error = fields.String(allow_none=True)
    photo_error = fields.String(allow_none=True)
    position = fields.String()
    industry = fields.String()
    experience_level = fields.String()
    company_size = fields.String()
    location = fields.String()
    application_timeline = fields.String()
    job_description = fields.String()
    instructions = fields.String()
    template = fields.String()
    created_at = UTCDateTime()
    finished_at = UTCDateTime(allow_none=True)
    result = fields.Nested(
        ReportSchema, allow_none=True, metadata={"description": "The report, once done."}
    )
    links = fields.Nested(LinksSchema)


class PageArgsSchema(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(
        load_default=PAGE_SIZE, validate=validate.Range(min=1, max=MAX_PAGE_SIZE)
    )


class PageMetaSchema(Schema):
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()


class ApplicationPageSchema(Schema):
    items = fields.List(fields.Nested(ApplicationSchema))
    meta = fields.Nested(PageMetaSchema)


class RenderSchema(Schema):
    template = fields.String(
        required=True, validate=known_template, metadata={"description": "A name from /templates."}
    )


class TextFormatSchema(Schema):
    format = fields.String(
        load_default="text",
        validate=validate.OneOf(["text", "markdown"]),
        metadata={"description": "text (plain, for application forms) or markdown"},
    )
