"""API of the iWmo/iJw exchange: the message log and the providers' requests (315/317).

Same rules as the screens (``selectors``): the log is for the functioneel beheerder (metadata,
never the XML or the resident) and the teamleider (their teams' messages; the XML of one
message only through the case's own check, logged). Requests are read through the case
(scope and consent for "interventies", logged) and answered through the services; out of
scope is 404 with a REFUSED access-log entry, a refused answer ``400 {"code": "invalid"}``.
Register with ``register(router)``.
"""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from wijkteam.accounts.http import current_user
from wijkteam.accounts.models import User
from wijkteam.accounts.policies import can_configure

from . import selectors
from .constants import Direction, MessageStatus, RefusalReason
from .models import Message, ProviderRequest
from .services import request_allocate, request_investigate, request_refuse

ERROR = inline_serializer(
    name="IwmoError",
    fields={
        "code": serializers.CharField(),
        "detail": serializers.CharField(),
        "errors": serializers.DictField(required=False),
    },
)
NOT_FOUND = OpenApiResponse(ERROR, description="Niet gevonden of buiten uw bereik (gelogd).")
INVALID = OpenApiResponse(
    ERROR, description="De invoer is niet geldig of het verzoek is al beantwoord (`invalid`)."
)
FORBIDDEN = OpenApiResponse(ERROR, description="U mag dit verzoek niet beantwoorden.")


class MessageSerializer(serializers.ModelSerializer):
    """Metadata of a message; ``case`` only for a teamleider (the beheerder sees no cases)."""

    provider_name = serializers.SerializerMethodField()
    case = serializers.SerializerMethodField()
    # Plain codes (the lists are in docs/iwmo.md): one OpenAPI enum per list is kept for the
    # code lists of casework; these would collide with other "status" and "kind" fields.
    standard = serializers.CharField(read_only=True, help_text="iwmo of ijw")
    message_type = serializers.CharField(read_only=True, help_text="301, 302, 305 … 320")
    direction = serializers.CharField(read_only=True, help_text="in of uit")
    status = serializers.CharField(read_only=True, help_text=", ".join(MessageStatus.values))

    class Meta:
        model = Message
        fields = [
            "id",
            "standard",
            "message_type",
            "direction",
            "status",
            "message_id",
            "sender",
            "receiver",
            "provider",
            "provider_name",
            "case",
            "in_reply_to",
            "retour_codes",
            "problems",
            "attempts",
            "last_error",
            "created_at",
            "sent_at",
        ]
        read_only_fields = fields

    def get_provider_name(self, obj: Message) -> str:
        return obj.provider.name if obj.provider is not None else ""

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_case(self, obj: Message) -> int | None:
        return None if self.context.get("hide_cases") else obj.case_id


class RetourCodeSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="WJ001 RetourCode")
    meaning = serializers.CharField(help_text="betekenis (WJ001)")
    rejected = serializers.BooleanField(help_text="keurt dit onderdeel af (niet 0200 of 0233)")


class RetourBlockSerializer(serializers.Serializer):
    block = serializers.CharField(help_text="Header, Client, ToegewezenProduct, Contact ...")
    label = serializers.CharField()
    key = serializers.CharField(help_text="ToewijzingNummer of ReferentieAanbieder; leeg: cliënt")
    rejected = serializers.BooleanField()
    codes = RetourCodeSerializer(many=True)


class MessageDetailSerializer(MessageSerializer):
    xml = serializers.SerializerMethodField()
    replies = serializers.SerializerMethodField()
    retour = serializers.SerializerMethodField()

    class Meta(MessageSerializer.Meta):
        fields = [*MessageSerializer.Meta.fields, "xml", "replies", "retour"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_xml(self, obj: Message) -> str | None:
        return obj.raw_xml if self.context.get("shows_xml") else None

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_replies(self, obj: Message) -> list[int]:
        return [m.pk for m in self.context.get("replies", [])]

    @extend_schema_field(RetourBlockSerializer(many=True))
    def get_retour(self, obj: Message) -> list[dict[str, Any]]:
        """The RetourCodes per block (header, client, each product ...) with their meaning."""
        return [
            {
                "block": row.block,
                "label": row.label,
                "key": row.key,
                "rejected": row.rejected,
                "codes": [
                    {"code": c.code, "meaning": c.meaning, "rejected": c.rejected}
                    for c in row.codes
                ],
            }
            for row in self.context.get("retour", [])
        ]


class MessageViewSet(viewsets.GenericViewSet):
    """The message log (functioneel beheerder, teamleider), or one case's messages."""

    serializer_class = MessageSerializer
    queryset = Message.objects.none()

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "status", str, enum=MessageStatus.values, description="Alleen deze status"
            ),
            OpenApiParameter("direction", str, enum=Direction.values, description="in of uit"),
            OpenApiParameter(
                "case",
                int,
                description=(
                    "De berichten van deze casus (zonder XML), voor wie de casus mag openen; "
                    "zonder: het berichtenlog (functioneel beheerder, teamleider)"
                ),
            ),
        ],
        responses={200: MessageSerializer(many=True), 400: INVALID, 404: NOT_FOUND},
    )
    def list(self, request: Request) -> Response:
        user: User = current_user(request)
        case = request.query_params.get("case", "")
        if case:
            if not case.isdigit():
                raise serializers.ValidationError({"case": [_("Geef de casus op als nummer.")]})
            qs = selectors.case_messages(user=user, case_pk=int(case))
        else:
            qs = selectors.message_log_rows(
                user=user,
                status=request.query_params.get("status", ""),
                direction=request.query_params.get("direction", ""),
            )
        page = self.paginate_queryset(qs)
        rows = list(page if page is not None else qs)
        if not case:
            selectors.message_rows_read(user=user, rows=rows, purpose=_("berichtenlog via API"))
        context = {"hide_cases": can_configure(user) and not case}
        data = MessageSerializer(rows, many=True, context=context).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(responses={200: MessageDetailSerializer, 404: NOT_FOUND})
    def retrieve(self, request: Request, pk: str) -> Response:
        user: User = current_user(request)
        view = selectors.message_detail(user=user, pk=int(pk) if pk.isdigit() else 0)
        context = {
            "hide_cases": can_configure(user),
            "shows_xml": view.shows_xml,
            "replies": view.replies,
            "retour": view.retour,
        }
        return Response(MessageDetailSerializer(view.message, context=context).data)


