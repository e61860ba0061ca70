"""What a model card says, collected for one user as plain JSON-safe data.

Every renderer (HTML, PDF, Markdown, CycloneDX) reads the same dict, and the SHA-256 of its
canonical JSON keys the PDF renders: two requests whose cards say the same thing share one PDF.
Related assets, evidence, threats and controls are read through ``restrict(user, "view")``, so a
card never names anything its reader could not open.
"""

import hashlib
import json

from cyclonedx.spdx import fixup_id

from compliance.choices import EvidenceKind, ImplementationStatus
from compliance.evidence.freshness import GOOD, evidenced_q
from compliance.evidence.models import EvidenceItem, EvidenceStatus
from compliance.models import ControlImplementation
from compliance.selectors import asset_compliance
from inventory.choices import AssetKind, LifecycleStage, RelationType
from inventory.models import Asset, AssetRelation
from risk.choices import RiskStatus, ThreatStatus
from risk.models import Threat
from risk.selectors import threat_model

from .completeness import assess

# Part of the hashed content: bump it when the rendered layout changes, so cached PDFs are redrawn.
CARD_LAYOUT_VERSION = 1

# The learning task each model type stands for (CycloneDX modelParameters.task, Hub model-index task).
TASK_BY_MODEL_TYPE = {
    "classifier": "classification",
    "regressor": "regression",
    "recommender": "recommendation",
    "llm": "text-generation",
    "generative_image": "text-to-image",
    "generative_other": "generation",
}
RECENT_EVIDENCE = 50  # newest evidence items of each group read for a card
MAX_REPORTS = 10
MAX_GAPS = 10


def model_card(*, user, asset: Asset) -> dict:
    """The card of a model asset the user can view, as seen by that user."""
    # Both ends visible (the relation's own rule), with the teams the card names in one query.
    relations = AssetRelation.objects.restrict(user, "view").select_related("source__team", "target__team")
    outgoing = list(relations.filter(source=asset).order_by("type", "target__name"))
    incoming = list(relations.filter(target=asset).order_by("type", "source__name"))
    controls = _controls(user, asset)
    card = {
        "layout": CARD_LAYOUT_VERSION,
        "model": _details(asset),
        "systems": _using_systems(outgoing, incoming),
        "base_models": [_base_model(r.target) for r in outgoing if r.type == RelationType.FINE_TUNED_FROM],
        "deployments": [_infrastructure(r.target) for r in outgoing if r.type == RelationType.DEPLOYED_ON],
        "datasets": _datasets(outgoing, incoming),
        **_evaluation(user, asset),
        **_threats_and_risks(user, asset, controls),
        "controls": controls,
        **_signatures(user, asset),
        "compliance": _compliance(asset),
    }
    card["uses"] = _uses(card)
    card["ethical_notes"] = _ethical_notes(card)
    card["completeness"] = assess(card)
    return card


def spdx_license_id(text: str) -> str:
    """The SPDX id a free-text licence names ("apache-2.0" → "Apache-2.0"), or "" when it names none."""
    return (fixup_id(text.strip()) or "") if text.strip() else ""


def performance_metrics(card: dict) -> list[dict]:
    """Every number the card reports on the model's performance, each with the evidence it came from."""
    rows = [{"type": m["name"], "name": m["name"], "value": m["value"], "source": m["source"],
             "evidence_id": m["evidence_id"], "collected": m["collected"]} for m in card["metrics"]]
    rows += [{"type": "pass_rate", "name": "Test pass rate", "value": r["pass_rate"], "source": r["source"],
              "evidence_id": r["evidence_id"], "collected": r["collected"]}
             for r in card["test_reports"] if r["pass_rate"] is not None]
    return rows


