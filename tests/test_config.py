"""config.py: environment parsing and the config classes."""

import pytest

from config import CONFIGS, config_for, database_url, redis_url


def test_database_url_defaults_to_sqlite_in_instance_folder():
    assert database_url({}).startswith("sqlite:///")
    assert database_url({}).endswith("cvimprover.sqlite3")


@pytest.mark.parametrize(
    "given, expected",
    [
        ("postgres://u:p@host:5432/db", "postgresql+psycopg://u:p@host:5432/db"),
        ("postgresql://u@host/db", "postgresql+psycopg://u@host/db"),
        ("postgresql+psycopg://u@host/db", "postgresql+psycopg://u@host/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_database_url_accepts_heroku_and_plain_forms(given, expected):
    assert database_url({"DATABASE_URL": given}) == expected


def test_redis_url_from_environment_including_tls():
    assert redis_url({}) == "redis://127.0.0.1:6379/0"
    assert redis_url({"REDIS_URL": "rediss://h:6380/0"}) == "rediss://h:6380/0"


def test_config_for_names_and_unknown():
    assert config_for("testing") is CONFIGS["testing"]
    with pytest.raises(ValueError, match="unknown configuration"):
        config_for("nope")


def test_cache_prefix_is_never_empty():
    # An empty prefix makes cache.clear() run FLUSHDB on the queues' Redis
    for config in CONFIGS.values():
        assert config.CACHE_KEY_PREFIX


def test_every_llm_setting_reaches_the_client(monkeypatch):
    """The jobs build the LLM client from the app's config: each LLM_* variable the docs
    name (LLM_TIMEOUT too) must be a setting, or the worker never sees it."""
    import importlib

    import config
    from cvimprover.cv.llm import LLMSettings

    environ = {"LLM_API_KEY": "k", "LLM_BASE_URL": "http://x/v1", "LLM_MODEL": "m"}
    for name, value in (environ | {"LLM_TIMEOUT": "7"}).items():
        monkeypatch.setenv(name, value)
    try:
        fresh = importlib.reload(config)
        production = fresh.ProductionConfig
        settings = LLMSettings.from_env({k: getattr(production, k) for k in dir(production)})
    finally:
        monkeypatch.undo()
        importlib.reload(config)
    assert settings == LLMSettings("k", "http://x/v1", "m", 7.0)
