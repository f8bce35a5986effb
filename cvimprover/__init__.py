"""CVImprover: the Flask application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import Config, config_for


def create_app(config: str | type[Config] | None = None, **overrides: Any) -> Flask:
    """Build the app: configuration, extensions, blueprints, error handlers, commands."""
    app = Flask(__name__, instance_relative_config=False)
    app.config.from_object(config if isinstance(config, type) else config_for(config))
    app.config.update(overrides)
    if "CACHE_REDIS_URL" not in overrides:
        app.config["CACHE_REDIS_URL"] = app.config["REDIS_URL"]

    configure_logger(app)
    # One proxy hop (the platform's router): the client address and scheme it saw
    app.wsgi_app = ProxyFix(
        app.wsgi_app, x_for=app.config["PROXY_FIX_X_FOR"], x_proto=app.config["PROXY_FIX_X_PROTO"]
    )
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_request_hooks(app)
    register_security(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from cvimprover.extensions import api, cache, csrf, db, login_manager, migrate
    from cvimprover.queues import connection_for

    db.init_app(app)
    migrate.init_app(app, db, directory=str(_migrations_dir()), render_as_batch=True)
    cache.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    api.init_app(app)
    app.extensions["cvimprover.redis"] = connection_for(app.config)


def register_blueprints(app: Flask) -> None:
    from cvimprover.admin import register_admin
    from cvimprover.api import register_api
    from cvimprover.applications.views import bp as applications_views
    from cvimprover.auth.views import bp as auth_views
    from cvimprover.health import bp as health
    from cvimprover.limits.views import bp as account_views

    register_api(app)
    app.register_blueprint(health)
    app.register_blueprint(auth_views)
    app.register_blueprint(applications_views)
    app.register_blueprint(account_views)
    register_admin(app)


def register_errorhandlers(app: Flask) -> None:
    from flask import jsonify, render_template, request

    from cvimprover.api.errors import API_PREFIX, register_error_handlers
    from cvimprover.limits import RateLimitExceeded

    register_error_handlers(app)

    @app.errorhandler(RateLimitExceeded)
    def rate_limit_exceeded(exc: RateLimitExceeded):
        """429 with the plan's numbers: JSON under /api/, a page elsewhere."""
        if request.path.startswith(API_PREFIX):
            response = jsonify(exc.body())
        else:
            response = app.make_response(
                render_template("rate_limited.html", message=exc.description)
            )
        response.status_code = 429
        response.headers.update(exc.headers)
        return response


def register_request_hooks(app: Flask) -> None:
    from cvimprover.api.auth import refund_failed_api_call

    app.after_request(refund_failed_api_call)


def register_security(app: Flask) -> None:
    from cvimprover.security import register_security as register

    register(app)


def register_commands(app: Flask) -> None:
    from cvimprover.commands import register_commands as register

    register(app)


def configure_logger(app: Flask) -> None:
    from cvimprover.logging import configure, log_requests, parse_level

    level = parse_level(app.config["LOG_LEVEL"])
    # Under test, pytest's own capture handles records; elsewhere JSON lines on stderr
    if not app.testing:
        configure(level)
    app.logger.setLevel(level)
    log_requests(app)


def _migrations_dir():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "migrations"
