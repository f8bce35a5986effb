"""Web sign-up, log-in and log-out."""


def signup(client, email="web@example.com", password="a long password", name="Web User"):
    return client.post("/signup", data={"email": email, "password": password, "name": name})


def test_signup_logs_in_and_redirects_to_history(client):
    response = signup(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/applications")
    assert client.get("/applications").status_code == 200


def test_signup_errors_are_shown_per_field(client):
    response = signup(client, email="nope", password="short")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Not a valid email address." in page
    assert "Length must be between 8 and 128." in page
    signup(client)
    client.post("/logout")
    taken = signup(client)
    assert taken.status_code == 422
    assert "already exists" in taken.get_data(as_text=True)


def test_login_logout(client):
    signup(client)
    client.post("/logout")
    assert client.get("/applications").status_code == 302  # to the login page
    bad = client.post("/login", data={"email": "web@example.com", "password": "wrong"})
    assert bad.status_code == 401 and "Wrong email or password." in bad.get_data(as_text=True)
    good = client.post("/login", data={"email": "web@example.com", "password": "a long password"})
    assert good.status_code == 302
    assert client.get("/applications").status_code == 200
