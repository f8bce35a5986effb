"""The improvement report (`result` of a finished application), field by field.

The engine builds the report (cvimprover/cv/pipeline.py; `rendering` is added by the
improvement job, `cover_letter_edited` by a letter edit) and the analysis stores it as
JSON. These schemas are how the API describes and serialises it: a field the engine
emits must be declared here, or it is left out of the API's answer (the tests load a
real report with these schemas, which refuse an undeclared field). Fields an older
report may lack are not required; everything the engine always writes is.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate


def _text(description: str, **kwargs) -> fields.String:
    return fields.String(metadata={"description": description}, **kwargs)


SCORE_PARTS = ("keywords", "skills", "structure", "impact", "readability")
SEVERITIES = ("info", "warning", "error")
EVIDENCE_STATUSES = ("exact", "variant", "related", "missing")
TERM_SOURCES = ("position", "requirements", "nice_to_have", "description")
TERM_ORIGINS = ("vocabulary", "esco", "onet", "phrase", "token")


def _per_score_part(name: str, description: str, field, **more) -> type[Schema]:
    """A schema with one `field()` per score part (and `more`), named for the document."""
    schema = Schema.from_dict({part: field() for part in SCORE_PARTS} | more, name=name)
    schema.__doc__ = description
    return schema


ScoreWeightsSchema = _per_score_part(
    "ScoreWeightsSchema",
    "How much each part counts in the score (they add up to 1).",
    lambda: fields.Float(required=True),
)
ScorePartsSchema = _per_score_part(
    "ScorePartsSchema",
    "Each part of the score, 0-100, and the weights that make the total.",
    lambda: fields.Integer(required=True),
    weights=fields.Nested(ScoreWeightsSchema, required=True),
)
ScoreHelpSchema = _per_score_part(
    "ScoreHelpSchema",
    "One sentence per score part saying what it measures, in the job's language.",
    lambda: fields.String(required=True),
)


class ContactLinkSchema(Schema):
    label = fields.String(required=True)
    url = fields.String(required=True)


class ContactSchema(Schema):
    """The contact block as read from the CV (empty strings where the CV has none)."""

    name = fields.String(required=True)
    email = fields.String(required=True)
    phone = fields.String(required=True)
    location = fields.String(required=True)
    links = fields.List(fields.Nested(ContactLinkSchema), required=True)


class SectionSchema(Schema):
    kind = _text("experience, education, skills, summary, ... or other", required=True)
    heading = _text("The heading as the CV writes it", required=True)


class JobTermSchema(Schema):
    """A key term of the job ad."""

    text = fields.String(required=True)
    category = fields.String(required=True)
    weight = fields.Float(required=True)
    required = fields.Boolean(required=True)
    source = _text(f"Where in the ad: {', '.join(TERM_SOURCES)}", required=True)
    line = _text("The ad's line the term was found in", required=True)
    origin = _text(f"What knew the term: {', '.join(TERM_ORIGINS)}", required=True)


class EvidenceLineSchema(Schema):
    section = _text("The section kind of the CV line", required=True)
    text = fields.String(required=True)


class EvidenceSchema(Schema):
    """Where the CV shows one job term, or what to add when it does not."""

    term = fields.String(required=True)
    required = fields.Boolean(required=True)
    status = fields.String(required=True, validate=validate.OneOf(EVIDENCE_STATUSES))
    matched_as = _text("The CV's wording when it is a variant", required=True, allow_none=True)
    lines = fields.List(fields.Nested(EvidenceLineSchema), required=True)
    suggestion = fields.String(required=True, allow_none=True)


class KeywordsSchema(Schema):
    job = fields.List(fields.Nested(JobTermSchema), required=True)
    matched = fields.List(fields.String(), required=True)
    missing = fields.List(fields.String(), required=True)
    evidence = fields.List(
        fields.Nested(EvidenceSchema),
        required=True,
        metadata={"description": "One entry per job term, required terms first"},
    )


class FindingSchema(Schema):
    """Something in the CV (before the rewrite) worth the user's attention."""

    code = _text("A stable slug to switch on (docs/engine.md)", required=True)
    severity = fields.String(required=True, validate=validate.OneOf(SEVERITIES))
    message = _text("Human-readable, in the job's language", required=True)
    excerpt = fields.String(required=True)
    count = fields.Integer(required=True)
    excerpts = fields.List(fields.String(), required=True)


