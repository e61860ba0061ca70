from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from attest.auditlog.models import AuditEvent
from compliance.services import set_implementation
from inventory.models import Asset
from inventory.services import create_asset
from risk import services
from risk.models import AssetThreat, Risk, Threat
from risk.selectors import rated

pytestmark = pytest.mark.django_db


@pytest.fixture
def risk(rworld):
    model = create_asset(actor=None, data={"kind": "model", "name": "Chat LLM", "team": rworld.team_a,
                                           "model_type": "llm", "owner": rworld.owner_a})
    services.regenerate_threat_model(actor=None, asset=model)
    threat = Threat.objects.filter(asset_threats__asset=model, controls__isnull=False).distinct().first()
    risk = Risk.objects.get(asset=model, asset_threat__threat=threat)
    services.update_risk(actor=rworld.owner_a, risk=risk, likelihood=5, impact=4)
    return Risk.objects.get(pk=risk.pk)


def test_implementing_a_mitigating_control_lowers_the_residual(risk):
    before = rated(Risk.objects.filter(pk=risk.pk)).get()
    assert before.residual == before.inherent == 20
    control = risk.asset_threat.threat.controls.first()
    set_implementation(actor=None, asset=risk.asset, control=control, status="implemented")
    after = rated(Risk.objects.filter(pk=risk.pk)).get()
    assert after.residual < after.inherent == 20 and after.mitigations == 1
    set_implementation(actor=None, asset=risk.asset, control=control, status="planned")
    assert rated(Risk.objects.filter(pk=risk.pk)).get().residual == 20


def test_residual_never_below_one_step_or_above_inherent(risk):
    for control in risk.asset_threat.threat.controls.all():
        set_implementation(actor=None, asset=risk.asset, control=control, status="implemented")
    r = rated(Risk.objects.filter(pk=risk.pk)).get()
    assert r.residual_likelihood >= 1 and r.residual <= r.inherent


