"""API of evaluations: list (per case or across the user's cases), plan one, record the outcome."""

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from wijkteam.accounts.models import User
from wijkteam.cases.policies_consent import case_ids_with_category
from wijkteam.core.api import id_param, page_param
from wijkteam.privacy.reads import log_read, refuse
from wijkteam.privacy.reads import professional_user as _user
from wijkteam.residents.models import Resident

from .. import selectors
from ..constants import EvaluationOutcome
from ..models import Case, Evaluation
from ..services import evaluation as evaluation_services

ID = OpenApiParameter("id", int, OpenApiParameter.PATH)
PER_PAGE = 50
STATUS_FILTERS = ("planned", "held", "overdue")


class NextStepsSerializer(serializers.Serializer):
    remeasure_url = serializers.CharField(
        allow_null=True, help_text="formulier voor een nieuwe meting (zodra beschikbaar)"
    )
    close_url = serializers.CharField(
        allow_null=True, help_text="alleen bij uitkomst afsluiten en een open casus"
    )


class EvaluationSerializer(serializers.ModelSerializer):
    outcome_label = serializers.CharField(source="get_outcome_display")
    held_by_name = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    next_steps = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "case",
            "planned_on",
            "held_on",
            "outcome",
            "outcome_label",
            "notes",
            "held_by",
            "held_by_name",
            "overdue",
            "next_steps",
        ]
        read_only_fields = fields

    def get_held_by_name(self, evaluation: Evaluation) -> str:
        return evaluation.held_by.display_name if evaluation.held_by else ""

    def get_overdue(self, evaluation: Evaluation) -> bool:
        return evaluation_services.is_overdue(evaluation, self.context.get("today"))

    @extend_schema_field(NextStepsSerializer(allow_null=True))
    def get_next_steps(self, evaluation: Evaluation) -> dict[str, Any] | None:
        if evaluation.held_on is None:
            return None
        steps = evaluation_services.next_steps(evaluation, evaluation.case)
        return {"remeasure_url": steps.remeasure_url, "close_url": steps.close_url}


@extend_schema_serializer(many=False)  # a page, not an array of pages
class EvaluationPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = EvaluationSerializer(many=True)


class EvaluationCreateSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    planned_on = serializers.DateField()


class EvaluationRecordSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=EvaluationOutcome.choices)
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


def _evaluation_get(user: User, pk: int, purpose: str) -> Evaluation:
    """One evaluation of a case in scope (404 and a refused-access entry otherwise); logged."""
    evaluation = (
        Evaluation.objects.filter(pk=pk, case__in=case_ids_with_category(user, "plan"))
        .select_related("case", "held_by")
        .first()
    )
    if evaluation is None:
        residents = Resident.objects.filter(household__cases__evaluations__pk=pk).values_list(
            "pk", flat=True
        )
        raise refuse(user=user, object_type="evaluatie", object_id=pk, residents=list(residents))
    log_read(
        user=user,
        residents=Resident.objects.filter(household__cases=evaluation.case_id).values_list(
            "pk", flat=True
        ),
        obj=evaluation,
        purpose=purpose,
    )
    return evaluation


class EvaluationViewSet(viewsets.ViewSet):
    lookup_value_regex = r"[0-9]{1,18}"

    @extend_schema(
        parameters=[
            OpenApiParameter("case", int, description="alleen de evaluaties van deze casus"),
            OpenApiParameter("status", str, enum=list(STATUS_FILTERS)),
            OpenApiParameter("page", int),
        ],
        responses=EvaluationPageSerializer,
    )
    def list(self, request: Request) -> Response:
        user = _user(request)
        today = timezone.localdate()
        raw_case = id_param(request, "case")
        status = request.query_params.get("status", "")
        if status and status not in STATUS_FILTERS:
            raise serializers.ValidationError({"status": [_("Kies planned, held of overdue.")]})
        qs: QuerySet[Evaluation]
        if raw_case is not None:
            case = selectors.case_get(
                category="plan",
                user=user,
                pk=raw_case,
                purpose=_("evaluaties opgevraagd via de API"),
            )
            qs = Evaluation.objects.filter(case=case)
        else:
            qs = Evaluation.objects.filter(case__in=case_ids_with_category(user, "plan"))
        if status == "planned":
            qs = qs.filter(held_on__isnull=True)
        elif status == "held":
            qs = qs.filter(held_on__isnull=False)
        elif status == "overdue":
            qs = qs.filter(held_on__isnull=True, planned_on__lt=today)
        qs = qs.select_related("case", "held_by").order_by("planned_on", "id")
        page = Paginator(qs, PER_PAGE).get_page(page_param(request))
        items = list(page.object_list)
        if items and raw_case is None:
            log_read(
                user=user,
                residents=Resident.objects.filter(
                    household__cases__in={e.case_id for e in items}
                ).values_list("pk", flat=True),
                purpose=_("evaluaties opgevraagd via de API"),
            )
        return Response(
            {
                "count": page.paginator.count,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "results": EvaluationSerializer(items, many=True, context={"today": today}).data,
            }
        )

    @extend_schema(parameters=[ID], responses=EvaluationSerializer)
    def retrieve(self, request: Request, pk: str) -> Response:
        user = _user(request)
        evaluation = _evaluation_get(user, int(pk), _("evaluatie opgevraagd via de API"))
        return Response(EvaluationSerializer(evaluation).data)

    @extend_schema(request=EvaluationCreateSerializer, responses={201: EvaluationSerializer})
    def create(self, request: Request) -> Response:
        user = _user(request)
        data = EvaluationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case: Case = selectors.case_get(
            category="plan",
            user=user,
            pk=data.validated_data["case"],
            purpose=_("evaluatie plannen via de API"),
        )
        selectors.require_case_worker(user, case)
        evaluation = evaluation_services.evaluation_plan(
            actor=user, case=case, planned_on=data.validated_data["planned_on"]
        )
        return Response(EvaluationSerializer(evaluation).data, status=201)

    @extend_schema(
        parameters=[ID], request=EvaluationRecordSerializer, responses=EvaluationSerializer
    )
    @action(detail=True, methods=["post"])
    def record(self, request: Request, pk: str) -> Response:
        user = _user(request)
        evaluation = _evaluation_get(user, int(pk), _("evaluatie vastleggen via de API"))
        selectors.require_case_worker(user, evaluation.case)
        data = EvaluationRecordSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        evaluation = evaluation_services.evaluation_record(
            actor=user, evaluation=evaluation, **data.validated_data
        )
        return Response(EvaluationSerializer(evaluation).data)


def register(router: BaseRouter) -> None:
    router.register("evaluations", EvaluationViewSet, basename="evaluation")
