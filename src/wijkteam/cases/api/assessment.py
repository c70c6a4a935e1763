"""API of the assessment: instruments (reference data), measurements of a case, intake vs now.

``scores`` maps a domain code to ``{"score": n, "reason": "..."}``; domains left out are not
scored and store nothing. Validation errors per domain come back under ``score_<code>`` and
``reason_<code>``, exactly as on the screen.
"""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from wijkteam.core.api import id_param
from wijkteam.privacy.reads import professional_user as _user
from wijkteam.residents.models import Resident

from .. import selectors
from ..constants import AssessmentMoment
from ..models import Assessment, AssessmentScore, Case, Instrument
from ..services import assessment as services
from ..stages.assessment import Progress, assessment_progress

CASE = OpenApiParameter(
    "case", int, OpenApiParameter.QUERY, required=True, description="Het id van de casus."
)


def _case_from_query(request: Request, purpose: str) -> Case:
    pk = id_param(request, "case", required=True)
    assert pk is not None
    return selectors.case_get(category="assessment", user=_user(request), pk=pk, purpose=purpose)


class InstrumentScaleLabelSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    label = serializers.CharField()


class InstrumentDomainSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    order = serializers.IntegerField()


class InstrumentSerializer(serializers.ModelSerializer):
    domains = InstrumentDomainSerializer(many=True, read_only=True)
    labels = InstrumentScaleLabelSerializer(many=True, read_only=True)

    class Meta:
        model = Instrument
        fields = ["code", "name", "scale_min", "scale_max", "source", "domains", "labels"]
        read_only_fields = fields


class InstrumentViewSet(viewsets.ViewSet):
    """The instruments with their domains and scale labels (reference data, no personal data)."""

    @extend_schema(responses=InstrumentSerializer(many=True))
    def list(self, request: Request) -> Response:
        _user(request)
        instruments = Instrument.objects.order_by("name").prefetch_related("domains", "labels")
        return Response(InstrumentSerializer(instruments, many=True).data)


class AssessmentScoreSerializer(serializers.Serializer):
    domain = serializers.CharField(source="domain.code")
    domain_name = serializers.CharField(source="domain.name")
    score = serializers.IntegerField()
    reason = serializers.CharField()


class AssessmentSerializer(serializers.ModelSerializer):
    instrument = serializers.CharField(source="instrument.code")
    scores = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "case",
            "resident",
            "instrument",
            "moment",
            "measured_on",
            "measured_by",
            "scores",
        ]
        read_only_fields = fields

    @extend_schema(responses=AssessmentScoreSerializer(many=True))
    def get_scores(self, assessment: Assessment) -> list[dict[str, Any]]:
        scores = self.context.get("scores", {}).get(assessment.pk)
        if scores is None:
            scores = list(assessment.scores.select_related("domain"))
        return AssessmentScoreSerializer(scores, many=True).data


class AssessmentScoreInputSerializer(serializers.Serializer):
    score = serializers.IntegerField()
    reason = serializers.CharField(allow_blank=True, max_length=services.REASON_MAX)


class AssessmentCreateSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    resident = serializers.IntegerField()
    instrument = serializers.CharField(max_length=30)
    moment = serializers.ChoiceField(choices=AssessmentMoment.choices)
    measured_on = serializers.DateField()
    scores = serializers.DictField(child=AssessmentScoreInputSerializer(), allow_empty=True)


class AssessmentMeasurementSerializer(serializers.Serializer):
    score = serializers.IntegerField()
    label = serializers.CharField()
    measured_on = serializers.DateField()
    moment = serializers.CharField()


class AssessmentDomainProgressSerializer(serializers.Serializer):
    domain = serializers.CharField(source="domain.code")
    domain_name = serializers.CharField(source="domain.name")
    intake = AssessmentMeasurementSerializer()
    now = AssessmentMeasurementSerializer(allow_null=True)
    change = serializers.IntegerField(allow_null=True)


class AssessmentProgressSerializer(serializers.Serializer):
    resident = serializers.IntegerField(source="resident.pk")
    instrument = serializers.CharField(source="instrument.code")
    measurements = serializers.IntegerField()
    first_on = serializers.DateField()
    last_on = serializers.DateField()
    domains = AssessmentDomainProgressSerializer(many=True)


class AssessmentViewSet(viewsets.ViewSet):
    """Measurements of one case (``?case=``), recording one, and intake versus now."""

    @extend_schema(parameters=[CASE], responses=AssessmentSerializer(many=True))
    def list(self, request: Request) -> Response:
        case = _case_from_query(request, "metingen opgevraagd via de API")
        assessments = list(Assessment.objects.filter(case_id=case.pk).select_related("instrument"))
        scores: dict[int, list[AssessmentScore]] = {a.pk: [] for a in assessments}
        for s in AssessmentScore.objects.filter(assessment__case_id=case.pk).select_related(
            "domain"
        ):
            scores[s.assessment_id].append(s)
        return Response(
            AssessmentSerializer(assessments, many=True, context={"scores": scores}).data
        )

    @extend_schema(request=AssessmentCreateSerializer, responses={201: AssessmentSerializer})
    def create(self, request: Request) -> Response:
        user = _user(request)
        data = AssessmentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        case = selectors.case_get(
            category="assessment", user=user, pk=v["case"], purpose="meting vastleggen via de API"
        )
        selectors.require_case_worker(user, case)
        resident = Resident.objects.filter(pk=v["resident"], household_id=case.household_id).first()
        if resident is None:
            raise serializers.ValidationError(
                {"resident": [_("Kies een inwoner uit het huishouden van deze casus.")]}
            )
        assessment = services.assessment_record(
            actor=user,
            case=case,
            resident=resident,
            instrument_code=v["instrument"],
            moment=v["moment"],
            measured_on=v["measured_on"],
            scores={code: (s["score"], s["reason"]) for code, s in v["scores"].items()},
        )
        return Response(AssessmentSerializer(assessment).data, status=201)

    @extend_schema(parameters=[CASE], responses=AssessmentProgressSerializer(many=True))
    @action(detail=False, methods=["get"])
    def progress(self, request: Request) -> Response:
        """Per resident and instrument, the first and latest score of every scored domain."""
        case = _case_from_query(request, "intake en nu opgevraagd via de API")
        progress: list[Progress] = assessment_progress(case)
        return Response(AssessmentProgressSerializer(progress, many=True).data)


def register(router: BaseRouter) -> None:
    router.register("instruments", InstrumentViewSet, basename="instrument")
    router.register("assessments", AssessmentViewSet, basename="assessment")
