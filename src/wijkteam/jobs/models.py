"""One row per run of a periodic job: when, how it went, and a summary without personal data."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import RunStatus, Trigger


class JobRun(models.Model):
    job = models.CharField(_("taak"), max_length=60)
    day = models.DateField(_("dag"), help_text=_("De dag waarvoor de taak draait (lokale tijd)."))
    slot = models.DateTimeField(
        _("tijdvak"),
        null=True,
        blank=True,
        help_text=_("Begin van het tijdvak van een taak die vaker dan dagelijks draait."),
    )
    trigger = models.CharField(_("gestart"), max_length=10, choices=Trigger.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    queued_at = models.DateTimeField(_("in de wachtrij gezet"), auto_now_add=True)
    started_at = models.DateTimeField(_("gestart om"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar om"), null=True, blank=True)
    summary = models.TextField(_("samenvatting"), blank=True)
    error = models.TextField(_("fout"), blank=True)

    class Meta:
        verbose_name = _("taakuitvoering")
        verbose_name_plural = _("taakuitvoeringen")
        ordering = ["-queued_at", "-id"]
        indexes = [
            models.Index(fields=["job", "-queued_at"], name="jobrun_job_recent_idx"),
            models.Index(
                fields=["queued_at"],
                condition=Q(status__in=["wachtrij", "bezig"]),
                name="jobrun_open_idx",
            ),
        ]
        constraints = [
            # The scheduler runs a job at most once per day, whatever runs the scheduler.
            models.UniqueConstraint(
                fields=["job", "day"],
                condition=Q(trigger="planning", slot__isnull=True),
                name="jobrun_once_per_day",
            ),
            # ...and a job that runs more often once per slot.
            models.UniqueConstraint(
                fields=["job", "slot"],
                condition=Q(trigger="planning", slot__isnull=False),
                name="jobrun_once_per_slot",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RunStatus.values), name="jobrun_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(trigger__in=Trigger.values), name="jobrun_trigger_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="mislukt") | ~Q(error=""), name="jobrun_failure_has_error"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.day:%d-%m-%Y}"
