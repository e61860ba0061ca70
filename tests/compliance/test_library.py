import pytest

from attest.auditlog.models import AuditEvent
from compliance.models import Control, ControlMapping, Framework, Requirement
from compliance.seed import load_catalogs

pytestmark = pytest.mark.django_db


def test_second_seed_changes_nothing(catalogs):
    counts = (Framework.objects.count(), Requirement.objects.count(), Control.objects.count(),
              ControlMapping.objects.count())
    ids = set(Requirement.objects.values_list("pk", flat=True))
    stats = load_catalogs(log=lambda *_: None)
    assert stats == {"created": 0, "updated": 0}
    assert counts == (Framework.objects.count(), Requirement.objects.count(), Control.objects.count(),
                      ControlMapping.objects.count())
    assert ids == set(Requirement.objects.values_list("pk", flat=True))


def test_seed_repairs_an_edited_title_without_breaking_links(catalogs):
    requirement = Requirement.objects.get(framework__slug="eu-ai-act", code="Art. 14")
    mappings = set(requirement.mappings.values_list("pk", flat=True))
    Requirement.objects.filter(pk=requirement.pk).update(title="Edited")
    assert load_catalogs(log=lambda *_: None)["updated"] == 1
    requirement.refresh_from_db()
    assert requirement.title == "Human oversight"
    assert set(requirement.mappings.values_list("pk", flat=True)) == mappings


def test_seed_loads_all_four_frameworks(catalogs):
    assert set(Framework.objects.values_list("slug", flat=True)) == {"gdpr", "eu-ai-act", "nist-ai-rmf", "iso-42001"}
    assert Requirement.objects.filter(framework__slug="nist-ai-rmf", kind="subcategory").count() == 72
    assert Control.objects.count() >= 40


def test_governance_maps_controls_members_cannot(cworld, api):
    control = Control.objects.order_by("code").first()
    requirement = Requirement.objects.get(framework__slug="gdpr", code="Art. 32")
    url = f"/api/v1/controls/{control.pk}/mappings/"
    assert api(cworld.owner_a).post(url, {"requirement": requirement.pk, "strength": "full"},
                                    format="json").status_code == 403
    response = api(cworld.governance).post(url, {"requirement": requirement.pk, "strength": "full"}, format="json")
    assert response.status_code == 201
    assert any(m["code"] == "Art. 32" and m["strength"] == "full" for m in response.json()["mappings"])
    assert AuditEvent.objects.filter(action="control.mapped", object_id=str(control.pk)).exists()
    assert api(cworld.governance).delete(f"{url}{requirement.pk}/").status_code == 204
    assert not ControlMapping.objects.filter(control=control, requirement=requirement).exists()


def test_control_page_groups_requirements_by_framework(cworld, web):
    control = Control.objects.filter(mappings__requirement__framework__slug="iso-42001").distinct().first()
    page = web(cworld.viewer_a).get(control.get_absolute_url()).content.decode()
    for mapping in control.mappings.select_related("requirement__framework"):
        assert mapping.requirement.framework.name in page and mapping.requirement.code in page


def test_bad_control_input_is_refused(cworld, api):
    before = Control.objects.count()
    response = api(cworld.governance).post("/api/v1/controls/", {
        "code": "TST-01", "title": "x", "description": "x", "phase": "sometime"}, format="json")
    assert response.status_code == 400 and "phase" in response.json()["errors"]
    response = api(cworld.governance).post("/api/v1/controls/", {
        "code": Control.objects.first().code, "title": "x", "description": "x", "phase": "design"}, format="json")
    assert response.status_code == 400 and "already exists" in response.json()["detail"]
    assert Control.objects.count() == before


def test_governance_maps_in_the_browser(cworld, web):
    control = Control.objects.order_by("code").first()
    requirement = Requirement.objects.get(framework__slug="gdpr", code="Art. 32")
    data = {"requirement": requirement.pk, "strength": "supporting"}
    assert web(cworld.owner_a).post(control.get_absolute_url(), data).status_code == 403
    assert web(cworld.governance).post(control.get_absolute_url(), data).status_code == 302
    assert ControlMapping.objects.get(control=control, requirement=requirement).strength == "supporting"
    page = web(cworld.governance).get(control.get_absolute_url()).content.decode()
    assert "Map to a requirement" in page and "Art. 32" in page


def test_requirement_filters_in_the_api(cworld, api):
    framework = Framework.objects.get(slug="eu-ai-act")
    body = api(cworld.viewer_a).get(f"/api/v1/frameworks/{framework.pk}/requirements/",
                                    {"q": "Art. 50", "page_size": 200}).json()
    assert "Art. 50" in {row["code"] for row in body["results"]}
    response = api(cworld.viewer_a).get(f"/api/v1/frameworks/{framework.pk}/requirements/", {"kind": "chapter"})
    assert response.status_code == 400 and "kind" in response.json()["detail"]
