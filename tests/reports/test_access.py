"""Who may build and see packs, and what an engagement gives an auditor."""

from datetime import timedelta

import pytest
from django.utils import timezone

from inventory.models import Asset
from reports import services
from reports.models import AuditPack, Engagement

pytestmark = pytest.mark.django_db


def test_member_cannot_build_a_pack_over_assets_it_cannot_see(world, api):
    response = api(world.member_b).post("/api/v1/audit-packs/", {"assets": [world.asset_b.pk, world.asset_a.pk]},
                                        format="json")
    assert response.status_code == 400
    assert f"no asset with id {world.asset_a.pk} that you can see" in response.json()["detail"]
    missing = api(world.member_b).post("/api/v1/audit-packs/", {"assets": [999999]}, format="json")
    assert missing.json()["detail"].replace("999999", str(world.asset_a.pk)) == response.json()["detail"]
    team = api(world.member_b).post("/api/v1/audit-packs/", {"team": world.team_a.pk}, format="json")
    assert team.status_code == 400 and "no team with id" in team.json()["detail"]
    assert AuditPack.objects.count() == 0


def test_member_builds_over_its_own_team_and_sees_only_its_packs(world, api):
    response = api(world.owner_a).post("/api/v1/audit-packs/", {"team": world.team_a.pk, "title": "Team A"}, format="json")
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "queued" and set(body["assets"]) == {world.asset_a.pk, world.model_a.pk}
    assert response["Location"].endswith(f"/audit-packs/{body['id']}/")
    assert api(world.owner_a).get(f"/api/v1/audit-packs/{body['id']}/").status_code == 200
    assert api(world.viewer_a).get(f"/api/v1/audit-packs/{body['id']}/").status_code == 404
    assert api(world.owner_a).get(f"/api/v1/audit-packs/{body['id']}/pdf/").status_code == 409


@pytest.mark.parametrize("who", ["auditor", "integration"])
def test_auditors_and_integrations_cannot_build(world, api, who):
    response = api(getattr(world, who)).post("/api/v1/audit-packs/", {"assets": [world.asset_a.pk]}, format="json")
    assert response.status_code == 403
    assert AuditPack.objects.count() == 0


