"""API of the plan: read it, replace it (with the version you read), and its versions.

The plan is addressed by its case: ``/api/plans/{case}/``. A case without a plan answers
with ``version: null``; a PUT with ``expected_version: null`` creates it. A stale version
answers ``409 {"code": "conflict"}``; invalid goals or actions answer 400 with errors keyed
``goals.<n>.<field>`` / ``actions.<n>.<field>``.
"""

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from wijkteam.accounts.models import User
from wijkteam.core.api import page_param
from wijkteam.privacy.reads import professional_user as _user

from .. import selectors
from ..constants import ActionStatus, GoalStatus
from ..models import Action, Case, Plan, PlanVersion
from ..services import plan as plan_services
from ..services.plan import ActionData, GoalData

CASE = OpenApiParameter("case", int, OpenApiParameter.PATH, description="id van de casus")
NUMBER = OpenApiParameter("number", int, OpenApiParameter.PATH, description="versienummer")
ACTION_ID = OpenApiParameter("action_id", int, OpenApiParameter.PATH, description="id van de actie")
PAGE = OpenApiParameter("page", int)
VERSIONS_PER_PAGE = 50


# ---- output ----------------------------------------------------------------------------------


class GoalOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    domain = serializers.CharField(help_text="code van het leefgebied (ZRM 2017) of leeg")
    domain_name = serializers.CharField()
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=GoalStatus.choices)
    status_label = serializers.CharField()


class ActionOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    goal = serializers.IntegerField(
        allow_null=True, help_text="positie van het doel in de lijst goals"
    )
    description = serializers.CharField()
    owner_kind = serializers.CharField()
    owner_kind_label = serializers.CharField()
    owner_name = serializers.CharField()
    owner_user = serializers.IntegerField(allow_null=True)
    owner_organisation = serializers.IntegerField(allow_null=True)
    service = serializers.IntegerField(
        allow_null=True, required=False, help_text="dienst van de sociale kaart (id)"
    )
    owner = serializers.CharField(help_text="leesbare eigenaar")
    due_on = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    status_label = serializers.CharField()


class PlanOutSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    version = serializers.IntegerField(allow_null=True, help_text="null: nog geen plan")
    discussed_on = serializers.DateField(allow_null=True)
    agreed_on = serializers.DateField(allow_null=True)
    agreement_note = serializers.CharField()
    goals = GoalOutSerializer(many=True)
    actions = ActionOutSerializer(many=True)


class VersionListSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    changed_by = serializers.IntegerField(source="changed_by_id")
    changed_by_name = serializers.CharField(source="changed_by.display_name")
    changed_at = serializers.DateTimeField()
    changes = serializers.ListField(child=serializers.CharField())


class VersionPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = VersionListSerializer(many=True)


class VersionSerializer(VersionListSerializer):
    snapshot = PlanOutSerializer(help_text="het plan zoals het in deze versie was")


def _plan_data(case: Case, plan: Plan | None) -> dict[str, Any]:
    if plan is None:
        return {
            "case": case.pk,
            "version": None,
            "discussed_on": None,
            "agreed_on": None,
            "agreement_note": "",
            "goals": [],
            "actions": [],
        }
    snapshot = plan_services.plan_snapshot(plan, list(plan.goals.all()), list(plan.actions.all()))
    return {"case": case.pk, **snapshot}


def _version_data(case: Case, version: PlanVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "changed_by_id": version.changed_by_id,
        "changed_by": version.changed_by,
        "changed_at": version.changed_at,
        "changes": version.changes,
        "snapshot": {"case": case.pk, **version.snapshot},
    }


# ---- input -----------------------------------------------------------------------------------


class GoalInSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False, allow_null=True, default=None)
    domain = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="code van een ZRM-leefgebied"
    )
    text = serializers.CharField(required=False, allow_blank=True, default="")
    status = serializers.ChoiceField(
        choices=GoalStatus.choices, required=False, default=GoalStatus.OPEN
    )


class ActionInSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False, allow_null=True, default=None)
    goal = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="positie van het doel in de lijst goals van dezelfde aanvraag",
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")
    owner_kind = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="inwoner, netwerk, team, algemene_voorziening of aanbieder",
    )
    owner_name = serializers.CharField(required=False, allow_blank=True, default="")
    owner_user = serializers.IntegerField(required=False, allow_null=True, default=None)
    owner_organisation = serializers.IntegerField(required=False, allow_null=True, default=None)
    service = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="dienst van de sociale kaart (id); leeg laten wist de koppeling",
    )
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    status = serializers.ChoiceField(
        choices=ActionStatus.choices, required=False, default=ActionStatus.OPEN
    )


