"""When does a requirement apply to an asset? Each condition is a SQL expression on Asset.

Conditions use Exists() subqueries over the asset's relations and its current AI Act
classification, so coverage over hundreds of assets is computed by the database in a
fixed number of queries. ``prefix`` lets the same condition be used from a model that
reaches the asset through a foreign key (``"asset__"``).
"""

from django.db.models import Exists, OuterRef, Q

from inventory.models import AssetRelation

from .choices import Applicability

# The AI Act's requirements apply through a system's decision record (its obligations), not
# through the catalog's applicability flags; the other frameworks use the flags below.
AI_ACT = "eu-ai-act"
# Requirement kinds that are assessed (structural headings such as NIST functions are not).
ASSESSED_KINDS = ("article", "annex", "subcategory", "control")


def _data_flag_q(flag: str, prefix: str) -> Q:
    """The asset holds such data itself, or uses a dataset that does (trained on, part of, fed by)."""
    from inventory.models import Asset  # noqa: F401 - for clarity of the model the paths start from

    outer = OuterRef(f"{prefix}pk")
    trained_on = AssetRelation.objects.filter(
        source=outer, type__in=["trained_on", "depends_on"], **{f"target__{flag}": True})
    fed = AssetRelation.objects.filter(target=outer, type="feeds", **{f"source__{flag}": True})
    component = AssetRelation.objects.filter(
        target=outer, type="part_of", **{f"source__{flag}": True})
    component_trained = AssetRelation.objects.filter(
        target=outer, type="part_of",
        source__relations_out__type="trained_on", **{f"source__relations_out__target__{flag}": True})
    return (Q(**{f"{prefix}{flag}": True}) | Exists(trained_on) | Exists(fed) | Exists(component)
            | Exists(component_trained))


def _classification_q(prefix: str, **fields) -> Q:
    from .models import Classification

    return Q(Exists(Classification.objects.filter(asset=OuterRef(f"{prefix}pk"), is_current=True, **fields)))


def condition_q(condition: str, prefix: str = "") -> Q:
    a = Applicability
    if condition == a.ALWAYS:
        return Q(**{f"{prefix}pk__isnull": False})
    if condition == a.PERSONAL_DATA:
        return _data_flag_q("contains_personal_data", prefix)
    if condition == a.SPECIAL_CATEGORY:
        return _data_flag_q("special_category_data", prefix)
    if condition == a.AUTOMATED_DECISIONS:
        return Q(**{f"{prefix}automated_decisions": True})
    if condition == a.PROVIDER:
        return _classification_q(prefix, role="provider")
    if condition == a.DEPLOYER:
        return _classification_q(prefix, role="deployer")
    if condition == a.HIGH_RISK:
        return _classification_q(prefix, tier="high_risk")
    if condition == a.HIGH_RISK_PROVIDER:
        return _classification_q(prefix, tier="high_risk", role="provider")
    if condition == a.HIGH_RISK_DEPLOYER:
        return _classification_q(prefix, tier="high_risk", role="deployer")
    if condition == a.TRANSPARENCY:
        return _classification_q(prefix, transparency=True)
    if condition == a.GPAI_PROVIDER:
        own_model = Q(**{f"{prefix}kind": "model", f"{prefix}gpai": True, f"{prefix}third_party": False})
        return own_model | _classification_q(prefix, gpai_model=True, role="provider")
    if condition == a.GPAI_SYSTEMIC:
        return _classification_q(prefix, gpai_systemic_risk=True, role="provider")
    raise ValueError(f"unknown applicability condition {condition!r}")


def applies_q(*, requirement_prefix: str, asset_prefix: str) -> Q:
    """A non-AI-Act requirement (reached by ``requirement_prefix``) applies to an asset (``asset_prefix``)."""
    clauses = Q(pk__in=[])
    for condition in Applicability.values:
        clauses |= Q(**{f"{requirement_prefix}applicability": condition}) & condition_q(condition, asset_prefix)
    return clauses & ~Q(**{f"{requirement_prefix}framework__slug": AI_ACT})
