"""What an audit pack says: the scope's state as of a date, read on the requester's behalf.

Everything is read through ``restrict(user, "view")`` for the user who asked for the pack, in
a fixed number of queries per asset. "As of" means: assets that existed by then, evidence
collected by then and judged fresh or stale at that moment, the AI Act decision record then
current, threats seen by then, risk acceptances then in force, and the audit log up to then.
Control implementation status and asset fields are the recorded values (they keep no history).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from attest.auditlog.models import AuditEvent
from compliance.choices import ImplementationStatus
from compliance.evidence.freshness import GOOD
from compliance.models import Classification, ControlImplementation, ControlMapping, EvidenceItem, Framework
from compliance.selectors import applicable_requirements
from inventory.models import Asset, AssetRelation
from risk.choices import RiskStatus
from risk.models import AssetThreat, Risk, RiskMatrix
from risk.engine import load_graph
from risk.selectors import hidden_name_redactor, rated

AUDIT_EXCERPT_LIMIT = 2000


def cutoff_for(as_of: date) -> datetime:
    """The first instant after the as-of day, in the server's time zone."""
    return timezone.make_aware(datetime.combine(as_of + timedelta(days=1), time.min))


@dataclass
class EvidenceRow:
    item: EvidenceItem
    freshness: str  # fresh | stale | not counted
    zip_path: str


@dataclass
class TraceRow:
    requirement: object
    control: object | None
    strength: str
    implementation: ControlImplementation | None
    evidence: list[EvidenceRow]

    @property
    def implemented(self) -> bool:
        return bool(self.implementation and self.implementation.status == ImplementationStatus.IMPLEMENTED)


@dataclass
class RequirementTrace:
    requirement: object
    rows: list[TraceRow]

    @property
    def implemented(self) -> bool:
        return any(r.implemented for r in self.rows)

    @property
    def evidenced(self) -> bool:
        return any(r.implemented and any(e.freshness == "fresh" for e in r.evidence) for r in self.rows)

    @property
    def recorded(self) -> list[TraceRow]:
        """Controls that have an implementation on the asset (in whatever status)."""
        return [r for r in self.rows if r.implementation]

    @property
    def candidates(self) -> list[str]:
        """Codes of mapped controls not yet recorded on the asset: what would close a gap."""
        return [r.control.code for r in self.rows if not r.implementation]


@dataclass
class AssetSection:
    asset: Asset
    classification: Classification | None
    relations: list = field(default_factory=list)
    threats: list = field(default_factory=list)
    risks: list = field(default_factory=list)
    implementations: list = field(default_factory=list)
    evidence: list[EvidenceRow] = field(default_factory=list)
    trace: dict[str, list[RequirementTrace]] = field(default_factory=dict)  # framework slug → rows


@dataclass
class Snapshot:
    title: str
    organisation: str
    as_of: date
    since: date
    cutoff: datetime
    frameworks: list[Framework]
    team: object | None
    sections: list[AssetSection]
    levels: list[dict]
    audit_events: list[AuditEvent]
    audit_events_total: int
    audit_head: dict

    @property
    def assets(self) -> list[Asset]:
        return [s.asset for s in self.sections]

    @property
    def evidence(self) -> list[EvidenceRow]:
        return [row for s in self.sections for row in s.evidence]

    @property
    def risks(self) -> list:
        return [r for s in self.sections for r in s.risks]

    def coverage(self) -> list[dict]:
        out = []
        for framework in self.frameworks:
            traces = [t for s in self.sections for t in s.trace.get(framework.slug, [])]
            applicable = len(traces)
            implemented = sum(t.implemented for t in traces)
            out.append({"framework": framework, "applicable": applicable, "implemented": implemented,
                        "evidenced": sum(t.evidenced for t in traces), "gaps": applicable - implemented,
                        "pct": round(100 * implemented / applicable) if applicable else 0})
        return out

    def gaps(self) -> list[dict]:
        """Per asset and framework: requirements with no implemented control, and those
        implemented but without fresh evidence on the as-of date."""
        found = []
        for section in self.sections:
            for framework in self.frameworks:
                traces = section.trace.get(framework.slug, [])
                unmet = [t.requirement.code for t in traces if not t.implemented]
                unevidenced = [t.requirement.code for t in traces if t.implemented and not t.evidenced]
                if unmet or unevidenced:
                    found.append({"asset": section.asset, "framework": framework, "unmet": unmet,
                                  "unevidenced": unevidenced})
        return found

    def acceptances(self) -> list:
        return [r for r in self.risks if r.status_then == RiskStatus.ACCEPTED]

    def heat_map_counts(self) -> dict:
        inherent, residual = defaultdict(int), defaultdict(int)
        for risk in self.risks:
            if risk.status_then != RiskStatus.CLOSED:
                inherent[(risk.likelihood, risk.impact)] += 1
                residual[(risk.residual_likelihood, risk.impact)] += 1
        return {"inherent": dict(inherent), "residual": dict(residual)}


def zip_path_for(item: EvidenceItem) -> str:
    name = (item.filename or item.file.name.rsplit("/", 1)[-1]).replace("/", "_").replace("\\", "_")
    return f"evidence/asset-{item.asset_id}/{item.pk}-{name}"


def _freshness(item: EvidenceItem, cutoff: datetime) -> str:
    if item.status not in GOOD:
        return "not counted"
    return "stale" if item.stale_after and item.stale_after <= cutoff else "fresh"


