"""Every model has generic UI and API test cases, and every filterset has tests."""

import importlib
import inspect
import pkgutil

import django_filters
from django.apps import apps

import tests
from tests.generic import APIViewTestCases, FilterSetTestCase, ViewTestCases

PROJECT_APPS = ["accounts", "auditlog", "core", "inventory", "compliance", "risk"]

# Models that no user reaches directly, each with the reason.
EXEMPT = {
    "accounts.TeamRoleGroup": "internal link between a team role and its auth group; covered through teams/{id}/members/",
    "accounts.TeamUserObjectPermission": "guardian permission table",
    "accounts.TeamGroupObjectPermission": "guardian permission table",
    "inventory.AssetUserObjectPermission": "guardian permission table (per-asset grants)",
    "inventory.AssetGroupObjectPermission": "guardian permission table (per-asset grants)",
    "auditlog.AuditChainHead": "internal head of the hash chain; covered by the verification tests",
    "risk.RiskMatrix": "one row of configuration read by the rating code; covered by tests/risk/test_register.py",
    "compliance.ControlMapping": "edited through controls/{id}/mappings/ and shown on the control page; "
                                 "covered by tests/compliance/test_library.py",
    "reports.ModelCardRender": "reached only through assets/{id}/model-card/?format=pdf; "
                               "covered by tests/reports/test_model_cards.py",
}
API_EXEMPT = {
    "accounts.ApiToken": "created at auth/token/ and revoked on /account/; covered by TestApiTokenUI",
    "core.Job": "jobs are reached through the page of the work they run (asset import)",
}


def _test_classes():
    for module_info in pkgutil.walk_packages(tests.__path__, "tests."):
        if ".e2e" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and cls.__name__.startswith("Test"):
                yield cls


def _covered(base):
    return {cls.model._meta.label for cls in _test_classes() if issubclass(cls, base) and cls.model is not None}


def _models():
    return [m._meta.label for app in PROJECT_APPS for m in apps.get_app_config(app).get_models()
            if m._meta.label not in EXEMPT]


def test_every_model_has_api_test_cases():
    missing = set(_models()) - _covered(APIViewTestCases.Base) - set(API_EXEMPT)
    assert not missing, f"models without generic API test cases: {sorted(missing)}"


def test_every_model_has_ui_test_cases():
    missing = set(_models()) - _covered(ViewTestCases.Base)
    assert not missing, f"models without generic UI test cases: {sorted(missing)}"


def test_every_filterset_has_tests():
    filtersets = set()
    for package in ("inventory", "compliance", "risk"):
        for module_info in pkgutil.walk_packages(importlib.import_module(package).__path__, f"{package}."):
            importlib.import_module(module_info.name)
    importlib.import_module("attest.auditlog.api.views")
    for cls in django_filters.FilterSet.__subclasses__():
        if cls.__module__.split(".")[0] in ("inventory", "attest", "compliance", "risk", "reports"):
            filtersets.add(cls)
    tested = {cls.filterset for cls in _test_classes() if issubclass(cls, FilterSetTestCase)}
    missing = {f"{f.__module__}.{f.__name__}" for f in filtersets - tested}
    assert not missing, f"filtersets without tests: {sorted(missing)}"
