"""Outreach signals: a concern about someone in the area before anyone asked for help."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.models import Report
from wijkteam.organisation.models import Municipality, Neighbourhood, Team

from .constants import DEFAULT_RETENTION_MONTHS, CloseReason, SignalSource, SignalStatus


class SignalKind(models.Model):
    """A kind of concern with its follow-up term in working days (configurable data)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("soort zorg"), max_length=120)
    follow_up_days = models.PositiveSmallIntegerField(
        _("opvolgen binnen (werkdagen)"),
        default=5,
        help_text=_("Bijvoorbeeld een outreachend huisbezoek binnen 5 werkdagen."),
    )
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("soort signaal")
        verbose_name_plural = _("soorten signalen")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_days__gte=1) & Q(follow_up_days__lte=60),
                name="signalkind_follow_up_range",
            )
        ]

    def __str__(self) -> str:
        return self.name


class SignalRetention(models.Model):
    """How long a municipality keeps signals that did not lead to a melding (months)."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="signal_retention"
    )
    months = models.PositiveSmallIntegerField(
        _("bewaartermijn (maanden)"), default=DEFAULT_RETENTION_MONTHS
    )
    source = models.CharField(_("bron"), max_length=200, default="gemeentelijk beleid")

    class Meta:
        verbose_name = _("bewaartermijn signalen")
        constraints = [
            models.CheckConstraint(
                condition=Q(months__gte=1) & Q(months__lte=24), name="signalretention_months_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.months}"


class Signal(models.Model):
    """A signal with the minimum of data: where (an address or a description), what kind of
    concern, from whom. No BSN and no resident until it is converted into a melding."""

    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="signals", verbose_name=_("team")
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("buurt"),
    )
    address = models.CharField(_("adres"), max_length=200, blank=True)
    description = models.TextField(
        _("omschrijving"),
        blank=True,
        help_text=_("Wat is er gezien of gehoord? Alleen wat nodig is, zonder BSN."),
    )
    kind = models.ForeignKey(
        SignalKind, on_delete=models.PROTECT, related_name="signals", verbose_name=_("soort zorg")
    )
    source = models.CharField(_("bron"), max_length=30, choices=SignalSource.choices)
    source_name = models.CharField(_("naam van de bron"), max_length=150, blank=True)
    received_on = models.DateField(_("ontvangen op"))
    due_on = models.DateField(_("opvolgen uiterlijk op"))
    status = models.CharField(
        _("status"), max_length=20, choices=SignalStatus.choices, default=SignalStatus.OPEN
    )
    close_reason = models.CharField(
        _("reden van sluiten"), max_length=30, choices=CloseReason.choices, blank=True
    )
    close_note = models.TextField(_("toelichting"), blank=True)
    closed_on = models.DateField(_("afgehandeld op"), null=True, blank=True)
    report = models.OneToOneField(
        Report,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="signal",
        verbose_name=_("melding"),
    )
    submit_token = models.UUIDField(unique=True, null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["team", "status", "due_on"], name="signal_queue_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(address="") | ~Q(description=""), name="signal_has_location"
            ),
            models.CheckConstraint(
                condition=(Q(status=SignalStatus.OMGEZET) & Q(report__isnull=False))
                | (~Q(status=SignalStatus.OMGEZET) & Q(report__isnull=True)),
                name="signal_converted_has_report",
            ),
            models.CheckConstraint(
                condition=(Q(status=SignalStatus.GESLOTEN) & ~Q(close_reason=""))
                | (~Q(status=SignalStatus.GESLOTEN) & Q(close_reason="")),
                name="signal_closed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Signaal {self.pk} ({self.received_on:%d-%m-%Y})"
