"""The threat catalog is well-formed data that matches shared/reference/standards.md, and its rules derive the
lineage facts the risk module promises. No database needed: the rules are checked by a validator and run by a
small in-memory evaluator with the same semantics as risk.engine."""

import ast
import inspect
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db.models import BooleanField

from compliance.catalogs.controls import CONTROLS
from inventory.choices import ALL_KIND_FIELDS, COMMON_FIELDS, KIND_DEFAULTS, KIND_FIELDS, RelationType
from inventory.models import Asset
from inventory.services import RELATION_KINDS
from risk.catalogs import threats as catalog
from risk.catalogs.threats import THREATS

STANDARDS = Path(__file__).resolve().parents[3] / "shared/reference/standards.md"

KINDS = {"system", "model", "dataset", "infrastructure"}
STRIDE = {"spoofing", "tampering", "repudiation", "information_disclosure", "denial_of_service",
          "elevation_of_privilege"}
KEYS = {"code", "title", "description", "stride", "atlas", "owasp_ml", "owasp_llm", "kinds", "likelihood", "impact",
        "controls", "rules"}
OWASP_ML_IDS = {f"ML{i:02d}" for i in range(1, 11)}
OWASP_LLM_IDS = {f"LLM{i:02d}" for i in range(1, 11)}
RELATIONS = set(RelationType.values)
FIELDS = set(COMMON_FIELDS) | set(ALL_KIND_FIELDS)
BOOLEAN_FIELDS = {f.name for f in Asset._meta.concrete_fields if isinstance(f, BooleanField)}
CHOICES = {f.name: {value for value, _ in f.choices} for f in Asset._meta.concrete_fields if f.choices}

# Every threat the seed articles name, found by words in its title.
REQUIRED = [
    ("training data poisoning",),
    ("backdoor",),
    ("model extraction", "inference api"),
    ("model theft", "storage"),
    ("adversarial examples",),
    ("evasion",),
    ("model inversion",),
    ("membership inference",),
    ("supply-chain", "pre-trained model"),
    ("supply-chain", "dataset"),
    ("supply-chain", "libraries"),
    ("transfer-learning",),
    ("prompt injection", "indirect"),
    ("jailbreak",),
    ("training-data extraction",),
    ("system-prompt leakage",),
    ("denial of service",),
    ("cost harvesting",),
    ("sensitive data leakage", "output"),
    ("output handling",),
    ("insider",),
    ("side channel",),
    ("drift",),
    ("skewing",),
    ("training data theft",),
    ("tampering", "model artifacts"),
    ("credential",),
]

BY_CODE = {t["code"]: t for t in THREATS}
threat_param = pytest.mark.parametrize("threat", THREATS, ids=lambda t: t["code"])


def standards_section(number: int) -> str:
    if not STANDARDS.exists():
        pytest.skip(f"{STANDARDS} is not available")
    text = STANDARDS.read_text(encoding="utf-8")
    start = text.index(f"\n## {number}. ")
    return text[start:text.index(f"\n## {number + 1}. ", start)]


def atlas_table() -> dict[str, str]:
    """ATLAS id -> name from standards.md §5.4 (sub-techniques as 'Parent: Sub')."""
    rows = dict(re.findall(r"^\| (AML\.T\d{4}(?:\.\d{3})?) \| ([^|]+?) \|", standards_section(5), re.M))
    return {tid: (f"{rows[tid.rsplit('.', 1)[0]]}: {name}" if tid.count(".") == 2 else name)
            for tid, name in rows.items()}


def owasp_table(prefix: str, year: str) -> dict[str, str]:
    rows = re.findall(rf"^\| ({prefix}\d\d):{year} \| ([^|]+?) \|", standards_section(6), re.M)
    return {tid: re.sub(r"\s*\(.*\)$", "", title) for tid, title in rows}


# --- the list as a whole ------------------------------------------------------------------------------------------

def test_catalog_size_and_unique_codes():
    codes = [t["code"] for t in THREATS]
    assert len(THREATS) >= 20
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"TH-[A-Z0-9]+(-[A-Z0-9]+)*", c) for c in codes), codes
    titles = [t["title"].lower() for t in THREATS]
    assert len(titles) == len(set(titles))


