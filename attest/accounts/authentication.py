from django.utils import timezone
from rest_framework import authentication, exceptions

from .models import ApiToken, hash_token_key


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token <key>`` against hashed, expiring, revocable tokens."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_token_key(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid token. Create a new one with POST /api/v1/auth/token/.")
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("This token was revoked. Create a new one.")
        if token.expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed("This token has expired. Create a new one.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("This account is disabled.")
        # Touch at most once a minute: a write per request would serialise busy integrations.
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token
