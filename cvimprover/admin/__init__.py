"""Operator pages: rq-dashboard under /admin/rq, for admin users only."""

from __future__ import annotations

import warnings

from flask import Flask, abort
from flask_login import current_user

from cvimprover.extensions import csrf


def register_admin(app: Flask, url_prefix: str = "/admin/rq") -> None:
    """Mount rq-dashboard, configured explicitly and closed to everyone but admins."""
    import rq_dashboard
    import rq_dashboard.web

    # Set explicitly: left unset, rq-dashboard copies a bare REDIS_URL and warns
    app.config.setdefault("RQ_DASHBOARD_REDIS_URL", app.config["REDIS_URL"])
    with warnings.catch_warnings():
        # Its legacy-config shim warns for each old option name it finds in the app's
        # config without the new one (REDIS_URL is such a name, hence the explicit
        # setting above). Only that warning, only from that module, is silenced.
        warnings.filterwarnings(
            "ignore",
            message=r"Configuration option \w+ is deprecated",
            category=UserWarning,
            module=r"rq_dashboard\.legacy_config",
        )
        rq_dashboard.web.setup_rq_connection(app)

    blueprint = rq_dashboard.blueprint
    if not getattr(blueprint, "_cvimprover_guarded", False):
        # The blueprint is a module-level object shared by every app: guard it once,
        # first in line, before rq-dashboard's own hook picks a Redis connection
        blueprint.before_request_funcs.setdefault(None, []).insert(0, require_admin)
        blueprint._cvimprover_guarded = True
    app.register_blueprint(blueprint, url_prefix=url_prefix)
    # Its buttons post by AJAX without a CSRF token; SameSite=Lax session cookies
    # already keep other sites from posting as an admin.
    csrf.exempt(blueprint)


def require_admin() -> None:
    """401 without a web session, 403 for a user who is not an admin."""
    if not current_user.is_authenticated:
        abort(401)
    if not current_user.is_admin:
        abort(403)
