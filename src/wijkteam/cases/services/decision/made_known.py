"""After the decision: making it known (which starts the bezwaar term), the last day for
bezwaar, and the beschikking letter as a PDF."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam import deadlines
from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.organisation import policies as org_policies
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction

from ... import policies
from ...constants import DecisionStatus
from ...models import Decision
from ..terms import atw_calendar, term_start
from .locked import lock_decision
from .rules import BEZWAAR_TERM, _check_not_future


def may_handle_decision(user: User, decision: Decision) -> bool:
    """Make known or export: a worker on the case, or the member who decided or approved it."""
    case = decision.case
    if policies.is_case_worker(user, case):
        return True
    return org_policies.is_team_member(user, case.team) and user.pk in (
        decision.decided_by_id,
        decision.approved_by_id,
    )


def decision_made_known(
    *, actor: User, decision: Decision, made_known_on: datetime.date
) -> Decision:
    """Record when the beschikking was made known; starts the 6-week bezwaar term (Awb 6:7, 6:8).

    The engine counts the term from the day after the bekendmaking (``starts_on`` is the event).
    """
    if not may_handle_decision(actor, decision):
        raise PermissionDenied(_("U werkt niet aan deze casus."))
    errors: dict[str, Any] = {}
    if decision.status != DecisionStatus.BESLOTEN:
        errors["__all__"] = _("Alleen een definitief besluit kan worden bekendgemaakt.")
    elif decision.made_known_on is not None:
        errors["__all__"] = _("Dit besluit is al bekendgemaakt op %(day)s.") % {
            "day": f"{decision.made_known_on:%d-%m-%Y}"
        }
    _check_not_future(errors, "made_known_on", made_known_on, _("De datum van bekendmaking"))
    final_day = decision.approved_at or decision.decided_at
    if final_day is not None and made_known_on < timezone.localdate(final_day):
        errors["made_known_on"] = _(
            "Een besluit kan niet bekend zijn gemaakt vóórdat het genomen is."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = lock_decision(decision.pk)
        if current.made_known_on is not None:
            raise ValidationError(_("Dit besluit is al bekendgemaakt."))
        current.made_known_on = made_known_on
        current.save(update_fields=["made_known_on"])
        term_start(case=decision.case, key=BEZWAAR_TERM, starts_on=made_known_on, decision=current)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"made_known_on": made_known_on.isoformat()},
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[current.resident_id],
            obj=current,
            purpose=_("bekendmaking van het besluit vastgelegd"),
        )
    current.case = decision.case
    return current


def bezwaar_due(
    decision: Decision,
    *,
    letter_date: datetime.date | None = None,
    calendar: deadlines.AtwCalendar | None = None,
) -> tuple[datetime.date, datetime.date]:
    """(day made known, last day for bezwaar).

    The stored bekendmaking; before the letter is sent, its date (``letter_date``, default today)
    is the presumed bekendmaking. The engine starts the term on the day after that day.
    """
    known = decision.made_known_on or letter_date or timezone.localdate()
    due = deadlines.compute_due(BEZWAAR_TERM, known, calendar=calendar or atw_calendar())
    return known, due


def decision_beschikking(*, actor: User, decision: Decision) -> bytes:
    """The beschikking as a Dutch PDF letter; only for a final decision. The export is logged."""
    from ...documents.beschikking import render_beschikking

    if not may_handle_decision(actor, decision):
        raise PermissionDenied(_("U werkt niet aan deze casus."))
    if decision.status != DecisionStatus.BESLOTEN:
        raise ValidationError(
            _("Een beschikking kan pas worden gemaakt als het besluit definitief is.")
        )
    pdf = render_beschikking(decision)
    log_access(
        user=actor,
        action=AccessAction.EXPORT,
        residents=[decision.resident_id],
        obj=decision,
        purpose=_("beschikking als PDF gemaakt"),
    )
    return pdf