class ProviderRequestSerializer(serializers.ModelSerializer):
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    kind = serializers.CharField(read_only=True, help_text="315 of 317")
    status = serializers.CharField(read_only=True, help_text="open, toegewezen, afgewezen")

    class Meta:
        model = ProviderRequest
        fields = [
            "id",
            "kind",
            "case",
            "provider",
            "provider_name",
            "allocation",
            "reference",
            "request_reason",
            "product_category",
            "product_code",
            "volume",
            "unit",
            "frequency",
            "starts_on",
            "ends_on",
            "received_on",
            "due_on",
            "status",
            "answer_reason",
            "refusal_code",
            "answered_at",
            "answered_allocation",
            "investigation_sent_at",
        ]
        read_only_fields = fields


class RefuseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200, help_text="toelichting van het team")
    reason_code = serializers.ChoiceField(
        choices=RefusalReason.choices,
        help_text="RedenAfwijzingVerzoek (WJ759) in de 319: " + ", ".join(RefusalReason.values),
    )


class AllocateSerializer(serializers.Serializer):
    allocation = serializers.IntegerField()


def _case_param(request: Request) -> int:
    value = request.query_params.get("case", "")
    if not value.isdigit():
        raise serializers.ValidationError({"case": [_("Geef de casus op als nummer.")]})
    return int(value)


class ProviderRequestViewSet(viewsets.GenericViewSet):
    """Requests of providers (315 verzoek om toewijzing, 317 verzoek om wijziging) per case."""

    serializer_class = ProviderRequestSerializer
    queryset = ProviderRequest.objects.none()

    def _get(self, request: Request, pk: str) -> ProviderRequest:
        user: User = current_user(request)
        return selectors.request_get(
            user=user, case_pk=_case_param(request), pk=int(pk) if pk.isdigit() else 0
        )

    @extend_schema(
        parameters=[OpenApiParameter("case", int, required=True, description="De casus")],
        responses={200: ProviderRequestSerializer(many=True), 400: INVALID, 404: NOT_FOUND},
    )
    def list(self, request: Request) -> Response:
        user: User = current_user(request)
        rows = selectors.case_requests(user=user, case_pk=_case_param(request))
        page = self.paginate_queryset(rows)
        data = ProviderRequestSerializer(page if page is not None else rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(
        parameters=[OpenApiParameter("case", int, required=True, description="De casus")],
        responses={200: ProviderRequestSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(ProviderRequestSerializer(self._get(request, pk)).data)

    @extend_schema(
        parameters=[OpenApiParameter("case", int, required=True, description="De casus")],
        request=RefuseSerializer,
        responses={
            200: ProviderRequestSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
        description="Wijs het verzoek af met een reden; de 319 (afgewezen) gaat naar de aanbieder.",
    )
    @action(detail=True, methods=["post"])
    def refuse(self, request: Request, pk: str) -> Response:
        user: User = current_user(request)
        found = self._get(request, pk)
        body = RefuseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        answered = request_refuse(
            actor=user,
            request=found,
            reason=body.validated_data["reason"],
            reason_code=body.validated_data["reason_code"],
        )
        return Response(ProviderRequestSerializer(answered).data)

    @extend_schema(
        parameters=[OpenApiParameter("case", int, required=True, description="De casus")],
        request=AllocateSerializer,
        responses={
            200: ProviderRequestSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
        description=(
            "Beantwoord het verzoek met een toewijzing van deze casus aan deze aanbieder; "
            "de aanbieder krijgt de toewijzing (301) met de ReferentieAanbieder van het verzoek."
        ),
    )
    @action(detail=True, methods=["post"])
    def allocate(self, request: Request, pk: str) -> Response:
        user: User = current_user(request)
        found = self._get(request, pk)
        body = AllocateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        allocation: Any = (
            selectors.answerable_allocations(found)
            .filter(pk=body.validated_data["allocation"])
            .first()
        )
        answered = request_allocate(actor=user, request=found, allocation=allocation)
        return Response(ProviderRequestSerializer(answered).data)

    @extend_schema(
        parameters=[OpenApiParameter("case", int, required=True, description="De casus")],
        request=None,
        responses={
            200: ProviderRequestSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
        description=(
            "Meld de aanbieder dat de aanvraag in onderzoek is: een 319 met VerzoekAntwoord 2 "
            "(WJ760). Het verzoek blijft open met zijn termijn; dit kan één keer per verzoek "
            "(daarna 400)."
        ),
    )
    @action(detail=True, methods=["post"])
    def investigate(self, request: Request, pk: str) -> Response:
        user: User = current_user(request)
        found = self._get(request, pk)
        return Response(
            ProviderRequestSerializer(request_investigate(actor=user, request=found)).data
        )


def register(router: BaseRouter) -> None:
    router.register("iwmo-messages", MessageViewSet, basename="iwmo-message")
    router.register("provider-requests", ProviderRequestViewSet, basename="provider-request")
