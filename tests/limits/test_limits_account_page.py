"""The web account page shows the plan and the same numbers as the status route."""

from cvimprover.limits import consume


def test_account_page_needs_a_login(client):
    response = client.get("/account")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_account_page_shows_plan_and_usage(client, make_user, web_login):
    user = make_user("page@example.com", plan="basic")
    consume(user, {"improvements": 15})
    web_login("page@example.com")
    page = client.get("/account")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<strong>Basic</strong> plan" in html
    row = html.split('class="usage-row scope-improvements"')[1].split("</div>")[0]
    assert '<strong class="used">15</strong>' in row and '<span class="limit">20</span>' in row
    assert '<span class="remaining">5</span>' in row
    assert "warning (75.0 %)" in row
    assert "Premium" in html and 'href="/account"' in html
