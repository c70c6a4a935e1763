"""A klacht (Awb chapter 9): filing, acknowledgement, hearing, extension, closing.

The term is the ``klacht`` term of ``wijkteam.deadlines``: 6 weeks from the receipt, 10 with a
complaints committee (variant ``klachtencommissie``), extended once by at most 4 weeks with a
written notice to the complainant (Awb 9:11); Atw-adjusted. It is kept in ``Complaint.due_on``
(a complaint need not belong to a case, so it is not a case's TrackedTerm).
"""

import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wijkteam import deadlines
from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.cases.models import Case
from wijkteam.cases.services.terms import atw_calendar
from wijkteam.organisation.constants import OrganisationKind
from wijkteam.organisation.models import Organisation, Team
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.residents.models import Resident

from .. import policies
from ..constants import (
    COMPLAINT_COMMITTEE_VARIANT,
    COMPLAINT_TERM,
    ComplaintOutcome,
    ComplaintStatus,
    ComplaintSubject,
    FilingChannel,
)
from ..models import Complaint
from .common import check_date, check_version, raise_if


def complaint_term(complaint: Complaint) -> deadlines.Term:
    """The complaint's term in the engine, with its extension."""
    term = deadlines.compute_term(
        COMPLAINT_TERM,
        complaint.received_on,
        calendar=atw_calendar(),
        variant=COMPLAINT_COMMITTEE_VARIANT if complaint.committee else None,
    )
    if complaint.extension_weeks:
        term = deadlines.extend(
            term, reason=complaint.extension_reason, amount=complaint.extension_weeks
        )
    return term


def _residents(complaint: Complaint) -> list[int]:
    return [complaint.resident_id] if complaint.resident_id else []


def complaint_file(
    *,
    actor: User,
    team: Team,
    subject: str,
    summary: str,
    received_on: datetime.date,
    provider: Organisation | None = None,
    case: Case | None = None,
    resident: Resident | None = None,
    committee: bool = False,
    channel: str = FilingChannel.PROFESSIONAL,
    submission_token: uuid.UUID | None = None,
) -> Complaint:
    """Register a klacht about the team or a provider and start its term.

    ``submission_token`` makes a double submit harmless: the same token returns the complaint
    the first submit stored.
    """
    if channel not in FilingChannel.values:
        raise ValidationError({"channel": _("Onbekend kanaal.")})
    if not policies.may_register(actor, team, channel):
        raise PermissionDenied(_("U kunt voor dit team geen klacht vastleggen."))
    if submission_token is not None:
        earlier = Complaint.objects.filter(submission_token=submission_token).first()
        if earlier is not None:
            return earlier
    errors: dict[str, Any] = {}
    if subject not in ComplaintSubject.values:
        errors["subject"] = _("Kies waarover de klacht gaat.")
    elif subject == ComplaintSubject.PROVIDER:
        if provider is None:
            errors["provider"] = _("Kies de aanbieder waarover de klacht gaat.")
        elif (
            provider.municipality_id != team.municipality_id
            or provider.kind == OrganisationKind.GEMEENTE
        ):
            errors["provider"] = _("Deze organisatie is geen aanbieder in deze gemeente.")
    elif provider is not None:
        errors["provider"] = _("Een klacht over het wijkteam noemt geen aanbieder.")
    if not summary.strip():
        errors["summary"] = _("Beschrijf de klacht.")
    check_date(errors, "received_on", received_on, label=_("De datum van ontvangst"))
    if case is not None and case.team_id != team.pk:
        errors["case"] = _("Deze casus hoort niet bij dit team.")
    if case is not None and resident is not None and resident.household_id != case.household_id:
        errors["resident"] = _("De klager hoort niet bij het huishouden van deze casus.")
    if channel == FilingChannel.PORTAL and resident is None:
        errors["resident"] = _("Een klacht uit het portaal noemt de inwoner die haar indient.")
    raise_if(errors)
    complaint = Complaint(
        team=team,
        subject=subject,
        provider=provider if subject == ComplaintSubject.PROVIDER else None,
        case=case,
        resident=resident,
        channel=channel,
        summary=summary.strip(),
        received_on=received_on,
        committee=committee,
        filed_by=actor,
        submission_token=submission_token,
    )
    complaint.due_on = complaint_term(complaint).due
    complaint.full_clean()
    try:
        with transaction.atomic():
            complaint.save()
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=complaint,
                changes={"team": team.pk, "subject": subject, "due_on": str(complaint.due_on)},
            )
            if complaint.resident_id:
                log_access(
                    user=actor,
                    action=AccessAction.CREATE,
                    residents=_residents(complaint),
                    obj=complaint,
                    purpose=_("klacht vastgelegd"),
                )
    except IntegrityError:
        if submission_token is None:
            raise
        return Complaint.objects.get(submission_token=submission_token)
    return complaint


def _locked(actor: User, complaint: Complaint, version: int | None) -> Complaint:
    current = (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=complaint.pk)
    )
    if not policies.may_handle_complaint(actor, current):
        raise PermissionDenied(
            _("Alleen de teamleider die niet zelf bij de klacht betrokken is, behandelt haar.")
        )
    check_version(current, version)
    if not current.is_open:
        raise ValidationError(_("Deze klacht is al afgehandeld."))
    return current


