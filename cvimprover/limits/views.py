"""The web account page: the user's plan, today's usage and the plans to move to."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from cvimprover.limits.plans import all_plans
from cvimprover.limits.service import usage_status

bp = Blueprint("account", __name__)


@bp.get("/account")
@login_required
def index():
    user = current_user._get_current_object()
    return render_template("account.html", user=user, usage=usage_status(user), plans=all_plans())
