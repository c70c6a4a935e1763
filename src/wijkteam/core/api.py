"""Structured API errors: ``{"code", "detail", "errors"}``, never an HTML error page."""

import re
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema_serializer
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import exception_handler as drf_exception_handler

from .converters import ID_REGEX
from .exceptions import ConcurrentEditError


def optional_but_version(serializer: serializers.Serializer) -> None:
    """PATCH: every field but ``expected_version`` may be left out (it then keeps its value).

    Call from a PATCH serializer's ``__init__``; a left-out field gets no default either, so
    it can never overwrite the stored value.
    """
    for name, field in serializer.fields.items():
        if name != "expected_version":
            field.required = False
            field.default = serializers.empty


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


_ID = re.compile(rf"^{ID_REGEX}$")


def id_param(request: Request, name: str, *, required: bool = False) -> int | None:
    """The one guard for an id in a query parameter: ASCII digits that fit a 64-bit column.

    Anything else (letters, ``²``, a number of 2⁶³ or more) is a structured 400 naming the
    parameter, on every engine; absent is ``None`` unless ``required``.
    """
    raw = request.query_params.get(name, "")
    if not raw and not required:
        return None
    if not _ID.match(raw):
        raise exceptions.ValidationError(
            {name: [_("Geef %(name)s op als nummer (ten hoogste 18 cijfers).") % {"name": name}]}
        )
    return int(raw)


def page_param(request: Request) -> int:
    """``?page=``: a page number, 1 when absent or not a number (the paginator clamps it)."""
    raw = request.query_params.get("page", "1")
    return int(raw) if _ID.match(raw) else 1


class IdRouter(DefaultRouter):
    """The API's router: every detail route matches only an id (``core.converters``), so an
    id of 2⁶³ or more is a 404 on every engine, whatever the viewset says."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._default_value_pattern = ID_REGEX


def page_serializer(item: type[serializers.Serializer], name: str) -> type[serializers.Serializer]:
    """The documented shape of a page of a list: ``count``, ``page``, ``pages``, ``results``.

    ``many=False``: drf-spectacular would otherwise document a list action's answer as an
    array of pages."""
    fields: dict[str, Any] = {
        "count": serializers.IntegerField(),
        "page": serializers.IntegerField(),
        "pages": serializers.IntegerField(),
        "results": item(many=True),
    }
    page = type(name, (serializers.Serializer,), fields)
    return extend_schema_serializer(many=False)(page)
