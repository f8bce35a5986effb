"""Marshmallow schemas for plans and rate-limit status."""

from marshmallow import Schema, fields


class PlanSchema(Schema):
    name = fields.String(metadata={"description": "The value of a user's `plan`."})
    title = fields.String()
    improvements_per_day = fields.Integer()
    applications_per_day = fields.Integer()
    uploads_per_day = fields.Integer()
    api_calls_per_hour = fields.Integer()


class PlanListSchema(Schema):
    items = fields.List(fields.Nested(PlanSchema))


class ScopeStatusSchema(Schema):
    limit = fields.Integer()
    used = fields.Integer()
    remaining = fields.Integer()
    reset_at = fields.String(metadata={"description": "When the window ends (UTC, ISO 8601)."})
    percentage_used = fields.Float()
    status = fields.String(
        metadata={
            "description": "healthy (< 50 %), moderate, warning (>= 70 %), critical (>= 90 %)"
        }
    )


class RateLimitStatusSchema(Schema):
    plan = fields.String()
    plan_title = fields.String()
    counters_available = fields.Boolean(
        metadata={"description": "False when Redis did not answer: `used` then reads 0."}
    )
    scopes = fields.Dict(keys=fields.String(), values=fields.Nested(ScopeStatusSchema))


class LimitInfoSchema(Schema):
    scope = fields.String()
    limit = fields.Integer()
    used = fields.Integer()
    remaining = fields.Integer()
    reset_at = fields.String()
    current_plan = fields.String(allow_none=True)


class UpgradeSuggestionSchema(Schema):
    message = fields.String()
    recommended_plan = fields.String(allow_none=True)
    upgrade_url = fields.String()


class RateLimitErrorSchema(Schema):
    error = fields.String(metadata={"description": "Always `rate_limit_exceeded`."})
    message = fields.String()
    details = fields.Dict()
    limit_info = fields.Nested(LimitInfoSchema)
    upgrade_suggestion = fields.Nested(UpgradeSuggestionSchema, allow_none=True)
