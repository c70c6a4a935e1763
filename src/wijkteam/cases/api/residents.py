"""API for residents: search (logged), register with duplicate detection, read, change."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from wijkteam.cases import selectors
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.models import Neighbourhood, Team
from wijkteam.privacy.reads import professional_user as _user
from wijkteam.residents import services
from wijkteam.residents.constants import HouseholdRelation
from wijkteam.residents.models import Resident

ID = OpenApiParameter("id", int, OpenApiParameter.PATH)
EDITABLE = [
    "first_name",
    "name_prefix",
    "last_name",
    "date_of_birth",
    "household_relation",
    "street",
    "house_number",
    "postcode",
    "city",
    "neighbourhood",
    "phone",
    "email",
    "interpreter_language",
    "plain_language",
    "communication_notes",
]


class ResidentSerializer(serializers.ModelSerializer):
    bsn = serializers.CharField(source="masked_bsn", read_only=True)
    household = serializers.IntegerField(source="household_id", read_only=True)

    class Meta:
        model = Resident
        fields = ["id", "bsn", "household", *EDITABLE, "version"]
        read_only_fields = ["id", "bsn", "household", "version"]


class ResidentCreateSerializer(serializers.Serializer):
    team = serializers.IntegerField()
    first_name = serializers.CharField(max_length=100)
    name_prefix = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=100)
    date_of_birth = serializers.DateField()
    household_relation = serializers.ChoiceField(choices=HouseholdRelation.choices)
    bsn = serializers.CharField(max_length=11, required=False, allow_blank=True, default="")
    street = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    house_number = serializers.CharField(
        max_length=12, required=False, allow_blank=True, default=""
    )
    postcode = serializers.CharField(max_length=7, required=False, allow_blank=True, default="")
    city = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    neighbourhood = serializers.IntegerField(required=False, allow_null=True, default=None)
    confirm_not_duplicate = serializers.BooleanField(required=False, default=False)


class ResidentUpdateSerializer(serializers.ModelSerializer):
    expected_version = serializers.IntegerField(write_only=True)

    class Meta:
        model = Resident
        fields = [*EDITABLE, "expected_version"]
        extra_kwargs = {f: {"required": False} for f in EDITABLE}


class ResidentViewSet(viewsets.ViewSet):
    lookup_value_regex = r"[0-9]{1,18}"

    @extend_schema(
        parameters=[OpenApiParameter("q", str), OpenApiParameter("bsn", str)],
        responses=ResidentSerializer(many=True),
    )
    def list(self, request: Request) -> Response:
        results = selectors.resident_search(
            user=_user(request),
            query=request.query_params.get("q", ""),
            bsn=request.query_params.get("bsn", ""),
        )
        return Response(ResidentSerializer(results, many=True).data)

    @extend_schema(parameters=[ID], responses=ResidentSerializer)
    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(
            ResidentSerializer(selectors.resident_get(user=_user(request), pk=int(pk))).data
        )

    @extend_schema(request=ResidentCreateSerializer, responses={201: ResidentSerializer})
    def create(self, request: Request) -> Response:
        user = _user(request)
        data = ResidentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v: dict[str, Any] = dict(data.validated_data)
        team = Team.objects.filter(
            pk=v.pop("team"), pk__in=org_policies.active_memberships(user).values("team_id")
        ).first()
        if team is None:
            raise serializers.ValidationError({"team": ["Kies een team waarvan u lid bent."]})
        hood_id = v.pop("neighbourhood")
        neighbourhood = None
        if hood_id is not None:
            neighbourhood = Neighbourhood.objects.filter(
                pk=hood_id, district__municipality=team.municipality
            ).first()
            if neighbourhood is None:
                raise serializers.ValidationError({"neighbourhood": ["Onbekende buurt."]})
        confirm = v.pop("confirm_not_duplicate")
        try:
            resident = services.resident_create(
                actor=user,
                municipality=team.municipality,
                team=team,
                data=services.ResidentData(neighbourhood=neighbourhood, **v),
                confirm_not_duplicate=confirm,
            )
        except services.DuplicateResidentError as exc:
            return Response(
                {
                    "code": "duplicate",
                    "detail": exc.messages[0],
                    "existing": [r.pk for r in exc.existing],
                },
                status=409,
            )
        return Response(ResidentSerializer(resident).data, status=201)

    @extend_schema(parameters=[ID], request=ResidentUpdateSerializer, responses=ResidentSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        user = _user(request)
        resident = selectors.resident_get(user=user, pk=int(pk))
        data = ResidentUpdateSerializer(resident, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        if "expected_version" not in v:
            # partial=True makes every field optional, this one is not: without it a stale
            # client would overwrite a newer version unnoticed.
            raise serializers.ValidationError(
                {
                    "expected_version": [
                        _("Geef de versie mee die u hebt gelezen (expected_version).")
                    ]
                }
            )
        version = v.pop("expected_version")
        for key, value in v.items():
            setattr(resident, key, value)
        resident = services.resident_update(actor=user, resident=resident, expected_version=version)
        return Response(ResidentSerializer(resident).data)


def register(router: BaseRouter) -> None:
    router.register("residents", ResidentViewSet, basename="resident")
