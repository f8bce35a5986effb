"""API routes for plans and the caller's rate-limit status; app-wide limit hooks."""

from __future__ import annotations

from flask import current_app, g, jsonify, render_template_string, request
from flask.views import MethodView
from flask_smorest import Blueprint

from cvimprover.api.auth import api_user, token_required
from cvimprover.api.errors import API_PREFIX
from cvimprover.api.schemas import ERROR_DESCRIPTIONS, ErrorSchema
from cvimprover.auth.tokens import user_for_token
from cvimprover.limits.plans import all_plans
from cvimprover.limits.schemas import PlanListSchema, RateLimitStatusSchema
from cvimprover.limits.service import (
    MUTATING_METHODS,
    RateLimitExceeded,
    count_api_call,
    enabled,
    refund_api_call,
    usage_status,
)

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


@blp.before_app_request
def count_mutating_api_call():
    """Each authenticated POST/PUT/PATCH/DELETE under /api/ takes one `api_calls` unit.

    It is taken before the view runs (so the hourly limit holds under
    concurrency) and given back after it if the request did not succeed.
    """
    if not (
        request.method in MUTATING_METHODS
        and request.path.startswith(API_PREFIX)
        and request.headers.get("Authorization", "").lower().startswith("bearer ")
        and enabled()
    ):
        return
    token = request.headers["Authorization"].split(" ", 1)[1].strip()
    user = user_for_token(token) if token else None
    if user is not None:
        count_api_call(user)
        g.api_call_counted = user


@blp.after_app_request
def refund_failed_api_call(response):
    user = g.pop("api_call_counted", None)
    if user is not None and response.status_code >= 400:
        refund_api_call(user)
    return response


@blp.app_errorhandler(RateLimitExceeded)
def rate_limit_exceeded(exc: RateLimitExceeded):
    if request.path.startswith(API_PREFIX):
        response = jsonify(exc.body())
    else:
        response = current_app.response_class(
            render_template_string(RATE_LIMITED_PAGE, message=exc.description)
        )
    response.status_code = 429
    response.headers.update(exc.headers)
    return response


RATE_LIMITED_PAGE = """{% extends "base.html" %}
{% block title %}Too many requests · CVImprover{% endblock %}
{% block content %}<h1>Too many requests</h1><p>{{ message }}</p>{% endblock %}"""
