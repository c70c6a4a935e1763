"""The snapshot's month roll-up (``AggregateMonth``): built from the day rows, read by the
dashboard and the publications."""

import datetime

from django.db.models import Sum
from django.db.models.functions import TruncMonth

from .models import Aggregate, AggregateMonth


def months_from_days() -> int:
    """Replace the month rows with the sums of the day rows; joins the caller's transaction.

    One grouped query over the day rows and a bulk insert; returns the number of month rows.
    """
    rows = [
        AggregateMonth(
            month=month.date() if isinstance(month, datetime.datetime) else month,
            team_id=team,
            district_id=district,
            law=law,
            metric=metric,
            value=v,
        )
        # grouped by the whole cell, so each cell comes once
        for month, team, district, law, metric, v in (
            Aggregate.objects.annotate(month=TruncMonth("day"))
            .values_list("month", "team_id", "district_id", "law", "metric")
            .annotate(v=Sum("value"))
            .order_by()
        )
    ]
    AggregateMonth.objects.all().delete()
    AggregateMonth.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