@pytest.mark.parametrize("words", REQUIRED, ids=lambda w: " + ".join(w))
def test_required_threat_present(words):
    assert any(all(w in t["title"].lower() for w in words) for t in THREATS), f"no threat titled with {words}"


def test_catalog_module_is_pure_data():
    tree = ast.parse(inspect.getsource(catalog))
    imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in imported if m.split(".")[0] in {"django", "inventory", "risk", "compliance", "attest"}]


# --- one threat at a time -----------------------------------------------------------------------------------------

@threat_param
def test_threat_fields(threat):
    assert set(threat) == KEYS
    assert threat["title"].strip() and threat["title"] == threat["title"].strip()
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", threat["description"].strip()) if s]
    assert 1 <= len(sentences) <= 3, threat["description"]
    assert threat["stride"] in STRIDE
    kinds = threat["kinds"]
    assert kinds and set(kinds) <= KINDS and len(kinds) == len(set(kinds))
    for key in ("likelihood", "impact"):
        assert type(threat[key]) is int and 1 <= threat[key] <= 5


@threat_param
def test_owasp_ids(threat):
    assert set(threat["owasp_ml"]) <= OWASP_ML_IDS
    assert set(threat["owasp_llm"]) <= OWASP_LLM_IDS
    for key in ("atlas", "owasp_ml", "owasp_llm"):
        assert len(threat[key]) == len(set(threat[key]))


def test_owasp_titles_match_standards():
    assert owasp_table("ML", "2023") == catalog.OWASP_ML
    assert owasp_table("LLM", "2025") == catalog.OWASP_LLM


@threat_param
def test_atlas_ids_are_listed_in_standards(threat):
    listed = atlas_table()
    assert all(re.fullmatch(r"AML\.T\d{4}(\.\d{3})?", tid) for tid in threat["atlas"])
    assert not [tid for tid in threat["atlas"] if tid not in listed]


def test_atlas_names_match_standards():
    listed = atlas_table()
    used = {tid for t in THREATS for tid in t["atlas"]}
    assert set(catalog.ATLAS_TECHNIQUES) == used
    assert {tid: listed.get(tid) for tid in used} == {tid: catalog.ATLAS_TECHNIQUES[tid] for tid in used}


def test_only_general_security_threats_lack_atlas_or_owasp_references():
    # ATLAS has no technique for plain transport interception or missing audit trails, and the OWASP lists
    # leave out drift, insider misuse, leaked credentials, storage theft of data and repudiation.
    assert {t["code"] for t in THREATS if not t["atlas"]} == {"TH-TRANSIT", "TH-REPUDIATION"}
    assert {t["code"] for t in THREATS if not (t["owasp_ml"] or t["owasp_llm"])} == {
        "TH-DRIFT", "TH-DATA-THEFT", "TH-INSIDER", "TH-SECRETS", "TH-REPUDIATION"}


@threat_param
def test_controls_exist(threat):
    known = {c["code"] for c in CONTROLS}
    controls = threat["controls"]
    assert 2 <= len(controls) <= 6 and len(controls) == len(set(controls))
    assert not [c for c in controls if c not in known]


# --- rule grammar -------------------------------------------------------------------------------------------------

def reachable(kinds: set[str], hop: dict) -> set[str]:
    """Kinds an asset of one of ``kinds`` can reach over one hop, per inventory.services.RELATION_KINDS."""
    found = set()
    for rel in hop["rel"]:
        sources, targets = RELATION_KINDS[rel]
        start, end = (sources, targets) if hop["dir"] == "out" else (targets, sources)
        if start is None or kinds & set(start):
            found |= KINDS if end is None else set(end)
    return found