def _status_then(risk: Risk, as_of: date, cutoff: datetime) -> str:
    if risk.accepted_at and risk.accepted_at < cutoff and (
            risk.acceptance_expires_on is None or risk.acceptance_expires_on >= as_of):
        return RiskStatus.ACCEPTED
    return RiskStatus.CLOSED if risk.status == RiskStatus.CLOSED else RiskStatus.OPEN


def take(*, user, title: str, organisation: str, asset_ids: list[int], framework_slugs: list[str], team,
         as_of: date, since: date, progress=None) -> Snapshot:
    """Read the scope. ``progress(fraction, step)`` is called as the assets are read."""
    cutoff = cutoff_for(as_of)
    visible = Asset.objects.restrict(user, "view")
    assets = list(visible.filter(pk__in=asset_ids, created_at__lt=cutoff).select_related("team", "owner")
                  .order_by("kind", "name", "pk"))
    ids = [a.pk for a in assets]
    frameworks = list(Framework.objects.restrict(user, "view").order_by("name")
                      .filter(**({"slug__in": framework_slugs} if framework_slugs else {})))
    levels = RiskMatrix.current_levels()
    sections = {a.pk: AssetSection(asset=a, classification=None) for a in assets}

    for record in (Classification.objects.restrict(user, "view").filter(asset_id__in=ids, created_at__lt=cutoff)
                   .select_related("confirmed_by").prefetch_related("obligation_requirements")
                   .order_by("asset_id", "-version")):
        if sections[record.asset_id].classification is None:
            record.confirmed_then = bool(record.confirmed_at and record.confirmed_at < cutoff)
            sections[record.asset_id].classification = record
    for relation in (AssetRelation.objects.restrict(user, "view").filter(Q(source_id__in=ids) | Q(target_id__in=ids))
                     .filter(created_at__lt=cutoff).select_related("source", "target")):
        for end in {relation.source_id, relation.target_id} & set(ids):
            sections[end].relations.append(relation)
    redact = hidden_name_redactor(user, load_graph(set(ids), depth=3), set(ids)) if ids else str
    for entry in (AssetThreat.objects.restrict(user, "view").filter(asset_id__in=ids, first_seen_at__lt=cutoff)
                  .select_related("threat").order_by("status", "threat__code", "title")):
        entry.reason, entry.decision_reason = redact(entry.reason), redact(entry.decision_reason)
        sections[entry.asset_id].threats.append(entry)
    for risk in (rated(Risk.objects.restrict(user, "view").filter(asset_id__in=ids, created_at__lt=cutoff), levels, cutoff)
                 .select_related("asset_threat__threat", "owner", "accepted_by").order_by("-residual", "pk")):
        risk.status_then = _status_then(risk, as_of, cutoff)
        sections[risk.asset_id].risks.append(risk)
    implementations = {}
    for impl in (ControlImplementation.objects.restrict(user, "view").filter(asset_id__in=ids)
                 .select_related("control", "owner").order_by("control__code")):
        sections[impl.asset_id].implementations.append(impl)
        implementations[(impl.asset_id, impl.control_id)] = impl
    evidence_by_impl = defaultdict(list)
    for item in (EvidenceItem.objects.restrict(user, "view").filter(asset_id__in=ids, collected_at__lt=cutoff)
                 .order_by("asset_id", "collected_at", "pk")):
        row = EvidenceRow(item, _freshness(item, cutoff), zip_path_for(item))
        sections[item.asset_id].evidence.append(row)
        if item.control_implementation_id:
            evidence_by_impl[item.control_implementation_id].append(row)

    mappings = defaultdict(list)
    for mapping in (ControlMapping.objects.filter(requirement__framework__in=frameworks)
                    .select_related("control").order_by("control__code")):
        mappings[mapping.requirement_id].append(mapping)
    slugs = {f.pk: f.slug for f in frameworks}
    for n, asset in enumerate(assets):
        if progress:
            progress(n / max(len(assets), 1), f"Reading {asset.name} ({n + 1} of {len(assets)})")
        section = sections[asset.pk]
        requirements = (applicable_requirements(asset, section.classification)
                        .filter(framework__in=frameworks).order_by("framework__name", "sort_key", "code"))
        for requirement in requirements:
            rows = []
            for mapping in mappings.get(requirement.pk, []):
                impl = implementations.get((asset.pk, mapping.control_id))
                rows.append(TraceRow(requirement, mapping.control, mapping.strength, impl,
                                     evidence_by_impl.get(impl.pk, []) if impl else []))
            section.trace.setdefault(slugs[requirement.framework_id], []).append(RequirementTrace(requirement, rows))

    since_start = timezone.make_aware(datetime.combine(since, time.min))
    events = (AuditEvent.objects.restrict(user, "view")
              .filter(asset_id__in=ids, created_at__gte=since_start, created_at__lt=cutoff).order_by("seq"))
    head = AuditEvent.objects.filter(created_at__lt=cutoff).order_by("-seq").values("seq", "hash").first()
    return Snapshot(
        title=title, organisation=organisation, as_of=as_of, since=since, cutoff=cutoff, frameworks=frameworks,
        team=team, sections=[sections[i] for i in ids], levels=levels,
        audit_events=list(events[:AUDIT_EXCERPT_LIMIT]), audit_events_total=events.count(),
        audit_head=head or {"seq": 0, "hash": "0" * 64},
    )
