"""The built-in control library (compliance/catalogs/controls.py): shape, vocabulary and mappings.

Plain data checks, no database. The last test resolves every mapping against the framework
catalog modules; it skips a framework whose catalog module does not exist yet.
"""

import importlib
import re
from collections import Counter

import pytest

from compliance.catalogs.controls import CONTROLS, MAPPING_EXCEPTIONS
from compliance.choices import ControlStrength, EvidenceKind, LifecyclePhase

FRAMEWORKS = {  # slug -> catalog module under compliance.catalogs
    "gdpr": "gdpr",
    "eu-ai-act": "eu_ai_act",
    "nist-ai-rmf": "nist_ai_rmf",
    "iso-42001": "iso_42001",
}

# Controls allowed to skip a framework, and why (at most 3).
EXPECTED_GAPS = {
    # Watermarking model weights protects intellectual property, not personal data.
    ("SEC-10", "gdpr"),
    # Labelling synthetic media is an AI Act Art. 50 duty with no GDPR counterpart.
    ("DOC-05", "gdpr"),
}

# Identifiers the library may use, as listed in shared/reference/standards.md.
GDPR_ARTICLES = {4, 5, 6, 7, 9, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22, 24, 25, 28, 30,
                 32, 33, 34, 35, 36, 37, 38, 39, 44, 45, 46, 47, 48, 49, 83}
AI_ACT_ARTICLES = {4, 5, 6, *range(8, 28), 43, 47, 48, 49, 50, 53, 54, 55, 72, 73}
AI_ACT_ANNEXES = {"Annex III", "Annex IV"}
NIST_SUBCATEGORIES = {  # (function, category) -> number of subcategories
    ("GOVERN", 1): 7, ("GOVERN", 2): 3, ("GOVERN", 3): 2, ("GOVERN", 4): 3, ("GOVERN", 5): 2, ("GOVERN", 6): 2,
    ("MAP", 1): 6, ("MAP", 2): 3, ("MAP", 3): 5, ("MAP", 4): 2, ("MAP", 5): 2,
    ("MEASURE", 1): 3, ("MEASURE", 2): 13, ("MEASURE", 3): 3, ("MEASURE", 4): 3,
    ("MANAGE", 1): 4, ("MANAGE", 2): 4, ("MANAGE", 3): 2, ("MANAGE", 4): 3,
}
ISO_CONTROLS = {
    "A.2.2", "A.2.3", "A.2.4", "A.3.2", "A.3.3", "A.4.2", "A.4.3", "A.4.4", "A.4.5", "A.4.6",
    "A.5.2", "A.5.3", "A.5.4", "A.5.5", "A.6.1.2", "A.6.1.3", "A.6.2.2", "A.6.2.3", "A.6.2.4",
    "A.6.2.5", "A.6.2.6", "A.6.2.7", "A.6.2.8", "A.7.2", "A.7.3", "A.7.4", "A.7.5", "A.7.6",
    "A.8.2", "A.8.3", "A.8.4", "A.8.5", "A.9.2", "A.9.3", "A.9.4", "A.10.2", "A.10.3", "A.10.4",
}


def _known_code(slug: str, code: str) -> bool:
    if slug == "gdpr":
        m = re.fullmatch(r"Art\. (\d+)", code)
        return bool(m) and int(m.group(1)) in GDPR_ARTICLES
    if slug == "eu-ai-act":
        m = re.fullmatch(r"Art\. (\d+)", code)
        return code in AI_ACT_ANNEXES or (bool(m) and int(m.group(1)) in AI_ACT_ARTICLES)
    if slug == "nist-ai-rmf":
        m = re.fullmatch(r"(GOVERN|MAP|MEASURE|MANAGE) (\d)\.(\d+)", code)
        return bool(m) and 1 <= int(m.group(3)) <= NIST_SUBCATEGORIES.get((m.group(1), int(m.group(2))), 0)
    if slug == "iso-42001":
        return code in ISO_CONTROLS
    return False


def _all_mappings():
    return [(c["code"], slug, code, strength) for c in CONTROLS for slug, code, strength in c["mappings"]]


def test_library_is_large_enough():
    assert len(CONTROLS) >= 45


