"""The NEN 7513 access log: append-only and tamper-evident (a SHA-256 hash chain)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import AccessAction


class AccessLogEntry(models.Model):
    """One request's access to resident data: who, for whom, which residents, what, why."""

    at = models.DateTimeField(_("tijdstip"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
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
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_name} {self.action}"


class AccessLogResident(models.Model):
    """Index of the log by resident, for the resident's own access overview."""

    entry = models.ForeignKey(AccessLogEntry, on_delete=models.CASCADE, related_name="residents")
    resident_id = models.BigIntegerField(db_index=False)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["resident_id", "at"], name="accesslog_resident_at_idx")]

    def __str__(self) -> str:
        return f"{self.resident_id} @ {self.entry_id}"


class AccessLogHead(models.Model):
    """The single row holding the end of the chain; locked while appending."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64)
    last_entry_id = models.BigIntegerField(null=True)

    def __str__(self) -> str:
        return self.last_hash
