"""Starting an intervention: light support by the team, a referral to a general provision, or
maatwerk with its allocation to a provider, written in the same transaction (the rules of the
allocation are in :mod:`.allocation`).
"""

import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.models import Organisation
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction

from ... import allocation_events
from ...allocation_events import AllocationEvent
from ...constants import InterventionKind, InterventionStatus
from ...models import Allocation, Case, Decision, Intervention
from .allocation import _validate_allocation, _validate_choice, allocation_number, own_employer
from .common import _household_ids, _require_worker


def intervention_start(
    *,
    actor: User,
    case: Case,
    kind: str,
    description: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    delivered_by: User | None = None,
    provision_name: str = "",
    decision: Decision | None = None,
    provider: Organisation | None = None,
    product_category: str = "",
    volume: Decimal | None = None,
    unit: str = "",
    frequency: str = "",
    own_employer_reason: str = "",
    offered_providers: list[Organisation] | None = None,
    chosen_provider: Organisation | None = None,
    team_advised: bool = False,
    choice_deviation_reason: str = "",
) -> Intervention:
    """Start an intervention; for ``maatwerk`` also the allocation to a provider.

    An intervention that starts in the future is ``gepland``, otherwise it ``loopt``. For an
    allocation the product category, unit and frequency follow the decision (so the volumes
    compare) and the volume stays within what was granted, counting the other running
    allocations on the same decision.

    The resident's choice of provider (seed 002): the providers offered, the one the resident
    chose and whether the team advised. Allocating to another provider than the chosen one
    needs a reason; a provider outside the catalogue's contracts for the category is refused
    when the catalogue has contracts for it.
    """
    _require_worker(actor, case)
    errors: dict[str, Any] = {}
    if not case.is_open:
        errors["__all__"] = _("Deze casus is afgesloten.")
    if kind not in InterventionKind.values:
        errors["kind"] = _("Kies de soort interventie.")
    if not description.strip():
        errors["description"] = _("Beschrijf de interventie.")
    if ends_on is not None and starts_on and ends_on < starts_on:
        errors["ends_on"] = _("Het einde ligt vóór de start.")
    if kind == InterventionKind.LICHTE_ONDERSTEUNING:
        if delivered_by is None:
            errors["delivered_by"] = _("Kies het teamlid dat de lichte ondersteuning geeft.")
        elif not org_policies.is_team_member(delivered_by, case.team):
            errors["delivered_by"] = _(
                "Lichte ondersteuning geeft een actief lid van team %(team)s."
            ) % {"team": case.team.name}
    if kind == InterventionKind.ALGEMENE_VOORZIENING and not provision_name.strip():
        errors["provision_name"] = _("Noem de algemene voorziening waarnaar u verwijst.")
    is_own_employer = False
    if kind == InterventionKind.MAATWERK:
        product_category = product_category or (decision.product_category if decision else "")
        _validate_allocation(
            errors=errors,
            case=case,
            decision=decision,
            provider=provider,
            product_category=product_category,
            volume=volume,
            unit=unit,
            frequency=frequency,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        if provider is not None and "provider" not in errors:
            is_own_employer = own_employer(actor=actor, case=case, provider=provider)
            if is_own_employer and not own_employer_reason.strip():
                errors["own_employer_reason"] = _(
                    "%(name)s is uw eigen werkgever. Geef de reden waarom u aan uw eigen "
                    "werkgever toewijst; de toewijzing wordt verantwoord als mogelijk "
                    "belangenconflict."
                ) % {"name": provider.name}
        _validate_choice(
            errors=errors,
            provider=provider,
            product_category=product_category,
            product_code=decision.product_code if decision else "",
            offered=offered_providers or [],
            chosen=chosen_provider,
            reason=choice_deviation_reason,
        )
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    intervention = Intervention(
        case=case,
        kind=kind,
        description=description.strip(),
        provision_name=provision_name.strip()
        if kind == InterventionKind.ALGEMENE_VOORZIENING
        else "",
        delivered_by=delivered_by if kind == InterventionKind.LICHTE_ONDERSTEUNING else None,
        starts_on=starts_on,
        ends_on=ends_on
        if ends_on is not None or decision is None or kind != InterventionKind.MAATWERK
        else decision.ends_on,
        status=InterventionStatus.GEPLAND if starts_on > today else InterventionStatus.LOOPT,
        created_by=actor,
    )
    intervention.full_clean()
    with transaction.atomic():
        intervention.save()
        residents = _household_ids(case)
        if kind == InterventionKind.MAATWERK:
            assert decision is not None and provider is not None and volume is not None
            allocation = Allocation(
                intervention=intervention,
                decision=decision,
                provider=provider,
                product_category=product_category,
                product_code=decision.product_code,
                volume=volume,
                unit=unit,
                frequency=frequency,
                allocation_number=f"TMP{uuid.uuid4().hex[:17]}",
                own_employer=is_own_employer,
                own_employer_reason=own_employer_reason.strip() if is_own_employer else "",
                allocated_by=actor,
                chosen_provider=chosen_provider,
                team_advised=team_advised,
                choice_deviation_reason=choice_deviation_reason.strip()
                if chosen_provider is not None and chosen_provider != provider
                else "",
            )
            allocation.save()
            if offered_providers:
                allocation.offered_providers.set(offered_providers)
            allocation.allocation_number = allocation_number(allocation)
            allocation.save(update_fields=["allocation_number"])
            residents = [decision.resident_id]
            allocation_events.emit(AllocationEvent.CREATED, allocation_id=allocation.pk)
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=allocation,
                changes={"provider": provider.pk, "own_employer": is_own_employer},
            )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=intervention)
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=residents,
            obj=intervention,
            purpose=_("interventie gestart"),
        )
    return intervention
