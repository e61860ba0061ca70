"""The EU AI Act decision engine: realistic systems, the Art. 6(3) derogation, Art. 50 and validation.

Pure functions — no database.
"""

import pytest
from django.core.exceptions import ValidationError

from compliance.classification import (
    ANSWER_KEYS, DEFAULT_ANSWERS, QUESTIONS, Decision, classify, obligation_sort_key, validate_answers,
)

PROVIDER_HIGH_RISK = {"Art. 8", "Art. 9", "Art. 10", "Art. 11", "Art. 12", "Art. 13", "Art. 14", "Art. 15",
                      "Art. 16", "Art. 17", "Art. 18", "Art. 19", "Art. 20", "Art. 43", "Art. 47", "Art. 48",
                      "Art. 72", "Art. 73", "Annex IV"}


def decide(**answers) -> Decision:
    return classify(answers)


def text(decision: Decision) -> str:
    return " ".join(decision.reasons)


# --- realistic systems -----------------------------------------------------------------------------

def test_cv_screening_provider_is_high_risk_under_annex_iii_4():
    d = decide(role="provider", annex_iii_area="employment", profiles_natural_persons=True)
    assert d.tier == "high_risk"
    assert d.deciding_articles == ["Art. 6(2)", "Annex III(4)"]
    assert PROVIDER_HIGH_RISK <= set(d.obligations)
    assert {"Art. 4", "Art. 9", "Art. 10", "Art. 14", "Art. 49"} <= set(d.obligations)
    assert "Art. 27" not in d.obligations and "Art. 26" not in d.obligations
    assert "Art. 5" not in d.obligations and "Art. 50" not in d.obligations
    assert d.transparency is False and d.role == "provider"
    assert "employment" in text(d)


def test_credit_scoring_bank_as_deployer_needs_fria():
    d = decide(role="deployer", annex_iii_area="essential_services", profiles_natural_persons=True)
    assert d.tier == "high_risk"
    assert d.deciding_articles == ["Art. 6(2)", "Annex III(5)"]
    assert {"Art. 4", "Art. 26", "Art. 27", "Art. 73"} <= set(d.obligations)
    assert not {"Art. 9", "Art. 16", "Art. 43", "Annex IV"} & set(d.obligations)
    assert "5(b)" in text(d) and "assume" in text(d)


def test_emotion_recognition_at_work_is_prohibited():
    d = decide(role="deployer", prohibited_practice="emotion_recognition_workplace_education",
               emotion_recognition_or_biometric_categorisation=True, annex_iii_area="employment")
    assert d.tier == "prohibited"
    assert d.deciding_articles == ["Art. 5(1)(f)"]
    assert d.obligations == ["Art. 4", "Art. 5"]
    assert d.transparency is False


def test_social_scoring_is_prohibited():
    d = decide(role="provider", prohibited_practice="social_scoring", profiles_natural_persons=True)
    assert d.tier == "prohibited"
    assert d.deciding_articles == ["Art. 5(1)(c)"]
    assert d.obligations == ["Art. 4", "Art. 5"]


def test_customer_chatbot_is_limited_risk_with_art_50():
    d = decide(role="provider", interacts_with_natural_persons=True)
    assert d.tier == "limited"
    assert d.transparency is True
    assert d.deciding_articles == ["Art. 50(1)"]
    assert d.obligations == ["Art. 4", "Art. 50"]


def test_deepfake_generator_is_limited_with_art_50():
    d = decide(role="provider", generates_synthetic_content=True, deep_fake=True)
    assert d.tier == "limited"
    assert d.transparency is True
    assert d.deciding_articles == ["Art. 50(2)", "Art. 50(4)"]
    assert d.obligations == ["Art. 4", "Art. 50"]
    assert "deployer" in text(d)  # Art. 50(4) disclosure is the deployer's duty


def test_spam_filter_is_minimal_with_only_ai_literacy():
    d = decide(role="deployer")
    assert d.tier == "minimal"
    assert d.deciding_articles == []
    assert d.obligations == ["Art. 4"]
    assert d.transparency is False and d.gpai_model is False


