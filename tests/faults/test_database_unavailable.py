"""The 503 mapping itself, on any database: a lost connection is a 503 with a readable answer.

``tests/faults/test_postgres_restart.py`` shows it with a real PostgreSQL outage; these tests
simulate the connection error where it happens first in each kind of request.
"""

from unittest import mock

import pytest
from django.db import IntegrityError, OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db

DOWN = OperationalError("connection to server at \"127.0.0.1\", port 5432 failed: Connection refused")


def test_page_whose_session_lookup_fails_answers_503_html(world):
    client = Client()
    client.force_login(world.owner_a)
    with mock.patch("django.contrib.sessions.backends.db.SessionStore.load", side_effect=DOWN):
        response = client.get("/assets/")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "Temporarily unavailable" in body and "cannot reach its database" in body
    assert "Traceback" not in body and "5432" not in body


def test_api_whose_token_lookup_fails_answers_503_json(world):
    with mock.patch("attest.accounts.authentication.ApiTokenAuthentication.authenticate", side_effect=DOWN):
        response = Client().get("/api/v1/assets/", HTTP_AUTHORIZATION="Token att_whatever")
    assert response.status_code == 503
    assert response.json() == {"detail": "The database is unavailable. Try again in a moment."}


@pytest.mark.parametrize("path, json_answer", [("/assets/", False), ("/api/v1/assets/", True)])
def test_error_raised_in_a_middleware_reaches_handler500_and_becomes_503(world, path, json_answer):
    client = Client(raise_request_exception=False)
    with mock.patch("django.contrib.sessions.middleware.SessionMiddleware.process_request", side_effect=DOWN):
        response = client.get(path)
    assert response.status_code == 503
    if json_answer:
        assert response.json()["detail"] == "The database is unavailable. Try again in a moment."
    else:
        assert b"Temporarily unavailable" in response.content


def test_other_database_errors_stay_500(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.owner_a)
    with mock.patch("inventory.views.AssetListView.get", side_effect=IntegrityError("bug")):
        response = client.get("/assets/")
    assert response.status_code == 500 and b"Temporarily unavailable" not in response.content