class ChangeSchema(Schema):
    """One change the rewrite made; the user may reject it (a re-render leaves it out)."""

    id = _text("Stable for the same change on the same CV", required=True)
    path = _text("Where in the improved CV, e.g. sections.1.entries.0.bullets.2", required=True)
    before = fields.String(required=True)
    after = fields.String(required=True)
    reason = fields.String(required=True)


class DroppedLineSchema(Schema):
    line = fields.String(required=True)
    reason = _text("Why it was left out, for the user", required=True)


class PreservedSchema(Schema):
    """Every line of the CV as extracted, accounted for:
    source_lines = kept + rewritten + dropped + lost."""

    source_lines = fields.Integer(required=True)
    kept = fields.Integer(required=True)
    rewritten = fields.Integer(required=True)
    dropped = fields.Integer(required=True)
    dropped_lines = fields.List(fields.Nested(DroppedLineSchema), required=True)
    lost = fields.Integer(required=True)
    lost_lines = fields.List(fields.String(), required=True)


class UnreadablePageSchema(Schema):
    page = fields.Integer(required=True)
    reason = fields.String(required=True)


class ExtractionSchema(Schema):
    """Where the text came from: the file's own text, or OCR with its confidence."""

    source = fields.String(required=True, validate=validate.OneOf(["text", "json_resume", "ocr"]))
    format = _text("pdf, docx, txt or json (text and JSON Resume)")
    pages = fields.Integer(metadata={"description": "OCR only: pages read"})
    confidence = fields.Float(metadata={"description": "OCR only: 0-1"})
    low_confidence = fields.Boolean(metadata={"description": "OCR only"})
    skipped_pages = fields.Integer(metadata={"description": "OCR only: pages past the limit"})
    unreadable_pages = fields.List(
        fields.Nested(UnreadablePageSchema), metadata={"description": "OCR only"}
    )


class RenderingSchema(Schema):
    """Characters the PDF fonts cannot draw (the DOCX and text downloads keep them)."""

    missing_characters = fields.List(fields.String(), required=True)
    message = fields.String(required=True, allow_none=True)


class _RewriterSchema(Schema):
    rewriter = fields.String(required=True, validate=validate.OneOf(["local", "llm"]))
    llm_fallback_reason = fields.String(required=True, allow_none=True)


class LetterEngineSchema(_RewriterSchema):
    llm_rejected_lines = fields.Integer(required=True)


class EngineSchema(_RewriterSchema):
    """What wrote the text: the local rewriter, or the language model (and why not)."""

    llm_rejected_lines = fields.Integer(metadata={"description": "With a language model"})
    letter = fields.Nested(
        LetterEngineSchema, metadata={"description": "With a language model: the letter's"}
    )


class ReportSchema(Schema):
    """The improvement report: the analysis before and after, the changes, the letter."""

    language = _text("The CV's language (en, es)", required=True)
    job_language = _text("The application's language: the job ad's, else the CV's", required=True)
    score_before = fields.Integer(required=True, metadata={"description": "0-100"})
    score_after = fields.Integer(required=True, metadata={"description": "0-100"})
    score_parts = fields.Nested(ScorePartsSchema, required=True)
    score_parts_after = fields.Nested(ScorePartsSchema, required=True)
    score_help = fields.Nested(ScoreHelpSchema, required=True)
    contact = fields.Nested(ContactSchema, required=True)
    sections = fields.List(fields.Nested(SectionSchema), required=True)
    keywords = fields.Nested(KeywordsSchema, required=True)
    findings = fields.List(fields.Nested(FindingSchema), required=True)
    changes = fields.List(fields.Nested(ChangeSchema), required=True)
    preserved = fields.Nested(PreservedSchema, required=True)
    extraction = fields.Nested(ExtractionSchema, required=True)
    improved_markdown = _text("The improved CV as Markdown", required=True)
    cover_letter = _text(
        "The cover letter, plain text (the user's text once edited)", required=True
    )
    cover_letter_edited = fields.Boolean(metadata={"description": "The user edited the letter"})
    engine = fields.Nested(EngineSchema, required=True)
    rendering = fields.Nested(RenderingSchema)
