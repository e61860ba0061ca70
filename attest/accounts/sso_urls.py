"""/oidc/authenticate/ and /oidc/callback/: 404 unless single sign-on is configured."""

from functools import wraps

from django.conf import settings
from django.http import Http404
from django.urls import path
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView


def _only_when_configured(view):
    # Checked per request (not when the URLs load), so a settings override switches it in tests too.
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404("Single sign-on is not configured.")
        return view(request, *args, **kwargs)

    return guarded


urlpatterns = [
    path("authenticate/", _only_when_configured(OIDCAuthenticationRequestView.as_view()),
         name="oidc_authentication_init"),
    path("callback/", _only_when_configured(OIDCAuthenticationCallbackView.as_view()),
         name="oidc_authentication_callback"),
]
