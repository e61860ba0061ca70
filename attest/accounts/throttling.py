"""Login throttling with django-axes: lock out a username from one IP after repeated failures.

Settings: ``AXES_FAILURE_LIMIT`` (``ATTEST_LOGIN_FAILURE_LIMIT``) and ``AXES_COOLOFF_TIME``
(``ATTEST_LOGIN_COOLOFF_MINUTES``). The browser login and ``POST /api/v1/auth/token/`` both
authenticate with the request, so both are counted and both are refused while locked out.
"""

import math

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import JsonResponse
from django.shortcuts import render


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' lockout check, skipped when there is no request to attribute the attempt to.

    Every web login passes its request; only code (tests, shell, management commands) calls
    ``authenticate`` without one, and axes would otherwise refuse those outright.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str:
    """The client's address: the proxy's last X-Forwarded-For entry when behind our TLS proxy."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]  # appended by our proxy; earlier entries come from the client
    return request.META.get("REMOTE_ADDR", "")


def lockout_message(request=None) -> str:
    cool_off = get_cool_off(request)
    first = "Too many failed sign-ins for this username from your address, so it is locked for now."
    if not cool_off:
        return f"{first} Ask an administrator to unlock it."
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60))
    return (f"{first} Try again in {minutes} minute{'s' if minutes != 1 else ''}, "
            "or ask an administrator to unlock it.")


def lockout_response(request, original_response=None, credentials=None):
    """Axes' answer to a locked-out login: JSON for the API, the login page with a notice otherwise."""
    message = lockout_message(request)
    cool_off = get_cool_off(request)
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=settings.AXES_HTTP_RESPONSE_CODE)
    else:
        form = AuthenticationForm(request, initial={"username": (credentials or {}).get("username", "")})
        response = render(request, "registration/login.html",
                          {"form": form, "lockout_message": message, "next": request.POST.get("next", "")},
                          status=settings.AXES_HTTP_RESPONSE_CODE)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


def forget_failures(request, username: str) -> None:
    """A successful sign-in that is not a session login (an API token) clears the failures, like one."""
    if settings.AXES_RESET_ON_SUCCESS:
        reset(ip=client_ip(request), username=username)
