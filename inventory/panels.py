from django.db.models import Count

from attest.ui.charts import bar_chart
from attest.ui.panels import Panel

from .choices import AssetKind, Criticality
from .models import Asset

CRITICALITY_COLORS = ["#6b9e78", "#c9a13a", "#d9772b", "#b0413e"]


def dashboard_context(request, obj=None) -> dict:
    visible = Asset.objects.restrict(request.user, "view")
    kinds = dict(visible.values_list("kind").annotate(n=Count("pk")).order_by())
    crit = dict(visible.values_list("criticality").annotate(n=Count("pk")).order_by())
    return {
        "total": sum(kinds.values()),
        "by_kind_chart": bar_chart([(k.label, kinds.get(k.value, 0)) for k in AssetKind], title="Assets by kind"),
        "by_criticality_chart": bar_chart([(c.label, crit.get(c.value, 0)) for c in Criticality],
                                          colors=CRITICALITY_COLORS, title="Assets by criticality"),
        "mine": list(visible.filter(owner=request.user).order_by("name")[:8]),
    }


dashboard_panel = Panel(order=10, name="inventory", template="inventory/_dashboard_panel.html", context=dashboard_context)
