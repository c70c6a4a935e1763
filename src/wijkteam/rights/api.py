"""Privacy API: consents, emergency access, inzage requests, the access overview, the register.

Same rules as the screens: residents are looked up through the scoped selectors (out of scope
is 404 and a REFUSED entry in the access log), every write goes through a service, and a
service's ValidationError is answered as ``400 {"code": "invalid", ...}`` by the project's
exception handler. Register with ``register(router)``.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from wijkteam.accounts.http import current_user
from wijkteam.core import keyset
from wijkteam.core.api import error_responses, id_param, page_param
from wijkteam.organisation.models import Organisation
from wijkteam.privacy.constants import (
    SharingBasis,
)
from wijkteam.privacy.models import EmergencyAccess
from wijkteam.privacy.reads import professional_user as _professional
from wijkteam.rights import inzage as inzage_export
from wijkteam.rights import register as processing
from wijkteam.rights import selectors, services
from wijkteam.rights.api_serializers import (
    AccessRowSerializer,
    ConsentInputSerializer,
    ConsentRefusalInputSerializer,
    ConsentRefusalPage,
    ConsentRefusalSerializer,
    ConsentSerializer,
    EmergencyAccessSerializer,
    EmergencyInputSerializer,
    InzageInputSerializer,
    InzageRequestSerializer,
    ReviewInputSerializer,
    WithdrawInputSerializer,
)
from wijkteam.rights.policies import may_view_register

BAD_CURSOR = gettext_noop(
    "Deze cursor klopt niet of hoort bij een andere lijst. Begin opnieuw zonder cursor."
)
UNKNOWN_ORGANISATION = "Onbekende organisatie: kies de ontvangende organisatie uit de lijst."


def _int_param(request: Request, name: str) -> int:
    value = id_param(request, name, required=True)
    assert value is not None
    return value


class ConsentViewSet(viewsets.ViewSet):
    """Consents and legal-ground sharings of one resident (``?resident=<id>``)."""

    lookup_value_regex = r"[0-9]{1,18}"

    @extend_schema(
        parameters=[OpenApiParameter("resident", int, required=True)],
        responses=ConsentSerializer(many=True),
    )
    def list(self, request: Request) -> Response:
        user = _professional(request)
        resident = selectors.resident_for_privacy(
            user=user, pk=_int_param(request, "resident"), purpose="toestemmingen bekeken (API)"
        )
        return Response(
            ConsentSerializer(selectors.consent_list(resident=resident), many=True).data
        )

    @extend_schema(request=ConsentInputSerializer, responses={201: ConsentSerializer})
    def create(self, request: Request) -> Response:
        user = _professional(request)
        data = ConsentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v: dict[str, Any] = data.validated_data
        resident = selectors.resident_for_privacy(
            user=user, pk=v["resident"], purpose="toestemming vastleggen (API)"
        )
        organisation = Organisation.objects.filter(pk=v["organisation"]).first()
        if organisation is None:
            raise DjangoValidationError({"organisation": UNKNOWN_ORGANISATION})
        common = {
            "actor": user,
            "resident": resident,
            "organisation": organisation,
            "purpose": v["purpose"],
            "categories": v["categories"],
            "valid_from": v["valid_from"],
            "valid_until": v["valid_until"],
        }
        if v["basis"] == SharingBasis.WETTELIJKE_GRONDSLAG:
            consent = services.legal_ground_record(
                **common, legal_ground=v["legal_ground"], justification=v["justification"]
            )
        else:
            consent = services.consent_record(**common, given_how=v["given_how"])
        return Response(ConsentSerializer(consent).data, status=201)

    @extend_schema(request=WithdrawInputSerializer, responses=ConsentSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        user = _professional(request)
        consent = selectors.consent_get(user=user, pk=int(pk or 0))
        data = WithdrawInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        consent = services.consent_withdraw(
            actor=user, consent=consent, note=data.validated_data["note"]
        )
        return Response(ConsentSerializer(consent).data)


class ConsentRefusalViewSet(viewsets.ViewSet):
    """Refusals of consent: the residents in the user's scope (their team), or one resident
    (``?resident=<id>``); record one with the same rule as recording consent."""

    @extend_schema(
        parameters=[OpenApiParameter("resident", int), OpenApiParameter("page", int)],
        responses=ConsentRefusalPage,
    )
    def list(self, request: Request) -> Response:
        user = _professional(request)
        resident_id = id_param(request, "resident")
        page = selectors.consent_refusals_for_user(
            user=user, page=page_param(request), resident_id=resident_id
        )
        return Response(
            {
                "count": page.paginator.count,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "results": ConsentRefusalSerializer(page.object_list, many=True).data,
            }
        )

    @extend_schema(request=ConsentRefusalInputSerializer, responses={201: ConsentRefusalSerializer})
    def create(self, request: Request) -> Response:
        user = _professional(request)
        data = ConsentRefusalInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v: dict[str, Any] = data.validated_data
        resident = selectors.resident_for_privacy(
            user=user, pk=v["resident"], purpose="weigering van toestemming vastleggen (API)"
        )
        organisation = Organisation.objects.filter(pk=v["organisation"]).first()
        if organisation is None:
            raise DjangoValidationError({"organisation": UNKNOWN_ORGANISATION})
        refusal = services.consent_refuse(
            actor=user,
            resident=resident,
            organisation=organisation,
            category=v["category"],
            refused_on=v["refused_on"],
            reason=v["reason"],
        )
        return Response(ConsentRefusalSerializer(refusal).data, status=201)


class EmergencyAccessViewSet(viewsets.ViewSet):
    """Doorbraak: open (with a reason), list your own, review (teamleider of the case's team)."""

    lookup_value_regex = r"[0-9]{1,18}"

    @extend_schema(responses=EmergencyAccessSerializer(many=True))
    def list(self, request: Request) -> Response:
        user = _professional(request)
        grants = EmergencyAccess.objects.filter(user=user).order_by("-opened_at")[:50]
        return Response(EmergencyAccessSerializer(grants, many=True).data)

    @extend_schema(request=EmergencyInputSerializer, responses={201: EmergencyAccessSerializer})
    def create(self, request: Request) -> Response:
        user = _professional(request)
        data = EmergencyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        case = selectors.case_for_emergency_form(user=user, case_number=v["case"], bsn="")
        if case is None:
            raise Http404
        grant = services.emergency_access_open(
            actor=user, case=case, reason=v["reason"], minutes=v["minutes"]
        )
        return Response(EmergencyAccessSerializer(grant).data, status=201)

    @extend_schema(request=ReviewInputSerializer, responses=EmergencyAccessSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        user = _professional(request)
        grant = selectors.emergency_for_review(user=user, pk=int(pk or 0))
        data = ReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        grant = services.emergency_review(
            actor=user,
            grant=grant,
            verdict=data.validated_data["verdict"],
            note=data.validated_data["note"],
        )
        return Response(EmergencyAccessSerializer(grant).data)


class InzageRequestViewSet(viewsets.ViewSet):
    """Inzage requests (AVG art. 15): register, read, export as JSON."""

    lookup_value_regex = r"[0-9]{1,18}"

    @extend_schema(request=InzageInputSerializer, responses={201: InzageRequestSerializer})
    def create(self, request: Request) -> Response:
        user = _professional(request)
        data = InzageInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        resident = selectors.resident_for_privacy(
            user=user, pk=v["resident"], purpose="inzageverzoek registreren (API)"
        )
        created = services.inzage_register(
            actor=user,
            resident=resident,
            received_on=v["received_on"],
            requested_by=v["requested_by"],
            received_via=v["received_via"],
            note=v["note"],
        )
        return Response(InzageRequestSerializer(created).data, status=201)

    @extend_schema(responses=InzageRequestSerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        user = _professional(request)
        return Response(
            InzageRequestSerializer(selectors.inzage_get(user=user, pk=int(pk or 0))).data
        )

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: str | None = None) -> Response:
        user = _professional(request)
        item = selectors.inzage_get(user=user, pk=int(pk or 0), log=False)
        return Response(inzage_export.inzage_export(user=user, request=item, fmt="json"))


class AccessOverviewViewSet(viewsets.ViewSet):
    """The resident's access overview: who accessed the file, when and why (oldest first).

    Paged by keyset on ``(at, id)``, never OFFSET: ``next`` and ``previous`` are the ``cursor``
    values of the neighbouring pages (opaque, signed for this resident). A changed, cut or
    foreign cursor is a structured 400 naming ``cursor``.
    """

    @extend_schema(
        parameters=[
            OpenApiParameter("resident", int, required=True),
            OpenApiParameter("from", OpenApiTypes.DATE),
            OpenApiParameter("to", OpenApiTypes.DATE),
            OpenApiParameter(
                "cursor",
                str,
                description=(
                    "De positie van de pagina: de waarde van ``next`` of ``previous`` uit een "
                    "eerder antwoord; leeg is de eerste pagina."
                ),
            ),
        ],
        responses={
            200: inline_serializer(
                "AccessOverviewPage",
                {
                    "count": serializers.IntegerField(),
                    "page": serializers.IntegerField(),
                    "pages": serializers.IntegerField(),
                    "next": serializers.CharField(allow_null=True),
                    "previous": serializers.CharField(allow_null=True),
                    "results": AccessRowSerializer(many=True),
                },
            ),
            **error_responses(400, 401, 403, 404),
        },
    )
    def list(self, request: Request) -> Response:
        user = _professional(request)
        resident = selectors.resident_for_privacy(
            user=user, pk=_int_param(request, "resident"), purpose="", log=False
        )
        dates: dict[str, datetime.date | None] = {}
        for name in ("from", "to"):
            raw = request.query_params.get(name, "")
            try:
                dates[name] = datetime.date.fromisoformat(raw) if raw else None
            except ValueError:
                raise DjangoValidationError({name: "Geef de datum op als JJJJ-MM-DD."}) from None
        if dates["from"] and dates["to"] and dates["to"] < dates["from"]:
            raise DjangoValidationError({"to": "De einddatum ligt vóór de begindatum."})
        try:
            position = keyset.position_from_api_cursor(
                request.query_params.get("cursor", ""),
                salt=selectors.access_overview_salt(resident.pk),
            )
        except keyset.BadCursor:
            raise DjangoValidationError({"cursor": _(BAD_CURSOR)}) from None
        page = selectors.access_overview(
            user=user,
            resident=resident,
            date_from=dates["from"],
            date_to=dates["to"],
            position=position,
        )
        return Response(
            {
                "count": page.count,
                "page": page.number,
                "pages": page.num_pages,
                "next": keyset.api_cursor(keyset.NEXT, page.next_token),
                "previous": keyset.api_cursor(keyset.PREVIOUS, page.previous_token),
                "results": AccessRowSerializer(page.object_list, many=True).data,
            }
        )


class ProcessingRegisterViewSet(viewsets.ViewSet):
    """The register of processing (AVG art. 30), for the beheerder and the policy officer."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def list(self, request: Request) -> Response:
        user = current_user(request)
        if not may_view_register(user):
            raise PermissionDenied
        return Response(processing.register_json(processing.build_register()))


def register(router: BaseRouter) -> None:
    router.register("consents", ConsentViewSet, basename="consent")
    router.register("consent-refusals", ConsentRefusalViewSet, basename="consent-refusal")
    router.register("emergency-access", EmergencyAccessViewSet, basename="emergency-access")
    router.register("inzage-requests", InzageRequestViewSet, basename="inzage-request")
    router.register("access-overview", AccessOverviewViewSet, basename="access-overview")
    router.register(
        "processing-register", ProcessingRegisterViewSet, basename="processing-register"
    )
