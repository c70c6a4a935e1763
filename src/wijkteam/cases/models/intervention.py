"""Interventions: light support by the team, general provisions, allocations to providers."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.organisation.constants import ProductCategory
from wijkteam.organisation.models import Organisation

from ..constants import NOTE_MAX, Frequency, InterventionKind, InterventionStatus, ScaleChange, Unit
from .case import Case
from .decision import Decision


class Intervention(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="interventions")
    kind = models.CharField(_("soort"), max_length=30, choices=InterventionKind.choices)
    description = models.CharField(_("omschrijving"), max_length=250)
    provision_name = models.CharField(
        _("algemene voorziening"),
        max_length=150,
        blank=True,
        help_text=_("Bij een verwijzing naar een algemene voorziening: welke."),
    )
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitgevoerd door"),
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("einde"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InterventionStatus.choices,
        default=InterventionStatus.LOOPT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="intervention_period_order",
            ),
            models.CheckConstraint(
                condition=~Q(kind="lichte_ondersteuning") | Q(delivered_by__isnull=False),
                name="intervention_light_support_has_member",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class TimeEntry(models.Model):
    """Time spent on light support by the team itself."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="time_entries"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    worked_on = models.DateField(_("datum"))
    hours = models.DecimalField(_("uren"), max_digits=5, decimal_places=2)
    note = models.CharField(_("notitie"), max_length=250, blank=True)

    class Meta:
        ordering = ["worked_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24), name="time_entry_hours_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.worked_on:%d-%m-%Y} {self.hours}u"


class Allocation(models.Model):
    """A toewijzing of a custom provision to a provider: the basis of an iWmo/iJw 301 message."""

    intervention = models.OneToOneField(
        Intervention, on_delete=models.CASCADE, related_name="allocation"
    )
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="allocations")
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="allocations",
        verbose_name=_("aanbieder"),
    )
    product_category = models.CharField(
        _("productcategorie"), max_length=2, choices=ProductCategory.choices
    )
    product_code = models.CharField(_("productcode"), max_length=5, blank=True)
    volume = models.DecimalField(_("omvang"), max_digits=9, decimal_places=2)
    unit = models.CharField(_("eenheid"), max_length=2, choices=Unit.choices)
    frequency = models.CharField(_("frequentie"), max_length=1, choices=Frequency.choices)
    allocation_number = models.CharField(_("toewijzingsnummer"), max_length=20, unique=True)
    own_employer = models.BooleanField(_("eigen werkgever van de toewijzer"), default=False)
    own_employer_reason = models.TextField(
        _("reden voor toewijzing aan de eigen werkgever"),
        blank=True,
        max_length=NOTE_MAX,
        validators=[MaxLengthValidator(NOTE_MAX)],
    )
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    allocated_at = models.DateTimeField(auto_now_add=True)
    # The resident's choice of provider (seed 002, "keuze van de zorgaanbieder").
    offered_providers = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("aangeboden aanbieders")
    )
    chosen_provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("keuze van de inwoner"),
    )
    team_advised = models.BooleanField(_("team heeft geadviseerd"), default=False)
    choice_deviation_reason = models.TextField(
        _("reden bij toewijzing tegen de keuze van de inwoner"),
        blank=True,
        max_length=NOTE_MAX,
        validators=[MaxLengthValidator(NOTE_MAX)],
    )

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        indexes = [
            # The teamleider's accountability: allocations to the allocator's own employer.
            models.Index(
                fields=["intervention"],
                condition=Q(own_employer=True),
                name="allocation_own_employer_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(own_employer=True) | ~Q(own_employer_reason=""),
                name="allocation_own_employer_has_reason",
            ),
            models.CheckConstraint(condition=Q(volume__gt=0), name="allocation_volume_positive"),
            models.CheckConstraint(
                condition=Q(chosen_provider__isnull=True)
                | Q(chosen_provider=models.F("provider"))
                | ~Q(choice_deviation_reason=""),
                name="allocation_against_choice_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.allocation_number


class ScaleEvent(models.Model):
    """Scale-up and scale-down history of an intervention."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="scale_events"
    )
    change = models.CharField(_("wijziging"), max_length=10, choices=ScaleChange.choices)
    old_volume = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    new_volume = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    reason = models.CharField(_("reden"), max_length=250)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.change} {self.at:%d-%m-%Y}"
