"""Reads for threats and risks. Residual ratings are SQL expressions, so lists stay fixed-query."""

import re
from datetime import timedelta

from django.db.models import Case, CharField, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from compliance.choices import ImplementationStatus
from compliance.evidence.freshness import evidenced_q
from compliance.models import ControlImplementation, EvidenceItem

from .choices import RiskStatus
from .models import Risk, RiskMatrix, Threat


def level_case(expression, levels: list[dict]) -> Case:
    whens = [When(**{f"{expression}__lte": level["max"]}, then=Value(level["name"])) for level in levels]
    return Case(*whens, default=Value(levels[-1]["name"]), output_field=CharField())


def mitigations_in_place(now=None):
    """Per risk: how many of its threat's mitigating controls are implemented on its asset
    (with evidence judged at ``now``: an audit pack's as-of time, or the present)."""
    controls = Threat.controls.through.objects.filter(
        threat_id=OuterRef(OuterRef("asset_threat__threat_id"))).values("control_id")
    # Once an asset has any evidence, only implementations with fresh evidence lower its risks.
    evidence = EvidenceItem.objects.filter(control_implementation__asset_id=OuterRef("asset_id"))
    asset_has_evidence = Exists(evidence if now is None else evidence.filter(collected_at__lte=now))
    done = (ControlImplementation.objects
            .filter(asset_id=OuterRef("asset_id"), status=ImplementationStatus.IMPLEMENTED, control_id__in=controls)
            .filter(Q(evidenced_q("pk", now)) | ~Q(asset_has_evidence))
            .order_by().values("asset_id").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(done, output_field=IntegerField()), Value(0))


def with_residual(queryset, now=None):
    """The residual rule, in one place: each implemented mitigating control lowers the likelihood
    one step (never below 1), so the residual never exceeds the inherent rating."""
    return queryset.annotate(
        mitigations=mitigations_in_place(now),
        residual_likelihood=Greatest(Value(1), F("likelihood") - F("mitigations")),
        residual=F("residual_likelihood") * F("impact"),
    )


def rated(queryset, levels: list[dict] | None = None, now=None):
    """Inherent and residual scores with their named levels on the matrix."""
    levels = levels or RiskMatrix.current_levels()
    return with_residual(queryset, now).annotate(inherent=F("likelihood") * F("impact")).annotate(
        inherent_level=level_case("inherent", levels), residual_level=level_case("residual", levels))


def risks_for(user, action: str = "view"):
    return rated(Risk.objects.restrict(user, action).select_related(
        "asset", "asset__team", "asset_threat", "asset_threat__threat", "owner"))


def heat_map_counts(risks) -> dict[str, dict[tuple[int, int], int]]:
    """Open and accepted risks per (likelihood, impact) cell, inherent and residual: two queries."""
    live = risks.exclude(status=RiskStatus.CLOSED).order_by()
    inherent = {(r["likelihood"], r["impact"]): r["n"] for r in live.values("likelihood", "impact").annotate(n=Count("pk"))}
    residual = {(r["residual_likelihood"], r["impact"]): r["n"]
                for r in live.values("residual_likelihood", "impact").annotate(n=Count("pk"))}
    return {"inherent": inherent, "residual": residual}


def level_for(score: int | None, levels: list[dict] | None = None) -> dict | None:
    if score is None:
        return None
    levels = levels or RiskMatrix.current_levels()
    return next((lvl for lvl in levels if score <= lvl["max"]), levels[-1])


def my_open_risks(user, limit: int = 8):
    return risks_for(user).filter(owner=user, status=RiskStatus.OPEN).order_by("-residual", "pk")[:limit]


def acceptances_expiring(user, days: int = 30):
    today = timezone.localdate()
    return (risks_for(user).filter(status=RiskStatus.ACCEPTED, acceptance_expires_on__gte=today,
                                   acceptance_expires_on__lte=today + timedelta(days=days))
            .order_by("acceptance_expires_on"))


HIDDEN_ASSET = "an asset you cannot see"


def hidden_name_redactor(user, graph, focus_ids: set[int]):
    """A derived threat's reason names the neighbour that made it apply, which the reader may not
    be allowed to see: a function that replaces such names before they reach any page or API."""
    from inventory.models import Asset

    near = set(graph.assets) - focus_ids
    visible = set(Asset.objects.restrict(user, "view").filter(pk__in=near).values_list("pk", flat=True))
    # A name a visible asset also bears is no secret, and redacting it would garble the reason.
    names = {graph.assets[i].name for i in near - visible} - {graph.assets[i].name for i in visible | focus_ids}
    if not names:
        return lambda text: text
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in sorted(names, key=len, reverse=True)))
    return lambda text: pattern.sub(HIDDEN_ASSET, text)


def threat_model(*, user, asset):
    """The asset's threat model (and, for a system, its components'), with each risk's ratings.
    Reasons that name assets the user cannot see have those names redacted."""
    from .models import AssetThreat
    from .engine import components_of, load_graph

    ids = [asset.pk]
    graph = load_graph({asset.pk}, depth=3)
    if asset.kind == "system":
        ids += sorted(components_of(asset.pk, graph))
    entries = list(AssetThreat.objects.restrict(user, "view").filter(asset_id__in=ids)
                   .select_related("threat", "asset", "decided_by").order_by("status", "asset__name", "threat__code"))
    redact = hidden_name_redactor(user, graph, {asset.pk}) if entries else str
    for entry in entries:
        entry.reason, entry.decision_reason = redact(entry.reason), redact(entry.decision_reason)
    risks = {r.asset_threat_id: r for r in rated(Risk.objects.filter(asset_threat__in=[e.pk for e in entries]))}
    return [(entry, risks.get(entry.pk)) for entry in entries]
