"""Infrastructure rows of core: no domain data."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IdempotencyKey(models.Model):
    """The result of one write, kept under the key its form or API client sent.

    A second request with the same owner, path and key gets this result instead of writing
    again (``core.idempotency``). Rows are purged after ``KEEP_HOURS`` by a nightly job.
    """

    owner = models.CharField(_("eigenaar"), max_length=80)
    scope = models.CharField(_("adres"), max_length=255)
    key = models.CharField(_("sleutel"), max_length=255)
    fingerprint = models.CharField(_("vingerafdruk"), max_length=64)
    status_code = models.PositiveSmallIntegerField(_("statuscode"))
    location = models.CharField(_("doorverwijzing"), max_length=2000, blank=True)
    content_type = models.CharField(_("inhoudstype"), max_length=100, blank=True)
    body = models.TextField(_("antwoord"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotentiesleutel")
        verbose_name_plural = _("idempotentiesleutels")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "scope", "key"], name="core_idempotency_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"
