"""Read API of the team set-up (scoped like the screens)."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from wijkteam.accounts.http import current_user
from wijkteam.accounts.models import User

from . import selectors
from .models import MandateRule, Team


class MandateRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = MandateRule
        fields = [
            "id",
            "role",
            "decision_type",
            "product_category",
            "volume_alone",
            "volume_max",
            "weeks_alone",
            "weeks_max",
            "budget_alone",
            "budget_max",
        ]


class TeamSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.cbs_code")
    functions = serializers.SerializerMethodField()
    neighbourhoods = serializers.SerializerMethodField()
    mandate_rules = MandateRuleSerializer(many=True, read_only=True)

    class Meta:
        model = Team
        fields = [
            "id",
            "name",
            "municipality",
            "model",
            "positioning",
            "target_group",
            "target_domain",
            "responsible_organisation",
            "protocol_deviation_allowed",
            "direct_specialist_deployment",
            "functions",
            "neighbourhoods",
            "mandate_rules",
            "version",
        ]

    def get_functions(self, team: Team) -> list[str]:
        return sorted(f.function for f in team.functions.all())

    def get_neighbourhoods(self, team: Team) -> list[str]:
        return sorted(n.cbs_code for n in team.neighbourhoods.all())


class TeamListSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "name", "model", "positioning", "target_group", "version"]


class TeamViewSet(viewsets.ViewSet):
    """Teams the user may see: their own teams, or all for the functioneel beheerder."""

    lookup_value_regex = r"[0-9]{1,18}"

    @extend_schema(responses=TeamListSerializer(many=True))
    def list(self, request: Request) -> Response:
        user: User = current_user(request)
        teams = selectors.team_list(user=user)
        return Response(TeamListSerializer(teams, many=True).data)

    @extend_schema(
        responses=TeamSerializer, parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)]
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        user: User = current_user(request)
        if pk is None:
            raise Http404
        return Response(TeamSerializer(selectors.team_get(user=user, pk=int(pk))).data)
