"""Inzage (AVG art. 15) and correction (art. 16) requests: registering them with their
one-month term, extending that term once, and recording the outcome."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam import deadlines
from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.cases.services.terms import atw_calendar
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import (
    INZAGE_TERM_KEY,
    AccessAction,
    CorrectionOutcome,
    InzageStatus,
    RequestChannel,
    RequestedBy,
)
from wijkteam.residents.models import Resident
from wijkteam.rights.models import CorrectionRequest, InzageRequest
from wijkteam.rights.services.common import _refuse_resident, _resident_in_scope


def _avg_due(received_on: datetime.date) -> datetime.date:
    return deadlines.compute_due(INZAGE_TERM_KEY, received_on, calendar=atw_calendar())


def _check_received(received_on: datetime.date | None, errors: dict[str, Any]) -> None:
    if received_on is None:
        errors["received_on"] = _("Vul de datum van ontvangst in.")
    elif received_on > timezone.localdate():
        errors["received_on"] = _("De ontvangstdatum kan niet in de toekomst liggen.")


def inzage_register(
    *,
    actor: User,
    resident: Resident,
    received_on: datetime.date | None,
    requested_by: str,
    received_via: str,
    note: str = "",
) -> InzageRequest:
    """Register an inzage request; its one-month term (AVG art. 12 lid 3) starts to run."""
    if not _resident_in_scope(actor, resident):
        raise _refuse_resident(actor, resident, _("inzageverzoek registreren"))
    errors: dict[str, Any] = {}
    _check_received(received_on, errors)
    if requested_by not in RequestedBy.values:
        errors["requested_by"] = _("Kies wie het verzoek indiende.")
    if received_via not in RequestChannel.values:
        errors["received_via"] = _("Kies hoe het verzoek binnenkwam.")
    if len(note) > 250:
        errors["note"] = _("Houd de toelichting korter dan 250 tekens.")
    if errors:
        raise ValidationError(errors)
    assert received_on is not None
    request = InzageRequest(
        resident=resident,
        received_on=received_on,
        requested_by=requested_by,
        received_via=received_via,
        note=note.strip(),
        due_on=_avg_due(received_on),
        registered_by=actor,
    )
    request.full_clean()
    with transaction.atomic():
        request.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=request)
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=request,
            purpose=_("inzageverzoek geregistreerd"),
        )
    return request


def inzage_extend(*, actor: User, request: InzageRequest, reason: str) -> InzageRequest:
    """Extend the term once by two months (complex or many requests), within the first term."""
    if not _resident_in_scope(actor, request.resident):
        raise _refuse_resident(actor, request.resident, _("inzageverzoek verlengen"))
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van de verlenging.")})
    if len(reason) > 250:
        raise ValidationError({"reason": _("Houd de reden korter dan 250 tekens.")})
    with transaction.atomic():
        current = InzageRequest.objects.select_for_update().get(pk=request.pk)
        if current.status != InzageStatus.ONTVANGEN:
            raise ValidationError(_("Dit verzoek is al afgehandeld."))
        if current.extended:
            raise ValidationError(_("De termijn is al een keer verlengd; dat kan maar één keer."))
        if timezone.localdate() > current.due_on:
            raise ValidationError(
                _("De termijn is al verstreken: verlengen kan alleen binnen de eerste maand.")
            )
        term = deadlines.compute_term(INZAGE_TERM_KEY, current.received_on, calendar=atw_calendar())
        extended = deadlines.extend(term, reason=reason)
        current.due_on = extended.due
        current.extended = True
        current.extension_reason = reason.strip()
        current.save(update_fields=["due_on", "extended", "extension_reason"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"due_on": current.due_on.isoformat()},
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[current.resident_id],
            obj=current,
            purpose=_("termijn van het inzageverzoek verlengd"),
        )
    return current


def inzage_complete(
    *, actor: User, request: InzageRequest, provided_on: datetime.date | None
) -> InzageRequest:
    """Record that the resident received the inzage export."""
    if not _resident_in_scope(actor, request.resident):
        raise _refuse_resident(actor, request.resident, _("inzageverzoek afhandelen"))
    if provided_on is None:
        raise ValidationError({"provided_on": _("Vul de datum van verstrekken in.")})
    if provided_on > timezone.localdate():
        raise ValidationError(
            {"provided_on": _("De datum van verstrekken kan niet in de toekomst liggen.")}
        )
    if provided_on < request.received_on:
        raise ValidationError(
            {"provided_on": _("De datum van verstrekken ligt vóór de ontvangst van het verzoek.")}
        )
    with transaction.atomic():
        current = InzageRequest.objects.select_for_update().get(pk=request.pk)
        if current.status != InzageStatus.ONTVANGEN:
            raise ValidationError(_("Dit verzoek is al afgehandeld."))
        current.status = InzageStatus.VERSTREKT
        current.provided_on = provided_on
        current.save(update_fields=["status", "provided_on"])
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=current, changes={"status": "verstrekt"}
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[current.resident_id],
            obj=current,
            purpose=_("inzageverzoek afgehandeld"),
        )
    return current


def correction_register(
    *,
    actor: User,
    resident: Resident,
    received_on: datetime.date | None,
    concerns: str,
    requested_change: str,
) -> CorrectionRequest:
    """Register a correction request (AVG art. 16); decided within the same one-month term."""
    if not _resident_in_scope(actor, resident):
        raise _refuse_resident(actor, resident, _("correctieverzoek registreren"))
    errors: dict[str, Any] = {}
    _check_received(received_on, errors)
    if not concerns.strip():
        errors["concerns"] = _("Beschrijf welke gegevens volgens de inwoner niet kloppen.")
    if not requested_change.strip():
        errors["requested_change"] = _("Beschrijf de verbetering die de inwoner vraagt.")
    if errors:
        raise ValidationError(errors)
    assert received_on is not None
    correction = CorrectionRequest(
        resident=resident,
        received_on=received_on,
        concerns=concerns.strip(),
        requested_change=requested_change.strip(),
        due_on=_avg_due(received_on),
        registered_by=actor,
    )
    correction.full_clean()
    with transaction.atomic():
        correction.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=correction)
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=correction,
            purpose=_("correctieverzoek geregistreerd"),
        )
    return correction


def correction_decide(
    *,
    actor: User,
    correction: CorrectionRequest,
    outcome: str,
    note: str = "",
    decided_on: datetime.date | None = None,
) -> CorrectionRequest:
    """Record the outcome; a (partial) refusal needs a motivation."""
    if not _resident_in_scope(actor, correction.resident):
        raise _refuse_resident(actor, correction.resident, _("correctieverzoek beslissen"))
    day = decided_on or timezone.localdate()
    errors: dict[str, Any] = {}
    if outcome not in CorrectionOutcome.values:
        errors["outcome"] = _("Kies de uitkomst.")
    elif outcome != CorrectionOutcome.TOEGEWEZEN and not note.strip():
        errors["note"] = _("Motiveer waarom het verzoek (deels) is afgewezen.")
    if day > timezone.localdate():
        errors["decided_on"] = _("De beslisdatum kan niet in de toekomst liggen.")
    elif day < correction.received_on:
        errors["decided_on"] = _("De beslisdatum ligt vóór de ontvangst van het verzoek.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = CorrectionRequest.objects.select_for_update().get(pk=correction.pk)
        if current.outcome:
            raise ValidationError(_("Over dit verzoek is al beslist."))
        current.outcome = outcome
        current.outcome_note = note.strip()
        current.decided_on = day
        current.decided_by = actor
        current.save(update_fields=["outcome", "outcome_note", "decided_on", "decided_by"])
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=current, changes={"outcome": outcome}
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[current.resident_id],
            obj=current,
            purpose=_("besluit op correctieverzoek"),
        )
    return current
