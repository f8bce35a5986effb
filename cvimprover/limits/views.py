"""The web account page: plan and usage, API tokens, password, deleting the account."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from cvimprover.auth.account import tokens_of
from cvimprover.limits.plans import all_plans
from cvimprover.limits.service import usage_status

bp = Blueprint("account", __name__)


def render_account(status: int = 200, **extra):
    """The account page; the forms posting to cvimprover/auth/views.py show their outcome
    (a new token, shown once; field errors) through `extra`."""
    user = current_user._get_current_object()
    page = render_template(
        "account.html",
        user=user,
        usage=usage_status(user),
        plans=all_plans(),
        tokens=tokens_of(user),
        errors=extra.pop("errors", {}),
        **extra,
    )
    return page, status


@bp.get("/account")
@login_required
def index():
    return render_account()
