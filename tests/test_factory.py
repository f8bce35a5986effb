"""The application factory: config, extensions, blueprints, commands."""

from cvimprover import create_app


def test_testing_config_and_overrides(database_url, redis_url):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=database_url, REDIS_URL=redis_url)
    assert app.testing
    assert app.config["REDIS_URL"] == redis_url
    # The cache shares the queues' Redis, under its own prefix
    assert app.config["CACHE_REDIS_URL"] == redis_url
    assert app.config["CACHE_KEY_PREFIX"].startswith("cvimprover")


def test_default_config_is_not_testing(monkeypatch, database_url, redis_url):
    monkeypatch.delenv("CVIMPROVER_ENV", raising=False)
    app = create_app(SQLALCHEMY_DATABASE_URI=database_url, REDIS_URL=redis_url)
    assert not app.testing


def test_blueprints_and_commands_registered(app):
    assert {"auth", "applications", "health", "api_auth", "api_applications"} <= set(app.blueprints)
    assert "cv" in app.cli.commands


def test_unknown_api_route_answers_json_error_shape(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"
    assert response.get_json()["message"]


def test_wrong_method_answers_405_in_error_shape(client):
    response = client.put("/api/v1/auth/token")
    assert response.status_code == 405
    assert response.get_json()["error"] == "method_not_allowed"


def test_openapi_document_served(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/applications" in spec["paths"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
