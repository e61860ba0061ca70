"""The built-in threat catalog.

Pure data, no Django imports: ``risk.seed.load_threats`` loads it and ``risk.engine`` evaluates the
rules. The threats are the ones the seed articles on AI security name (poisoning, extraction,
evasion, inversion, membership inference, supply-chain compromise, transfer-learning attacks,
prompt injection, backdoors, denial of service, insider misuse, hardware side channels, drift …),
each tagged with MITRE ATLAS technique ids (data v5.6.0) and OWASP ML Top 10 (2023) / LLM Top 10
(2025) ids as listed in shared/reference/standards.md §5–6. Every description and reason is
written for this catalog.

A threat applies to an asset of one of its ``kinds`` when ANY of its ``rules`` matches; the first
matching rule supplies the reason shown to the user. Rule grammar::

    RULE      = {"if": CONDITION, "reason": "text with {asset} and, for paths, {via}"}
    CONDITION = {"field": NAME, "in": [VALUE, ...]}                 # a field of the asset itself
              | {"path": [HOP, ...], "where": FIELD_CONDITION}      # an asset reachable by HOPs matches
              | {"all": [CONDITION, ...]} | {"any": [CONDITION, ...]}
    HOP       = {"rel": [RELATION_TYPE, ...], "dir": "out" | "in"}

``where`` may be left out to require only that the path exists. ``{via}`` becomes the name of the
asset a path reached; inside ``all`` it is the asset of the first path, so the path that names the
culprit always comes first.

Two details of the inventory shape the rules. Every asset row carries every field, so a boolean
such as ``third_party`` or ``encrypted_at_rest`` is ``False`` on assets of kinds it does not belong
to; rules on shared or defaulted booleans therefore also test ``kind``. And ``where`` holds a single
field condition, so where two properties of the same neighbour matter (public *and* unencrypted
storage) the rule uses two paths, which could in theory be satisfied by two different neighbours.
"""

# ---------------------------------------------------------------------------------------------- vocabulary

# Names of the ATLAS techniques used below, as in ATLAS data v5.6.0 (sub-techniques as "Parent: Sub").
ATLAS_TECHNIQUES = {
    "AML.T0005.001": "Create Proxy AI Model: Train Proxy via Replication",
    "AML.T0005.002": "Create Proxy AI Model: Use Pre-Trained Model",
    "AML.T0007": "Discover AI Artifacts",
    "AML.T0010": "AI Supply Chain Compromise",
    "AML.T0010.000": "AI Supply Chain Compromise: Hardware",
    "AML.T0010.001": "AI Supply Chain Compromise: AI Software",
    "AML.T0010.002": "AI Supply Chain Compromise: Data",
    "AML.T0010.003": "AI Supply Chain Compromise: Model",
    "AML.T0010.004": "AI Supply Chain Compromise: Container Registry",
    "AML.T0011.000": "User Execution: Unsafe AI Artifacts",
    "AML.T0011.001": "User Execution: Malicious Package",
    "AML.T0012": "Valid Accounts",
    "AML.T0015": "Evade AI Model",
    "AML.T0018": "Manipulate AI Model",
    "AML.T0018.000": "Manipulate AI Model: Poison AI Model",
    "AML.T0018.002": "Manipulate AI Model: Embed Malware",
    "AML.T0019": "Publish Poisoned Datasets",
    "AML.T0020": "Poison Training Data",
    "AML.T0024": "Exfiltration via AI Inference API",
    "AML.T0024.000": "Exfiltration via AI Inference API: Infer Training Data Membership",
    "AML.T0024.001": "Exfiltration via AI Inference API: Invert AI Model",
    "AML.T0024.002": "Exfiltration via AI Inference API: Extract AI Model",
    "AML.T0025": "Exfiltration via Cyber Means",
    "AML.T0029": "Denial of AI Service",
    "AML.T0031": "Erode AI Model Integrity",
    "AML.T0034": "Cost Harvesting",
    "AML.T0034.000": "Cost Harvesting: Excessive Queries",
    "AML.T0034.001": "Cost Harvesting: Resource-Intensive Queries",
    "AML.T0035": "AI Artifact Collection",
    "AML.T0036": "Data from Information Repositories",
    "AML.T0037": "Data from Local System",
    "AML.T0040": "AI Model Inference API Access",
    "AML.T0043": "Craft Adversarial Data",
    "AML.T0043.000": "Craft Adversarial Data: White-Box Optimization",
    "AML.T0043.001": "Craft Adversarial Data: Black-Box Optimization",
    "AML.T0043.002": "Craft Adversarial Data: Black-Box Transfer",
    "AML.T0043.003": "Craft Adversarial Data: Manual Modification",
    "AML.T0043.004": "Craft Adversarial Data: Insert Backdoor Trigger",
    "AML.T0046": "Spamming AI System with Chaff Data",
    "AML.T0048.004": "External Harms: AI Intellectual Property Theft",
    "AML.T0050": "Command and Scripting Interpreter",
    "AML.T0051": "LLM Prompt Injection",
    "AML.T0051.000": "LLM Prompt Injection: Direct",
    "AML.T0051.001": "LLM Prompt Injection: Indirect",
    "AML.T0053": "AI Agent Tool Invocation",
    "AML.T0054": "LLM Jailbreak",
    "AML.T0055": "Unsecured Credentials",
    "AML.T0056": "Extract LLM System Prompt",
    "AML.T0057": "LLM Data Leakage",
    "AML.T0058": "Publish Poisoned Models",
    "AML.T0059": "Erode Dataset Integrity",
    "AML.T0065": "LLM Prompt Crafting",
    "AML.T0066": "Retrieval Content Crafting",
    "AML.T0068": "LLM Prompt Obfuscation",
    "AML.T0069.002": "Discover LLM System Information: System Prompt",
    "AML.T0070": "RAG Poisoning",
    "AML.T0071": "False RAG Entry Injection",
    "AML.T0077": "LLM Response Rendering",
    "AML.T0086": "Exfiltration via AI Agent Tool Invocation",
    "AML.T0093": "Prompt Infiltration via Public-Facing Application",
}

