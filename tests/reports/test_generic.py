from datetime import timedelta

from django.utils import timezone

from reports import services
from reports.filtersets import AuditPackFilterSet, EngagementFilterSet
from reports.models import AuditPack, Engagement
from tests.generic import APIViewTestCases, FilterSetTestCase, ViewTestCases, once


def _engagement(world):
    today = timezone.localdate()
    return once(world, "engagement", lambda: services.create_engagement(
        actor=world.governance, name="Model review", auditor=world.auditor, asset_ids=[world.model_a.pk],
        period_start=today - timedelta(days=5), period_end=today + timedelta(days=30)))


def _pack(world):
    """A pack built for the auditor's engagement (queued: these cases check access, not building)."""
    return once(world, "pack", lambda: services.request_pack(
        actor=world.governance, engagement_id=_engagement(world).pk, title="Engagement pack"))


class TestAuditPackAPI(APIViewTestCases.GetObject, APIViewTestCases.ListObjects):
    model = AuditPack
    reader, writer, outsider = "auditor", "governance", "auditor_b"

    def obj(self, world):
        return _pack(world)

    def list_url(self, world):
        return "/api/v1/audit-packs/"


class TestAuditPackUI(ViewTestCases.ListView, ViewTestCases.DetailView):
    model = AuditPack
    reader, writer, outsider = "auditor", "governance", "auditor_b"

    def obj(self, world):
        return _pack(world)

    def list_url(self, world):
        return "/audit-packs/"


class TestEngagementAPI(APIViewTestCases.GetObject, APIViewTestCases.ListObjects):
    model = Engagement
    reader, writer, outsider = "auditor", "governance", "auditor_b"

    def obj(self, world):
        return _engagement(world)

    def list_url(self, world):
        return "/api/v1/engagements/"


class TestEngagementUI(ViewTestCases.ListView, ViewTestCases.DetailView):
    model = Engagement
    reader, writer, outsider = "auditor", "governance", "auditor_b"

    def obj(self, world):
        return _engagement(world)

    def list_url(self, world):
        return "/audit-packs/engagements/"


class TestAuditPackFilterSet(FilterSetTestCase):
    model = AuditPack
    filterset = AuditPackFilterSet

    def expectations(self, world):
        engaged = _pack(world)
        other = services.request_pack(actor=world.governance, asset_ids=[world.asset_b.pk], title="Team B pack",
                                      as_of=timezone.localdate() - timedelta(days=10))
        other.job.status = "failed"
        other.job.save()
        return [
            ({"q": "team b"}, {"Team B pack"}),
            ({"status": "queued"}, {"Engagement pack"}),
            ({"status": "failed"}, {"Team B pack"}),
            ({"engagement": engaged.engagement_id}, {"Engagement pack"}),
            ({"as_of_before": (timezone.localdate() - timedelta(days=1)).isoformat()}, {"Team B pack"}),
            ({"as_of_after": timezone.localdate().isoformat()}, {"Engagement pack"}),
        ]


class TestEngagementFilterSet(FilterSetTestCase):
    model = Engagement
    filterset = EngagementFilterSet

    def expectations(self, world):
        _engagement(world)
        today = timezone.localdate()
        ended = services.create_engagement(actor=world.governance, name="Last year", auditor=world.auditor_b,
                                           asset_ids=[world.asset_b.pk], period_start=today - timedelta(days=400),
                                           period_end=today - timedelta(days=35))
        services.end_engagement(actor=world.governance, engagement=ended)
        return [
            ({"active": "true"}, {"Model review"}),
            ({"active": "false"}, {"Last year"}),
            ({"q": "otto"}, {"Last year"}),
            ({"q": "review"}, {"Model review"}),
        ]
