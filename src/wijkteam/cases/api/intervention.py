"""API of the intervention stage: interventions (list, create, with the allocation for maatwerk)
and time entries on light support. Scoped like the screens; writes through the services."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from wijkteam.accounts.http import current_user
from wijkteam.accounts.models import User
from wijkteam.cases.policies_consent import case_ids_with_category
from wijkteam.organisation.models import Organisation
from wijkteam.privacy.reads import log_read, refuse
from wijkteam.residents.models import Resident

from .. import selectors
from ..constants import Frequency, InterventionKind, Unit
from ..models import Allocation, Decision, Intervention, TimeEntry
from ..services import intervention as interventions
from .filters import filter_by_case_param


class AllocationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Allocation
        fields = [
            "allocation_number",
            "decision",
            "provider",
            "product_category",
            "product_code",
            "volume",
            "unit",
            "frequency",
            "own_employer",
            "own_employer_reason",
            "allocated_by",
            "allocated_at",
        ]
        read_only_fields = fields


class InterventionSerializer(serializers.ModelSerializer):
    allocation = serializers.SerializerMethodField()

    class Meta:
        model = Intervention
        fields = [
            "id",
            "case",
            "kind",
            "description",
            "provision_name",
            "delivered_by",
            "starts_on",
            "ends_on",
            "status",
            "allocation",
        ]
        read_only_fields = fields

    @extend_schema_field(AllocationSerializer(allow_null=True))
    def get_allocation(self, obj: Intervention) -> dict[str, Any] | None:
        allocation = getattr(obj, "allocation", None)
        return AllocationSerializer(allocation).data if allocation is not None else None


class InterventionCreateSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=InterventionKind.choices)
    description = serializers.CharField(max_length=250, allow_blank=True)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)
    delivered_by = serializers.IntegerField(required=False, allow_null=True, default=None)
    provision_name = serializers.CharField(
        max_length=150, required=False, allow_blank=True, default=""
    )
    decision = serializers.IntegerField(required=False, allow_null=True, default=None)
    provider = serializers.IntegerField(required=False, allow_null=True, default=None)
    product_category = serializers.CharField(
        max_length=2, required=False, allow_blank=True, default=""
    )
    volume = serializers.DecimalField(
        max_digits=9, decimal_places=2, required=False, allow_null=True, default=None
    )
    unit = serializers.ChoiceField(
        choices=Unit.choices, required=False, allow_blank=True, default=""
    )
    frequency = serializers.ChoiceField(
        choices=Frequency.choices, required=False, allow_blank=True, default=""
    )
    own_employer_reason = serializers.CharField(required=False, allow_blank=True, default="")


class TimeEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = TimeEntry
        fields = ["id", "intervention", "member", "worked_on", "hours", "note"]
        read_only_fields = fields


class TimeEntryCreateSerializer(serializers.Serializer):
    intervention = serializers.IntegerField()
    worked_on = serializers.DateField()
    hours = serializers.DecimalField(max_digits=5, decimal_places=2)
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")


class InterventionViewSet(viewsets.GenericViewSet):
    """Interventions of the cases the user may open."""

    serializer_class = InterventionSerializer

    def get_queryset(self) -> Any:
        user: User = current_user(self.request)
        return (
            Intervention.objects.filter(case__in=case_ids_with_category(user, "interventies"))
            .select_related("allocation")
            .order_by("starts_on", "id")
        )

    @extend_schema(
        responses=InterventionSerializer(many=True),
        parameters=[
            OpenApiParameter("case", int, description="Alleen de interventies van deze casus")
        ],
    )
    def list(self, request: Request) -> Response:
        user: User = current_user(request)
        qs = filter_by_case_param(request, self.get_queryset())
        page = self.paginate_queryset(qs)
        rows = list(page if page is not None else qs)
        if rows:
            residents = Resident.objects.filter(
                household__cases__in={i.case_id for i in rows}
            ).values_list("pk", flat=True)
            log_read(
                user=user, residents=list(residents), purpose=_("interventies via API bekeken")
            )
        data = InterventionSerializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(request=InterventionCreateSerializer, responses={201: InterventionSerializer})
    def create(self, request: Request) -> Response:
        user: User = current_user(request)
        incoming = InterventionCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        case = selectors.case_get(
            category="interventies", user=user, pk=data["case"], purpose=_("interventie via API")
        )
        selectors.require_case_worker(user, case)
        errors: dict[str, str] = {}
        delivered_by = None
        if data["delivered_by"] is not None:
            delivered_by = User.objects.filter(pk=data["delivered_by"]).first()
            if delivered_by is None:
                errors["delivered_by"] = _("Dit teamlid bestaat niet.")
        decision = None
        if data["decision"] is not None:
            decision = Decision.objects.filter(pk=data["decision"], case=case).first()
            if decision is None:
                errors["decision"] = _("Dit besluit hoort niet bij deze casus.")
        provider = None
        if data["provider"] is not None:
            provider = Organisation.objects.filter(pk=data["provider"]).first()
            if provider is None:
                errors["provider"] = _("Deze aanbieder bestaat niet.")
        if errors:
            raise ValidationError(errors)
        intervention = interventions.intervention_start(
            actor=user,
            case=case,
            kind=data["kind"],
            description=data["description"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            delivered_by=delivered_by,
            provision_name=data["provision_name"],
            decision=decision,
            provider=provider,
            product_category=data["product_category"],
            volume=data["volume"],
            unit=data["unit"],
            frequency=data["frequency"],
            own_employer_reason=data["own_employer_reason"],
        )
        intervention = Intervention.objects.select_related("allocation").get(pk=intervention.pk)
        return Response(InterventionSerializer(intervention).data, status=201)


class TimeEntryViewSet(viewsets.GenericViewSet):
    """Time registration on light support by the team."""

    serializer_class = TimeEntrySerializer

    def get_queryset(self) -> Any:
        return TimeEntry.objects.none()

    @extend_schema(request=TimeEntryCreateSerializer, responses={201: TimeEntrySerializer})
    def create(self, request: Request) -> Response:
        user: User = current_user(request)
        incoming = TimeEntryCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        intervention = (
            Intervention.objects.filter(
                pk=data["intervention"], case__in=case_ids_with_category(user, "interventies")
            )
            .select_related("case__team", "case__household")
            .first()
        )
        if intervention is None:
            raise refuse(user=user, object_type="interventie", object_id=data["intervention"])
        entry = interventions.time_entry_add(
            actor=user,
            intervention=intervention,
            worked_on=data["worked_on"],
            hours=data["hours"],
            note=data["note"],
        )
        return Response(TimeEntrySerializer(entry).data, status=201)


def register(router: BaseRouter) -> None:
    router.register("interventions", InterventionViewSet, basename="intervention")
    router.register("time-entries", TimeEntryViewSet, basename="time-entry")