def test_medical_device_component_is_high_risk_under_art_6_1():
    d = decide(role="provider", annex_i_safety_component=True)
    assert d.tier == "high_risk"
    assert d.deciding_articles == ["Art. 6(1)"]
    assert PROVIDER_HIGH_RISK <= set(d.obligations)
    # EU-database registration (Art. 49) covers Annex III systems only.
    assert "Art. 49" not in d.obligations
    assert "2 Aug 2027" in text(d)


def test_exam_proctoring_is_high_risk_education():
    d = decide(role="deployer", annex_iii_area="education", profiles_natural_persons=True)
    assert d.tier == "high_risk"
    assert d.deciding_articles == ["Art. 6(2)", "Annex III(3)"]
    assert {"Art. 26", "Art. 73"} <= set(d.obligations)
    assert "Art. 27" not in d.obligations
    assert "public" in text(d)  # the reasons say when Art. 27 would apply


def test_biometric_categorisation_of_sensitive_traits_is_prohibited():
    d = decide(role="provider", prohibited_practice="biometric_categorisation_sensitive",
               emotion_recognition_or_biometric_categorisation=True)
    assert d.tier == "prohibited"
    assert d.deciding_articles == ["Art. 5(1)(g)"]


def test_shop_recommender_is_minimal():
    d = decide(role="provider", profiles_natural_persons=True)
    assert d.tier == "minimal"
    assert d.obligations == ["Art. 4"]


def test_system_on_own_systemic_risk_gpai_model():
    d = decide(role="provider", gpai_model=True, gpai_systemic_risk=True, interacts_with_natural_persons=True,
               generates_synthetic_content=True)
    assert d.gpai_model is True and d.gpai_systemic_risk is True
    assert "Art. 51" in d.deciding_articles
    assert {"Art. 53", "Art. 55", "Art. 50", "Art. 4"} <= set(d.obligations)
    assert d.tier == "limited"  # the GPAI flags do not change the tier; Art. 50 does
    assert "Art. 54" not in d.obligations and "Art. 54" in text(d)


# --- more rules ----------------------------------------------------------------------------------

@pytest.mark.parametrize("practice, letter", [
    ("harmful_manipulation", "a"), ("exploiting_vulnerabilities", "b"), ("social_scoring", "c"),
    ("crime_risk_profiling", "d"), ("facial_image_scraping", "e"),
    ("emotion_recognition_workplace_education", "f"), ("biometric_categorisation_sensitive", "g"),
    ("realtime_remote_biometric_identification", "h"),
])
def test_every_prohibited_practice_names_its_letter_and_drops_high_risk_duties(practice, letter):
    d = decide(prohibited_practice=practice, annex_iii_area="law_enforcement", annex_i_safety_component=True,
               interacts_with_natural_persons=True)
    assert d.tier == "prohibited"
    assert d.deciding_articles == [f"Art. 5(1)({letter})"]
    assert d.obligations == ["Art. 4", "Art. 5"]


@pytest.mark.parametrize("area, number", [
    ("biometrics", 1), ("critical_infrastructure", 2), ("education", 3), ("employment", 4),
    ("essential_services", 5), ("law_enforcement", 6), ("migration_border", 7), ("justice_democracy", 8),
])
def test_annex_iii_point_numbers(area, number):
    d = decide(annex_iii_area=area)
    assert d.tier == "high_risk"
    assert d.deciding_articles == ["Art. 6(2)", f"Annex III({number})"]
    assert "Art. 49" in d.obligations


def test_derogation_is_ignored_when_the_system_profiles_people():
    d = decide(role="provider", annex_iii_area="employment", art_6_3_derogation="preparatory_task",
               profiles_natural_persons=True)
    assert d.tier == "high_risk"
    assert d.deciding_articles == ["Art. 6(2)", "Annex III(4)", "Art. 6(3)"]
    assert PROVIDER_HIGH_RISK <= set(d.obligations)
    assert "profiles natural persons" in text(d) and "always high-risk" in text(d)


