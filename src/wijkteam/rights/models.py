"""The resident's rights: inzage (AVG art. 15) and correction (art. 16) requests, retention
rules and the proof of destruction.

The tables were created by the privacy app and keep their names (``privacy_*``); migration
``rights.0001`` takes them over without touching the database.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.privacy.constants import (
    CorrectionOutcome,
    DossierKind,
    InzageStatus,
    RequestChannel,
    RequestedBy,
)

# --------------------------------------------------------------------------------------------
# Inzage (AVG art. 15) and correction (art. 16)
# --------------------------------------------------------------------------------------------


class InzageRequest(models.Model):
    """A request for access to everything stored about a resident; one month to answer."""

    resident = models.ForeignKey(
        "residents.Resident",
        on_delete=models.PROTECT,
        related_name="inzage_requests",
        verbose_name=_("inwoner"),
    )
    received_on = models.DateField(_("ontvangen op"))
    requested_by = models.CharField(_("ingediend door"), max_length=20, choices=RequestedBy.choices)
    received_via = models.CharField(
        _("hoe ontvangen"), max_length=20, choices=RequestChannel.choices
    )
    note = models.CharField(_("toelichting"), max_length=250, blank=True)
    due_on = models.DateField(_("uiterlijk beantwoorden op"))
    extended = models.BooleanField(_("verlengd"), default=False)
    extension_reason = models.CharField(_("reden van verlenging"), max_length=250, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=InzageStatus.choices, default=InzageStatus.ONTVANGEN
    )
    provided_on = models.DateField(_("verstrekt op"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "privacy_inzagerequest"  # created by the privacy app before the split
        verbose_name = _("inzageverzoek")
        verbose_name_plural = _("inzageverzoeken")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["status", "due_on"], name="inzage_open_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gt=models.F("received_on")), name="inzage_due_after_receipt"
            ),
            models.CheckConstraint(
                condition=Q(status=InzageStatus.ONTVANGEN, provided_on__isnull=True)
                | Q(status=InzageStatus.VERSTREKT, provided_on__isnull=False),
                name="inzage_provided_matches_status",
            ),
        ]

    def __str__(self) -> str:
        return _("Inzageverzoek %(id)s") % {"id": self.pk}


class CorrectionRequest(models.Model):
    """A request to correct data (AVG art. 16), with its outcome."""

    resident = models.ForeignKey(
        "residents.Resident",
        on_delete=models.PROTECT,
        related_name="correction_requests",
        verbose_name=_("inwoner"),
    )
    received_on = models.DateField(_("ontvangen op"))
    concerns = models.TextField(_("welke gegevens kloppen niet"))
    requested_change = models.TextField(_("gevraagde verbetering"))
    due_on = models.DateField(_("uiterlijk beslissen op"))
    outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=CorrectionOutcome.choices, blank=True
    )
    outcome_note = models.TextField(_("motivering"), blank=True)
    decided_on = models.DateField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "privacy_correctionrequest"  # created by the privacy app before the split
        verbose_name = _("correctieverzoek")
        verbose_name_plural = _("correctieverzoeken")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="", decided_on__isnull=True, decided_by__isnull=True)
                | (~Q(outcome="") & Q(decided_on__isnull=False) & Q(decided_by__isnull=False)),
                name="correction_outcome_complete",
            ),
        ]

    def __str__(self) -> str:
        return _("Correctieverzoek %(id)s") % {"id": self.pk}


# --------------------------------------------------------------------------------------------
# Retention
# --------------------------------------------------------------------------------------------


class RetentionRule(models.Model):
    """How long a kind of dossier is kept, and on which source that rests."""

    kind = models.CharField(
        _("soort dossier"), max_length=20, choices=DossierKind.choices, unique=True
    )
    years = models.PositiveSmallIntegerField(_("bewaartermijn (jaren)"))
    starts = models.CharField(_("termijn loopt vanaf"), max_length=150)
    source = models.CharField(_("bron"), max_length=250)
    to_confirm = models.BooleanField(_("nog te bevestigen"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "privacy_retentionrule"  # created by the privacy app before the split
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(years__gte=1) & Q(years__lte=115), name="retention_years_range"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=DossierKind.values), name="retention_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.years}"


class DestructionRecord(models.Model):
    """Proof that a dossier was destroyed: what kind, when, under which rule, how many rows.

    Holds no personal data and no identifiers of residents or cases.
    """

    kind = models.CharField(_("soort dossier"), max_length=20, choices=DossierKind.choices)
    destroyed_at = models.DateTimeField(_("vernietigd op"), auto_now_add=True)
    rule_years = models.PositiveSmallIntegerField(_("bewaartermijn (jaren)"))
    rule_source = models.CharField(_("bron van de bewaartermijn"), max_length=250)
    counts = models.JSONField(_("aantallen per soort gegeven"), default=dict)

    class Meta:
        db_table = "privacy_destructionrecord"  # created by the privacy app before the split
        verbose_name = _("vernietigingsverklaring")
        verbose_name_plural = _("vernietigingsverklaringen")
        ordering = ["-destroyed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.destroyed_at:%Y-%m-%d}"


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Wacht op akkoord")
    CONFIRMED = "bevestigd", _("Akkoord gegeven, wordt uitgevoerd")
    EXECUTED = "uitgevoerd", _("Uitgevoerd")
    SUPERSEDED = "vervangen", _("Vervangen door een nieuwere proefdraai")


class RetentionReview(models.Model):
    """The nightly dry run of retention, waiting for the beheerder's confirmation.

    Only the dossiers listed here are destroyed after confirmation, and only if they are still
    due then. ``dossiers`` holds keys (kind, case, household, melding ids, term) and the
    dossier's reference, never a name.
    """

    created_at = models.DateTimeField(_("proefdraai op"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    dossiers = models.JSONField(_("dossiers"), default=list)
    counts = models.JSONField(_("aantal dossiers per soort"), default=dict)
    log_entries = models.PositiveIntegerField(_("toegangslogregels voorbij de termijn"), default=0)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("akkoord op"), null=True, blank=True)
    executed_at = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)
    result = models.JSONField(_("uitkomst"), default=dict, blank=True)

    class Meta:
        verbose_name = _("proefdraai bewaartermijnen")
        verbose_name_plural = _("proefdraaien bewaartermijnen")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values), name="retention_review_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "vervangen"]) | Q(confirmed_at__isnull=False),
                name="retention_review_confirmed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.get_status_display()}"
