"""Web pages for accounts: sign up, log in, log out, and the account page's forms (API tokens,
password, deleting the account)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from marshmallow import EXCLUDE

from cvimprover.auth import account
from cvimprover.auth.schemas import RegisterSchema
from cvimprover.auth.service import EmailTaken, authenticate, register_user
from cvimprover.extensions import db, login_manager
from cvimprover.limits import limit_by_ip
from cvimprover.models import User

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))


@bp.route("/signup", methods=["GET", "POST"])
@limit_by_ip("auth")
def signup():
    errors: dict = {}
    if request.method == "POST":
        # The form also carries its CSRF token: only the account fields are validated
        errors = RegisterSchema(unknown=EXCLUDE).validate(request.form)
        if not errors:
            try:
                user = register_user(
                    request.form["email"], request.form["password"], request.form["name"]
                )
            except EmailTaken:
                errors = {"email": ["An account with this email already exists."]}
            else:
                db.session.commit()
                login_user(user)
                return redirect(url_for("applications.index"))
    status = 422 if errors else 200
    return render_template("auth/signup.html", errors=errors, form=request.form), status


@bp.route("/login", methods=["GET", "POST"])
@limit_by_ip("auth")
def login():
    error = None
    if request.method == "POST":
        user = authenticate(request.form.get("email", ""), request.form.get("password", ""))
        if user is not None:
            login_user(user)
            return redirect(url_for("applications.index"))
        error = "Wrong email or password."
    return render_template("auth/login.html", error=error, form=request.form), 401 if error else 200


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    flash("You are logged out.")
    return redirect(url_for("auth.login"))


def _account_user() -> User:
    return current_user._get_current_object()


@bp.post("/account/tokens")
@login_required
def create_token():
    from cvimprover.limits.views import render_account

    name = request.form.get("token_name", "")
    try:
        token = account.create_token(_account_user(), name)
    except account.AccountError as refused:
        return render_account(422, errors={refused.field: [refused.message]})
    # Shown in this response only: the database keeps its hash, never the token
    return render_account(201, new_token=token, new_token_name=name.strip())


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    if not account.revoke_token(_account_user(), token_id):
        abort(404)
    flash("The token was revoked: it no longer works.")
    return redirect(url_for("account.index") + "#tokens")


@bp.post("/account/password")
@login_required
def change_password():
    from cvimprover.limits.views import render_account

    form = request.form
    try:
        account.change_password(
            _account_user(),
            form.get("current_password", ""),
            form.get("new_password", ""),
            form.get("repeat_password", ""),
        )
    except account.AccountError as refused:
        return render_account(422, errors={refused.field: [refused.message]})
    flash("Your password was changed.")
    return redirect(url_for("account.index"))


@bp.post("/account/delete")
@login_required
def delete_account():
    from cvimprover.limits.views import render_account

    if request.form.get("confirm") != "yes":
        message = "Tick the box to confirm that everything should be deleted."
        return render_account(422, errors={"confirm": [message]})
    user = _account_user()
    try:
        account.delete_account(user, request.form.get("delete_password", ""))
    except account.AccountError as refused:
        return render_account(422, errors={refused.field: [refused.message]})
    logout_user()
    flash("Your account, your applications and all their files were deleted.")
    return redirect(url_for("applications.home"))