def field_errors(cond, kinds: set[str]) -> list[str]:
    if not isinstance(cond, dict) or set(cond) != {"field", "in"}:
        return [f"not a field condition: {cond!r}"]
    name, values = cond["field"], cond["in"]
    if name not in FIELDS:
        return [f"unknown field {name!r}"]
    if not isinstance(values, list) or not values:
        return [f"{name}: 'in' must be a non-empty list"]
    owners = KINDS if name in COMMON_FIELDS else {k for k, fs in KIND_FIELDS.items() if name in fs}
    errors = []
    if not kinds & owners:
        errors.append(f"{name} does not exist on {sorted(kinds)}")
    if name in BOOLEAN_FIELDS:
        if not all(isinstance(v, bool) for v in values):
            errors.append(f"{name} is boolean: {values!r}")
        elif False in values and not kinds <= owners:
            # Every row stores every field, so False would also match kinds that do not own the field.
            errors.append(f"{name} in [False] must be narrowed to {sorted(owners)} (got {sorted(kinds)})")
    elif name in CHOICES and not set(values) <= CHOICES[name]:
        errors.append(f"{name}: invalid values {sorted(set(values) - CHOICES[name])}")
    return errors


def condition_errors(cond, kinds: set[str]) -> list[str]:
    if not isinstance(cond, dict):
        return [f"condition must be a dict: {cond!r}"]
    if "field" in cond:
        return field_errors(cond, kinds)
    if set(cond) in ({"all"}, {"any"}):
        (key, parts), = cond.items()
        if not isinstance(parts, list) or not parts:
            return [f"{key} needs a non-empty list"]
        if key == "all":  # a kind test in an "all" narrows what its siblings are evaluated on
            for part in parts:
                if isinstance(part, dict) and part.get("field") == "kind" and isinstance(part.get("in"), list):
                    kinds = kinds & set(part["in"])
        return [e for part in parts for e in condition_errors(part, kinds)]
    if "path" in cond and set(cond) <= {"path", "where"}:
        hops = cond["path"]
        if not isinstance(hops, list) or not hops:
            return ["path needs a non-empty list of hops"]
        errors, here = [], set(kinds)
        for hop in hops:
            if not isinstance(hop, dict) or set(hop) != {"rel", "dir"}:
                return [f"bad hop {hop!r}"]
            if not isinstance(hop["rel"], list) or not hop["rel"] or not set(hop["rel"]) <= RELATIONS:
                return [f"bad relation types in {hop!r}"]
            if hop["dir"] not in ("in", "out"):
                return [f"bad direction in {hop!r}"]
            here = reachable(here, hop)
            if not here:
                return [f"path {hops!r} can never be followed from {sorted(kinds)}"]
        if "where" in cond:
            errors += field_errors(cond["where"], here)
        return errors
    return [f"unknown condition {cond!r}"]


def has_path(cond) -> bool:
    if "path" in cond:
        return True
    return any(has_path(c) for c in cond.get("all", []) + cond.get("any", []))


def names_an_asset(cond) -> bool:
    """Whether a match always comes with a reached asset, so that {via} is never left empty."""
    if "path" in cond:
        return True
    if "all" in cond:
        return any(names_an_asset(c) for c in cond["all"])
    if "any" in cond:
        return all(names_an_asset(c) for c in cond["any"])
    return False


@threat_param
def test_rules_are_well_formed(threat):
    assert threat["rules"], "every threat needs at least one rule"
    for rule in threat["rules"]:
        assert isinstance(rule, dict) and set(rule) == {"if", "reason"}, rule
        assert condition_errors(rule["if"], set(threat["kinds"])) == [], rule
        reason = rule["reason"]
        assert "{asset}" in reason, reason
        assert set(re.findall(r"\{(\w*)\}", reason)) <= {"asset", "via"}, reason
        if "{via}" in reason:
            assert names_an_asset(rule["if"]), f"{{via}} may stay empty: {reason}"
        elif has_path(rule["if"]):
            pytest.fail(f"a rule that follows the lineage should name what it found: {reason}")


