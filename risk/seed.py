"""Loads the threat catalog. Idempotent, keyed on the threat code."""

from compliance.models import Control

from .catalogs import threats as catalog
from .models import Threat

FIELDS = ("title", "description", "stride", "atlas", "owasp_ml", "owasp_llm", "kinds", "rules", "likelihood", "impact")


def load_threats(log=print) -> dict:
    stats = {"created": 0, "updated": 0}
    controls = {c.code: c for c in Control.objects.all()}
    for spec in catalog.THREATS:
        values = {k: spec[k] for k in FIELDS}
        threat, created = Threat.objects.get_or_create(code=spec["code"], defaults=values)
        changed = [k for k, v in values.items() if getattr(threat, k) != v]
        if changed and not created:
            for k in changed:
                setattr(threat, k, values[k])
            threat.save(update_fields=changed)
        wanted = {controls[c].pk for c in spec["controls"] if c in controls}
        have = set(threat.controls.values_list("pk", flat=True))
        if wanted != have:
            threat.controls.set(wanted)
            changed = changed or ["controls"]
        stats["created" if created else "updated"] += 1 if (created or changed) else 0
    log(f"threat catalog: {stats['created']} created, {stats['updated']} updated, {Threat.objects.count()} threats")
    return stats
