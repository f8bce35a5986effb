"""Schemas shared by every API route: the one error shape, and times in RFC 3339."""

from datetime import UTC, datetime
from typing import Any

from marshmallow import Schema, fields


class ErrorSchema(Schema):
    error = fields.String(required=True, metadata={"description": "A stable slug to switch on."})
    message = fields.String(
        required=True, metadata={"description": "Human-readable, safe to show."}
    )
    details = fields.Dict(
        metadata={"description": "Per-field messages for validation errors, or extra context."}
    )


ERROR_DESCRIPTIONS = {
    400: "Malformed request",
    401: "Missing or invalid bearer token",
    404: "No such resource, or not yours",
    409: "Conflict with the resource's current state",
    413: "A file or the request is too large",
    415: "A file is not of an accepted type",
    422: "Invalid fields; `details` names each one",
    429: "Over the plan's limit; see Retry-After",
    503: "A backing service is unavailable",
}


class UTCDateTime(fields.DateTime):
    """A time as RFC 3339 with its offset: the database keeps naive UTC times, and a time
    without an offset is not a `date-time` in the OpenAPI document's sense."""

    def _serialize(self, value: datetime | None, attr: Any, obj: Any, **kwargs: Any):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)
