"""CBS "Kerncijfers wijken en buurten" per area and year, and the log of imports."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.organisation.models import District, Municipality, Neighbourhood

from ..constants import AreaLevel

# The figures kept, in the order the area page shows them (field names of AreaFigures).
FIGURE_FIELDS = (
    "inhabitants",
    "age_0_15",
    "age_15_25",
    "age_25_45",
    "age_45_65",
    "age_65_plus",
    "households",
    "single_person_households",
    "households_with_children",
    "average_household_size",
    "dwellings",
    "average_woz",
    "owner_occupied_pct",
    "social_rent_pct",
    "average_income",
    "low_income_households_pct",
    "social_assistance",
    "disability_benefit",
    "unemployment_benefit",
    "state_pension",
)


def _count(label: Any) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(label, null=True, blank=True)


def _decimal(label: Any) -> models.DecimalField:
    return models.DecimalField(label, max_digits=9, decimal_places=1, null=True, blank=True)


class AreaFigures(models.Model):
    """One area's figures for one year; an empty field is a figure CBS did not publish."""

    year = models.PositiveSmallIntegerField(_("jaar"))
    level = models.CharField(_("niveau"), max_length=10, choices=AreaLevel.choices)
    code = models.CharField(_("CBS-code"), max_length=10)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, null=True, blank=True, related_name="figures"
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.CASCADE, null=True, blank=True, related_name="figures"
    )
    inhabitants = _count(_("inwoners"))
    age_0_15 = _count(_("0 tot 15 jaar"))
    age_15_25 = _count(_("15 tot 25 jaar"))
    age_25_45 = _count(_("25 tot 45 jaar"))
    age_45_65 = _count(_("45 tot 65 jaar"))
    age_65_plus = _count(_("65 jaar of ouder"))
    households = _count(_("huishoudens"))
    single_person_households = _count(_("eenpersoonshuishoudens"))
    households_with_children = _count(_("huishoudens met kinderen"))
    average_household_size = _decimal(_("gemiddelde huishoudensgrootte"))
    dwellings = _count(_("woningen"))
    average_woz = _decimal(_("gemiddelde WOZ-waarde (x 1.000 euro)"))
    owner_occupied_pct = _decimal(_("koopwoningen (%)"))
    social_rent_pct = _decimal(_("huurwoningen van een woningcorporatie (%)"))
    average_income = _decimal(_("gemiddeld inkomen per inwoner (x 1.000 euro)"))
    low_income_households_pct = _decimal(_("huishoudens met een laag inkomen (%)"))
    social_assistance = _count(_("personen met bijstand"))
    disability_benefit = _count(_("personen met een arbeidsongeschiktheidsuitkering"))
    unemployment_benefit = _count(_("personen met een WW-uitkering"))
    state_pension = _count(_("personen met AOW"))
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kerncijfers")
        verbose_name_plural = _("kerncijfers")
        ordering = ["code", "year"]
        constraints = [
            models.UniqueConstraint(fields=["code", "year"], name="area_figures_code_year"),
            models.CheckConstraint(
                condition=(
                    Q(
                        level=AreaLevel.GEMEENTE,
                        municipality__isnull=False,
                        district__isnull=True,
                        neighbourhood__isnull=True,
                    )
                    | Q(
                        level=AreaLevel.WIJK,
                        municipality__isnull=True,
                        district__isnull=False,
                        neighbourhood__isnull=True,
                    )
                    | Q(
                        level=AreaLevel.BUURT,
                        municipality__isnull=True,
                        district__isnull=True,
                        neighbourhood__isnull=False,
                    )
                ),
                name="area_figures_one_area",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2100), name="area_figures_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.year}"


class CbsImport(models.Model):
    """One import of a CBS file (a dry run is not recorded)."""

    year = models.PositiveSmallIntegerField(_("jaar"))
    filename = models.CharField(_("bestand"), max_length=200)
    sha256 = models.CharField(max_length=64)
    matched = models.PositiveIntegerField(_("gebieden bijgewerkt"))
    unmatched = models.PositiveIntegerField(_("onbekende codes"))
    outside = models.PositiveIntegerField(_("regels van andere gemeenten"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("CBS-import")
        verbose_name_plural = _("CBS-imports")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"CBS {self.year}: {self.filename}"
