"""Assessment instruments as data (ZRM 2017, Positieve Gezondheid) and measurements."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.residents.models import Resident

from ..constants import AssessmentMoment
from .case import Case


class Instrument(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    scale_min = models.SmallIntegerField(_("laagste score"))
    scale_max = models.SmallIntegerField(_("hoogste score"))
    source = models.CharField(_("bron"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instrumenten")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_min__lt=models.F("scale_max")), name="instrument_scale_order"
            )
        ]

    def __str__(self) -> str:
        return self.name


class InstrumentDomain(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="domains")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=100)
    order = models.PositiveSmallIntegerField(_("volgorde"))
    criteria = models.TextField(
        _("criteria"),
        blank=True,
        help_text=_("Alleen met een licentie van de rechthebbende in te laden."),
    )

    class Meta:
        ordering = ["instrument", "order"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="instrument_domain_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ScaleLabel(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="labels")
    value = models.SmallIntegerField(_("waarde"))
    label = models.CharField(_("betekenis"), max_length=100)

    class Meta:
        ordering = ["instrument", "value"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "value"], name="scale_label_unique")
        ]

    def __str__(self) -> str:
        return f"{self.value} {self.label}"


class Assessment(models.Model):
    """One measurement of one resident with one instrument; only relevant domains are scored."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="assessments")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    moment = models.CharField(_("moment"), max_length=20, choices=AssessmentMoment.choices)
    measured_on = models.DateField(_("gemeten op"))
    measured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        ordering = ["measured_on", "id"]

    def __str__(self) -> str:
        return f"{self.instrument} {self.measured_on:%d-%m-%Y}"


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    domain = models.ForeignKey(InstrumentDomain, on_delete=models.PROTECT, related_name="+")
    score = models.SmallIntegerField(_("score"))
    reason = models.CharField(
        _("waarom dit domein ertoe doet"),
        max_length=250,
        help_text=_("Dataminimalisatie: scoor alleen wat voor de ondersteuning nodig is."),
    )

    class Meta:
        ordering = ["domain__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "domain"], name="assessment_score_unique"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="assessment_score_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.score}"
