"""Single sign-on with OpenID Connect (mozilla-django-oidc), on only when settings.OIDC_ENABLED.

Linking a provider's person to a local user is the security decision here:
* by e-mail, and only an address the provider says it verified (``email_verified``), unless
  ``OIDC_REQUIRE_VERIFIED_EMAIL`` is off for a provider that does not send the claim;
* an existing user with that address (case-insensitive) signs in as themselves, keeping their
  role and teams; a disabled one is refused; two users with the address are refused;
* otherwise a new user is created as ``member`` with no teams and no password (``OIDC_CREATE_USER``),
  so SSO alone never grants access to any asset: an administrator adds the person to teams.
"""

import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import services

logger = logging.getLogger("attest.sso")


class SsoBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims):
        if not claims.get("email"):
            return False
        return claims.get("email_verified") is True or not settings.OIDC_REQUIRE_VERIFIED_EMAIL

    def update_user(self, user, claims):
        if not user.is_active:
            raise SuspiciousOperation(f"SSO sign-in refused: {user.username} is disabled.")
        return user

    def create_user(self, claims):
        user = services.create_sso_user(
            email=claims["email"], preferred_username=claims.get("preferred_username", ""),
            first_name=claims.get("given_name", ""), last_name=claims.get("family_name", ""),
        )
        logger.info("SSO created user %s (member, no teams)", user.username)
        return user
