"""API tokens expire after ATTEST_TOKEN_TTL_DAYS (hashing and revocation: tests/accounts)."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from attest.accounts.models import ApiToken
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@override_settings(ATTEST_TOKEN_TTL_DAYS=7)
def test_token_lifetime_comes_from_the_setting(world, api):
    response = api(None).post("/api/v1/auth/token/", {"username": "olivia", "password": PASSWORD}, format="json")
    expires_at = parse_datetime(response.json()["expires_at"])
    assert abs(expires_at - (timezone.now() + timedelta(days=7))) < timedelta(minutes=1)
    assert ApiToken.objects.get(user=world.owner_a).expires_at == expires_at
