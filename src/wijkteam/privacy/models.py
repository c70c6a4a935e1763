"""The privacy foundation: the NEN 7513 access log (append-only, an HMAC-SHA256 chain), consent
and sharing on a legal ground, and emergency access grants. The resident's rights (inzage,
correction, retention) keep their records in ``wijkteam.rights``."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import (
    AccessAction,
    ConsentMethod,
    DataCategory,
    EmergencyVerdict,
    LegalGround,
    RefusalReason,
    SharingBasis,
)


class AccessLogEntry(models.Model):
    """One request's access to resident data: who, for whom, which residents, what, why."""

    # indexed by (at, id) and (user_id, at, id) in Meta.indexes (migration 0011)
    at = models.DateTimeField(_("tijdstip"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        db_index=False,
    )
    user_name = models.CharField(_("gebruiker"), max_length=150)
    user_role = models.CharField(_("rol"), max_length=150, blank=True)
    organisation_name = models.CharField(_("organisatie"), max_length=150, blank=True)
    on_behalf_of = models.CharField(_("namens"), max_length=150, blank=True)
    action = models.CharField(_("handeling"), max_length=20, choices=AccessAction.choices)
    object_type = models.CharField(_("soort gegeven"), max_length=60, blank=True)
    object_id = models.CharField(_("gegeven"), max_length=64, blank=True)
    purpose = models.CharField(_("doel of context"), max_length=250, blank=True)
    resident_ids = models.JSONField(_("inwoners"), default=list)
    request_id = models.CharField(_("verzoek-id"), max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    # no index: no query looks an entry up by its hash, and a random key in an index as large
    # as the log costs every append a random page (migrations 0012 and 0013); the verifier,
    # not an index, finds a copied or forked entry
    hash = models.CharField(max_length=64)
    # the id of the HMAC key that signed ``hash``; empty for entries from before the chain was
    # keyed (plain SHA-256, see ``access_log_keys``)
    key_id = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["id"]
        # the log-wide overview pages newest first by keyset on (at, id), filtered by account
        # or action (migration 0011, built CONCURRENTLY on PostgreSQL)
        indexes = [
            models.Index(fields=["at", "id"], name="accesslog_at_id_idx"),
            models.Index(fields=["user", "at", "id"], name="accesslog_user_at_id_idx"),
            models.Index(fields=["action", "at", "id"], name="accesslog_action_at_id_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_name} {self.action}"


class AccessLogResident(models.Model):
    """Index of the log by resident, for the resident's own access overview."""

    entry = models.ForeignKey(AccessLogEntry, on_delete=models.CASCADE, related_name="residents")
    resident_id = models.BigIntegerField(db_index=False)
    at = models.DateTimeField()

    class Meta:
        # (resident, at, id): the overviews page by keyset on (at, id) within one resident, in
        # either direction, reading one index range per page (migration 0010)
        indexes = [models.Index(fields=["resident_id", "at", "id"], name="accesslog_res_at_id_idx")]

    def __str__(self) -> str:
        return f"{self.resident_id} @ {self.entry_id}"


class AccessLogHead(models.Model):
    """The single row holding the end of the chain; locked while appending."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64)
    last_entry_id = models.BigIntegerField(null=True)
    key_id = models.CharField(max_length=20, blank=True, default="")

    def __str__(self) -> str:
        return self.last_hash


class AccessLogAnchor(models.Model):
    """Where the chain legitimately starts again after retention removed older entries.

    ``prev_hash`` is the hash of the last removed entry, which the first remaining entry
    carries as its ``prev_hash``. ``entry_id`` is that first remaining entry, or empty when the
    whole log was removed (the next entry to be written then anchors the chain). Append-only
    on PostgreSQL (migration 0005). ``mac`` signs the anchor with the access log key
    ``key_id`` (empty on anchors from before the chain was keyed).
    """

    entry_id = models.BigIntegerField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64, db_index=True)
    removed_count = models.PositiveBigIntegerField(default=0)
    removed_before = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    key_id = models.CharField(max_length=20, blank=True, default="")
    mac = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("ankerpunt van de toegangslog")
        verbose_name_plural = _("ankerpunten van de toegangslog")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.entry_id} ← {self.prev_hash[:12]}"


# --------------------------------------------------------------------------------------------
# Consent (toestemming) and sharing on a legal ground
# --------------------------------------------------------------------------------------------


class Consent(models.Model):
    """Which categories of a resident's data a receiving organisation may see, and why.

    ``basis`` is either the resident's consent (``given_how`` says how it was given) or a
    recorded legal ground chosen from a list, with a justification. A withdrawal (or the end of
    a legal-ground sharing) takes effect at once: ``withdrawn_at`` is set and every check reads
    the database, so there is no cache to expire.
    """

    resident = models.ForeignKey(
        "residents.Resident",
        on_delete=models.PROTECT,
        related_name="consents",
        verbose_name=_("inwoner"),
    )
    organisation = models.ForeignKey(
        "organisation.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ontvangende organisatie"),
    )
    basis = models.CharField(
        _("grondslag"),
        max_length=20,
        choices=SharingBasis.choices,
        default=SharingBasis.TOESTEMMING,
    )
    purpose = models.CharField(_("doel"), max_length=250)
    categories = models.JSONField(_("soorten gegevens"), default=list)
    given_how = models.CharField(
        _("hoe gegeven"), max_length=20, choices=ConsentMethod.choices, blank=True
    )
    legal_ground = models.CharField(
        _("wettelijke grondslag"), max_length=30, choices=LegalGround.choices, blank=True
    )
    justification = models.TextField(_("onderbouwing"), blank=True)
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_note = models.CharField(_("toelichting bij intrekken"), max_length=250, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-valid_from", "-id"]
        indexes = [
            models.Index(fields=["resident", "organisation"], name="consent_resident_org_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="consent_period_order",
            ),
            models.CheckConstraint(
                condition=Q(basis__in=SharingBasis.values), name="consent_basis_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(basis=SharingBasis.TOESTEMMING) & ~Q(given_how="") & Q(legal_ground="")
                )
                | (
                    Q(basis=SharingBasis.WETTELIJKE_GRONDSLAG)
                    & ~Q(legal_ground="")
                    & ~Q(justification="")
                ),
                name="consent_basis_complete",
            ),
        ]

    def __str__(self) -> str:
        return _("%(basis)s %(id)s voor %(org)s") % {
            "basis": self.get_basis_display(),
            "id": self.pk,
            "org": self.organisation,
        }

    def is_valid_on(self, day: datetime.date) -> bool:
        return (
            self.withdrawn_at is None
            and self.valid_from <= day
            and (self.valid_until is None or day <= self.valid_until)
        )

    @property
    def category_labels(self) -> list[str]:
        labels = dict(DataCategory.choices)
        return [str(labels.get(c, c)) for c in self.categories]


class ConsentRefusal(models.Model):
    """A resident refused consent to share one category of data with an organisation.

    Only codes and a date: the reason is a code from ``RefusalReason`` (optional), never free
    text, so that the monitoring can count refusals without reading anything personal. One
    refusal per resident, organisation, category and day (a double submit stores nothing new).
    """

    resident = models.ForeignKey(
        "residents.Resident",
        on_delete=models.PROTECT,
        related_name="consent_refusals",
        verbose_name=_("inwoner"),
    )
    organisation = models.ForeignKey(
        "organisation.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ontvangende organisatie"),
    )
    category = models.CharField(_("soort gegevens"), max_length=20, choices=DataCategory.choices)
    refused_on = models.DateField(_("geweigerd op"))
    reason = models.CharField(_("reden"), max_length=20, choices=RefusalReason.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("geweigerde toestemming")
        verbose_name_plural = _("geweigerde toestemmingen")
        ordering = ["-refused_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "organisation", "category", "refused_on"],
                name="consent_refusal_once_a_day",
            ),
            models.CheckConstraint(
                condition=Q(category__in=DataCategory.values), name="consent_refusal_category"
            ),
            models.CheckConstraint(
                condition=Q(reason="") | Q(reason__in=RefusalReason.values),
                name="consent_refusal_reason",
            ),
        ]

    def __str__(self) -> str:
        return _("Weigering %(id)s voor %(org)s") % {"id": self.pk, "org": self.organisation}


# --------------------------------------------------------------------------------------------
# Emergency access (doorbraak)
# --------------------------------------------------------------------------------------------


class EmergencyAccess(models.Model):
    """A time-limited break-the-glass access to a case outside the member's scope.

    The row is also the review item: until a teamleider of the case's team records a verdict
    it stands in that teamleider's review queue.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="emergency_accesses",
        verbose_name=_("medewerker"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="emergency_accesses",
        verbose_name=_("casus"),
    )
    reason = models.TextField(_("reden"))
    opened_at = models.DateTimeField(_("geopend op"))
    expires_at = models.DateTimeField(_("verloopt op"))
    access_log_entry_id = models.BigIntegerField(null=True, blank=True)
    verdict = models.CharField(
        _("oordeel"), max_length=30, choices=EmergencyVerdict.choices, blank=True
    )
    review_note = models.TextField(_("toelichting bij het oordeel"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("doorbraak")
        verbose_name_plural = _("doorbraken")
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["user", "case", "expires_at"], name="emergency_active_idx"),
            models.Index(fields=["verdict", "opened_at"], name="emergency_review_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("opened_at")), name="emergency_period_order"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="emergency_has_reason"),
            models.CheckConstraint(
                condition=Q(verdict="", reviewed_by__isnull=True)
                | (~Q(verdict="") & Q(reviewed_by__isnull=False)),
                name="emergency_verdict_has_reviewer",
            ),
        ]

    def __str__(self) -> str:
        return _("Doorbraak %(id)s op casus %(case)s") % {"id": self.pk, "case": self.case_id}

    @property
    def is_reviewed(self) -> bool:
        return bool(self.verdict)
