"""API routes for accounts: register and obtain a token."""

from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from cvimprover.api.auth import token_required
from cvimprover.api.errors import ApiError
from cvimprover.api.schemas import ErrorSchema
from cvimprover.auth.schemas import CredentialsSchema, RegisteredSchema, RegisterSchema, TokenSchema
from cvimprover.auth.service import EmailTaken, authenticate, register_user
from cvimprover.auth.tokens import issue_token, revoke_token
from cvimprover.extensions import db
from cvimprover.limits import limit_by_ip

blp = Blueprint("api_auth", __name__, url_prefix="/api/v1/auth", description="Accounts and tokens")


@blp.route("/register")
class Register(MethodView):
    # Unauthenticated: every attempt counts against the caller's address
    decorators = [limit_by_ip("auth")]

    @blp.arguments(RegisterSchema)
    @blp.response(201, RegisteredSchema)
    @blp.alt_response(409, description="The email address is already registered")
    @blp.alt_response(429, description="Too many attempts from this address; see Retry-After")
    def post(self, data):
        """Create an account and return its first token"""
        try:
            user = register_user(data["email"], data["password"], data["name"])
        except EmailTaken:
            raise ApiError(409, "An account with this email already exists.") from None
        token = issue_token(user)
        db.session.commit()
        return {"user": user, "token": token}


@blp.route("/token")
class Token(MethodView):
    decorators = [limit_by_ip("auth")]

    @blp.arguments(CredentialsSchema)
    @blp.response(200, TokenSchema)
    @blp.alt_response(401, description="Wrong email or password")
    @blp.alt_response(429, description="Too many attempts from this address; see Retry-After")
    def post(self, data):
        """Exchange email and password for a new bearer token"""
        user = authenticate(data["email"], data["password"])
        if user is None:
            raise ApiError(401, "Wrong email or password.")
        token = issue_token(user)
        db.session.commit()
        return {"token": token}

    @blp.response(204)
    @blp.alt_response(401, schema=ErrorSchema, description="Missing or invalid bearer token")
    @blp.doc(security=[{"bearerAuth": []}])
    @token_required
    def delete(self):
        """Revoke the bearer token this request carries (log out an API client)"""
        _, _, token = request.headers.get("Authorization", "").partition(" ")
        revoke_token(token.strip())
        db.session.commit()
