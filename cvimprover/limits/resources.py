"""API routes for plans and the caller's rate-limit status."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cvimprover.api.auth import api_user, token_required
from cvimprover.api.schemas import ERROR_DESCRIPTIONS, ErrorSchema
from cvimprover.limits.plans import all_plans
from cvimprover.limits.schemas import PlanListSchema, RateLimitStatusSchema
from cvimprover.limits.service import usage_status

blp = Blueprint("api_limits", __name__, url_prefix="/api/v1", description="Plans and limits")
SECURITY = [{"bearerAuth": []}]


@blp.route("/plans")
class PlanList(MethodView):
    @blp.response(200, PlanListSchema)
    def get(self):
        """The plans and what each allows"""
        return {"items": [p.as_dict() for p in all_plans()]}


@blp.route("/rate-limits/status")
class RateLimitStatus(MethodView):
    decorators = [token_required]

    @blp.response(200, RateLimitStatusSchema)
    @blp.alt_response(401, schema=ErrorSchema, description=ERROR_DESCRIPTIONS[401])
    @blp.doc(security=SECURITY)
    def get(self):
        """The caller's usage of each scope in its current window"""
        return usage_status(api_user())
