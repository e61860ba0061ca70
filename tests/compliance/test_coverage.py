import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance import services
from compliance.models import Control, Requirement
from compliance.selectors import asset_compliance, framework_coverage
from inventory import services as inventory
from inventory.models import Asset
from tests.compliance.conftest import HIGH_RISK_PROVIDER

pytestmark = pytest.mark.django_db


def coverage_by_slug(assets):
    return {c.framework.slug: c for c in framework_coverage(assets=assets)}


def test_personal_data_brings_gdpr_articles_and_implementing_a_control_covers_them(cworld):
    dataset = inventory.create_asset(actor=None, data={"kind": "dataset", "name": "Customer records",
                                                       "team": cworld.team_a, "contains_personal_data": True})
    inventory.create_relation(actor=None, source=cworld.model_a, type="trained_on", target=dataset)
    gdpr_personal = Requirement.objects.filter(framework__slug="gdpr", applicability="personal_data",
                                               kind__in=["article", "annex", "subcategory", "control"]).count()
    before = coverage_by_slug(Asset.objects.filter(pk=cworld.model_a.pk))["gdpr"]
    assert before.applicable >= gdpr_personal > 0 and before.implemented == 0
    art35 = Requirement.objects.get(framework__slug="gdpr", code="Art. 35")
    control = Control.objects.filter(mappings__requirement=art35).first()
    services.set_implementation(actor=None, asset=cworld.model_a, control=control, status="implemented")
    after = coverage_by_slug(Asset.objects.filter(pk=cworld.model_a.pk))["gdpr"]
    assert after.implemented >= 1 and after.gaps == after.applicable - after.implemented
    report = asset_compliance(asset=cworld.model_a)
    gdpr = next(e for e in report["frameworks"] if e["framework"].slug == "gdpr")
    assert gdpr["implemented"] == after.implemented and gdpr["applicable"] == after.applicable
    assert any(row.requirement.code == "Art. 35" and row.implemented for row in gdpr["requirements"])


def test_planned_controls_do_not_count(cworld):
    control = Control.objects.order_by("code").first()
    services.set_implementation(actor=None, asset=cworld.asset_a, control=control, status="planned")
    assert all(c.implemented == 0 for c in framework_coverage(assets=Asset.objects.all()))


def test_ai_act_applies_only_once_classified_and_only_to_systems_and_models(cworld):
    assets = Asset.objects.filter(pk=cworld.asset_a.pk)
    minimal = coverage_by_slug(assets)["eu-ai-act"].applicable
    services.classify_system(actor=None, asset=cworld.asset_a, answers=HIGH_RISK_PROVIDER)
    high = coverage_by_slug(assets)["eu-ai-act"].applicable
    assert high > minimal
    dataset = inventory.create_asset(actor=None, data={"kind": "dataset", "name": "d", "team": cworld.team_a})
    assert coverage_by_slug(Asset.objects.filter(pk=dataset.pk))["eu-ai-act"].applicable == 0


def test_team_coverage_page_query_count_is_fixed(cworld, web):
    Asset.objects.bulk_create([Asset(kind="system", name=f"s{i}", team=cworld.team_a, exposure="internal")
                               for i in range(20)])
    client = web(cworld.owner_a)
    url = f"/compliance/?team={cworld.team_a.pk}"
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    Asset.objects.bulk_create([Asset(kind="model", name=f"m{i}", team=cworld.team_a, model_type="llm")
                               for i in range(480)])
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(small.captured_queries) == len(large.captured_queries) <= 14
    assert "NIST" in response.content.decode()


def test_coverage_follows_access(cworld, api):
    response = api(cworld.member_b).get(f"/api/v1/assets/{cworld.asset_a.pk}/compliance/")
    assert response.status_code == 404
    body = api(cworld.viewer_a).get(f"/api/v1/assets/{cworld.asset_a.pk}/compliance/").json()
    nist = next(f for f in body["frameworks"] if f["framework"] == "nist-ai-rmf")
    assert nist["applicable"] == 72 and nist["evidenced"] == 0
    assert {"code", "title", "implemented", "controls"} <= set(nist["requirements"][0])
