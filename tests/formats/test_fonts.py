"""Characters the PDF fonts cannot draw are named to the user, not silently boxed."""

from __future__ import annotations

import pytest

from cvimprover.cv.render.fonts import drawing_report, missing_characters


def test_european_scripts_are_all_drawable() -> None:
    assert missing_characters("Zoë Ødegård, Łukasz Żółć, Дмитрий, Ελένη, € £ – “”") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("王小明", ["王", "小", "明"]),  # no CJK glyphs
        ("محمد", ["م", "ح", "د"]),  # glyphs, but reportlab cannot join Arabic letters
        ("राम", ["र", "ा", "म"]),  # Devanagari needs shaping too
    ],
)
def test_scripts_we_cannot_draw_are_listed_once_in_order(text, expected) -> None:
    assert missing_characters(f"Name {text} {text}") == expected


def test_report_tells_the_user_and_points_to_docx() -> None:
    report = drawing_report(["Jane Doe 王小明", "Dear team"])
    assert report["missing_characters"] == ["王", "小", "明"]
    assert "王 小 明" in report["message"] and "DOCX" in report["message"]
    assert drawing_report(["Jane Doe"]) == {"missing_characters": [], "message": None}


CJK_CV = """王小明
wang.xiaoming@example.com | +44 20 7946 0000

Experience
Senior Python Engineer, Acme Ltd, 2019 – 2024
- Built the billing service in Python and PostgreSQL

Skills
Python, PostgreSQL, Redis
"""


def test_the_user_is_told_which_characters_the_pdf_could_not_draw(client, run_worker):
    import io

    from tests.applications.test_application_views import FORM, login_new_user

    login_new_user(client, "cjk@example.com")
    data = FORM | {"resume": (io.BytesIO(CJK_CV.encode()), "cv.txt")}
    response = client.post("/applications/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    run_worker()
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'id="undrawn-characters"' in page
    assert "王 小 明" in page

    token = client.post(
        "/api/v1/auth/token", json={"email": "cjk@example.com", "password": "a long password"}
    ).get_json()["token"]
    application_id = response.headers["Location"].rsplit("/", 1)[1]
    body = client.get(
        f"/api/v1/applications/{application_id}", headers={"Authorization": f"Bearer {token}"}
    ).get_json()
    assert body["status"] == "done"
    assert body["result"]["rendering"]["missing_characters"] == ["王", "小", "明"]


def test_a_cv_in_european_scripts_gets_no_such_warning(client, run_worker):
    import io

    from tests.applications.test_application_views import FORM, login_new_user

    login_new_user(client, "eu@example.com")
    cv = CJK_CV.replace("王小明", "Zoë Ødegård-Łukasz")
    data = FORM | {"resume": (io.BytesIO(cv.encode()), "cv.txt")}
    response = client.post("/applications/new", data=data, content_type="multipart/form-data")
    run_worker()
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Zoë" in page
    assert 'id="undrawn-characters"' not in page
