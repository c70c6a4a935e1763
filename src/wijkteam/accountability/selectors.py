"""The beleidsmedewerker's dashboard: the indicators for a period, from the snapshot, with a
drill-down from the municipality (a row per team) to a team (a row per wijk) to one wijk, and
each indicator's trend over the last periods.

Aggregates only (never a name, id of a person or text). One query for the period, one for the
trend.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.accounts.policies import can_view_aggregate_reports
from wijkteam.cases.constants import Unit
from wijkteam.organisation.constants import ProductCategory
from wijkteam.organisation.models import District, Team

from . import policies, population
from .indicators import INDICATORS, INHABITANTS, Indicator
from .indicators import values as indicator_values
from .models import AggregateMonth, SnapshotRun

PERIOD_KINDS = ("maand", "kwartaal", "jaar")


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def label(self) -> str:
        if self.kind == "jaar":
            return f"{self.start:%Y}"
        if self.kind == "kwartaal":
            return f"{self.start:%Y} K{(self.start.month - 1) // 3 + 1}"
        return f"{self.start:%m-%Y}"


def parse_period(kind: str, start: str) -> Period:
    """``kind`` maand/kwartaal/jaar and ``start`` YYYY-MM; refused with a Dutch message."""
    if kind not in PERIOD_KINDS:
        raise ValidationError({"periode": _("Kies maand, kwartaal of jaar.")})
    try:
        first = datetime.datetime.strptime(start, "%Y-%m").date()
    except ValueError:
        raise ValidationError(
            {"van": _("Vul de maand in als jjjj-mm, bijvoorbeeld 2026-10.")}
        ) from None
    if kind == "jaar":
        first = first.replace(month=1)
        months = 12
    elif kind == "kwartaal":
        first = first.replace(month=(first.month - 1) // 3 * 3 + 1)
        months = 3
    else:
        months = 1
    if first > timezone.localdate():
        raise ValidationError({"van": _("Over een periode in de toekomst zijn nog geen cijfers.")})
    year, month = divmod(first.month - 1 + months, 12)
    end = datetime.date(first.year + year, month + 1, 1) - datetime.timedelta(days=1)
    return Period(kind, first, end)


def previous(period: Period, steps: int) -> Period:
    """The period ``steps`` periods before ``period`` (of the same kind)."""
    length = {"maand": 1, "kwartaal": 3, "jaar": 12}[period.kind]
    index = period.start.year * 12 + period.start.month - 1 - length * steps
    first = datetime.date(index // 12, index % 12 + 1, 1)
    after = index + length
    end = datetime.date(after // 12, after % 12 + 1, 1) - datetime.timedelta(days=1)
    return Period(period.kind, first, end)


TREND_PERIODS = 6


@dataclass(frozen=True)
class Row:
    label: str
    values: list[float | int | None]
    team_id: int | None = None  # a link one level down (team, then wijk)
    district_id: int | None = None
    total: bool = False


@dataclass(frozen=True)
class Trend:
    indicator: Indicator
    points: list[tuple[str, float | int | None]]  # (period label, value), oldest first

    @property
    def bars(self) -> list[tuple[str, float | int | None, float]]:
        """(label, value, length 0-100) for a bar chart, scaled to the largest value."""
        top = max((abs(v) for _label, v in self.points if v is not None), default=0)
        return [
            (label, v, round(abs(v) / top * 100, 1) if v is not None and top else 0.0)
            for label, v in self.points
        ]


@dataclass
class Dashboard:
    period: Period
    indicators: tuple[Indicator, ...]
    rows: list[Row]  # per team, wijk or the one wijk; the last row the total of the level
    built_at: datetime.datetime | None
    empty: bool
    level: str = "gemeente"  # "gemeente", "team" or "wijk"
    team: Team | None = None
    district: District | None = None
    trends: list[Trend] = field(default_factory=list)
    categories: list["Category"] = field(default_factory=list)


@dataclass(frozen=True)
class Category:
    """Granted maatwerk of one product category: decisions, budget and units per unit."""

    code: str
    label: str
    decisions: int
    budget: float
    volumes: list[tuple[str, float]]  # (unit label, units granted over the validity)


def maatwerk_categories(sums: dict[str, float]) -> list[Category]:
    """Maatwerk per product category from the scope's metric sums (``maatwerk.*``)."""
    found: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for metric, v in sums.items():
        if metric.startswith("maatwerk."):
            parts = metric.split(".")
            found[parts[2]][".".join([parts[1], *parts[3:]])] += v
    categories = dict(ProductCategory.choices)
    units = dict(Unit.choices)
    return [
        Category(
            code,
            str(categories.get(code, code)),
            int(per.get("besluit", 0)),
            round(per.get("budget", 0.0), 2),
            [
                (str(units.get(key[len("omvang.") :], key)), round(v, 1))
                for key, v in sorted(per.items())
                if key.startswith("omvang.")
            ],
        )
        for code, per in sorted(found.items())
    ]


def scope(
    team_id: str, district_id: str, municipalities: list[int] | None = None
) -> tuple[Team | None, District | None]:
    """The team and wijk of a drill-down, refused with a Dutch message when unknown or outside
    the user's municipalities (``policies.municipality_ids``)."""
    team = district = None
    teams = Team.objects.all()
    if municipalities is not None:
        teams = teams.filter(municipality_id__in=municipalities)
    if team_id:
        team = teams.filter(pk=int(team_id)).first() if team_id.isdigit() else None
        if team is None:
            raise ValidationError({"team": _("Dit team bestaat niet.")})
    if district_id:
        district = (
            District.objects.filter(pk=int(district_id)).first() if district_id.isdigit() else None
        )
        if district is None or team is None:
            raise ValidationError({"wijk": _("Deze wijk bestaat niet.")})
    return team, district