@pytest.mark.parametrize("payload, field", [
    ({"assets": []}, "assets"),
    ({"assets": [1], "team": 1}, "team"),
    ({"assets": [1], "frameworks": ["sox"]}, "frameworks"),
    ({"assets": [1], "as_of": "2999-01-01"}, "as_of"),
    ({"assets": [1], "as_of": "2026-01-01", "since": "2026-02-01"}, "since"),
    ({"assets": "all"}, "assets"),
])
def test_bad_scopes_are_400_with_a_reason(world, api, payload, field):
    payload = {k: ([world.asset_a.pk] if v == [1] else world.team_a.pk if v == 1 else v) for k, v in payload.items()}
    response = api(world.governance).post("/api/v1/audit-packs/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert AuditPack.objects.count() == 0


def test_engagement_gives_the_auditor_read_only_access_and_only_its_packs(world, api):
    today = timezone.localdate()
    created = api(world.governance).post("/api/v1/engagements/", {
        "name": "FY review", "auditor": world.auditor_b.pk, "assets": [world.model_a.pk], "frameworks": ["gdpr"],
        "period_start": str(today - timedelta(days=10)), "period_end": str(today + timedelta(days=10))}, format="json")
    assert created.status_code == 400  # no framework catalog loaded in this world: the slug is unknown
    created = api(world.governance).post("/api/v1/engagements/", {
        "name": "FY review", "auditor": world.auditor_b.pk, "assets": [world.model_a.pk],
        "period_start": str(today - timedelta(days=10)), "period_end": str(today + timedelta(days=10))}, format="json")
    assert created.status_code == 201, created.content
    engagement = Engagement.objects.get(pk=created.json()["id"])
    auditor = api(world.auditor_b)
    assert auditor.get(f"/api/v1/assets/{world.model_a.pk}/").status_code == 200
    assert auditor.patch(f"/api/v1/assets/{world.model_a.pk}/", {"description": "x"}, format="json").status_code == 403
    assert auditor.get(f"/api/v1/assets/{world.asset_a.pk}/").status_code == 404

    for_auditor = services.request_pack(actor=world.governance, engagement_id=engagement.pk)
    internal = services.request_pack(actor=world.governance, asset_ids=[world.model_a.pk])
    listed = {row["id"] for row in auditor.get("/api/v1/audit-packs/").json()["results"]}
    assert listed == {for_auditor.pk}
    assert auditor.get(f"/api/v1/audit-packs/{internal.pk}/").status_code == 404
    assert auditor.post(f"/api/v1/audit-packs/{for_auditor.pk}/retry/").status_code == 403
    assert auditor.post(f"/api/v1/engagements/{engagement.pk}/end/").status_code == 403
    assert api(world.auditor).get(f"/api/v1/audit-packs/{for_auditor.pk}/").status_code == 404

    assert api(world.governance).post(f"/api/v1/engagements/{engagement.pk}/end/").status_code == 200
    assert auditor.get(f"/api/v1/assets/{world.model_a.pk}/").status_code == 404
    assert auditor.get(f"/api/v1/audit-packs/{for_auditor.pk}/").status_code == 404


def test_pack_for_an_engagement_stays_inside_its_scope(world, api):
    today = timezone.localdate()
    engagement = services.create_engagement(actor=world.governance, name="Narrow", auditor=world.auditor_b,
                                            asset_ids=[world.model_a.pk], period_start=today, period_end=today)
    response = api(world.governance).post("/api/v1/audit-packs/", {
        "engagement": engagement.pk, "assets": [world.model_a.pk, world.asset_b.pk]}, format="json")
    assert response.status_code == 400 and "engagement's assets" in response.json()["detail"]


def test_members_cannot_manage_engagements(world, api):
    today = str(timezone.localdate())
    response = api(world.owner_a).post("/api/v1/engagements/", {
        "name": "x", "auditor": world.auditor_b.pk, "assets": [world.model_a.pk], "period_start": today,
        "period_end": today}, format="json")
    assert response.status_code == 403
    assert not Engagement.objects.exists()


def test_expired_engagements_end_and_revoke(world):
    today = timezone.localdate()
    engagement = services.create_engagement(actor=world.governance, name="Old", auditor=world.auditor_b,
                                            asset_ids=[world.model_a.pk], period_start=today - timedelta(days=20),
                                            period_end=today - timedelta(days=1))
    assert Asset.objects.restrict(world.auditor_b, "view").filter(pk=world.model_a.pk).exists()
    assert services.end_expired_engagements() == 1
    engagement.refresh_from_db()
    assert engagement.ended_at is not None
    assert not Asset.objects.restrict(world.auditor_b, "view").filter(pk=world.model_a.pk).exists()


def test_browser_form_builds_a_pack_and_auditors_cannot_open_it(world, web):
    page = web(world.owner_a).get("/audit-packs/new/")
    assert page.status_code == 200 and "Alpha screening" in page.content.decode()
    assert "Bravo assistant" not in page.content.decode()  # choices come from the restricted queryset
    response = web(world.owner_a).post("/audit-packs/new/", {"title": "From the browser", "team": world.team_a.pk})
    assert response.status_code == 302
    pack = AuditPack.objects.get(title="From the browser")
    detail = web(world.owner_a).get(response["Location"])
    assert "Waiting for a worker" in detail.content.decode() or "Queued" in detail.content.decode()
    refused = web(world.owner_a).post("/audit-packs/new/", {"assets": [world.asset_b.pk]})
    assert refused.status_code == 400
    assert web(world.auditor).get("/audit-packs/new/").status_code == 403
    assert web(world.member_b).get(f"/audit-packs/{pack.pk}/").status_code == 404