def test_member_cannot_accept_governance_can_with_justification_and_expiry(rworld, risk, api):
    url = f"/api/v1/risks/{risk.pk}/accept/"
    soon = (timezone.localdate() + timedelta(days=10)).isoformat()
    assert api(rworld.owner_a).post(url, {"justification": "fine", "expires_on": soon}, format="json").status_code == 403
    assert api(rworld.member_b).post(url, {"justification": "fine", "expires_on": soon}, format="json").status_code == 404
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = api(rworld.governance).post(url, {"justification": "Compensating monitoring.", "expires_on": past},
                                           format="json")
    assert response.status_code == 400 and "future" in response.json()["detail"]
    response = api(rworld.governance).post(url, {"justification": "", "expires_on": soon}, format="json")
    assert response.status_code == 400
    response = api(rworld.governance).post(url, {"justification": "Compensating monitoring.", "expires_on": soon},
                                           format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "accepted" and body["accepted_by"] == "grace" and body["treatment"] == "accept"
    assert AuditEvent.objects.filter(action="risk.accepted", object_id=str(risk.pk)).exists()


def test_expired_acceptance_reopens_the_risk_and_tells_the_owner(rworld, risk):
    services.accept_risk(actor=rworld.governance, risk=risk, justification="Short-term.",
                         expires_on=timezone.localdate() + timedelta(days=1))
    assert services.lapse_expired_acceptances(today=timezone.localdate()) == []
    lapsed = services.lapse_expired_acceptances(today=timezone.localdate() + timedelta(days=2))
    assert lapsed == [risk.pk]
    risk.refresh_from_db()
    assert risk.status == "open" and risk.treatment == "mitigate"
    assert AuditEvent.objects.filter(action="risk.acceptance_lapsed", object_id=str(risk.pk)).exists()
    assert services.lapse_expired_acceptances(today=timezone.localdate() + timedelta(days=2)) == []


def test_owner_email_goes_out_on_commit(rworld, risk, django_capture_on_commit_callbacks):
    services.accept_risk(actor=rworld.governance, risk=risk, justification="Short-term.",
                         expires_on=timezone.localdate() + timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        services.lapse_expired_acceptances(today=timezone.localdate() + timedelta(days=3))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [rworld.owner_a.email]
    assert "expired" in mail.outbox[0].subject


def test_risks_inherit_asset_access(rworld, risk, api, web):
    assert api(rworld.member_b).get(f"/api/v1/risks/{risk.pk}/").status_code == 404
    assert api(rworld.viewer_a).patch(f"/api/v1/risks/{risk.pk}/", {"impact": 1}, format="json").status_code == 403
    assert api(rworld.contributor_a).patch(f"/api/v1/risks/{risk.pk}/", {"impact": 2}, format="json").status_code == 200
    ids = {row["id"] for row in api(rworld.member_b).get("/api/v1/risks/", {"page_size": 200}).json()["results"]}
    assert risk.pk not in ids
    assert web(rworld.member_b).get(f"/risks/{risk.pk}/").status_code == 404
    assert api(rworld.member_b).get(f"/api/v1/assets/{risk.asset_id}/threat-model/").status_code == 404


def test_register_lists_10000_risks_with_a_fixed_query_count(rworld, api, web):
    threat = Threat.objects.first()
    assets = Asset.objects.bulk_create([Asset(kind="model", name=f"bulk-{i}", team=rworld.team_a, model_type="llm")
                                        for i in range(200)])

    def add(n, start):
        entries = AssetThreat.objects.bulk_create(
            [AssetThreat(asset=assets[(start + i) % 200], title=f"T{start + i}", origin="manual", reason="bulk")
             for i in range(n)], batch_size=1000)
        Risk.objects.bulk_create([Risk(asset_id=e.asset_id, asset_threat=e, likelihood=3, impact=3) for e in entries],
                                 batch_size=1000)

    add(100, 0)
    client_api, client_web = api(rworld.owner_a), web(rworld.owner_a)
    with CaptureQueriesContext(connection) as small_api:
        client_api.get("/api/v1/risks/", {"page_size": 50})
    with CaptureQueriesContext(connection) as small_web:
        client_web.get("/risks/")
    add(9_900, 100)
    with CaptureQueriesContext(connection) as large_api:
        body = client_api.get("/api/v1/risks/", {"page_size": 50}).json()
    with CaptureQueriesContext(connection) as large_web:
        assert client_web.get("/risks/").status_code == 200
    assert body["count"] >= 10_000 and len(body["results"]) == 50
    assert len(small_api.captured_queries) == len(large_api.captured_queries)
    assert len(small_web.captured_queries) == len(large_web.captured_queries)
    assert threat is not None


def test_asset_list_shows_each_assets_worst_residual_rating(rworld, risk, web):
    page = web(rworld.owner_a).get("/assets/", {"q": "Chat LLM"}).content.decode()
    row = page[page.index(">Chat LLM</a>"):]
    row = row[:row.index("</tr>")]
    worst = max(r.residual for r in rated(Risk.objects.filter(asset=risk.asset)).exclude(status="closed"))
    from risk.selectors import level_for

    assert f'lvl-{level_for(worst)["name"]}' in row


def test_risk_export_follows_filters_and_access(rworld, risk, web):
    import csv
    import io

    def rows(user, **params):
        response = web(user).get("/risks/", {"export": "csv", **params})
        return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    mine = rows(rworld.owner_a)
    assert mine and {r["asset"] for r in mine} == {"Chat LLM"}
    assert any(r["threat"] == risk.asset_threat.display_title and r["residual_level"] for r in mine)
    assert rows(rworld.member_b) == []
    assert all(r["status"] == "accepted" for r in rows(rworld.owner_a, status="accepted"))


def test_asset_list_with_rated_assets_keeps_a_fixed_query_count(rworld, web):
    from inventory.services import create_asset

    client = web(rworld.owner_a)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/assets/").status_code == 200
        return len(ctx.captured_queries)

    for i in range(2):
        model = create_asset(actor=None, data={"kind": "model", "name": f"llm-{i}", "team": rworld.team_a,
                                               "model_type": "llm"})
        services.regenerate_threat_model(actor=None, asset=model)
    few = count()
    for i in range(2, 12):
        model = create_asset(actor=None, data={"kind": "model", "name": f"llm-{i}", "team": rworld.team_a,
                                               "model_type": "llm"})
        services.regenerate_threat_model(actor=None, asset=model)
    assert count() == few
