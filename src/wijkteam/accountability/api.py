"""Read-only API for the figures: the Wmo-raad's published overviews and the indicators of the
snapshot (the dashboard). Register with ``register(router)``.

The same rules as the screens, through the same selectors: the Wmo-raad (and the
beleidsmedewerker) read published overviews only, exactly as stored — a hidden (suppressed)
value is ``null`` with ``hidden: true`` and was never stored. The indicators are for the
beleidsmedewerker only, for the municipalities of their teams (``policies.municipality_ids``),
with the same numbers as the dashboard. Nothing names a person: no resident, case, user or
free text of a case; the publisher of an overview is left out. Bad input is a structured 400
(``{"code": "invalid", "detail", "errors"}``), another role a 403, an unknown overview a 404.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from wijkteam.accounts.http import current_user
from wijkteam.core.api import error_responses

from . import policies, publications
from .models import PublishedOverview
from .selectors import Dashboard, dashboard, parse_period, scope

# --------------------------------------------------------------------------------------------
# Errors (documented in the schema; produced by ``wijkteam.core.api.exception_handler``)
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Published overviews
# --------------------------------------------------------------------------------------------


class TotalSerializer(serializers.Serializer):
    value = serializers.IntegerField(allow_null=True, help_text="null als afgeschermd")
    hidden = serializers.BooleanField(help_text="afgeschermd: kleine aantallen")


class CellSerializer(TotalSerializer):
    mean = serializers.FloatField(
        allow_null=True, help_text="gemiddelde score, alleen als het aantal getoond wordt"
    )


class SectionRowSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="team of 'Totaal gemeente'")
    cells = CellSerializer(many=True)
    total = TotalSerializer()
    share = serializers.FloatField(allow_null=True)


class SectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    point = serializers.IntegerField(help_text="aandachtspunt van de Wmo-raad, 1–9")
    title = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    share = serializers.CharField(help_text="kop van het aandeel, leeg als er geen is")
    rows = SectionRowSerializer(many=True)
    hidden = serializers.IntegerField(help_text="aantal afgeschermde waarden")


class PublishedSerializer(serializers.ModelSerializer):
    overview = serializers.IntegerField(source="overview_id", read_only=True)

    class Meta:
        model = PublishedOverview
        fields = [
            "id",
            "overview",
            "number",
            "title",
            "period_label",
            "period_start",
            "period_end",
            "threshold",
            "explanation",
            "published_at",
        ]


class PublishedDetailSerializer(PublishedSerializer):
    sections = SectionSerializer(many=True, read_only=True)

    class Meta(PublishedSerializer.Meta):
        fields = [*PublishedSerializer.Meta.fields, "sections"]


@extend_schema(tags=["verantwoording"])
class PublishedOverviewViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Published overviews for the Wmo-raad (frozen versions; small cells suppressed)."""

    serializer_class = PublishedSerializer
    queryset = PublishedOverview.objects.none()

    def get_queryset(self) -> Any:
        return publications.published_list(user=current_user(self.request))

    def get_object(self) -> PublishedOverview:
        pk = self.kwargs["pk"]
        if not str(pk).isdigit():
            raise ValidationError({"id": _("Geef het nummer van een gepubliceerd overzicht op.")})
        return publications.published_get(user=current_user(self.request), pk=int(pk))

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return PublishedDetailSerializer if self.action == "retrieve" else PublishedSerializer

    @extend_schema(responses={200: PublishedSerializer(many=True), **error_responses(403)})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: PublishedDetailSerializer, **error_responses(400, 403, 404)})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(PublishedDetailSerializer(self.get_object()).data)


# --------------------------------------------------------------------------------------------
# The indicators of the snapshot
# --------------------------------------------------------------------------------------------


class PeriodSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["maand", "kwartaal", "jaar"])
    start = serializers.DateField()
    end = serializers.DateField()
    label = serializers.CharField()


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class IndicatorSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=["count", "share", "mean", "per_1000"])


class RowSerializer(serializers.Serializer):
    label = serializers.CharField()
    team = serializers.IntegerField(allow_null=True, help_text="om een niveau dieper te kijken")
    wijk = serializers.IntegerField(allow_null=True)
    total = serializers.BooleanField()
    values = serializers.DictField(
        child=serializers.FloatField(allow_null=True), help_text="per indicator; null: onbekend"
    )


