"""An aanvraag for a maatwerkvoorziening (Wmo) or individuele voorziening (Jeugdwet) and its beschikking."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.core.choices import display
from wijkteam.organisation.constants import Law, ProductCategory
from wijkteam.residents.models import Resident

from ..constants import (
    MOTIVATION_MAX,
    NOTE_MAX,
    DecisionOutcome,
    DecisionStatus,
    Frequency,
    LegalBasis,
    Unit,
)
from .case import Case


class Decision(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="decisions")
    law = models.CharField(_("wet"), max_length=10, choices=Law.choices)
    product_category = models.CharField(
        _("productcategorie"), max_length=2, choices=ProductCategory.choices
    )
    product_code = models.CharField(
        _("productcode"),
        max_length=5,
        blank=True,
        help_text=_("Lokaal vastgestelde code (optioneel)."),
    )
    volume = models.DecimalField(_("omvang"), max_digits=9, decimal_places=2)
    unit = models.CharField(_("eenheid"), max_length=2, choices=Unit.choices)
    frequency = models.CharField(_("frequentie"), max_length=1, choices=Frequency.choices)
    starts_on = models.DateField(_("ingangsdatum"))
    ends_on = models.DateField(_("einddatum"))
    budget = models.DecimalField(
        _("budget (euro)"), max_digits=11, decimal_places=2, null=True, blank=True
    )
    requested_on = models.DateField(_("aanvraag ontvangen op"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DecisionStatus.choices,
        default=DecisionStatus.AANGEVRAAGD,
    )
    outcome = models.CharField(
        _("besluit"), max_length=10, choices=DecisionOutcome.choices, blank=True
    )
    motivation = models.TextField(
        _("motivering"),
        blank=True,
        max_length=MOTIVATION_MAX,
        validators=[MaxLengthValidator(MOTIVATION_MAX)],
    )
    legal_basis = models.CharField(
        _("wettelijke grondslag"), max_length=20, choices=LegalBasis.choices, blank=True
    )
    deviates_from_protocol = models.BooleanField(_("wijkt af van protocol"), default=False)
    deviation_justification = models.TextField(
        _("onderbouwing van de afwijking"),
        blank=True,
        max_length=NOTE_MAX,
        validators=[MaxLengthValidator(NOTE_MAX)],
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    needs_second_approval = models.BooleanField(default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    made_known_on = models.DateField(_("bekendgemaakt op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["-requested_on", "-id"]
        indexes = [
            models.Index(fields=["status", "case"], name="decision_status_idx"),
            # The teamleider's accountability: the few decisions that deviate from protocol.
            models.Index(
                fields=["case"],
                condition=Q(deviates_from_protocol=True),
                name="decision_deviation_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(volume__gte=0), name="decision_volume_not_negative"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="decision_period_order"
            ),
            models.CheckConstraint(
                condition=Q(status=DecisionStatus.AANGEVRAAGD)
                | (
                    ~Q(outcome="")
                    & ~Q(legal_basis="")
                    & ~Q(motivation="")
                    & Q(decided_by__isnull=False)
                ),
                name="decision_decided_has_basis",
            ),
            models.CheckConstraint(
                condition=~Q(deviates_from_protocol=True) | ~Q(deviation_justification=""),
                name="decision_deviation_justified",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_product_category_display()} ({self.requested_on:%d-%m-%Y})"

    # Django's own get_*_display builds the label map on every call; these read it from the
    # map built once (core/choices.py, issue 17): the same text, also after a change of language.
    def get_law_display(self) -> str:  # type: ignore[no-redef]
        return display(self, "law")

    def get_product_category_display(self) -> str:  # type: ignore[no-redef]
        return display(self, "product_category")

    def get_unit_display(self) -> str:  # type: ignore[no-redef]
        return display(self, "unit")

    def get_frequency_display(self) -> str:  # type: ignore[no-redef]
        return display(self, "frequency")

    def get_status_display(self) -> str:  # type: ignore[no-redef]
        return display(self, "status")

    def get_outcome_display(self) -> str:  # type: ignore[no-redef]
        return display(self, "outcome")

    def get_legal_basis_display(self) -> str:  # type: ignore[no-redef]
        return display(self, "legal_basis")

    @property
    def weeks(self) -> int:
        return ((self.ends_on - self.starts_on).days + 1 + 6) // 7
