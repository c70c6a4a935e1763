"""API of the onderzoek: read it with its keukentafelgesprekken, add a gesprek.

The investigation is addressed by its case: ``/api/investigations/{case_id}/``. Same scope and
rules as the screens: out of scope is 404, writes go through the services (400 with Dutch
messages on bad input).
"""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from wijkteam.privacy.reads import professional_user as _user
from wijkteam.residents.models import NetworkMember, Resident

from .. import selectors
from ..models import Case, Conversation, Investigation
from ..services import investigation as services

CASE_ID = OpenApiParameter(
    "case_id", int, OpenApiParameter.PATH, description="Het id van de casus van het onderzoek."
)


class ConversationSerializer(serializers.ModelSerializer):
    residents = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    network_members = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Conversation
        fields = [
            "id",
            "held_on",
            "place",
            "residents",
            "network_members",
            "client_supporter_present",
            "other_participants",
            "summary",
            "recorded_by",
        ]
        read_only_fields = fields


class InvestigationSerializer(serializers.ModelSerializer):
    conversations = serializers.SerializerMethodField()
    fingerprint = serializers.SerializerMethodField(
        help_text="Versie-kenmerk van de bewerkbare velden (persoonlijk plan, conclusie)."
    )

    class Meta:
        model = Investigation
        fields = [
            "case",
            "started_on",
            "completed_on",
            "personal_plan_received_on",
            "personal_plan_summary",
            "conclusion",
            "report_handed_on",
            "fingerprint",
            "conversations",
        ]
        read_only_fields = fields

    @extend_schema(responses=ConversationSerializer(many=True))
    def get_conversations(self, investigation: Investigation) -> list[dict[str, Any]]:
        conversations = investigation.conversations.prefetch_related("residents", "network_members")
        return ConversationSerializer(conversations, many=True).data

    def get_fingerprint(self, investigation: Investigation) -> str:
        return services.investigation_fingerprint(investigation)


class ConversationCreateSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    place = serializers.CharField(max_length=150, allow_blank=True)
    residents = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)
    network_members = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list
    )
    client_supporter_present = serializers.BooleanField(required=False, default=False)
    other_participants = serializers.CharField(
        max_length=250, required=False, allow_blank=True, default=""
    )
    summary = serializers.CharField(allow_blank=True)


def _investigation(case: Case) -> Investigation:
    investigation = Investigation.objects.filter(case_id=case.pk).first()
    if investigation is None:
        raise Http404
    return investigation


class InvestigationViewSet(viewsets.ViewSet):
    lookup_field = "case_id"
    lookup_value_regex = r"[0-9]{1,18}"

    @extend_schema(parameters=[CASE_ID], responses=InvestigationSerializer)
    def retrieve(self, request: Request, case_id: str) -> Response:
        case = selectors.case_get(
            category="onderzoek",
            user=_user(request),
            pk=int(case_id),
            purpose="onderzoek opgevraagd via de API",
        )
        return Response(InvestigationSerializer(_investigation(case)).data)

    @extend_schema(
        parameters=[CASE_ID],
        request=ConversationCreateSerializer,
        responses={201: ConversationSerializer},
    )
    @action(detail=True, methods=["post"])
    def conversations(self, request: Request, case_id: str) -> Response:
        user = _user(request)
        case = selectors.case_get(
            category="onderzoek",
            user=user,
            pk=int(case_id),
            purpose="keukentafelgesprek vastleggen via de API",
        )
        selectors.require_case_worker(user, case)
        _investigation(case)
        data = ConversationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        resident_ids = set(v["residents"])
        residents = list(
            Resident.objects.filter(pk__in=resident_ids, household_id=case.household_id)
        )
        if len(residents) != len(resident_ids):
            raise serializers.ValidationError(
                {"residents": [_("Kies alleen inwoners uit het huishouden van deze casus.")]}
            )
        member_ids = set(v["network_members"])
        members = list(
            NetworkMember.objects.filter(pk__in=member_ids, household_id=case.household_id)
        )
        if len(members) != len(member_ids):
            raise serializers.ValidationError(
                {
                    "network_members": [
                        _("Kies alleen leden van het informele netwerk van dit huishouden.")
                    ]
                }
            )
        conversation = services.conversation_add(
            actor=user,
            case=case,
            held_on=v["held_on"],
            place=v["place"],
            residents=residents,
            network_members=members,
            client_supporter_present=v["client_supporter_present"],
            other_participants=v["other_participants"],
            summary=v["summary"],
        )
        return Response(ConversationSerializer(conversation).data, status=201)


def register(router: BaseRouter) -> None:
    router.register("investigations", InvestigationViewSet, basename="investigation")
