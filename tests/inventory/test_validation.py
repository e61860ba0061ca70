"""Bad input gets a clear 4xx and stores nothing."""

import pytest

from attest.auditlog.models import AuditEvent
from inventory import services
from inventory.models import Asset, AssetRelation

pytestmark = pytest.mark.django_db


@pytest.fixture
def unchanged(world):
    counts = (Asset.objects.count(), AssetRelation.objects.count(), AuditEvent.objects.count())
    yield
    assert (Asset.objects.count(), AssetRelation.objects.count(), AuditEvent.objects.count()) == counts


@pytest.mark.parametrize("payload, field, message", [
    ({"kind": "spaceship", "name": "x"}, "kind", "not a valid choice"),
    ({"kind": "model", "name": "x", "lifecycle_stage": "someday"}, "lifecycle_stage", "not a valid choice"),
    ({"kind": "model", "name": "x", "model_type": "oracle"}, "model_type", "not a valid choice"),
    ({"kind": "model", "name": "x", "exposure": "public"}, "exposure", "does not apply to a model"),
    ({"kind": "dataset", "name": "x", "record_count": -5}, "record_count", ""),
    ({"kind": "model", "name": ""}, "name", ""),
    ({"kind": "system", "name": "Alpha screening"}, "__all__", "already exists"),
])
def test_invalid_assets_are_refused(world, api, unchanged, payload, field, message):
    response = api(world.owner_a).post("/api/v1/assets/", {"team": world.team_a.pk, **payload}, format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["detail"]
    assert field in body["errors"] or field == "__all__"
    assert message in body["detail"]


def test_kind_cannot_change(world, api, unchanged):
    response = api(world.owner_a).patch(f"/api/v1/assets/{world.asset_a.pk}/", {"kind": "model"}, format="json")
    assert response.status_code == 400 and "cannot change" in response.json()["detail"]


def test_malformed_json_is_a_clear_400(world, api, unchanged):
    response = api(world.owner_a).post("/api/v1/assets/", '{"kind": "model", "name": ', content_type="application/json")
    assert response.status_code == 400 and "JSON parse error" in response.json()["detail"]


def test_part_of_cycles_are_refused(world, api):
    a = services.create_asset(actor=None, data={"kind": "system", "name": "Outer", "team": world.team_a})
    b = services.create_asset(actor=None, data={"kind": "system", "name": "Middle", "team": world.team_a})
    services.create_relation(actor=None, source=world.asset_a, type="part_of", target=a)
    services.create_relation(actor=None, source=a, type="part_of", target=b)
    before = AssetRelation.objects.count()
    response = api(world.owner_a).post(f"/api/v1/assets/{b.pk}/relations/",
                                       {"type": "part_of", "target": world.asset_a.pk}, format="json")
    assert response.status_code == 400 and "cycle" in response.json()["detail"]
    assert AssetRelation.objects.count() == before


@pytest.mark.parametrize("rel_type, message", [
    ("trained_on", "must point to a dataset"),
    ("deployed_on", "must point to a infrastructure"),
    ("teleports_to", "not a valid choice"),
])
def test_relation_kinds_are_checked(world, api, unchanged, rel_type, message):
    response = api(world.owner_a).post(f"/api/v1/assets/{world.model_a.pk}/relations/",
                                       {"type": rel_type, "target": world.asset_a.pk}, format="json")
    assert response.status_code == 400 and message in response.json()["detail"]


def test_relation_to_itself_and_duplicates_are_refused(world, api):
    url = f"/api/v1/assets/{world.model_a.pk}/relations/"
    assert api(world.owner_a).post(url, {"type": "depends_on", "target": world.model_a.pk}, format="json").status_code == 400
    assert api(world.owner_a).post(url, {"type": "part_of", "target": world.asset_a.pk}, format="json").status_code == 201
    response = api(world.owner_a).post(url, {"type": "part_of", "target": world.asset_a.pk}, format="json")
    assert response.status_code == 400 and "already" in response.json()["detail"]


def test_ui_form_shows_field_errors(world, web, unchanged):
    response = web(world.owner_a).post("/assets/add/", {"kind": "model", "name": "", "team": world.team_a.pk,
                                                        "lifecycle_stage": "design", "criticality": "low",
                                                        "data_classification": "internal", "model_type": "llm"})
    assert response.status_code == 400
    assert 'class="field-error"' in response.content.decode()


def test_unknown_api_route_and_server_errors_are_json(world, api):
    response = api(world.owner_a).get("/api/v1/nope/")
    assert response.status_code == 404 and response.json()["detail"]


def test_names_are_escaped_in_lists_and_pages(world, web):
    from inventory.services import create_asset

    create_asset(actor=None, data={"kind": "system", "name": '<script>alert("x")</script>', "team": world.team_a})
    for url in ("/assets/", "/assets/?q=script"):
        page = web(world.owner_a).get(url).content.decode()
        assert "<script>alert" not in page and "&lt;script&gt;alert" in page
