"""Reads for the area analysis: the wijken and buurten, one area's CBS figures over the years,
the team's own figures (aggregates, small cells suppressed) and the social infrastructure.

Only aggregates: no name, id or text of a resident. The team's counts are suppressed with
``accountability.suppression`` (cells 1–9 hidden, and whatever would reveal them).
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils.translation import gettext as _

from wijkteam.accountability.suppression import DEFAULT_THRESHOLD, suppress, suppress_rate
from wijkteam.accounts.models import User
from wijkteam.cases.models import AssessmentScore, Case, Report
from wijkteam.organisation.models import District, Neighbourhood

from .. import infrastructure, policies
from ..constants import AreaLevel
from ..models import FIGURE_FIELDS, AreaFigures, TeamDesign

AGE_FIELDS = ("age_0_15", "age_15_25", "age_25_45", "age_45_65", "age_65_plus")
BENEFIT_FIELDS = (
    "social_assistance",
    "disability_benefit",
    "unemployment_benefit",
    "state_pension",
)
TOP_DOMAINS = 5


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | Decimal | float | None
    percent: int  # of the largest value in the chart, for the drawn bar


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    unit: str
    bars: list[Bar]


def chart(key: str, title: str, unit: str, pairs: list[tuple[str, object]]) -> Chart:
    numbers = [float(v) for _label, v in pairs if isinstance(v, int | float | Decimal)]
    top = max(numbers, default=0) or 1
    bars = [
        Bar(label, v, round(100 * float(v) / top) if isinstance(v, int | float | Decimal) else 0)  # type: ignore[arg-type]
        for label, v in pairs
    ]
    return Chart(key, title, unit, bars)


@dataclass
class TeamFigures:
    years: list[int]
    reports: list[int | None]
    cases: list[int | None]
    reports_rate: list[float | None]
    cases_rate: list[float | None]
    domains: list[tuple[str, int | None]]
    threshold: int = DEFAULT_THRESHOLD

    @property
    def table(self) -> list[tuple[int, int | None, float | None, int | None, float | None]]:
        return list(
            zip(
                self.years,
                self.reports,
                self.reports_rate,
                self.cases,
                self.cases_rate,
                strict=True,
            )
        )


@dataclass
class AreaPage:
    level: str
    area: District | Neighbourhood
    district: District
    children: list[Neighbourhood]
    figures: list[AreaFigures]
    rows: list[tuple[str, list[object]]]  # (label, value per year)
    charts: list[Chart]
    team: TeamFigures
    infrastructure: list[infrastructure.Section] | None
    hood_ids: list[int] = field(default_factory=list)


def _require(user: User) -> None:
    if not policies.may_view_areas(user):
        raise Http404


def _districts(user: User) -> QuerySet[District]:
    """The wijken of the user's municipalities (``policies.area_municipality_ids``)."""
    ids = policies.area_municipality_ids(user)
    districts = District.objects.all()
    return districts if ids is None else districts.filter(municipality_id__in=ids)


def area_list(*, user: User) -> QuerySet[District]:
    _require(user)
    return _districts(user).select_related("municipality").prefetch_related("neighbourhoods")


def _label(name: str) -> str:
    field = AreaFigures._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def _population(figures: list[AreaFigures], year: int) -> int | None:
    known = [f for f in figures if f.year <= year and f.inhabitants]
    return known[-1].inhabitants if known else None


