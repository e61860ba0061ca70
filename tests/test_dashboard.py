import pytest

pytestmark = pytest.mark.django_db


def test_dashboard_counts_only_what_the_user_sees(world, web):
    page = web(world.owner_a).get("/").content.decode()
    assert 'Inventory <span class="count">2</span>' in page
    assert "<svg" in page and "Assets by kind" in page
    assert "Bravo assistant" not in page  # team B's activity is not shown either
    page = web(world.governance).get("/").content.decode()
    assert 'Inventory <span class="count">3</span>' in page


def test_dashboard_with_nothing_visible_invites_to_register(world, web):
    page = web(world.auditor_b).get("/").content.decode()
    assert "No assets you can see yet" in page


def test_anonymous_dashboard_redirects_to_login(db, client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
