from inventory.services import create_asset
from risk import services
from risk.filtersets import AssetThreatFilterSet, RiskFilterSet, ThreatFilterSet
from risk.models import AssetThreat, Risk, Threat
from tests.generic import APIViewTestCases, FilterSetTestCase, ViewTestCases, once


def _load(world):
    from compliance.seed import load_catalogs
    from risk.seed import load_threats

    once(world, "catalogs", lambda: (load_catalogs(log=lambda *_: None), load_threats(log=lambda *_: None)))


def _llm(world):
    def build():
        _load(world)
        model = create_asset(actor=None, data={"kind": "model", "name": "Team A LLM", "team": world.team_a,
                                               "model_type": "llm"})
        services.regenerate_threat_model(actor=None, asset=model)
        return model
    return once(world, "llm", build)


def _entry(world):
    return AssetThreat.objects.filter(asset=_llm(world), status="applicable").order_by("pk").first()


def _risk(world):
    return Risk.objects.get(asset_threat=_entry(world))


class TestThreatCatalogAPI(APIViewTestCases.ReadOnlyModel):
    model = Threat
    outsider = None

    def obj(self, world):
        _load(world)
        return Threat.objects.order_by("code").first()

    def list_url(self, world):
        return "/api/v1/threat-catalog/?page_size=200"

    def detail_url(self, world, obj):
        return f"/api/v1/threat-catalog/{obj.pk}/"


class TestThreatCatalogUI(ViewTestCases.ListView, ViewTestCases.DetailView):
    model = Threat
    outsider = None

    def obj(self, world):
        _load(world)
        return Threat.objects.order_by("code").first()

    def list_url(self, world):
        return "/risks/threats/?per_page=200"


class TestAssetThreatAPI(APIViewTestCases.GetObject, APIViewTestCases.ListObjects, APIViewTestCases.CreateObject,
                         APIViewTestCases.UpdateObject):
    model = AssetThreat
    writer = "contributor_a"

    def obj(self, world):
        return _entry(world)

    def list_url(self, world):
        return "/api/v1/threats/"

    def create_payload(self, world):
        _llm(world)
        return {"asset": _llm(world).pk, "title": "Leaked API key", "reason": "Keys live in notebooks",
                "likelihood": 2, "impact": 4}

    def update_payload(self, world):
        return {"status": "not_applicable", "decision_reason": "Covered elsewhere."}


class TestAssetThreatUI(ViewTestCases.DetailView):
    """Threat-model entries are shown on their asset's page."""

    model = AssetThreat

    def obj(self, world):
        return _entry(world)

    def detail_marker(self, obj):
        return obj.reason[:40]


class TestRiskAPI(APIViewTestCases.GetObject, APIViewTestCases.ListObjects, APIViewTestCases.UpdateObject):
    model = Risk
    writer = "contributor_a"

    def obj(self, world):
        return _risk(world)

    def list_url(self, world):
        return "/api/v1/risks/"

    def update_payload(self, world):
        return {"likelihood": 1, "treatment": "transfer"}


class TestRiskUI(ViewTestCases.ListView, ViewTestCases.DetailView):
    model = Risk

    def obj(self, world):
        return _risk(world)

    def list_url(self, world):
        return "/risks/?per_page=200"

    def detail_marker(self, obj):
        return obj.asset_threat.display_title


class TestThreatFilterSet(FilterSetTestCase):
    model = Threat
    filterset = ThreatFilterSet

    def expectations(self, world):
        _load(world)
        with_t0051 = {str(t) for t in Threat.objects.all() if any(a.startswith("AML.T0051") for a in t.atlas)}
        tampering = {str(t) for t in Threat.objects.filter(stride="tampering")}
        assert with_t0051 and tampering
        return [({"atlas": "AML.T0051"}, with_t0051), ({"stride": "tampering"}, tampering),
                ({"kind": "infrastructure"}, {str(t) for t in Threat.objects.all() if "infrastructure" in t.kinds})]


class TestAssetThreatFilterSet(FilterSetTestCase):
    model = AssetThreat
    filterset = AssetThreatFilterSet

    def expectations(self, world):
        entry = _entry(world)
        all_entries = {str(e) for e in AssetThreat.objects.filter(asset=entry.asset)}
        return [({"asset": entry.asset_id}, all_entries), ({"threat": entry.threat.code}, {str(entry)}),
                ({"origin": "manual"}, set())]


class TestRiskFilterSet(FilterSetTestCase):
    model = Risk
    filterset = RiskFilterSet

    def base_queryset(self, world):
        from risk.selectors import rated

        return rated(Risk.objects.all())

    def expectations(self, world):
        risk = _risk(world)
        everything = {str(r) for r in Risk.objects.all()}
        return [({"asset": risk.asset_id}, everything), ({"threat": risk.asset_threat.threat.code}, {str(risk)}),
                ({"status": "accepted"}, set()), ({"team": world.team_b.pk}, set())]
