"""Structured API errors: ``{"code", "detail", "errors"}``, never an HTML error page."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .exceptions import ConcurrentEditError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every error as ``{"code": ..., "detail": ..., "errors": {field: [..]}}``."""
    if isinstance(exc, DjangoValidationError):
        errors = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        return Response(
            {"code": "invalid", "detail": _("De invoer is niet geldig."), "errors": errors},
            status=400,
        )
    if isinstance(exc, OverflowError):
        # A number too large for the database (an id filter of 2⁶³ or more on SQLite).
        return Response(
            {
                "code": "invalid",
                "detail": _("Een getal in de aanvraag is te groot."),
                "errors": {"non_field_errors": [_("Een getal in de aanvraag is te groot.")]},
            },
            status=400,
        )
    if isinstance(exc, ConcurrentEditError):
        return Response({"code": "conflict", "detail": str(exc)}, status=409)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Niet gevonden."))
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or _("U heeft hiervoor geen toegang."))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        response.data = {
            "code": "invalid",
            "detail": _("De invoer is niet geldig."),
            "errors": data,
        }
    else:
        detail = data.get("detail", "") if isinstance(data, dict) else data
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        response.data = {"code": code, "detail": str(detail)}
    return response
