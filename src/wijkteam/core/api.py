"""Structured API errors: ``{"code", "detail", "errors"}``, never an HTML error page."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
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


class ApiErrorSerializer(serializers.Serializer):
    """The project's API error, as ``exception_handler`` writes it (one schema component)."""

    code = serializers.CharField(help_text="invalid, permission_denied, not_found, conflict, …")
    detail = serializers.CharField(help_text="Een Nederlandse melding.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Per veld of parameter de Nederlandse meldingen (alleen bij 400).",
    )


ERROR_TEXTS = {
    400: gettext_lazy("Ongeldige invoer; ``errors`` noemt per veld of parameter wat er mis is."),
    401: gettext_lazy("Niet ingelogd."),
    403: gettext_lazy("Niet ingelogd met de tweede factor, of geen toegang tot dit onderdeel."),
    404: gettext_lazy("Niet gevonden, of buiten uw bereik."),
    409: gettext_lazy("Intussen gewijzigd door een ander: opnieuw ophalen en opnieuw proberen."),
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """OpenAPI responses for the error statuses an endpoint can answer."""
    return {
        s: OpenApiResponse(ApiErrorSerializer, description=str(ERROR_TEXTS[s])) for s in statuses
    }
