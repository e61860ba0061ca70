"""PostgreSQL stopped and started under a running gunicorn: 503 meanwhile, 200 after, no restart.

While the database is down, the API answers 503 with a JSON ``detail`` (``attest.core.api.errors``)
and pages answer 503 with a readable HTML page (``DatabaseUnavailableMiddleware``); a push stores
nothing. Once PostgreSQL is back, the same gunicorn process and workers answer 200 from the first
request on: ``CONN_HEALTH_CHECKS`` replaces the connections the restart cut.
"""

import json

import pytest

from attest.accounts.services import issue_token
from bench.load import http_call
from tests.evidence.test_worker_kill import REPORT

from .conftest import (
    assert_clean_refusal, assert_nothing_half_stored, live_gunicorn, needs_postgres, postgres_stopped, push_body,
)

pytestmark = [pytest.mark.faults, needs_postgres, pytest.mark.django_db(transaction=True)]


def test_postgres_restart_answers_503_then_recovers_without_a_restart(world, tmp_path):
    from django.test import Client

    _, key = issue_token(actor=None, user=world.owner_a)
    browser = Client()
    browser.force_login(world.owner_a)
    api = {"Authorization": f"Token {key}", "Accept": "application/json"}
    page = {"Cookie": f"sessionid={browser.cookies['sessionid'].value}"}
    push = {**api, "Content-Type": "application/json"}

    def calls(base):
        return {
            "assets API": lambda: http_call(base, "GET", "/api/v1/assets/", headers=api),
            "asset list page": lambda: http_call(base, "GET", "/assets/", headers=page),
            "asset page": lambda: http_call(base, "GET", f"/assets/{world.asset_a.pk}/", headers=page),
            "dashboard": lambda: http_call(base, "GET", "/", headers=page),
        }

    with live_gunicorn(tmp_path, workers=2, threads=2) as (base, proc, log_path):
        # Every worker thread opens its persistent connection (CONN_MAX_AGE) before the restart.
        for _ in range(6):
            for name, call in calls(base).items():
                assert call()[0] == 200, name
        booted = log_path.read_text().count("Booting worker")

        with postgres_stopped():
            for _ in range(4):
                for name, call in calls(base).items():
                    status, headers, body = call()
                    assert status == 503, (name, status, body[:300])
                    assert_clean_refusal(status, headers, body)
                    assert headers.get("retry-after") or name == "assets API", name
                    if name != "assets API":
                        assert headers["content-type"].startswith("text/html")
                        assert b"Temporarily unavailable" in body and b"cannot reach its database" in body
                    else:
                        assert "unavailable" in json.loads(body)["detail"]
            status, headers, body = http_call(base, "POST", "/api/v1/evidence/", headers=push,
                                              body=push_body(world.model_a.pk, REPORT, "during-outage"))
            assert status == 503 and "unavailable" in json.loads(body)["detail"], (status, body[:300])

        # Back: the first request on every thread is a 200 (stale connections are health-checked away).
        for _ in range(6):
            for name, call in calls(base).items():
                status, _, body = call()
                assert status == 200, (name, status, body[:300])
        status, _, body = http_call(base, "POST", "/api/v1/evidence/", headers=push,
                                    body=push_body(world.model_a.pk, REPORT, "after-outage"))
        assert status == 201, body[:300]
        item = json.loads(body)

        assert proc.poll() is None, "gunicorn exited"
        assert log_path.read_text().count("Booting worker") == booted, "gunicorn replaced a worker"

    assert_nothing_half_stored(tmp_path / "media", {item["id"]: item["sha256"]})
