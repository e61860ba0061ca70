from compliance import services
from compliance.filtersets import ControlFilterSet, ControlImplementationFilterSet, RequirementFilterSet
from compliance.models import Classification, Control, ControlImplementation, Framework, Requirement
from tests.compliance.conftest import HIGH_RISK_PROVIDER
from tests.generic import APIViewTestCases, FilterSetTestCase, ViewTestCases, once


class CatalogCase:
    reader = "viewer_a"
    writer = "governance"
    outsider = None

    def setup_catalogs(self, world):
        from compliance.seed import load_catalogs

        once(world, "catalogs", lambda: load_catalogs(log=lambda *_: None))


class TestFrameworkAPI(CatalogCase, APIViewTestCases.ReadOnlyModel):
    model = Framework

    def obj(self, world):
        self.setup_catalogs(world)
        return Framework.objects.get(slug="nist-ai-rmf")

    def list_url(self, world):
        return "/api/v1/frameworks/"


class TestFrameworkUI(CatalogCase, ViewTestCases.DetailView):
    model = Framework

    def detail_marker(self, obj):
        return obj.name

    def obj(self, world):
        self.setup_catalogs(world)
        return Framework.objects.get(slug="gdpr")


class TestRequirementAPI(CatalogCase, APIViewTestCases.ListObjects):
    model = Requirement

    def obj(self, world):
        self.setup_catalogs(world)
        return Requirement.objects.get(framework__slug="eu-ai-act", code="Art. 14")

    def list_url(self, world):
        return f"/api/v1/frameworks/{self.obj(world).framework_id}/requirements/?page_size=200"


class TestRequirementUI(CatalogCase, ViewTestCases.ListView):
    model = Requirement

    def obj(self, world):
        self.setup_catalogs(world)
        return Requirement.objects.get(framework__slug="eu-ai-act", code="Art. 14")

    def list_url(self, world):
        return self.obj(world).framework.get_absolute_url()

    def marker(self, obj):
        return obj.title


class TestControlAPI(CatalogCase, APIViewTestCases.GetObject, APIViewTestCases.ListObjects,
                     APIViewTestCases.CreateObject, APIViewTestCases.UpdateObject, APIViewTestCases.DeleteObject):
    model = Control

    def obj(self, world):
        self.setup_catalogs(world)
        return Control.objects.order_by("code").first()

    def list_url(self, world):
        return "/api/v1/controls/"

    def create_payload(self, world):
        return {"code": "TST-99", "title": "Test control", "description": "Made in a test.", "phase": "design",
                "evidence_kinds": ["document"], "max_evidence_age_days": 30}

    def update_payload(self, world):
        return {"max_evidence_age_days": 45}

    def delete_obj(self, world):
        return once(world, "doomed-control", lambda: services.create_control(actor=None, data={
            "code": "TST-98", "title": "Doomed", "description": "x", "phase": "design"}))


class TestControlUI(CatalogCase, ViewTestCases.ListView, ViewTestCases.DetailView, ViewTestCases.EditView):
    model = Control

    def obj(self, world):
        self.setup_catalogs(world)
        return Control.objects.order_by("code").first()

    def list_url(self, world):
        return "/compliance/controls/?page=1&per_page=200"

    def edit_url(self, obj):
        return f"/compliance/controls/{obj.pk}/edit/"

    def edit_data(self, world, obj):
        return {"title": obj.title, "description": "Rewritten in the browser.", "phase": obj.phase,
                "evidence_kinds": obj.evidence_kinds, "max_evidence_age_days": obj.max_evidence_age_days}

    def changed(self, obj):
        return obj.description == "Rewritten in the browser."


def _implementation(world):
    def build():
        TestControlAPI().setup_catalogs(world)
        return services.set_implementation(actor=None, asset=world.asset_a, control=Control.objects.order_by("code")[1],
                                           status="planned")
    return once(world, "implementation", build)


class TestControlImplementationAPI(APIViewTestCases.GetObject, APIViewTestCases.ListObjects,
                                   APIViewTestCases.CreateObject, APIViewTestCases.UpdateObject,
                                   APIViewTestCases.DeleteObject):
    model = ControlImplementation
    writer = "contributor_a"

    def obj(self, world):
        return _implementation(world)

    def list_url(self, world):
        return "/api/v1/control-implementations/"

    def create_payload(self, world):
        self.obj(world)
        return {"asset": world.asset_a.pk, "control": Control.objects.order_by("code")[2].code, "status": "implemented"}

    def update_payload(self, world):
        return {"status": "in_progress"}


class TestControlImplementationUI(ViewTestCases.ListView):
    model = ControlImplementation

    def obj(self, world):
        return _implementation(world)

    def list_url(self, world):
        return "/compliance/implementations/"

    def marker(self, obj):
        return f"<td>{obj.asset.name}</td>"


def _classification(world):
    return once(world, "classification", lambda: services.classify_system(
        actor=world.owner_a, asset=world.asset_a, answers=HIGH_RISK_PROVIDER))


class TestClassificationAPI(APIViewTestCases.GetObject):
    model = Classification

    def obj(self, world):
        return _classification(world)

    def detail_url(self, world, obj):
        return f"/api/v1/assets/{obj.asset_id}/classification/"


class TestClassificationUI(ViewTestCases.DetailView):
    model = Classification

    def obj(self, world):
        return _classification(world)

    def detail_marker(self, obj):
        return obj.get_tier_display()


class TestRequirementFilterSet(FilterSetTestCase):
    model = Requirement
    filterset = RequirementFilterSet

    def expectations(self, world):
        TestControlAPI().setup_catalogs(world)
        deployer = {str(r) for r in Requirement.objects.filter(applicability="high_risk_deployer")}
        phrase = {str(r) for r in Requirement.objects.filter(framework__slug="eu-ai-act")
                  if "human oversight" in f"{r.code} {r.title} {r.description}".lower()}
        assert "EU AI Act Art. 14" in phrase
        return [
            ({"framework": "eu-ai-act", "q": "Human oversight"}, phrase),
            ({"applicability": "high_risk_deployer"}, deployer),
            ({"framework": "nist-ai-rmf", "kind": "function"}, {"NIST AI RMF GOVERN", "NIST AI RMF MAP",
                                                                "NIST AI RMF MEASURE", "NIST AI RMF MANAGE"}),
        ]


class TestControlFilterSet(FilterSetTestCase):
    model = Control
    filterset = ControlFilterSet

    def expectations(self, world):
        TestControlAPI().setup_catalogs(world)
        art14 = Requirement.objects.get(framework__slug="eu-ai-act", code="Art. 14")
        serving = {str(c) for c in Control.objects.filter(mappings__requirement=art14)}
        design = {str(c) for c in Control.objects.filter(phase="design")}
        return [({"requirement": art14.pk}, serving), ({"phase": "design"}, design),
                ({"framework": "iso-42001"}, {str(c) for c in Control.objects.filter(
                    mappings__requirement__framework__slug="iso-42001").distinct()})]


class TestControlImplementationFilterSet(FilterSetTestCase):
    model = ControlImplementation
    filterset = ControlImplementationFilterSet

    def expectations(self, world):
        impl = _implementation(world)
        other = services.set_implementation(actor=None, asset=world.asset_b, control=impl.control, status="implemented")
        return [({"status": "planned"}, {str(impl)}), ({"asset": world.asset_b.pk}, {str(other)}),
                ({"control": impl.control.code}, {str(impl), str(other)}), ({"team": world.team_a.pk}, {str(impl)})]
