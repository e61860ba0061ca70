"""ISO/IEC 42001:2023 Annex A: reference control objectives and controls for an AI management system.

Pure data, loaded by ``compliance.seed``. Objective and control titles are as widely published; the
standard's own text is copyrighted and is not reproduced: descriptions are short summaries written
for this catalog from the titles. In each area A.x, A.x.1 is the objective and the controls start at
A.x.2; area A.6 has two objectives (A.6.1 and A.6.2), kept here as sub-objectives of A.6.
Source: shared/reference/standards.md 4.2.
"""

FRAMEWORK = {
    "slug": "iso-42001",
    "name": "ISO/IEC 42001 AI management system",
    "short_name": "ISO/IEC 42001",
    "version": "ISO/IEC 42001:2023 (edition 1)",
    "description": (
        "The certifiable international standard for an AI management system, published in December 2023. "
        "Its Annex A lists reference control objectives and 38 controls an organisation selects from."
    ),
    "url": "",
}

# (code, title, description); objectives have codes A.x (or A.6.1 / A.6.2), controls one more level.
_ANNEX_A = [
    ("A.2", "Policies related to AI",
     "Management gives direction and support for AI systems through documented policy."),
    ("A.2.2", "AI policy",
     "Write down the organisation's policy for developing or using AI systems."),
    ("A.2.3", "Alignment with other organizational policies",
     "Find where other policies, such as security, privacy or quality, touch AI and keep them consistent with the "
     "AI policy."),
    ("A.2.4", "Review of the AI policy",
     "Review the AI policy at planned times so it stays suitable and effective."),

    ("A.3", "Internal organization",
     "An internal structure that makes accountability for AI clear."),
    ("A.3.2", "AI roles and responsibilities",
     "Define and assign who is responsible for what across the organisation's AI systems."),
    ("A.3.3", "Reporting of concerns",
     "Give people a way to raise concerns about the organisation's AI systems."),

    ("A.4", "Resources for AI systems",
     "Account for the resources AI systems depend on, so their risks and impacts can be understood."),
    ("A.4.2", "Resource documentation",
     "Identify and document the resources each AI system relies on."),
    ("A.4.3", "Data resources",
     "Document the data each AI system uses."),
    ("A.4.4", "Tooling resources",
     "Document the tools used to build and run each AI system."),
    ("A.4.5", "System and computing resources",
     "Document the systems and computing capacity each AI system uses."),
    ("A.4.6", "Human resources",
     "Document the people and skills each AI system needs across its life."),

    ("A.5", "Assessing impacts of AI systems",
     "Understand how AI systems may affect individuals, groups and society."),
    ("A.5.2", "AI system impact assessment process",
     "Have a set process for assessing the possible consequences of AI systems."),
    ("A.5.3", "Documentation of AI system impact assessments",
     "Record the results of impact assessments and keep them."),
    ("A.5.4", "Assessing AI system impact on individuals or groups of individuals",
     "Assess how an AI system could affect individual people or groups of people."),
    ("A.5.5", "Assessing societal impacts of AI systems",
     "Assess how an AI system could affect society as a whole."),

    ("A.6", "AI system life cycle",
     "Manage AI systems responsibly at every stage from design to retirement."),
    ("A.6.1", "Management guidance for AI system development",
     "Management sets direction for developing AI systems responsibly."),
    ("A.6.1.2", "Objectives for responsible development of AI system",
     "Set and document the objectives that guide responsible development of AI systems."),
    ("A.6.1.3", "Processes for responsible AI system design and development",
     "Define the processes used to design and develop AI systems responsibly."),
    ("A.6.2", "AI system life cycle",
     "Requirements and criteria for each stage of an AI system's life cycle."),
    ("A.6.2.2", "AI system requirements and specification",
     "Specify and document what each AI system is required to do."),
    ("A.6.2.3", "Documentation of AI system design and development",
     "Document how the AI system was designed and built."),
    ("A.6.2.4", "AI system verification and validation",
     "Check that the AI system meets its requirements and is fit for its intended use."),
    ("A.6.2.5", "AI system deployment",
     "Plan the release of the AI system and confirm it is ready before it goes live."),
    ("A.6.2.6", "AI system operation and monitoring",
     "Define what is needed to run the AI system and watch how it behaves once in use."),
    ("A.6.2.7", "AI system technical documentation",
     "Provide the technical documentation that users and other relevant parties need about the AI system."),
    ("A.6.2.8", "AI system recording of event logs",
     "Decide when the AI system should record event logs, and make sure it does."),

    ("A.7", "Data for AI systems",
     "Understand the role and effect of data in AI systems throughout their life."),
    ("A.7.2", "Data for development and enhancement of AI system",
     "Manage the data used to build and improve AI systems through defined processes."),
    ("A.7.3", "Acquisition of data",
     "Record how data is obtained and selected."),
    ("A.7.4", "Quality of data for AI systems",
     "Set quality requirements for data and make sure the data meets them."),
    ("A.7.5", "Data provenance",
     "Keep track of where data came from and what has been done to it."),
    ("A.7.6", "Data preparation",
     "Define how data is prepared, for example cleaned and labelled, and the criteria used."),

    ("A.8", "Information for interested parties of AI systems",
     "Make sure interested parties get the information they need to understand and assess the AI system."),
    ("A.8.2", "System documentation and information for users",
     "Give users the documentation and information they need about the AI system."),
    ("A.8.3", "External reporting",
     "Let people outside the organisation report problems or harmful effects of the AI system."),
    ("A.8.4", "Communication of incidents",
     "Plan how incidents involving the AI system are communicated to users and others concerned."),
    ("A.8.5", "Information for interested parties",
     "Decide what information about the AI system is shared with interested parties, and how."),

    ("A.9", "Use of AI systems",
     "Use AI systems responsibly and in line with the organisation's policies."),
    ("A.9.2", "Processes for responsible use of AI systems",
     "Define the processes for using AI systems responsibly."),
    ("A.9.3", "Objectives for responsible use of AI system",
     "Set and document the objectives that guide responsible use of AI systems."),
    ("A.9.4", "Intended use of the AI system",
     "Make sure the AI system is used for its intended purpose and as its documentation describes."),

    ("A.10", "Third-party and customer relationships",
     "Understand and share out responsibilities when suppliers, partners or customers are involved."),
    ("A.10.2", "Allocating responsibilities",
     "Divide responsibilities for the AI system between the organisation and its partners, suppliers and "
     "customers."),
    ("A.10.3", "Suppliers",
     "Make sure what suppliers provide fits the organisation's approach to responsible AI."),
    ("A.10.4", "Customers",
     "Take customers' needs and expectations into account when providing AI products or services."),
]

# Objectives that sit under another objective rather than at the top of an area.
_SUB_OBJECTIVES = {"A.6.1", "A.6.2"}


def _entry(code, title, description):
    parts = code.split(".")
    if code in _SUB_OBJECTIVES:
        kind, parent = "objective", ".".join(parts[:2])
    elif len(parts) == 2:
        kind, parent = "objective", None
    else:
        kind, parent = "control", ".".join(parts[:-1])
    return {"code": code, "title": title, "description": description, "kind": kind, "parent": parent,
            "applicability": "always"}


REQUIREMENTS = [_entry(*row) for row in _ANNEX_A]
