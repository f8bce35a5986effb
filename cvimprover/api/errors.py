"""One error shape for the JSON API: {error, message, details?}."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, request
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

API_PREFIX = "/api/"

# Stable slugs for clients to switch on
ERROR_SLUGS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limit_exceeded",
    500: "internal_error",
    503: "service_unavailable",
}


class ApiError(HTTPException):
    """An error with a chosen slug and details, raised anywhere in the API."""

    def __init__(
        self, code: int, message: str, *, error: str | None = None, details: Any = None
    ) -> None:
        super().__init__(description=message)
        self.code = code
        self.error = error or ERROR_SLUGS.get(code, "error")
        self.details = details


def error_body(error: str, message: str, details: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"error": error, "message": message}
    if details:
        body["details"] = details
    return body


def http_error_response(exc: HTTPException):
    """The JSON response for an HTTPException (ours, Werkzeug's or webargs')."""
    code = exc.code or 500
    if isinstance(exc, ApiError):
        body = error_body(exc.error, exc.description, exc.details)
    elif code == 422 and getattr(exc, "data", None):
        messages = exc.data.get("messages", {})
        # webargs nests messages under their location ("json", "form", "files")
        details: dict[str, Any] = {}
        for fields in messages.values():
            details.update(fields if isinstance(fields, dict) else {"_schema": fields})
        body = error_body("validation_error", "The request has invalid fields.", details)
    else:
        message = exc.description if code != 500 else "An unexpected error occurred."
        body = error_body(ERROR_SLUGS.get(code, "error"), message)
    response = jsonify(body)
    response.status_code = code
    for name, value in exc.get_headers() if code in (405,) else []:
        if name.lower() == "allow":
            response.headers[name] = value
    if isinstance(exc, ApiError) and getattr(exc, "headers", None):
        response.headers.update(exc.headers)
    return response


def register_error_handlers(app: Flask) -> None:
    """JSON errors under /api/ (and /healthz); HTML elsewhere stays Flask's."""

    @app.errorhandler(HTTPException)
    def handle_http(exc: HTTPException):
        if request.path.startswith(API_PREFIX):
            return http_error_response(exc)
        return exc

    @app.errorhandler(OperationalError)
    def handle_database_down(exc: OperationalError):
        app.logger.error("database unavailable on %s %s: %s", request.method, request.path, exc)
        if request.path.startswith(API_PREFIX):
            return http_error_response(
                ApiError(503, "The service is briefly unavailable; please try again shortly.")
            )
        return ServiceUnavailable()

    @app.errorhandler(Exception)
    def handle_unexpected(exc: Exception):
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        if request.path.startswith(API_PREFIX):
            return http_error_response(InternalServerError())
        return InternalServerError()
