"""Configuration classes, read from the environment (12-factor)."""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("CVIMPROVER_INSTANCE", BASE_DIR / "instance"))

MB = 1024 * 1024


def database_url(environ: os._Environ | dict = os.environ) -> str:
    """DATABASE_URL (Heroku's `postgres://` form too); SQLite in the instance folder by default."""
    url = environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE_DIR / 'cvimprover.sqlite3'}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        # psycopg 3 is the driver we ship
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def redis_url(environ: os._Environ | dict = os.environ) -> str:
    return environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-change-me")
    SQLALCHEMY_DATABASE_URI = database_url()
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    REDIS_URL = redis_url()

    # Uploads: resume 10 MB, photo 5 MB; the request as a whole a little more
    MAX_RESUME_BYTES = _int("MAX_RESUME_BYTES", 10 * MB)
    MAX_PHOTO_BYTES = _int("MAX_PHOTO_BYTES", 5 * MB)
    MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 16 * MB)

    # Queues, split by latency: a photo or a re-render (high) is not stuck behind a whole
    # improvement (default), nor is either behind maintenance (low): docs/architecture.md
    QUEUES = ("high", "default", "low")
    IMPROVEMENT_QUEUE = "default"
    PHOTO_QUEUE = "high"
    RENDER_QUEUE = "high"
    MAINTENANCE_QUEUE = "low"
    JOB_TIMEOUT = _int("JOB_TIMEOUT", 300)
    JOB_RESULT_TTL = _int("JOB_RESULT_TTL", 3600)
    # Seconds between RQ's retries of a job whose database or Redis was unreachable
    JOB_RETRY_INTERVALS = os.environ.get("JOB_RETRY_INTERVALS", "5,15,45")

    # Flask-Caching on the same Redis, under its own prefix (never empty: a flush of the
    # cache must not touch the queues' or the limits' keys)
    CACHE_TYPE = "RedisCache"
    CACHE_REDIS_URL = REDIS_URL
    CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "cvimprover:cache:")
    CACHE_DEFAULT_TIMEOUT = _int("CACHE_DEFAULT_TIMEOUT", 300)

    # The JSON API and its OpenAPI document
    API_TITLE = "CVImprover API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    OPENAPI_SWAGGER_UI_PATH = "docs"
    # Served by us from the flask-swagger-ui package (see cvimprover/api/docs.py)
    OPENAPI_SWAGGER_UI_URL = "/api/v1/docs/assets/"
    # A token's last_used_at is written at most this often (seconds), so reads stay reads
    TOKEN_TOUCH_SECONDS = _int("TOKEN_TOUCH_SECONDS", 60)

    # Optional LLM rewrite (OpenAI-compatible); the local engine when unset
    LLM_API_KEY = os.environ.get("LLM_API_KEY", "")
    LLM_BASE_URL = os.environ.get("LLM_BASE_URL", "https://api.openai.com/v1")
    LLM_MODEL = os.environ.get("LLM_MODEL", "gpt-4o-mini")
    # Seconds one request to the model may take before the local text is kept
    LLM_TIMEOUT = os.environ.get("LLM_TIMEOUT", "30")

    RETENTION_DAYS = _int("RETENTION_DAYS", 90)
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    WTF_CSRF_TIME_LIMIT = None
    # Strict-Transport-Security on HTTPS responses (production only: cvimprover/security.py)
    HSTS_SECONDS = 0

    # Behind the platform's router: trust one proxy hop for the client address and scheme
    PROXY_FIX_X_FOR = _int("PROXY_FIX_X_FOR", 1)
    PROXY_FIX_X_PROTO = _int("PROXY_FIX_X_PROTO", 1)

    # Plans and their limits (docs/limits.md). `flask plans seed` and migration 0003 store
    # them in the `plans` table; these are also the fallback when a row is missing.
    PLANS = (
        {"name": "free", "title": "Free", "rank": 0, "improvements_per_day": 3,
         "applications_per_day": 5, "uploads_per_day": 3, "api_calls_per_hour": 100},
        {"name": "basic", "title": "Basic", "rank": 1, "improvements_per_day": 20,
         "applications_per_day": 50, "uploads_per_day": 20, "api_calls_per_hour": 300},
        {"name": "pro", "title": "Pro", "rank": 2, "improvements_per_day": 100,
         "applications_per_day": 200, "uploads_per_day": 100, "api_calls_per_hour": 600},
        {"name": "premium", "title": "Premium", "rank": 3, "improvements_per_day": 1000,
         "applications_per_day": 1000, "uploads_per_day": 500, "api_calls_per_hour": 1200},
    )  # fmt: skip
    DEFAULT_PLAN = "free"
    RATE_LIMITS_ENABLED = _bool("RATE_LIMITS_ENABLED", True)
    RATE_LIMIT_KEY_PREFIX = os.environ.get("RATE_LIMIT_KEY_PREFIX", "cvimprover:limits:")
    # Counters outlive their window this long, so the daily roll-up can still read them
    RATE_LIMIT_KEEP_SECONDS = _int("RATE_LIMIT_KEEP_SECONDS", 2 * 24 * 3600)
    # Unauthenticated routes (API register and token, web login and signup), per client IP
    AUTH_IP_LIMIT = _int("AUTH_IP_LIMIT", 20)
    AUTH_IP_WINDOW = _int("AUTH_IP_WINDOW", 600)
    UPGRADE_URL = os.environ.get("UPGRADE_URL", "/account")

    # Cache timeouts: every key has one, so Redis never fills with entries nothing reads
    CACHE_PLANS_TIMEOUT = _int("CACHE_PLANS_TIMEOUT", 300)
    CACHE_REPORT_TIMEOUT = _int("CACHE_REPORT_TIMEOUT", 3600)
    CACHE_DOCUMENT_TIMEOUT = _int("CACHE_DOCUMENT_TIMEOUT", 3600)
    # Previews are cached; PDFs and anything bigger are read from the database
    CACHE_DOCUMENT_MAX_BYTES = _int("CACHE_DOCUMENT_MAX_BYTES", 1 * MB)

    # Maintenance run by the scheduler on the `low` queue
    RETENTION_BATCH_SIZE = _int("RETENTION_BATCH_SIZE", 200)
    # A pending application is only "stuck" once it is this old (its job may be enqueuing)
    STUCK_GRACE_SECONDS = _int("STUCK_GRACE_SECONDS", 10)
    # A running job whose worker has not beaten for this long lost its worker (SIGKILL,
    # machine gone); workers beat every WORKER_HEARTBEAT_SECONDS while a job runs
    WORKER_HEARTBEAT_SECONDS = _int("WORKER_HEARTBEAT_SECONDS", 5)
    STALE_HEARTBEAT_SECONDS = _int("STALE_HEARTBEAT_SECONDS", 15)
    # A job started longer ago than JOB_TIMEOUT + this margin is abandoned
    STUCK_MARGIN_SECONDS = _int("STUCK_MARGIN_SECONDS", 300)
    # After this many re-enqueues an application is marked failed, not retried forever
    MAX_REQUEUES = _int("MAX_REQUEUES", 3)
    SCHEDULER_INTERVAL = _int("SCHEDULER_INTERVAL", 30)
    MAINTENANCE_JOB_TIMEOUT = _int("MAINTENANCE_JOB_TIMEOUT", 1800)
    CRON_PURGE_EXPIRED = os.environ.get("CRON_PURGE_EXPIRED", "17 3 * * *")
    CRON_REQUEUE_STUCK = os.environ.get("CRON_REQUEUE_STUCK", "*/5 * * * *")
    CRON_CLEAN_REGISTRIES = os.environ.get("CRON_CLEAN_REGISTRIES", "*/15 * * * *")
    CRON_ROLL_UP_USAGE = os.environ.get("CRON_ROLL_UP_USAGE", "7 * * * *")


class DevelopmentConfig(Config):
    DEBUG = False


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    HSTS_SECONDS = _int("HSTS_SECONDS", 365 * 24 * 3600)


class TestingConfig(Config):
    TESTING = True
    WTF_CSRF_ENABLED = False
    CACHE_KEY_PREFIX = "cvimprover-test:cache:"


CONFIGS = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "testing": TestingConfig,
}


def config_for(name: str | None = None) -> type[Config]:
    """The config class named by `name` or $CVIMPROVER_ENV (development by default)."""
    name = name or os.environ.get("CVIMPROVER_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise ValueError(
            f"unknown configuration {name!r}; choose one of {sorted(CONFIGS)}"
        ) from None
