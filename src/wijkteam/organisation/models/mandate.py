"""The mandate: what one role in one team may decide, alone and with a second approval."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..constants import (
    DECISION_TYPE_LAW,
    DecisionType,
    ProductCategory,
    TeamRole,
    law_of_category,
)
from .structure import Team, Versioned


def _not_negative(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0})


def _not_inverted(alone: str, maximum: str) -> Q:
    return (
        Q(**{f"{alone}__isnull": True})
        | Q(**{f"{maximum}__isnull": True})
        | Q(**{f"{alone}__lte": models.F(maximum)})
    )


LIMIT_FIELDS = ("volume", "weeks", "budget")


class MandateRule(Versioned):
    """What one role in one team may decide.

    Up to the ``*_alone`` limits the role decides alone; above them and up to the ``*_max``
    limits a second approval by the teamleider is needed; above a ``*_max`` limit the team's
    mandate does not reach. An empty limit means: no limit at that tier.
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="mandate_rules")
    role = models.CharField(_("rol"), max_length=30, choices=TeamRole.choices)
    decision_type = models.CharField(
        _("soort besluit"), max_length=30, choices=DecisionType.choices
    )
    product_category = models.CharField(
        _("productcategorie"),
        max_length=2,
        choices=ProductCategory.choices,
        blank=True,
        help_text=_("Leeg: geldt voor alle productcategorieën."),
    )
    volume_alone = models.DecimalField(
        _("omvang zelfstandig tot en met"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    volume_max = models.DecimalField(
        _("omvang met tweede akkoord tot en met"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
    )
    weeks_alone = models.PositiveIntegerField(
        _("looptijd zelfstandig tot en met (weken)"), null=True, blank=True
    )
    weeks_max = models.PositiveIntegerField(
        _("looptijd met tweede akkoord tot en met (weken)"), null=True, blank=True
    )
    budget_alone = models.DecimalField(
        _("budget zelfstandig tot en met (euro)"),
        max_digits=11,
        decimal_places=2,
        null=True,
        blank=True,
    )
    budget_max = models.DecimalField(
        _("budget met tweede akkoord tot en met (euro)"),
        max_digits=11,
        decimal_places=2,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("mandaatregel")
        verbose_name_plural = _("mandaatregels")
        ordering = ["team", "decision_type", "role", "product_category"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "role", "decision_type", "product_category"],
                name="mandate_rule_unique",
            ),
            *[
                models.CheckConstraint(
                    condition=_not_negative(f"{f}_{tier}"), name=f"mandate_{f}_{tier}_not_negative"
                )
                for f in LIMIT_FIELDS
                for tier in ("alone", "max")
            ],
            *[
                models.CheckConstraint(
                    condition=_not_inverted(f"{f}_alone", f"{f}_max"),
                    name=f"mandate_{f}_not_inverted",
                )
                for f in LIMIT_FIELDS
            ],
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.get_decision_type_display()}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        for f in LIMIT_FIELDS:
            alone, maximum = getattr(self, f"{f}_alone"), getattr(self, f"{f}_max")
            for tier, value in (("alone", alone), ("max", maximum)):
                if value is not None and value < 0:
                    errors[f"{f}_{tier}"] = _("Een grens kan niet negatief zijn.")
            if alone is not None and maximum is not None and alone > maximum and not errors:
                errors[f"{f}_max"] = _(
                    "De grens met tweede akkoord moet minstens zo hoog zijn als de grens voor "
                    "zelfstandig beslissen."
                )
        law = DECISION_TYPE_LAW.get(self.decision_type)
        if self.product_category and law and law_of_category(self.product_category) != law:
            errors["product_category"] = _(
                "Deze productcategorie hoort niet bij de wet van dit soort besluit."
            )
        if errors:
            raise ValidationError(errors)
