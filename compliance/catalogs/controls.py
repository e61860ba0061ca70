"""The built-in control library.

Pure data, no Django imports: ``manage.py attest_seed`` loads it. Each control names the
lifecycle phase where it mainly applies, the kinds of evidence that can prove it, how old
that evidence may get before it counts as stale, and its mappings to requirements as
``(framework slug, requirement code, strength)``.

Strengths are deliberately conservative: ``full`` only where the control, done well, is
essentially what the requirement asks for; ``partial`` where it covers a real part of it;
``supporting`` where it helps demonstrate or enable the requirement without meeting it.
Requirement codes are written exactly as the framework catalogs store them (GDPR
``Art. 35``, AI Act ``Art. 9`` / ``Annex IV``, NIST AI RMF subcategories such as
``MEASURE 2.7``, ISO/IEC 42001 Annex A controls such as ``A.6.2.4``).

Control ideas come from the seed articles on AI security and from the frameworks
themselves; every description is written for this library. Two controls carry no GDPR
mapping on purpose (see ``MAPPING_EXCEPTIONS``).
"""

# Typical maximum evidence ages (days).
LOGS = 30            # monitoring output, audit-log extracts
TESTS = 90           # test reports, scans, configuration checks
SEMIANNUAL = 180     # attestations about technical set-up, recurring metrics
YEARLY = 365         # policies, assessments, plans, registrations

GDPR = "gdpr"
AIA = "eu-ai-act"
NIST = "nist-ai-rmf"
ISO = "iso-42001"

# (control code, framework slug) -> why that framework has no sensible mapping.
MAPPING_EXCEPTIONS = {
    ("SEC-10", GDPR): "A watermark embedded in model weights protects intellectual property; "
                      "it neither processes nor protects personal data.",
    ("DOC-05", GDPR): "Marking synthetic media as machine-generated is an AI Act transparency duty; "
                      "GDPR has no provision on labelling generated content.",
}

