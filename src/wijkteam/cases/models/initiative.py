"""A resident connected to a citizen initiative from the case, with their consent recorded."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.residents.models import Resident
from wijkteam.socialmap.models import Initiative

from .case import Case


class InitiativeConnection(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="initiative_connections")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="+", verbose_name=_("initiatief")
    )
    consent_on = models.DateField(_("toestemming van de inwoner op"))
    consent_note = models.CharField(_("hoe is toestemming gegeven"), max_length=250, blank=True)
    connected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    connected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verbinding met een initiatief")
        verbose_name_plural = _("verbindingen met initiatieven")
        ordering = ["-connected_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "initiative"], name="initiative_connection_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resident_id} → {self.initiative}"
