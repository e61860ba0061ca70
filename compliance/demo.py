"""Demo classifications and control implementations. Idempotent."""

from . import services
from .models import Classification, Control, ControlImplementation

BASE = {"prohibited_practice": "none", "annex_i_safety_component": False, "annex_iii_area": "none",
        "art_6_3_derogation": "none", "profiles_natural_persons": False, "interacts_with_natural_persons": False,
        "generates_synthetic_content": False, "emotion_recognition_or_biometric_categorisation": False,
        "deep_fake": False, "gpai_model": False, "gpai_systemic_risk": False}

DEMO_ANSWERS = {
    # Creditworthiness assessment is an Annex III area; the bank built the model, so it is the provider.
    "Retail Credit Scoring": {**BASE, "role": "provider", "annex_iii_area": "essential_services",
                              "profiles_natural_persons": True},
    # A customer chatbot on a general-purpose model it provides: Art. 50 transparency and Art. 53.
    "Support Assistant": {**BASE, "role": "provider", "interacts_with_natural_persons": True, "gpai_model": True},
    # Fraud detection is carved out of the credit-scoring area: minimal risk.
    "Card Fraud Screening": {**BASE, "role": "provider"},
}
CONFIRMED = {"Retail Credit Scoring", "Card Fraud Screening"}
IMPLEMENTED = {
    "fraud-gbm": ["implemented"] * 6 + ["in_progress"] * 2,
    "Card transactions 2024": ["implemented"] * 4 + ["planned"],
    "Retail Credit Scoring": ["implemented"] * 5 + ["in_progress", "planned", "planned"],
    "Support Assistant": ["implemented"] * 3 + ["in_progress"] * 3,
}


def build(ctx: dict, log) -> None:
    from .selectors import asset_checklist

    assets, users = ctx["assets"], ctx["users"]
    for name, answers in DEMO_ANSWERS.items():
        asset = assets[name]
        if not Classification.objects.filter(asset=asset).exists():
            services.classify_system(actor=users["mia"] if name == "Card Fraud Screening" else None,
                                     asset=asset, answers=answers)
            if name in CONFIRMED:
                services.confirm_classification(actor=users["grace"], asset=asset)
    if not Control.objects.exists():
        return  # catalogs not loaded: run attest_seed first
    for name, statuses in IMPLEMENTED.items():
        asset = assets[name]
        if ControlImplementation.objects.filter(asset=asset).exists():
            continue
        for row, status in zip(asset_checklist(asset=asset), statuses):
            services.set_implementation(actor=None, asset=asset, control=row["control"], status=status,
                                        owner=asset.owner)
