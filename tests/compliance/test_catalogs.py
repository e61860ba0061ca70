"""The framework catalogs are well-formed data that match shared/reference/standards.md. No database needed."""

import ast
import inspect
from collections import Counter
from datetime import date

import pytest

from compliance.catalogs import eu_ai_act, gdpr, iso_42001, nist_ai_rmf

CATALOGS = [gdpr, eu_ai_act, nist_ai_rmf, iso_42001]
KINDS = {"article", "annex", "function", "category", "subcategory", "objective", "control"}
APPLICABILITY = {"always", "personal_data", "special_category", "automated_decisions", "provider", "deployer",
                 "high_risk", "high_risk_provider", "high_risk_deployer", "transparency", "gpai_provider",
                 "gpai_systemic"}
REQUIRED_KEYS = {"code", "title", "description", "kind", "parent", "applicability"}
OPTIONAL_KEYS = {"applies_from", "applies_from_amended"}

catalog = pytest.mark.parametrize("module", CATALOGS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])


def by_code(module) -> dict:
    return {r["code"]: r for r in module.REQUIREMENTS}


# --- structure common to every catalog ---------------------------------------------------------------------------

def test_framework_slugs():
    assert [m.FRAMEWORK["slug"] for m in CATALOGS] == ["gdpr", "eu-ai-act", "nist-ai-rmf", "iso-42001"]


@catalog
def test_framework_fields(module):
    spec = module.FRAMEWORK
    assert set(spec) == {"slug", "name", "short_name", "version", "description", "url"}
    assert spec["name"] and spec["short_name"] and spec["version"] and spec["description"]
    assert len(spec["short_name"]) <= 40 and len(spec["version"]) <= 60
    assert spec["url"] == "" or spec["url"].startswith(("http://", "https://"))


@catalog
def test_catalog_is_pure_data(module):
    tree = ast.parse(inspect.getsource(module))
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not imported, f"catalog modules import nothing, found {imported}"


@catalog
def test_requirement_fields(module):
    for r in module.REQUIREMENTS:
        assert REQUIRED_KEYS <= set(r) <= REQUIRED_KEYS | OPTIONAL_KEYS, r["code"]
        assert r["kind"] in KINDS, r["code"]
        assert r["applicability"] in APPLICABILITY, r["code"]
        assert r["code"].strip() == r["code"] and 0 < len(r["code"]) <= 40
        assert r["title"].strip() and len(r["title"]) <= 300, r["code"]
        assert 20 <= len(r["description"]) <= 600, r["code"]


@catalog
def test_codes_unique(module):
    duplicates = [code for code, n in Counter(r["code"] for r in module.REQUIREMENTS).items() if n > 1]
    assert not duplicates


@catalog
def test_parents_exist_and_come_first(module):
    seen = set()
    for r in module.REQUIREMENTS:
        if r["parent"] is not None:
            assert r["parent"] in seen, f"{r['code']}: parent {r['parent']} missing or listed after it"
        seen.add(r["code"])


@catalog
def test_dates_parse(module):
    for r in module.REQUIREMENTS:
        start = r.get("applies_from")
        amended = r.get("applies_from_amended")
        if start:
            assert date.fromisoformat(start) >= date(2024, 8, 1), r["code"]  # not before entry into force
        if amended:
            assert start, f"{r['code']}: an amended date postpones an original one"
            assert date.fromisoformat(amended) > date.fromisoformat(start), r["code"]


def test_only_the_ai_act_carries_dates():
    for module in (gdpr, nist_ai_rmf, iso_42001):
        assert not [r["code"] for r in module.REQUIREMENTS if set(r) & OPTIONAL_KEYS]


# --- NIST AI RMF: standards.md 2.3 -------------------------------------------------------------------------------

NIST_SUBCATEGORIES_PER_CATEGORY = {
    "GOVERN 1": 7, "GOVERN 2": 3, "GOVERN 3": 2, "GOVERN 4": 3, "GOVERN 5": 2, "GOVERN 6": 2,
    "MAP 1": 6, "MAP 2": 3, "MAP 3": 5, "MAP 4": 2, "MAP 5": 2,
    "MEASURE 1": 3, "MEASURE 2": 13, "MEASURE 3": 3, "MEASURE 4": 3,
    "MANAGE 1": 4, "MANAGE 2": 4, "MANAGE 3": 2, "MANAGE 4": 3,
}


def test_nist_counts():
    kinds = Counter(r["kind"] for r in nist_ai_rmf.REQUIREMENTS)
    assert kinds == {"function": 4, "category": 19, "subcategory": 72}


def test_nist_functions_and_categories():
    reqs = nist_ai_rmf.REQUIREMENTS
    assert [r["code"] for r in reqs if r["kind"] == "function"] == ["GOVERN", "MAP", "MEASURE", "MANAGE"]
    categories = {r["code"]: r["parent"] for r in reqs if r["kind"] == "category"}
    assert set(categories) == set(NIST_SUBCATEGORIES_PER_CATEGORY)
    assert all(code.split()[0] == parent for code, parent in categories.items())
    per_function = Counter(categories.values())
    assert per_function == {"GOVERN": 6, "MAP": 5, "MEASURE": 4, "MANAGE": 4}


