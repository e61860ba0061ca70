from attest.ui.panels import Panel
from inventory.models import Asset

from ..choices import EvidenceKind
from ..models import ControlImplementation
from .freshness import soon_stale_q, stale_q
from .models import EvidenceItem, EvidenceSource


def asset_context(request, asset) -> dict:
    items = (EvidenceItem.objects.restrict(request.user, "view").filter(asset=asset)
             .select_related("control_implementation__control")[:25])
    return {
        "asset": asset, "items": items,
        "sources": EvidenceSource.objects.restrict(request.user, "view").filter(asset=asset),
        "can_add": Asset.objects.restrict(request.user, "add_evidence").filter(pk=asset.pk).exists(),
        "can_change": Asset.objects.restrict(request.user, "change").filter(pk=asset.pk).exists(),
        "kinds": EvidenceKind.choices,
        "implementations": ControlImplementation.objects.filter(asset=asset).select_related("control"),
    }


def dashboard_context(request, obj=None) -> dict:
    visible = EvidenceItem.objects.restrict(request.user, "view").select_related("asset")
    return {"stale": list(visible.filter(stale_q()).order_by("stale_after")[:8]),
            "soon": list(visible.filter(soon_stale_q()).order_by("stale_after")[:8]),
            "failed": list(visible.filter(status="failed").order_by("-collected_at")[:5])}


asset_panel = Panel(order=30, name="evidence", template="compliance/_evidence_panel.html", context=asset_context)
dashboard_panel = Panel(order=25, name="evidence", template="compliance/_evidence_dashboard.html",
                        context=dashboard_context)
