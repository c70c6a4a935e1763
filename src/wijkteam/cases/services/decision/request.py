"""The aanvraag: registering a request for a maatwerkvoorziening / individuele voorziening,
which starts the legal decision term."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core.validation import full_clean_batched
from wijkteam.organisation.constants import Law, ProductCategory, law_of_category
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.residents.models import Resident

from ... import policies
from ...constants import DecisionStatus, Frequency, Unit
from ...models import Case, Decision
from ..terms import term_insert
from .constraints import decision_constraint_errors
from .rules import DECISION_TERM, PRODUCT_CODE_RE, _check_not_future, _unknown_product


def decision_request(
    *,
    actor: User,
    case: Case,
    resident: Resident,
    law: str,
    product_category: str,
    volume: Decimal,
    unit: str,
    frequency: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    requested_on: datetime.date,
    product_code: str = "",
    budget: Decimal | None = None,
) -> Decision:
    """Register an aanvraag and start the legal decision term (Wmo 2 weeks, Jeugdwet 8 weeks)."""
    if not policies.is_case_worker(actor, case):
        raise PermissionDenied(
            _("Alleen de regisseur, een betrokken teamlid of de teamleider legt een aanvraag vast.")
        )
    errors: dict[str, Any] = {}
    if not case.is_open:
        errors["__all__"] = _(
            "Deze casus is afgesloten; open hem opnieuw om een aanvraag vast te leggen."
        )
    if law not in Law.values:
        errors["law"] = _("Kies de wet: Wmo 2015 of Jeugdwet.")
    category_law = law_of_category(product_category)
    if category_law is None:
        errors["product_category"] = _unknown_product(product_category)
    elif law in Law.values and category_law != law:
        errors["product_category"] = _(
            "Productcategorie %(category)s hoort niet bij de %(law)s: kies een %(list)s-categorie."
        ) % {
            "category": ProductCategory(product_category).label,
            "law": Law(law).label,
            "list": "WMO020" if law == Law.WMO else "JZ020",
        }
    code = product_code.strip().upper()
    if code and not PRODUCT_CODE_RE.match(code):
        errors["product_code"] = (
            _unknown_product(product_code)
            + " "
            + _("Een productcode bestaat uit vijf letters of cijfers.")
        )
    if volume is None or volume <= 0:
        errors["volume"] = _("De omvang moet groter zijn dan 0.")
    if unit not in Unit.values:
        errors["unit"] = _("Kies een eenheid uit de lijst (WJ756).")
    if frequency not in Frequency.values:
        errors["frequency"] = _("Kies een frequentie uit de lijst (WMO757).")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("De einddatum ligt vóór de ingangsdatum.")
    if budget is not None and budget < 0:
        errors["budget"] = _("Het budget kan niet negatief zijn.")
    if requested_on:
        _check_not_future(errors, "requested_on", requested_on, _("De datum van de aanvraag"))
    if resident.household_id != case.household_id:
        errors["resident"] = _("Kies een inwoner uit het huishouden van deze casus.")
    if errors:
        raise ValidationError(errors)
    decision = Decision(
        case=case,
        resident=resident,
        law=law,
        product_category=product_category,
        product_code=code,
        volume=volume,
        unit=unit,
        frequency=frequency,
        starts_on=starts_on,
        ends_on=ends_on,
        budget=budget,
        requested_on=requested_on,
        status=DecisionStatus.AANGEVRAAGD,
        created_by=actor,
    )
    full_clean_batched(decision, constraint_errors=decision_constraint_errors)
    with transaction.atomic():
        decision.save()
        # the decision is new: its term cannot exist yet (no get-or-create needed)
        term_insert(case=case, key=DECISION_TERM[law], starts_on=requested_on, decision=decision)
        audit_record(actor=actor, action=AuditAction.CREATE, obj=decision)
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=decision,
            purpose=_("aanvraag vastgelegd"),
        )
    return decision