# OWASP Machine Learning Security Top Ten (2023); ids are written without the ":2023" suffix.
OWASP_ML = {
    "ML01": "Input Manipulation Attack",
    "ML02": "Data Poisoning Attack",
    "ML03": "Model Inversion Attack",
    "ML04": "Membership Inference Attack",
    "ML05": "Model Theft",
    "ML06": "ML Supply Chain Attacks",
    "ML07": "Transfer Learning Attack",
    "ML08": "Model Skewing",
    "ML09": "Output Integrity Attack",
    "ML10": "Model Poisoning",
}

# OWASP Top 10 for LLM Applications 2025; ids are written without the ":2025" suffix.
OWASP_LLM = {
    "LLM01": "Prompt Injection",
    "LLM02": "Sensitive Information Disclosure",
    "LLM03": "Supply Chain",
    "LLM04": "Data and Model Poisoning",
    "LLM05": "Improper Output Handling",
    "LLM06": "Excessive Agency",
    "LLM07": "System Prompt Leakage",
    "LLM08": "Vector and Embedding Weaknesses",
    "LLM09": "Misinformation",
    "LLM10": "Unbounded Consumption",
}


# ------------------------------------------------------------------------------------- rule building blocks
# Small constructors so the rules below read as sentences; they only build plain dicts.

def _field(name, *values):
    return {"field": name, "in": list(values)}


def _hop(*rels, dir="out"):  # noqa: A002 - "dir" is the key the grammar uses
    return {"rel": list(rels), "dir": dir}


def _path(*hops, where=None):
    cond = {"path": list(hops)}
    if where is not None:
        cond["where"] = where
    return cond


def _all(*conds):
    return {"all": list(conds)}


def _any(*conds):
    return {"any": list(conds)}


def _rule(cond, reason):
    return {"if": cond, "reason": reason}


PART_OF, TRAINED_ON, FINE_TUNED_FROM = "part_of", "trained_on", "fine_tuned_from"
DEPLOYED_ON, DEPENDS_ON, FEEDS = "deployed_on", "depends_on", "feeds"

IS_SYSTEM = _field("kind", "system")
IS_MODEL = _field("kind", "model")
IS_DATASET = _field("kind", "dataset")
IS_INFRA = _field("kind", "infrastructure")

PUBLIC_SYSTEM = _field("exposure", "public")
PUBLIC_NETWORK = _field("network_exposure", "public")
THIRD_PARTY = _field("third_party", True)
PERSONAL_DATA = _field("contains_personal_data", True)
LLM = _field("model_type", "llm")
GENERATIVE = _field("model_type", "llm", "generative_image", "generative_other")
IN_PRODUCTION = _field("lifecycle_stage", "production")
HIGH_CRITICALITY = _field("criticality", "high", "critical")
ML_RUNTIME = _field("role", "training", "serving", "pipeline", "notebook")


def _learned_from(where):
    """A dataset the model was trained on, directly or through up to two fine-tuning steps."""
    return _any(
        _path(_hop(TRAINED_ON), where=where),
        _path(_hop(FINE_TUNED_FROM), _hop(TRAINED_ON), where=where),
        _path(_hop(FINE_TUNED_FROM), _hop(FINE_TUNED_FROM), _hop(TRAINED_ON), where=where),
    )


def _based_on(where):
    """A base model the model was fine-tuned from, directly or one generation further up."""
    return _any(
        _path(_hop(FINE_TUNED_FROM), where=where),
        _path(_hop(FINE_TUNED_FROM), _hop(FINE_TUNED_FROM), where=where),
    )


def _exposed(*, public_system, via_system, via_infra):
    """Rules for anything the public can query: a public system, a component of one (also one level
    down), or something served from internet-facing infrastructure (directly or through its system)."""
    return [
        _rule(PUBLIC_SYSTEM, public_system),
        _rule(_any(_path(_hop(PART_OF, DEPLOYED_ON), where=PUBLIC_SYSTEM),
                   _path(_hop(PART_OF), _hop(PART_OF), where=PUBLIC_SYSTEM)), via_system),
        _rule(_any(_path(_hop(DEPLOYED_ON), where=PUBLIC_NETWORK),
                   _path(_hop(PART_OF), _hop(DEPLOYED_ON), where=PUBLIC_NETWORK)), via_infra),
    ]


def _uses_llm(*, model, system, system_dependency):
    """Rules for a large language model itself and for a system built on one (as a component, a
    component of a sub-system, or a declared dependency)."""
    return [
        _rule(_all(IS_MODEL, LLM), model),
        _rule(_any(_path(_hop(PART_OF, dir="in"), where=LLM),
                   _path(_hop(PART_OF, dir="in"), _hop(PART_OF, dir="in"), where=LLM)), system),
        _rule(_all(_path(_hop(DEPENDS_ON), where=LLM), IS_SYSTEM), system_dependency),
    ]


# ------------------------------------------------------------------------------------------------ catalog