class PlanInSerializer(serializers.Serializer):
    expected_version = serializers.IntegerField(
        allow_null=True, help_text="de versie die u las; null om het plan op te stellen"
    )
    discussed_on = serializers.DateField(required=False, allow_null=True, default=None)
    agreed_on = serializers.DateField(required=False, allow_null=True, default=None)
    agreement_note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=250
    )
    goals = GoalInSerializer(many=True)
    actions = ActionInSerializer(many=True)


class ActionStatusInSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    expected_plan_version = serializers.IntegerField()


# ---- views -----------------------------------------------------------------------------------


class PlanViewSet(viewsets.ViewSet):
    """The plan of a case, addressed by the case id."""

    lookup_field = "case"
    lookup_value_regex = r"[0-9]{1,18}"

    def _read(self, request: Request, case: str, purpose: str) -> tuple[User, Case]:
        user = _user(request)
        return user, selectors.case_get(category="plan", user=user, pk=int(case), purpose=purpose)

    def _existing_plan(self, case: Case) -> Plan:
        plan = Plan.objects.filter(case=case).first()
        if plan is None:
            raise Http404
        return plan

    @extend_schema(parameters=[CASE], responses=PlanOutSerializer)
    def retrieve(self, request: Request, case: str) -> Response:
        _reader, found = self._read(request, case, _("plan opgevraagd via de API"))
        plan = plan_services.plan_for_case(found)
        return Response(PlanOutSerializer(_plan_data(found, plan)).data)

    @extend_schema(
        parameters=[CASE],
        request=PlanInSerializer,
        responses={200: PlanOutSerializer, 201: PlanOutSerializer},
    )
    def update(self, request: Request, case: str) -> Response:
        user, found = self._read(request, case, _("plan wijzigen via de API"))
        selectors.require_case_worker(user, found)
        data = PlanInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        saved = plan_services.plan_save(
            actor=user,
            case=found,
            expected_version=v["expected_version"],
            goals=[
                GoalData(id=g["id"], text=g["text"], domain=g["domain"], status=g["status"])
                for g in v["goals"]
            ],
            actions=[
                ActionData(
                    id=a["id"],
                    goal=a["goal"],
                    description=a["description"],
                    owner_kind=a["owner_kind"],
                    owner_name=a["owner_name"],
                    owner_user_id=a["owner_user"],
                    owner_organisation_id=a["owner_organisation"],
                    service_id=a["service"],
                    due_on=a["due_on"],
                    status=a["status"],
                )
                for a in v["actions"]
            ],
            discussed_on=v["discussed_on"],
            agreed_on=v["agreed_on"],
            agreement_note=v["agreement_note"],
        )
        plan = plan_services.plan_for_case(found) or saved
        status = 201 if v["expected_version"] is None else 200
        return Response(PlanOutSerializer(_plan_data(found, plan)).data, status=status)

    @extend_schema(parameters=[CASE, PAGE], responses=VersionPageSerializer)
    @action(detail=True, methods=["get"])
    def versions(self, request: Request, case: str) -> Response:
        _reader, found = self._read(request, case, _("versies van het plan opgevraagd via de API"))
        plan = self._existing_plan(found)
        page = Paginator(plan_services.plan_versions(plan), VERSIONS_PER_PAGE).get_page(
            page_param(request)
        )
        return Response(
            {
                "count": page.paginator.count,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "results": VersionListSerializer(page.object_list, many=True).data,
            }
        )

    @extend_schema(
        parameters=[CASE, NUMBER], responses=VersionSerializer, operation_id="plans_version_get"
    )
    @action(detail=True, methods=["get"], url_path=r"versions/(?P<number>[0-9]{1,9})")
    def version(self, request: Request, case: str, number: str) -> Response:
        _reader, found = self._read(request, case, _("versie van het plan opgevraagd via de API"))
        plan = self._existing_plan(found)
        version = plan.versions.select_related("changed_by").filter(number=int(number)).first()
        if version is None:
            raise Http404
        return Response(VersionSerializer(_version_data(found, version)).data)

    @extend_schema(
        parameters=[CASE, ACTION_ID], request=ActionStatusInSerializer, responses=PlanOutSerializer
    )
    @action(detail=True, methods=["post"], url_path=r"actions/(?P<action_id>\d+)/status")
    def action_status(self, request: Request, case: str, action_id: str) -> Response:
        user, found = self._read(request, case, _("status van een actie wijzigen via de API"))
        selectors.require_case_worker(user, found)
        target = Action.objects.filter(pk=int(action_id), plan__case=found).first()
        if target is None:
            raise Http404
        data = ActionStatusInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan_services.action_status_set(
            actor=user,
            action=target,
            status=data.validated_data["status"],
            expected_plan_version=data.validated_data["expected_plan_version"],
        )
        plan = plan_services.plan_for_case(found)
        return Response(PlanOutSerializer(_plan_data(found, plan)).data)


def register(router: BaseRouter) -> None:
    router.register("plans", PlanViewSet, basename="plan")
