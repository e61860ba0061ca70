"""drf-spectacular postprocessing: document the error answers every API view can give.

The exception handler (``attest.core.api.errors``) turns every refusal into
``{"detail": "...", "errors": {...}}``. Which codes an operation can answer follows from how
it is built, so they are added here once instead of on every view:

* 400 when it takes input (query parameters, a body) or changes state (a refusal such as
  "the team still has assets");
* 401 everywhere: any request may carry an unknown, expired or revoked token;
* 403 unless the view lets anyone in (then only the token can be refused, with a 401);
* 404 when the path names an object (missing or out of scope) or the list is paginated
  (a page past the end);
* 429 when the view is throttled.

An answer a view documents itself (``extend_schema(responses=...)``) is kept as it is.
"""

from rest_framework import serializers
from rest_framework.permissions import AllowAny

ERROR_COMPONENT = "Error"


class ErrorSerializer(serializers.Serializer):
    """The error body, for views that document a code of their own (``OpenApiResponse(ErrorSerializer)``)."""

    detail = serializers.CharField()
    errors = serializers.DictField(required=False)  # drf-spectacular names its component "Error"


ERROR_SCHEMA = {
    "type": "object",
    "description": "An error. `detail` can be shown to a person as it is; `errors` maps each "
                   "field to its messages on validation failures.",
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": True},
    },
    "required": ["detail"],
}
DESCRIPTIONS = {
    "400": "Invalid input, or the action is refused in the object's current state.",
    "401": "Not authenticated, or the token is unknown, expired or revoked.",
    "403": "Authenticated, but not allowed to do this.",
    "404": "Not found, or out of your scope.",
    "429": "Too many requests; try again later.",
}
SAFE_METHODS = {"get", "head", "options"}


def _views_by_operation(generator) -> dict:
    views = {}
    for path, _regex, method, callback in generator.endpoints or ():
        view = generator.create_view(callback, method)
        views[(generator.coerce_path(path, method, view), method.lower())] = view
    return views


def _error_codes(method: str, operation: dict, view) -> list[str]:
    parameters = operation.get("parameters", [])
    locations = {parameter.get("in") for parameter in parameters}
    codes = ["401"]
    if "query" in locations or "requestBody" in operation or method not in SAFE_METHODS:
        codes.append("400")
    permissions = getattr(view, "permission_classes", None) or []
    if not permissions or not all(issubclass(p, AllowAny) for p in permissions):
        codes.append("403")
    if "path" in locations or any(p.get("name") == "page" and p.get("in") == "query" for p in parameters):
        codes.append("404")
    if getattr(view, "throttle_classes", None):
        codes.append("429")
    return sorted(codes)


def document_error_responses(result, generator, request, public):
    """POSTPROCESSING_HOOKS entry: add the shared error answers to every operation."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault(ERROR_COMPONENT, ERROR_SCHEMA)
    reference = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    views = _views_by_operation(generator)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for code in _error_codes(method, operation, views.get((path, method))):
                operation["responses"].setdefault(code, {
                    "description": DESCRIPTIONS[code],
                    "content": {"application/json": {"schema": reference}},
                })
    return result
