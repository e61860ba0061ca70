"""Loads the framework catalogs and the control library. Idempotent: a second run changes nothing.

Rows are matched on their natural keys (framework slug, requirement code, control code), so
re-running updates titles and adds what is new without duplicating rows or breaking links.
"""

from datetime import date

from .catalogs import controls, eu_ai_act, gdpr, iso_42001, nist_ai_rmf
from .models import Control, ControlMapping, Framework, Requirement

CATALOGS = [gdpr, eu_ai_act, nist_ai_rmf, iso_42001]


def _date(value):
    return date.fromisoformat(value) if value else None


def _sync(obj, values: dict) -> bool:
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    for k in changed:
        setattr(obj, k, values[k])
    if changed:
        obj.save(update_fields=changed)
    return bool(changed)


def load_catalogs(log=print) -> dict:
    stats = {"created": 0, "updated": 0}

    def count(created, changed):
        stats["created" if created else "updated"] += 1 if (created or changed) else 0

    for module in CATALOGS:
        spec = module.FRAMEWORK
        framework, created = Framework.objects.get_or_create(slug=spec["slug"], defaults={
            k: spec.get(k, "") for k in ("name", "short_name", "version", "description", "url")})
        count(created, not created and _sync(framework, {k: spec.get(k, "") for k in
                                                          ("name", "short_name", "version", "description", "url")}))
        existing = {r.code: r for r in Requirement.objects.filter(framework=framework)}
        for position, item in enumerate(module.REQUIREMENTS):
            values = {
                "title": item["title"], "description": item.get("description", ""), "kind": item["kind"],
                "applicability": item.get("applicability", "always"), "sort_key": position,
                "applies_from": _date(item.get("applies_from")),
                "applies_from_amended": _date(item.get("applies_from_amended")),
                "parent": existing[item["parent"]] if item.get("parent") else None,
            }
            requirement = existing.get(item["code"])
            if requirement is None:
                existing[item["code"]] = Requirement.objects.create(framework=framework, code=item["code"], **values)
                count(True, False)
            else:
                count(False, _sync(requirement, values))
    requirements = {(r.framework.slug, r.code): r for r in Requirement.objects.select_related("framework")}
    for spec in controls.CONTROLS:
        values = {k: spec[k] for k in ("title", "description", "phase", "evidence_kinds", "max_evidence_age_days")}
        control, created = Control.objects.get_or_create(code=spec["code"], defaults=values)
        count(created, not created and _sync(control, values))
        have = {m.requirement_id: m for m in control.mappings.all()}
        for slug, code, strength in spec["mappings"]:
            requirement = requirements[(slug, code)]
            mapping = have.get(requirement.pk)
            if mapping is None:
                ControlMapping.objects.create(control=control, requirement=requirement, strength=strength)
                count(True, False)
            else:
                count(False, _sync(mapping, {"strength": strength}))
    log(f"compliance catalogs: {stats['created']} created, {stats['updated']} updated, "
        f"{Framework.objects.count()} frameworks, {Requirement.objects.count()} requirements, "
        f"{Control.objects.count()} controls, {ControlMapping.objects.count()} mappings")
    return stats
