"""In Chromium: the dashboard, an asset page and Swagger UI run under the CSP without a single violation."""

import pytest
from playwright.sync_api import expect

from attest.accounts import services as accounts
from inventory import services as inventory

pytestmark = pytest.mark.e2e

PASSWORD = "correct-horse-42"


@pytest.fixture
def owner(live_server):
    team = accounts.create_team(actor=None, name="Team A")
    user = accounts.create_user(actor=None, username="olivia", password=PASSWORD)
    accounts.set_team_member(actor=None, team=team, user=user, role="owner")
    asset = inventory.create_asset(actor=None, data={"kind": "system", "name": "Payroll forecaster", "team": team})
    return user, asset


def watch_csp(page) -> list[str]:
    """Collects Chromium's console reports of anything the Content-Security-Policy refused."""
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    return violations


def test_no_csp_violations_on_dashboard_asset_page_and_api_docs(page, live_server, owner):
    _, asset = owner
    violations = watch_csp(page)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "olivia")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/assets/{asset.pk}/")
    expect(page.get_by_role("heading", name="Payroll forecaster")).to_be_visible()
    page.goto(f"{live_server.url}/api/docs/")
    # Swagger UI renders only if its initialiser, a separate script file, ran.
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Attest API")
    expect(page.locator(".opblock").first).to_be_visible()
    assert violations == []


def test_lockout_message_in_the_browser(page, live_server, owner):
    page.goto(f"{live_server.url}/login/")
    for _ in range(5):
        page.fill("#id_username", "olivia")
        page.fill("#id_password", "not-the-password")
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Too many failed sign-ins")
