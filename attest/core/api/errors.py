"""One JSON error shape for the whole API: {"detail": "...", "errors": {field: [...]}}."""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger("attest.api")


def _flatten(errors, field: str = "") -> list[str]:
    """Turn DRF's nested error structure into "field: message" lines."""
    if isinstance(errors, dict):
        out = []
        for key, value in errors.items():
            name = field if key in ("non_field_errors", "__all__") else (f"{field}.{key}" if field else str(key))
            out += _flatten(value, name)
        return out
    if isinstance(errors, list):
        return [message for item in errors for message in _flatten(item, field)]
    return [f"{field}: {errors}" if field else str(errors)]


def validation_payload(errors) -> dict:
    messages = _flatten(errors)
    summary = "; ".join(messages[:5]) or "The request was not valid."
    body = {"detail": summary}
    if isinstance(errors, dict):
        body["errors"] = errors
    elif isinstance(errors, list):
        body["errors"] = {"non_field_errors": errors}
    return body


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound("Not found. It does not exist or you do not have access to it.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or "You do not have permission to do this.")

    response = drf_exception_handler(exc, context)
    if response is None:
        if isinstance(exc, DatabaseError):
            logger.exception("database error in API request")
            return Response(
                {"detail": "The database is unavailable. Try again in a moment."},
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
            )
        return None  # handler500 answers with JSON, without the trace
    if isinstance(exc, exceptions.ValidationError):
        response.data = validation_payload(response.data)
    return response