def test_nist_subcategories_per_category():
    per_category = Counter(r["parent"] for r in nist_ai_rmf.REQUIREMENTS if r["kind"] == "subcategory")
    assert per_category == NIST_SUBCATEGORIES_PER_CATEGORY
    # Numbered 1..n without gaps, each under the category its code names.
    for category, n in NIST_SUBCATEGORIES_PER_CATEGORY.items():
        codes = [r["code"] for r in nist_ai_rmf.REQUIREMENTS if r["parent"] == category]
        assert codes == [f"{category}.{i}" for i in range(1, n + 1)]
    per_function = Counter(r["code"].split()[0] for r in nist_ai_rmf.REQUIREMENTS if r["kind"] == "subcategory")
    assert per_function == {"GOVERN": 19, "MAP": 18, "MEASURE": 22, "MANAGE": 13}


def test_nist_applies_everywhere():
    assert {r["applicability"] for r in nist_ai_rmf.REQUIREMENTS} == {"always"}


# --- ISO/IEC 42001 Annex A: standards.md 4.2 ---------------------------------------------------------------------

ISO_CONTROLS_PER_AREA = {"A.2": 3, "A.3": 2, "A.4": 5, "A.5": 4, "A.6": 9, "A.7": 5, "A.8": 4, "A.9": 3, "A.10": 3}


def _area(code: str) -> str:
    return ".".join(code.split(".")[:2])


def test_iso_objectives_and_controls():
    reqs = by_code(iso_42001)
    objectives = [r["code"] for r in iso_42001.REQUIREMENTS if r["kind"] == "objective"]
    assert [c for c in objectives if reqs[c]["parent"] is None] == list(ISO_CONTROLS_PER_AREA)
    controls = [r for r in iso_42001.REQUIREMENTS if r["kind"] == "control"]
    assert len(controls) == 38
    assert Counter(_area(r["code"]) for r in controls) == ISO_CONTROLS_PER_AREA
    assert {r["kind"] for r in iso_42001.REQUIREMENTS} == {"objective", "control"}
    assert {r["applicability"] for r in iso_42001.REQUIREMENTS} == {"always"}


def test_iso_controls_sit_under_their_objective():
    reqs = by_code(iso_42001)
    for r in iso_42001.REQUIREMENTS:
        if r["kind"] != "control":
            continue
        parent = reqs[r["parent"]]
        assert parent["kind"] == "objective"
        assert r["code"].startswith(parent["code"] + "."), r["code"]
        top = parent
        while top["parent"]:
            top = reqs[top["parent"]]
        assert top["code"] == _area(r["code"])
        assert r["code"].split(".")[-1] != "1", "x.1 is the objective statement, controls start at x.2"


def test_iso_titles_spot_check():
    reqs = by_code(iso_42001)
    assert reqs["A.6.1"]["title"] == "Management guidance for AI system development"
    assert reqs["A.6.1.2"]["parent"] == "A.6.1" and reqs["A.6.2.8"]["parent"] == "A.6.2"
    assert reqs["A.6.2.8"]["title"] == "AI system recording of event logs"
    assert reqs["A.5.4"]["title"] == "Assessing AI system impact on individuals or groups of individuals"
    assert reqs["A.10.3"]["title"] == "Suppliers"
    assert "A.6.1.4" not in reqs  # listed by one secondary source in error (standards.md 4.2)


# --- EU AI Act: standards.md 1.2, 1.13 ---------------------------------------------------------------------------

AI_ACT_ARTICLES = [4, 5, 6, *range(8, 28), 43, 47, 48, 49, 50, 53, 54, 55, 72, 73]
AI_ACT_TITLES = {
    "Art. 4": "AI literacy",
    "Art. 5": "Prohibited AI practices",
    "Art. 6": "Classification rules for high-risk AI systems",
    "Art. 9": "Risk management system",
    "Art. 10": "Data and data governance",
    "Art. 13": "Transparency and provision of information to deployers",
    "Art. 14": "Human oversight",
    "Art. 15": "Accuracy, robustness and cybersecurity",
    "Art. 17": "Quality management system",
    "Art. 26": "Obligations of deployers of high-risk AI systems",
    "Art. 27": "Fundamental rights impact assessment for high-risk AI systems",
    "Art. 50": "Transparency obligations for providers and deployers of certain AI systems",
    "Art. 55": "Obligations of providers of general-purpose AI models with systemic risk",
    "Art. 72": "Post-market monitoring by providers and post-market monitoring plan for high-risk AI systems",
    "Art. 73": "Reporting of serious incidents",
    "Annex III": "High-risk AI systems referred to in Article 6(2)",
    "Annex IV": "Technical documentation referred to in Article 11(1)",
}
AI_ACT_APPLICABILITY = {
    "Art. 4": "always", "Art. 5": "always", "Art. 6": "always",
    **{f"Art. {n}": "high_risk_provider" for n in range(8, 18)},
    "Art. 26": "high_risk_deployer", "Art. 27": "high_risk_deployer",
    **{f"Art. {n}": "high_risk_provider" for n in (43, 47, 48, 49, 72, 73)},
    "Art. 50": "transparency", "Art. 53": "gpai_provider", "Art. 54": "gpai_provider", "Art. 55": "gpai_systemic",
    "Annex III": "high_risk", "Annex IV": "high_risk_provider",
}