THREATS = [
    # ------------------------------------------------------------------ data and training integrity
    {
        "code": "TH-POISON",
        "title": "Training data poisoning",
        "description": (
            "An attacker slips crafted or mislabelled records into data a model learns from, so that the "
            "trained model develops blind spots or biases the attacker chose. The damage is baked into the "
            "weights and survives until the data is cleaned and the model retrained."
        ),
        "stride": "tampering",
        "atlas": ["AML.T0020", "AML.T0019", "AML.T0059"],
        "owasp_ml": ["ML02"],
        "owasp_llm": ["LLM04"],
        "kinds": ["dataset", "model"],
        "likelihood": 3, "impact": 4,
        "controls": ["DATA-02", "DATA-03", "DATA-01", "DATA-04", "OPS-04"],
        "rules": [
            _rule(_all(IS_DATASET, THIRD_PARTY),
                  "{asset} is supplied by an outside party, so records could have been planted in it before "
                  "it reached you."),
            _rule(_all(_path(_hop(FEEDS, dir="in"), where=PUBLIC_SYSTEM), IS_DATASET),
                  "{asset} is filled by {via}, which the public can reach, so anyone can push crafted records "
                  "into it."),
            _rule(_based_on(THIRD_PARTY),
                  "{asset} is fine-tuned from {via}, a third-party model whose training data you never saw; "
                  "poison in that data is inherited."),
            _rule(_learned_from(THIRD_PARTY),
                  "{asset} learns from {via}, a dataset from an outside party whose records you cannot fully "
                  "vet."),
            _rule(_path(_hop(TRAINED_ON), _hop(FEEDS, dir="in"), where=PUBLIC_SYSTEM),
                  "{asset} is trained on data collected through {via}, a public-facing system, so outsiders can "
                  "seed what it learns."),
        ],
    },
    {
        "code": "TH-BACKDOOR",
        "title": "Backdoored or trojaned model",
        "description": (
            "A model carries a hidden trigger, planted through poisoned training samples or by editing the "
            "weights or architecture, that makes it misbehave only when the trigger appears in the input. "
            "Ordinary accuracy tests pass, so the backdoor can sit unnoticed until an attacker uses it."
        ),
        "stride": "tampering",
        "atlas": ["AML.T0018", "AML.T0018.000", "AML.T0018.002", "AML.T0043.004", "AML.T0058"],
        "owasp_ml": ["ML10"],
        "owasp_llm": ["LLM04"],
        "kinds": ["model"],
        "likelihood": 2, "impact": 5,
        "controls": ["SEC-16", "SEC-09", "VAL-01", "DATA-03", "DEV-02"],
        "rules": [
            _rule(_based_on(THIRD_PARTY),
                  "{asset} inherits the weights of {via}, a third-party model that may already carry a hidden "
                  "trigger."),
            _rule(_all(IS_MODEL, THIRD_PARTY),
                  "{asset} is a third-party model; a trigger planted by its publisher or by whoever tampered "
                  "with the download would not show up in ordinary testing."),
            _rule(_learned_from(THIRD_PARTY),
                  "{asset} learns from {via}, an outside dataset in which trigger samples could be hidden."),
        ],
    },
    {
        "code": "TH-SKEW",
        "title": "Model skewing through feedback loops",
        "description": (
            "When a model is retrained on data gathered from its own operation, people who interact with the "
            "system can feed it skewed examples on purpose and gradually steer its decisions their way."
        ),
        "stride": "tampering",
        "atlas": ["AML.T0020", "AML.T0031"],
        "owasp_ml": ["ML08"],
        "owasp_llm": ["LLM04"],
        "kinds": ["model", "dataset"],
        "likelihood": 2, "impact": 3,
        "controls": ["DATA-02", "DATA-03", "OPS-03", "DATA-01"],
        "rules": [
            _rule(_path(_hop(TRAINED_ON), _hop(FEEDS, dir="in"), where=_field("kind", "system", "model")),
                  "{asset} is retrained on data that {via} produces in operation; whoever can shape that "
                  "traffic can steer the model."),
            _rule(_all(_path(_hop(FEEDS, dir="in"), where=_field("kind", "system", "model")), IS_DATASET),
                  "{asset} collects what {via} sees and decides in operation, so manipulated interactions flow "
                  "into future training sets."),
        ],
    },
    {
        "code": "TH-DRIFT",
        "title": "Integrity erosion through drift",
        "description": (
            "The data a deployed model sees moves away from its training data, through natural change or an "
            "adversary nudging it, and accuracy decays without any error being raised. Decisions keep flowing "
            "while their quality silently drops."
        ),
        "stride": "tampering",
        "atlas": ["AML.T0031"],
        "owasp_ml": [],
        "owasp_llm": [],
        "kinds": ["model", "system"],
        "likelihood": 4, "impact": 3,
        "controls": ["OPS-03", "OPS-04", "OPS-09", "OPS-10", "VAL-04"],
        "rules": [
            _rule(_all(IS_MODEL, IN_PRODUCTION),
                  "{asset} is in production, where the data it receives drifts away from what it was trained "
                  "on."),
            _rule(_all(IS_SYSTEM, IN_PRODUCTION, _field("automated_decisions", True)),
                  "{asset} takes automated decisions in production; any decay in its models' quality goes "
                  "straight into those decisions."),
        ],
    },
    # ------------------------------------------------------------------ attacks through the inference interface
    {
        "code": "TH-EXTRACT",
        "title": "Model extraction through the inference API",
        "description": (
            "An attacker sends many well-chosen queries to a model's API and uses the answers to train a "
            "substitute that behaves almost the same. The copy leaks the owner's intellectual property and "
            "serves as a test bed for further attacks."
        ),
        "stride": "information_disclosure",
        "atlas": ["AML.T0024", "AML.T0024.002", "AML.T0040", "AML.T0005.001"],
        "owasp_ml": ["ML05"],
        "owasp_llm": ["LLM10"],
        "kinds": ["system", "model"],
        "likelihood": 3, "impact": 4,
        "controls": ["SEC-11", "SEC-12", "SEC-13", "SEC-05", "SEC-10"],
        "rules": _exposed(
            public_system="{asset} is open to the public, so anyone can query its models often enough to "
                          "train a working copy.",
            via_system="{asset} answers queries through {via}, a public-facing system, so its predictions "
                       "can be harvested to train a copy.",
            via_infra="{asset} is served from {via}, which is reachable from the internet, so its "
                      "predictions can be harvested to train a copy.",
        ),
    },
    {
        "code": "TH-EVASION",
        "title": "Adversarial examples and model evasion",
        "description": (
            "Inputs altered in small, often imperceptible ways push a model into a wrong prediction, for "
            "example a transaction shaped to pass a fraud check or a sign a vision model misreads. Attackers "
            "tune such inputs by probing the model or a stand-in for it."
        ),
        "stride": "tampering",
        "atlas": ["AML.T0015", "AML.T0043", "AML.T0043.000", "AML.T0043.001", "AML.T0043.002",
                  "AML.T0043.003"],
        "owasp_ml": ["ML01"],
        "owasp_llm": [],
        "kinds": ["system", "model"],
        "likelihood": 3, "impact": 4,
        "controls": ["DEV-01", "VAL-01", "SEC-14", "OPS-04", "SEC-13"],
        "rules": _exposed(
            public_system="{asset} is open to the public, so anyone can probe it with crafted inputs until a "
                          "wrong answer comes out.",
            via_system="{asset} takes inputs through {via}, a public-facing system, where anyone can try "
                       "perturbed inputs against it.",
            via_infra="{asset} is served from {via}, which is reachable from the internet, so crafted inputs "
                      "can be tried against it at will.",
        ) + [
            _rule(_all(IS_SYSTEM, _field("automated_decisions", True)),
                  "{asset} decides automatically about people who have a motive to shape their inputs for a "
                  "different outcome."),
            _rule(_path(_hop(PART_OF), where=_field("automated_decisions", True)),
                  "{asset} drives automated decisions in {via}, and the people subject to them have a motive "
                  "to craft inputs that fool it."),
        ],
    },
    {
        "code": "TH-DOS",
        "title": "Denial of service and cost harvesting",
        "description": (
            "Floods of requests, or requests built to be as expensive as possible such as very long prompts, "
            "exhaust the compute behind a model. The service slows down or fails, or the owner is left with "
            "an inflated bill (unbounded consumption)."
        ),
        "stride": "denial_of_service",
        "atlas": ["AML.T0029", "AML.T0034", "AML.T0034.000", "AML.T0034.001", "AML.T0046"],
        "owasp_ml": [],
        "owasp_llm": ["LLM10"],
        "kinds": ["system", "model", "infrastructure"],
        "likelihood": 3, "impact": 3,
        "controls": ["SEC-11", "SEC-05", "OPS-04", "OPS-11", "SEC-14"],
        "rules": _exposed(
            public_system="{asset} is open to the public, so anyone can flood it or send deliberately costly "
                          "requests.",
            via_system="{asset} serves {via}, a public-facing system, where a flood of requests or costly "
                       "queries lands on it.",
            via_infra="{asset} runs on {via}, which is reachable from the internet and can be flooded.",
        ) + [
            _rule(_all(IS_INFRA, PUBLIC_NETWORK),
                  "{asset} accepts traffic from the internet, so request floods can exhaust its capacity or "
                  "budget."),
        ],
    },
    # ------------------------------------------------------------------ privacy attacks on models
    {
        "code": "TH-INVERSION",
        "title": "Model inversion",
        "description": (
            "By analysing a model's outputs or parameters, an attacker reconstructs typical features of the "
            "people or records it was trained on, such as a face or a medical profile. The risk matters "
            "wherever the training data is personal."
        ),
        "stride": "information_disclosure",
        "atlas": ["AML.T0024", "AML.T0024.001"],
        "owasp_ml": ["ML03"],
        "owasp_llm": ["LLM02"],
        "kinds": ["model"],
        "likelihood": 2, "impact": 4,
        "controls": ["PRIV-04", "SEC-13", "SEC-12", "PRIV-03", "SEC-11"],
        "rules": [
            _rule(_learned_from(PERSONAL_DATA),
                  "{asset} learned from {via}, which contains personal data that could be partly reconstructed "
                  "from its outputs."),
        ],
    },
    {
        "code": "TH-MEMBERSHIP",
        "title": "Membership inference",
        "description": (
            "From the way a model responds to a particular record, for instance how confident it is, an "
            "attacker works out whether that record was in the training set. For personal data this alone can "
            "reveal something sensitive, such as that a person was a patient."
        ),
        "stride": "information_disclosure",
        "atlas": ["AML.T0024", "AML.T0024.000"],
        "owasp_ml": ["ML04"],
        "owasp_llm": ["LLM02"],
        "kinds": ["model"],
        "likelihood": 3, "impact": 3,
        "controls": ["PRIV-04", "SEC-13", "SEC-12", "PRIV-03", "SEC-11"],
        "rules": [
            _rule(_learned_from(PERSONAL_DATA),
                  "{asset} was trained on {via}, which contains personal data; its answers can give away "
                  "whether a given person's record was in it."),
        ],
    },
    # ------------------------------------------------------------------ theft and tampering of artifacts
    {
        "code": "TH-THEFT",
        "title": "Model theft from storage",
        "description": (
            "Model weights and checkpoints are copied straight from the disks, buckets or registries that "
            "hold them. Files that are reachable from outside and not encrypted make this a one-step theft."
        ),
        "stride": "information_disclosure",
        "atlas": ["AML.T0025", "AML.T0035", "AML.T0007", "AML.T0048.004"],
        "owasp_ml": ["ML05"],
        "owasp_llm": [],
        "kinds": ["infrastructure", "model"],
        "likelihood": 3, "impact": 4,
        "controls": ["SEC-01", "SEC-08", "SEC-03", "SEC-07", "OPS-01", "SEC-10"],
        "rules": [
            _rule(_all(IS_INFRA, PUBLIC_NETWORK, _field("encrypted_at_rest", False)),
                  "{asset} is reachable from the internet and does not encrypt stored files, so one access "
                  "slip exposes the model weights on it."),
            _rule(_all(_path(_hop(DEPLOYED_ON), where=PUBLIC_NETWORK),
                       _path(_hop(DEPLOYED_ON), where=_field("encrypted_at_rest", False))),
                  "{asset} is stored on {via}, which is internet-facing and does not encrypt data at rest."),
            _rule(_all(_path(_hop(PART_OF), _hop(DEPLOYED_ON), where=PUBLIC_NETWORK),
                       _path(_hop(PART_OF), _hop(DEPLOYED_ON), where=_field("encrypted_at_rest", False))),
                  "{asset} is served with its system from {via}, which faces the internet and does not "
                  "encrypt data at rest."),
        ],
    },
    {
        "code": "TH-DATA-THEFT",
        "title": "Training data theft from unprotected storage",
        "description": (
            "Training and feature data is copied out of the storage, notebooks or pipelines that hold it. "
            "Competitors gain the data without collecting it, and for personal data it is a breach."
        ),
        "stride": "information_disclosure",
        "atlas": ["AML.T0025", "AML.T0036", "AML.T0037"],
        "owasp_ml": [],
        "owasp_llm": [],
        "kinds": ["infrastructure"],
        "likelihood": 3, "impact": 5,
        "controls": ["SEC-01", "SEC-03", "SEC-04", "PRIV-03", "OPS-01", "DATA-07"],
        "rules": [
            _rule(_all(_path(_hop(FEEDS, DEPENDS_ON, dir="in"), where=PERSONAL_DATA),
                       IS_INFRA, _field("encrypted_at_rest", False)),
                  "{asset} holds {via}, which contains personal data, without encrypting it at rest."),
            _rule(_all(IS_INFRA, PUBLIC_NETWORK, _field("encrypted_at_rest", False),
                       _field("role", "storage", "feature_store", "vector_db")),
                  "{asset} is an internet-facing data store that does not encrypt what it holds."),
        ],
    },
    {
        "code": "TH-TAMPER",
        "title": "Tampering with model artifacts before deployment",
        "description": (
            "Someone with access to a registry, artifact store or build pipeline swaps or edits a model file "
            "between training and serving, for example to embed malware or change its behaviour. Without "
            "signature checks the altered file is loaded like the real one."
        ),
        "stride": "tampering",
        "atlas": ["AML.T0018", "AML.T0018.002", "AML.T0010.004"],
        "owasp_ml": ["ML10"],
        "owasp_llm": [],
        "kinds": ["model", "infrastructure"],
        "likelihood": 2, "impact": 5,
        "controls": ["SEC-09", "DEV-03", "SEC-03", "OPS-09", "DEV-02"],
        "rules": [
            _rule(_all(IS_INFRA, PUBLIC_NETWORK, _field("role", "storage", "pipeline", "training")),
                  "{asset} stores or builds model artifacts and is reachable from the internet; a stolen "
                  "credential is enough to replace a model file."),
            _rule(_all(IS_MODEL, IN_PRODUCTION, HIGH_CRITICALITY),
                  "{asset} is a high-criticality production model; a file altered between training and "
                  "deployment would be served unless its signature is checked."),
        ],
    },
    {
        "code": "TH-INSIDER",
        "title": "Insider misuse of privileged access",
        "description": (
            "Employees or contractors with legitimate access copy models or data, alter them, or use them for "
            "purposes nobody approved. Perimeter defences do not stop them, only least privilege, separation "
            "of duties and logging do."
        ),
        "stride": "information_disclosure",
        "atlas": ["AML.T0012", "AML.T0036", "AML.T0035"],
        "owasp_ml": [],
        "owasp_llm": [],
        "kinds": ["dataset", "model", "system", "infrastructure"],
        "likelihood": 2, "impact": 4,
        "controls": ["SEC-03", "OPS-01", "SEC-04", "DEV-03", "GOV-02"],
        "rules": [
            _rule(_all(IS_DATASET, _any(PERSONAL_DATA, _field("special_category_data", True))),
                  "{asset} holds personal data that staff with access could copy or misuse."),
            _rule(_field("data_classification", "confidential", "restricted"),
                  "{asset} is classified confidential or restricted; people with legitimate access could "
                  "leak or alter it."),
            _rule(_all(IS_MODEL, _field("third_party", False), HIGH_CRITICALITY),
                  "{asset} is a valuable in-house model; someone on the inside could take the weights or "
                  "alter them before release."),
        ],
    },
    {
        "code": "TH-SIDE-CHANNEL",
        "title": "Hardware side channels and tampered accelerators",
        "description": (
            "Attackers who share or physically reach the GPUs and servers a model runs on read weights or "
            "inputs from timing, power, electromagnetic or memory side channels, or tamper with the hardware "
            "itself. These attacks are rare and demanding but bypass software controls."
        ),
        "stride": "information_disclosure",
        "atlas": ["AML.T0010.000"],
        "owasp_ml": ["ML05"],
        "owasp_llm": [],
        "kinds": ["infrastructure", "model"],
        "likelihood": 1, "impact": 4,
        "controls": ["SEC-08", "SEC-07", "GOV-07", "OPS-04"],
        "rules": [
            _rule(_all(IS_INFRA, _field("role", "training", "serving"), HIGH_CRITICALITY),
                  "{asset} runs high-value training or inference on accelerator hardware that a co-located or "
                  "physical attacker could observe."),
            _rule(_all(_path(_hop(DEPLOYED_ON), where=_field("role", "training", "serving")), IS_MODEL,
                       _field("criticality", "critical")),
                  "{asset} is a critical model running on {via}; its weights and inputs could be read through "
                  "hardware side channels there."),
        ],
    },
    {
        "code": "TH-TRANSIT",
        "title": "Interception or alteration of traffic in transit",
        "description": (
            "Data, model files or predictions sent without transport encryption can be read or changed on the "
            "way, so a caller may act on a prediction the model never made."
        ),
        "stride": "tampering",
        "atlas": [],
        "owasp_ml": ["ML09"],
        "owasp_llm": [],
        "kinds": ["infrastructure", "model", "system"],
        "likelihood": 2, "impact": 3,
        "controls": ["SEC-02", "SEC-07", "SEC-09", "SEC-05"],
        "rules": [
            _rule(_all(IS_INFRA, _field("encrypted_in_transit", False)),
                  "{asset} does not encrypt traffic in transit, so data, models and predictions can be read or "
                  "changed on the wire."),
            _rule(_any(_path(_hop(DEPLOYED_ON), where=_field("encrypted_in_transit", False)),
                       _path(_hop(PART_OF), _hop(DEPLOYED_ON), where=_field("encrypted_in_transit", False))),
                  "{asset} is served from {via}, which does not encrypt traffic in transit."),
        ],
    },
    {
        "code": "TH-SECRETS",
        "title": "Credential exposure in ML tooling",
        "description": (
            "API keys, storage credentials and signing keys left in notebooks, training scripts or pipeline "
            "configuration let whoever finds them act as a trusted user of the data and model stores."
        ),
        "stride": "spoofing",
        "atlas": ["AML.T0055", "AML.T0012"],
        "owasp_ml": [],
        "owasp_llm": [],
        "kinds": ["infrastructure"],
        "likelihood": 3, "impact": 4,
        "controls": ["SEC-06", "SEC-04", "SEC-03", "OPS-01"],
        "rules": [
            _rule(_all(IS_INFRA, _field("role", "notebook", "pipeline", "training")),
                  "{asset} is a development or training environment, where credentials tend to end up in code, "
                  "notebooks and job settings."),
        ],
    },
    {
        "code": "TH-REPUDIATION",
        "title": "Untraceable automated decisions",
        "description": (
            "Without tamper-evident records of inputs, model versions and outputs, nobody can later show which "
            "model produced a contested decision, or who changed the model beforehand, and an attack cannot be "
            "reconstructed."
        ),
        "stride": "repudiation",
        "atlas": [],
        "owasp_ml": [],
        "owasp_llm": [],
        "kinds": ["system"],
        "likelihood": 3, "impact": 3,
        "controls": ["OPS-01", "OPS-02", "OPS-09", "DATA-04"],
        "rules": [
            _rule(_all(IS_SYSTEM, _field("automated_decisions", True)),
                  "{asset} takes automated decisions, each of which may have to be traced back to the model "
                  "version and input that produced it."),
        ],
    },
    # ------------------------------------------------------------------ supply chain
    {
        "code": "TH-SC-MODEL",
        "title": "Supply-chain compromise of a pre-trained model",
        "description": (
            "A base model obtained from a hub or vendor has been tampered with, is an impostor, or ships in a "
            "format such as pickle that runs code when loaded. Whatever is wrong with it arrives inside your "
            "environment and every model built on it."
        ),
        "stride": "tampering",
        "atlas": ["AML.T0010", "AML.T0010.003", "AML.T0058", "AML.T0011.000"],
        "owasp_ml": ["ML06"],
        "owasp_llm": ["LLM03"],
        "kinds": ["model"],
        "likelihood": 3, "impact": 5,
        "controls": ["SEC-16", "SEC-09", "SEC-15", "GOV-07", "VAL-01"],
        "rules": [
            _rule(_all(IS_MODEL, THIRD_PARTY),
                  "{asset} is a third-party model; a tampered release or an unsafe file format would run "
                  "inside your environment."),
            _rule(_based_on(THIRD_PARTY),
                  "{asset} is fine-tuned from {via}, a third-party model, so anything wrong with that upstream "
                  "release is inherited."),
        ],
    },
    {
        "code": "TH-SC-DATA",
        "title": "Supply-chain compromise of a third-party dataset",
        "description": (
            "A dataset bought, licensed or downloaded from outside is altered at its source or on the way, or "
            "is not what its supplier claims. Without provenance records and integrity checks the change goes "
            "straight into training."
        ),
        "stride": "tampering",
        "atlas": ["AML.T0010", "AML.T0010.002", "AML.T0019"],
        "owasp_ml": ["ML06"],
        "owasp_llm": ["LLM03", "LLM04"],
        "kinds": ["dataset", "model"],
        "likelihood": 3, "impact": 4,
        "controls": ["DATA-01", "DATA-04", "DATA-05", "GOV-07", "DATA-02"],
        "rules": [
            _rule(_all(IS_DATASET, THIRD_PARTY),
                  "{asset} comes from an outside supplier whose collection and handling you do not control."),
            _rule(_learned_from(THIRD_PARTY),
                  "{asset} is trained on {via}, a dataset from an outside supplier."),
        ],
    },
    {
        "code": "TH-SC-LIBS",
        "title": "Supply-chain compromise of ML libraries and dependencies",
        "description": (
            "A machine-learning framework, package or container image pulled from a public registry carries "
            "a vulnerability or malicious code, which then runs with access to the data and models of every "
            "job that uses it."
        ),
        "stride": "tampering",
        "atlas": ["AML.T0010", "AML.T0010.001", "AML.T0010.004", "AML.T0011.001"],
        "owasp_ml": ["ML06"],
        "owasp_llm": ["LLM03"],
        "kinds": ["infrastructure", "model", "system"],
        "likelihood": 3, "impact": 4,
        "controls": ["SEC-15", "DEV-03", "SEC-09", "DEV-02", "SEC-07"],
        "rules": [
            _rule(_all(IS_INFRA, ML_RUNTIME),
                  "{asset} runs machine-learning frameworks and packages installed from public registries and "
                  "container images."),
            _rule(_any(_path(_hop(DEPLOYED_ON), where=ML_RUNTIME),
                       _path(_hop(PART_OF), _hop(DEPLOYED_ON), where=ML_RUNTIME)),
                  "{asset} runs on {via}, alongside third-party ML packages and images; a compromised package "
                  "there can alter or copy it."),
        ],
    },
    {
        "code": "TH-TRANSFER",
        "title": "Transfer-learning attack through a public base model",
        "description": (
            "A model fine-tuned from a publicly available base keeps much of that base's behaviour. Attackers "
            "can study the public base at leisure and craft inputs or backdoors that carry over into the "
            "fine-tuned model."
        ),
        "stride": "tampering",
        "atlas": ["AML.T0018", "AML.T0043.002", "AML.T0005.002"],
        "owasp_ml": ["ML07"],
        "owasp_llm": ["LLM03"],
        "kinds": ["model"],
        "likelihood": 2, "impact": 4,
        "controls": ["SEC-16", "VAL-01", "DEV-01", "OPS-04"],
        "rules": [
            _rule(_based_on(THIRD_PARTY),
                  "{asset} builds on {via}, a publicly available base model; attacks worked out against that "
                  "base can carry over to {asset}."),
        ],
    },
    # ------------------------------------------------------------------ LLM applications
    {
        "code": "TH-PROMPT-INJ",
        "title": "Prompt injection (direct and indirect)",
        "description": (
            "Instructions hidden in user input, or in documents, web pages and emails the application feeds "
            "to the model, override the developer's instructions. The model may then leak data, take unwanted "
            "actions or produce harmful output."
        ),
        "stride": "elevation_of_privilege",
        "atlas": ["AML.T0051", "AML.T0051.000", "AML.T0051.001", "AML.T0093"],
        "owasp_ml": [],
        "owasp_llm": ["LLM01"],
        "kinds": ["model", "system"],
        "likelihood": 4, "impact": 4,
        "controls": ["LLM-01", "VAL-02", "LLM-04", "SEC-14"],
        "rules": _uses_llm(
            model="{asset} is a large language model, which cannot reliably tell instructions apart from the "
                  "data in its prompt.",
            system="{via}, a large language model, is part of {asset}; text from users or retrieved content "
                   "can override its instructions.",
            system_dependency="{asset} relies on {via}, a large language model; text from users or retrieved "
                              "content can override its instructions.",
        ),
    },
    {
        "code": "TH-JAILBREAK",
        "title": "LLM jailbreak",
        "description": (
            "Carefully worded, role-played or obfuscated prompts talk a language model out of its safety "
            "training and usage policy, so it produces content or help it was meant to refuse."
        ),
        "stride": "elevation_of_privilege",
        "atlas": ["AML.T0054", "AML.T0065", "AML.T0068"],
        "owasp_ml": [],
        "owasp_llm": ["LLM01"],
        "kinds": ["model", "system"],
        "likelihood": 4, "impact": 3,
        "controls": ["VAL-02", "LLM-04", "LLM-01", "OPS-04"],
        "rules": _uses_llm(
            model="{asset} is a large language model whose safety behaviour can be talked around by crafted "
                  "prompts.",
            system="{asset} is built on {via}, a large language model whose safeguards can be talked around "
                   "by crafted prompts.",
            system_dependency="{asset} relies on {via}, a large language model whose safeguards can be "
                              "talked around by crafted prompts.",
        ),
    },
    {
        "code": "TH-SYSPROMPT",
        "title": "System-prompt leakage",
        "description": (
            "Users coax the model into repeating its hidden instructions. Anything placed there, such as "
            "internal rules, filtering logic or, worse, credentials, becomes known and helps plan further "
            "attacks."
        ),
        "stride": "information_disclosure",
        "atlas": ["AML.T0056", "AML.T0069.002"],
        "owasp_ml": [],
        "owasp_llm": ["LLM07"],
        "kinds": ["model", "system"],
        "likelihood": 4, "impact": 2,
        "controls": ["LLM-02", "LLM-04", "VAL-02", "SEC-06"],
        "rules": _uses_llm(
            model="{asset} is a large language model and can be led to repeat the instructions it is given.",
            system="{asset} instructs {via}, a large language model that can be led to repeat those "
                   "instructions.",
            system_dependency="{asset} instructs {via}, a large language model that can be led to repeat "
                              "those instructions.",
        ),
    },
    {
        "code": "TH-OUTPUT-HANDLING",
        "title": "Insecure output handling",
        "description": (
            "Generated text is passed unchecked to a browser, shell, database or another system, so output an "
            "attacker steered becomes script injection, command execution or a forged request downstream."
        ),
        "stride": "elevation_of_privilege",
        "atlas": ["AML.T0077", "AML.T0050"],
        "owasp_ml": [],
        "owasp_llm": ["LLM05"],
        "kinds": ["model", "system"],
        "likelihood": 3, "impact": 4,
        "controls": ["LLM-04", "LLM-01", "VAL-02", "OPS-05"],
        "rules": [
            _rule(_all(_path(_hop(FEEDS)), IS_MODEL, LLM),
                  "{asset} is a large language model whose output is passed on to {via}."),
        ] + _uses_llm(
            model="{asset} is a large language model; whatever consumes its output receives text an attacker "
                  "may have steered.",
            system="{asset} hands on output from {via}, a large language model, which an attacker may have "
                   "steered.",
            system_dependency="{asset} hands on output from {via}, a large language model, which an attacker "
                              "may have steered.",
        ),
    },
    {
        "code": "TH-TRAIN-EXTRACT",
        "title": "Training-data extraction from generative models",
        "description": (
            "Generative models memorise part of their training data, and targeted prompts can make them "
            "reproduce it word for word or pixel for pixel, including personal details, secrets or "
            "copyrighted material."
        ),
        "stride": "information_disclosure",
        "atlas": ["AML.T0057", "AML.T0024"],
        "owasp_ml": [],
        "owasp_llm": ["LLM02"],
        "kinds": ["model"],
        "likelihood": 3, "impact": 4,
        "controls": ["LLM-03", "PRIV-03", "LLM-04", "PRIV-04", "VAL-02"],
        "rules": [
            _rule(_all(IS_MODEL, GENERATIVE),
                  "{asset} is a generative model; models of this kind memorise parts of their training data "
                  "and can be prompted to reproduce them."),
        ],
    },
    {
        "code": "TH-OUTPUT-LEAK",
        "title": "Sensitive data leakage through model outputs",
        "description": (
            "A generative model repeats personal or confidential information it was trained on or was given as "
            "context, in answer to an innocent question or a targeted one. Each such answer can be a personal "
            "data breach."
        ),
        "stride": "information_disclosure",
        "atlas": ["AML.T0057"],
        "owasp_ml": [],
        "owasp_llm": ["LLM02"],
        "kinds": ["model", "system"],
        "likelihood": 3, "impact": 4,
        "controls": ["LLM-04", "LLM-03", "PRIV-03", "PRIV-04", "PRIV-07"],
        "rules": [
            _rule(_all(_learned_from(PERSONAL_DATA), GENERATIVE),
                  "{asset} generates free-form output and learned from {via}, which contains personal data "
                  "that can surface in its answers."),
            _rule(_all(_any(_path(_hop(FEEDS, dir="in"), where=PERSONAL_DATA),
                            _path(_hop(DEPENDS_ON), where=PERSONAL_DATA)), GENERATIVE),
                  "{asset} generates free-form output and is given {via}, which contains personal data, as "
                  "context it can repeat."),
            _rule(_all(_any(_path(_hop(FEEDS, dir="in"), where=PERSONAL_DATA),
                            _path(_hop(DEPENDS_ON), where=PERSONAL_DATA)),
                       IS_SYSTEM, _path(_hop(PART_OF, dir="in"), where=GENERATIVE)),
                  "{asset} puts {via}, which contains personal data, in front of a generative model that can "
                  "repeat it to users."),
        ],
    },
    {
        "code": "TH-RAG",
        "title": "Poisoned retrieval content and vector stores",
        "description": (
            "Documents written into a retrieval index or vector database are pulled into the model's context "
            "as trusted material. Planted entries can carry hidden instructions or false facts, and weak "
            "access control on the store can leak what other users indexed."
        ),
        "stride": "tampering",
        "atlas": ["AML.T0070", "AML.T0071", "AML.T0066", "AML.T0051.001"],
        "owasp_ml": [],
        "owasp_llm": ["LLM08", "LLM04"],
        "kinds": ["infrastructure", "system", "model"],
        "likelihood": 3, "impact": 4,
        "controls": ["LLM-01", "DATA-01", "SEC-03", "DATA-02", "LLM-04"],
        "rules": [
            _rule(_all(IS_INFRA, _field("role", "vector_db")),
                  "{asset} is a vector store; whoever can add documents to it decides part of what the model "
                  "reads as trusted context."),
            _rule(_any(_path(_hop(DEPENDS_ON, DEPLOYED_ON), where=_field("role", "vector_db")),
                       _path(_hop(FEEDS, dir="in"), where=_field("role", "vector_db"))),
                  "{asset} retrieves context from {via}, a vector store; content planted there reaches the "
                  "model as trusted material."),
        ],
    },
    {
        "code": "TH-AGENCY",
        "title": "Excessive agency of LLM-driven automation",
        "description": (
            "A language model is allowed to decide or act, for example by calling tools or settling cases, "
            "without a person approving each step. A manipulated or simply mistaken model then causes real "
            "effects with the system's full permissions."
        ),
        "stride": "elevation_of_privilege",
        "atlas": ["AML.T0053", "AML.T0086"],
        "owasp_ml": [],
        "owasp_llm": ["LLM06"],
        "kinds": ["system"],
        "likelihood": 3, "impact": 4,
        "controls": ["OPS-05", "LLM-01", "SEC-03", "VAL-02"],
        "rules": [
            _rule(_all(_any(_path(_hop(PART_OF, dir="in"), where=LLM), _path(_hop(DEPENDS_ON), where=LLM)),
                       IS_SYSTEM, _field("automated_decisions", True)),
                  "{asset} lets {via}, a large language model, shape decisions that take effect without a "
                  "person approving each one."),
        ],
    },
]
