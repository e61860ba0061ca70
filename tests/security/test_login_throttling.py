"""After N failed sign-ins for a username from one address, even the right password is refused until the cool-off ends."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.test import override_settings

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/v1/auth/token/"


def browser_login(client, password):
    return client.post("/login/", {"username": "olivia", "password": password})


def api_login(api, password, address="10.0.0.1"):
    return api(None).post(TOKEN_URL, {"username": "olivia", "password": password}, format="json", REMOTE_ADDR=address)


def test_browser_login_locks_out_after_five_failures(world, client):
    for _ in range(4):
        assert browser_login(client, "wrong").status_code == 200  # the form again, with its error
    locked = browser_login(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode() and "15 minutes" in locked.content.decode()
    refused = browser_login(client, PASSWORD)
    assert refused.status_code == 429 and "_auth_user_id" not in client.session


def test_api_token_locks_out_with_a_json_message(world, api):
    for _ in range(4):
        assert api_login(api, "wrong").status_code == 401
    assert api_login(api, "wrong").status_code == 429
    refused = api_login(api, PASSWORD)
    assert refused.status_code == 429 and refused["Content-Type"] == "application/json"
    assert "Try again in 15 minutes" in refused.json()["detail"] and refused["Retry-After"] == "900"
    # The lockout is for this username from this address only.
    assert api_login(api, PASSWORD, address="10.0.0.2").status_code == 201


def test_browser_and_api_failures_count_together(world, client, api):
    for _ in range(3):
        browser_login(client, "wrong")
    for _ in range(2):
        api_login(api, "wrong", address="127.0.0.1")
    assert api_login(api, PASSWORD, address="127.0.0.1").status_code == 429


def test_sign_in_works_again_after_an_administrator_resets(world, api):
    for _ in range(5):
        api_login(api, "wrong")
    assert api_login(api, PASSWORD).status_code == 429
    reset(username="olivia")
    assert api_login(api, PASSWORD).status_code == 201


def test_sign_in_works_again_after_the_cool_off(world, api):
    for _ in range(5):
        api_login(api, "wrong")
    assert api_login(api, PASSWORD).status_code == 429
    # The attempts are now older than the cool-off, as if 16 minutes had passed.
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))
    assert api_login(api, PASSWORD).status_code == 201


@override_settings(AXES_FAILURE_LIMIT=2)
def test_limit_comes_from_settings(world, api):
    api_login(api, "wrong")
    assert api_login(api, "wrong").status_code == 429


def test_success_clears_earlier_failures(world, api):
    for _ in range(4):
        api_login(api, "wrong")
    assert api_login(api, PASSWORD).status_code == 201
    assert api_login(api, "wrong").status_code == 401  # counting starts again
