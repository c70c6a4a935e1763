"""The aggregate snapshot the dashboards read.

Nothing here names a person: an ``Aggregate`` row is a number per day, team, wijk, law and
metric (``metrics.py`` says how each metric is counted).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.organisation.models import District, Team

from .constants import PeriodKind
from .suppression import MIN_THRESHOLD

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


class AggregateMonth(models.Model):
    """The snapshot summed per calendar month: what the dashboard and the publications read.

    Every period they show (month, quarter, year) is a run of whole months, so summing months
    gives the same figures as summing days from thirty times fewer rows (on ``city`` 5 million
    day rows against ≈ 170,000 month rows). Built from ``Aggregate`` in the same transaction
    (``snapshot.months_from_days``); never written on its own.
    """

    month = models.DateField()  # the first day of the month
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    law = models.CharField(max_length=10)
    metric = models.CharField(max_length=60)
    value = models.DecimalField(max_digits=18, decimal_places=2)

    class Meta:
        indexes = [models.Index(fields=["month", "team"], name="aggregate_month_team_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "team", "district", "law", "metric"],
                name="aggregate_month_unique_cell",
                nulls_distinct=False,
            ),
            models.CheckConstraint(condition=Q(law__in=LAWS), name="aggregate_month_law_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.metric}={self.value}"


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


class Overview(models.Model):
    """A periodic overview for the Wmo-raad, composed by a beleidsmedewerker (the draft).

    Publishing freezes it into a ``PublishedOverview`` (the next version number); the draft may
    change afterwards without touching what was published.
    """

    title = models.CharField(_("titel"), max_length=200)
    period_kind = models.CharField(_("soort periode"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("begin van de periode"))
    threshold = models.PositiveSmallIntegerField(_("drempel voor kleine aantallen"), default=10)
    explanation = models.TextField(_("toelichting"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__gte=MIN_THRESHOLD), name="overview_threshold_min"
            ),
            models.CheckConstraint(
                condition=Q(period_kind__in=PeriodKind.values), name="overview_period_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PublishedOverview(models.Model):
    """A published, frozen version of an overview: stored values, never recomputed or changed.

    ``sections`` holds the tables as published (``sections.render`` with hidden values left
    out); there is no service that changes a published version.
    """

    overview = models.ForeignKey(Overview, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    title = models.CharField(_("titel"), max_length=200)
    period_label = models.CharField(_("periode"), max_length=20)
    period_start = models.DateField()
    period_end = models.DateField()
    threshold = models.PositiveSmallIntegerField(_("drempel voor kleine aantallen"))
    explanation = models.TextField(_("toelichting"), blank=True)
    sections = models.JSONField(default=list)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["overview", "number"], name="published_version_unique"),
            models.CheckConstraint(
                condition=Q(threshold__gte=MIN_THRESHOLD), name="published_threshold_min"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (versie {self.number})"
