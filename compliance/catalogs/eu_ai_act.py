"""EU AI Act (Regulation (EU) 2024/1689): the articles and annexes that bind operators of AI systems.

Pure data, loaded by ``compliance.seed``. Titles are the official article and annex titles; the
descriptions are short summaries written for this catalog (the Official Journal text is
authoritative). Source: shared/reference/standards.md section 1.

Application dates follow Art. 113 (standards.md 1.13). ``applies_from_amended`` is the later date
to which the Digital Omnibus on AI moves an obligation; the Omnibus was adopted in June 2026 but
its Official Journal publication was still to be confirmed when this catalog was written. Dates
for high-risk obligations are those for Annex III (stand-alone) systems; for product-embedded
systems under Art. 6(1)/Annex I they are one year later (2 Aug 2027, amended 2 Aug 2028).
"""

# Art. 113(3)(a): Chapters I and II.
CHAPTERS_I_II = "2025-02-02"
# Art. 113(3)(b): Chapter V (general-purpose AI models), among others.
GPAI = "2025-08-02"
# Art. 113: general date of application (Annex III high-risk regime, Art. 50, Art. 71-73).
GENERAL = "2026-08-02"
# Digital Omnibus on AI: high-risk obligations for Annex III systems postponed to this date.
ANNEX_III_AMENDED = "2027-12-02"

FRAMEWORK = {
    "slug": "eu-ai-act",
    "name": "EU Artificial Intelligence Act",
    "short_name": "EU AI Act",
    "version": "Regulation (EU) 2024/1689",
    "description": (
        "The EU's risk-based law on artificial intelligence: it bans a few practices, sets strict duties for "
        "high-risk systems, adds transparency duties for some others and regulates general-purpose AI models. "
        "In force since 1 August 2024 and applying in stages; dates shown for high-risk duties are those for "
        "Annex III systems (product-embedded systems follow a year later)."
    ),
    "url": "http://data.europa.eu/eli/reg/2024/1689/oj",
}


def _high_risk(code, title, description, applicability="high_risk_provider", parent=None, kind="article"):
    """A Chapter III obligation: applies from the general date, postponed for Annex III systems."""
    return {"code": code, "title": title, "description": description, "kind": kind, "parent": parent,
            "applicability": applicability, "applies_from": GENERAL, "applies_from_amended": ANNEX_III_AMENDED}


