"""Building the snapshot: a full rebuild in one transaction, run nightly and on demand."""

import time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task

from . import metrics_more
from .models import Aggregate, SnapshotRun
from .months import months_from_days
from .notify import notify_quarter_complete


def snapshot_build(*, trigger: str = "nacht") -> SnapshotRun:
    """Replace the snapshot with freshly computed aggregates; readers see the old or the new."""
    started = time.monotonic()
    rows = [
        Aggregate(day=day, team_id=team, district_id=district, law=law, metric=metric, value=value)
        for (day, team, district, law, metric), value in metrics_more.compute()
    ]
    with transaction.atomic():
        Aggregate.objects.all().delete()
        Aggregate.objects.bulk_create(rows, batch_size=2000)
        months_from_days()
        run = SnapshotRun.objects.create(
            rows=len(rows), seconds=time.monotonic() - started, trigger=trigger
        )
        notify_quarter_complete(today=timezone.localdate())
    return run


@task()
def build_snapshot_task(trigger: str = "op verzoek") -> int:
    return snapshot_build(trigger=trigger).rows


def nightly_job() -> str:
    run = snapshot_build(trigger="nacht")
    return gettext("%(rows)s cijfers in %(seconds).1f s") % {
        "rows": run.rows,
        "seconds": run.seconds,
    }
