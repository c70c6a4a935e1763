"""Writes of the catalogue: keyword-only, one transaction, audited."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.organisation.constants import ProductCategory
from wijkteam.organisation.models import Organisation

from .models import ContractedProduct
from .policies import PROVIDER_KINDS, may_maintain_catalogue


def contracted_product_add(
    *,
    actor: User,
    provider: Organisation,
    product_category: str,
    product_code: str = "",
    description: str,
) -> ContractedProduct:
    if not may_maintain_catalogue(actor):
        raise PermissionDenied(_("Alleen de functioneel beheerder onderhoudt de catalogus."))
    errors: dict[str, Any] = {}
    product_code = product_code.strip().upper()
    if provider.kind not in PROVIDER_KINDS:
        errors["provider"] = _("%(name)s is geen aanbieder van ondersteuning of jeugdhulp.") % {
            "name": provider.name
        }
    if product_category not in ProductCategory.values:
        errors["product_category"] = _("Kies een productcategorie uit de lijst.")
    if product_code and (len(product_code) != 5 or not product_code.isalnum()):
        errors["product_code"] = _("Een productcode bestaat uit vijf letters of cijfers.")
    if not description.strip():
        errors["description"] = _("Geef een omschrijving van het product.")
    if (
        not errors
        and ContractedProduct.objects.filter(
            provider=provider, product_category=product_category, product_code=product_code
        ).exists()
    ):
        errors["product_code"] = _("Dit product staat al in het contract van deze aanbieder.")
    if errors:
        raise ValidationError(errors)
    product = ContractedProduct(
        provider=provider,
        product_category=product_category,
        product_code=product_code,
        description=description.strip(),
        created_by=actor,
    )
    product.full_clean()
    try:
        with transaction.atomic():
            product.save()
            audit_record(actor=actor, action=AuditAction.CREATE, obj=product)
    except IntegrityError as exc:  # the same product sent twice at once
        raise ValidationError(
            {"product_code": _("Dit product staat al in het contract van deze aanbieder.")}
        ) from exc
    return product


def contracted_product_remove(*, actor: User, product: ContractedProduct) -> None:
    if not may_maintain_catalogue(actor):
        raise PermissionDenied(_("Alleen de functioneel beheerder onderhoudt de catalogus."))
    with transaction.atomic():
        audit_record(actor=actor, action=AuditAction.DELETE, obj=product, object_repr=str(product))
        product.delete()
