import pytest

from attest.auditlog.models import AuditEvent
from compliance.models import Control, ControlImplementation
from compliance.selectors import asset_checklist

pytestmark = pytest.mark.django_db


def set_url(asset, control):
    return f"/compliance/assets/{asset.pk}/controls/{control.pk}/"


def test_checklist_lists_controls_for_the_assets_obligations(cworld, web):
    checklist = asset_checklist(asset=cworld.asset_a)
    assert checklist and checklist[0]["serves"] >= checklist[-1]["serves"]
    page = web(cworld.viewer_a).get(cworld.asset_a.get_absolute_url()).content.decode()
    assert "Compliance and controls" in page and checklist[0]["control"].code in page
    assert "Set status" not in page  # viewers see the checklist but cannot change it


def test_setting_status_from_the_asset_page(cworld, web):
    control = asset_checklist(asset=cworld.asset_a)[0]["control"]
    url = set_url(cworld.asset_a, control)
    assert web(cworld.member_b).post(url, {"status": "implemented"}).status_code == 404
    assert web(cworld.viewer_a).post(url, {"status": "implemented"}).status_code == 403
    assert not ControlImplementation.objects.exists()
    web(cworld.contributor_a).post(url, {"status": "not_applicable", "justification": ""})
    assert not ControlImplementation.objects.exists()  # a reason is required
    assert web(cworld.contributor_a).post(url, {"status": "implemented"}).status_code == 302
    impl = ControlImplementation.objects.get()
    assert impl.status == "implemented" and impl.asset == cworld.asset_a
    assert AuditEvent.objects.filter(action="implementation.created", asset_id=cworld.asset_a.pk).exists()
    web(cworld.contributor_a).post(url, {"status": "not_applicable", "justification": "No personal data here."})
    impl.refresh_from_db()
    assert impl.status == "not_applicable" and impl.justification == "No personal data here."


def test_implementation_api_validates(cworld, api):
    control = Control.objects.order_by("code").first()
    client = api(cworld.contributor_a)
    payload = {"asset": cworld.asset_a.pk, "control": control.code, "status": "not_applicable"}
    response = client.post("/api/v1/control-implementations/", payload, format="json")
    assert response.status_code == 400 and "justification" in response.json()["errors"]
    response = client.post("/api/v1/control-implementations/", {**payload, "control": "NOPE-01"}, format="json")
    assert response.status_code == 400 and "control" in response.json()["errors"]
    assert not ControlImplementation.objects.exists()
    assert client.post("/api/v1/control-implementations/", {**payload, "status": "planned"}, format="json").status_code == 201
    response = client.post("/api/v1/control-implementations/", {**payload, "status": "planned"}, format="json")
    assert response.status_code == 400 and "already" in response.json()["detail"]


def test_checklist_keeps_owner_and_due_date(cworld, web):
    from compliance import services

    control = asset_checklist(asset=cworld.asset_a)[0]["control"]
    services.set_implementation(actor=None, asset=cworld.asset_a, control=control, status="planned",
                                owner=cworld.owner_a, due_date=__import__("datetime").date(2027, 1, 31), notes="Q1")
    web(cworld.contributor_a).post(set_url(cworld.asset_a, control), {"status": "in_progress"})
    impl = ControlImplementation.objects.get()
    assert impl.status == "in_progress" and impl.owner == cworld.owner_a and impl.notes == "Q1"
    assert str(impl.due_date) == "2027-01-31"
