import re
import uuid

from rest_framework.renderers import BrowsableAPIRenderer

from .context import request_id

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Tags each request with an id (kept from X-Request-ID when sane) for logs and audit events."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        request.id = rid
        token = request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = rid
        return response


class DatabaseUnavailableMiddleware:
    """A view that loses the database (server down or restarting) answers 503, not 500.

    Only connection failures (``OperationalError``, ``InterfaceError``) are mapped; other database
    errors are bugs and stay 500. Errors raised outside views (in another middleware) reach
    ``handler500``, which maps them the same way (``attest.core.views.server_error``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from .views import database_unavailable, is_connection_error

        if is_connection_error(exception):
            return database_unavailable(request, exception)
        return None


# No inline script or style anywhere: scripts and styles come from our static files only.
# img-src allows data: for the icons Swagger UI's stylesheet embeds.
_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _policy(**overrides: str) -> str:
    return "; ".join(f"{name} {value}" for name, value in {**_DIRECTIVES, **overrides}.items())


CONTENT_SECURITY_POLICY = _policy()
# DRF's browsable API template (third-party) has style="" attributes and a <style> block;
# its pages alone may use inline styles. Scripts stay 'self' there too.
BROWSABLE_API_POLICY = _policy(**{"style-src": "'self' 'unsafe-inline'"})


class ContentSecurityPolicyMiddleware:
    """Sends the Content-Security-Policy on every response that has not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        browsable = isinstance(getattr(response, "accepted_renderer", None), BrowsableAPIRenderer)
        response.headers.setdefault("Content-Security-Policy",
                                    BROWSABLE_API_POLICY if browsable else CONTENT_SECURITY_POLICY)
        return response
