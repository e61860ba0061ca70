"""Error pages: JSON under /api/, HTML elsewhere; never a stack trace."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string

logger = logging.getLogger("attest.db")


def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


def not_found(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"detail": "Not found. It does not exist or you do not have access to it."}, status=404)
    return render(request, "errors/404.html", status=404)


def permission_denied(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"detail": "You do not have permission to do this."}, status=403)
    return render(request, "errors/403.html", status=403)


def bad_request(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"detail": "The request could not be understood."}, status=400)
    return render(request, "errors/400.html", status=400)


def is_connection_error(exc) -> bool:
    """The database cannot be reached (down, restarting, connection dropped): a 503, not a bug."""
    return isinstance(exc, (OperationalError, InterfaceError))


def database_unavailable(request, exc=None):
    """503 while the database is unreachable. The page is rendered without the request, so that
    no context processor, session or user lookup touches the database again."""
    logger.warning("database unavailable for %s %s: %s", request.method, request.path, exc)
    if _wants_json(request):
        response = JsonResponse({"detail": "The database is unavailable. Try again in a moment."}, status=503)
    else:
        response = HttpResponse(render_to_string("errors/503.html"), status=503)
    response["Retry-After"] = "5"
    return response


def server_error(request):
    exc = sys.exc_info()[1]  # handler500 runs inside the except block that caught the error
    if is_connection_error(exc):
        return database_unavailable(request, exc)
    if _wants_json(request):
        return JsonResponse(
            {"detail": "Something went wrong on our side. The error was logged; try again or contact an administrator."},
            status=500,
        )
    return render(request, "errors/500.html", status=500)
