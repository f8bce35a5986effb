"""Web pages for accounts: sign up, log in, log out."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_required, login_user, logout_user
from marshmallow import EXCLUDE

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