def test_valid_derogation_takes_system_out_of_high_risk_with_documentation_and_registration():
    d = decide(role="provider", annex_iii_area="employment", art_6_3_derogation="narrow_procedural_task")
    assert d.tier == "minimal"
    assert d.deciding_articles == ["Annex III(4)", "Art. 6(3)"]
    assert d.obligations == ["Art. 4", "Art. 6", "Art. 49"]
    assert "Art. 6(4)" in text(d) and "Art. 49(2)" in text(d)


def test_valid_derogation_with_chatbot_is_limited():
    d = decide(role="provider", annex_iii_area="education", art_6_3_derogation="improves_prior_human_activity",
               interacts_with_natural_persons=True)
    assert d.tier == "limited"
    assert d.obligations == ["Art. 4", "Art. 6", "Art. 49", "Art. 50"]


def test_valid_derogation_for_a_deployer_points_to_the_provider():
    d = decide(role="deployer", annex_iii_area="employment", art_6_3_derogation="narrow_procedural_task")
    assert d.tier == "minimal"
    assert d.obligations == ["Art. 4"]
    assert "provider" in text(d)


def test_derogation_does_not_lift_the_annex_i_route():
    d = decide(role="provider", annex_i_safety_component=True, annex_iii_area="critical_infrastructure",
               art_6_3_derogation="narrow_procedural_task")
    assert d.tier == "high_risk"
    assert d.deciding_articles[0] == "Art. 6(1)"


def test_derogation_without_annex_iii_area_is_ignored():
    d = decide(art_6_3_derogation="narrow_procedural_task")
    assert d.tier == "minimal" and d.obligations == ["Art. 4"]
    assert "ignored" in text(d)


def test_high_risk_chatbot_keeps_high_risk_and_gets_art_50():
    d = decide(role="provider", annex_iii_area="essential_services", interacts_with_natural_persons=True)
    assert d.tier == "high_risk"
    assert d.transparency is True
    assert d.deciding_articles == ["Art. 6(2)", "Annex III(5)", "Art. 50(1)"]
    assert {"Art. 9", "Art. 14", "Art. 50"} <= set(d.obligations)


def test_transparency_duty_follows_the_role():
    # Art. 50(1) binds the provider: a deployer of a chatbot is in the limited tier but has no Art. 50 duty.
    d = decide(role="deployer", interacts_with_natural_persons=True)
    assert d.tier == "limited" and d.transparency is False
    assert d.deciding_articles == ["Art. 50(1)"] and d.obligations == ["Art. 4"]
    # Art. 50(3) and (4) bind the deployer.
    d = decide(role="deployer", emotion_recognition_or_biometric_categorisation=True, deep_fake=True)
    assert d.tier == "limited" and d.transparency is True
    assert d.deciding_articles == ["Art. 50(3)", "Art. 50(4)"]
    assert d.obligations == ["Art. 4", "Art. 50"]
    assert "Annex III point 1" in text(d)


def test_fria_for_public_authority_areas_but_not_critical_infrastructure():
    d = decide(role="deployer", annex_iii_area="law_enforcement")
    assert {"Art. 26", "Art. 27", "Art. 49", "Art. 73"} <= set(d.obligations)
    d = decide(role="deployer", annex_iii_area="critical_infrastructure")
    assert "Art. 27" not in d.obligations
    assert "point 2" in text(d)


def test_annex_i_deployer_has_no_fria():
    d = decide(role="deployer", annex_i_safety_component=True)
    assert d.tier == "high_risk"
    assert d.obligations == ["Art. 4", "Art. 26", "Art. 73"]


def test_gpai_model_without_systemic_risk_and_deployer_view():
    d = decide(role="provider", gpai_model=True)
    assert d.tier == "minimal" and d.obligations == ["Art. 4", "Art. 53"] and d.deciding_articles == []
    d = decide(role="deployer", gpai_model=True, gpai_systemic_risk=True)
    assert d.gpai_model and d.gpai_systemic_risk
    assert d.deciding_articles == ["Art. 51"]
    assert d.obligations == ["Art. 4"]