def team_figures(hood_ids: list[int], figures: list[AreaFigures]) -> TeamFigures:
    reports = Counter(
        dict(
            Report.objects.filter(resident__neighbourhood_id__in=hood_ids)
            .annotate(y=ExtractYear("received_at"))
            .values_list("y")
            .annotate(n=Count("pk"))
            .values_list("y", "n")
        )
    )
    cases = Counter(
        dict(
            Case.objects.filter(household__members__neighbourhood_id__in=hood_ids)
            .annotate(y=ExtractYear("opened_on"))
            .values_list("y")
            .annotate(n=Count("pk", distinct=True))
            .values_list("y", "n")
        )
    )
    years = sorted(set(reports) | set(cases))
    table = suppress([[reports[y], cases[y]] for y in years]) if years else None
    shown_reports = [table.shown(("cell", i, 0)) if table else None for i in range(len(years))]
    shown_cases = [table.shown(("cell", i, 1)) if table else None for i in range(len(years))]

    def rate(values: list[int | None]) -> list[float | None]:
        out = []
        for y, v in zip(years, values, strict=True):
            r = suppress_rate(v, _population(figures, y))
            out.append(round(r * 1000, 1) if r is not None else None)
        return out

    domain_counts = list(
        AssessmentScore.objects.filter(assessment__resident__neighbourhood_id__in=hood_ids)
        .values_list("domain__name")
        .annotate(n=Count("assessment__resident_id", distinct=True))
        .values_list("domain__name", "n")
        .order_by("domain__name")
    )
    domains: list[tuple[str, int | None]] = []
    if domain_counts:
        dtable = suppress([[n] for _name, n in domain_counts])
        shown = [(name, dtable.shown(("cell", i, 0))) for i, (name, _n) in enumerate(domain_counts)]
        visible = sorted([s for s in shown if s[1] is not None], key=lambda s: -(s[1] or 0))
        hidden = [s for s in shown if s[1] is None]
        domains = (visible + hidden)[:TOP_DOMAINS]
    return TeamFigures(
        years, shown_reports, shown_cases, rate(shown_reports), rate(shown_cases), domains
    )


def _page(user: User, level: str, area: District | Neighbourhood, district: District) -> AreaPage:
    if isinstance(area, District):
        children = list(area.neighbourhoods.all())
        hood_ids = [n.pk for n in children]
        figures = list(AreaFigures.objects.filter(district=area).order_by("year"))
    else:
        children, hood_ids = [], [area.pk]
        figures = list(AreaFigures.objects.filter(neighbourhood=area).order_by("year"))
    rows = [(_label(f), [getattr(fig, f) for fig in figures]) for f in FIGURE_FIELDS]
    charts: list[Chart] = []
    if figures:
        latest = figures[-1]
        charts.append(
            chart(
                "leeftijd",
                _("Inwoners naar leeftijd, %(year)s") % {"year": latest.year},
                _label("inhabitants"),
                [(_label(f), getattr(latest, f)) for f in AGE_FIELDS],
            )
        )
        charts.append(
            chart(
                "uitkeringen",
                _("Personen met een uitkering, %(year)s") % {"year": latest.year},
                _("personen"),
                [(_label(f), getattr(latest, f)) for f in BENEFIT_FIELDS],
            )
        )
        charts.append(
            chart(
                "inwoners",
                _("Inwoners per jaar"),
                _label("inhabitants"),
                [(str(f.year), f.inhabitants) for f in figures],
            )
        )
    team = team_figures(hood_ids, figures)
    if team.years:
        charts.append(
            chart(
                "meldingen",
                _("Meldingen per 1.000 inwoners"),
                _("per 1.000 inwoners"),
                [(str(y), r) for y, r in zip(team.years, team.reports_rate, strict=True)],
            )
        )
    return AreaPage(
        level=level,
        area=area,
        district=district,
        children=children,
        figures=figures,
        rows=rows,
        charts=charts,
        team=team,
        infrastructure=infrastructure.sections(user, area),
        hood_ids=hood_ids,
    )


def district_page(*, user: User, pk: int) -> AreaPage:
    _require(user)
    district = _districts(user).filter(pk=pk).prefetch_related("neighbourhoods").first()
    if district is None:
        raise Http404
    return _page(user, AreaLevel.WIJK, district, district)


def neighbourhood_page(*, user: User, pk: int) -> AreaPage:
    _require(user)
    hood = (
        Neighbourhood.objects.filter(pk=pk, district__in=_districts(user))
        .select_related("district")
        .first()
    )
    if hood is None:
        raise Http404
    return _page(user, AreaLevel.BUURT, hood, hood.district)


def design_analysis(*, design: TeamDesign) -> list[tuple[District, AreaFigures | None]]:
    """The newest CBS figures of each wijk the team works in (for the startdocument)."""
    if design.team is None:
        return []
    districts = District.objects.filter(neighbourhoods__teams=design.team).distinct()
    latest: dict[int, AreaFigures] = {}
    for fig in AreaFigures.objects.filter(district__in=districts).order_by("year"):
        assert fig.district_id is not None
        latest[fig.district_id] = fig
    return [(d, latest.get(d.pk)) for d in districts.order_by("cbs_code")]
