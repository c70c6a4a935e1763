"""API for meldingen, cases and the work queue: same scope, rules and validation as the screens."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from wijkteam.accounts.models import User
from wijkteam.core.api import page_param, page_serializer
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.models import Organisation, Team
from wijkteam.privacy.reads import professional_user as _user

from .. import selectors
from ..constants import CaseState, Channel, ClosureOutcome, LawTrack, ReferrerKind, TriageOutcome
from ..models import Case, Report
from ..selectors_hints import report_hints
from ..selectors_queue import team_queue_members
from ..services import intake
from ..services.terms import term_view

ID = OpenApiParameter("id", int, OpenApiParameter.PATH)


HINT_HELP = (
    "Om gelijknamige huishoudens uit elkaar te houden: buurt, adres en geboortejaar van de "
    "hoofdbewoner (bij een melding: van de inwoner). Leeg als u de basisgegevens niet mag zien."
)


def _hint(obj: Any) -> str:
    return str(getattr(obj, "household_hint", ""))


class ReportSerializer(serializers.ModelSerializer):
    household_hint = serializers.SerializerMethodField(help_text=HINT_HELP)

    class Meta:
        model = Report
        fields = [
            "id",
            "team",
            "resident",
            "channel",
            "referrer_kind",
            "referrer_name",
            "question",
            "received_at",
            "law_track",
            "informed_about_client_support",
            "status",
            "triage_outcome",
            "triage_note",
            "referred_to",
            "case",
            "household_hint",
        ]
        read_only_fields = fields

    def get_household_hint(self, report: Report) -> str:
        return _hint(report)


class ReportCreateSerializer(serializers.Serializer):
    team = serializers.IntegerField()
    resident = serializers.IntegerField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    referrer_kind = serializers.ChoiceField(choices=ReferrerKind.choices)
    referrer_name = serializers.CharField(
        required=False, allow_blank=True, max_length=150, default=""
    )
    question = serializers.CharField()
    received_at = serializers.DateTimeField()
    law_track = serializers.ChoiceField(choices=LawTrack.choices)
    informed_about_client_support = serializers.BooleanField()


class TriageSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=TriageOutcome.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    referred_to = serializers.IntegerField(required=False, allow_null=True, default=None)


class ReportViewSet(viewsets.ViewSet):
    lookup_value_regex = r"[0-9]{1,18}"

    @extend_schema(responses=ReportSerializer(many=True))
    def list(self, request: Request) -> Response:
        return Response(
            ReportSerializer(selectors.report_queue(user=_user(request)), many=True).data
        )

    @extend_schema(parameters=[ID], responses=ReportSerializer)
    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(
            ReportSerializer(selectors.report_get(user=_user(request), pk=int(pk))).data
        )

    @extend_schema(request=ReportCreateSerializer, responses={201: ReportSerializer})
    def create(self, request: Request) -> Response:
        user = _user(request)
        data = ReportCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        team = Team.objects.filter(
            pk=v["team"], pk__in=org_policies.active_memberships(user).values("team_id")
        ).first()
        if team is None:
            raise serializers.ValidationError({"team": ["Kies een team waarvan u lid bent."]})
        # Like the melding form: the API shows nothing of the resident record here.
        resident = selectors.resident_get(user=user, pk=v["resident"], category=None)
        report = intake.report_create(
            actor=user,
            team=team,
            resident=resident,
            channel=v["channel"],
            referrer_kind=v["referrer_kind"],
            referrer_name=v["referrer_name"],
            question=v["question"],
            received_at=v["received_at"],
            law_track=v["law_track"],
            informed_about_client_support=v["informed_about_client_support"],
        )
        report_hints(user, [report])
        return Response(ReportSerializer(report).data, status=201)

    @extend_schema(parameters=[ID], request=TriageSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"])
    def triage(self, request: Request, pk: str) -> Response:
        user = _user(request)
        report = selectors.report_get(user=user, pk=int(pk))
        data = TriageSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        referred_to = None
        if v["referred_to"] is not None:
            referred_to = Organisation.objects.filter(
                pk=v["referred_to"], municipality_id=report.team.municipality_id
            ).first()
            if referred_to is None:
                raise serializers.ValidationError({"referred_to": ["Onbekende organisatie."]})
        report = intake.report_triage(
            actor=user, report=report, outcome=v["outcome"], note=v["note"], referred_to=referred_to
        )
        report_hints(user, [report])
        return Response(ReportSerializer(report).data)


class TermSerializer(serializers.Serializer):
    key = serializers.CharField(source="term.key")
    label = serializers.CharField()
    starts_on = serializers.DateField(source="term.starts_on")
    due_on = serializers.DateField(source="term.due_on")
    met_on = serializers.DateField(source="term.met_on")
    status = serializers.CharField()


class CaseSerializer(serializers.ModelSerializer):
    household = serializers.CharField(source="household.name")
    residents = serializers.SerializerMethodField()
    terms = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "household",
            "team",
            "law_track",
            "state",
            "coordinator",
            "client_supporter",
            "opened_on",
            "closed_on",
            "closure_outcome",
            "closure_reason",
            "version",
            "residents",
            "terms",
        ]
        read_only_fields = fields

    def get_residents(self, case: Case) -> list[dict[str, Any]]:
        return [
            {"id": r.pk, "name": r.full_name, "date_of_birth": r.date_of_birth, "bsn": r.masked_bsn}
            for r in case.household.members.all()
        ]

    def get_terms(self, case: Case) -> list[dict[str, Any]]:
        return TermSerializer([term_view(t) for t in case.terms.all()], many=True).data


class CaseListSerializer(serializers.ModelSerializer):
    household = serializers.CharField(source="household.name")
    household_hint = serializers.SerializerMethodField(help_text=HINT_HELP)

    class Meta:
        model = Case
        fields = [
            "id",
            "household",
            "household_hint",
            "team",
            "state",
            "coordinator",
            "opened_on",
            "version",
        ]
        read_only_fields = fields

    def get_household_hint(self, case: Case) -> str:
        return _hint(case)


class TransitionSerializer(serializers.Serializer):
    to_state = serializers.ChoiceField(choices=CaseState.choices)
    expected_version = serializers.IntegerField()
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=250)


class CloseSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ClosureOutcome.choices)
    reason = serializers.CharField()
    closed_on = serializers.DateField(required=False, default=None)
    expected_version = serializers.IntegerField()


class HandoverSerializer(serializers.Serializer):
    new_coordinator = serializers.IntegerField()
    note = serializers.CharField()
    expected_version = serializers.IntegerField()


class CaseViewSet(viewsets.ViewSet):
    lookup_value_regex = r"[0-9]{1,18}"

    @extend_schema(
        parameters=[OpenApiParameter("state", str), OpenApiParameter("page", int)],
        responses=page_serializer(CaseListSerializer, "CaseListPage"),
    )
    def list(self, request: Request) -> Response:
        state = request.query_params.get("state", "")
        if state and state not in CaseState.values:
            raise serializers.ValidationError({"state": ["Onbekende fase."]})
        page = selectors.case_list(user=_user(request), state=state, page=page_param(request))
        return Response(
            {
                "count": page.paginator.count,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "results": CaseListSerializer(page.object_list, many=True).data,
            }
        )

    @extend_schema(parameters=[ID], responses=CaseSerializer)
    def retrieve(self, request: Request, pk: str) -> Response:
        case = selectors.case_get(
            user=_user(request),
            pk=int(pk),
            purpose="casus opgevraagd via de API",
            category="basisgegevens",  # the response names the residents
        )
        return Response(CaseSerializer(case).data)

    def _worker_case(self, request: Request, pk: str) -> tuple[User, Case]:
        user = _user(request)
        case = selectors.case_get(user=user, pk=int(pk), purpose="casus wijzigen via de API")
        selectors.require_case_worker(user, case)
        return user, case

    @extend_schema(parameters=[ID], request=TransitionSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str) -> Response:
        user, case = self._worker_case(request, pk)
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = intake.case_transition(actor=user, case=case, **data.validated_data)
        return Response(CaseSerializer(case).data)

    @extend_schema(parameters=[ID], request=CloseSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        user, case = self._worker_case(request, pk)
        data = CloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = intake.case_close(actor=user, case=case, **data.validated_data)
        return Response(CaseSerializer(case).data)

    @extend_schema(parameters=[ID], request=HandoverSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def handover(self, request: Request, pk: str) -> Response:
        user, case = self._worker_case(request, pk)
        data = HandoverSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        new = User.objects.filter(pk=data.validated_data["new_coordinator"]).first()
        if new is None:
            raise serializers.ValidationError({"new_coordinator": ["Onbekende gebruiker."]})
        case = intake.case_handover(
            actor=user,
            case=case,
            new_coordinator=new,
            note=data.validated_data["note"],
            expected_version=data.validated_data["expected_version"],
        )
        return Response(CaseSerializer(case).data)


class QueueItemSerializer(serializers.Serializer):
    due_on = serializers.DateField()
    kind = serializers.CharField()
    label = serializers.CharField()
    case = serializers.IntegerField(source="case.pk", allow_null=True, default=None)
    report = serializers.IntegerField(source="report.pk", allow_null=True, default=None)
    status = serializers.CharField()
    responsible = serializers.SerializerMethodField(
        help_text="Wie verantwoordelijk is (de regisseur); leeg: het team, nog niemand."
    )

    household_hint = serializers.SerializerMethodField(help_text=HINT_HELP)
    url = serializers.SerializerMethodField(
        help_text=(
            "Pad van de eigen pagina van het item (een klacht, een bezwaar), bijvoorbeeld "
            "/klachten/12/; leeg (null) als het item geen eigen pagina heeft."
        )
    )

    def get_url(self, item: Any) -> str | None:
        return item.url or None

    def get_responsible(self, item: Any) -> str | None:
        case = item.case
        return case.coordinator.display_name if case is not None else None

    def get_household_hint(self, item: Any) -> str:
        return _hint(item.case if item.case is not None else item.report)


class WorkQueueViewSet(viewsets.ViewSet):
    @extend_schema(
        parameters=[
            OpenApiParameter("team", bool),
            OpenApiParameter(
                "lid", int, description="Met team: alleen het werk van dit teamlid (id)."
            ),
        ],
        responses=QueueItemSerializer(many=True),
    )
    def list(self, request: Request) -> Response:
        user = _user(request)
        team_wide = request.query_params.get("team", "") in ("1", "true")
        chosen = request.query_params.get("lid", "")
        members = team_queue_members(user=user) if team_wide and chosen else []
        member = next((m for m in members if str(m.pk) == chosen), None)
        items = selectors.work_queue(user=user, team_wide=team_wide, member=member)
        return Response(QueueItemSerializer(items, many=True).data)


def register(router: BaseRouter) -> None:
    router.register("reports", ReportViewSet, basename="report")
    router.register("cases", CaseViewSet, basename="case")
    router.register("work-queue", WorkQueueViewSet, basename="work-queue")