def _filtered(
    period_start: datetime.date,
    period_end: datetime.date,
    law: str,
    team: Team | None,
    district: District | None,
    municipalities: list[int] | None = None,
) -> QuerySet[AggregateMonth]:
    """The month rows of the periods from ``period_start`` (a first day of a month) up to and
    including ``period_end``: every period of the dashboard is a run of whole months."""
    qs = AggregateMonth.objects.filter(month__gte=period_start, month__lte=period_end)
    if municipalities is not None:
        qs = qs.filter(team__municipality_id__in=municipalities)
    if law:
        qs = qs.filter(law=law)
    if team is not None:
        qs = qs.filter(team=team)
    if district is not None:
        qs = qs.filter(district=district)
    return qs


def _with(sums: dict[str, float], inhabitants: int | None) -> dict[str, float]:
    """The sums with the area's inhabitants as a pseudo-metric (for the rates per 1,000)."""
    return {**sums, INHABITANTS: float(inhabitants)} if inhabitants else sums


@dataclass(frozen=True)
class Areas:
    """The inhabitants the rates per 1,000 use: per wijk per year, and the wijken of each team's
    work area (its buurten) and of the municipality. One query and the registered sources."""

    figures: dict[int, dict[int, int]]
    team_districts: dict[int, set[int]]
    all_districts: set[int]

    @classmethod
    def load(cls, municipalities: list[int] | None = None) -> "Areas":
        figures = population.by_district()
        team_districts: dict[int, set[int]] = defaultdict(set)
        all_districts: set[int] = set()
        districts = District.objects.all()
        if municipalities is not None:
            districts = districts.filter(municipality_id__in=municipalities)
        for district_id, team_id in districts.values_list("pk", "neighbourhoods__teams"):
            all_districts.add(district_id)
            if team_id is not None:
                team_districts[team_id].add(district_id)
        return cls(figures, team_districts, all_districts)

    def of(self, year: int, team: int | None = None, district: int | None = None) -> int | None:
        if district is not None:
            ids: set[int] = {district}
        elif team is not None:
            ids = self.team_districts.get(team, set())
        else:
            ids = self.all_districts
        return population.inhabitants(self.figures, ids, year)


def _trends(
    period: Period,
    law: str,
    team: Team | None,
    district: District | None,
    areas: Areas,
    municipalities: list[int] | None = None,
) -> list[Trend]:
    """Each indicator over the last periods up to ``period``, for the scope. One query."""
    periods = [previous(period, n) for n in range(TREND_PERIODS - 1, -1, -1)]
    sums: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for month, metric, v in (
        _filtered(periods[0].start, period.end, law, team, district, municipalities)
        .values_list("month", "metric")
        .annotate(v=Sum("value"))
        .order_by()
    ):
        for i, p in enumerate(periods):
            if p.start <= month <= p.end:
                sums[i][metric] += float(v)
    scoped = [
        _with(
            sums[n],
            areas.of(
                p.start.year,
                team.pk if team else None,
                district.pk if district else None,
            ),
        )
        for n, p in enumerate(periods)
    ]
    per_period = [indicator_values(sums) for sums in scoped]
    return [
        Trend(i, [(p.label, per_period[n][k]) for n, p in enumerate(periods)])
        for k, i in enumerate(INDICATORS)
    ]


def dashboard(
    *,
    user: User,
    period: Period,
    law: str = "",
    team: Team | None = None,
    district: District | None = None,
) -> Dashboard:
    """The indicators for the period: per team (municipality), per wijk (a team) or for one wijk
    of a team, with the total of the level and each indicator's trend."""
    if not can_view_aggregate_reports(user):
        raise PermissionDenied
    municipalities = policies.municipality_ids(user)
    key = "team_id" if team is None else "district_id"
    per: dict[int | None, dict[str, float]] = defaultdict(dict)
    total: dict[str, float] = defaultdict(float)
    for dim, metric, v in (
        _filtered(period.start, period.end, law, team, district, municipalities)
        .values_list(key, "metric")
        .annotate(v=Sum("value"))
    ):
        per[dim][metric] = per[dim].get(metric, 0.0) + float(v)
        total[metric] += float(v)
    areas = Areas.load(municipalities)
    year = period.start.year

    def values(sums: dict[str, float], inhabitants: int | None) -> list[float | int | None]:
        return indicator_values(_with(sums, inhabitants))

    rows: list[Row] = []
    if team is None:
        for pk, name in Team.objects.filter(pk__in=per).order_by("name").values_list("pk", "name"):
            rows.append(Row(name, values(per[pk], areas.of(year, team=pk)), team_id=pk))
        total_label = _("Totaal gemeente")
        whole = areas.of(year)
    elif district is None:
        names = District.objects.filter(pk__in=[k for k in per if k]).order_by("name")
        for pk, name in names.values_list("pk", "name"):
            rows.append(
                Row(name, values(per[pk], areas.of(year, district=pk)), team.pk, district_id=pk)
            )
        if None in per:
            rows.append(Row(_("Zonder wijk"), values(per[None], None)))
        total_label = _("Totaal %(team)s") % {"team": team.name}
        whole = areas.of(year, team=team.pk)
    else:
        total_label = district.name
        whole = areas.of(year, district=district.pk)
    rows.append(Row(total_label, values(total, whole), total=True))
    run = SnapshotRun.objects.first()
    return Dashboard(
        period,
        INDICATORS,
        rows,
        run.built_at if run else None,
        not per,
        level="gemeente" if team is None else ("team" if district is None else "wijk"),
        team=team,
        district=district,
        trends=_trends(period, law, team, district, areas, municipalities),
        categories=maatwerk_categories(total),
    )