def test_control_fields_and_codes():
    codes = [c["code"] for c in CONTROLS]
    duplicates = [code for code, n in Counter(codes).items() if n > 1]
    assert not duplicates, f"duplicate control codes: {duplicates}"
    titles = [c["title"] for c in CONTROLS]
    assert len(set(titles)) == len(titles), "control titles must be unique"
    for c in CONTROLS:
        assert set(c) == {"code", "title", "description", "phase", "evidence_kinds",
                          "max_evidence_age_days", "mappings"}, c["code"]
        assert re.fullmatch(r"[A-Z]{2,5}-\d{2}", c["code"]), c["code"]
        assert 0 < len(c["title"]) <= 200, c["code"]


def test_descriptions_are_short_plain_sentences():
    for c in CONTROLS:
        text = c["description"]
        assert text == text.strip() and text.endswith("."), c["code"]
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
        assert 1 <= len(sentences) <= 3, f"{c['code']}: {len(sentences)} sentences"


def test_phases_evidence_kinds_and_ages_are_valid():
    phases, kinds = set(LifecyclePhase.values), set(EvidenceKind.values)
    for c in CONTROLS:
        assert c["phase"] in phases, c["code"]
        assert c["evidence_kinds"], c["code"]
        assert set(c["evidence_kinds"]) <= kinds, c["code"]
        assert len(set(c["evidence_kinds"])) == len(c["evidence_kinds"]), c["code"]
        age = c["max_evidence_age_days"]
        assert isinstance(age, int) and not isinstance(age, bool) and age > 0, c["code"]


def test_every_lifecycle_phase_has_controls():
    assert {c["phase"] for c in CONTROLS} == set(LifecyclePhase.values)


def test_mapping_shape_and_strength():
    strengths = set(ControlStrength.values)
    for control, slug, code, strength in _all_mappings():
        assert slug in FRAMEWORKS, (control, slug)
        assert isinstance(code, str) and code == code.strip(), (control, code)
        assert strength in strengths, (control, slug, code, strength)


def test_no_duplicate_mapping_within_a_control():
    for c in CONTROLS:
        pairs = [(slug, code) for slug, code, _ in c["mappings"]]
        duplicates = [p for p, n in Counter(pairs).items() if n > 1]
        assert not duplicates, f"{c['code']}: {duplicates}"


def test_every_control_maps_to_all_four_frameworks():
    assert len(EXPECTED_GAPS) <= 3
    assert set(MAPPING_EXCEPTIONS) == EXPECTED_GAPS, "keep the module's exception list in step with this test"
    gaps = {(c["code"], slug) for c in CONTROLS for slug in FRAMEWORKS
            if not any(s == slug for s, _, _ in c["mappings"])}
    assert gaps == EXPECTED_GAPS


def test_codes_are_written_as_the_frameworks_write_them():
    unknown = [(control, slug, code) for control, slug, code, _ in _all_mappings() if not _known_code(slug, code)]
    assert not unknown, f"codes not in shared/reference/standards.md (or not a control/subcategory): {unknown}"


def test_full_strength_is_used_sparingly():
    counts = Counter(strength for *_, strength in _all_mappings())
    assert counts["full"] < counts["partial"] + counts["supporting"]


@pytest.mark.parametrize("slug", sorted(FRAMEWORKS))
def test_every_mapping_resolves_in_the_framework_catalog(slug):
    module = pytest.importorskip(f"compliance.catalogs.{FRAMEWORKS[slug]}")
    kinds = {r["code"]: r.get("kind") for r in module.REQUIREMENTS}
    used = [(code, control) for control, s, code, _ in _all_mappings() if s == slug]
    missing = sorted({(code, control) for code, control in used if code not in kinds})
    assert not missing, f"{slug}: mapped codes missing from compliance/catalogs/{FRAMEWORKS[slug]}.py: {missing}"
    # Map to subcategories and controls, never to NIST functions/categories or ISO objectives.
    coarse_kinds = ("function", "category", "objective")
    too_coarse = sorted({(code, kinds[code]) for code, _ in used if kinds[code] in coarse_kinds})
    assert not too_coarse, f"{slug}: mappings to grouping entries: {too_coarse}"


def test_catalog_modules_import_cleanly_when_present():
    """importorskip would hide a catalog that exists but fails to import; catch that here."""
    for module_name in FRAMEWORKS.values():
        try:
            importlib.import_module(f"compliance.catalogs.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"compliance.catalogs.{module_name}":
                raise
