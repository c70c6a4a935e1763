"""The provider catalogue: which products (WMO020/JZ020 category and a local product code)
a provider (an ``organisation.Organisation`` with an AGB code) is contracted for.

A row with an empty product code is a contract for the whole category (aspecifiek). The
provider's AGB code lives on the organisation (``Organisation.agb_code``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.organisation.constants import ProductCategory
from wijkteam.organisation.models import Organisation


class ContractedProduct(models.Model):
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contracted_products",
        verbose_name=_("aanbieder"),
    )
    product_category = models.CharField(
        _("productcategorie"), max_length=2, choices=ProductCategory.choices
    )
    product_code = models.CharField(
        _("productcode"),
        max_length=5,
        blank=True,
        help_text=_("Lokale productcode (vijf tekens). Leeg: de hele categorie."),
    )
    description = models.CharField(_("omschrijving"), max_length=150)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gecontracteerd product")
        verbose_name_plural = _("gecontracteerde producten")
        ordering = ["provider__name", "product_category", "product_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "product_category", "product_code"],
                name="contracted_product_unique",
            ),
            models.CheckConstraint(
                condition=Q(product_category__in=ProductCategory.values),
                name="contracted_product_category_valid",
            ),
        ]

    def __str__(self) -> str:
        code = self.product_code or "—"
        return f"{self.product_category} {code} {self.description}"
