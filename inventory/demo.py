"""A small, realistic inventory across three teams, with lineage. Idempotent."""

from . import services
from .models import Asset, AssetRelation

DEMO_ASSETS = [
    # team, data
    ("Fraud Analytics", dict(kind="system", name="Card Fraud Screening", exposure="partner", automated_decisions=True,
        intended_purpose="Score card transactions for fraud before authorisation.", lifecycle_stage="production",
        criticality="high", data_classification="confidential", affected_persons="Card holders",
        human_oversight="Analysts review every blocked transaction above 500 EUR.", tags=["payments", "realtime"])),
    ("Fraud Analytics", dict(kind="model", name="fraud-gbm", model_type="classifier", framework="XGBoost",
        version="3.2.0", license="proprietary", lifecycle_stage="production", criticality="high",
        data_classification="confidential", registry_uri="models:/fraud-gbm/12")),
    ("Fraud Analytics", dict(kind="dataset", name="Card transactions 2024", source="Core banking ledger",
        provenance="Nightly export from the ledger, pseudonymised at source.", legal_basis="Legitimate interest (GDPR Art. 6(1)(f))",
        contains_personal_data=True, record_count=48_000_000, retention="7 years", lifecycle_stage="production",
        criticality="high", data_classification="restricted", tags=["pii"])),
    ("Fraud Analytics", dict(kind="infrastructure", name="Fraud scoring cluster", role="serving", provider="On-premises",
        region="eu-central", encrypted_at_rest=True, encrypted_in_transit=True, network_exposure="internal",
        lifecycle_stage="production", criticality="high")),
    ("Customer Experience", dict(kind="system", name="Support Assistant", exposure="public",
        intended_purpose="Answer customer questions about accounts and cards in the web chat.",
        affected_persons="Retail customers", lifecycle_stage="production", criticality="high",
        data_classification="confidential", human_oversight="Hand-over to an agent on request.", tags=["llm", "chat"])),
    ("Customer Experience", dict(kind="model", name="support-llm-ft", model_type="llm", framework="PyTorch",
        version="1.4", license="Apache-2.0", lifecycle_stage="production", criticality="high",
        registry_uri="models:/support-llm-ft/4")),
    ("Customer Experience", dict(kind="model", name="open-base-7b", model_type="llm", framework="PyTorch",
        version="7b-v0.3", third_party=True, gpai=True, license="Apache-2.0", lifecycle_stage="production",
        criticality="medium", data_classification="public")),
    ("Customer Experience", dict(kind="dataset", name="Support transcripts", source="Contact centre CRM",
        provenance="Chat transcripts 2022-2024, names and account numbers masked.", contains_personal_data=True,
        legal_basis="Contract (GDPR Art. 6(1)(b))", record_count=1_200_000, retention="3 years",
        lifecycle_stage="production", criticality="high", data_classification="restricted", tags=["pii"])),
    ("Customer Experience", dict(kind="infrastructure", name="Public inference gateway", role="serving",
        provider="Cloud", region="eu-west", encrypted_at_rest=True, encrypted_in_transit=True,
        network_exposure="public", lifecycle_stage="production", criticality="critical")),
    ("Customer Experience", dict(kind="model", name="product-recommender", model_type="recommender",
        framework="LightFM", version="0.9", lifecycle_stage="validation", criticality="low")),
    ("Credit Risk", dict(kind="system", name="Retail Credit Scoring", exposure="internal", automated_decisions=True,
        intended_purpose="Assess creditworthiness of retail loan applicants.", affected_persons="Loan applicants",
        lifecycle_stage="validation", criticality="critical", data_classification="restricted",
        human_oversight="Credit officers confirm every decline.", tags=["annex-iii"])),
    ("Credit Risk", dict(kind="model", name="credit-scorecard", model_type="classifier", framework="scikit-learn",
        version="2.1", lifecycle_stage="validation", criticality="critical")),
    ("Credit Risk", dict(kind="dataset", name="Loan applications", source="Loan origination system",
        provenance="Applications 2019-2024 with repayment outcomes.", contains_personal_data=True,
        special_category_data=False, legal_basis="Contract (GDPR Art. 6(1)(b))", record_count=310_000,
        retention="10 years", lifecycle_stage="production", criticality="critical", data_classification="restricted")),
    ("Credit Risk", dict(kind="infrastructure", name="Training notebooks", role="notebook", provider="Cloud",
        region="eu-west", encrypted_at_rest=False, encrypted_in_transit=True, network_exposure="internal",
        lifecycle_stage="development", criticality="medium")),
]

DEMO_RELATIONS = [
    ("fraud-gbm", "part_of", "Card Fraud Screening"),
    ("fraud-gbm", "trained_on", "Card transactions 2024"),
    ("fraud-gbm", "deployed_on", "Fraud scoring cluster"),
    ("support-llm-ft", "part_of", "Support Assistant"),
    ("support-llm-ft", "fine_tuned_from", "open-base-7b"),
    ("support-llm-ft", "trained_on", "Support transcripts"),
    ("Support Assistant", "deployed_on", "Public inference gateway"),
    ("credit-scorecard", "part_of", "Retail Credit Scoring"),
    ("credit-scorecard", "trained_on", "Loan applications"),
    ("Loan applications", "feeds", "Training notebooks"),
]

OWNERS = {"Fraud Analytics": "mia", "Customer Experience": "theo", "Credit Risk": "lena"}


def build(ctx: dict, log) -> None:
    teams, users = ctx["teams"], ctx["users"]
    by_name = {}
    for team_name, data in DEMO_ASSETS:
        team = teams[team_name]
        asset = Asset.objects.filter(team=team, kind=data["kind"], name=data["name"]).first()
        if asset is None:
            asset = services.create_asset(actor=None, data={**data, "team": team, "owner": users[OWNERS[team_name]]})
        by_name[asset.name] = asset
    for source, rel_type, target in DEMO_RELATIONS:
        if not AssetRelation.objects.filter(source=by_name[source], type=rel_type, target=by_name[target]).exists():
            services.create_relation(actor=None, source=by_name[source], type=rel_type, target=by_name[target])
    # The auditor may read the credit system; the CI integration may push evidence for two models.
    services.grant_asset_access(actor=None, asset=by_name["Retail Credit Scoring"], user=users["audrey"],
                                permission="view_asset")
    for name in ("fraud-gbm", "support-llm-ft"):
        services.grant_asset_access(actor=None, asset=by_name[name], user=users["ci-bot"], permission="add_evidence")
    ctx["assets"] = by_name
