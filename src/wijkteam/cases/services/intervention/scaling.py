"""A running intervention changes: scaling it up or down (for an allocation the volume changes
with it, within the decision), and ending it."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction

from ... import allocation_events
from ...allocation_events import AllocationEvent
from ...constants import AllocationChangeReason, InterventionStatus, ScaleChange
from ...models import Allocation, Intervention, ScaleEvent
from .allocation import _allocated_volume
from .common import _household_ids, _require_worker


def current_volume(intervention: Intervention) -> Decimal | None:
    """The volume now: the allocation's for maatwerk, else the last scale event's new volume."""
    allocation = getattr(intervention, "allocation", None)
    if allocation is not None:
        return allocation.volume
    last = intervention.scale_events.order_by("-at", "-id").first()
    return last.new_volume if last is not None else None


def intervention_scale(
    *,
    actor: User,
    intervention: Intervention,
    change: str,
    reason: str,
    new_volume: Decimal | None = None,
    change_reason: str = "",
) -> ScaleEvent:
    """Scale an intervention up or down; for an allocation the volume changes with it.

    ``change_reason``: the WMO002 RedenWijziging for the provider (``AllocationChangeReason``;
    empty: the default).

    For maatwerk a new volume is required and stays within the decision (more needs a new
    decision). The direction must match: up means more, down means less.
    """
    case = intervention.case
    _require_worker(actor, case)
    errors: dict[str, Any] = {}
    if intervention.status == InterventionStatus.BEEINDIGD:
        errors["__all__"] = _("Deze interventie is beëindigd.")
    if change not in ScaleChange.values:
        errors["change"] = _("Kies opschalen of afschalen.")
    if change_reason and change_reason not in AllocationChangeReason.values:
        errors["change_reason"] = _("Kies de reden voor de aanbieder uit de lijst.")
    if not reason.strip():
        errors["reason"] = _("Geef de reden van de wijziging.")
    elif len(reason.strip()) > 250:
        errors["reason"] = _("De reden is te lang (ten hoogste 250 tekens).")
    allocation: Allocation | None = getattr(intervention, "allocation", None)
    old_volume = current_volume(intervention)
    if allocation is not None and new_volume is None:
        errors["new_volume"] = _("Geef de nieuwe omvang van de toewijzing.")
    if new_volume is not None:
        if new_volume <= 0:
            errors["new_volume"] = _("De nieuwe omvang moet groter zijn dan 0.")
        elif old_volume is not None and change in ScaleChange.values:
            if change == ScaleChange.OPSCHALEN and new_volume <= old_volume:
                errors["new_volume"] = _(
                    "Bij opschalen is de nieuwe omvang groter dan de huidige (%(old)s)."
                ) % {"old": old_volume}
            if change == ScaleChange.AFSCHALEN and new_volume >= old_volume:
                errors["new_volume"] = _(
                    "Bij afschalen is de nieuwe omvang kleiner dan de huidige (%(old)s)."
                ) % {"old": old_volume}
        if (
            allocation is not None
            and "new_volume" not in errors
            and new_volume + _allocated_volume(allocation.decision, exclude=allocation.pk)
            > allocation.decision.volume
        ):
            errors["new_volume"] = _(
                "Deze omvang gaat boven wat in het besluit is toegekend (%(volume)s). "
                "Voor meer is een nieuw besluit nodig."
            ) % {"volume": allocation.decision.volume}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Intervention.objects.select_for_update().get(pk=intervention.pk)
        if locked.status == InterventionStatus.BEEINDIGD:
            raise ValidationError(_("Deze interventie is beëindigd."))
        if current_volume(locked) != old_volume:
            raise ConcurrentEditError
        event = ScaleEvent.objects.create(
            intervention=intervention,
            change=change,
            old_volume=old_volume,
            new_volume=new_volume,
            reason=reason.strip(),
            by=actor,
        )
        if allocation is not None and new_volume is not None:
            Allocation.objects.filter(pk=allocation.pk).update(volume=new_volume)
            allocation.volume = new_volume
            allocation_events.emit(
                AllocationEvent.CHANGED, allocation_id=allocation.pk, reason=change_reason
            )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=intervention,
            changes={
                "scale": change,
                "reden_wijziging": change_reason,
                "volume": [
                    str(old_volume) if old_volume is not None else None,
                    str(new_volume) if new_volume is not None else None,
                ],
            },
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=_household_ids(case),
            obj=intervention,
            purpose=_("interventie opgeschaald of afgeschaald"),
        )
    return event


def intervention_end(
    *,
    actor: User,
    intervention: Intervention,
    ends_on: datetime.date,
    change_reason: str = "",
) -> Intervention:
    """End an intervention on ``ends_on`` (not in the future, not before its start).
    ``change_reason``: the WMO002 RedenWijziging for the provider of its allocation
    (``AllocationChangeReason``; empty: the default)."""
    case = intervention.case
    _require_worker(actor, case)
    errors: dict[str, Any] = {}
    if intervention.status == InterventionStatus.BEEINDIGD:
        errors["__all__"] = _("Deze interventie is al beëindigd.")
    if change_reason and change_reason not in AllocationChangeReason.values:
        errors["change_reason"] = _("Kies de reden voor de aanbieder uit de lijst.")
    if ends_on > timezone.localdate():
        errors["ends_on"] = _("De einddatum kan niet in de toekomst liggen.")
    elif ends_on < intervention.starts_on:
        errors["ends_on"] = _("Het einde ligt vóór de start (%(day)s).") % {
            "day": f"{intervention.starts_on:%d-%m-%Y}"
        }
    allocation: Allocation | None = getattr(intervention, "allocation", None)
    if allocation is not None and "ends_on" not in errors and ends_on > allocation.decision.ends_on:
        errors["ends_on"] = _(
            "Een toewijzing loopt niet door na de einddatum van het besluit (%(day)s)."
        ) % {"day": f"{allocation.decision.ends_on:%d-%m-%Y}"}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = Intervention.objects.select_for_update().get(pk=intervention.pk)
        if current.status == InterventionStatus.BEEINDIGD:
            raise ValidationError(_("Deze interventie is al beëindigd."))
        previous = current.ends_on
        current.ends_on = ends_on
        current.status = InterventionStatus.BEEINDIGD
        current.save(update_fields=["ends_on", "status"])
        if allocation is not None:
            allocation_events.emit(
                AllocationEvent.ENDED, allocation_id=allocation.pk, reason=change_reason
            )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                "status": InterventionStatus.BEEINDIGD,
                "reden_wijziging": change_reason,
                "ends_on": [previous.isoformat() if previous else None, ends_on.isoformat()],
            },
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=_household_ids(case),
            obj=current,
            purpose=_("interventie beëindigd"),
        )
    current.case = case
    return current
