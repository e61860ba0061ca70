from attest.auditlog.api.views import AuditEventFilterSet
from attest.auditlog.models import AuditEvent
from tests.generic import APIViewTestCases, FilterSetTestCase, ViewTestCases


def _asset_event(world):
    return AuditEvent.objects.filter(asset_id=world.asset_a.pk, action="asset.created").get()


class TestAuditEventAPI(APIViewTestCases.ReadOnlyModel):
    model = AuditEvent
    reader = "auditor"        # granted view on asset_a
    outsider = "auditor_b"    # an auditor with no engagement on it

    def obj(self, world):
        return _asset_event(world)

    def list_url(self, world):
        return "/api/v1/audit-log/"

    def test_members_are_refused(self, world, api):
        assert api(world.owner_a).get("/api/v1/audit-log/").status_code == 403

    def test_governance_sees_everything(self, world, api):
        response = api(world.governance).get("/api/v1/audit-log/", {"page_size": 200})
        assert response.json()["count"] == AuditEvent.objects.count()


class TestAuditEventUI(ViewTestCases.ListView):
    model = AuditEvent
    reader = "auditor"
    outsider = "auditor_b"

    def obj(self, world):
        return _asset_event(world)

    def list_url(self, world):
        return "/audit-log/"

    def marker(self, obj):
        return obj.object_repr


class TestAuditEventFilterSet(FilterSetTestCase):
    model = AuditEvent
    filterset = AuditEventFilterSet

    def expectations(self, world):
        created_a = str(_asset_event(world))
        return [
            ({"asset": world.asset_a.pk, "action": "asset.created"}, {created_a}),
            ({"object_type": "inventory.asset", "object_id": str(world.asset_a.pk)},
             {str(e) for e in AuditEvent.objects.filter(asset_id=world.asset_a.pk)}),
            ({"action": "team.created"}, {str(e) for e in AuditEvent.objects.filter(action="team.created")}),
        ]
