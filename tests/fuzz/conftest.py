"""Fixtures for the API fuzzing tests: realistic data, a token per role, in-process requests."""

import os

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings

from attest.accounts import services as accounts
from compliance.seed import load_catalogs
from risk import services as risk
from risk.seed import load_threats
from tests.conftest import build_world

# Examples per operation and role: a few in `make test`, many in `make fuzz`.
EXAMPLES = int(os.environ.get("ATTEST_FUZZ_EXAMPLES", "5"))
# Stateful runs: scenarios per role and the most calls in one scenario.
STATEFUL_SCENARIOS = int(os.environ.get("ATTEST_FUZZ_STATEFUL_SCENARIOS", "15"))
STATEFUL_STEPS = int(os.environ.get("ATTEST_FUZZ_STATEFUL_STEPS", "8"))
# The same cases on every run with the same seed: `make test` always uses 0, `make fuzz` a new one.
SEED = int(os.environ.get("ATTEST_FUZZ_SEED", "0"))
# Schemathesis' coverage phase (boundary values, missing and wrongly typed fields for every
# parameter) sends many requests per operation: on in `make fuzz` only.
COVERAGE = os.environ.get("ATTEST_FUZZ_COVERAGE", "0") == "1"

# Who calls the API: an attribute of tests/conftest.py's World, or None for no credentials.
ROLES = {
    "admin": "admin",
    "governance": "governance",
    "auditor": "auditor",         # has an engagement-style grant on team A's system
    "member": "owner_a",          # owner of team A, which holds most of the data
    "other-team": "member_b",     # owner of team B: team A's objects are out of scope
    "integration": "integration",  # may add evidence to team A's model
    "anonymous": None,
}

# What a response must satisfy. Checks that judge the API's *input validation* against the
# schema (negative_data_rejection, positive_data_acceptance, ...) are left out: role and state
# decide many answers, so "valid per schema" does not mean "must succeed".
CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_schema_conformance", "response_headers_conformance")


def schemathesis_config() -> schemathesis.Config:
    return schemathesis.Config.from_dict({
        "seed": SEED,
        "generation": {"max-examples": EXAMPLES, "database": "none"},
        "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
        "phases": {"coverage": {"enabled": COVERAGE}, "stateful": {"max-steps": STATEFUL_STEPS}},
    })


def hypothesis_settings(max_examples: int, **extra) -> settings:
    return settings(
        max_examples=max_examples, deadline=None, database=None, print_blob=True,
        suppress_health_check=list(HealthCheck), **extra,
    )


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker):
    """The two-team world with catalogs, threats, a threat model and a token per role.

    Built once for the module inside a transaction that is rolled back at the end; each test
    runs in a savepoint of its own (pytest-django's ``db``), so what one test writes is gone
    before the next.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_world()
            load_catalogs(log=lambda *_: None)
            load_threats(log=lambda *_: None)
            risk.regenerate_threat_model(actor=None, asset=world.asset_a, check_access=False)
            tokens = {
                role: accounts.issue_token(actor=None, user=getattr(world, attr), name="fuzz")[1]
                for role, attr in ROLES.items() if attr is not None
            }
            yield world, tokens
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def in_process_requests(db):
    """Requests through the WSGI app share the test's connection and transaction.

    Django's handler closes old connections when a request starts and ends, which would end
    the test's transaction; Django's own test client disconnects these handlers the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        cache.clear()  # throttle counts of the token endpoint must not reach other tests


@pytest.fixture(params=list(ROLES))
def role(request):
    return request.param


@pytest.fixture
def auth_headers(fuzz_world, role, in_process_requests):
    """Headers that authenticate as ``role`` with its API token (none for anonymous)."""
    _, tokens = fuzz_world
    return {"Authorization": f"Token {tokens[role]}"} if role in tokens else {}
