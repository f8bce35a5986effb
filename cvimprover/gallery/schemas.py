"""Schemas for the template gallery."""

from marshmallow import Schema, fields


class TemplateSchema(Schema):
    name = fields.String(metadata={"description": "Pass as `template` when submitting."})
    title = fields.String()
    description = fields.String()
    supports_photo = fields.Boolean()
    preview_url = fields.String(metadata={"description": "PNG of page 1 with a sample CV."})


class TemplateListSchema(Schema):
    items = fields.List(fields.Nested(TemplateSchema))
