import pytest

from attest.auditlog.models import AuditEvent
from compliance.models import Classification
from inventory import services as inventory
from tests.compliance.conftest import HIGH_RISK_PROVIDER, MINIMAL

pytestmark = pytest.mark.django_db


def url(asset):
    return f"/api/v1/assets/{asset.pk}/classification/"


def test_put_answers_records_versions_and_get_returns_the_current(cworld, api):
    client = api(cworld.owner_a)
    assert client.get(url(cworld.asset_a)).status_code == 404
    first = client.put(url(cworld.asset_a), {"answers": MINIMAL}, format="json")
    assert first.status_code == 200 and first.json()["tier"] == "minimal" and first.json()["version"] == 1
    second = client.put(url(cworld.asset_a), {"answers": HIGH_RISK_PROVIDER}, format="json").json()
    assert second["version"] == 2 and second["tier"] == "high_risk" and second["status"] == "proposed"
    assert "Art. 14" in second["obligations"] and "Annex III(4)" in second["deciding_articles"]
    current = client.get(url(cworld.asset_a)).json()
    assert current["version"] == 2
    assert Classification.objects.filter(asset=cworld.asset_a).count() == 2
    event = AuditEvent.objects.filter(action="classification.proposed").order_by("-seq").first()
    assert event.after["changed_answers"]["annex_iii_area"] == ["none", "employment"]


def test_only_governance_confirms(cworld, api):
    api(cworld.owner_a).put(url(cworld.asset_a), {"answers": HIGH_RISK_PROVIDER}, format="json")
    assert api(cworld.owner_a).post(f"{url(cworld.asset_a)}confirm/").status_code == 403
    assert api(cworld.member_b).post(f"{url(cworld.asset_a)}confirm/").status_code == 404
    response = api(cworld.governance).post(f"{url(cworld.asset_a)}confirm/")
    assert response.status_code == 200 and response.json()["status"] == "confirmed"
    assert response.json()["confirmed_by"] == "grace"
    assert AuditEvent.objects.filter(action="classification.decided", asset_id=cworld.asset_a.pk).exists()


def test_read_only_and_out_of_scope_users(cworld, api):
    assert api(cworld.viewer_a).put(url(cworld.asset_a), {"answers": MINIMAL}, format="json").status_code == 403
    assert api(cworld.member_b).put(url(cworld.asset_a), {"answers": MINIMAL}, format="json").status_code == 404
    assert not Classification.objects.exists()


def test_bad_answers_and_non_systems_are_refused(cworld, api):
    client = api(cworld.owner_a)
    response = client.put(url(cworld.asset_a), {"answers": {**MINIMAL, "annex_iii_area": "astrology"}}, format="json")
    assert response.status_code == 400 and "annex_iii_area" in response.json()["detail"]
    response = client.put(url(cworld.asset_a), {"answers": {**MINIMAL, "colour": "blue"}}, format="json")
    assert response.status_code == 400 and "colour" in response.json()["detail"]
    response = client.put(url(cworld.model_a), {"answers": MINIMAL}, format="json")
    assert response.status_code == 400 and "Only AI systems" in response.json()["detail"]
    assert not Classification.objects.exists()


def test_inventory_change_reopens_the_record_and_says_why(cworld, api):
    api(cworld.owner_a).put(url(cworld.asset_a), {"answers": MINIMAL}, format="json")
    api(cworld.governance).post(f"{url(cworld.asset_a)}confirm/")
    inventory.create_relation(actor=cworld.owner_a, source=cworld.model_a, type="part_of", target=cworld.asset_a)
    record = Classification.objects.get(asset=cworld.asset_a, is_current=True)
    assert record.status == "reopened" and any("components" in r for r in record.reopened_because)
    # Answer again (the record is re-proposed), then a personal-data dataset under a component re-opens it.
    api(cworld.owner_a).put(url(cworld.asset_a), {"answers": MINIMAL}, format="json")
    dataset = inventory.create_asset(actor=None, data={"kind": "dataset", "name": "People", "team": cworld.team_a,
                                                       "contains_personal_data": True})
    inventory.create_relation(actor=cworld.owner_a, source=cworld.model_a, type="trained_on", target=dataset)
    record = Classification.objects.get(asset=cworld.asset_a, is_current=True)
    assert record.status == "reopened"
    assert "personal data in its datasets: no → yes" in record.reopened_because
    assert AuditEvent.objects.filter(action="classification.reopened", asset_id=cworld.asset_a.pk).count() == 2
    response = api(cworld.governance).post(f"{url(cworld.asset_a)}confirm/")
    assert response.status_code == 400 and "changed" in response.json()["detail"]


def test_unrelated_change_leaves_the_record_alone(cworld, api):
    api(cworld.owner_a).put(url(cworld.asset_a), {"answers": MINIMAL}, format="json")
    inventory.update_asset(actor=cworld.owner_a, asset=cworld.asset_a, data={"description": "Reworded"})
    assert Classification.objects.get(asset=cworld.asset_a).status == "proposed"


def test_browser_questionnaire(cworld, web):
    client = web(cworld.owner_a)
    page = client.get(f"/compliance/assets/{cworld.asset_a.pk}/classification/").content.decode()
    assert "Questions" in page and "annex_iii_area" in page
    data = {k: v for k, v in HIGH_RISK_PROVIDER.items() if v is not False}
    data = {k: ("on" if v is True else v) for k, v in data.items()}
    response = client.post(f"/compliance/assets/{cworld.asset_a.pk}/classification/", data)
    assert response.status_code == 302
    page = client.get(f"/compliance/assets/{cworld.asset_a.pk}/classification/").content.decode()
    assert "High risk" in page and "Art. 14" in page
    client.post(f"/compliance/assets/{cworld.asset_a.pk}/classification/", {**data, "annex_iii_area": "education"})
    page = client.get(f"/compliance/assets/{cworld.asset_a.pk}/classification/").content.decode()
    assert "annex_iii_area: employment → education" in page
    assert web(cworld.member_b).get(f"/compliance/assets/{cworld.asset_a.pk}/classification/").status_code == 404


def test_hosting_change_reopens_the_record(cworld, api):
    system = inventory.create_asset(actor=None, data={"kind": "system", "name": "Back office", "team": cworld.team_a,
                                                      "exposure": "internal"})
    host = inventory.create_asset(actor=None, data={"kind": "infrastructure", "name": "Edge", "team": cworld.team_a,
                                                    "network_exposure": "internal"})
    inventory.create_relation(actor=None, source=system, type="deployed_on", target=host)
    api(cworld.owner_a).put(url(system), {"answers": MINIMAL}, format="json")
    inventory.update_asset(actor=cworld.owner_a, asset=host, data={"network_exposure": "public"})
    record = Classification.objects.get(asset=system, is_current=True)
    assert record.status == "reopened" and "public deployment: no → yes" in record.reopened_because
