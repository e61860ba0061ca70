"""EU AI Act (Regulation (EU) 2024/1689) classification — a pure, deterministic decision engine.

The engine turns a small set of answers about one AI system into a :class:`Decision`: the risk
tier, the role, the GPAI flags, the provisions that decided the tier, plain-language reasons and
the obligation codes (as the requirement catalog writes them: ``"Art. 9"``, ``"Annex IV"``).

No database access and no clock: the same answers always give the same decision. The rules follow
``/work/shared/reference/standards.md`` §1 (risk tiers §1.4, obligations §1.5–1.10, timeline
§1.13). Interpretations the reference leaves open are marked ``Interpretation:`` below.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from compliance.choices import Tier

PROVIDER = "provider"
DEPLOYER = "deployer"
NONE = "none"

# --- Answer vocabularies -------------------------------------------------------------------------

ROLE_CHOICES = [
    (PROVIDER, "Provider — we develop it (or have it developed) and offer or use it under our own name"),
    (DEPLOYER, "Deployer — we use a system provided by someone else, under our own authority"),
]

# value -> (Art. 5(1) point letter, label)
PROHIBITED_PRACTICES = {
    "harmful_manipulation": (
        "a", "Subliminal, manipulative or deceptive techniques that distort behaviour and cause significant harm"),
    "exploiting_vulnerabilities": (
        "b", "Exploiting vulnerabilities due to age, disability or a social or economic situation"),
    "social_scoring": (
        "c", "Social scoring that leads to unjustified or unrelated detrimental treatment"),
    "crime_risk_profiling": (
        "d", "Predicting a person's risk of committing a crime based solely on profiling or personality traits"),
    "facial_image_scraping": (
        "e", "Building facial-recognition databases by untargeted scraping of the internet or CCTV footage"),
    "emotion_recognition_workplace_education": (
        "f", "Emotion recognition in the workplace or in education (not for medical or safety reasons)"),
    "biometric_categorisation_sensitive": (
        "g", "Biometric categorisation to infer race, political opinions, trade-union membership, religious or "
             "philosophical beliefs, sex life or sexual orientation"),
    "realtime_remote_biometric_identification": (
        "h", "Real-time remote biometric identification in publicly accessible spaces for law enforcement, "
             "outside the strictly necessary exceptions"),
}

# value -> (Annex III point number, label)
ANNEX_III_AREAS = {
    "biometrics": (1, "Biometrics — remote identification, categorisation by sensitive traits, emotion recognition"),
    "critical_infrastructure": (
        2, "Critical infrastructure — safety components for digital infrastructure, road traffic, water, gas, "
           "heating or electricity"),
    "education": (3, "Education — admission, grading, level assessment, exam proctoring"),
    "employment": (4, "Employment — recruitment, CV filtering, promotion, termination, task allocation, "
                      "performance monitoring"),
    "essential_services": (5, "Essential services — public benefits, credit scoring, life or health insurance "
                              "pricing, emergency calls and triage"),
    "law_enforcement": (6, "Law enforcement — victim risk, polygraphs, evidence reliability, re-offending risk, "
                           "profiling in investigations"),
    "migration_border": (7, "Migration, asylum and border control — risk assessment, application examination, "
                            "identification of persons"),
    "justice_democracy": (8, "Justice and democracy — assisting judicial authorities, influencing elections or "
                             "voting behaviour"),
}

# value -> (Art. 6(3) point letter, label)
DEROGATIONS = {
    "narrow_procedural_task": ("a", "It only performs a narrow procedural task"),
    "improves_prior_human_activity": ("b", "It only improves the result of a previously completed human activity"),
    "detects_decision_patterns": (
        "c", "It only detects decision-making patterns or deviations, without replacing or influencing the prior "
             "human assessment absent proper human review"),
    "preparatory_task": ("d", "It only performs a preparatory task to an assessment relevant to an Annex III use"),
}

BOOLEAN_KEYS = (
    "annex_i_safety_component",
    "profiles_natural_persons",
    "interacts_with_natural_persons",
    "generates_synthetic_content",
    "emotion_recognition_or_biometric_categorisation",
    "deep_fake",
    "gpai_model",
    "gpai_systemic_risk",
)

ANSWER_KEYS: dict[str, tuple] = {
    "role": (PROVIDER, DEPLOYER),
    "prohibited_practice": (NONE, *PROHIBITED_PRACTICES),
    "annex_i_safety_component": (bool,),
    "annex_iii_area": (NONE, *ANNEX_III_AREAS),
    "art_6_3_derogation": (NONE, *DEROGATIONS),
    "profiles_natural_persons": (bool,),
    "interacts_with_natural_persons": (bool,),
    "generates_synthetic_content": (bool,),
    "emotion_recognition_or_biometric_categorisation": (bool,),
    "deep_fake": (bool,),
    "gpai_model": (bool,),
    "gpai_systemic_risk": (bool,),
}

DEFAULT_ANSWERS: dict = {
    "role": PROVIDER,
    "prohibited_practice": NONE,
    "annex_i_safety_component": False,
    "annex_iii_area": NONE,
    "art_6_3_derogation": NONE,
    "profiles_natural_persons": False,
    "interacts_with_natural_persons": False,
    "generates_synthetic_content": False,
    "emotion_recognition_or_biometric_categorisation": False,
    "deep_fake": False,
    "gpai_model": False,
    "gpai_systemic_risk": False,
}

QUESTIONS: list[dict] = [
    {
        "key": "role",
        "question": "Is your organisation the provider or a deployer of this AI system?",
        "help": "The provider develops the system (or has it developed) and places it on the market or puts it into "
                "service under its own name (Art. 3(3)); a deployer uses it under its own authority (Art. 3(4)). "
                "A deployer that rebrands, substantially modifies or repurposes a high-risk system becomes its "
                "provider (Art. 25).",
        "choices": ROLE_CHOICES,
    },
    {
        "key": "prohibited_practice",
        "question": "Does the system carry out any of the practices banned by Art. 5?",
        "help": "Answer 'none' where a listed exception applies: emotion recognition for medical or safety reasons, "
                "labelling of lawfully acquired biometric datasets, or real-time identification that is strictly "
                "necessary for an Art. 5(1)(h) objective and authorised (then choose 'Biometrics' below).",
        "choices": [(NONE, "None of these")]
                   + [(value, f"{label} — Art. 5(1)({letter})")
                      for value, (letter, label) in PROHIBITED_PRACTICES.items()],
    },
    {
        "key": "annex_i_safety_component",
        "question": "Is the system a product, or a safety component of a product, covered by the EU product "
                    "legislation in Annex I that needs a third-party conformity assessment?",
        "help": "For example medical or in vitro diagnostic devices, machinery, toys, lifts, radio equipment, "
                "vehicles or civil aviation. Answer no if that product's conformity assessment involves no "
                "notified body (Art. 6(1)).",
        "choices": None,
    },
    {
        "key": "annex_iii_area",
        "question": "Is the system intended for one of the high-risk uses listed in Annex III?",
        "help": "Pick the area of its intended purpose; Annex III names specific use cases in each area, for example "
                "CV filtering under employment or credit scoring under essential services. Choose 'none' if no "
                "listed use case fits.",
        "choices": [(NONE, "None of these")]
                   + [(value, f"{number}. {label}") for value, (number, label) in ANNEX_III_AREAS.items()],
    },
    {
        "key": "profiles_natural_persons",
        "question": "Does the system profile people?",
        "help": "Profiling means automatically evaluating personal aspects of someone, such as work performance, "
                "economic situation, health, preferences, reliability, behaviour, location or movements (GDPR "
                "Art. 4(4)). An Annex III system that profiles people is always high-risk.",
        "choices": None,
    },
    {
        "key": "art_6_3_derogation",
        "question": "Does the Annex III system do no more than one of these limited tasks, so that it poses no "
                    "significant risk of harm?",
        "help": "Only relevant if you chose an Annex III area (Art. 6(3)). The provider must document this assessment "
                "before placing the system on the market and register the system (Art. 6(4), Art. 49(2)).",
        "choices": [(NONE, "No — it does more than that, or no Annex III area applies")]
                   + [(value, f"{label} — Art. 6(3)({letter})") for value, (letter, label) in DEROGATIONS.items()],
        "show_if": {"profiles_natural_persons": False},
    },
    {
        "key": "interacts_with_natural_persons",
        "question": "Does the system interact directly with people, for example as a chatbot or voice assistant?",
        "help": "Its provider must design it so that people are told they are dealing with an AI system, unless that "
                "is obvious from the context (Art. 50(1)).",
        "choices": None,
    },
    {
        "key": "generates_synthetic_content",
        "question": "Does the system generate synthetic audio, images, video or text?",
        "help": "Its provider must mark the outputs in a machine-readable format so that they can be detected as "
                "artificially generated or manipulated (Art. 50(2)).",
        "choices": None,
    },
    {
        "key": "emotion_recognition_or_biometric_categorisation",
        "question": "Is the system used to recognise people's emotions or to sort people into categories from "
                    "biometric data?",
        "help": "The deployer must inform the people exposed to it (Art. 50(3)). Emotion recognition and "
                "categorisation by sensitive or protected traits are also Annex III point 1 uses, so choose "
                "'Biometrics' above if that fits.",
        "choices": None,
    },
    {
        "key": "deep_fake",
        "question": "Is the system used to produce deep fakes, or AI-generated text published to inform the public on "
                    "matters of public interest?",
        "help": "The deployer must disclose that the content is artificially generated or manipulated (Art. 50(4)). "
                "Evidently artistic or satirical works need only a light disclosure, and text under human editorial "
                "responsibility needs none.",
        "choices": None,
    },
    {
        "key": "gpai_model",
        "question": "Is the system a general-purpose AI model, or built on one?",
        "help": "A general-purpose AI model, such as a large language model, can competently perform a wide range of "
                "distinct tasks (Art. 3(63)). As a provider, answer yes only if your organisation provides the model "
                "itself: if you build on another company's model, the model duties (Art. 53–55) stay with that "
                "company.",
        "choices": None,
    },
    {
        "key": "gpai_systemic_risk",
        "question": "Does that general-purpose AI model have systemic risk?",
        "help": "A model is presumed to have systemic risk when its cumulative training compute exceeds 10^25 FLOPs, "
                "or when the Commission designates it (Art. 51). Its provider must notify the Commission within two "
                "weeks of meeting the threshold (Art. 52).",
        "choices": None,
        "show_if": {"gpai_model": True},
    },
]

# Art. 50 paragraphs: (paragraph, answer key, the role that carries the duty, what the duty is)
TRANSPARENCY_DUTIES = (
    (1, "interacts_with_natural_persons", PROVIDER,
     "the system interacts directly with people, so its provider must make sure they are told they are dealing "
     "with an AI system"),
    (2, "generates_synthetic_content", PROVIDER,
     "the system generates synthetic audio, image, video or text, so its provider must mark the outputs as "
     "artificially generated in a machine-readable, detectable way"),
    (3, "emotion_recognition_or_biometric_categorisation", DEPLOYER,
     "the system recognises emotions or categorises people biometrically, so its deployer must inform the people "
     "exposed to it"),
    (4, "deep_fake", DEPLOYER,
     "the system produces deep fakes or AI-generated public-interest text, so its deployer must disclose that the "
     "content is artificially generated or manipulated"),
)

# High-risk requirements (Chapter III Section 2) and provider obligations (Section 3, Art. 43–48, 72–73).
# Art. 49 is added separately: registration covers Annex III systems only (Art. 49(1), (2), (5)).
HIGH_RISK_PROVIDER_OBLIGATIONS = (
    "Art. 8", "Art. 9", "Art. 10", "Art. 11", "Art. 12", "Art. 13", "Art. 14", "Art. 15",
    "Art. 16", "Art. 17", "Art. 18", "Art. 19", "Art. 20", "Art. 21",
    "Art. 43", "Art. 47", "Art. 48", "Art. 72", "Art. 73", "Annex IV",
)
# Art. 26, plus Art. 73 because Art. 26(5) applies it mutatis mutandis when the deployer cannot reach the provider.
HIGH_RISK_DEPLOYER_OBLIGATIONS = ("Art. 26", "Art. 73")

# Annex III points whose use cases are, by their wording, used by or on behalf of public authorities
# (6: law enforcement authorities; 7: competent public authorities), so the deployer is a public body or acts
# for one: FRIA (Art. 27(1)) and registration of the use (Art. 49(3)) apply.
PUBLIC_AUTHORITY_AREAS = (6, 7)
# Annex III point 5: FRIA applies to 5(b) credit scoring and 5(c) life/health insurance for every deployer, and to
# 5(a) public benefits and 5(d) emergency services because those deployers are public bodies or provide public
# services. We do not ask which sub-point, so Art. 27 is applied to every point-5 deployer.
FRIA_AREAS = (5, *PUBLIC_AUTHORITY_AREAS)


# --- Validation ----------------------------------------------------------------------------------

def _describe(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return f"'{value}'"
    return repr(value)


def validate_answers(answers: dict) -> dict:
    """Return ``DEFAULT_ANSWERS`` updated with ``answers``.

    Raises ``ValidationError({key: [message]})`` for unknown keys, wrong types and values outside the
    allowed set; every message says what would be accepted.
    """
    if not isinstance(answers, dict):
        raise ValidationError({NON_FIELD_ERRORS: [
            f"Answers must be an object mapping question keys to values, not {type(answers).__name__}. "
            f"Allowed keys: {', '.join(ANSWER_KEYS)}."]})
    errors: dict[str, list[str]] = {}
    for key, value in answers.items():
        allowed = ANSWER_KEYS.get(key)
        if allowed is None:
            errors[str(key)] = [f"Unknown question {_describe(key)}. Allowed keys: {', '.join(ANSWER_KEYS)}."]
        elif allowed == (bool,):
            if type(value) is not bool:
                errors[key] = [f"Must be true or false, not {_describe(value)}."]
        elif not isinstance(value, str):
            errors[key] = [f"Must be one of these text values: {', '.join(allowed)} — not {_describe(value)}."]
        elif value not in allowed:
            errors[key] = [f"{_describe(value)} is not an allowed value. Allowed values: {', '.join(allowed)}."]
    if errors:
        raise ValidationError(errors)
    return {**DEFAULT_ANSWERS, **answers}


# --- Decision ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Decision:
    tier: str                       # "prohibited" | "high_risk" | "limited" | "minimal"
    role: str                       # "provider" | "deployer"
    gpai_model: bool
    gpai_systemic_risk: bool
    transparency: bool              # Art. 50 duties apply to this role (in addition to any tier)
    deciding_articles: list[str]    # provisions that decided the tier, plus Art. 50(x) and Art. 51 where relevant
    reasons: list[str]              # plain sentences naming the answers that decided it
    obligations: list[str]          # requirement codes as the catalog writes them, in natural order

    def as_dict(self) -> dict:
        return asdict(self)


_CODE = re.compile(r"^(Art\.|Annex)\s*([0-9]+|[IVXLC]+)\b(.*)$")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(text: str) -> int:
    total = 0
    for i, char in enumerate(text):
        value = _ROMAN[char]
        total += -value if i + 1 < len(text) and _ROMAN[text[i + 1]] > value else value
    return total


def obligation_sort_key(code: str) -> tuple:
    """Natural order: Art. 4 < Art. 9 < Art. 10 < … < Art. 73 < Annex IV < Annex XI."""
    match = _CODE.match(code)
    if not match:
        return (2, 0, code)
    kind, number, rest = match.groups()
    if kind == "Art.":
        return (0, int(number), rest) if number.isdigit() else (2, 0, code)
    return (1, int(number) if number.isdigit() else _roman(number), rest)


def _sorted_codes(codes) -> list[str]:
    return sorted(set(codes), key=obligation_sort_key)


def _area_name(area: str) -> str:
    number, label = ANNEX_III_AREAS[area]
    return f"{label.split(' — ')[0].lower()} (Annex III point {number})"


def classify(answers: dict) -> Decision:
    """Classify one AI system. Validates the answers first (see :func:`validate_answers`)."""
    a = validate_answers(answers)
    role = a["role"]
    deciding: list[str] = []
    reasons: list[str] = []
    obligations: set[str] = {"Art. 4"}
    transparency = False

    gpai_model = a["gpai_model"]
    gpai_systemic = gpai_model and a["gpai_systemic_risk"]
    if a["gpai_systemic_risk"] and not gpai_model:
        reasons.append("The systemic-risk answer was ignored because you answered that the system is not a "
                       "general-purpose AI model nor built on one; systemic risk is a property of such models "
                       "(Art. 51).")

    practice = a["prohibited_practice"]
    if practice != NONE:
        letter, label = PROHIBITED_PRACTICES[practice]
        tier = Tier.PROHIBITED.value
        deciding.append(f"Art. 5(1)({letter})")
        obligations.add("Art. 5")
        reasons.append(f"You answered that the system carries out a prohibited practice: {label.lower()}. "
                       f"Art. 5(1)({letter}) bans placing it on the market, putting it into service and using it, "
                       f"so it must stop; no high-risk or transparency duties are assessed for a banned use.")
        reasons.append("The Art. 5 prohibitions have applied since 2 Feb 2025; breaches can be fined up to "
                       "EUR 35 million or 7% of worldwide annual turnover (Art. 99).")
    else:
        tier = _classify_permitted(a, role, deciding, reasons, obligations)
        transparency = _apply_transparency(a, role, deciding, reasons, obligations)
        if tier == Tier.MINIMAL.value and any(a[key] for _, key, _, _ in TRANSPARENCY_DUTIES):
            tier = Tier.LIMITED.value
        if tier == Tier.MINIMAL.value:
            reasons.append("The system is neither prohibited nor high-risk and falls in no Art. 50 transparency "
                           "category, so it is minimal risk: no high-risk or transparency duties apply, and voluntary "
                           "codes of conduct may be followed (Art. 95).")
        if a["emotion_recognition_or_biometric_categorisation"] and a["annex_iii_area"] != "biometrics":
            reasons.append("Check Annex III point 1: emotion recognition and biometric categorisation by sensitive or "
                           "protected traits are high-risk uses; if that describes this system, choose the "
                           "'Biometrics' area.")

    _apply_gpai(a, role, gpai_model, gpai_systemic, deciding, reasons, obligations)

    reasons.append("AI literacy (Art. 4) applies to every provider and deployer of an AI system and has applied "
                   "since 2 Feb 2025: staff who operate or use the system need sufficient knowledge of it.")

    return Decision(
        tier=tier,
        role=role,
        gpai_model=gpai_model,
        gpai_systemic_risk=gpai_systemic,
        transparency=transparency,
        deciding_articles=deciding,
        reasons=reasons,
        obligations=_sorted_codes(obligations),
    )


def _classify_permitted(a: dict, role: str, deciding: list, reasons: list, obligations: set) -> str:
    """High-risk routes (Art. 6(1) Annex I, Art. 6(2) Annex III with the Art. 6(3) derogation)."""
    annex_i = a["annex_i_safety_component"]
    area = a["annex_iii_area"]
    derogation = a["art_6_3_derogation"]
    profiles = a["profiles_natural_persons"]
    annex_iii_high_risk = False

    if annex_i:
        deciding.append("Art. 6(1)")
        reasons.append("You answered that the system is a product, or a safety component of a product, under the "
                       "Union harmonisation legislation in Annex I that requires third-party conformity assessment, "
                       "so it is high-risk under Art. 6(1).")

    if area != NONE:
        number = ANNEX_III_AREAS[area][0]
        if derogation == NONE:
            annex_iii_high_risk = True
            deciding += ["Art. 6(2)", f"Annex III({number})"]
            reasons.append(f"You answered that the system is intended for a use in {_area_name(area)}, so it is "
                           f"high-risk under Art. 6(2).")
        elif profiles:
            annex_iii_high_risk = True
            deciding += ["Art. 6(2)", f"Annex III({number})", "Art. 6(3)"]
            reasons.append(f"You answered that the system is intended for a use in {_area_name(area)}, so it is "
                           f"high-risk under Art. 6(2).")
            reasons.append(f"The Art. 6(3)({DEROGATIONS[derogation][0]}) derogation you claimed does not apply: "
                           f"you answered that the system profiles natural persons, and the last subparagraph of "
                           f"Art. 6(3) says an Annex III system that profiles people is always high-risk.")
        else:
            letter, label = DEROGATIONS[derogation]
            deciding += [f"Annex III({number})", "Art. 6(3)"]
            reasons.append(f"You answered that the system is intended for a use in {_area_name(area)}, but that "
                           f"{label[0].lower()}{label[1:]} (Art. 6(3)({letter})) and does not profile people, so "
                           f"under Art. 6(3) it is not high-risk through Annex III.")
            if role == PROVIDER:
                obligations.update({"Art. 6", "Art. 49"})
                reasons.append("As the provider relying on the derogation you must document the assessment before "
                               "placing the system on the market and hand it to authorities on request (Art. 6(4)), "
                               "and register the system in the EU database (Art. 49(2)).")
            else:
                reasons.append("The provider must have documented this assessment (Art. 6(4)) and registered the "
                               "system (Art. 49(2)); ask it for the assessment. If you use the system beyond the "
                               "limited task, you change its intended purpose and may become its provider (Art. 25).")
    elif derogation != NONE:
        reasons.append("The Art. 6(3) derogation answer was ignored: it only applies to systems in an Annex III "
                       "area, and you chose none.")

    if not (annex_i or annex_iii_high_risk):
        return Tier.MINIMAL.value

    if role == PROVIDER:
        obligations.update(HIGH_RISK_PROVIDER_OBLIGATIONS)
        reasons.append("As the provider of a high-risk system you must meet the requirements of Art. 8–15 (risk "
                       "management, data governance, technical documentation per Annex IV, logging, information "
                       "for deployers, human oversight, accuracy, robustness and cybersecurity) and the provider "
                       "obligations of Art. 16–21, pass conformity assessment (Art. 43), issue the EU declaration "
                       "of conformity (Art. 47), affix the CE marking (Art. 48), run post-market monitoring "
                       "(Art. 72) and report serious incidents (Art. 73).")
        if annex_iii_high_risk:
            obligations.add("Art. 49")
            reasons.append("Annex III systems must be registered in the EU database before being placed on the "
                           "market (Art. 49(1); critical-infrastructure systems at national level, Art. 49(5)).")
            if area == "biometrics":
                reasons.append("Biometric systems (Annex III point 1) may need a notified body for the conformity "
                               "assessment where harmonised standards are not applied in full (Art. 43(1)).")
        else:
            reasons.append("Registration in the EU database (Art. 49) covers Annex III systems, so it is not added "
                           "for a system that is high-risk only through Annex I; conformity assessment follows the "
                           "procedure of the relevant product legislation (Art. 43(3)).")
        reasons.append("Providers established outside the EU must also appoint an authorised representative in the "
                       "EU (Art. 22). If you also use the system yourself, the deployer duties (Art. 26) apply to "
                       "that use as well.")
    else:
        obligations.update(HIGH_RISK_DEPLOYER_OBLIGATIONS)
        reasons.append("As the deployer of a high-risk system you must use it according to its instructions, assign "
                       "competent human oversight, check input data, monitor it, keep its logs for at least six "
                       "months and inform the provider and authorities of risks and serious incidents (Art. 26); "
                       "if you cannot reach the provider, Art. 73 incident reporting applies to you (Art. 26(5)).")
        number = ANNEX_III_AREAS[area][0] if annex_iii_high_risk else None
        if number in FRIA_AREAS:
            obligations.add("Art. 27")
            if number == 5:
                reasons.append("A fundamental rights impact assessment is required before first use (Art. 27): it "
                               "applies to every deployer of credit-scoring and life or health insurance systems "
                               "(Annex III point 5(b), (c)); for the other point-5 uses we assume you are a public "
                               "body or provide a public service.")
            else:
                obligations.add("Art. 49")
                reasons.append(f"Annex III point {number} systems are used by or on behalf of public authorities, so "
                               f"you must carry out a fundamental rights impact assessment before first use "
                               f"(Art. 27) and register your use in the EU database (Art. 49(3)).")
        elif number == 2:
            reasons.append("No fundamental rights impact assessment is needed: Art. 27 excludes critical "
                           "infrastructure (Annex III point 2).")
        elif number is not None:
            reasons.append("If you are a body governed by public law or a private entity providing public services, "
                           "you must also carry out a fundamental rights impact assessment (Art. 27) and, as a "
                           "public authority, register your use (Art. 49(3)); these are not added because the "
                           "answers do not say so.")
        if area == "employment" and annex_iii_high_risk:
            reasons.append("As an employer you must inform workers' representatives and the affected workers before "
                           "putting the system into service at the workplace (Art. 26(7)).")

    if annex_iii_high_risk:
        reasons.append("Under Art. 113 the Annex III high-risk obligations apply from 2 Aug 2026; the Digital Omnibus "
                       "on AI moves them to 2 Dec 2027 once it is published in the Official Journal.")
    if annex_i:
        reasons.append("The Annex I (Art. 6(1)) high-risk obligations apply from 2 Aug 2027 (Art. 113(3)(c)); the "
                       "Digital Omnibus on AI moves them to 2 Aug 2028 once it is published in the Official Journal.")
    return Tier.HIGH_RISK.value


def _apply_transparency(a: dict, role: str, deciding: list, reasons: list, obligations: set) -> bool:
    """Art. 50 adds to the tier. Each paragraph binds one role; Art. 50 is recorded when it binds this role."""
    applies_to_role = False
    for paragraph, key, duty_role, text in TRANSPARENCY_DUTIES:
        if not a[key]:
            continue
        deciding.append(f"Art. 50({paragraph})")
        if duty_role == role:
            applies_to_role = True
            reasons.append(f"Art. 50({paragraph}) applies to you as {role}: {text}.")
        else:
            advice = ("check that the provider has built this in" if duty_role == PROVIDER
                      else "if your organisation also uses the system itself this way, the duty applies to that use")
            reasons.append(f"Art. 50({paragraph}) puts the system in the transparency category, but the duty rests "
                           f"on the {duty_role}: {text}; {advice}.")
    if applies_to_role:
        obligations.add("Art. 50")
        reasons.append("Art. 50 applies from 2 Aug 2026; the information must be given clearly at the latest at the "
                       "first interaction or exposure (Art. 50(5)).")
        if role == PROVIDER and a["generates_synthetic_content"]:
            reasons.append("Under the Digital Omnibus on AI, generative systems already on the market before "
                           "2 Aug 2026 have until 2 Dec 2026 to add the Art. 50(2) marking.")
    return applies_to_role


def _apply_gpai(a: dict, role: str, gpai_model: bool, gpai_systemic: bool, deciding: list, reasons: list,
                obligations: set) -> None:
    """General-purpose AI model duties (Chapter V) attach to the model's provider; they never change the tier."""
    if not gpai_model:
        return
    if gpai_systemic:
        deciding.append("Art. 51")
    if role != PROVIDER:
        reasons.append("You answered that the system is built on a general-purpose AI model. The model duties "
                       "(Art. 53–55) rest on the model's provider, not on you as deployer, and do not change the "
                       "system's tier.")
        if gpai_systemic:
            reasons.append("That model has systemic risk (Art. 51): its provider must evaluate and mitigate those "
                           "risks and report serious incidents to the AI Office (Art. 55).")
        return
    obligations.add("Art. 53")
    reasons.append("You answered that you provide a general-purpose AI model, so you must keep technical "
                   "documentation (Annex XI), inform downstream providers (Annex XII), have a copyright policy and "
                   "publish a summary of the training content (Art. 53). This does not change the system's tier.")
    if gpai_systemic:
        obligations.add("Art. 55")
        reasons.append("The model has systemic risk (Art. 51, presumed above 10^25 training FLOPs), so you must also "
                       "evaluate the model including adversarial testing, assess and mitigate systemic risks, report "
                       "serious incidents to the AI Office and ensure cybersecurity (Art. 55), and notify the "
                       "Commission within two weeks of meeting the threshold (Art. 52).")
    else:
        reasons.append("For a model released under a free and open-source licence with public weights, the "
                       "documentation duties of Art. 53(1)(a) and (b) do not apply; the copyright policy and training "
                       "summary still do.")
    reasons.append("Providers established outside the EU must appoint an authorised representative (Art. 54). "
                   "Chapter V has applied since 2 Aug 2025; models placed on the market before then must comply by "
                   "2 Aug 2027 (Art. 111(3)).")