def test_ai_act_articles_present():
    reqs = by_code(eu_ai_act)
    expected = [f"Art. {n}" for n in AI_ACT_ARTICLES]
    assert [r["code"] for r in eu_ai_act.REQUIREMENTS if r["kind"] == "article"] == expected
    assert {"Annex III", "Annex IV"} <= set(reqs)
    assert all(reqs[c]["parent"] is None for c in expected + ["Annex III", "Annex IV"])


def test_ai_act_titles():
    reqs = by_code(eu_ai_act)
    for code, title in AI_ACT_TITLES.items():
        assert reqs[code]["title"] == title, code


def test_ai_act_applicability():
    reqs = by_code(eu_ai_act)
    for code, applicability in AI_ACT_APPLICABILITY.items():
        assert reqs[code]["applicability"] == applicability, code


def test_ai_act_annexes():
    reqs = by_code(eu_ai_act)
    areas = [r for r in eu_ai_act.REQUIREMENTS if r["parent"] == "Annex III"]
    assert [r["code"] for r in areas] == [f"Annex III({i})" for i in range(1, 9)]
    assert reqs["Annex III(4)"]["title"] == "Employment, workers' management and access to self-employment"
    points = [r for r in eu_ai_act.REQUIREMENTS if r["parent"] == "Annex IV"]
    assert [r["code"] for r in points] == [f"Annex IV({i})" for i in range(1, 10)]
    assert all(r["kind"] == "annex" for r in areas + points)
    assert {r["applicability"] for r in areas} == {"high_risk"}
    assert {r["applicability"] for r in points} == {"high_risk_provider"}


def test_ai_act_application_dates():
    reqs = by_code(eu_ai_act)
    assert all("applies_from" in r for r in eu_ai_act.REQUIREMENTS)
    # Art. 113(3)(a): Chapters I and II.
    assert reqs["Art. 4"]["applies_from"] == reqs["Art. 5"]["applies_from"] == "2025-02-02"
    # Art. 113(3)(b): Chapter V.
    assert {reqs[f"Art. {n}"]["applies_from"] for n in (53, 54, 55)} == {"2025-08-02"}
    # Everything else from 2 Aug 2026; the Omnibus moves Annex III high-risk duties to 2 Dec 2027.
    for n in [6, *range(8, 28), 43, 47, 48, 49, 72, 73]:
        assert reqs[f"Art. {n}"]["applies_from"] == "2026-08-02", n
        assert reqs[f"Art. {n}"]["applies_from_amended"] == "2027-12-02", n
    assert reqs["Annex III"]["applies_from_amended"] == reqs["Annex IV"]["applies_from_amended"] == "2027-12-02"
    # Art. 50 stays at 2 Aug 2026; literacy, prohibitions and GPAI duties are not postponed.
    assert reqs["Art. 50"]["applies_from"] == "2026-08-02"
    for code in ("Art. 4", "Art. 5", "Art. 50", "Art. 53", "Art. 54", "Art. 55"):
        assert "applies_from_amended" not in reqs[code], code


# --- GDPR: standards.md 3.2 --------------------------------------------------------------------------------------

GDPR_ARTICLES = [4, 5, 6, 7, 9, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22, 24, 25, 28, 30, 32, 33, 34, 35, 36,
                 37, 38, 39, 44, 45, 46, 47, 48, 49, 83]


def test_gdpr_articles():
    reqs = by_code(gdpr)
    assert [r["code"] for r in gdpr.REQUIREMENTS] == [f"Art. {n}" for n in GDPR_ARTICLES]
    assert {r["kind"] for r in gdpr.REQUIREMENTS} == {"article"}
    assert reqs["Art. 5"]["title"] == "Principles relating to processing of personal data"
    assert reqs["Art. 17"]["title"] == "Right to erasure ('right to be forgotten')"
    assert reqs["Art. 22"]["title"] == "Automated individual decision-making, including profiling"
    assert reqs["Art. 35"]["title"] == "Data protection impact assessment"


def test_gdpr_applicability():
    reqs = by_code(gdpr)
    assert reqs["Art. 9"]["applicability"] == "special_category"
    assert reqs["Art. 22"]["applicability"] == "automated_decisions"
    others = {r["applicability"] for code, r in reqs.items() if code not in ("Art. 9", "Art. 22")}
    assert others == {"personal_data"}
