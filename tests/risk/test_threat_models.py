"""Threat models derived from realistic inventories: the right threats appear, the wrong ones do not."""

import pytest

from inventory.services import create_asset, create_relation
from risk import services
from risk.models import AssetThreat, Risk
from risk.selectors import rated

pytestmark = pytest.mark.django_db


def codes(asset, status="applicable"):
    return {e.threat.code for e in AssetThreat.objects.filter(asset=asset, status=status, threat__isnull=False)
            .select_related("threat")}


def titles(asset):
    return " | ".join(e.threat.title.lower() for e in AssetThreat.objects.filter(asset=asset, status="applicable")
                      .select_related("threat"))


def entry(asset, word):
    return next(e for e in AssetThreat.objects.filter(asset=asset, status="applicable").select_related("threat")
                if word in e.threat.title.lower())


def make(team, name, kind, **fields):
    return create_asset(actor=None, data={"kind": kind, "name": name, "team": team, **fields})


@pytest.fixture
def chatbot(rworld):
    team = rworld.team_a
    base = make(team, "Open base LLM", "model", model_type="llm", third_party=True, gpai=True)
    people = make(team, "Chat transcripts", "dataset", contains_personal_data=True)
    tuned = make(team, "Support LLM", "model", model_type="llm")
    bot = make(team, "Public chatbot", "system", exposure="public")
    create_relation(actor=None, source=tuned, type="fine_tuned_from", target=base)
    create_relation(actor=None, source=tuned, type="trained_on", target=people)
    create_relation(actor=None, source=tuned, type="part_of", target=bot)
    services.regenerate_threat_model(actor=None, asset=bot)
    return {"bot": bot, "model": tuned, "dataset": people, "base": base}


def test_private_tabular_classifier_gets_no_llm_or_membership_threats(rworld):
    data = make(rworld.team_a, "Sensor readings", "dataset", contains_personal_data=False)
    model = make(rworld.team_a, "Failure classifier", "model", model_type="classifier")
    create_relation(actor=None, source=model, type="trained_on", target=data)
    services.regenerate_threat_model(actor=None, asset=model)
    found = titles(model)
    assert "prompt injection" not in found
    assert "membership inference" not in found
    assert "inversion" not in found
    assert "extraction" not in found or "training-data" in found  # no public API exposes it


def test_public_llm_chatbot_gets_the_lineage_threats_with_reasons(chatbot):
    model = chatbot["model"]
    found = titles(model)
    for word in ("prompt injection", "extraction", "supply", "inversion", "leak"):
        assert word in found, f"{word!r} missing from {found}"
    inversion = entry(model, "inversion")
    assert "Chat transcripts" in inversion.reason
    assert inversion.threat.atlas, "each derived threat carries its ATLAS ids"
    extraction = next(e for e in AssetThreat.objects.filter(asset=model, status="applicable").select_related("threat")
                      if "extraction" in e.threat.title.lower() and "Public chatbot" in e.reason)
    assert extraction.threat.atlas
    supply = entry(model, "supply")
    assert "Open base LLM" in supply.reason
    assert "prompt injection" in titles(chatbot["bot"])


def test_regeneration_keeps_decisions_and_retires_what_no_longer_applies(chatbot, rworld):
    model = chatbot["model"]
    inversion = entry(model, "inversion")
    services.set_threat_status(actor=rworld.owner_a, entry=inversion, status="not_applicable",
                               reason="Transcripts are anonymised before training.")
    custom = services.add_custom_threat(actor=rworld.owner_a, asset=model, title="Abuse by a partner",
                                        reason="Partners can call it", likelihood=2, impact=3)
    from inventory.models import AssetRelation
    from inventory.services import delete_relation

    delete_relation(actor=None, relation=AssetRelation.objects.get(source=model, type="part_of"))
    result = services.regenerate_threat_model(actor=rworld.owner_a, asset=model)
    inversion.refresh_from_db()
    custom.refresh_from_db()
    assert inversion.status == "not_applicable" and inversion.decision_reason
    assert custom.status == "applicable"
    assert any("Public chatbot" in e.reason for e in AssetThreat.objects.filter(asset=model, status="retired"))
    assert Risk.objects.get(asset_threat=inversion).status == "closed"
    assert result.retired or codes(model, "retired")


def test_every_applicable_threat_is_a_rated_risk(chatbot):
    model = chatbot["model"]
    entries = AssetThreat.objects.filter(asset=model, status="applicable")
    risks = rated(Risk.objects.filter(asset=model, status="open"))
    assert {r.asset_threat_id for r in risks} == set(entries.values_list("pk", flat=True))
    for risk in risks:
        assert 1 <= risk.residual <= risk.inherent <= 25


def test_regenerating_a_system_with_50_components_is_bounded(rworld, django_assert_max_num_queries):
    system = make(rworld.team_a, "Platform", "system", exposure="public")
    data = make(rworld.team_a, "Shared data", "dataset", contains_personal_data=True)
    for i in range(50):
        m = make(rworld.team_a, f"component-{i}", "model", model_type="llm" if i % 2 else "classifier")
        create_relation(actor=None, source=m, type="part_of", target=system)
        create_relation(actor=None, source=m, type="trained_on", target=data)
    with django_assert_max_num_queries(60):
        result = services.regenerate_threat_model(actor=None, asset=system)
    assert len(result.assets) == 51


def test_reasons_never_name_an_asset_the_reader_cannot_see(rworld, api):
    from inventory.services import create_relation

    secret = create_asset(actor=None, data={"kind": "dataset", "name": "Payroll extract 2026", "team": rworld.team_b,
                                            "contains_personal_data": True})
    create_relation(actor=None, source=rworld.model_a, type="trained_on", target=secret)
    services.regenerate_threat_model(actor=None, asset=rworld.model_a)
    reader = api(rworld.viewer_a).get(f"/api/v1/assets/{rworld.model_a.pk}/threat-model/")
    assert reader.status_code == 200
    assert "Payroll extract 2026" not in reader.content.decode()
    assert "an asset you cannot see" in reader.content.decode()
    governance = api(rworld.governance).get(f"/api/v1/assets/{rworld.model_a.pk}/threat-model/")
    assert "Payroll extract 2026" in governance.content.decode()
