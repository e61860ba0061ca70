import pytest

from compliance.seed import load_catalogs


@pytest.fixture
def catalogs(db):
    load_catalogs(log=lambda *_: None)


@pytest.fixture
def cworld(world, catalogs):
    """The two-team world with the framework catalogs and control library loaded."""
    return world


HIGH_RISK_PROVIDER = {
    "role": "provider", "prohibited_practice": "none", "annex_i_safety_component": False,
    "annex_iii_area": "employment", "art_6_3_derogation": "none", "profiles_natural_persons": True,
    "interacts_with_natural_persons": False, "generates_synthetic_content": False,
    "emotion_recognition_or_biometric_categorisation": False, "deep_fake": False,
    "gpai_model": False, "gpai_systemic_risk": False,
}
MINIMAL = {**HIGH_RISK_PROVIDER, "annex_iii_area": "none", "profiles_natural_persons": False}
