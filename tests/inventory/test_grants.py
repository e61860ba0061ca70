import pytest

from attest.auditlog.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_owner_shares_and_revokes_through_the_api(world, api):
    url = f"/api/v1/assets/{world.asset_a.pk}/grants/"
    owner = api(world.owner_a)
    response = owner.post(url, {"user": world.member_b.pk, "permission": "view_asset"}, format="json")
    assert response.status_code == 201
    assert {"user": world.member_b.pk, "username": "bob", "role": "member", "permission": "view_asset"} in response.json()
    assert api(world.member_b).get(f"/api/v1/assets/{world.asset_a.pk}/").status_code == 200
    assert AuditEvent.objects.filter(action="asset.access_granted", asset_id=world.asset_a.pk).count() == 2
    assert owner.delete(f"{url}{world.member_b.pk}/view_asset/").status_code == 204
    assert api(world.member_b).get(f"/api/v1/assets/{world.asset_a.pk}/").status_code == 404


def test_only_owners_see_and_change_grants(world, api):
    url = f"/api/v1/assets/{world.asset_a.pk}/grants/"
    assert api(world.contributor_a).get(url).status_code == 403
    assert api(world.member_b).get(url).status_code == 404
    assert api(world.contributor_a).post(url, {"user": world.member_b.pk, "permission": "view_asset"},
                                         format="json").status_code == 403
    assert api(world.governance).get(url).status_code == 403  # governance reads and edits, but does not share


def test_auditors_only_get_read_access(world, api):
    url = f"/api/v1/assets/{world.asset_a.pk}/grants/"
    response = api(world.owner_a).post(url, {"user": world.auditor_b.pk, "permission": "change_asset"}, format="json")
    assert response.status_code == 400 and "read-only" in response.json()["detail"]


def test_sharing_in_the_browser(world, web):
    client = web(world.owner_a)
    page = client.get(f"/assets/{world.asset_a.pk}/").content.decode()
    assert "Access beyond the team" in page and "audrey" in page
    response = client.post(f"/assets/{world.asset_a.pk}/access/", {"user": world.member_b.pk, "permission": "view_asset"})
    assert response.status_code == 302
    assert web(world.member_b).get(f"/assets/{world.asset_a.pk}/").status_code == 200
    assert web(world.viewer_a).post(f"/assets/{world.asset_a.pk}/access/",
                                    {"user": world.member_b.pk, "permission": "change_asset"}).status_code == 403
    assert "Access beyond the team" not in web(world.viewer_a).get(f"/assets/{world.asset_a.pk}/").content.decode()


def test_owner_revokes_in_the_browser(world, web):
    url = f"/assets/{world.asset_a.pk}/access/"
    web(world.owner_a).post(url, {"user": world.member_b.pk, "permission": "view_asset"})
    assert web(world.member_b).get(f"/assets/{world.asset_a.pk}/").status_code == 200
    assert web(world.owner_a).post(url, {"revoke_user": world.member_b.pk,
                                         "revoke_permission": "view_asset"}).status_code == 302
    assert web(world.member_b).get(f"/assets/{world.asset_a.pk}/").status_code == 404
