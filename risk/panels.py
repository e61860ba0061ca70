from django.utils.html import format_html

from attest.ui.panels import Panel
from attest.ui.tables import Column
from inventory.models import Asset

from .forms import CustomThreatForm
from .selectors import acceptances_expiring, level_for, my_open_risks, rated, threat_model, with_residual


def dashboard_context(request, obj=None) -> dict:
    from .models import Risk
    from .views import heat_maps

    return {"heat_maps": heat_maps(rated(Risk.objects.restrict(request.user, "view"))),
            "my_risks": list(my_open_risks(request.user)),
            "expiring": list(acceptances_expiring(request.user))}


def asset_context(request, asset) -> dict:
    rows = threat_model(user=request.user, asset=asset)
    live = [risk for entry, risk in rows if risk and risk.status != "closed"]
    worst = max((r.residual for r in live), default=None)
    return {"asset": asset, "rows": rows, "rating": level_for(worst), "worst": worst,
            "can_change": Asset.objects.restrict(request.user, "change").filter(pk=asset.pk).exists(),
            "custom_form": CustomThreatForm()}


def rating_cell(asset):
    level = asset.risk_level
    if level is None:
        return "—"
    return format_html('<span class="badge lvl-{}">{}</span>', level["name"], level["label"])


rating_column = Column("risk_rating", "Rating", formatter=rating_cell)


def fill_rating(assets: list) -> None:
    """Worst live residual score per asset on the page, in one grouped query."""
    from django.db.models import Max

    from .models import Risk, RiskMatrix

    live = Risk.objects.filter(asset_id__in=[a.pk for a in assets]).exclude(status="closed")
    worst = dict(with_residual(live).values("asset_id").annotate(worst=Max("residual")).values_list("asset_id", "worst").order_by())
    levels = RiskMatrix.current_levels() if worst else None
    for asset in assets:
        asset.risk_rating = worst.get(asset.pk)
        asset.risk_level = level_for(asset.risk_rating, levels)


dashboard_panel = Panel(order=15, name="risk", template="risk/_dashboard_panel.html", context=dashboard_context)
asset_panel = Panel(order=10, name="risk", template="risk/_asset_panel.html", context=asset_context)
