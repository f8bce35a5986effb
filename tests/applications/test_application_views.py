"""The web pages for applications: form, progress, results, downloads, privacy."""

import io
import re

from tests.support import sample_pdf

FORM = {
    "position": "Senior Python Engineer",
    "industry": "Fintech",
    "experience_level": "6+",
    "company_size": "medium",
    "application_timeline": "immediate",
    "template": "classic",
    "job_description": "Python, PostgreSQL, Redis and Kubernetes.",
}


def login_new_user(client, email):
    client.post("/logout")
    response = client.post(
        "/signup", data={"email": email, "password": "a long password", "name": "Ada"}
    )
    assert response.status_code == 302


def submit(client):
    data = FORM | {"resume": (io.BytesIO(sample_pdf()), "cv.pdf")}
    response = client.post("/applications/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def test_form_errors_are_shown_and_nothing_is_stored(client):
    login_new_user(client, "a@example.com")
    response = client.post(
        "/applications/new",
        data=FORM | {"experience_level": "99", "resume": (io.BytesIO(b"MZ"), "cv.exe")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "Must be one of" in response.get_data(as_text=True)
    assert "No applications" not in client.get("/applications").get_data(as_text=True)
    no_file = client.post("/applications/new", data=FORM, content_type="multipart/form-data")
    assert "Upload a resume file or paste resume_text." in no_file.get_data(as_text=True)


def test_submit_follow_progress_and_download(client, run_worker):
    login_new_user(client, "a@example.com")
    page_url = submit(client)
    page = client.get(page_url).get_data(as_text=True)
    assert 'id="job-progress"' in page
    assert client.get(page_url + "/progress").get_json()["status"] == "queued"
    run_worker()
    assert client.get(page_url + "/progress").get_json() == {
        "status": "done",
        "progress": 100,
        "stage": "done",
        "error": None,
    }
    result = client.get(page_url).get_data(as_text=True)
    assert "Match score" in result and "Cover letter" in result
    pdf = client.get(page_url + "/cv.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert client.get(page_url + "/preview.png").data.startswith(b"\x89PNG")
    assert client.get(page_url + "/cover-letter.pdf").data.startswith(b"%PDF")
    assert "Senior Python Engineer" in client.get("/applications").get_data(as_text=True)


def test_pages_and_files_are_private(client, run_worker):
    login_new_user(client, "owner@example.com")
    page_url = submit(client)
    run_worker()
    login_new_user(client, "stranger@example.com")
    for suffix in ("", "/progress", "/cv.pdf", "/preview.png", "/cover-letter.pdf"):
        assert client.get(page_url + suffix).status_code == 404, suffix
    assert client.post(page_url + "/delete").status_code == 404
    client.post("/logout")
    assert client.get(page_url).status_code == 302  # to log in


def test_delete_removes_the_application(client):
    login_new_user(client, "a@example.com")
    page_url = submit(client)
    assert client.post(page_url + "/delete").status_code == 302
    assert client.get(page_url).status_code == 404


def test_forms_work_with_csrf_protection_on(app, client, run_worker):
    # As in production: every form posts its CSRF token along with its fields
    app.config["WTF_CSRF_ENABLED"] = True

    def token(path):
        page = client.get(path).get_data(as_text=True)
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    without = client.post("/signup", data={"email": "c@example.com", "password": "x" * 10})
    assert without.status_code == 400  # no token, refused
    signup = client.post(
        "/signup",
        data={
            "csrf_token": token("/signup"),
            "email": "c@example.com",
            "password": "a long password",
            "name": "C",
        },
    )
    assert signup.status_code == 302, signup.get_data(as_text=True)
    data = FORM | {
        "csrf_token": token("/applications/new"),
        "resume": (io.BytesIO(sample_pdf()), "cv.pdf"),
    }
    response = client.post("/applications/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
