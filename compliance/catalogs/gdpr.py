"""GDPR (Regulation (EU) 2016/679): the articles that bear most directly on AI systems.

Pure data, loaded by ``compliance.seed``. Titles are the official article titles; descriptions are
short summaries written for this catalog (the Official Journal text is authoritative). Source:
shared/reference/standards.md section 3.2.
"""

FRAMEWORK = {
    "slug": "gdpr",
    "name": "General Data Protection Regulation",
    "short_name": "GDPR",
    "version": "Regulation (EU) 2016/679",
    "description": (
        "The EU's general law on personal data, applying since 25 May 2018. It matters for AI wherever personal "
        "data is used to train, test or run a system, or where a system makes decisions about people."
    ),
    "url": "http://data.europa.eu/eli/reg/2016/679/oj",
}


def _article(code, title, description, applicability="personal_data"):
    return {"code": code, "title": title, "description": description, "kind": "article", "parent": None,
            "applicability": applicability}


REQUIREMENTS = [
    _article("Art. 4", "Definitions",
             "Defines the terms the rest of the Regulation relies on, such as personal data, processing, profiling, "
             "pseudonymisation, controller, processor, consent, data breach and biometric data."),
    _article("Art. 5", "Principles relating to processing of personal data",
             "Personal data must be handled lawfully, fairly and openly, for set purposes, kept to what is needed, "
             "accurate, not kept longer than necessary and kept secure; the controller must be able to prove it."),
    _article("Art. 6", "Lawfulness of processing",
             "Every use of personal data needs one of six legal bases, such as consent, a contract or legitimate "
             "interests; reusing data for a new purpose, like model training, must be compatible with the original."),
    _article("Art. 7", "Conditions for consent",
             "Where consent is relied on, the controller must be able to prove it, the request must stand apart from "
             "other matters, and people must be able to withdraw it."),
    _article("Art. 9", "Processing of special categories of personal data",
             "Sensitive data such as health, biometric, genetic, ethnic, political, religious or sex-life data may "
             "only be used under one of a closed list of exceptions, for example explicit consent.",
             applicability="special_category"),
    _article("Art. 12", "Transparent information, communication and modalities for the exercise of the rights of "
                        "the data subject",
             "Information to people must be concise and easy to understand, and their requests must be answered "
             "within one month, extendable by two more."),
    _article("Art. 13", "Information to be provided where personal data are collected from the data subject",
             "When collecting data directly from people, tell them how it will be used, including whether automated "
             "decisions or profiling are involved, the logic behind them and their likely effect."),
    _article("Art. 14", "Information to be provided where personal data have not been obtained from the data subject",
             "The same duty to inform applies to data obtained from elsewhere, such as scraped training data, with "
             "narrow exceptions where informing people would take disproportionate effort."),
    _article("Art. 15", "Right of access by the data subject",
             "People can obtain a copy of their data and learn how it is used, including meaningful information "
             "about any automated decision-making."),
    _article("Art. 16", "Right to rectification",
             "People can have inaccurate data about them corrected, which can extend to what a system outputs "
             "about them."),
    _article("Art. 17", "Right to erasure ('right to be forgotten')",
             "People can have their data deleted in certain cases, which raises questions for training data and "
             "for removing what a model has learned."),
    _article("Art. 18", "Right to restriction of processing",
             "In certain situations people can require that the use of their data be limited."),
    _article("Art. 20", "Right to data portability",
             "People can obtain their data in a form they can take to another service."),
    _article("Art. 21", "Right to object",
             "People can object to processing based on public tasks or legitimate interests, including profiling, "
             "and can always stop processing for direct marketing."),
    _article("Art. 22", "Automated individual decision-making, including profiling",
             "People have a right not to be subject to purely automated decisions with legal or similarly "
             "significant effects, save narrow exceptions, and then are entitled to human review, to give their view "
             "and to contest the decision.", applicability="automated_decisions"),
    _article("Art. 24", "Responsibility of the controller",
             "The controller must put suitable technical and organisational measures and policies in place and be "
             "able to show that processing complies."),
    _article("Art. 25", "Data protection by design and by default",
             "Build privacy into a system from the design stage, for example through pseudonymisation and "
             "minimisation, and make the most protective settings the default."),
    _article("Art. 28", "Processor",
             "Use only service providers that give sufficient guarantees, such as AI vendors and API providers, "
             "and bind them with a contract containing the required terms."),
    _article("Art. 30", "Records of processing activities",
             "Keep a record of each processing activity: its purposes, the people and data concerned, recipients, "
             "transfers, retention periods and security measures."),
    _article("Art. 32", "Security of processing",
             "Protect personal data with security matched to the risk, such as encryption or pseudonymisation, "
             "resilient systems, the ability to restore data, and regular testing."),
    _article("Art. 33", "Notification of a personal data breach to the supervisory authority",
             "Report a personal data breach to the supervisory authority without undue delay, where possible within "
             "72 hours, and keep a record of every breach."),
    _article("Art. 34", "Communication of a personal data breach to the data subject",
             "Tell the affected people about a breach when it is likely to put their rights and freedoms at high "
             "risk."),
    _article("Art. 35", "Data protection impact assessment",
             "Assess the impact before processing likely to be high-risk, such as extensive automated evaluation or "
             "profiling of people, large-scale use of sensitive data, or large-scale monitoring of public spaces."),
    _article("Art. 36", "Prior consultation",
             "If an impact assessment shows that a high risk remains after mitigation, consult the supervisory "
             "authority before starting."),
    _article("Art. 37", "Designation of the data protection officer",
             "Sets when an organisation must appoint a data protection officer."),
    _article("Art. 38", "Position of the data protection officer",
             "Sets the standing of the data protection officer within the organisation."),
    _article("Art. 39", "Tasks of the data protection officer",
             "Sets out what the data protection officer does, including building data protection awareness among "
             "staff."),
    _article("Art. 44", "General principle for transfers",
             "Personal data may leave the EU only when the conditions of the transfer chapter are met."),
    _article("Art. 45", "Transfers on the basis of an adequacy decision",
             "Data may flow freely to countries the Commission has found adequate, such as US organisations in the "
             "EU-US Data Privacy Framework."),
    _article("Art. 46", "Transfers subject to appropriate safeguards",
             "Without an adequacy decision, transfers need safeguards such as standard contractual clauses, binding "
             "corporate rules, codes or certifications."),
    _article("Art. 47", "Binding corporate rules",
             "Internal rules, approved by the authorities, under which a group of companies may move personal data "
             "outside the EU."),
    _article("Art. 48", "Transfers or disclosures not authorised by Union law",
             "An order from a foreign court or authority to hand over data is enforceable only through an "
             "international agreement."),
    _article("Art. 49", "Derogations for specific situations",
             "A short list of exceptional grounds, such as explicit consent or legal claims, that allow a transfer "
             "without adequacy or safeguards."),
    _article("Art. 83", "General conditions for imposing administrative fines",
             "Fines reach EUR 10 million or 2% of worldwide turnover for breaches such as Articles 25 to 39, and EUR "
             "20 million or 4% for breaches of the principles, legal bases, rights and transfer rules."),
]
