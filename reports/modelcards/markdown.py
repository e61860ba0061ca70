"""A card as a Hugging Face README: YAML metadata between ``---`` lines, then Markdown sections."""

import re

import yaml

from .completeness import SECTIONS
from .data import performance_metrics

# Hub pipeline tags, only where the model type settles the task whatever the data's modality.
PIPELINE_TAGS = {"llm": "text-generation", "generative_image": "text-to-image"}


def card_markdown(card: dict) -> str:
    front = yaml.safe_dump(hub_metadata(card), sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{front}---\n\n{_body(card)}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unnamed"


def hub_metadata(card: dict) -> dict:
    model = card["model"]
    meta: dict = {}
    if model["license_spdx"]:
        meta["license"] = model["license_spdx"].lower()  # the Hub's licence ids are lower-case
    elif model["license"]:
        meta["license"] = "other"
        meta["license_name"] = model["license"]
    if model["framework"]:
        meta["library_name"] = _slug(model["framework"])
    tags = ["attest", model["model_type"] or "other"] + model["tags"] + (["gpai"] if model["gpai"] else [])
    meta["tags"] = list(dict.fromkeys(tags))
    if card["base_models"]:
        meta["base_model"] = [b["name"] for b in card["base_models"]]
    datasets = card["datasets"]["training"] + card["datasets"]["other"]
    if datasets:
        meta["datasets"] = list(dict.fromkeys(d["name"] for d in datasets))
    metrics = performance_metrics(card)
    if metrics:
        meta["metrics"] = list(dict.fromkeys(m["type"] for m in metrics))
    if model["model_type"] in PIPELINE_TAGS:
        meta["pipeline_tag"] = PIPELINE_TAGS[model["model_type"]]
    if metrics:
        meta["model-index"] = [{"name": model["name"], "results": _results(card, metrics)}]
    return meta


def _results(card: dict, metrics: list[dict]) -> list[dict]:
    """One model-index result per evidence item, named after the evidence it was read from."""
    task = {"type": card["model"]["task"] or "other", "name": card["model"]["model_type_label"]}
    by_source: dict[int, dict] = {}
    for metric in metrics:
        result = by_source.setdefault(metric["evidence_id"], {
            "task": dict(task),  # a copy per result: a shared dict would be dumped as a YAML anchor
            "dataset": {"type": _slug(metric["source"]), "name": metric["source"]},
            "metrics": [],
            "source": {"name": f"Attest evidence #{metric['evidence_id']}, collected {metric['collected']}"},
        })
        result["metrics"].append({"type": metric["type"], "value": metric["value"], "name": metric["name"]})
    return list(by_source.values())


# --- body ------------------------------------------------------------------------------------

def _text(value) -> str:
    """One line of Markdown from free text: runs of white space (new lines too) become one space,
    and "<" is escaped so text typed into the inventory cannot become HTML where the card is shown."""
    return " ".join(str(value).split()).replace("<", "&lt;")


def _cell(value) -> str:
    return _text(value).replace("|", "\\|") or "—"


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _bullets(items: list[str], empty: str) -> list[str]:
    return [f"- {_text(i)}" for i in items] if items else [f"_{empty}_"]


def _missing(card: dict, key: str) -> list[str]:
    gaps = card["completeness"]["by_section"][key]
    return [f"> **Missing:** {_text(g['item'])}. {_text(g['hint'])}" for g in gaps] + ([""] if gaps else [])


def _details(card: dict) -> list[str]:
    m = card["model"]
    rows = [("Name", m["name"]), ("Version", m["version"]), ("Model type", m["model_type_label"]),
            ("Framework", m["framework"]), ("Licence", m["license"]), ("Third party", _yes(m["third_party"])),
            ("General-purpose AI model", _yes(m["gpai"])), ("Registry URI", m["registry_uri"]),
            ("Owner", m["owner"]), ("Team", m["team"]), ("Lifecycle stage", m["lifecycle_stage_label"]),
            ("Criticality", m["criticality_label"])]
    rows += [("Fine-tuned from", f"{b['name']} {b['version']}".strip()) for b in card["base_models"]]
    rows += [("Deployed on", f"{d['name']} ({d['role_label']})") for d in card["deployments"]]
    lines = ["| Field | Value |", "| --- | --- |"] + [f"| {k} | {_cell(v)} |" for k, v in rows]
    if m["description"]:
        lines += ["", _text(m["description"])]
    return lines


def _uses(card: dict) -> list[str]:
    uses = card["uses"]
    return (["### Primary intended uses", ""] + _bullets(uses["intended"], "No intended use is recorded.")
            + ["", "### Intended users", ""] + _bullets(uses["users"], "No AI system using the model is recorded.")
            + ["", "### Affected persons", ""] + _bullets(uses["affected"], "No affected persons are recorded.")
            + ["", "### Out-of-scope uses", ""] + _bullets(uses["out_of_scope"], ""))


def _dataset_lines(datasets: list[dict], empty: str) -> list[str]:
    if not datasets:
        return [f"_{empty}_"]
    lines = ["| Dataset | Link | Source | Provenance | Legal basis | Personal data | Special category |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    lines += [f"| {_cell(d['name'])} | {_cell(d['link'])} | {_cell(d['source'])} | {_cell(d['provenance'])} | "
              f"{_cell(d['legal_basis'])} | {_yes(d['contains_personal_data'])} | {_yes(d['special_category_data'])} |"
              for d in datasets]
    return lines


def _data(card: dict) -> list[str]:
    return (["### Training data", ""] + _dataset_lines(card["datasets"]["training"], "No training dataset is linked.")
            + ["", "### Other linked data", ""]
            + _dataset_lines(card["datasets"]["other"], "No other dataset is linked."))


def _metrics(card: dict) -> list[str]:
    metrics = performance_metrics(card)
    lines = ["### Performance metrics", ""]
    if metrics:
        lines += ["| Metric | Value | Source | Collected |", "| --- | --- | --- | --- |"]
        lines += [f"| {_cell(m['name'])} | {m['value']} | {_cell(m['source'])} | {m['collected']} |" for m in metrics]
    else:
        lines.append("_No metric evidence._")
    lines += ["", "### Test reports", ""]
    lines += _bullets([f"{r['source']} ({r['collected']}): {r['passed']} of {r['tests']} tests passed, "
                       f"{r['failures']} failed, {r['errors']} errors, {r['skipped']} skipped"
                       for r in card["test_reports"]], "No test report.")
    return lines


def _considerations(card: dict) -> list[str]:
    lines = ["### Technical limitations", ""]
    lines += _bullets([f"{t['title']}: {t['reason']}" for t in card["threats"]], "No threat model yet.")
    lines += ["", "### Ethical considerations and risks", ""]
    lines += _bullets([f"{r['title']} (residual {r['residual_level']}, {r['residual']}): {r['mitigation']}"
                       for r in card["risks"]] + [f"{n['name']} {n['mitigation']}" for n in card["ethical_notes"]],
                      "No rated risk.")
    if card["dismissed_threats"]:
        lines += ["", "### Threats considered not applicable", ""]
        lines += _bullets([f"{t['title']}: {t['reason']}" for t in card["dismissed_threats"]], "")
    return lines


def _security(card: dict) -> list[str]:
    lines = ["### Controls", ""]
    lines += _bullets([f"{c['code']} {c['title']}: {c['status_label'].lower()}"
                       + (", evidenced" if c["evidenced"] else "") for c in card["controls"]], "No control recorded.")
    lines += ["", "### Verified signatures and attestations", ""]
    lines += _bullets([f"{s['kind_label']} “{s['source']}” ({s['collected']}), SHA-256 {s['sha256']}: {s['detail']}"
                       for s in card["signatures"]], "No verified signature.")
    if card["failed_signatures"]:
        lines += ["", f"**Warning:** {card['failed_signatures']} signature(s) failed verification."]
    for report in card["scan_reports"]:
        levels = ", ".join(f"{n} {level}" for level, n in report["by_level"].items() if n)
        lines += ["", f"- Scan “{_text(report['source'])}” ({report['collected']}): {report['results']} finding(s)"
                      + (f" ({levels})" if levels else "")]
    return lines


def _compliance(card: dict) -> list[str]:
    if not card["compliance"]:
        return ["_No framework requirement applies._"]
    lines = ["| Framework | Applicable | Implemented | Evidenced | Gaps |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {_cell(f['framework'])} | {f['applicable']} | {f['implemented']} | {f['evidenced']} | {f['gaps']} |"
              for f in card["compliance"]]
    return lines


RENDERERS = {"details": _details, "uses": _uses, "data": _data, "metrics": _metrics,
             "considerations": _considerations, "security": _security, "compliance": _compliance}


def _body(card: dict) -> str:
    score = card["completeness"]
    lines = [f"# Model card: {_text(card['model']['name'])}", "",
             f"Completeness: **{score['score']}%** ({score['present']} of {score['expected']} expected items present).",
             ""]
    for key, title in SECTIONS:
        lines += [f"## {title}", ""] + _missing(card, key) + RENDERERS[key](card) + [""]
    return "\n".join(lines)
