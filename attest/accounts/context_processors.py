from django.conf import settings


def sign_in_options(request):
    """Whether the login page offers single sign-on."""
    return {"sso_enabled": settings.OIDC_ENABLED}
