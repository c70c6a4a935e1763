"""The snapshot's month roll-up (``AggregateMonth``): built from the day rows, read by the
dashboard and the publications."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import TruncMonth

from .models import Aggregate, AggregateMonth

Cell = tuple[datetime.date, int, int | None, str, str]  # month, team, wijk, law, metric


def months_from_days() -> int:
    """Replace the month rows with the sums of the day rows; joins the caller's transaction.

    One grouped query over the day rows and a bulk insert; returns the number of month rows.
    """
    sums: dict[Cell, Decimal] = defaultdict(Decimal)
    for month, team, district, law, metric, v in (
        Aggregate.objects.annotate(month=TruncMonth("day"))
        .values_list("month", "team_id", "district_id", "law", "metric")
        .annotate(v=Sum("value"))
        .order_by()
    ):
        month = month.date() if isinstance(month, datetime.datetime) else month
        sums[(month, team, district, law, metric)] += v
    AggregateMonth.objects.all().delete()
    AggregateMonth.objects.bulk_create(
        [
            AggregateMonth(
                month=month, team_id=team, district_id=district, law=law, metric=metric, value=v
            )
            for (month, team, district, law, metric), v in sums.items()
        ],
        batch_size=2000,
    )
    return len(sums)