REQUIREMENTS = [
    {"code": "Art. 4", "title": "AI literacy", "kind": "article", "parent": None, "applicability": "always",
     "applies_from": CHAPTERS_I_II,
     "description": (
         "Anyone who builds or uses AI systems must make sure the people operating them on their behalf "
         "understand them well enough for their role, background and the people affected. The Digital Omnibus "
         "softens this into a duty to take supporting measures (final wording not yet confirmed)."
     )},
    {"code": "Art. 5", "title": "Prohibited AI practices", "kind": "article", "parent": None, "applicability": "always",
     "applies_from": CHAPTERS_I_II,
     "description": (
         "Bans a short list of unacceptable uses: harmful manipulation or exploitation of vulnerable people, "
         "social scoring, predicting crime from profiling alone, untargeted scraping of face images, emotion "
         "recognition at work or school, biometric inference of sensitive traits, and most real-time remote "
         "biometric identification by police in public places. The Digital Omnibus adds a ban on generating "
         "non-consensual intimate imagery and child sexual abuse material from 2 December 2026 (not yet confirmed)."
     )},
    {"code": "Art. 6", "title": "Classification rules for high-risk AI systems", "kind": "article", "parent": None,
     "applicability": "always", "applies_from": GENERAL, "applies_from_amended": ANNEX_III_AMENDED,
     "description": (
         "A system is high-risk if it is, or is a safety component of, a product needing third-party checks under "
         "the Annex I laws (from 2 Aug 2027, amended 2 Aug 2028), or if its use falls in an Annex III area. An Annex "
         "III system that poses no significant risk may be exempted, never when it profiles people, and the "
         "provider must document that assessment and register it."
     )},
    _high_risk("Art. 8", "Compliance with the requirements",
               "A high-risk system has to meet every requirement of Articles 9 to 15, judged against its intended "
               "purpose and the current state of the art, taking the risk management system into account."),
    _high_risk("Art. 9", "Risk management system",
               "Run a documented, repeating risk process over the system's whole life: find and estimate risks to "
               "health, safety and fundamental rights (including from foreseeable misuse), act on them, and test "
               "that the remaining risk is acceptable, with attention to children and vulnerable groups."),
    _high_risk("Art. 10", "Data and data governance",
               "Govern training, validation and test data: record its origin and preparation, check it is relevant, "
               "representative and as error-free as possible, and look for and reduce bias. Sensitive personal data "
               "may be used for bias detection only under strict safeguards."),
    _high_risk("Art. 11", "Technical documentation",
               "Write technical documentation with at least the Annex IV content before the system is placed on "
               "the market, and keep it up to date; smaller companies may use a simplified form."),
    _high_risk("Art. 12", "Record-keeping",
               "The system must record events automatically over its lifetime, so that risky situations, "
               "substantial changes and its day-to-day operation can be traced afterwards."),
    _high_risk("Art. 13", "Transparency and provision of information to deployers",
               "Make the system understandable enough for deployers to use its output correctly, and supply "
               "instructions for use covering purpose, accuracy, limits, foreseeable risks, oversight measures, "
               "maintenance and logging."),
    _high_risk("Art. 14", "Human oversight",
               "Design the system so trained people can monitor it, understand its limits, guard against "
               "over-reliance, disregard or reverse its output, and halt it safely."),
    _high_risk("Art. 15", "Accuracy, robustness and cybersecurity",
               "Reach and declare an appropriate level of accuracy, and keep the system resilient to faults and "
               "secure against tampering and AI-specific attacks such as data poisoning and adversarial inputs "
               "throughout its life."),
    _high_risk("Art. 16", "Obligations of providers of high-risk AI systems",
               "The provider's core checklist: meet the requirements, label the system with its identity, run a "
               "quality management system, keep documentation and logs, pass conformity assessment, sign the "
               "declaration, affix CE marking, register, take corrective action and meet accessibility rules."),
    _high_risk("Art. 17", "Quality management system",
               "Keep a written quality management system covering compliance strategy, design, testing, data "
               "management, risk management, post-market monitoring, incident reporting, records, resources and "
               "accountability, scaled to the size of the organisation."),
    _high_risk("Art. 18", "Documentation keeping",
               "Keep the technical documentation, quality management records, notified-body decisions and the "
               "declaration of conformity available to authorities for ten years after market placement."),
    _high_risk("Art. 19", "Automatically generated logs",
               "Retain the logs the system produces, where they are under the provider's control, for a period "
               "suited to its purpose and for at least six months unless other law says otherwise."),
    _high_risk("Art. 20", "Corrective actions and duty of information",
               "If a system may not conform, fix, withdraw, disable or recall it at once and tell the others in the "
               "supply chain; if it presents a risk, investigate the cause and alert the authorities."),
    _high_risk("Art. 21", "Cooperation with competent authorities",
               "When an authority makes a reasoned request, hand over the information and documentation it needs "
               "and give access to the logs under the provider's control."),
    _high_risk("Art. 22", "Authorised representatives of providers of high-risk AI systems",
               "A provider based outside the EU must appoint, by written mandate, a representative in the EU who "
               "keeps the documents and deals with the authorities on its behalf."),
    _high_risk("Art. 23", "Obligations of importers",
               "Duties that apply when an organisation imports a high-risk AI system into the EU market.",
               applicability="high_risk"),
    _high_risk("Art. 24", "Obligations of distributors",
               "Duties that apply when an organisation makes a high-risk AI system available on the market as a "
               "distributor.", applicability="high_risk"),
    _high_risk("Art. 25", "Responsibilities along the AI value chain",
               "A distributor, importer, deployer or other party takes on all provider duties if it puts its own "
               "name on a high-risk system, modifies it substantially, or changes its purpose so that it becomes "
               "high-risk.", applicability="high_risk"),
    _high_risk("Art. 26", "Obligations of deployers of high-risk AI systems",
               "Use the system as instructed, give oversight to competent people, check input data you control, "
               "monitor it, keep its logs for at least six months, inform workers and affected people, and report "
               "risks and serious incidents.", applicability="high_risk_deployer"),
    _high_risk("Art. 27", "Fundamental rights impact assessment for high-risk AI systems",
               "Public bodies, private providers of public services, and deployers of credit-scoring or life and "
               "health insurance pricing systems must assess the effect on people's fundamental rights before first "
               "use and notify the results to the market surveillance authority.",
               applicability="high_risk_deployer"),
    _high_risk("Art. 43", "Conformity assessment",
               "Show that the system conforms before placing it on the market: most Annex III systems use internal "
               "control, biometric systems may need a notified body, and product-embedded systems follow their "
               "sector procedure. A substantial modification calls for a new assessment."),
    _high_risk("Art. 47", "EU declaration of conformity",
               "Sign a written, machine-readable declaration of conformity for each high-risk system, with the "
               "Annex V content, and keep it for ten years."),
    _high_risk("Art. 48", "CE marking",
               "Put a visible, legible and permanent CE marking on the system, or a digital one for software-only "
               "systems, with the notified body's number where one took part."),
    _high_risk("Art. 49", "Registration",
               "Register the provider and each Annex III high-risk system in the EU database before market "
               "placement; providers that judged an Annex III system not high-risk register too, and public-body "
               "deployers register their use."),
    {"code": "Art. 50", "title": "Transparency obligations for providers and deployers of certain AI systems",
     "kind": "article", "parent": None, "applicability": "transparency", "applies_from": GENERAL,
     "description": (
         "Tell people when they are dealing with an AI, mark synthetic audio, images, video and text so machines can "
         "detect it, and as a deployer disclose deep fakes, AI-written public-interest text and the use of emotion "
         "recognition or biometric categorisation. Generative systems already on the market get until 2 Dec 2026 "
         "for the marking duty under the Digital Omnibus."
     )},
    {"code": "Art. 53", "title": "Obligations for providers of general-purpose AI models", "kind": "article",
     "parent": None, "applicability": "gpai_provider", "applies_from": GPAI,
     "description": (
         "Keep technical documentation of the model, give downstream integrators the information they need, "
         "follow a copyright policy that respects text-and-data-mining opt-outs, and publish a summary of the "
         "training content. Models already on the market before 2 Aug 2025 have until 2 Aug 2027."
     )},
    {"code": "Art. 54", "title": "Authorised representatives of providers of general-purpose AI models",
     "kind": "article", "parent": None, "applicability": "gpai_provider", "applies_from": GPAI,
     "description": (
         "A model provider based outside the EU must appoint an EU representative; open-source models are exempt "
         "unless they carry systemic risk."
     )},
    {"code": "Art. 55", "title": "Obligations of providers of general-purpose AI models with systemic risk",
     "kind": "article", "parent": None, "applicability": "gpai_systemic", "applies_from": GPAI,
     "description": (
         "On top of Article 53: evaluate the model with state-of-the-art methods including adversarial testing, "
         "assess and reduce systemic risks, report serious incidents to the AI Office, and protect the model and "
         "its infrastructure against cyber threats."
     )},
    _high_risk("Art. 72", "Post-market monitoring by providers and post-market monitoring plan for high-risk AI systems",
               "Collect and analyse performance data throughout the system's life to confirm it stays compliant, "
               "following a documented monitoring plan that is part of the technical documentation."),
    _high_risk("Art. 73", "Reporting of serious incidents",
               "Report serious incidents to the market surveillance authority no later than 15 days after learning "
               "of them (2 days for widespread infringements or critical-infrastructure disruption, 10 days after a "
               "death), then investigate and correct without first altering the system in ways that would hamper "
               "the evaluation."),
    _high_risk("Annex III", "High-risk AI systems referred to in Article 6(2)",
               "The list of use-case areas in which an AI system is treated as high-risk.",
               applicability="high_risk", kind="annex"),
    _high_risk("Annex III(1)", "Biometrics",
               "Remote biometric identification, categorising people by sensitive traits, and emotion recognition, "
               "where the law permits them.", applicability="high_risk", kind="annex", parent="Annex III"),
    _high_risk("Annex III(2)", "Critical infrastructure",
               "Safety components used to manage or operate critical digital infrastructure, road traffic, or the "
               "supply of water, gas, heating or electricity.",
               applicability="high_risk", kind="annex", parent="Annex III"),
    _high_risk("Annex III(3)", "Education and vocational training",
               "Systems that decide admission or placement, grade learning, judge the level of education someone "
               "should get, or watch for cheating in tests.",
               applicability="high_risk", kind="annex", parent="Annex III"),
    _high_risk("Annex III(4)", "Employment, workers' management and access to self-employment",
               "Systems used to recruit and screen candidates, or to decide on promotion, dismissal or task "
               "allocation and to monitor and evaluate workers.",
               applicability="high_risk", kind="annex", parent="Annex III"),
    _high_risk("Annex III(5)",
               "Access to and enjoyment of essential private services and essential public services and benefits",
               "Systems that decide eligibility for public benefits, score creditworthiness, price life and health "
               "insurance, or triage emergency calls and patients.",
               applicability="high_risk", kind="annex", parent="Annex III"),
    _high_risk("Annex III(6)", "Law enforcement",
               "Police uses such as assessing the risk of victimisation or reoffending, polygraph-like tools, "
               "weighing evidence and profiling in investigations, where the law permits them.",
               applicability="high_risk", kind="annex", parent="Annex III"),
    _high_risk("Annex III(7)", "Migration, asylum and border control management",
               "Uses such as polygraph-like tools, assessing risks posed by travellers, helping to examine asylum, "
               "visa and residence applications, and detecting or identifying people at borders.",
               applicability="high_risk", kind="annex", parent="Annex III"),
    _high_risk("Annex III(8)", "Administration of justice and democratic processes",
               "Systems that help courts or dispute-resolution bodies research and apply the law, or that aim to "
               "influence elections, referendums or voting behaviour.",
               applicability="high_risk", kind="annex", parent="Annex III"),
    _high_risk("Annex IV", "Technical documentation referred to in Article 11(1)",
               "The minimum content of the technical documentation a provider keeps for a high-risk system.",
               kind="annex"),
    _high_risk("Annex IV(1)", "General description of the AI system",
               "Purpose, provider, version, interfaces with other hardware and software, how it is distributed, the "
               "hardware it runs on, the user interface and the instructions for use.",
               kind="annex", parent="Annex IV"),
    _high_risk("Annex IV(2)", "Detailed description of the elements and development process",
               "How the system was built: methods, third-party components, design choices and trade-offs, "
               "architecture and compute, data sheets, oversight measures, planned changes, testing with signed "
               "reports, and cybersecurity.", kind="annex", parent="Annex IV"),
    _high_risk("Annex IV(3)", "Monitoring, functioning and control of the AI system",
               "What the system can and cannot do, its accuracy overall and for particular groups, foreseeable "
               "unintended outcomes and risks, the oversight measures and input data specifications.",
               kind="annex", parent="Annex IV"),
    _high_risk("Annex IV(4)", "Appropriateness of the performance metrics",
               "Why the chosen performance metrics suit this particular system.", kind="annex", parent="Annex IV"),
    _high_risk("Annex IV(5)", "Description of the risk management system",
               "A detailed account of the Article 9 risk management system.", kind="annex", parent="Annex IV"),
    _high_risk("Annex IV(6)", "Relevant changes through the life cycle",
               "The significant changes the provider made to the system over its life.",
               kind="annex", parent="Annex IV"),
    _high_risk("Annex IV(7)", "Harmonised standards applied",
               "Which harmonised standards were applied in full or in part, or otherwise how the requirements were "
               "met and which other standards were used.", kind="annex", parent="Annex IV"),
    _high_risk("Annex IV(8)", "Copy of the EU declaration of conformity",
               "A copy of the signed Article 47 declaration.", kind="annex", parent="Annex IV"),
    _high_risk("Annex IV(9)", "Post-market performance evaluation system",
               "How performance is evaluated after release under Article 72, including the post-market monitoring "
               "plan.", kind="annex", parent="Annex IV"),
]
