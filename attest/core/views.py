"""Error pages: JSON under /api/, HTML elsewhere; never a stack trace."""

from django.http import JsonResponse
from django.shortcuts import render


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


def server_error(request):
    if _wants_json(request):
        return JsonResponse(
            {"detail": "Something went wrong on our side. The error was logged; try again or contact an administrator."},
            status=500,
        )
    return render(request, "errors/500.html", status=500)
