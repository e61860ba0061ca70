"""A card as a CycloneDX 1.6 ML-BOM: the model as a ``machine-learning-model`` component carrying
``modelCard``, its datasets as ``data`` components referenced by bom-ref, and its base models.

Built from plain dicts and serialised with sorted keys; the serial number is derived from the
card's content hash, so the same card always gives the same bytes.
"""

import json
import uuid

from jsonschema import Draft7Validator

from .data import content_sha256, performance_metrics, spdx_license_id

SCHEMA = "http://cyclonedx.org/schema/bom-1.6.schema.json"
# Dataset flags written as CycloneDX sensitiveData entries.
SENSITIVE_DATA_FLAGS = (("contains_personal_data", "personal data"),
                        ("special_category_data", "special-category personal data (GDPR Art. 9)"))


def _is_iri_reference(text: str) -> bool:
    # The format check the CycloneDX validator applies to URLs; free-text URIs often fail it.
    return Draft7Validator.FORMAT_CHECKER.conforms(text, "iri-reference")


def _ref(kind: str, asset_id: int) -> str:
    return f"attest-{kind}-{asset_id}"


def _licenses(text: str) -> list[dict]:
    """An SPDX id where the text names one (the schema only accepts listed ids), else a named licence."""
    spdx_id = spdx_license_id(text)
    if spdx_id:
        return [{"license": {"id": spdx_id}}]
    return [{"license": {"name": text}}] if text else []


def _properties(pairs) -> list[dict]:
    """CycloneDX properties are strings; empty values are left out rather than written blank."""
    return [{"name": f"attest:{name}", "value": str(value)} for name, value in pairs if value not in ("", None)]


def _dataset_component(dataset: dict) -> dict:
    data = {"type": "dataset", "name": dataset["name"], "classification": dataset["data_classification_label"],
            "governance": {"owners": [{"organization": {"name": dataset["team"]}}]}}
    sensitive = [label for flag, label in SENSITIVE_DATA_FLAGS if dataset[flag]]
    if sensitive:
        data["sensitiveData"] = sensitive
    if dataset["description"]:
        data["description"] = dataset["description"]
    details = _properties([("source", dataset["source"]), ("provenance", dataset["provenance"]),
                           ("legal_basis", dataset["legal_basis"]), ("record_count", dataset["record_count"]),
                           ("retention", dataset["retention"]), ("third_party", str(dataset["third_party"]).lower()),
                           ("relation", dataset["link"])])
    if details:
        data["contents"] = {"properties": details}
    return {"type": "data", "bom-ref": _ref("dataset", dataset["id"]), "name": dataset["name"], "data": [data]}


def _base_model_component(base: dict) -> dict:
    component = {"type": "machine-learning-model", "bom-ref": _ref("model", base["id"]), "name": base["name"]}
    if base["version"]:
        component["version"] = base["version"]
    licenses = _licenses(base["license"])
    if licenses:
        component["licenses"] = licenses
    return component


def _considerations(card: dict) -> dict:
    uses = card["uses"]
    ethical = [{"name": r["title"], "mitigationStrategy": r["mitigation"]} for r in card["risks"]]
    ethical += [{"name": n["name"], "mitigationStrategy": n["mitigation"]} for n in card["ethical_notes"]]
    considerations = {
        "users": uses["users"],
        "useCases": uses["intended"] + [f"Out of scope: {u}" for u in uses["out_of_scope"]],
        "technicalLimitations": [f"{t['title']}: {t['reason']}" for t in card["threats"]],
        "ethicalConsiderations": ethical,
    }
    return {key: value for key, value in considerations.items() if value}


def _model_card(card: dict, datasets: list[dict]) -> dict:
    model = card["model"]
    parameters: dict = {"datasets": [{"ref": _ref("dataset", d["id"])} for d in datasets]}
    if model["task"]:
        parameters["task"] = model["task"]
    model_card = {"bom-ref": _ref("model-card", model["id"]), "modelParameters": parameters}
    metrics = [{"type": m["type"], "value": str(m["value"]), "slice": m["source"]} for m in performance_metrics(card)]
    if metrics:
        model_card["quantitativeAnalysis"] = {"performanceMetrics": metrics}
    considerations = _considerations(card)
    if considerations:
        model_card["considerations"] = considerations
    score = card["completeness"]
    model_card["properties"] = _properties(
        [("completeness_percent", score["score"])]
        + [("missing", f"{m['section']}: {m['item']}") for m in score["missing"]])
    return model_card


def _model_component(card: dict, datasets: list[dict]) -> dict:
    model = card["model"]
    component = {"type": "machine-learning-model", "bom-ref": _ref("model", model["id"]), "name": model["name"],
                 "group": model["team"]}
    if model["version"]:
        component["version"] = model["version"]
    if model["description"]:
        component["description"] = model["description"]
    licenses = _licenses(model["license"])
    if licenses:
        component["licenses"] = licenses
    if model["registry_uri"] and _is_iri_reference(model["registry_uri"]):
        component["externalReferences"] = [{"type": "distribution", "url": model["registry_uri"]}]
    if model["tags"]:
        component["tags"] = model["tags"]
    component["modelCard"] = _model_card(card, datasets)
    component["properties"] = _properties([
        ("model_type", model["model_type"]), ("lifecycle_stage", model["lifecycle_stage"]),
        ("third_party", str(model["third_party"]).lower()), ("gpai", str(model["gpai"]).lower()),
        ("framework", model["framework"]), ("owner", model["owner"]), ("criticality", model["criticality_label"]),
        ("registry_uri", model["registry_uri"]),
    ] + [("control", f"{c['code']} {c['status']}") for c in card["controls"]]
      + [("verified_signature", f"{s['source']} sha256:{s['sha256']}") for s in card["signatures"]]
      + [("compliance", f"{f['short_name']}: {f['implemented']}/{f['applicable']} requirements implemented")
         for f in card["compliance"]])
    return component


def card_bom(card: dict) -> dict:
    # A dataset linked twice (trained on and depends on) is one component: bom-refs are unique.
    datasets = list({d["id"]: d for d in card["datasets"]["training"] + card["datasets"]["other"]}.values())
    model_ref = _ref("model", card["model"]["id"])
    components = [_model_component(card, datasets)]
    components += [_dataset_component(d) for d in datasets]
    components += [_base_model_component(b) for b in card["base_models"]]
    depends_on = [c["bom-ref"] for c in components[1:]]
    serial = uuid.uuid5(uuid.NAMESPACE_URL, f"urn:attest:model-card:{content_sha256(card)}")
    return {
        "$schema": SCHEMA,
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": f"urn:uuid:{serial}",
        "version": 1,
        "metadata": {"tools": {"components": [{"type": "application", "name": "Attest"}]}},
        "components": components,
        "dependencies": [{"ref": model_ref, "dependsOn": depends_on}] + [{"ref": ref} for ref in depends_on],
    }


def card_cyclonedx_json(card: dict) -> str:
    return json.dumps(card_bom(card), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