def _save(actor: User, complaint: Complaint, changes: dict[str, Any], purpose: str) -> Complaint:
    complaint.version += 1
    complaint.full_clean()
    complaint.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=complaint, changes=changes)
    if complaint.resident_id:
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=_residents(complaint),
            obj=complaint,
            purpose=purpose,
        )
    return complaint


def complaint_acknowledge(
    *, actor: User, complaint: Complaint, acknowledged_on: datetime.date, version: int | None = None
) -> Complaint:
    """The written acknowledgement of receipt (Awb 9:6)."""
    with transaction.atomic():
        current = _locked(actor, complaint, version)
        errors: dict[str, Any] = {}
        if current.acknowledged_on is not None:
            errors["__all__"] = _("De ontvangst is al bevestigd.")
        check_date(
            errors,
            "acknowledged_on",
            acknowledged_on,
            label=_("De datum van de ontvangstbevestiging"),
            not_before=current.received_on,
            not_before_label=_("de ontvangst"),
        )
        raise_if(errors)
        current.acknowledged_on = acknowledged_on
        if current.status == ComplaintStatus.RECEIVED:
            current.status = ComplaintStatus.ACKNOWLEDGED
        return _save(
            actor,
            current,
            {"acknowledged_on": str(acknowledged_on)},
            _("ontvangst van de klacht bevestigd"),
        )


def complaint_hear(
    *,
    actor: User,
    complaint: Complaint,
    heard_on: datetime.date | None = None,
    waived_reason: str = "",
    version: int | None = None,
) -> Complaint:
    """The complainant was heard (Awb 9:10), or hearing is waived with a reason (9:10 lid 2)."""
    with transaction.atomic():
        current = _locked(actor, complaint, version)
        errors: dict[str, Any] = {}
        if heard_on is None and not waived_reason.strip():
            errors["heard_on"] = _(
                "Vul de datum van het horen in, of de reden om de klager niet te horen."
            )
        elif heard_on is not None:
            check_date(
                errors,
                "heard_on",
                heard_on,
                label=_("De datum van het horen"),
                not_before=current.received_on,
                not_before_label=_("de ontvangst"),
            )
        raise_if(errors)
        current.heard_on = heard_on
        current.hearing_waived_reason = "" if heard_on else waived_reason.strip()
        current.status = ComplaintStatus.HEARD
        return _save(
            actor,
            current,
            {"heard_on": str(heard_on) if heard_on else None, "waived": heard_on is None},
            _("horen bij de klacht vastgelegd"),
        )


def complaint_extend(
    *,
    actor: User,
    complaint: Complaint,
    weeks: int,
    reason: str,
    notified_on: datetime.date,
    version: int | None = None,
) -> Complaint:
    """Extend the term once, by at most 4 weeks, notified in writing (Awb 9:11 lid 2)."""
    with transaction.atomic():
        current = _locked(actor, complaint, version)
        errors: dict[str, Any] = {}
        if current.extension_weeks:
            errors["__all__"] = _("De afhandeling van deze klacht is al eenmaal verdaagd.")
        if not reason.strip():
            errors["reason"] = _("Geef de reden van de verdaging.")
        if not 1 <= weeks <= 4:
            errors["weeks"] = _("Verdagen kan met ten hoogste 4 weken (Awb 9:11 lid 2).")
        check_date(
            errors,
            "notified_on",
            notified_on,
            label=_("De datum van de schriftelijke mededeling"),
            not_before=current.received_on,
            not_before_label=_("de ontvangst"),
        )
        raise_if(errors)
        current.extension_weeks = weeks
        current.extension_reason = reason.strip()
        current.extension_notified_on = notified_on
        try:
            current.due_on = complaint_term(current).due
        except deadlines.TermError as exc:
            raise ValidationError({"weeks": str(exc)}) from exc
        return _save(
            actor,
            current,
            {"extension_weeks": weeks, "due_on": str(current.due_on)},
            _("afhandeling van de klacht verdaagd"),
        )


def complaint_close(
    *,
    actor: User,
    complaint: Complaint,
    outcome: str,
    conclusion: str,
    closed_on: datetime.date,
    version: int | None = None,
) -> Complaint:
    """The written outcome with its conclusions (Awb 9:12); a withdrawal needs no hearing."""
    with transaction.atomic():
        current = _locked(actor, complaint, version)
        errors: dict[str, Any] = {}
        if outcome not in ComplaintOutcome.values:
            errors["outcome"] = _("Kies het oordeel over de klacht.")
        if not conclusion.strip():
            errors["conclusion"] = _("Schrijf de conclusies en de motivering op.")
        judged = outcome in (
            ComplaintOutcome.GEGROND,
            ComplaintOutcome.DEELS_GEGROND,
            ComplaintOutcome.ONGEGROND,
        )
        if judged and current.heard_on is None and not current.hearing_waived_reason:
            errors["__all__"] = _(
                "Hoor eerst de klager, of leg vast waarom horen achterwege blijft (Awb 9:10)."
            )
        check_date(
            errors,
            "closed_on",
            closed_on,
            label=_("De datum van afhandeling"),
            not_before=current.received_on,
            not_before_label=_("de ontvangst"),
        )
        raise_if(errors)
        current.outcome = outcome
        current.conclusion = conclusion.strip()
        current.closed_on = closed_on
        current.status = ComplaintStatus.CLOSED
        return _save(
            actor,
            current,
            {"outcome": outcome, "closed_on": str(closed_on)},
            _("klacht afgehandeld"),
        )
