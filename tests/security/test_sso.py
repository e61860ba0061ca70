"""Single sign-on (OIDC) is offered only when configured; provider people map safely to local users."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import override_settings

from attest.accounts.models import User
from attest.accounts.sso import SsoBackend
from attest.rbac.roles import GlobalRole

pytestmark = pytest.mark.django_db

PROVIDER = dict(
    OIDC_ENABLED=True, OIDC_RP_CLIENT_ID="attest-client", OIDC_RP_CLIENT_SECRET="s3cret",
    OIDC_OP_AUTHORIZATION_ENDPOINT="https://idp.example.org/authorize",
    OIDC_OP_TOKEN_ENDPOINT="https://idp.example.org/token", OIDC_OP_USER_ENDPOINT="https://idp.example.org/userinfo",
    OIDC_OP_JWKS_ENDPOINT="https://idp.example.org/jwks",
)


def test_without_configuration_there_is_no_button_and_no_sso_url(client):
    assert "Sign in with SSO" not in client.get("/login/").content.decode()
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404


@override_settings(**PROVIDER)
def test_configured_login_page_offers_sso_which_redirects_to_the_provider(client):
    page = client.get("/login/").content.decode()
    assert "Sign in with SSO" in page and 'href="/oidc/authenticate/"' in page
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == "https://idp.example.org/authorize"
    query = parse_qs(location.query)
    assert query["client_id"] == ["attest-client"] and query["response_type"] == ["code"]
    assert query["state"][0] and query["state"][0] in str(client.session["oidc_states"])
    assert query["redirect_uri"] == ["http://testserver/oidc/callback/"]
    assert "email" in query["scope"][0].split()


def sign_in(claims: dict):
    """The backend's user for these userinfo claims, without calling a provider."""
    backend = SsoBackend()
    backend.get_userinfo = lambda access_token, id_token, payload: claims
    try:
        return backend.get_or_create_user("access", "id", {})
    except SuspiciousOperation as exc:  # a refusal; authenticate() turns it into None
        return exc


@override_settings(**PROVIDER)
def test_new_person_becomes_a_member_with_no_teams_and_no_password(world):
    user = sign_in({"email": "nina@example.org", "email_verified": True, "preferred_username": "nina",
                    "given_name": "Nina", "family_name": "Ng"})
    assert isinstance(user, User) and user.username == "nina" and user.role == GlobalRole.MEMBER
    assert not user.has_usable_password() and not user.groups.exists()
    assert user.first_name == "Nina"


@override_settings(**PROVIDER)
def test_username_clash_gets_a_suffix(world):
    user = sign_in({"email": "other-olivia@example.org", "email_verified": True, "preferred_username": "olivia"})
    assert user.username == "olivia-2" and user.pk != world.owner_a.pk


@override_settings(**PROVIDER)
def test_verified_email_of_an_existing_user_signs_in_as_that_user(world):
    assert sign_in({"email": "OLIVIA@example.org", "email_verified": True}) == world.owner_a


@override_settings(**PROVIDER)
def test_unverified_email_is_refused(world):
    assert not isinstance(sign_in({"email": "olivia@example.org", "email_verified": False}), User)
    assert not isinstance(sign_in({"email": "olivia@example.org"}), User)


@override_settings(**PROVIDER)
def test_disabled_user_is_refused_and_not_recreated(world):
    User.objects.filter(pk=world.owner_a.pk).update(is_active=False)
    assert not isinstance(sign_in({"email": "olivia@example.org", "email_verified": True}), User)
    assert User.objects.filter(email__iexact="olivia@example.org").count() == 1
