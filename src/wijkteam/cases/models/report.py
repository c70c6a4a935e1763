from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.organisation.models import Organisation, Team
from wijkteam.residents.models import Resident

from ..constants import (
    NOTE_MAX,
    QUESTION_MAX,
    Channel,
    LawTrack,
    ReferrerKind,
    ReportStatus,
    TriageOutcome,
)


class Report(models.Model):
    """A melding: a question or signal about a resident, from any channel."""

    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="reports", verbose_name=_("team")
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="reports", verbose_name=_("inwoner")
    )
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    referrer_kind = models.CharField(_("melder"), max_length=20, choices=ReferrerKind.choices)
    referrer_name = models.CharField(
        _("naam of organisatie van de melder"), max_length=150, blank=True
    )
    question = models.TextField(
        _("vraag in de woorden van de inwoner"),
        max_length=QUESTION_MAX,
        validators=[MaxLengthValidator(QUESTION_MAX)],
    )
    received_at = models.DateTimeField(_("ontvangen op"))
    law_track = models.CharField(_("wettelijk spoor"), max_length=20, choices=LawTrack.choices)
    informed_about_client_support = models.BooleanField(
        _("gewezen op gratis onafhankelijke cliëntondersteuning"), default=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    triage_outcome = models.CharField(
        _("uitkomst van de triage"), max_length=30, choices=TriageOutcome.choices, blank=True
    )
    triage_note = models.TextField(
        _("toelichting"),
        blank=True,
        max_length=NOTE_MAX,
        validators=[MaxLengthValidator(NOTE_MAX)],
        help_text=_("Het gegeven advies, de warme overdracht of de reden voor geen actie."),
    )
    referred_to = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verwezen naar"),
    )
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["team", "status", "received_at"], name="report_queue_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ReportStatus.OPEN, triage_outcome="")
                | (~Q(status=ReportStatus.OPEN) & ~Q(triage_outcome="")),
                name="report_status_matches_triage",
            ),
        ]

    def __str__(self) -> str:
        return f"Melding {self.pk} ({self.received_at:%d-%m-%Y})"