def test_validator_rejects_malformed_rules():
    kinds = {"model"}
    assert condition_errors({"field": "colour", "in": ["red"]}, kinds)
    assert condition_errors({"field": "model_type", "in": ["lstm"]}, kinds)
    assert condition_errors({"field": "exposure", "in": ["public"]}, kinds)  # a system field on a model
    assert condition_errors({"field": "third_party", "in": ["yes"]}, kinds)
    assert condition_errors({"field": "encrypted_at_rest", "in": [False]}, {"infrastructure", "model"})
    assert condition_errors({"path": [{"rel": ["owns"], "dir": "out"}]}, kinds)
    assert condition_errors({"path": [{"rel": ["part_of"], "dir": "sideways"}]}, kinds)
    assert condition_errors({"path": [{"rel": ["trained_on"], "dir": "out"}]}, {"system"})  # never possible
    assert condition_errors({"path": [{"rel": ["trained_on"], "dir": "out"}],
                             "where": {"field": "network_exposure", "in": ["public"]}}, kinds)
    assert condition_errors({"all": []}, kinds)
    assert condition_errors({"none": [{"field": "kind", "in": ["model"]}]}, kinds)
    assert not condition_errors({"all": [{"field": "kind", "in": ["infrastructure"]},
                                         {"field": "encrypted_at_rest", "in": [False]}]}, {"infrastructure", "model"})


# --- the rules at work: an in-memory evaluator with risk.engine's semantics ---------------------------------------

DEFAULTS = {f.name: f.get_default() for f in Asset._meta.concrete_fields if f.name != "id"}


class Inventory:
    def __init__(self):
        self.assets: dict[str, SimpleNamespace] = {}
        self.edges: list[tuple[str, str, str]] = []

    def add(self, name: str, kind: str, **fields) -> str:
        unknown = set(fields) - set(KIND_FIELDS[kind]) - set(COMMON_FIELDS)
        assert not unknown, unknown
        self.assets[name] = SimpleNamespace(**{**DEFAULTS, **KIND_DEFAULTS.get(kind, {}), **fields,
                                               "kind": kind, "name": name})
        return name

    def relate(self, source: str, rel: str, target: str) -> None:
        sources, targets = RELATION_KINDS[rel]
        assert sources is None or self.assets[source].kind in sources
        assert targets is None or self.assets[target].kind in targets
        self.edges.append((source, rel, target))

    def neighbours(self, name: str, rels: list[str], direction: str) -> list[SimpleNamespace]:
        if direction == "out":
            return [self.assets[t] for s, r, t in self.edges if s == name and r in rels]
        return [self.assets[s] for s, r, t in self.edges if t == name and r in rels]

    def evaluate(self, cond: dict, asset):
        """Falsy when the condition fails; the asset a path reached (or True) when it holds."""
        if "all" in cond:
            results = [self.evaluate(c, asset) for c in cond["all"]]
            return next((r for r in results if r is not True), True) if all(results) else None
        if "any" in cond:
            return next((r for r in (self.evaluate(c, asset) for c in cond["any"]) if r), None)
        if "path" in cond:
            reached = [asset]
            for hop in cond["path"]:
                reached = [n for a in reached for n in self.neighbours(a.name, hop["rel"], hop["dir"])]
            where = cond.get("where")
            return next((a for a in reached if where is None or getattr(a, where["field"]) in where["in"]), None)
        return True if getattr(asset, cond["field"]) in cond["in"] else None

    def threats(self, name: str) -> dict[str, str]:
        """code -> reason of every catalog threat that applies to the asset."""
        asset, found = self.assets[name], {}
        for threat in THREATS:
            if asset.kind not in threat["kinds"]:
                continue
            for rule in threat["rules"]:
                hit = self.evaluate(rule["if"], asset)
                if hit:
                    via = hit.name if isinstance(hit, SimpleNamespace) else ""
                    found[threat["code"]] = rule["reason"].replace("{asset}", name).replace("{via}", via)
                    break
        return found


@pytest.fixture
def chatbot() -> Inventory:
    """A public chat system whose LLM is fine-tuned from a third-party base that learned from personal data."""
    inv = Inventory()
    inv.add("Help Chat", "system", exposure="public", lifecycle_stage="production")
    inv.add("help-llm", "model", model_type="llm")
    inv.add("open-base", "model", model_type="llm", third_party=True)
    inv.add("Web crawl", "dataset", contains_personal_data=True, third_party=True)
    inv.relate("help-llm", "part_of", "Help Chat")
    inv.relate("help-llm", "fine_tuned_from", "open-base")
    inv.relate("open-base", "trained_on", "Web crawl")
    return inv


def test_public_system_gets_extraction_evasion_and_dos(chatbot):
    found = chatbot.threats("Help Chat")
    for code in ("TH-EXTRACT", "TH-EVASION", "TH-DOS"):
        assert code in found and "open to the public" in found[code]


