"""Reads of the catalogue (no personal data: organisations and products only)."""

from django.db.models import Prefetch, QuerySet

from wijkteam.organisation.models import Municipality, Organisation

from .models import ContractedProduct
from .policies import PROVIDER_KINDS


def catalogue(*, municipality: Municipality | None = None) -> QuerySet[Organisation]:
    """Providers with their contracted products prefetched, by name."""
    qs = Organisation.objects.filter(kind__in=PROVIDER_KINDS)
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return (
        qs.select_related("municipality")
        .prefetch_related(
            Prefetch(
                "contracted_products",
                queryset=ContractedProduct.objects.order_by("product_category", "product_code"),
            )
        )
        .order_by("municipality__name", "name")
    )


def contracted_provider_ids(*, product_category: str, product_code: str = "") -> set[int]:
    """Providers contracted for the category (for the whole category or for this code)."""
    qs = ContractedProduct.objects.filter(product_category=product_category)
    if product_code:
        qs = qs.filter(product_code__in=["", product_code])
    return set(qs.values_list("provider_id", flat=True))


def is_contracted(*, provider: Organisation, product_category: str, product_code: str = "") -> bool:
    return provider.pk in contracted_provider_ids(
        product_category=product_category, product_code=product_code
    )


def provider_by_agb(agb_code: str) -> Organisation | None:
    return (
        Organisation.objects.filter(agb_code=agb_code, kind__in=PROVIDER_KINDS)
        .order_by("pk")
        .first()
    )
