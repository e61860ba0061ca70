"""How complete a card is: the fields and sections a reviewer expects, which are present, and how
to fill the ones that are not. A gap is reported, never left as a blank on the card."""

from dataclasses import dataclass

# The card's sections, in order, with their headings (after Mitchell et al., "Model Cards for Model
# Reporting", and the Hugging Face card template).
SECTIONS = [
    ("details", "Model details"),
    ("uses", "Intended use"),
    ("data", "Training and evaluation data"),
    ("metrics", "Metrics and evaluation results"),
    ("considerations", "Limitations and ethical considerations"),
    ("security", "Security"),
    ("compliance", "Compliance status"),
]


# Model fields a card needs filled: (field, label, how to fill it).
DETAIL_FIELDS = [
    ("version", "Version", "Set the model's version on the asset."),
    ("framework", "Framework", "Name the framework or library the model is built with."),
    ("license", "Licence", "Record the model's licence (an SPDX id where there is one)."),
    ("owner", "Owner", "Give the asset an owner to contact about the model."),
    ("description", "Description", "Describe what the model does and how it was built."),
    ("registry_uri", "Registry URI", "Record where the model artefact is stored."),
]


@dataclass(frozen=True)
class Check:
    section: str
    item: str
    present: bool
    hint: str


def _checks(card: dict) -> list[Check]:
    model, systems = card["model"], card["systems"]
    datasets = card["datasets"]["training"] + card["datasets"]["other"]
    personal = [d for d in datasets if d["contains_personal_data"] or d["special_category_data"]]
    checks = [Check("details", label, bool(model[field]), hint) for field, label, hint in DETAIL_FIELDS]
    checks += [
        Check("uses", "AI system using the model", bool(systems),
              "Link the model to the AI systems that use it (the model is part of a system)."),
        Check("uses", "Intended purpose", any(s["intended_purpose"] for s in systems),
              "State the intended purpose on the AI systems that use the model."),
        Check("uses", "Affected persons", any(s["affected_persons"] for s in systems),
              "Record who is affected by the AI systems that use the model."),
        Check("uses", "Deployment context", any(s["deployment_context"] for s in systems),
              "Describe where and by whom the AI systems that use the model are operated."),
        Check("data", "Training data", bool(card["datasets"]["training"]),
              "Link the datasets the model was trained on (model trained on dataset)."),
        Check("data", "Provenance of every dataset", bool(datasets) and all(d["provenance"] for d in datasets),
              "Record the provenance of each linked dataset."),
        Check("metrics", "Performance metrics", bool(card["metrics"]) or any(
            r["pass_rate"] is not None for r in card["test_reports"]),
              "Push metric evidence (a JSON object of metric name to number) for the model."),
        Check("metrics", "Test report", bool(card["test_reports"]),
              "Push a JUnit test report for the model as evidence."),
        Check("considerations", "Threat model", bool(card["threats"]),
              "Generate the model's threat model from the inventory."),
        Check("considerations", "Rated risks", bool(card["risks"]),
              "Rate the risks of the model's applicable threats."),
        Check("security", "Implemented controls", any(c["status"] == "implemented" for c in card["controls"]),
              "Record the controls implemented on the model."),
        Check("security", "Verified signature or attestation", bool(card["signatures"]),
              "Push a model signature or attestation checked against a trusted key."),
        Check("compliance", "Applicable requirements assessed", bool(card["compliance"]),
              "Load the framework catalogues (manage.py attest_seed) so requirements can be assessed."),
    ]
    # Expected only where it applies: a legal basis matters for personal data alone.
    if personal:
        checks.append(Check("data", "Legal basis for personal data", all(d["legal_basis"] for d in personal),
                            "Record the GDPR legal basis of each dataset that holds personal data."))
    return checks


def assess(card: dict) -> dict:
    checks = _checks(card)
    missing = [{"section": c.section, "item": c.item, "hint": c.hint} for c in checks if not c.present]
    present = len(checks) - len(missing)
    by_section = {key: [m for m in missing if m["section"] == key] for key, _ in SECTIONS}
    return {"score": round(100 * present / len(checks)), "present": present, "expected": len(checks),
            "missing": missing, "by_section": by_section}
