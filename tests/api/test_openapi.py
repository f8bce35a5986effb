"""The OpenAPI document: valid, complete, and served with its docs page."""

import re

from openapi_spec_validator import validate


def spec(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_document_validates(client):
    validate(spec(client))


def openapi_path(rule: str) -> str:
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule)


def test_every_api_route_is_documented_with_its_methods(app, client):
    paths = spec(client)["paths"]
    undocumented = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint.startswith(
            ("api-docs.", "api_docs_assets.")
        ):
            continue
        path = openapi_path(rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if method.lower() not in paths.get(path, {}):
                undocumented.append(f"{method} {path}")
    assert undocumented == []


def test_protected_operations_declare_bearer_auth_and_errors(client):
    document = spec(client)
    assert document["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A token from /auth/token",
    }
    post = document["paths"]["/api/v1/applications"]["post"]
    assert post["security"] == [{"bearerAuth": []}]
    for code in ("400", "401", "413", "415", "422", "429", "503"):
        assert code in post["responses"], code
    error = document["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"error", "message"}


def test_multipart_upload_and_enums_are_described(client):
    document = spec(client)
    post = document["paths"]["/api/v1/applications"]["post"]
    ref = post["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"]
    body = document["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]
    for field in ("position", "industry", "application_timeline", "resume_text", "template"):
        assert field in body
    assert body["resume"]["format"] == "binary"
    assert body["photo"]["format"] == "binary"
    assert body["experience_level"]["enum"] == ["0-2", "3-5", "6+"]
    assert body["company_size"]["enum"] == ["startup", "small", "medium", "enterprise"]
    assert "Idempotency-Key" in [p["name"] for p in post["parameters"]]


def test_docs_page_works_offline(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "/api/v1/docs/assets/swagger-ui-bundle.js" in html
    assert "https://" not in html.split("<body")[0]  # no CDN assets
    asset = client.get("/api/v1/docs/assets/swagger-ui-bundle.js")
    assert asset.status_code == 200 and len(asset.data) > 100_000
    asset.close()
