from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.residents.models import NetworkMember, Resident

from ..constants import MOTIVATION_MAX, SUMMARY_MAX
from .case import Case


class Investigation(models.Model):
    """The onderzoek (Wmo 2015 art. 2.3.2): kitchen-table conversations and a written verslag."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="investigation")
    started_on = models.DateField(_("gestart op"))
    completed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    personal_plan_received_on = models.DateField(
        _("persoonlijk plan ontvangen op"), null=True, blank=True
    )
    personal_plan_summary = models.TextField(
        _("persoonlijk plan van de inwoner"),
        blank=True,
        max_length=MOTIVATION_MAX,
        validators=[MaxLengthValidator(MOTIVATION_MAX)],
    )
    conclusion = models.TextField(
        _("conclusie van het onderzoek"),
        blank=True,
        max_length=MOTIVATION_MAX,
        validators=[MaxLengthValidator(MOTIVATION_MAX)],
    )
    report_handed_on = models.DateField(
        _("verslag aan de inwoner gegeven op"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("onderzoek")
        verbose_name_plural = _("onderzoeken")

    def __str__(self) -> str:
        return _("Onderzoek bij %s") % self.case


class Conversation(models.Model):
    """A keukentafelgesprek: who took part, where, and what was discussed."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="conversations"
    )
    held_on = models.DateField(_("datum"))
    place = models.CharField(_("plaats"), max_length=150)
    residents = models.ManyToManyField(Resident, related_name="+", verbose_name=_("inwoners"))
    network_members = models.ManyToManyField(
        NetworkMember, blank=True, related_name="+", verbose_name=_("leden van het netwerk")
    )
    client_supporter_present = models.BooleanField(_("cliëntondersteuner aanwezig"), default=False)
    other_participants = models.CharField(_("andere deelnemers"), max_length=250, blank=True)
    summary = models.TextField(
        _("verslag van het gesprek"),
        max_length=SUMMARY_MAX,
        validators=[MaxLengthValidator(SUMMARY_MAX)],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("keukentafelgesprek")
        verbose_name_plural = _("keukentafelgesprekken")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on:%d-%m-%Y} {self.place}"
