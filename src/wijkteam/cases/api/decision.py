"""API of the decision stage: aanvragen and besluiten (list, create, decide, second approval).

Scoped like the screens: a case or decision outside the user's scope answers 404 (and the
refused access is logged); writes go through ``cases.services.decision``, so the same Dutch
validation, mandate checks and refusal records apply.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from wijkteam.accounts.http import current_user
from wijkteam.accounts.models import User
from wijkteam.cases.policies_consent import case_ids_with_category
from wijkteam.organisation.constants import Law, ProductCategory
from wijkteam.privacy.reads import log_read, refuse
from wijkteam.residents.models import Resident

from .. import selectors
from ..constants import DecisionOutcome, Frequency, Unit
from ..models import Decision
from ..services import decision as decisions
from .filters import filter_by_case_param

UNKNOWN = gettext_lazy("Onbekende productcode/productcategorie: {input}.")


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = [
            "id",
            "case",
            "resident",
            "law",
            "product_category",
            "product_code",
            "volume",
            "unit",
            "frequency",
            "starts_on",
            "ends_on",
            "budget",
            "requested_on",
            "status",
            "outcome",
            "motivation",
            "legal_basis",
            "deviates_from_protocol",
            "deviation_justification",
            "decided_by",
            "decided_at",
            "needs_second_approval",
            "approved_by",
            "approved_at",
            "made_known_on",
        ]
        read_only_fields = fields


class DecisionRequestSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    resident = serializers.IntegerField()
    law = serializers.ChoiceField(choices=Law.choices)
    product_category = serializers.ChoiceField(
        choices=ProductCategory.choices, error_messages={"invalid_choice": UNKNOWN}
    )
    product_code = serializers.CharField(max_length=5, required=False, allow_blank=True, default="")
    volume = serializers.DecimalField(max_digits=9, decimal_places=2)
    unit = serializers.ChoiceField(choices=Unit.choices)
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    budget = serializers.DecimalField(
        max_digits=11, decimal_places=2, required=False, allow_null=True, default=None
    )
    requested_on = serializers.DateField()


class DecideSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices)
    motivation = serializers.CharField(allow_blank=True, default="")
    legal_basis = serializers.CharField(allow_blank=True, default="")
    deviates_from_protocol = serializers.BooleanField(default=False)
    deviation_justification = serializers.CharField(allow_blank=True, default="")
    granted_volume = serializers.DecimalField(
        max_digits=9, decimal_places=2, required=False, allow_null=True, default=None
    )


def decision_in_scope(user: User, pk: Any) -> Decision:
    """A decision of a case the user may open (404 and a refused-access entry otherwise)."""
    decision = (
        Decision.objects.filter(pk=pk, case__in=case_ids_with_category(user, "besluiten"))
        .select_related("case__team", "case__household", "resident")
        .first()
        if str(pk).isdigit()
        else None
    )
    if decision is None:
        raise refuse(user=user, object_type="besluit", object_id=pk)
    log_read(
        user=user, residents=[decision.resident_id], obj=decision, purpose=_("besluit via API")
    )
    return decision


ID = OpenApiParameter("id", int, OpenApiParameter.PATH)


class DecisionViewSet(viewsets.GenericViewSet):
    """Aanvragen and besluiten of the cases the user may open."""

    serializer_class = DecisionSerializer
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self) -> Any:
        user: User = current_user(self.request)
        return (
            Decision.objects.filter(case__in=case_ids_with_category(user, "besluiten"))
            .select_related("case")
            .order_by("-requested_on", "-id")
        )

    @extend_schema(
        responses=DecisionSerializer(many=True),
        parameters=[
            OpenApiParameter("case", int, description="Alleen de besluiten van deze casus")
        ],
    )
    def list(self, request: Request) -> Response:
        user: User = current_user(request)
        qs = filter_by_case_param(request, self.get_queryset())
        page = self.paginate_queryset(qs)
        rows = list(page if page is not None else qs)
        if rows:
            log_read(
                user=user,
                residents=[d.resident_id for d in rows],
                purpose=_("besluiten via API bekeken"),
            )
        data = DecisionSerializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(responses=DecisionSerializer, parameters=[ID])
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        decision = decision_in_scope(current_user(request), pk)
        return Response(DecisionSerializer(decision).data)

    @extend_schema(request=DecisionRequestSerializer, responses={201: DecisionSerializer})
    def create(self, request: Request) -> Response:
        user: User = current_user(request)
        incoming = DecisionRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        case = selectors.case_get(
            category="besluiten", user=user, pk=data["case"], purpose=_("aanvraag via API")
        )
        selectors.require_case_worker(user, case)
        resident = Resident.objects.filter(
            pk=data["resident"], household_id=case.household_id
        ).first()
        if resident is None:
            raise ValidationError(
                {"resident": _("Kies een inwoner uit het huishouden van deze casus.")}
            )
        decision = decisions.decision_request(
            actor=user,
            case=case,
            resident=resident,
            law=data["law"],
            product_category=data["product_category"],
            product_code=data["product_code"],
            volume=data["volume"],
            unit=data["unit"],
            frequency=data["frequency"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            budget=data["budget"],
            requested_on=data["requested_on"],
        )
        return Response(DecisionSerializer(decision).data, status=201)

    @extend_schema(request=DecideSerializer, responses=DecisionSerializer, parameters=[ID])
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        user: User = current_user(request)
        decision = decision_in_scope(user, pk)
        incoming = DecideSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        decided = decisions.decision_take(
            actor=user,
            decision=decision,
            outcome=data["outcome"],
            motivation=data["motivation"],
            legal_basis=data["legal_basis"],
            deviates_from_protocol=data["deviates_from_protocol"],
            deviation_justification=data["deviation_justification"],
            granted_volume=data["granted_volume"],
        )
        return Response(DecisionSerializer(decided).data)

    @extend_schema(request=None, responses=DecisionSerializer, parameters=[ID])
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        user: User = current_user(request)
        decision = decision_in_scope(user, pk)
        approved = decisions.decision_approve(actor=user, decision=decision)
        return Response(DecisionSerializer(approved).data)


def register(router: BaseRouter) -> None:
    router.register("decisions", DecisionViewSet, basename="decision")
