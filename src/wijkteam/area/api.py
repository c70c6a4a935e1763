"""Read API of the area analysis: the wijken and buurten, and per wijk or buurt what its page
shows: the CBS Kerncijfers per imported year, the team's own figures (aggregates; small cells
suppressed and given as null, exactly as on the page) and the social infrastructure (the
services of the social map and the citizen initiatives there, with counts).

The same rule as the pages: professionals of a team, the functioneel beheerder and the
beleidsmedewerker (403 for anyone else); an unknown id is a 404. Errors are the project's
``{"code", "detail", "errors"}``. Register with ``register(router)``.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from wijkteam.accounts.http import current_user
from wijkteam.core.api import error_responses
from wijkteam.core.api_permissions import IsVerifiedProfessional
from wijkteam.organisation.models import District, Neighbourhood

from . import policies
from .models import FIGURE_FIELDS, AreaFigures
from .selectors import figures as selectors
from .selectors.figures import AreaPage


class MayViewAreas(permissions.BasePermission):
    message = _(
        "Alleen professionals van een team, de functioneel beheerder en de beleidsmedewerker "
        "lezen de gebiedsanalyse."
    )

    def has_permission(self, request: Request, view: Any) -> bool:
        return policies.may_view_areas(request.user)


READ = [IsVerifiedProfessional, MayViewAreas]
ID = OpenApiParameter("id", int, OpenApiParameter.PATH)


class NeighbourhoodRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Neighbourhood
        fields = ["id", "name", "cbs_code"]


class DistrictSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.cbs_code")
    neighbourhoods = NeighbourhoodRefSerializer(many=True)

    class Meta:
        model = District
        fields = ["id", "name", "cbs_code", "municipality", "neighbourhoods"]


class FiguresSerializer(serializers.ModelSerializer):
    """One year of CBS Kerncijfers; null where CBS published no figure."""

    class Meta:
        model = AreaFigures
        fields = ["year", *FIGURE_FIELDS]


class TeamYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    reports = serializers.IntegerField(allow_null=True, help_text="null: afgeschermd")
    reports_per_1000 = serializers.FloatField(allow_null=True)
    cases = serializers.IntegerField(allow_null=True, help_text="null: afgeschermd")
    cases_per_1000 = serializers.FloatField(allow_null=True)


class DomainCountSerializer(serializers.Serializer):
    name = serializers.CharField()
    residents = serializers.IntegerField(allow_null=True, help_text="null: afgeschermd")


class TeamFiguresSerializer(serializers.Serializer):
    threshold = serializers.IntegerField(help_text="Aantallen onder deze drempel zijn null.")
    years = TeamYearSerializer(many=True)
    life_domains = DomainCountSerializer(many=True)


class CountSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()


class InfrastructureItemSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField()
    detail = serializers.CharField()
    url = serializers.CharField(help_text="Leeg als de gebruiker de sociale kaart niet leest.")


class InfrastructureSerializer(serializers.Serializer):
    title = serializers.CharField()
    counts = CountSerializer(many=True)
    total = serializers.IntegerField(allow_null=True, help_text="Rijen in totaal.")
    items = InfrastructureItemSerializer(many=True, help_text="De eerste 25 rijen.")


class AreaDetailSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=["wijk", "buurt"])
    id = serializers.IntegerField()
    name = serializers.CharField()
    cbs_code = serializers.CharField()
    district = serializers.CharField(help_text="CBS-code van de wijk")
    figures = FiguresSerializer(many=True)
    team = TeamFiguresSerializer()
    infrastructure = InfrastructureSerializer(many=True)


def area_data(page: AreaPage) -> dict[str, Any]:
    team = page.team
    return {
        "level": page.level,
        "id": page.area.pk,
        "name": page.area.name,
        "cbs_code": page.area.cbs_code,
        "district": page.district.cbs_code,
        "figures": FiguresSerializer(page.figures, many=True).data,
        "team": {
            "threshold": team.threshold,
            "years": [
                {
                    "year": y,
                    "reports": r,
                    "reports_per_1000": rr,
                    "cases": c,
                    "cases_per_1000": cr,
                }
                for y, r, rr, c, cr in team.table
            ],
            "life_domains": [{"name": n, "residents": v} for n, v in team.domains],
        },
        "infrastructure": [
            {
                "title": s.title,
                "counts": [{"label": label, "count": n} for label, n in s.counts],
                "total": s.total,
                "items": [
                    {"name": i.name, "kind": i.kind, "detail": i.detail, "url": i.url}
                    for i in s.items
                ],
            }
            for s in page.infrastructure or []
        ],
    }


class DistrictViewSet(viewsets.ViewSet):
    """The wijken with their buurten; one wijk with its analysis."""

    permission_classes = READ
    lookup_value_regex = r"[0-9]{1,18}"

    @extend_schema(responses={200: DistrictSerializer(many=True), **error_responses(401, 403)})
    def list(self, request: Request) -> Response:
        districts = selectors.area_list(user=current_user(request)).order_by("cbs_code", "pk")
        return Response(DistrictSerializer(districts, many=True).data)

    @extend_schema(
        parameters=[ID], responses={200: AreaDetailSerializer, **error_responses(401, 403, 404)}
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        page = selectors.district_page(user=current_user(request), pk=int(pk or 0))
        return Response(area_data(page))


class NeighbourhoodViewSet(viewsets.ViewSet):
    """One buurt with its analysis (the list of buurten is in the wijken)."""

    permission_classes = READ
    lookup_value_regex = r"[0-9]{1,18}"

    @extend_schema(
        parameters=[ID], responses={200: AreaDetailSerializer, **error_responses(401, 403, 404)}
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        page = selectors.neighbourhood_page(user=current_user(request), pk=int(pk or 0))
        return Response(area_data(page))


def register(router: BaseRouter) -> None:
    router.register("areas/districts", DistrictViewSet, basename="area-district")
    router.register("areas/neighbourhoods", NeighbourhoodViewSet, basename="area-neighbourhood")
