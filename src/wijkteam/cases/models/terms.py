"""Legal terms tracked on a case, computed by the pure ``wijkteam.deadlines`` engine."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .case import Case


class EquatedHoliday(models.Model):
    """A day equated with a public holiday by royal decree (Atw art. 3 lid 3): data, extendable."""

    day = models.DateField(_("datum"), unique=True)
    source = models.CharField(_("bron"), max_length=250)

    class Meta:
        verbose_name = _("gelijkgestelde feestdag")
        verbose_name_plural = _("gelijkgestelde feestdagen")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d-%m-%Y}"


class TrackedTerm(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="terms")
    key = models.CharField(_("termijn"), max_length=40)
    variant = models.CharField(max_length=40, blank=True)
    starts_on = models.DateField(_("startdatum"))
    due_on = models.DateField(_("uiterlijk op"), db_index=True)
    met_on = models.DateField(_("voldaan op"), null=True, blank=True)
    decision = models.ForeignKey(
        "cases.Decision", on_delete=models.CASCADE, null=True, blank=True, related_name="terms"
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["met_on", "due_on"], name="term_open_due_idx"),
            models.Index(
                fields=["case"], condition=Q(met_on__isnull=True), name="term_open_by_case_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "key"],
                condition=Q(decision__isnull=True),
                name="term_unique_per_case",
            ),
            models.UniqueConstraint(
                fields=["decision", "key"],
                condition=Q(decision__isnull=False),
                name="term_unique_per_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.due_on:%d-%m-%Y}"


class TermExtension(models.Model):
    term = models.ForeignKey(TrackedTerm, on_delete=models.CASCADE, related_name="extensions")
    reason = models.CharField(_("reden"), max_length=250)
    weeks = models.PositiveSmallIntegerField(_("weken"), null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.reason


class TermSuspension(models.Model):
    term = models.ForeignKey(TrackedTerm, on_delete=models.CASCADE, related_name="suspensions")
    starts_on = models.DateField(_("van"))
    ends_on = models.DateField(_("tot"))
    reason = models.CharField(_("reden"), max_length=250)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="suspension_order"
            )
        ]

    def __str__(self) -> str:
        return self.reason