def test_systemic_risk_without_gpai_model_is_ignored():
    d = decide(role="provider", gpai_systemic_risk=True)
    assert d.gpai_systemic_risk is False and "Art. 55" not in d.obligations
    assert "ignored" in text(d)


def test_prohibited_gpai_provider_keeps_model_duties():
    d = decide(role="provider", prohibited_practice="harmful_manipulation", gpai_model=True)
    assert d.tier == "prohibited"
    assert d.obligations == ["Art. 4", "Art. 5", "Art. 53"]


def test_obligations_are_sorted_naturally_without_duplicates():
    d = decide(role="provider", annex_iii_area="employment", interacts_with_natural_persons=True,
               gpai_model=True, gpai_systemic_risk=True)
    assert d.obligations == sorted(set(d.obligations), key=obligation_sort_key)
    assert d.obligations[0] == "Art. 4" and d.obligations[-1] == "Annex IV"
    assert d.obligations.index("Art. 9") < d.obligations.index("Art. 10") < d.obligations.index("Art. 73")
    assert sorted(["Annex XI", "Annex IV", "Art. 100", "Art. 9"], key=obligation_sort_key) == [
        "Art. 9", "Art. 100", "Annex IV", "Annex XI"]


def test_deterministic_and_every_decision_has_reasons():
    answers = {"role": "deployer", "annex_iii_area": "migration_border", "deep_fake": True}
    assert classify(answers) == classify(dict(answers))
    assert all(classify({}).reasons)
    assert classify({}).as_dict()["tier"] == "minimal"


# --- validation ----------------------------------------------------------------------------------

def test_validate_answers_fills_defaults():
    assert validate_answers({}) == DEFAULT_ANSWERS
    assert validate_answers({"role": "deployer"})["role"] == "deployer"
    assert set(DEFAULT_ANSWERS) == set(ANSWER_KEYS)


def test_invalid_value_names_the_key_and_lists_allowed_values():
    with pytest.raises(ValidationError) as exc:
        classify({"annex_iii_area": "healthcare"})
    messages = exc.value.message_dict
    assert list(messages) == ["annex_iii_area"]
    assert "'healthcare'" in messages["annex_iii_area"][0]
    for value in ANSWER_KEYS["annex_iii_area"]:
        assert value in messages["annex_iii_area"][0]


def test_wrong_types_are_rejected():
    with pytest.raises(ValidationError) as exc:
        validate_answers({"deep_fake": "yes", "gpai_model": 1, "role": None, "prohibited_practice": 3})
    messages = exc.value.message_dict
    assert set(messages) == {"deep_fake", "gpai_model", "role", "prohibited_practice"}
    assert "true or false" in messages["deep_fake"][0]
    assert "provider" in messages["role"][0] and "deployer" in messages["role"][0]
    assert "social_scoring" in messages["prohibited_practice"][0]


def test_unknown_keys_are_rejected():
    with pytest.raises(ValidationError) as exc:
        classify({"role": "provider", "risk_level": "high"})
    messages = exc.value.message_dict
    assert list(messages) == ["risk_level"]
    assert "Unknown" in messages["risk_level"][0] and "annex_iii_area" in messages["risk_level"][0]


def test_non_dict_answers_are_rejected():
    with pytest.raises(ValidationError):
        validate_answers(["role", "provider"])


# --- questions for the browser -------------------------------------------------------------------

def test_questions_cover_every_key_once_with_valid_choices():
    assert [q["key"] for q in QUESTIONS] == list(dict.fromkeys(q["key"] for q in QUESTIONS))
    assert {q["key"] for q in QUESTIONS} == set(ANSWER_KEYS)
    for q in QUESTIONS:
        assert q["question"].endswith("?") and q["help"]
        allowed = ANSWER_KEYS[q["key"]]
        if allowed == (bool,):
            assert q["choices"] is None
        else:
            assert [value for value, _ in q["choices"]] == list(allowed)
        for key, value in q.get("show_if", {}).items():
            assert key in ANSWER_KEYS and validate_answers({key: value})
            assert [x["key"] for x in QUESTIONS].index(key) < QUESTIONS.index(q)
    assert QUESTIONS[0]["key"] == "role"
