"""Light support by the team itself: registering the time spent on it (time entries)."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.organisation import policies as org_policies
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction

from ... import policies
from ...constants import InterventionKind
from ...models import Intervention, TimeEntry
from .common import _household_ids

MAX_HOURS_PER_DAY = Decimal(24)


def _check_hours(hours: Decimal | None) -> str:
    if hours is None or hours <= 0 or hours > MAX_HOURS_PER_DAY:
        return _("Het aantal uren moet groter zijn dan 0 en ten hoogste 24.")
    if hours != hours.quantize(Decimal("0.01")):
        return _("Geef de uren op in ten hoogste twee decimalen.")
    return ""


def time_entry_add(
    *,
    actor: User,
    intervention: Intervention,
    worked_on: datetime.date,
    hours: Decimal,
    note: str = "",
) -> TimeEntry:
    """Register time spent on light support by the team (by the acting member)."""
    case = intervention.case
    if not (
        policies.is_case_worker(actor, case)
        or (
            intervention.delivered_by_id == actor.pk
            and org_policies.is_team_member(actor, case.team)
        )
    ):
        raise PermissionDenied(_("Alleen wie aan deze casus werkt, schrijft hier uren op."))
    errors: dict[str, Any] = {}
    if intervention.kind != InterventionKind.LICHTE_ONDERSTEUNING:
        errors["__all__"] = _("Uren schrijft u alleen op lichte ondersteuning door het team.")
    message = _check_hours(hours)
    if message:
        errors["hours"] = message
    if worked_on > timezone.localdate():
        errors["worked_on"] = _("U kunt geen uren schrijven op een dag in de toekomst.")
    elif worked_on < intervention.starts_on:
        errors["worked_on"] = _("Deze dag ligt vóór de start van de ondersteuning (%(day)s).") % {
            "day": f"{intervention.starts_on:%d-%m-%Y}"
        }
    elif intervention.ends_on is not None and worked_on > intervention.ends_on:
        errors["worked_on"] = _("Deze dag ligt na het einde van de ondersteuning (%(day)s).") % {
            "day": f"{intervention.ends_on:%d-%m-%Y}"
        }
    if len(note) > 250:
        errors["note"] = _("De notitie is te lang (ten hoogste 250 tekens).")
    if not errors:
        booked = TimeEntry.objects.filter(member=actor, worked_on=worked_on).aggregate(
            total=Sum("hours")
        )["total"] or Decimal(0)
        if booked + hours > MAX_HOURS_PER_DAY:
            errors["hours"] = _(
                "U heeft op deze dag al %(booked)s uur geschreven; meer dan 24 uur per dag kan niet."
            ) % {"booked": booked}
    if errors:
        raise ValidationError(errors)
    entry = TimeEntry(
        intervention=intervention, member=actor, worked_on=worked_on, hours=hours, note=note.strip()
    )
    entry.full_clean()
    with transaction.atomic():
        entry.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=entry)
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=_household_ids(case),
            obj=entry,
            purpose=_("uren geschreven op lichte ondersteuning"),
        )
    return entry
