from attest.ui.charts import coverage_bars
from attest.ui.panels import Panel
from inventory.models import Asset

from .forms import ImplementationForm
from .selectors import asset_checklist, asset_compliance, current_classification, framework_coverage


def dashboard_context(request, obj=None) -> dict:
    coverage = framework_coverage(assets=Asset.objects.restrict(request.user, "view"))
    return {"chart": coverage_bars([(c.framework.short_name, c.implemented, c.applicable) for c in coverage],
                                   title="Requirements covered by implemented controls"),
            "any": any(c.applicable for c in coverage)}


def asset_context(request, asset) -> dict:
    report = asset_compliance(asset=asset)
    can_change = Asset.objects.restrict(request.user, "change").filter(pk=asset.pk).exists()
    return {
        "asset": asset,
        "classification": current_classification(asset=asset) if asset.kind == "system" else None,
        "chart": coverage_bars([(e["framework"].short_name, e["implemented"], e["applicable"])
                                for e in report["frameworks"]], title="Coverage of this asset"),
        "checklist": asset_checklist(asset=asset),
        "can_change": can_change,
        "status_form": ImplementationForm(user=request.user) if can_change else None,
    }


dashboard_panel = Panel(order=20, name="compliance", template="compliance/_dashboard_panel.html",
                        context=dashboard_context)
asset_panel = Panel(order=20, name="compliance", template="compliance/_asset_panel.html", context=asset_context)
