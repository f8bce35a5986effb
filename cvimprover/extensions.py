"""Flask extensions, created unbound here and bound to the app in the factory."""

import contextlib
import sqlite3

from flask_caching import Cache
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine

from cvimprover.api.schemas import ErrorSchema

# Stable constraint names, so migrations are the same on SQLite and PostgreSQL
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


@event.listens_for(Engine, "connect")
def _sqlite_write_ahead_log(dbapi_connection, connection_record) -> None:
    """SQLite (the default database without DATABASE_URL) in write-ahead-log mode: a
    commit is one fsync instead of three (22 -> 5 ms on a busy disk; a job commits twice,
    a submission once) and readers (status polls) never block the worker's commits."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        # The mode is stored in the file: set once, later connections find it set. A
        # database busy at that moment stays as it was (slower, not wrong).
        with contextlib.suppress(sqlite3.OperationalError):
            dbapi_connection.execute("PRAGMA journal_mode=WAL")


db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
migrate = Migrate()
cache = Cache()
login_manager = LoginManager()
csrf = CSRFProtect()


class CVImproverApi(Api):
    """flask-smorest's Api, answering and documenting errors in the API's one shape."""

    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error):
        from cvimprover.api.errors import http_error_response

        return http_error_response(error)


api = CVImproverApi()