def test_component_of_public_system_gets_extraction_and_evasion_naming_it(chatbot):
    found = chatbot.threats("help-llm")
    for code in ("TH-EXTRACT", "TH-EVASION", "TH-DOS"):
        assert "Help Chat" in found[code], found.get(code)


def test_model_on_public_infrastructure_gets_extraction_evasion_and_theft():
    inv = Inventory()
    inv.add("scorer", "model", model_type="regressor")
    inv.add("Edge host", "infrastructure", role="serving", network_exposure="public", encrypted_at_rest=False)
    inv.relate("scorer", "deployed_on", "Edge host")
    found = inv.threats("scorer")
    for code in ("TH-EXTRACT", "TH-EVASION", "TH-THEFT"):
        assert "Edge host" in found[code], found.get(code)
    assert "TH-THEFT" in inv.threats("Edge host")


def test_encrypted_public_infrastructure_brings_no_storage_theft():
    inv = Inventory()
    inv.add("scorer", "model", model_type="regressor")
    inv.add("Gateway", "infrastructure", role="serving", network_exposure="public", encrypted_at_rest=True,
            encrypted_in_transit=True)
    inv.relate("scorer", "deployed_on", "Gateway")
    assert "TH-THEFT" not in inv.threats("scorer")
    assert "TH-THEFT" not in inv.threats("Gateway")
    assert "TH-EXTRACT" in inv.threats("scorer")


def test_model_of_a_system_served_from_public_infrastructure():
    inv = Inventory()
    inv.add("Portal", "system", exposure="internal")
    inv.add("ranker", "model", model_type="recommender")
    inv.add("Open bucket host", "infrastructure", role="serving", network_exposure="public")
    inv.relate("ranker", "part_of", "Portal")
    inv.relate("Portal", "deployed_on", "Open bucket host")
    found = inv.threats("ranker")
    assert "Open bucket host" in found["TH-EXTRACT"] and "Open bucket host" in found["TH-THEFT"]


def test_personal_training_data_brings_inversion_and_membership_naming_the_dataset(chatbot):
    found = chatbot.threats("help-llm")  # personal data reached through fine_tuned_from -> trained_on
    for code in ("TH-INVERSION", "TH-MEMBERSHIP", "TH-OUTPUT-LEAK"):
        assert "Web crawl" in found[code], found.get(code)
    direct = Inventory()
    direct.add("churn", "model", model_type="classifier")
    direct.add("Customers", "dataset", contains_personal_data=True)
    direct.relate("churn", "trained_on", "Customers")
    found = direct.threats("churn")
    assert "Customers" in found["TH-INVERSION"] and "Customers" in found["TH-MEMBERSHIP"]
    assert "TH-OUTPUT-LEAK" not in found  # a classifier does not write free text


def test_third_party_base_brings_supply_chain_poisoning_backdoor_and_transfer(chatbot):
    found = chatbot.threats("help-llm")
    for code in ("TH-SC-MODEL", "TH-POISON", "TH-BACKDOOR", "TH-TRANSFER"):
        assert "open-base" in found[code], found.get(code)
    base = chatbot.threats("open-base")
    assert "TH-SC-MODEL" in base and "TH-BACKDOOR" in base
    assert "TH-TRANSFER" not in base


def test_llm_threats_on_the_model_and_its_system(chatbot):
    model = chatbot.threats("help-llm")
    for code in ("TH-PROMPT-INJ", "TH-JAILBREAK", "TH-SYSPROMPT", "TH-OUTPUT-HANDLING", "TH-TRAIN-EXTRACT"):
        assert code in model
    system = chatbot.threats("Help Chat")
    assert "help-llm" in system["TH-PROMPT-INJ"]
    assert "TH-TRAIN-EXTRACT" not in system  # a model property, reported on the model


def test_third_party_dataset_brings_data_supply_chain_and_poisoning(chatbot):
    found = chatbot.threats("Web crawl")
    assert {"TH-SC-DATA", "TH-POISON", "TH-INSIDER"} <= set(found)


