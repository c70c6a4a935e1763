"""The test identities of the local identity provider: a BSN and the last chosen assurance."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AssuranceLevel(models.TextChoices):
    """eIDAS levels as DigiD brokers pass them (``loa`` claim)."""

    BASIS = "basis", _("Basis (gebruikersnaam en wachtwoord)")
    MIDDEN = "midden", _("Midden (sms-controle)")
    SUBSTANTIEEL = "substantieel", _("Substantieel (DigiD app met identiteitscheck)")
    HOOG = "hoog", _("Hoog (identiteitskaart)")


class TestIdentity(models.Model):
    """One BSN someone logged in with on the DigiD-test page.

    The OAuth grant needs a user row; ``user`` is an inactive account without a password that
    can never log in to the staff side (the staff log-in refuses inactive accounts).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digid_test"
    )
    bsn = models.CharField(_("BSN"), max_length=9, unique=True)
    loa = models.CharField(
        _("betrouwbaarheidsniveau"), max_length=20, choices=AssuranceLevel.choices
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("DigiD-test-identiteit")
        verbose_name_plural = _("DigiD-test-identiteiten")

    def __str__(self) -> str:
        return f"***{self.bsn[-3:]}"