CONTROLS = [
    # ------------------------------------------------------------------ governance
    {
        "code": "GOV-01",
        "title": "AI policy",
        "description": (
            "Top management approves a written AI policy that sets the principles for building, buying and "
            "using AI and explains how it fits with the security, privacy and quality policies already in force. "
            "The policy is reviewed on a fixed cycle and whenever the law or the AI portfolio changes materially."
        ),
        "phase": "govern",
        "evidence_kinds": ["document", "attestation"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 24", "supporting"),
            (AIA, "Art. 17", "supporting"),
            (NIST, "GOVERN 1.2", "full"),
            (NIST, "GOVERN 1.4", "partial"),
            (ISO, "A.2.2", "full"),
            (ISO, "A.2.3", "partial"),
            (ISO, "A.2.4", "full"),
        ],
    },
    {
        "code": "GOV-02",
        "title": "AI roles and accountability",
        "description": (
            "Every AI system has a named accountable owner, and duties for development, risk, privacy, security "
            "and oversight are assigned to people who know they hold them. Senior management endorses the "
            "allocation and takes the decisions on significant AI risks."
        ),
        "phase": "govern",
        "evidence_kinds": ["document", "attestation"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 24", "supporting"),
            (AIA, "Art. 17", "partial"),
            (AIA, "Art. 26", "supporting"),
            (NIST, "GOVERN 2.1", "full"),
            (NIST, "GOVERN 2.3", "partial"),
            (ISO, "A.3.2", "full"),
            (ISO, "A.10.2", "supporting"),
        ],
    },
    {
        "code": "GOV-03",
        "title": "AI asset inventory",
        "description": (
            "All AI systems, models, datasets and the infrastructure they run on are recorded in one inventory "
            "with owner, purpose, lifecycle stage and risk tier. The inventory is reconciled against what is "
            "actually running on a regular cycle so that unregistered AI is found and brought under governance."
        ),
        "phase": "govern",
        "evidence_kinds": ["document", "audit_log"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 30", "supporting"),
            (AIA, "Art. 49", "supporting"),
            (NIST, "GOVERN 1.6", "full"),
            (ISO, "A.4.2", "full"),
            (ISO, "A.4.3", "partial"),
            (ISO, "A.4.5", "partial"),
        ],
    },
    {
        "code": "GOV-04",
        "title": "AI risk management system",
        "description": (
            "A documented, repeatable process identifies, analyses, evaluates and treats the risks of each AI "
            "system through its whole life, including reasonably foreseeable misuse and what post-market data "
            "reveals. Management sets the risk tolerance, and residual risks are accepted explicitly by someone "
            "with the authority to do so."
        ),
        "phase": "govern",
        "evidence_kinds": ["document", "attestation"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 24", "partial"),
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 9", "full"),
            (NIST, "GOVERN 1.3", "full"),
            (NIST, "GOVERN 1.4", "partial"),
            (NIST, "GOVERN 1.5", "partial"),
            (NIST, "MAP 1.5", "full"),
            (NIST, "MANAGE 1.2", "partial"),
            (NIST, "MANAGE 1.3", "partial"),
            (NIST, "MANAGE 1.4", "partial"),
            (NIST, "MEASURE 3.1", "partial"),
            (ISO, "A.5.2", "supporting"),
        ],
    },
    {
        "code": "GOV-05",
        "title": "Quality management system for AI",
        "description": (
            "Providers of high-risk AI systems operate a documented quality management system that covers the "
            "compliance strategy, design control, testing, data management, change handling, record-keeping and "
            "contact with authorities. Its depth is proportionate to the size of the organisation, and it is "
            "audited internally."
        ),
        "phase": "govern",
        "evidence_kinds": ["document", "attestation"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 24", "supporting"),
            (AIA, "Art. 17", "full"),
            (AIA, "Art. 16", "partial"),
            (NIST, "GOVERN 1.4", "partial"),
            (NIST, "GOVERN 1.2", "supporting"),
            (ISO, "A.6.1.3", "partial"),
            (ISO, "A.6.1.2", "supporting"),
            (ISO, "A.2.3", "supporting"),
        ],
    },
    {
        "code": "GOV-06",
        "title": "AI Act classification of each system",
        "description": (
            "Before an AI system is built or bought it is screened for prohibited practices, checked against the "
            "Annex III use cases and the product-safety route, and given a risk tier and an operator role. The "
            "decision names the articles that settled it and is reopened when the system, its purpose or its "
            "users change."
        ),
        "phase": "govern",
        "evidence_kinds": ["document", "attestation"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 24", "supporting"),
            (AIA, "Art. 6", "full"),
            (AIA, "Annex III", "full"),
            (AIA, "Art. 5", "partial"),
            (AIA, "Art. 25", "partial"),
            (AIA, "Art. 50", "supporting"),
            (NIST, "GOVERN 1.1", "full"),
            (NIST, "MAP 1.1", "partial"),
            (ISO, "A.9.4", "supporting"),
            (ISO, "A.6.2.2", "supporting"),
        ],
    },
    {
        "code": "GOV-07",
        "title": "AI supplier assessment and contracts",
        "description": (
            "Vendors of AI components, data and services are assessed before onboarding and bound by contracts "
            "that split responsibilities and cover data protection, security duties and incident notice. "
            "Critical suppliers are reviewed periodically and have a documented fallback if they fail."
        ),
        "phase": "govern",
        "evidence_kinds": ["document", "attestation"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 28", "partial"),
            (AIA, "Art. 25", "partial"),
            (NIST, "GOVERN 6.1", "full"),
            (NIST, "GOVERN 6.2", "partial"),
            (NIST, "MANAGE 3.1", "partial"),
            (ISO, "A.10.2", "full"),
            (ISO, "A.10.3", "full"),
        ],
    },
    {
        "code": "GOV-08",
        "title": "Concern and feedback channel",
        "description": (
            "Staff, users and people affected by an AI system can raise a concern or complaint through a channel "
            "that allows anonymity and shields them from retaliation. Each report is triaged, tracked to closure "
            "and fed back into risk and design decisions."
        ),
        "phase": "govern",
        "evidence_kinds": ["document", "audit_log"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 22", "supporting"),
            (AIA, "Art. 72", "supporting"),
            (AIA, "Art. 27", "supporting"),
            (NIST, "GOVERN 5.1", "full"),
            (NIST, "GOVERN 5.2", "partial"),
            (NIST, "MEASURE 3.3", "full"),
            (NIST, "GOVERN 4.3", "supporting"),
            (ISO, "A.3.3", "full"),
            (ISO, "A.8.5", "supporting"),
        ],
    },
    {
        "code": "GOV-09",
        "title": "Conformity assessment, declaration and EU registration",
        "description": (
            "Before a high-risk AI system reaches the market, its provider completes the applicable conformity "
            "assessment, signs the EU declaration of conformity, applies the CE marking and registers the system "
            "in the EU database. A substantial modification triggers a fresh assessment."
        ),
        "phase": "deployment",
        "evidence_kinds": ["document", "signature", "attestation"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 24", "supporting"),
            (AIA, "Art. 43", "full"),
            (AIA, "Art. 47", "full"),
            (AIA, "Art. 48", "full"),
            (AIA, "Art. 49", "full"),
            (AIA, "Art. 16", "partial"),
            (NIST, "GOVERN 1.1", "partial"),
            (ISO, "A.6.2.5", "supporting"),
        ],
    },
    {
        "code": "GOV-10",
        "title": "Retention of compliance documentation",
        "description": (
            "The technical file, quality-system records, notified-body decisions and the declaration of "
            "conformity are archived in a tamper-evident store for at least ten years after market placement. "
            "Other AI records follow a written retention schedule."
        ),
        "phase": "govern",
        "evidence_kinds": ["document", "attestation"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 5", "supporting"),
            (AIA, "Art. 18", "full"),
            (NIST, "GOVERN 1.4", "supporting"),
            (NIST, "MEASURE 2.8", "supporting"),
            (ISO, "A.6.2.7", "partial"),
        ],
    },
    {
        "code": "GOV-11",
        "title": "Independent review of AI controls",
        "description": (
            "Internal audit, or another function independent of the builders, tests whether AI controls are "
            "designed well and actually operate, on a schedule driven by risk. Findings are tracked until fixed "
            "and reported to management."
        ),
        "phase": "govern",
        "evidence_kinds": ["document", "test_report"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 24", "partial"),
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 17", "partial"),
            (NIST, "MEASURE 1.3", "full"),
            (NIST, "MEASURE 1.2", "partial"),
            (NIST, "GOVERN 1.5", "partial"),
            (ISO, "A.2.4", "supporting"),
        ],
    },
    # ------------------------------------------------------------------ training and competence
    {
        "code": "TRN-01",
        "title": "AI literacy programme",
        "description": (
            "Everyone who builds, runs or relies on AI systems gets training matched to their role on how those "
            "systems work, where they fail and whom they can harm. Completion is tracked and the material is "
            "refreshed every year."
        ),
        "phase": "govern",
        "evidence_kinds": ["document", "attestation", "metric"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 39", "supporting"),
            (AIA, "Art. 4", "full"),
            (NIST, "GOVERN 2.2", "full"),
            (ISO, "A.4.6", "partial"),
        ],
    },
    {
        "code": "TRN-02",
        "title": "Secure machine-learning engineering training",
        "description": (
            "Data scientists and ML engineers learn the attacks specific to AI, such as poisoning, extraction, "
            "evasion and prompt injection, together with the defences this library expects of them. The course "
            "is repeated when the threat picture shifts."
        ),
        "phase": "govern",
        "evidence_kinds": ["attestation", "metric"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 4", "partial"),
            (AIA, "Art. 15", "supporting"),
            (NIST, "GOVERN 2.2", "partial"),
            (NIST, "GOVERN 4.1", "partial"),
            (ISO, "A.4.6", "partial"),
        ],
    },
    {
        "code": "TRN-03",
        "title": "Oversight operator competence",
        "description": (
            "People assigned to supervise a high-risk AI system are chosen for relevant expertise, trained on its "
            "instructions for use and on automation bias, and given real authority to overrule it. Their "
            "proficiency is checked before they start and at intervals afterwards."
        ),
        "phase": "deployment",
        "evidence_kinds": ["attestation", "document"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 22", "supporting"),
            (AIA, "Art. 26", "partial"),
            (AIA, "Art. 14", "partial"),
            (AIA, "Art. 4", "partial"),
            (NIST, "MAP 3.4", "full"),
            (NIST, "GOVERN 3.2", "partial"),
            (ISO, "A.4.6", "partial"),
            (ISO, "A.9.2", "supporting"),
        ],
    },
    # ------------------------------------------------------------------ design
    {
        "code": "DES-01",
        "title": "Intended purpose and requirements specification",
        "description": (
            "Before development starts, the team writes down the intended purpose, users, deployment setting, "
            "foreseeable misuse, performance targets and the functional, security and privacy requirements. Any "
            "change of purpose goes back through classification and risk assessment."
        ),
        "phase": "design",
        "evidence_kinds": ["document"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 25", "partial"),
            (GDPR, "Art. 5", "supporting"),
            (AIA, "Art. 9", "supporting"),
            (AIA, "Art. 13", "supporting"),
            (AIA, "Annex IV", "supporting"),
            (NIST, "MAP 1.1", "full"),
            (NIST, "MAP 1.6", "full"),
            (NIST, "MAP 2.1", "partial"),
            (NIST, "MAP 3.3", "partial"),
            (ISO, "A.6.2.2", "full"),
            (ISO, "A.9.4", "full"),
            (ISO, "A.6.1.2", "supporting"),
        ],
    },
    {
        "code": "DES-02",
        "title": "AI threat modelling",
        "description": (
            "During design each AI system gets a threat model covering attacks on its data, model, serving "
            "interface and supply chain, using MITRE ATLAS and the OWASP machine-learning and LLM lists as "
            "checklists. The model is revisited whenever the architecture or the exposure changes."
        ),
        "phase": "design",
        "evidence_kinds": ["document"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 25", "supporting"),
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 9", "partial"),
            (AIA, "Art. 15", "partial"),
            (NIST, "MAP 4.1", "partial"),
            (NIST, "MAP 4.2", "partial"),
            (NIST, "MEASURE 2.7", "supporting"),
            (ISO, "A.6.1.3", "partial"),
            (ISO, "A.6.2.2", "partial"),
        ],
    },
    {
        "code": "IMP-01",
        "title": "AI system impact assessment process",
        "description": (
            "A defined process decides when an AI system's consequences for individuals, groups and society must "
            "be assessed, who carries out the assessment and how the results shape risk treatment. Assessments "
            "are done at design time and on significant change, and are kept as records."
        ),
        "phase": "design",
        "evidence_kinds": ["document"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 35", "supporting"),
            (AIA, "Art. 27", "partial"),
            (AIA, "Art. 9", "supporting"),
            (NIST, "MAP 5.1", "full"),
            (NIST, "MAP 5.2", "partial"),
            (ISO, "A.5.2", "full"),
            (ISO, "A.5.3", "full"),
            (ISO, "A.5.4", "full"),
            (ISO, "A.5.5", "full"),
        ],
    },
    {
        "code": "IMP-02",
        "title": "Fundamental rights impact assessment (FRIA)",
        "description": (
            "Deployers that are public bodies, provide public services, or use AI for credit scoring or for "
            "pricing life and health insurance assess the effect on fundamental rights before first use. The "
            "assessment names the affected groups, the specific harms, the oversight and the remedies, is "
            "updated when circumstances change, and its results are notified to the market surveillance authority."
        ),
        "phase": "deployment",
        "evidence_kinds": ["document", "attestation"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 35", "supporting"),
            (AIA, "Art. 27", "full"),
            (AIA, "Art. 26", "supporting"),
            (NIST, "MAP 5.1", "full"),
            (NIST, "MAP 5.2", "partial"),
            (ISO, "A.5.4", "full"),
            (ISO, "A.5.5", "partial"),
            (ISO, "A.5.3", "partial"),
        ],
    },
    # ------------------------------------------------------------------ data
    {
        "code": "DATA-01",
        "title": "Data provenance records",
        "description": (
            "For every dataset used to train, validate or test a model, the team records where it came from, how "
            "it was collected, the licence or legal basis, and each transformation applied since. An auditor can "
            "follow any model version back to the exact data behind it."
        ),
        "phase": "data",
        "evidence_kinds": ["document", "attestation"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 5", "supporting"),
            (GDPR, "Art. 30", "supporting"),
            (AIA, "Art. 10", "partial"),
            (AIA, "Annex IV", "partial"),
            (NIST, "MAP 4.1", "partial"),
            (NIST, "MAP 2.3", "partial"),
            (ISO, "A.7.5", "full"),
            (ISO, "A.7.3", "partial"),
        ],
    },
    {
        "code": "DATA-02",
        "title": "Automated data validation",
        "description": (
            "New data must pass automated checks on schema, value ranges, completeness, duplicates and "
            "statistical shape before it can join a training set. Batches that fail are quarantined, and the "
            "check results are stored with the dataset version."
        ),
        "phase": "data",
        "evidence_kinds": ["test_report", "audit_log"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 5", "partial"),
            (AIA, "Art. 10", "partial"),
            (AIA, "Art. 26", "supporting"),
            (NIST, "MAP 2.3", "partial"),
            (ISO, "A.7.4", "full"),
            (ISO, "A.7.6", "partial"),
        ],
    },
    {
        "code": "DATA-03",
        "title": "Data poisoning detection",
        "description": (
            "Training data is screened for poisoned samples and backdoor triggers using outlier detection, "
            "label-consistency checks and, for critical datasets, manual review of a sample. Suspect records are "
            "logged and removed, and their source is investigated."
        ),
        "phase": "data",
        "evidence_kinds": ["test_report", "audit_log"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "partial"),
            (AIA, "Art. 10", "supporting"),
            (NIST, "MEASURE 2.7", "partial"),
            (NIST, "MAP 4.2", "supporting"),
            (ISO, "A.7.4", "partial"),
            (ISO, "A.6.2.4", "supporting"),
        ],
    },
    {
        "code": "DATA-04",
        "title": "Dataset versioning and hashing",
        "description": (
            "Each dataset version is frozen, identified by a SHA-256 digest of its contents and linked to the "
            "model versions trained on it. Training pipelines refuse data whose digest differs from the "
            "registered version."
        ),
        "phase": "data",
        "evidence_kinds": ["audit_log", "signature", "document"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (GDPR, "Art. 5", "supporting"),
            (AIA, "Art. 10", "supporting"),
            (AIA, "Art. 15", "supporting"),
            (NIST, "MAP 2.3", "supporting"),
            (NIST, "MEASURE 2.1", "supporting"),
            (ISO, "A.7.5", "partial"),
        ],
    },
    {
        "code": "DATA-05",
        "title": "Lawful data acquisition and licensing",
        "description": (
            "External data is acquired only after its licence, usage rights, copyright opt-outs and, for personal "
            "data, its legal basis have been checked and written down. Data providers also pass a security and "
            "quality assessment."
        ),
        "phase": "data",
        "evidence_kinds": ["document", "attestation"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 6", "partial"),
            (GDPR, "Art. 14", "partial"),
            (AIA, "Art. 10", "partial"),
            (AIA, "Art. 53", "partial"),
            (NIST, "GOVERN 6.1", "partial"),
            (NIST, "MAP 4.1", "partial"),
            (ISO, "A.7.3", "full"),
            (ISO, "A.10.3", "supporting"),
        ],
    },
    {
        "code": "DATA-06",
        "title": "Data preparation and labelling quality",
        "description": (
            "Annotation, cleaning and enrichment follow written guidelines, and label quality is measured through "
            "inter-annotator agreement or audit samples. Preparation steps and their parameters are recorded so "
            "the dataset can be rebuilt."
        ),
        "phase": "data",
        "evidence_kinds": ["document", "metric"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 5", "supporting"),
            (AIA, "Art. 10", "partial"),
            (NIST, "MAP 2.3", "partial"),
            (ISO, "A.7.6", "full"),
            (ISO, "A.7.4", "partial"),
        ],
    },
    {
        "code": "DATA-07",
        "title": "Data classification and special-category tagging",
        "description": (
            "Datasets carry a sensitivity label, with personal, special-category and confidential fields flagged, "
            "and each label comes with mandatory handling rules. Any use of special-category data to detect bias "
            "is limited, justified and recorded."
        ),
        "phase": "data",
        "evidence_kinds": ["document"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 9", "partial"),
            (GDPR, "Art. 30", "supporting"),
            (AIA, "Art. 10", "partial"),
            (NIST, "MEASURE 2.10", "supporting"),
            (NIST, "MAP 4.1", "supporting"),
            (ISO, "A.7.2", "partial"),
            (ISO, "A.4.3", "partial"),
        ],
    },
    # ------------------------------------------------------------------ privacy
    {
        "code": "PRIV-01",
        "title": "Data protection impact assessment (DPIA)",
        "description": (
            "AI processing that is likely to put people at high risk, such as profiling with significant effects "
            "or large-scale use of special-category data, starts only after a DPIA. The DPIA weighs necessity and "
            "proportionality, risks and mitigations, and the supervisory authority is consulted when a high "
            "residual risk remains."
        ),
        "phase": "design",
        "evidence_kinds": ["document", "attestation"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 35", "full"),
            (GDPR, "Art. 36", "partial"),
            (AIA, "Art. 26", "partial"),
            (AIA, "Art. 27", "supporting"),
            (NIST, "MAP 5.1", "partial"),
            (NIST, "MEASURE 2.10", "partial"),
            (ISO, "A.5.2", "partial"),
            (ISO, "A.5.3", "partial"),
            (ISO, "A.5.4", "partial"),
        ],
    },
    {
        "code": "PRIV-02",
        "title": "Records of processing for AI",
        "description": (
            "Each processing activity in which an AI system uses personal data has an entry in the record of "
            "processing: purposes, categories of people and data, recipients, transfers, retention and security "
            "measures. The entry is updated when a model is retrained on new data or put to a new use."
        ),
        "phase": "govern",
        "evidence_kinds": ["document"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 30", "full"),
            (AIA, "Art. 10", "supporting"),
            (NIST, "GOVERN 1.6", "supporting"),
            (NIST, "MAP 1.1", "supporting"),
            (ISO, "A.4.3", "supporting"),
            (ISO, "A.7.2", "supporting"),
        ],
    },
    {
        "code": "PRIV-03",
        "title": "Data minimisation and retention",
        "description": (
            "Models are trained and run on the least personal data that serves the purpose: fields that add no "
            "value are dropped, identifiers are pseudonymised, and records are deleted or anonymised when their "
            "retention period ends. Retention jobs leave logs that prove the deletions ran."
        ),
        "phase": "data",
        "evidence_kinds": ["document", "audit_log"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 5", "partial"),
            (GDPR, "Art. 25", "partial"),
            (GDPR, "Art. 17", "supporting"),
            (AIA, "Art. 10", "supporting"),
            (NIST, "MEASURE 2.10", "partial"),
            (ISO, "A.7.2", "partial"),
            (ISO, "A.7.6", "supporting"),
        ],
    },
    {
        "code": "PRIV-04",
        "title": "Differential privacy in training",
        "description": (
            "When a model learns from personal or confidential records, it is trained with differential privacy, "
            "for example DP-SGD, under a documented privacy budget so that no single record noticeably shapes "
            "it. The epsilon and delta actually reached are reported for every training run."
        ),
        "phase": "development",
        "evidence_kinds": ["metric", "test_report"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 25", "partial"),
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "supporting"),
            (NIST, "MEASURE 2.10", "partial"),
            (ISO, "A.6.1.3", "supporting"),
        ],
    },
    {
        "code": "PRIV-05",
        "title": "Legal basis and purpose compatibility for training",
        "description": (
            "Before personal data trains or evaluates a model, a legal basis is identified and recorded, and "
            "reuse of data gathered for another purpose passes a compatibility test. Special-category data is "
            "used only under a documented exception."
        ),
        "phase": "data",
        "evidence_kinds": ["document"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 6", "full"),
            (GDPR, "Art. 9", "partial"),
            (GDPR, "Art. 7", "supporting"),
            (AIA, "Art. 10", "supporting"),
            (NIST, "GOVERN 1.1", "partial"),
            (ISO, "A.7.3", "partial"),
        ],
    },
    {
        "code": "PRIV-06",
        "title": "Contestable automated decisions",
        "description": (
            "Where an AI system makes or materially shapes decisions with legal or similarly significant effects, "
            "the people concerned are told, can get a meaningful account of the logic, and can ask for a human "
            "to review and overturn the outcome. Requests and how they were resolved are logged."
        ),
        "phase": "operation",
        "evidence_kinds": ["document", "audit_log"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 22", "full"),
            (GDPR, "Art. 13", "partial"),
            (GDPR, "Art. 15", "partial"),
            (AIA, "Art. 26", "partial"),
            (AIA, "Art. 14", "supporting"),
            (NIST, "MEASURE 3.3", "partial"),
            (NIST, "MEASURE 2.9", "partial"),
            (ISO, "A.8.5", "partial"),
            (ISO, "A.9.2", "supporting"),
        ],
    },
    {
        "code": "PRIV-07",
        "title": "Personal data breach notification",
        "description": (
            "A breach of personal data held by an AI system, including leakage through model outputs, is assessed "
            "at once and, unless it is unlikely to harm anyone, reported to the supervisory authority within 72 "
            "hours. Affected people are told when their risk is high, and every breach is recorded."
        ),
        "phase": "operation",
        "evidence_kinds": ["document", "audit_log"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 33", "full"),
            (GDPR, "Art. 34", "full"),
            (AIA, "Art. 73", "supporting"),
            (NIST, "MANAGE 4.3", "partial"),
            (ISO, "A.8.4", "partial"),
        ],
    },
    # ------------------------------------------------------------------ security
    {
        "code": "SEC-01",
        "title": "Encryption at rest",
        "description": (
            "Training data, feature stores, model weights, checkpoints and backups are stored encrypted with a "
            "strong cipher such as AES-256, under keys kept in a managed key service. Use of the keys is logged "
            "and they are rotated on a schedule."
        ),
        "phase": "data",
        "evidence_kinds": ["attestation", "audit_log"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 32", "partial"),
            (AIA, "Art. 15", "supporting"),
            (NIST, "MEASURE 2.7", "supporting"),
            (ISO, "A.6.2.2", "supporting"),
        ],
    },
    {
        "code": "SEC-02",
        "title": "Encryption in transit",
        "description": (
            "Every transfer of data, models or predictions, including internal service calls and data pulled from "
            "sources, runs over TLS 1.2 or later with certificates verified. Plain-text endpoints are switched off."
        ),
        "phase": "deployment",
        "evidence_kinds": ["test_report", "attestation"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 32", "partial"),
            (AIA, "Art. 15", "supporting"),
            (NIST, "MEASURE 2.7", "supporting"),
            (ISO, "A.6.2.5", "supporting"),
        ],
    },
    {
        "code": "SEC-03",
        "title": "Role-based access and least privilege",
        "description": (
            "Access to datasets, model registries, training clusters and serving endpoints is granted through "
            "roles that carry only what a job needs. Grants are approved, privileged access expires, and every "
            "grant is recertified each quarter."
        ),
        "phase": "operation",
        "evidence_kinds": ["audit_log", "attestation"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 32", "partial"),
            (GDPR, "Art. 25", "supporting"),
            (AIA, "Art. 15", "supporting"),
            (NIST, "MAP 4.2", "supporting"),
            (NIST, "MEASURE 2.7", "supporting"),
            (ISO, "A.6.2.6", "supporting"),
        ],
    },
    {
        "code": "SEC-04",
        "title": "Multi-factor authentication",
        "description": (
            "Interactive sign-in to ML platforms, data stores, model registries and admin consoles requires a "
            "second factor, preferably one that resists phishing. Any exception is written down and reviewed."
        ),
        "phase": "operation",
        "evidence_kinds": ["attestation", "audit_log"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "supporting"),
            (NIST, "MEASURE 2.7", "supporting"),
            (ISO, "A.6.2.6", "supporting"),
        ],
    },
    {
        "code": "SEC-05",
        "title": "API authentication and authorisation",
        "description": (
            "Each inference and management endpoint identifies its caller through scoped tokens, OAuth 2.0 or "
            "mutual TLS and checks that the caller may use the requested model and operation. Anonymous calls to "
            "model APIs are refused."
        ),
        "phase": "deployment",
        "evidence_kinds": ["test_report", "attestation"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 32", "partial"),
            (AIA, "Art. 15", "partial"),
            (NIST, "MEASURE 2.7", "supporting"),
            (ISO, "A.6.2.5", "supporting"),
        ],
    },
    {
        "code": "SEC-06",
        "title": "Secrets management",
        "description": (
            "API keys, signing keys, database passwords and encryption keys live in a secrets manager or HSM, "
            "never in code, notebooks, images or config files, and reach workloads only at runtime. They are "
            "rotated on a schedule and immediately after a suspected leak, and repositories are scanned for "
            "committed secrets."
        ),
        "phase": "development",
        "evidence_kinds": ["test_report", "audit_log"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "supporting"),
            (NIST, "MEASURE 2.7", "supporting"),
            (ISO, "A.4.4", "supporting"),
        ],
    },
    {
        "code": "SEC-07",
        "title": "Network isolation of AI workloads",
        "description": (
            "Training clusters, data stores and model servers sit in segmented networks that accept traffic only "
            "from named sources such as the API gateway. Development, test and production are kept apart, and "
            "training jobs have no open internet egress."
        ),
        "phase": "deployment",
        "evidence_kinds": ["attestation", "document"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "supporting"),
            (NIST, "MAP 4.2", "supporting"),
            (ISO, "A.4.5", "supporting"),
        ],
    },
    {
        "code": "SEC-08",
        "title": "Model encryption",
        "description": (
            "Model weights and architecture files are stored and shipped only in encrypted form and decrypted "
            "inside the serving environment, with keys guarded by a KMS or HSM. Especially sensitive models run "
            "inference inside a trusted execution environment."
        ),
        "phase": "deployment",
        "evidence_kinds": ["attestation"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "partial"),
            (AIA, "Art. 55", "supporting"),
            (NIST, "MEASURE 2.7", "supporting"),
            (ISO, "A.6.2.5", "supporting"),
        ],
    },
    {
        "code": "SEC-09",
        "title": "Model signing and artifact integrity",
        "description": (
            "Model artifacts, containers and deployment manifests are signed at build time, for instance with "
            "OpenSSF model signing or Sigstore, and signature and file digests are checked before anything is "
            "loaded. An artifact with a missing or failing signature is rejected."
        ),
        "phase": "deployment",
        "evidence_kinds": ["signature", "test_report"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "partial"),
            (NIST, "MEASURE 2.7", "supporting"),
            (NIST, "MAP 4.2", "supporting"),
            (ISO, "A.6.2.5", "supporting"),
        ],
    },
    {
        "code": "SEC-10",
        "title": "Model watermarking and fingerprinting",
        "description": (
            "Proprietary models carry a hidden watermark or fingerprint, such as a secret trigger set with known "
            "responses, that survives fine-tuning and lets the owner recognise a stolen or extracted copy. The "
            "check is rerun after every release."
        ),
        "phase": "development",
        "evidence_kinds": ["test_report"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (AIA, "Art. 15", "supporting"),
            (NIST, "GOVERN 6.1", "supporting"),
            (NIST, "MEASURE 2.7", "supporting"),
            (ISO, "A.6.1.3", "supporting"),
        ],
    },
    {
        "code": "SEC-11",
        "title": "Rate limiting and quotas",
        "description": (
            "Model APIs cap requests per client and per address, with quotas per user class and tighter limits "
            "applied automatically when abuse is suspected. This makes extraction slow and costly and keeps the "
            "service available under load."
        ),
        "phase": "deployment",
        "evidence_kinds": ["test_report", "attestation"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "partial"),
            (NIST, "MEASURE 2.7", "supporting"),
            (ISO, "A.6.2.6", "supporting"),
        ],
    },
    {
        "code": "SEC-12",
        "title": "Query pattern monitoring",
        "description": (
            "Request logs are analysed for signs of extraction, inversion or membership inference, such as "
            "systematic probing near decision boundaries or heavy traffic from a single client. Alerts reach the "
            "security team together with the identity of the client."
        ),
        "phase": "operation",
        "evidence_kinds": ["audit_log", "metric"],
        "max_evidence_age_days": LOGS,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "partial"),
            (NIST, "MEASURE 2.4", "partial"),
            (NIST, "MEASURE 2.7", "partial"),
            (ISO, "A.6.2.6", "partial"),
        ],
    },
    {
        "code": "SEC-13",
        "title": "Output minimisation and confidence rounding",
        "description": (
            "Prediction APIs return only what callers need, typically the top labels rather than full probability "
            "vectors, with confidence scores rounded or slightly noised. Each answer then leaks less, which "
            "hampers extraction and inversion."
        ),
        "phase": "deployment",
        "evidence_kinds": ["test_report"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 25", "supporting"),
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "partial"),
            (NIST, "MEASURE 2.10", "supporting"),
            (NIST, "MEASURE 2.7", "supporting"),
            (ISO, "A.6.2.2", "supporting"),
        ],
    },
    {
        "code": "SEC-14",
        "title": "Input validation and adversarial input detection",
        "description": (
            "Inputs are checked for schema, size, type and range and normalised before reaching the model, and a "
            "detector flags inputs that look out of distribution or adversarially perturbed. Rejected inputs are "
            "logged for later analysis."
        ),
        "phase": "deployment",
        "evidence_kinds": ["test_report", "audit_log"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "partial"),
            (NIST, "MEASURE 2.7", "partial"),
            (NIST, "MEASURE 2.6", "supporting"),
            (ISO, "A.6.2.2", "supporting"),
        ],
    },
    {
        "code": "SEC-15",
        "title": "Dependency scanning and SBOM",
        "description": (
            "ML libraries, container images and other dependencies are pinned and scanned for known "
            "vulnerabilities on every build, and each release ships a bill of materials, for example in "
            "CycloneDX, listing packages, models and datasets. Critical findings block the release until fixed "
            "or formally accepted."
        ),
        "phase": "development",
        "evidence_kinds": ["test_report", "document"],
        "max_evidence_age_days": LOGS,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "supporting"),
            (AIA, "Annex IV", "supporting"),
            (NIST, "MAP 4.1", "partial"),
            (NIST, "MANAGE 3.1", "partial"),
            (ISO, "A.4.4", "partial"),
            (ISO, "A.10.3", "supporting"),
        ],
    },
    {
        "code": "SEC-16",
        "title": "Pre-trained model supply-chain vetting",
        "description": (
            "Third-party and open-source base models are admitted only from approved sources after checks of "
            "publisher identity, signature or digest, licence, a safe serialisation format without executable "
            "pickles, and a behaviour and backdoor scan. Approved models are mirrored internally and watched for "
            "upstream advisories."
        ),
        "phase": "development",
        "evidence_kinds": ["test_report", "signature", "document"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "partial"),
            (AIA, "Art. 25", "supporting"),
            (NIST, "MANAGE 3.2", "full"),
            (NIST, "MAP 4.1", "partial"),
            (NIST, "GOVERN 6.1", "partial"),
            (ISO, "A.10.3", "partial"),
            (ISO, "A.4.4", "supporting"),
        ],
    },
    # ------------------------------------------------------------------ LLM-specific
    {
        "code": "LLM-01",
        "title": "Prompt-injection defences",
        "description": (
            "LLM applications treat user text and retrieved content as untrusted: it is kept apart from "
            "instructions, screened for known injection patterns, and the model's reach to tools and data is "
            "narrowed, with a human confirming consequential actions. Resistance is tested against a maintained "
            "attack suite."
        ),
        "phase": "deployment",
        "evidence_kinds": ["test_report"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "partial"),
            (NIST, "MEASURE 2.7", "partial"),
            (ISO, "A.6.2.4", "supporting"),
        ],
    },
    {
        "code": "LLM-02",
        "title": "System-prompt protection",
        "description": (
            "System prompts hold no secrets, credentials or sensitive business rules, and responses that echo "
            "them are detected and blocked. Authorisation is enforced by code outside the model, never by prompt "
            "wording alone."
        ),
        "phase": "design",
        "evidence_kinds": ["test_report"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "supporting"),
            (NIST, "MEASURE 2.7", "supporting"),
            (ISO, "A.6.2.2", "supporting"),
        ],
    },
    {
        "code": "LLM-03",
        "title": "Training-data extraction defences",
        "description": (
            "Generative models are kept from reproducing their training data by deduplicating and scrubbing "
            "personal data before training, probing for memorisation with canaries and extraction prompts, and "
            "blocking outputs that match sensitive records. Extraction test results are kept for every model "
            "version."
        ),
        "phase": "validation",
        "evidence_kinds": ["test_report", "metric"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 32", "partial"),
            (GDPR, "Art. 25", "partial"),
            (AIA, "Art. 15", "partial"),
            (NIST, "MEASURE 2.10", "partial"),
            (NIST, "MEASURE 2.7", "supporting"),
            (ISO, "A.6.2.4", "partial"),
        ],
    },
    {
        "code": "LLM-04",
        "title": "Output filtering",
        "description": (
            "Responses pass filters that hold back personal data, secrets and harmful or policy-breaking content "
            "before users see them, and each block is logged. Filter rules are tuned using incident and "
            "red-team findings."
        ),
        "phase": "deployment",
        "evidence_kinds": ["test_report", "audit_log"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (GDPR, "Art. 25", "supporting"),
            (AIA, "Art. 15", "supporting"),
            (NIST, "MEASURE 2.6", "partial"),
            (NIST, "MANAGE 1.3", "supporting"),
            (ISO, "A.6.2.6", "supporting"),
        ],
    },
    # ------------------------------------------------------------------ development
    {
        "code": "DEV-01",
        "title": "Adversarial training",
        "description": (
            "Models that face untrusted inputs are trained on adversarial examples, such as FGSM or PGD "
            "perturbations, alongside clean data, or hardened with another robustness technique suited to the "
            "task. The method chosen and its cost in clean accuracy are documented."
        ),
        "phase": "development",
        "evidence_kinds": ["test_report", "document"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "partial"),
            (NIST, "MEASURE 2.7", "supporting"),
            (NIST, "MANAGE 1.3", "supporting"),
            (ISO, "A.6.1.3", "supporting"),
        ],
    },
    {
        "code": "DEV-02",
        "title": "Reproducible, isolated training pipeline",
        "description": (
            "Models are trained by an automated pipeline from versioned code, configuration and data in an "
            "isolated environment, so any run can be repeated and its outputs traced. Checkpoints are "
            "integrity-checked and the design and development steps are recorded as they happen."
        ),
        "phase": "development",
        "evidence_kinds": ["audit_log", "document"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 17", "supporting"),
            (AIA, "Art. 15", "supporting"),
            (NIST, "MAP 2.3", "partial"),
            (ISO, "A.6.1.3", "partial"),
            (ISO, "A.6.2.3", "partial"),
        ],
    },
    {
        "code": "DEV-03",
        "title": "Secure CI/CD and release approval",
        "description": (
            "Build and deployment pipelines authenticate every component, run security and AI-specific tests "
            "automatically, and need an approval that no single person can give alone before a model reaches "
            "production. Pipeline definitions are reviewed like any other code."
        ),
        "phase": "deployment",
        "evidence_kinds": ["audit_log", "test_report"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 17", "partial"),
            (AIA, "Art. 15", "supporting"),
            (NIST, "MANAGE 1.1", "partial"),
            (NIST, "MEASURE 2.7", "supporting"),
            (ISO, "A.6.2.5", "partial"),
            (ISO, "A.6.1.3", "partial"),
        ],
    },
    # ------------------------------------------------------------------ validation
    {
        "code": "VAL-01",
        "title": "Adversarial robustness testing",
        "description": (
            "Before release and after significant change, each model is attacked with the evasion, poisoning and "
            "extraction techniques its threat model calls for, against pass criteria fixed in advance. Results, "
            "failures included, go into the technical documentation."
        ),
        "phase": "validation",
        "evidence_kinds": ["test_report"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 32", "partial"),
            (AIA, "Art. 15", "partial"),
            (AIA, "Art. 55", "partial"),
            (NIST, "MEASURE 2.7", "full"),
            (NIST, "MEASURE 2.6", "partial"),
            (ISO, "A.6.2.4", "partial"),
        ],
    },
    {
        "code": "VAL-02",
        "title": "Red teaming",
        "description": (
            "A team independent of the developers attacks the AI system the way a real adversary would, trying "
            "jailbreaks, prompt injection, data leakage and misuse, before launch and at intervals afterwards. "
            "Each finding is tracked to a fix and retested."
        ),
        "phase": "validation",
        "evidence_kinds": ["test_report", "document"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 55", "partial"),
            (AIA, "Art. 15", "partial"),
            (NIST, "MEASURE 1.3", "partial"),
            (NIST, "MEASURE 2.7", "partial"),
            (NIST, "GOVERN 4.3", "partial"),
            (ISO, "A.6.2.4", "partial"),
        ],
    },
    {
        "code": "VAL-03",
        "title": "Bias and fairness audit",
        "description": (
            "Model outcomes are compared across demographic and other relevant groups with agreed fairness "
            "metrics, and the training data is examined for gaps and skew. Material disparities are mitigated "
            "or justified and measured again after each retraining."
        ),
        "phase": "validation",
        "evidence_kinds": ["test_report", "metric"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 5", "partial"),
            (AIA, "Art. 10", "partial"),
            (NIST, "MEASURE 2.11", "full"),
            (ISO, "A.5.4", "partial"),
            (ISO, "A.7.4", "supporting"),
        ],
    },
    {
        "code": "VAL-04",
        "title": "Performance validation against set thresholds",
        "description": (
            "Accuracy and other performance metrics are measured on held-out data that resembles the deployment "
            "setting, per group as well as overall, against thresholds agreed before testing. Test sets, metrics "
            "and tools are documented and the results are signed off."
        ),
        "phase": "validation",
        "evidence_kinds": ["test_report", "metric"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 5", "supporting"),
            (AIA, "Art. 15", "partial"),
            (AIA, "Art. 9", "partial"),
            (AIA, "Annex IV", "partial"),
            (NIST, "MEASURE 2.5", "full"),
            (NIST, "MEASURE 2.1", "full"),
            (NIST, "MEASURE 2.3", "partial"),
            (ISO, "A.6.2.4", "full"),
        ],
    },
    {
        "code": "VAL-05",
        "title": "Release go/no-go decision",
        "description": (
            "A documented review decides whether the system meets its purpose and risk criteria before it is "
            "deployed, weighing test results, open risks and the residual risk left to users. The accountable "
            "owner signs the decision and any conditions attached to it."
        ),
        "phase": "validation",
        "evidence_kinds": ["document", "signature"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 24", "supporting"),
            (AIA, "Art. 9", "partial"),
            (NIST, "MANAGE 1.1", "full"),
            (NIST, "MANAGE 1.4", "partial"),
            (NIST, "MEASURE 2.6", "partial"),
            (ISO, "A.6.2.5", "partial"),
        ],
    },
    {
        "code": "VAL-06",
        "title": "Explainability evaluation",
        "description": (
            "Explanation methods that suit the model, such as feature attributions or counterfactuals, are chosen "
            "and checked for faithfulness so that deployers and affected people can make sense of outputs. The "
            "known limits of those explanations are stated in the instructions for use."
        ),
        "phase": "validation",
        "evidence_kinds": ["test_report", "document"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 13", "supporting"),
            (GDPR, "Art. 22", "supporting"),
            (AIA, "Art. 13", "partial"),
            (AIA, "Art. 14", "supporting"),
            (NIST, "MEASURE 2.9", "full"),
            (ISO, "A.8.2", "supporting"),
        ],
    },
    # ------------------------------------------------------------------ documentation and transparency
    {
        "code": "DOC-01",
        "title": "Technical documentation (Annex IV)",
        "description": (
            "A technical file that follows Annex IV is prepared before market placement and kept current: system "
            "description, design and development, data, testing, oversight, cybersecurity, risk management, "
            "standards applied and the post-market plan. It is versioned together with the system it describes."
        ),
        "phase": "development",
        "evidence_kinds": ["document"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 30", "supporting"),
            (AIA, "Art. 11", "full"),
            (AIA, "Annex IV", "full"),
            (NIST, "MAP 2.2", "partial"),
            (NIST, "MEASURE 2.1", "partial"),
            (NIST, "GOVERN 4.2", "partial"),
            (ISO, "A.6.2.7", "full"),
            (ISO, "A.6.2.3", "full"),
        ],
    },
    {
        "code": "DOC-02",
        "title": "Model cards",
        "description": (
            "Every model has a model card giving its intended and out-of-scope uses, training data, evaluation "
            "results broken down by group, limitations, ethical considerations and security controls. The card "
            "is regenerated with each release."
        ),
        "phase": "development",
        "evidence_kinds": ["document"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 5", "supporting"),
            (AIA, "Art. 13", "partial"),
            (AIA, "Annex IV", "supporting"),
            (NIST, "MAP 2.2", "partial"),
            (NIST, "MEASURE 2.8", "partial"),
            (NIST, "MEASURE 2.9", "supporting"),
            (ISO, "A.8.2", "partial"),
            (ISO, "A.6.2.7", "partial"),
        ],
    },
    {
        "code": "DOC-03",
        "title": "Instructions for use for deployers",
        "description": (
            "Deployers receive instructions that state who the provider is, the intended purpose, accuracy and "
            "robustness levels, known risks, oversight measures, input requirements, expected lifetime and how "
            "to collect and read the logs. The instructions are kept in step with every release."
        ),
        "phase": "deployment",
        "evidence_kinds": ["document"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 35", "supporting"),
            (AIA, "Art. 13", "full"),
            (AIA, "Art. 26", "supporting"),
            (NIST, "MAP 2.2", "partial"),
            (NIST, "MEASURE 2.8", "partial"),
            (ISO, "A.8.2", "full"),
            (ISO, "A.10.4", "partial"),
        ],
    },
    {
        "code": "DOC-04",
        "title": "AI transparency notices (Art. 50)",
        "description": (
            "People are told plainly, no later than their first contact, that they are dealing with an AI system "
            "such as a chatbot, or that emotion recognition or biometric categorisation is being applied to "
            "them. Deep fakes and AI-written texts published on matters of public interest are disclosed as "
            "artificial."
        ),
        "phase": "deployment",
        "evidence_kinds": ["document", "test_report"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 13", "partial"),
            (GDPR, "Art. 12", "supporting"),
            (GDPR, "Art. 14", "supporting"),
            (AIA, "Art. 50", "partial"),
            (AIA, "Art. 26", "supporting"),
            (NIST, "MEASURE 2.8", "partial"),
            (ISO, "A.8.5", "partial"),
            (ISO, "A.8.2", "supporting"),
        ],
    },
    {
        "code": "DOC-05",
        "title": "Machine-readable marking of generated content",
        "description": (
            "Synthetic audio, images, video and text from generative systems carry a robust machine-readable "
            "mark, such as a watermark or signed provenance metadata, that detection tools can recognise. How "
            "well the mark survives common edits is tested."
        ),
        "phase": "development",
        "evidence_kinds": ["test_report"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (AIA, "Art. 50", "partial"),
            (NIST, "MEASURE 2.8", "supporting"),
            (ISO, "A.8.5", "supporting"),
        ],
    },
    {
        "code": "DOC-06",
        "title": "General-purpose AI model documentation",
        "description": (
            "Providers of general-purpose AI models keep technical documentation for the authorities, give "
            "downstream providers what they need to integrate the model, keep a copyright-compliance policy and "
            "publish a summary of the training content. Models with systemic risk add evaluation and "
            "adversarial-testing records."
        ),
        "phase": "development",
        "evidence_kinds": ["document"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 14", "supporting"),
            (AIA, "Art. 53", "full"),
            (AIA, "Art. 55", "partial"),
            (NIST, "MEASURE 2.8", "partial"),
            (NIST, "GOVERN 6.1", "supporting"),
            (ISO, "A.6.2.7", "partial"),
            (ISO, "A.10.4", "partial"),
            (ISO, "A.8.2", "supporting"),
        ],
    },
    # ------------------------------------------------------------------ operation and monitoring
    {
        "code": "OPS-01",
        "title": "Security audit logging",
        "description": (
            "Access to data, models and inference endpoints, administrative changes and security events are "
            "written to an append-only, tamper-evident log that records actor, action, object and time. Logs are "
            "collected centrally and reviewed for suspicious activity."
        ),
        "phase": "operation",
        "evidence_kinds": ["audit_log"],
        "max_evidence_age_days": LOGS,
        "mappings": [
            (GDPR, "Art. 32", "partial"),
            (GDPR, "Art. 5", "supporting"),
            (AIA, "Art. 12", "partial"),
            (AIA, "Art. 19", "supporting"),
            (NIST, "MEASURE 2.4", "partial"),
            (NIST, "MEASURE 2.8", "supporting"),
            (ISO, "A.6.2.8", "partial"),
        ],
    },
    {
        "code": "OPS-02",
        "title": "Automatic event recording and log retention",
        "description": (
            "High-risk AI systems log events automatically for their whole life, such as periods of use, inputs "
            "that raised alerts, reference data consulted and who checked the results, so risky situations and "
            "substantial changes can be traced. Providers and deployers keep these logs for at least six months."
        ),
        "phase": "operation",
        "evidence_kinds": ["audit_log"],
        "max_evidence_age_days": LOGS,
        "mappings": [
            (GDPR, "Art. 5", "supporting"),
            (AIA, "Art. 12", "full"),
            (AIA, "Art. 19", "full"),
            (AIA, "Art. 26", "partial"),
            (NIST, "MEASURE 2.4", "partial"),
            (NIST, "MANAGE 4.1", "supporting"),
            (ISO, "A.6.2.8", "full"),
        ],
    },
    {
        "code": "OPS-03",
        "title": "Data and concept drift monitoring",
        "description": (
            "Input and prediction distributions are compared continuously with the training baseline, and drift "
            "beyond a set threshold raises an alert and a decision on retraining. Drift reports are kept as "
            "monitoring evidence."
        ),
        "phase": "operation",
        "evidence_kinds": ["metric", "audit_log"],
        "max_evidence_age_days": LOGS,
        "mappings": [
            (GDPR, "Art. 5", "supporting"),
            (AIA, "Art. 72", "partial"),
            (AIA, "Art. 15", "supporting"),
            (NIST, "MEASURE 2.4", "full"),
            (NIST, "MEASURE 4.3", "partial"),
            (NIST, "MEASURE 3.1", "supporting"),
            (ISO, "A.6.2.6", "partial"),
        ],
    },
    {
        "code": "OPS-04",
        "title": "Anomaly and performance monitoring",
        "description": (
            "Production telemetry such as error rates, confidence distribution, latency and resource use is "
            "watched for anomalies that may point to attacks, poisoning or degraded performance. Alerts go to an "
            "on-call owner who must respond within a set time."
        ),
        "phase": "operation",
        "evidence_kinds": ["metric", "audit_log"],
        "max_evidence_age_days": LOGS,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 26", "partial"),
            (AIA, "Art. 15", "supporting"),
            (NIST, "MEASURE 2.4", "full"),
            (NIST, "MEASURE 2.6", "partial"),
            (ISO, "A.6.2.6", "full"),
        ],
    },
    {
        "code": "OPS-05",
        "title": "Human oversight",
        "description": (
            "High-risk systems are designed and run so that trained people can interpret their outputs, notice "
            "when they go wrong, set a result aside or reverse it, and bring the system to a safe stop. Oversight "
            "duties, escalation paths and the interface tools that support them are documented."
        ),
        "phase": "operation",
        "evidence_kinds": ["document", "attestation", "audit_log"],
        "max_evidence_age_days": SEMIANNUAL,
        "mappings": [
            (GDPR, "Art. 22", "partial"),
            (AIA, "Art. 14", "full"),
            (AIA, "Art. 26", "partial"),
            (NIST, "GOVERN 3.2", "full"),
            (NIST, "MAP 3.5", "full"),
            (ISO, "A.9.2", "partial"),
            (ISO, "A.9.3", "supporting"),
        ],
    },
    {
        "code": "OPS-06",
        "title": "AI incident response plan",
        "description": (
            "An incident plan written for AI covers detecting, containing, investigating, recovering from and "
            "learning from events such as poisoned data, stolen or tampered models and harmful outputs. It names "
            "roles and contacts, includes playbooks like disabling an endpoint, rotating keys and rolling back a "
            "model, and is rehearsed at least once a year."
        ),
        "phase": "operation",
        "evidence_kinds": ["document", "test_report"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 33", "supporting"),
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 73", "supporting"),
            (AIA, "Art. 20", "supporting"),
            (NIST, "MANAGE 2.3", "full"),
            (NIST, "MANAGE 4.3", "partial"),
            (NIST, "GOVERN 4.3", "partial"),
            (ISO, "A.8.4", "partial"),
            (ISO, "A.6.2.6", "supporting"),
        ],
    },
    {
        "code": "OPS-07",
        "title": "Serious-incident reporting",
        "description": (
            "Serious incidents, meaning death or serious harm to health, major disruption of critical "
            "infrastructure, breaches of fundamental-rights law, or serious damage to property or the "
            "environment, are reported to the market surveillance authority as soon as a causal link is likely. "
            "The report goes out within 15 days at most, 10 days after a death and 2 days for widespread or "
            "critical-infrastructure cases, and the system is not changed in ways that would hinder the "
            "investigation."
        ),
        "phase": "operation",
        "evidence_kinds": ["document", "audit_log"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 33", "supporting"),
            (AIA, "Art. 73", "full"),
            (AIA, "Art. 26", "partial"),
            (AIA, "Art. 55", "supporting"),
            (AIA, "Art. 20", "supporting"),
            (NIST, "MANAGE 4.3", "full"),
            (NIST, "GOVERN 4.3", "supporting"),
            (ISO, "A.8.4", "full"),
            (ISO, "A.8.3", "partial"),
        ],
    },
    {
        "code": "OPS-08",
        "title": "Post-market monitoring",
        "description": (
            "Providers follow a written post-market monitoring plan that collects and analyses performance data "
            "from deployers and other sources for as long as the system is in use. Findings feed the risk "
            "management system and can trigger corrective action."
        ),
        "phase": "operation",
        "evidence_kinds": ["document", "metric"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 24", "supporting"),
            (AIA, "Art. 72", "full"),
            (AIA, "Art. 9", "supporting"),
            (NIST, "MANAGE 4.1", "full"),
            (NIST, "MANAGE 4.2", "partial"),
            (NIST, "MEASURE 4.3", "partial"),
            (ISO, "A.6.2.6", "partial"),
            (ISO, "A.8.3", "supporting"),
        ],
    },
    {
        "code": "OPS-09",
        "title": "Model versioning and rollback",
        "description": (
            "Every released model is registered with a unique version, its lineage and its evaluation results, "
            "and the last known-good version stays ready to serve. A rehearsed rollback restores it quickly when "
            "a release misbehaves or is found to be compromised."
        ),
        "phase": "deployment",
        "evidence_kinds": ["audit_log", "test_report"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 32", "partial"),
            (AIA, "Art. 15", "partial"),
            (AIA, "Annex IV", "supporting"),
            (AIA, "Art. 20", "supporting"),
            (NIST, "MANAGE 2.3", "partial"),
            (NIST, "MANAGE 2.4", "supporting"),
            (ISO, "A.6.2.5", "partial"),
            (ISO, "A.6.2.6", "supporting"),
        ],
    },
    {
        "code": "OPS-10",
        "title": "Canary and shadow deployment",
        "description": (
            "A new model version first handles a small share of traffic, or runs in shadow beside the current "
            "one, while their metrics are compared. The rollout continues only if guardrail metrics hold and "
            "reverts automatically if they do not."
        ),
        "phase": "deployment",
        "evidence_kinds": ["metric", "audit_log"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "supporting"),
            (NIST, "MEASURE 2.3", "partial"),
            (NIST, "MANAGE 2.3", "supporting"),
            (ISO, "A.6.2.5", "partial"),
        ],
    },
    {
        "code": "OPS-11",
        "title": "Circuit breakers and safe fallback",
        "description": (
            "When anomaly thresholds are crossed or the model fails, a circuit breaker takes it out of service "
            "automatically and sends requests to a safe fallback such as rules, an earlier version or a human. "
            "Operators can also trip the breaker by hand as a stop control."
        ),
        "phase": "operation",
        "evidence_kinds": ["test_report", "audit_log"],
        "max_evidence_age_days": TESTS,
        "mappings": [
            (GDPR, "Art. 32", "supporting"),
            (AIA, "Art. 15", "partial"),
            (AIA, "Art. 14", "supporting"),
            (NIST, "MEASURE 2.6", "partial"),
            (NIST, "MANAGE 2.4", "partial"),
            (NIST, "GOVERN 6.2", "supporting"),
            (ISO, "A.6.2.6", "partial"),
        ],
    },
    # ------------------------------------------------------------------ retirement
    {
        "code": "OPS-12",
        "title": "Corrective action, withdrawal and decommissioning",
        "description": (
            "A system found non-conforming is corrected, disabled, withdrawn or recalled promptly and the parties "
            "concerned are informed. Planned retirement follows a checklist that notifies users, shuts endpoints, "
            "revokes credentials and deletes or archives models and data according to the retention schedule."
        ),
        "phase": "retirement",
        "evidence_kinds": ["document", "attestation"],
        "max_evidence_age_days": YEARLY,
        "mappings": [
            (GDPR, "Art. 17", "partial"),
            (GDPR, "Art. 5", "supporting"),
            (AIA, "Art. 20", "full"),
            (NIST, "GOVERN 1.7", "full"),
            (NIST, "MANAGE 2.4", "full"),
            (ISO, "A.6.2.6", "supporting"),
        ],
    },
]
