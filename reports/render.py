"""The pack's HTML: one template, fed from a snapshot. The same charts as the dashboard."""

from collections import Counter

from django.conf import settings
from django.template.loader import render_to_string

from attest.ui.charts import coverage_bars, heat_map
from inventory.choices import KIND_FIELDS
from inventory.models import Asset
from risk.choices import RiskStatus

from .snapshot import Snapshot

# Shown in the details table of each asset; description has a row of its own.
_SKIP_DETAILS = {"name", "kind", "description", "team"}


def asset_details(asset: Asset) -> list[tuple[str, str]]:
    rows = [("Team", asset.team.name), ("Owner", str(asset.owner or "—"))]
    for name in ["lifecycle_stage", "criticality", "data_classification", *KIND_FIELDS[asset.kind]]:
        if name in _SKIP_DETAILS:
            continue
        field = Asset._meta.get_field(name)
        value = getattr(asset, f"get_{name}_display")() if field.choices else getattr(asset, name)
        if isinstance(value, bool):
            value = "yes" if value else "no"
        if value not in ("", None, []):
            rows.append((str(field.verbose_name).capitalize(), str(value)))
    if asset.tags:
        rows.append(("Tags", ", ".join(asset.tags)))
    return rows


def pack_html(snapshot: Snapshot, *, pack_hash: str, key_fingerprint: str, requested_assets: int) -> str:
    s = snapshot
    evidence_per_impl = Counter(row.item.control_implementation_id for row in s.evidence)
    for section in s.sections:
        section.details = asset_details(section.asset)
        for impl in section.implementations:
            impl.evidence_count = evidence_per_impl.get(impl.pk, 0)
    coverage = s.coverage()
    counts = s.heat_map_counts()
    live = [r for r in s.risks if r.status_then != RiskStatus.CLOSED]
    top = s.levels[-1]
    kinds = Counter(a.get_kind_display() for a in s.assets)
    traceability = [(f, [(sec.asset, sec.trace[f.slug]) for sec in s.sections if sec.trace.get(f.slug)])
                    for f in s.frameworks]
    footer = f"{s.organisation} · state as of {s.as_of:%Y-%m-%d}".replace('"', "").replace("\\", "")
    return render_to_string("reports/pack.html", {
        "s": s,
        "pack_hash": pack_hash,
        "key_fingerprint": key_fingerprint,
        "time_zone": settings.TIME_ZONE,
        "footer": footer,
        "kind_counts": ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "none",
        "excluded": max(requested_assets - len(s.sections), 0),
        "coverage": coverage,
        "coverage_chart": coverage_bars([(c["framework"].short_name, c["implemented"], c["applicable"]) for c in coverage],
                                        title="Requirements implemented per framework"),
        "heat_inherent": heat_map(counts["inherent"], s.levels, title="Inherent risk"),
        "heat_residual": heat_map(counts["residual"], s.levels, title="Residual risk"),
        "open_risks": len(live),
        "high_risks": sum(1 for r in live if r.residual_level == top["name"]),
        "top_level_label": top["label"].lower(),
        "gaps": s.gaps(),
        "gap_count": sum(len(g["unmet"]) for g in s.gaps()),
        "stale_evidence": sum(1 for e in s.evidence if e.freshness == "stale"),
        "acceptances": s.acceptances(),
        "traceability": traceability,
    })
