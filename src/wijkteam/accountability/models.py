"""The aggregate snapshot the dashboards read.

Nothing here names a person: an ``Aggregate`` row is a number per day, team, wijk, law and
metric (``metrics.py`` says how each metric is counted).
"""

from django.db import models
from django.db.models import Q

from wijkteam.organisation.models import District, Team

# The law dimension of the snapshot: the two laws the dashboards filter on, and the rest.
LAWS = ("wmo", "jeugdwet", "overig")


class Aggregate(models.Model):
    day = models.DateField()
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    law = models.CharField(max_length=10)
    metric = models.CharField(max_length=60)
    value = models.DecimalField(max_digits=16, decimal_places=2)

    class Meta:
        indexes = [models.Index(fields=["metric", "day"], name="aggregate_metric_day_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "team", "district", "law", "metric"],
                name="aggregate_unique_cell",
                nulls_distinct=False,
            ),
            models.CheckConstraint(condition=Q(law__in=LAWS), name="aggregate_law_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.metric}={self.value}"


class SnapshotRun(models.Model):
    """One build of the snapshot: when, how many rows, how long."""

    built_at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    trigger = models.CharField(max_length=20)

    class Meta:
        ordering = ["-built_at", "-id"]

    def __str__(self) -> str:
        return f"{self.built_at:%Y-%m-%d %H:%M} ({self.rows})"
