"""The month roll-up of the snapshot: the same sums as the day rows, whole months only."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from wijkteam.accountability.models import Aggregate, AggregateMonth
from wijkteam.accountability.months import months_from_days
from wijkteam.accountability.selectors import dashboard, parse_period
from wijkteam.accountability.snapshot import snapshot_build
from wijkteam.testing.factories import (
    CaseFactory,
    DistrictFactory,
    ReportFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def put(day: datetime.date, team, district, law: str, metric: str, value: str) -> None:
    Aggregate.objects.create(
        day=day, team=team, district=district, law=law, metric=metric, value=Decimal(value)
    )


def test_months_sum_the_days_at_the_month_boundaries() -> None:
    team, other = TeamFactory(), TeamFactory()
    wijk = DistrictFactory()
    put(datetime.date(2026, 9, 30), team, wijk, "wmo", "melding.totaal", "7")
    put(datetime.date(2026, 10, 1), team, wijk, "wmo", "melding.totaal", "4")
    put(datetime.date(2026, 10, 31), team, wijk, "wmo", "melding.totaal", "2")
    put(datetime.date(2026, 10, 31), team, None, "wmo", "melding.totaal", "1")  # no wijk
    put(datetime.date(2026, 10, 15), team, wijk, "jeugdwet", "melding.totaal", "3")
    put(datetime.date(2026, 10, 15), other, wijk, "wmo", "maatwerk.budget.02", "1250.50")
    put(datetime.date(2026, 11, 1), team, wijk, "wmo", "melding.totaal", "5")

    assert months_from_days() == 6
    rows = {
        (m.month, m.team_id, m.district_id, m.law, m.metric): m.value
        for m in AggregateMonth.objects.all()
    }
    october = datetime.date(2026, 10, 1)
    assert rows == {
        (datetime.date(2026, 9, 1), team.pk, wijk.pk, "wmo", "melding.totaal"): 7,
        (october, team.pk, wijk.pk, "wmo", "melding.totaal"): 6,
        (october, team.pk, None, "wmo", "melding.totaal"): 1,
        (october, team.pk, wijk.pk, "jeugdwet", "melding.totaal"): 3,
        (october, other.pk, wijk.pk, "wmo", "maatwerk.budget.02"): Decimal("1250.50"),
        (datetime.date(2026, 11, 1), team.pk, wijk.pk, "wmo", "melding.totaal"): 5,
    }
    # Built again: replaced, not added to.
    assert months_from_days() == 6
    assert AggregateMonth.objects.count() == 6


def test_the_dashboard_from_months_equals_the_sum_of_the_days() -> None:
    team = TeamFactory(name="Noord")
    wijk = DistrictFactory()
    for day, value in ((1, 3), (15, 4), (31, 5)):
        put(datetime.date(2026, 10, day), team, wijk, "wmo", "melding.totaal", str(value))
    put(datetime.date(2026, 12, 31), team, wijk, "wmo", "melding.totaal", "6")
    put(datetime.date(2027, 1, 1), team, wijk, "wmo", "melding.totaal", "100")  # next quarter
    months_from_days()
    user = UserFactory(beleid=True)
    quarter = dashboard(user=user, period=parse_period("kwartaal", "2026-10"))
    index = [i.key for i in quarter.indicators].index("meldingen")
    day_sum = sum(
        a.value
        for a in Aggregate.objects.filter(
            day__gte=datetime.date(2026, 10, 1), day__lte=datetime.date(2026, 12, 31)
        )
    )
    assert quarter.rows[-1].values[index] == day_sum == 18
    # The trend's last point is the same quarter.
    trend = next(t for t in quarter.trends if t.indicator.key == "meldingen")
    assert trend.points[-1] == ("2026 K4", 18)


def test_the_snapshot_builds_the_months_in_the_same_run() -> None:
    case = CaseFactory()
    at = timezone.make_aware(datetime.datetime(2026, 10, 5, 10, 0))
    ReportFactory(team=case.team, channel="telefoon", received_at=at)
    ReportFactory(team=case.team, channel="inloop", received_at=at + datetime.timedelta(days=30))
    snapshot_build(trigger="test")
    days: dict[str, Decimal] = {}
    for metric, v in Aggregate.objects.values_list("metric", "value"):
        days[metric] = days.get(metric, Decimal(0)) + v
    months: dict[str, Decimal] = {}
    for metric, v in AggregateMonth.objects.values_list("metric", "value"):
        months[metric] = months.get(metric, Decimal(0)) + v
    assert months == days
    assert days["melding.totaal"] == 2
    assert set(AggregateMonth.objects.values_list("month", flat=True)) >= {
        datetime.date(2026, 10, 1),
        datetime.date(2026, 11, 1),
    }
