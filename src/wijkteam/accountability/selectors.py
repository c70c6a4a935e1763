"""The beleidsmedewerker's dashboard: the indicators per team for a period, from the snapshot.

Aggregates only (never a name, id of a person or text). One query for the period.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.accounts.policies import can_view_aggregate_reports
from wijkteam.organisation.models import Team

from .indicators import INDICATORS, Indicator, value
from .models import Aggregate, SnapshotRun

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


@dataclass
class Dashboard:
    period: Period
    indicators: tuple[Indicator, ...]
    rows: list[tuple[str, list[float | int | None]]]  # (team name, values); last row the total
    built_at: datetime.datetime | None
    empty: bool


def dashboard(*, user: User, period: Period, law: str = "") -> Dashboard:
    if not can_view_aggregate_reports(user):
        raise PermissionDenied
    qs = Aggregate.objects.filter(day__gte=period.start, day__lte=period.end)
    if law:
        qs = qs.filter(law=law)
    per_team: dict[int, dict[str, float]] = defaultdict(dict)
    total: dict[str, float] = defaultdict(float)
    for team_id, metric, v in qs.values_list("team_id", "metric").annotate(v=Sum("value")):
        per_team[team_id][metric] = float(v)
        total[metric] += float(v)
    teams = Team.objects.filter(pk__in=per_team).order_by("name").values_list("pk", "name")
    rows = [(name, [value(i, per_team[pk]) for i in INDICATORS]) for pk, name in teams]
    rows.append((_("Totaal gemeente"), [value(i, total) for i in INDICATORS]))
    run = SnapshotRun.objects.first()
    return Dashboard(period, INDICATORS, rows, run.built_at if run else None, not per_team)
