"""End to end in Chromium: sign in, register an asset, find it by search, and check that
another team's member cannot reach it (404 "Not found") nor find it."""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from attest.accounts import services as accounts
from attest.accounts.models import Team, User
from inventory import services as inventory
from inventory.models import Asset

pytestmark = pytest.mark.e2e

PASSWORD = "correct-horse-42"
ASSET_NAME = "Zephyr fraud scorer"


@dataclass
class Teams:
    team_a: Team
    carl: User  # contributor of team A
    bob: User  # owner of team B


def _member(username: str, team: Team, role: str) -> User:
    user = accounts.create_user(actor=None, username=username, password=PASSWORD)
    accounts.set_team_member(actor=None, team=team, user=user, role=role)
    return user


@pytest.fixture
def teams(live_server) -> Teams:
    # Built through the services, like the app does; live_server gives a transactional DB
    # that the server thread shares.
    team_a = accounts.create_team(actor=None, name="Team A")
    team_b = accounts.create_team(actor=None, name="Team B")
    # One asset per team that the search must leave out.
    inventory.create_asset(actor=None, data={"kind": "system", "name": "Payroll forecaster", "team": team_a})
    inventory.create_asset(actor=None, data={"kind": "system", "name": "Zenith helpdesk bot", "team": team_b})
    return Teams(team_a=team_a, carl=_member("carl", team_a, "contributor"), bob=_member("bob", team_b, "owner"))


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base_url}/")  # LOGIN_REDIRECT_URL is the dashboard


def search_assets(page: Page, base_url: str, query: str):
    """Search the asset list through its filter form; return the body rows of the results table."""
    page.goto(f"{base_url}/assets/")
    page.locator("form[role=search] [name=q]").fill(query)
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(rf"\?.*q={query}"))
    return page.locator("table.table tbody tr")


def test_member_creates_finds_and_other_team_cannot_see(live_server, teams, new_page):
    base = live_server.url

    # Team A's contributor signs in and registers a model through the form.
    carl = new_page()
    sign_in(carl, base, "carl")
    carl.get_by_role("link", name="Assets", exact=True).click()
    carl.get_by_role("link", name="Add", exact=True).click()
    expect(carl).to_have_url(f"{base}/assets/add/")
    carl.select_option("[name=kind]", "model")
    # attest.js shows only the chosen kind's section.
    expect(carl.locator("fieldset.kind-section[data-kind=model]")).to_be_visible()
    expect(carl.locator("fieldset.kind-section[data-kind=system]")).to_be_hidden()
    carl.fill("[name=name]", ASSET_NAME)
    carl.select_option("[name=team]", label="Team A")
    carl.select_option("[name=lifecycle_stage]", "validation")
    carl.select_option("[name=criticality]", "high")
    carl.select_option("[name=model_type]", "classifier")
    carl.get_by_role("button", name="Save").click()

    expect(carl).to_have_url(re.compile(rf"^{re.escape(base)}/assets/\d+/$"))
    expect(carl.locator("h1")).to_contain_text(ASSET_NAME)
    expect(carl.locator(".messages")).to_contain_text(f"Created {ASSET_NAME}")
    asset_id = int(carl.url.rstrip("/").rsplit("/", 1)[1])
    asset = Asset.objects.get(pk=asset_id)
    assert (asset.name, asset.kind, asset.team_id, asset.criticality) == (ASSET_NAME, "model", teams.team_a.pk, "high")

    # The search finds it, and only it ("Payroll forecaster" is also team A's, but does not match).
    rows = search_assets(carl, base, "zephyr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(ASSET_NAME)
    expect(rows.first.get_by_role("link", name=ASSET_NAME)).to_have_attribute("href", f"/assets/{asset_id}/")

    # Team B's owner, in a separate browser context: the page is a 404, indistinguishable from a missing id.
    bob = new_page()
    sign_in(bob, base, "bob")
    response = bob.goto(f"{base}/assets/{asset_id}/")
    assert response is not None and response.status == 404
    expect(bob.locator("h1")).to_have_text("Not found")
    expect(bob.locator("body")).not_to_contain_text(ASSET_NAME)

    # Nor does the search reveal it: "z" matches both names, but only team B's own asset is listed.
    rows = search_assets(bob, base, "z")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Zenith helpdesk bot")
    expect(bob.locator("main")).not_to_contain_text(ASSET_NAME)
    rows = search_assets(bob, base, "zephyr")
    expect(rows).to_have_count(0)
    expect(bob.locator(".empty-state")).to_contain_text("Nothing matches.")