class TrendPointSerializer(serializers.Serializer):
    period = serializers.CharField()
    value = serializers.FloatField(allow_null=True)


class TrendSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    points = TrendPointSerializer(many=True)


class VolumeSerializer(serializers.Serializer):
    unit = serializers.CharField()
    units = serializers.FloatField()


class CategorySerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    decisions = serializers.IntegerField()
    budget = serializers.FloatField()
    volumes = VolumeSerializer(many=True)


@extend_schema_serializer(many=False)  # one object, though the action is "list"
class IndicatorsSerializer(serializers.Serializer):
    period = PeriodSerializer()
    law = serializers.CharField(help_text="wmo, jeugdwet of leeg (alle)")
    level = serializers.ChoiceField(choices=["gemeente", "team", "wijk"])
    team = RefSerializer(allow_null=True)
    wijk = RefSerializer(allow_null=True)
    built_at = serializers.DateTimeField(allow_null=True)
    empty = serializers.BooleanField()
    indicators = IndicatorSerializer(many=True)
    rows = RowSerializer(many=True)
    trends = TrendSerializer(many=True)
    maatwerk = CategorySerializer(many=True)


def as_data(data: Dashboard, law: str) -> dict[str, Any]:
    keys = [i.key for i in data.indicators]
    return {
        "period": {
            "kind": data.period.kind,
            "start": data.period.start,
            "end": data.period.end,
            "label": data.period.label,
        },
        "law": law,
        "level": data.level,
        "team": {"id": data.team.pk, "name": data.team.name} if data.team else None,
        "wijk": {"id": data.district.pk, "name": data.district.name} if data.district else None,
        "built_at": data.built_at,
        "empty": data.empty,
        "indicators": [
            {"key": i.key, "title": str(i.title), "kind": i.kind} for i in data.indicators
        ],
        "rows": [
            {
                "label": row.label,
                "team": row.team_id,
                "wijk": row.district_id,
                "total": row.total,
                "values": dict(zip(keys, row.values, strict=True)),
            }
            for row in data.rows
        ],
        "trends": [
            {
                "indicator": t.indicator.key,
                "points": [{"period": label, "value": v} for label, v in t.points],
            }
            for t in data.trends
        ],
        "maatwerk": [
            {
                "code": c.code,
                "label": c.label,
                "decisions": c.decisions,
                "budget": c.budget,
                "volumes": [{"unit": unit, "units": v} for unit, v in c.volumes],
            }
            for c in data.categories
        ],
    }


@extend_schema(tags=["verantwoording"])
class IndicatorViewSet(viewsets.ViewSet):
    """The indicators of the snapshot for a period (the beleidsmedewerker's dashboard)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("periode", OpenApiTypes.STR, enum=["maand", "kwartaal", "jaar"]),
            OpenApiParameter("van", OpenApiTypes.STR, description="jjjj-mm", required=True),
            OpenApiParameter("wet", OpenApiTypes.STR, enum=["", "wmo", "jeugdwet"]),
            OpenApiParameter("team", OpenApiTypes.INT, description="per wijk van dit team"),
            OpenApiParameter("wijk", OpenApiTypes.INT, description="één wijk (met team)"),
        ],
        responses={200: IndicatorsSerializer, **error_responses(400, 403)},
    )
    def list(self, request: Request) -> Response:
        user = current_user(request)
        if not policies.may_compose(user):
            raise PermissionDenied
        params = request.query_params
        law = params.get("wet", "")
        if law not in ("", "wmo", "jeugdwet"):
            raise ValidationError({"wet": _("Kies wmo of jeugdwet, of laat de wet leeg.")})
        if not params.get("van"):
            raise ValidationError({"van": _("Vul de maand in als jjjj-mm, bijvoorbeeld 2026-10.")})
        period = parse_period(params.get("periode", "maand"), params["van"])
        team, district = scope(
            params.get("team", ""), params.get("wijk", ""), policies.municipality_ids(user)
        )
        data = dashboard(user=user, period=period, law=law, team=team, district=district)
        return Response(IndicatorsSerializer(as_data(data, law)).data)


def register(router: BaseRouter) -> None:
    router.register(
        "verantwoording/publicaties", PublishedOverviewViewSet, basename="published-overview"
    )
    router.register("verantwoording/indicatoren", IndicatorViewSet, basename="indicator")
