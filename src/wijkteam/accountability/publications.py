"""Reading overviews and their published versions, and the preview (scoped to the user).

The Wmo-raad sees published versions only; drafts and the preview (which shows the values
that will be hidden) are for the beleidsmedewerker. No resident data is read here: the figures
come from the aggregate snapshot.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.organisation.models import Team

from . import policies
from .constants import Point
from .models import AggregateMonth, Overview, PublishedOverview
from .sections import SECTIONS, render
from .selectors import Period, parse_period
from .suppression import Table


def overview_period(overview: Overview) -> Period:
    return parse_period(overview.period_kind, f"{overview.period_start:%Y-%m}")


def team_sums(period: Period) -> tuple[list[str], list[dict[str, float]]]:
    """Per team with figures in the period (by name): its metric sums. One query for the sums."""
    per_team: dict[int, dict[str, float]] = defaultdict(dict)
    for team_id, metric, v in (
        AggregateMonth.objects.filter(month__gte=period.start, month__lte=period.end)
        .values_list("team_id", "metric")
        .annotate(v=Sum("value"))
        .order_by()
    ):
        per_team[team_id][metric] = float(v)
    teams = Team.objects.filter(pk__in=per_team).order_by("name").values_list("pk", "name")
    return [name for _pk, name in teams], [per_team[pk] for pk, _name in teams]


def build_sections(
    period: Period, threshold: int, *, reveal: bool
) -> tuple[list[dict[str, Any]], list[Table]]:
    """Every section of a publication for the period, suppressed with the threshold."""
    labels, rows = team_sums(period)
    built = [
        render(section, labels, rows, _("Totaal gemeente"), threshold, reveal=reveal)
        for section in SECTIONS
    ]
    return [data for data, _table in built], [table for _data, table in built]


def by_point(sections: list[dict[str, Any]]) -> list[tuple[int, str, list[dict[str, Any]]]]:
    """The nine points of attention in order, each with its sections (maybe none)."""
    return [
        (int(point), str(point.label), [s for s in sections if s["point"] == point])
        for point in Point
    ]


@dataclass
class Preview:
    overview: Overview
    period: Period
    points: list[tuple[int, str, list[dict[str, Any]]]]
    hidden: int
    empty: bool


def overview_list(*, user: User) -> QuerySet[Overview]:
    if not policies.may_compose(user):
        raise PermissionDenied
    return Overview.objects.annotate(
        version_count=Count("versions"), last_version=Max("versions__number")
    )


def overview_get(*, user: User, pk: int) -> Overview:
    if not policies.may_compose(user):
        raise PermissionDenied
    overview = Overview.objects.filter(pk=pk).first()
    if overview is None:
        raise Http404
    return overview


def overview_preview(*, user: User, overview: Overview) -> Preview:
    """What publishing would publish now, with the values that will be hidden marked."""
    if not policies.may_compose(user):
        raise PermissionDenied
    period = overview_period(overview)
    labels, _rows = team_sums(period)
    sections, _tables = build_sections(period, overview.threshold, reveal=True)
    return Preview(
        overview=overview,
        period=period,
        points=by_point(sections),
        hidden=sum(s["hidden"] for s in sections),
        empty=not labels,
    )


def published_list(*, user: User) -> QuerySet[PublishedOverview]:
    if not policies.may_read_published(user):
        raise PermissionDenied
    return PublishedOverview.objects.defer("sections")


def published_get(*, user: User, pk: int) -> PublishedOverview:
    if not policies.may_read_published(user):
        raise PermissionDenied
    version = PublishedOverview.objects.filter(pk=pk).first()
    if version is None:
        raise Http404
    return version
