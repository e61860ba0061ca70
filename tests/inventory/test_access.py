"""A member of team B can neither see, list, search, export, relate to nor edit team A's assets."""

import pytest

from attest.auditlog.models import AuditEvent
from inventory import services
from inventory.models import Asset, AssetRelation

pytestmark = pytest.mark.django_db


def api_names(response):
    return {row["name"] for row in response.json()["results"]}


def test_outsider_cannot_see_list_or_search(world, api, web):
    bob = world.member_b
    assert api(bob).get(f"/api/v1/assets/{world.asset_a.pk}/").status_code == 404
    assert api_names(api(bob).get("/api/v1/assets/")) == {"Bravo assistant"}
    assert api_names(api(bob).get("/api/v1/assets/", {"q": "alpha"})) == set()
    assert api_names(api(bob).get("/api/v1/assets/", {"team": world.team_b.pk})) == {"Bravo assistant"}
    # Filtering by a team you cannot see is an error, not an empty leak-free list of someone else's.
    assert api(bob).get("/api/v1/assets/", {"team": world.team_a.pk}).status_code == 400
    page = web(bob).get("/assets/", {"q": "alpha"}).content.decode()
    assert "Alpha screening" not in page and "Nothing matches" in page
    assert web(bob).get(f"/assets/{world.asset_a.pk}/").status_code == 404
    assert api(bob).get(f"/api/v1/assets/{world.asset_a.pk}/relations/").status_code == 404


def test_outsider_cannot_edit_delete_or_create_in_other_team(world, api, web):
    bob = world.member_b
    events = AuditEvent.objects.count()
    assert api(bob).patch(f"/api/v1/assets/{world.asset_a.pk}/", {"name": "pwned"}, format="json").status_code == 404
    assert api(bob).delete(f"/api/v1/assets/{world.asset_a.pk}/").status_code == 404
    response = api(bob).post("/api/v1/assets/", {"kind": "model", "name": "sneaky", "team": world.team_a.pk}, format="json")
    assert response.status_code == 400 and "team" in response.json()["errors"]
    response = web(bob).post("/assets/add/", {"kind": "model", "name": "sneaky", "team": world.team_a.pk,
                                              "lifecycle_stage": "design", "criticality": "low",
                                              "data_classification": "internal", "model_type": "llm"})
    assert response.status_code == 400
    assert not Asset.objects.filter(name__in=["pwned", "sneaky"]).exists()
    assert AuditEvent.objects.count() == events


def test_outsider_cannot_relate_to_other_teams_asset(world, api, web):
    bob = world.member_b
    response = api(bob).post(f"/api/v1/assets/{world.asset_b.pk}/relations/",
                             {"type": "depends_on", "target": world.asset_a.pk}, format="json")
    assert response.status_code == 400
    assert f"no asset {world.asset_a.pk} that you can see" in response.json()["detail"]
    web(bob).post(f"/assets/{world.asset_b.pk}/relations/add/", {"type": "depends_on", "target": world.asset_a.pk})
    assert not AssetRelation.objects.exists()
    # The form only offers assets bob can see.
    page = web(bob).get(f"/assets/{world.asset_b.pk}/").content.decode()
    assert "Alpha screening" not in page


def test_relation_to_hidden_asset_is_not_shown_to_outsider(world, api):
    services.grant_asset_access(actor=None, asset=world.asset_a, user=world.member_b, permission="view_asset")
    services.create_relation(actor=None, source=world.model_a, type="part_of", target=world.asset_a)
    # bob sees asset_a (shared) but not model_a: the relation would leak model_a's name.
    rows = api(world.member_b).get(f"/api/v1/assets/{world.asset_a.pk}/relations/").json()
    assert rows == []


def test_viewer_reads_but_cannot_write(world, api):
    vic = world.viewer_a
    assert api(vic).get(f"/api/v1/assets/{world.asset_a.pk}/").status_code == 200
    response = api(vic).post("/api/v1/assets/", {"kind": "model", "name": "x", "team": world.team_a.pk}, format="json")
    assert response.status_code == 403
    assert api(vic).post(f"/api/v1/assets/{world.asset_a.pk}/relations/",
                         {"type": "depends_on", "target": world.model_a.pk}, format="json").status_code == 403


def test_contributor_edits_but_only_owner_deletes(world, api):
    assert api(world.contributor_a).patch(f"/api/v1/assets/{world.asset_a.pk}/", {"criticality": "low"},
                                          format="json").status_code == 200
    assert api(world.contributor_a).delete(f"/api/v1/assets/{world.asset_a.pk}/").status_code == 403
    assert api(world.owner_a).delete(f"/api/v1/assets/{world.asset_a.pk}/").status_code == 204


def test_auditor_sees_only_granted_assets_and_changes_nothing(world, api):
    audrey = world.auditor
    assert api_names(api(audrey).get("/api/v1/assets/")) == {"Alpha screening"}
    assert api(audrey).patch(f"/api/v1/assets/{world.asset_a.pk}/", {"criticality": "low"}, format="json").status_code == 403
    assert api(audrey).get(f"/api/v1/assets/{world.asset_b.pk}/").status_code == 404
    assert api(audrey).post("/api/v1/assets/", {"kind": "model", "name": "x", "team": world.team_a.pk},
                            format="json").status_code == 400


def test_integration_reads_only_its_scope(world, api):
    bot = world.integration
    assert api_names(api(bot).get("/api/v1/assets/")) == {"alpha-model"}
    assert api(bot).get(f"/api/v1/assets/{world.asset_a.pk}/").status_code == 404
    assert api(bot).patch(f"/api/v1/assets/{world.model_a.pk}/", {"version": "2"}, format="json").status_code == 403
    assert Asset.objects.restrict(bot, "add_evidence").get() == world.model_a
    assert api(bot).get("/api/v1/teams/").json()["count"] == 0


def test_governance_and_admin_see_everything(world, api):
    for user in (world.governance, world.admin):
        assert api(user).get("/api/v1/assets/").json()["count"] == Asset.objects.count()


def test_sharing_one_asset_grants_exactly_that(world, api):
    services.grant_asset_access(actor=world.owner_a, asset=world.asset_a, user=world.member_b, permission="view_asset")
    assert api_names(api(world.member_b).get("/api/v1/assets/")) == {"Bravo assistant", "Alpha screening"}
    assert api(world.member_b).patch(f"/api/v1/assets/{world.asset_a.pk}/", {"criticality": "low"},
                                     format="json").status_code == 403
    # Only those who may delete the asset (owners, admins) share it.
    with pytest.raises(Exception):
        services.grant_asset_access(actor=world.contributor_a, asset=world.asset_a, user=world.member_b,
                                    permission="change_asset")


def test_inactive_user_sees_nothing(world, api):
    world.owner_a.is_active = False
    world.owner_a.save()
    assert Asset.objects.restrict(world.owner_a, "view").count() == 0


def test_restricted_queryset_is_one_query(world, django_assert_num_queries):
    # Whether the user holds per-asset grants is looked up once per user object, then remembered.
    Asset.objects.restrict(world.owner_a, "view")
    Asset.objects.restrict(world.auditor, "view")
    for user in (world.owner_a, world.auditor):
        with django_assert_num_queries(1):
            list(Asset.objects.restrict(user, "view"))


def test_governance_edits_any_asset_but_deletes_only_in_its_teams(world, api):
    assert api(world.governance).patch(f"/api/v1/assets/{world.asset_b.pk}/", {"criticality": "high"},
                                       format="json").status_code == 200
    assert api(world.governance).delete(f"/api/v1/assets/{world.asset_b.pk}/").status_code == 403
