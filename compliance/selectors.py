"""Reads for compliance. Callers pass querysets already restricted to the user."""

from dataclasses import dataclass

from django.db.models import CharField, Count, Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat

from inventory.models import Asset

from .applicability import AI_ACT, ASSESSED_KINDS, applies_q, condition_q
from .choices import Applicability, ImplementationStatus
from .evidence.freshness import evidenced_q
from .models import Classification, Control, ControlImplementation, Framework, Requirement


@dataclass
class FrameworkCoverage:
    framework: Framework
    applicable: int
    implemented: int
    evidenced: int

    @property
    def gaps(self) -> int:
        return self.applicable - self.implemented

    @property
    def implemented_pct(self) -> int:
        return round(100 * self.implemented / self.applicable) if self.applicable else 0


def framework_coverage(*, assets) -> list[FrameworkCoverage]:
    """Coverage over (asset, requirement) pairs for a restricted asset queryset, in five queries."""
    frameworks = list(Framework.objects.order_by("name"))
    per_condition = {}
    for row in (Requirement.objects.filter(kind__in=ASSESSED_KINDS).exclude(framework__slug=AI_ACT)
                .values("framework_id", "applicability").annotate(n=Count("pk"))):
        per_condition[(row["framework_id"], row["applicability"])] = row["n"]
    counts = assets.aggregate(**{c: Count("pk", filter=condition_q(c)) for c in Applicability.values})
    pair = Concat(Cast("asset_id", CharField()), Value(":"), Cast("control__mappings__requirement_id", CharField()))
    implemented, evidenced = {}, {}
    rows = (ControlImplementation.objects.filter(
        Q(asset__in=assets.values("pk"), status=ImplementationStatus.IMPLEMENTED,
          control__mappings__requirement__kind__in=ASSESSED_KINDS)
        & applies_q(requirement_prefix="control__mappings__requirement__", asset_prefix="asset__"))
        .values_list("control__mappings__requirement__framework_id")
        .annotate(n=Count(pair, distinct=True), e=Count(pair, distinct=True, filter=Q(evidenced_q("pk")))).order_by())
    for framework_id, n, e in rows:
        implemented[framework_id], evidenced[framework_id] = n, e
    # AI Act: the obligations of each system's current decision record.
    obligations = Classification.obligation_requirements.through.objects.filter(
        classification__is_current=True, classification__asset__in=assets.values("pk"),
        requirement__kind__in=ASSESSED_KINDS)
    met = ControlImplementation.objects.filter(
        asset=OuterRef("classification__asset_id"), status=ImplementationStatus.IMPLEMENTED,
        control__mappings__requirement=OuterRef("requirement_id"))
    ai_act = obligations.aggregate(applicable=Count("pk"), implemented=Count("pk", filter=Exists(met)),
                                   evidenced=Count("pk", filter=Exists(met.filter(evidenced_q("pk")))))
    result = []
    for framework in frameworks:
        if framework.slug == AI_ACT:
            result.append(FrameworkCoverage(framework, ai_act["applicable"], ai_act["implemented"], ai_act["evidenced"]))
            continue
        applicable = sum(per_condition.get((framework.pk, c), 0) * counts[c] for c in Applicability.values)
        result.append(FrameworkCoverage(framework, applicable, implemented.get(framework.pk, 0),
                                        evidenced.get(framework.pk, 0)))
    return result


def asset_conditions(asset: Asset) -> set[str]:
    """The applicability conditions that hold for one asset (one query)."""
    flags = Asset.objects.filter(pk=asset.pk).aggregate(
        **{c: Count("pk", filter=condition_q(c)) for c in Applicability.values})
    return {c for c, n in flags.items() if n}


def applicable_requirements(asset: Asset, classification: Classification | None | str = "current"):
    """Requirements that apply to the asset: by its fields, and (AI Act) by a decision record,
    the current one unless another version (an audit pack's as-of record) or None is given."""
    by_condition = Q(applicability__in=asset_conditions(asset)) & ~Q(framework__slug=AI_ACT)
    if classification == "current":
        records = Classification.obligation_requirements.through.objects.filter(
            classification__asset=asset, classification__is_current=True)
    else:
        records = Classification.obligation_requirements.through.objects.filter(
            classification_id=classification.pk if classification else None)
    by_decision = Q(pk__in=records.values("requirement_id"))
    return Requirement.objects.filter(by_condition | by_decision, kind__in=ASSESSED_KINDS).select_related("framework")


@dataclass
class RequirementStatus:
    requirement: Requirement
    controls: list
    implemented: bool
    evidenced: bool = False


def asset_compliance(*, asset: Asset, classification: Classification | None | str = "current", now=None) -> dict:
    """Per framework: the applicable requirements, the controls serving each, and which are met
    (evidence judged at ``now``, the present unless an audit pack's as-of time is given)."""
    requirements = list(applicable_requirements(asset, classification).prefetch_related("mappings__control"))
    implementations = {i.control_id: i for i in ControlImplementation.objects.filter(asset=asset)
                       .annotate(evidenced=evidenced_q("pk", now))}
    frameworks: dict[str, dict] = {}
    for requirement in requirements:
        controls = [(m.control, m.strength, implementations.get(m.control_id)) for m in requirement.mappings.all()]
        done = [impl for _, _, impl in controls if impl and impl.status == ImplementationStatus.IMPLEMENTED]
        entry = frameworks.setdefault(requirement.framework.slug, {
            "framework": requirement.framework, "requirements": [], "applicable": 0, "implemented": 0,
            "evidenced": 0})
        entry["requirements"].append(RequirementStatus(requirement, controls, bool(done),
                                                       any(impl.evidenced for impl in done)))
        entry["applicable"] += 1
        entry["implemented"] += int(bool(done))
        entry["evidenced"] += int(any(impl.evidenced for impl in done))
    for entry in frameworks.values():
        entry["gaps"] = entry["applicable"] - entry["implemented"]
    return {"asset": asset, "frameworks": list(frameworks.values())}


def asset_checklist(*, asset: Asset) -> list[dict]:
    """The controls the asset's obligations call for, most-serving first, with their implementation."""
    requirements = applicable_requirements(asset)
    controls = (Control.objects.filter(mappings__requirement__in=requirements)
                .annotate(serves=Count("mappings__requirement", distinct=True)).order_by("-serves", "code"))
    implementations = {i.control_id: i for i in ControlImplementation.objects.filter(asset=asset).select_related("owner")}
    return [{"control": c, "serves": c.serves, "implementation": implementations.get(c.pk)} for c in controls]


def current_classification(*, asset: Asset) -> Classification | None:
    return Classification.objects.filter(asset=asset, is_current=True).select_related("confirmed_by", "created_by").first()
