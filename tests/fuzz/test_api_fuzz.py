"""Schemathesis against /api/schema/ as each kind of user: no 5xx, every response as documented."""

import copy

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import transaction
from drf_spectacular.generators import SchemaGenerator
from hypothesis import seed

from .conftest import EXAMPLES, SEED, STATEFUL_SCENARIOS, STATEFUL_STEPS, hypothesis_settings, schemathesis_config

pytestmark = pytest.mark.fuzz

# Built at collection time, when there is no database yet: the document /api/schema/ serves
# (test_served_schema_is_the_fuzzed_one checks that). Schemathesis gets a copy, as it adds the
# links it infers to the document it is given.
SCHEMA_DOCUMENT = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(copy.deepcopy(SCHEMA_DOCUMENT), config=schemathesis_config())
schema.app = get_wsgi_application()


def test_served_schema_is_the_fuzzed_one(client, db):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    assert response.json() == SCHEMA_DOCUMENT


@schema.parametrize()
@hypothesis_settings(EXAMPLES)
def test_operation(case, auth_headers):
    case.call_and_validate(headers=auth_headers)


# Links between operations are inferred by schemathesis from the response schemas and path
# parameters (an asset's `id` feeds /assets/{id}/..., a list's results feed the detail, ...).
Workflow = schema.as_state_machine()


def test_stateful(auth_headers):
    """Chains of calls that reuse what earlier answers returned, as each kind of user."""

    @seed(SEED)
    class RoleWorkflow(Workflow):
        # Every scenario starts from the same data, so Hypothesis can replay and shrink one.
        def setup(self):
            self.savepoint = transaction.savepoint()

        def teardown(self):
            transaction.savepoint_rollback(self.savepoint)
            cache.clear()

        def get_call_kwargs(self, case):
            return {"headers": auth_headers}

    RoleWorkflow.run(settings=hypothesis_settings(STATEFUL_SCENARIOS, stateful_step_count=STATEFUL_STEPS))


# Inputs the fuzzers found to fail with a 5xx, kept as plain regression tests.
@pytest.mark.parametrize("method, path, data", [
    ("get", "/api/v1/frameworks/abc/requirements/", None),             # not an id: was a ValueError
    ("get", "/api/v1/assets/12345678901234567890/", None),            # beyond a bigint
    ("get", "/api/v1/evidence/?control_implementation=-1e308", None),  # was an OverflowError
    ("get", "/api/v1/risks/?team=1.5", None),
    ("get", "/api/v1/controls/?framework=gdpr%00", None),              # NUL: PostgreSQL refuses it
    ("post", "/api/v1/control-implementations/", {"control": "GOV-01\x00", "status": "planned"}),
])
def test_former_server_errors_are_client_errors(fuzz_world, db, api, method, path, data):
    world, _ = fuzz_world
    client = api(world.admin)
    response = client.post(path, data, format="json") if method == "post" else client.get(path)
    assert 400 <= response.status_code < 500, response.content
    assert "detail" in response.json()