def test_private_tabular_classifier_stays_quiet():
    inv = Inventory()
    inv.add("Plant monitoring", "system", exposure="internal")
    inv.add("failure-clf", "model", model_type="classifier")
    inv.add("Sensor readings", "dataset", contains_personal_data=False)
    inv.add("Private cluster", "infrastructure", role="serving", network_exposure="private",
            encrypted_at_rest=True, encrypted_in_transit=True)
    inv.relate("failure-clf", "part_of", "Plant monitoring")
    inv.relate("failure-clf", "trained_on", "Sensor readings")
    inv.relate("failure-clf", "deployed_on", "Private cluster")
    found = inv.threats("failure-clf")
    for code in ("TH-MEMBERSHIP", "TH-INVERSION", "TH-PROMPT-INJ", "TH-JAILBREAK", "TH-SYSPROMPT",
                 "TH-OUTPUT-HANDLING", "TH-TRAIN-EXTRACT", "TH-OUTPUT-LEAK", "TH-EXTRACT", "TH-EVASION",
                 "TH-THEFT", "TH-SC-MODEL", "TH-BACKDOOR", "TH-TRANSFER", "TH-POISON", "TH-DOS"):
        assert code not in found, (code, found[code])
    assert "TH-SC-LIBS" in found  # it still runs on third-party ML software
    assert "TH-PROMPT-INJ" not in inv.threats("Plant monitoring")
    assert "TH-EXTRACT" not in inv.threats("Plant monitoring")


def test_llm_system_with_automated_decisions_gets_excessive_agency():
    inv = Inventory()
    inv.add("Claims triage", "system", automated_decisions=True)
    inv.add("triage-llm", "model", model_type="llm")
    inv.relate("triage-llm", "part_of", "Claims triage")
    found = inv.threats("Claims triage")
    assert "triage-llm" in found["TH-AGENCY"]
    assert "TH-EVASION" in found and "TH-REPUDIATION" in found
    inv.assets["Claims triage"].automated_decisions = False
    assert "TH-AGENCY" not in inv.threats("Claims triage")


def test_vector_store_and_personal_context_for_an_llm_system():
    inv = Inventory()
    inv.add("Knowledge bot", "system", exposure="internal")
    inv.add("kb-llm", "model", model_type="llm")
    inv.add("Vector index", "infrastructure", role="vector_db", network_exposure="internal",
            encrypted_at_rest=True, encrypted_in_transit=True)
    inv.add("HR files", "dataset", contains_personal_data=True)
    inv.relate("kb-llm", "part_of", "Knowledge bot")
    inv.relate("Knowledge bot", "depends_on", "Vector index")
    inv.relate("HR files", "feeds", "Knowledge bot")
    found = inv.threats("Knowledge bot")
    assert "Vector index" in found["TH-RAG"]
    assert "HR files" in found["TH-OUTPUT-LEAK"]
    assert "TH-RAG" in inv.threats("Vector index")


def test_feedback_loop_and_unencrypted_storage_of_personal_data():
    inv = Inventory()
    inv.add("Pricing", "system", exposure="public")
    inv.add("Click log", "dataset", contains_personal_data=True)
    inv.add("price-model", "model", model_type="regressor", lifecycle_stage="production")
    inv.add("Lake", "infrastructure", role="storage", network_exposure="internal", encrypted_at_rest=False)
    inv.relate("Pricing", "feeds", "Click log")
    inv.relate("price-model", "trained_on", "Click log")
    inv.relate("Click log", "depends_on", "Lake")
    model = inv.threats("price-model")
    assert "Pricing" in model["TH-SKEW"] and "Pricing" in model["TH-POISON"]
    assert "TH-DRIFT" in model
    assert "Pricing" in inv.threats("Click log")["TH-POISON"]
    assert "Click log" in inv.threats("Lake")["TH-DATA-THEFT"]


def test_unencrypted_transit_and_notebooks():
    inv = Inventory()
    inv.add("Notebooks", "infrastructure", role="notebook", network_exposure="internal", encrypted_in_transit=False)
    found = inv.threats("Notebooks")
    assert {"TH-TRANSIT", "TH-SECRETS", "TH-SC-LIBS"} <= set(found)
    assert "TH-THEFT" not in found and "TH-DOS" not in found
