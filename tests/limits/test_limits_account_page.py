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
    assert '<tr class="scope-improvements">' in html
    row = html.split('<tr class="scope-improvements">')[1].split("</tr>")[0]
    assert "<td>15</td>" in row and "<td>20</td>" in row and "<td>5</td>" in row
    assert "warning (75.0 %)" in row
    assert "Premium" in html and 'href="/account"' in html