def content_sha256(card: dict) -> str:
    canonical = json.dumps(card, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


# --- details and lineage ---------------------------------------------------------------------

def _person(user) -> str:
    if user is None:
        return ""
    full = user.get_full_name()
    return f"{full} ({user.username})" if full else user.username


def _details(asset: Asset) -> dict:
    return {
        "id": asset.pk, "name": asset.name, "version": asset.version,
        "model_type": asset.model_type, "model_type_label": asset.get_model_type_display(),
        "task": TASK_BY_MODEL_TYPE.get(asset.model_type, ""),
        "framework": asset.framework, "license": asset.license, "license_spdx": spdx_license_id(asset.license),
        "third_party": asset.third_party, "gpai": asset.gpai, "registry_uri": asset.registry_uri,
        "owner": _person(asset.owner),
        "team": asset.team.name, "lifecycle_stage": asset.lifecycle_stage,
        "lifecycle_stage_label": asset.get_lifecycle_stage_display(),
        "criticality_label": asset.get_criticality_display(),
        "data_classification_label": asset.get_data_classification_display(),
        "tags": list(asset.tags or []), "description": asset.description,
    }


def _using_systems(outgoing, incoming) -> list[dict]:
    """AI systems the model is part of or feeds, and systems that depend on it."""
    found = [(r.target, r.get_type_display()) for r in outgoing
             if r.type in (RelationType.PART_OF, RelationType.FEEDS) and r.target.kind == AssetKind.SYSTEM]
    found += [(r.source, f"{r.get_type_display()} this model") for r in incoming
              if r.type == RelationType.DEPENDS_ON and r.source.kind == AssetKind.SYSTEM]
    systems: dict[int, dict] = {}
    for system, link in found:
        entry = systems.setdefault(system.pk, {
            "id": system.pk, "name": system.name, "links": [],
            "intended_purpose": system.intended_purpose, "affected_persons": system.affected_persons,
            "deployment_context": system.deployment_context, "exposure": system.exposure,
            "exposure_label": system.get_exposure_display(), "automated_decisions": system.automated_decisions,
            "human_oversight": system.human_oversight, "lifecycle_stage_label": system.get_lifecycle_stage_display(),
        })
        entry["links"].append(link)
    return sorted(systems.values(), key=lambda s: (s["name"], s["id"]))


def _base_model(model: Asset) -> dict:
    return {"id": model.pk, "name": model.name, "version": model.version, "license": model.license,
            "third_party": model.third_party, "registry_uri": model.registry_uri}


def _infrastructure(infra: Asset) -> dict:
    return {"id": infra.pk, "name": infra.name, "role_label": infra.get_role_display(),
            "provider": infra.provider, "region": infra.region}


def _dataset(dataset: Asset, link: str) -> dict:
    return {
        "id": dataset.pk, "name": dataset.name, "link": link, "description": dataset.description,
        "source": dataset.source, "provenance": dataset.provenance, "legal_basis": dataset.legal_basis,
        "contains_personal_data": dataset.contains_personal_data,
        "special_category_data": dataset.special_category_data, "third_party": dataset.third_party,
        "record_count": dataset.record_count, "retention": dataset.retention,
        "data_classification": dataset.data_classification,
        "data_classification_label": dataset.get_data_classification_display(),
        "team": dataset.team.name,
    }


def _datasets(outgoing, incoming) -> dict:
    """Training data (trained on) apart from other linked data (depends on, feeds the model)."""
    training = [_dataset(r.target, r.get_type_display()) for r in outgoing if r.type == RelationType.TRAINED_ON]
    other = [_dataset(r.target, r.get_type_display()) for r in outgoing
             if r.type == RelationType.DEPENDS_ON and r.target.kind == AssetKind.DATASET]
    other += [_dataset(r.source, f"{r.get_type_display()} the model") for r in incoming
              if r.type == RelationType.FEEDS and r.source.kind == AssetKind.DATASET]
    return {"training": training, "other": other}


# --- evidence --------------------------------------------------------------------------------

def _evidence_ref(item: EvidenceItem) -> dict:
    return {"evidence_id": item.pk, "source": item.title, "collected": item.collected_at.date().isoformat(),
            "status": item.status, "sha256": item.sha256}


def _junit_row(item: EvidenceItem) -> dict:
    summary = item.summary or {}
    tests, skipped = summary.get("tests", 0), summary.get("skipped", 0)
    passed = tests - summary.get("failures", 0) - summary.get("errors", 0) - skipped
    ran = tests - skipped
    return {**_evidence_ref(item), "format": "junit", "tests": tests, "passed": passed,
            "failures": summary.get("failures", 0), "errors": summary.get("errors", 0), "skipped": skipped,
            "pass_rate": round(passed / ran, 4) if ran > 0 else None,
            "failed_cases": list(summary.get("failed_cases", []))[:5]}


def _sarif_row(item: EvidenceItem) -> dict:
    summary = item.summary or {}
    return {**_evidence_ref(item), "format": "sarif", "results": summary.get("results", 0),
            "by_level": dict(summary.get("by_level", {})), "tools": list(summary.get("tools", []))}


def _evaluation(user, asset: Asset) -> dict:
    """Metrics (newest value of each name), test reports (JUnit) and scan reports (SARIF)."""
    good = (EvidenceItem.objects.restrict(user, "view").filter(asset=asset, status__in=GOOD)
            .order_by("-collected_at", "-pk"))
    metrics: dict[str, dict] = {}
    for item in good.filter(kind=EvidenceKind.METRIC)[:RECENT_EVIDENCE]:
        for name, value in (item.summary or {}).get("metrics", {}).items():
            metrics.setdefault(name, {"name": name, "value": value, **_evidence_ref(item)})
    reports = list(good.filter(kind=EvidenceKind.TEST_REPORT)[:RECENT_EVIDENCE])
    test_reports = [_junit_row(i) for i in reports if i.format == "junit"][:MAX_REPORTS]
    scan_reports = [_sarif_row(i) for i in reports if i.format == "sarif"][:MAX_REPORTS]
    return {"metrics": sorted(metrics.values(), key=lambda m: m["name"]),
            "test_reports": test_reports, "scan_reports": scan_reports}


def _signatures(user, asset: Asset) -> dict:
    signed = EvidenceItem.objects.restrict(user, "view").filter(
        asset=asset, kind__in=[EvidenceKind.SIGNATURE, EvidenceKind.ATTESTATION])
    verified = []
    for item in signed.filter(status=EvidenceStatus.VERIFIED).order_by("-collected_at", "-pk")[:MAX_REPORTS]:
        summary = item.summary or {}
        verified.append({**_evidence_ref(item), "kind_label": item.get_kind_display(),
                         "detail": item.verification_detail[:300], "format": item.format,
                         "subjects": summary.get("subject_count"), "signer": summary.get("signer_key_hint") or ""})
    return {"signatures": verified, "failed_signatures": signed.filter(status=EvidenceStatus.FAILED).count()}


# --- threats, risks, controls, compliance ----------------------------------------------------

def _controls(user, asset: Asset) -> list[dict]:
    rows = (ControlImplementation.objects.restrict(user, "view").filter(asset=asset)
            .select_related("control").annotate(evidenced=evidenced_q("pk")).order_by("control__code"))
    return [{"id": i.control_id, "code": i.control.code, "title": i.control.title, "status": i.status,
             "status_label": i.get_status_display(), "evidenced": i.evidenced} for i in rows]


def _mitigation(risk, controls_in_place: list[str]) -> str:
    if risk.status == RiskStatus.ACCEPTED:
        until = risk.acceptance_expires_on.isoformat() if risk.acceptance_expires_on else "further notice"
        return f"Accepted until {until}: {risk.acceptance_justification}".strip()
    in_place = (f"Controls in place: {', '.join(controls_in_place)}." if controls_in_place
                else "No mitigating control is implemented yet.")
    return f"{in_place} Treatment: {risk.get_treatment_display().lower()}."


def _threats_and_risks(user, asset: Asset, controls: list[dict]) -> dict:
    rows = threat_model(user=user, asset=asset)
    threat_ids = {entry.threat_id for entry, _ in rows if entry.threat_id}
    mitigators: dict[int, set[int]] = {}
    for threat_id, control_id in Threat.controls.through.objects.filter(
            threat_id__in=threat_ids).values_list("threat_id", "control_id"):
        mitigators.setdefault(threat_id, set()).add(control_id)
    implemented = {c["id"]: c["code"] for c in controls if c["status"] == ImplementationStatus.IMPLEMENTED}
    threats, dismissed, risks = [], [], []
    for entry, risk in rows:
        threat = entry.threat
        if entry.status == ThreatStatus.NOT_APPLICABLE:
            dismissed.append({"title": entry.display_title, "reason": entry.decision_reason})
            continue
        if entry.status != ThreatStatus.APPLICABLE:
            continue  # retired: no longer derived from the inventory
        threats.append({"code": threat.code if threat else "", "title": entry.display_title,
                        "reason": entry.reason,
                        "atlas": list(threat.atlas) if threat else [],
                        "owasp": (list(threat.owasp_ml) + list(threat.owasp_llm)) if threat else []})
        if risk is None or risk.status == RiskStatus.CLOSED:
            continue
        in_place = sorted(code for cid, code in implemented.items() if cid in mitigators.get(entry.threat_id, ()))
        risks.append({"title": entry.display_title, "inherent": risk.inherent, "residual": risk.residual,
                      "residual_level": risk.residual_level, "status": risk.status,
                      "treatment": risk.treatment, "mitigation": _mitigation(risk, in_place)})
    risks.sort(key=lambda r: (-r["residual"], r["title"]))
    return {"threats": threats, "dismissed_threats": dismissed, "risks": risks}


def _compliance(asset: Asset) -> list[dict]:
    report = asset_compliance(asset=asset)
    out = []
    for entry in report["frameworks"]:
        gaps = [f"{s.requirement.code} {s.requirement.title}" for s in entry["requirements"] if not s.implemented]
        out.append({"framework": entry["framework"].name, "short_name": entry["framework"].short_name,
                    "applicable": entry["applicable"], "implemented": entry["implemented"],
                    "evidenced": entry["evidenced"], "gaps": entry["gaps"], "gap_examples": gaps[:MAX_GAPS]})
    return sorted(out, key=lambda f: f["short_name"])


# --- uses and ethical notes, derived from what was collected ---------------------------------

def _uses(card: dict) -> dict:
    systems, model = card["systems"], card["model"]
    intended = [f"{s['name']}: {s['intended_purpose']}" for s in systems if s["intended_purpose"]]
    if model["description"]:
        intended.insert(0, model["description"])
    users = [f"{s['name']} ({s['deployment_context']})" if s["deployment_context"] else s["name"] for s in systems]
    affected = [f"{s['name']}: {s['affected_persons']}" for s in systems if s["affected_persons"]]
    return {"intended": intended, "users": users, "affected": affected, "out_of_scope": _out_of_scope(card)}


def _out_of_scope(card: dict) -> list[str]:
    """Uses the inventory gives no ground for, each with the fact that rules it out."""
    model, systems = card["model"], card["systems"]
    out = []
    stage = model["lifecycle_stage"]
    if stage == LifecycleStage.RETIRED:
        out.append("Any new use: the model is retired.")
    elif stage != LifecycleStage.PRODUCTION:
        out.append(f"Production use: the model is at the {model['lifecycle_stage_label'].lower()} stage "
                   "and has not been released.")
    if systems and not any(s["automated_decisions"] for s in systems):
        out.append("Fully automated decisions about people: no AI system using this model is recorded as "
                   "making them, so that use has not been assessed.")
    if systems and not any(s["exposure"] == "public" for s in systems):
        out.append("Serving the public directly: every AI system using this model is internal or "
                   "partner-facing.")
    bases = sorted({d["legal_basis"] for d in card["datasets"]["training"]
                    if d["contains_personal_data"] and d["legal_basis"]})
    if bases:
        out.append(f"Purposes beyond the legal basis of its personal training data ({'; '.join(bases)}).")
    if model["third_party"] and model["license"]:
        out.append(f"Uses that its licence ({model['license']}) does not permit.")
    out.append("Any use other than by the AI systems listed on this card: it has not been assessed.")
    return out


def _ethical_notes(card: dict) -> list[dict]:
    """Considerations that follow from the data and the systems, besides the rated risks."""
    notes = []
    for dataset in card["datasets"]["training"] + card["datasets"]["other"]:
        if dataset["contains_personal_data"] or dataset["special_category_data"]:
            kind = ("special-category personal data (GDPR Art. 9)" if dataset["special_category_data"]
                    else "personal data")
            notes.append({"name": f"{dataset['name']} holds {kind}.",
                          "mitigation": f"Legal basis: {dataset['legal_basis']}." if dataset["legal_basis"]
                          else "No legal basis is recorded."})
    for system in card["systems"]:
        if system["automated_decisions"]:
            notes.append({"name": f"{system['name']} makes automated decisions about people.",
                          "mitigation": f"Human oversight: {system['human_oversight']}" if system["human_oversight"]
                          else "No human oversight is recorded."})
    return notes
