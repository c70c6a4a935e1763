"""A bezwaar against a beschikking (Awb chapters 6 and 7).

- Filing: only against a final decision that was made known. The bezwaar term is 6 weeks from
  the day after the bekendmaking (Awb 6:7, 6:8); a later objection is stored with ``late`` set,
  flagged for a *niet-ontvankelijk* decision unless the delay is excusable (Awb 6:11, noted in
  ``excusable_delay_note``). The resident's own ``bezwaar`` term on the decision is met.
- The decision term (``beslissing_op_bezwaar``, a case TrackedTerm on the objected decision, so
  it is on the case page and in the work queue): 6 weeks, 12 with an advisory committee,
  counted from the end of the bezwaar term (Awb 7:10 lid 1; from the receipt for a late
  objection); extended once by at most 6 weeks (7:10 lid 3), enforced by the engine.
- Deciding: gegrond, deels gegrond, ongegrond, niet-ontvankelijk, ingetrokken. A (partly)
  granted objection names the revised decision, taken through the decision service
  (``cases.services.decision``) on the same case.
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
from wijkteam.cases.constants import DecisionStatus
from wijkteam.cases.models import Decision, TrackedTerm
from wijkteam.cases.services.terms import atw_calendar, term_extend, term_meet, term_start
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction

from .. import policies
from ..constants import (
    OBJECTION_COMMITTEE_VARIANT,
    OBJECTION_DECISION_TERM,
    OBJECTION_FILING_TERM,
    OBJECTION_GRANTED,
    FilingChannel,
    ObjectionOutcome,
    ObjectionStatus,
)
from ..models import Objection
from .common import check_date, check_version, raise_if


def filing_due(decision: Decision) -> datetime.date:
    """The last day of the bezwaar term (Atw-adjusted); the decision must have been made known."""
    assert decision.made_known_on is not None
    return deadlines.compute_due(
        OBJECTION_FILING_TERM, decision.made_known_on, calendar=atw_calendar()
    )


def objection_file(
    *,
    actor: User,
    decision: Decision,
    grounds: str,
    received_on: datetime.date,
    committee: bool = False,
    excusable_delay_note: str = "",
    channel: str = FilingChannel.PROFESSIONAL,
    submission_token: uuid.UUID | None = None,
) -> Objection:
    """Register a bezwaar against ``decision`` and start the decision term.

    Refused (nothing stored) when the decision is not final or was never made known, when the
    date is in the future or before the bekendmaking, or when the decision already has an
    objection. The same ``submission_token`` twice returns the first objection.
    """
    case = decision.case
    if channel not in FilingChannel.values:
        raise ValidationError({"channel": _("Onbekend kanaal.")})
    if not policies.may_register(actor, case.team, channel):
        raise PermissionDenied(_("U kunt voor dit team geen bezwaar vastleggen."))
    if submission_token is not None:
        earlier = Objection.objects.filter(submission_token=submission_token).first()
        if earlier is not None:
            return earlier
    errors: dict[str, Any] = {}
    if decision.status != DecisionStatus.BESLOTEN:
        errors["decision"] = _("Bezwaar kan alleen tegen een definitief besluit.")
    elif decision.made_known_on is None:
        errors["decision"] = _(
            "Dit besluit is nog niet bekendgemaakt; bezwaar is pas mogelijk na de bekendmaking."
        )
    elif Objection.objects.filter(decision=decision).exists():
        errors["decision"] = _(
            "Tegen dit besluit loopt al een bezwaar; voeg nieuwe gronden daaraan toe."
        )
    if not grounds.strip():
        errors["grounds"] = _("Schrijf de gronden van het bezwaar op (Awb 6:5).")
    check_date(
        errors,
        "received_on",
        received_on,
        label=_("De datum van ontvangst"),
        not_before=decision.made_known_on,
        not_before_label=_("de bekendmaking van het besluit"),
    )
    raise_if(errors)
    due = filing_due(decision)
    late = received_on > due
    # Awb 7:10 lid 1: from the end of the bezwaar term; a late objection from its receipt.
    term_starts = received_on if late else due
    try:
        with transaction.atomic():
            term = term_start(
                case=case,
                key=OBJECTION_DECISION_TERM,
                starts_on=term_starts,
                variant=OBJECTION_COMMITTEE_VARIANT if committee else "",
                decision=decision,
            )
            objection = Objection(
                decision=decision,
                case=case,
                team=case.team,
                law=decision.law,
                resident=decision.resident,
                channel=channel,
                grounds=grounds.strip(),
                received_on=received_on,
                filing_due_on=due,
                late=late,
                excusable_delay_note=excusable_delay_note.strip() if late else "",
                committee=committee,
                term=term,
                filed_by=actor,
                submission_token=submission_token,
            )
            objection.full_clean(exclude=["term", "decision"])
            objection.save()
            term_meet(case=case, key=OBJECTION_FILING_TERM, on=received_on, decision=decision)
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=objection,
                changes={"decision": decision.pk, "late": late, "due_on": str(term.due_on)},
            )
            log_access(
                user=actor,
                action=AccessAction.CREATE,
                residents=[decision.resident_id],
                obj=objection,
                purpose=_("bezwaar vastgelegd"),
            )
    except IntegrityError:
        if submission_token is not None:
            existing = Objection.objects.filter(submission_token=submission_token).first()
            if existing is not None:
                return existing
        raise ValidationError(
            _("Tegen dit besluit loopt al een bezwaar; voeg nieuwe gronden daaraan toe.")
        ) from None
    return objection


def _locked(actor: User, objection: Objection, version: int | None) -> Objection:
    current = (
        Objection.objects.select_for_update(of=("self",))
        .select_related("decision", "case", "term")
        .get(pk=objection.pk)
    )
    if not policies.may_handle_objection(actor, current):
        raise PermissionDenied(
            _(
                "Alleen een beslisser of teamleider die niet zelf bij het besluit betrokken was, "
                "behandelt het bezwaar (Awb 7:5)."
            )
        )
    check_version(current, version)
    if not current.is_open:
        raise ValidationError(_("Op dit bezwaar is al beslist."))
    return current


def _save(actor: User, objection: Objection, changes: dict[str, Any], purpose: str) -> Objection:
    objection.version += 1
    objection.full_clean(exclude=["term", "decision"])
    objection.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=objection, changes=changes)
    log_access(
        user=actor,
        action=AccessAction.CHANGE,
        residents=[objection.resident_id],
        obj=objection,
        purpose=purpose,
    )
    return objection


def objection_hear(
    *,
    actor: User,
    objection: Objection,
    heard_on: datetime.date | None = None,
    waived_reason: str = "",
    version: int | None = None,
) -> Objection:
    """The hearing (Awb 7:2), or why it is left out (Awb 7:3, for example the objector waived)."""
    with transaction.atomic():
        current = _locked(actor, objection, version)
        errors: dict[str, Any] = {}
        if heard_on is None and not waived_reason.strip():
            errors["heard_on"] = _(
                "Vul de datum van de hoorzitting in, of de reden om niet te horen (Awb 7:3)."
            )
        elif heard_on is not None:
            check_date(
                errors,
                "heard_on",
                heard_on,
                label=_("De datum van de hoorzitting"),
                not_before=current.received_on,
                not_before_label=_("de ontvangst"),
            )
        raise_if(errors)
        current.heard_on = heard_on
        current.hearing_waived_reason = "" if heard_on else waived_reason.strip()
        current.status = ObjectionStatus.HEARD
        return _save(
            actor,
            current,
            {"heard_on": str(heard_on) if heard_on else None, "waived": heard_on is None},
            _("horen bij het bezwaar vastgelegd"),
        )


def objection_extend(
    *, actor: User, objection: Objection, weeks: int, reason: str, version: int | None = None
) -> Objection:
    """Extend the decision term once by at most 6 weeks (Awb 7:10 lid 3), with the reason."""
    with transaction.atomic():
        current = _locked(actor, objection, version)
        errors: dict[str, Any] = {}
        if not reason.strip():
            errors["reason"] = _("Geef de reden van de verdaging.")
        if not 1 <= weeks <= 6:
            errors["weeks"] = _("Verdagen kan met ten hoogste 6 weken (Awb 7:10 lid 3).")
        raise_if(errors)
        try:
            term = term_extend(actor=actor, term=current.term, reason=reason.strip(), weeks=weeks)
        except deadlines.TermError as exc:
            raise ValidationError({"weeks": str(exc)}) from exc
        current.term = term
        return _save(
            actor,
            current,
            {"extension_weeks": weeks, "due_on": str(term.due_on)},
            _("beslistermijn van het bezwaar verdaagd"),
        )


def objection_decide(
    *,
    actor: User,
    objection: Objection,
    outcome: str,
    motivation: str,
    decided_on: datetime.date,
    revised_decision: Decision | None = None,
    version: int | None = None,
) -> Objection:
    """The beslissing op bezwaar; meets the decision term.

    A late objection can only be niet-ontvankelijk (or withdrawn) unless the delay is noted as
    excusable. An objection judged on its merits needs a hearing or a recorded reason for not
    hearing. A (partly) granted objection names its revised decision: a final decision on the
    same case, taken through the decision service after the objection was received.
    """
    with transaction.atomic():
        current = _locked(actor, objection, version)
        errors: dict[str, Any] = {}
        if outcome not in ObjectionOutcome.values:
            errors["outcome"] = _("Kies de beslissing op het bezwaar.")
        if not motivation.strip():
            errors["motivation"] = _("Motiveer de beslissing op bezwaar (Awb 7:12).")
        judged = outcome in (*OBJECTION_GRANTED, ObjectionOutcome.ONGEGROND)
        if judged and current.late and not current.excusable_delay_note:
            errors["outcome"] = _(
                "Dit bezwaar kwam na de bezwaartermijn binnen en is dus niet-ontvankelijk, tenzij "
                "de overschrijding verschoonbaar is (Awb 6:11); leg dat dan eerst vast."
            )
        elif judged and current.heard_on is None and not current.hearing_waived_reason:
            errors["__all__"] = _(
                "Hoor eerst de bezwaarmaker, of leg vast waarom horen achterwege blijft (Awb 7:3)."
            )
        if outcome in OBJECTION_GRANTED:
            if revised_decision is None:
                errors["revised_decision"] = _(
                    "Een (deels) gegrond bezwaar leidt tot een herzien besluit: neem dat eerst "
                    "bij de besluiten van de casus en kies het hier."
                )
            elif (
                revised_decision.case_id != current.case_id
                or revised_decision.pk == current.decision_id
                or revised_decision.status != DecisionStatus.BESLOTEN
                or revised_decision.created_at.date() < current.received_on
            ):
                errors["revised_decision"] = _(
                    "Het herziene besluit moet een definitief besluit op dezelfde casus zijn, "
                    "genomen na ontvangst van het bezwaar."
                )
        elif revised_decision is not None:
            errors["revised_decision"] = _(
                "Alleen een (deels) gegrond bezwaar heeft een herzien besluit."
            )
        check_date(
            errors,
            "decided_on",
            decided_on,
            label=_("De datum van de beslissing"),
            not_before=current.received_on,
            not_before_label=_("de ontvangst"),
        )
        raise_if(errors)
        return _finish(actor, current, outcome, motivation.strip(), decided_on, revised_decision)


def objection_withdraw(
    *, actor: User, objection: Objection, withdrawn_on: datetime.date, version: int | None = None
) -> Objection:
    """The objector withdrew the bezwaar (Awb 6:21); closes it and meets the term."""
    with transaction.atomic():
        current = _locked(actor, objection, version)
        errors: dict[str, Any] = {}
        check_date(
            errors,
            "withdrawn_on",
            withdrawn_on,
            label=_("De datum van intrekking"),
            not_before=current.received_on,
            not_before_label=_("de ontvangst"),
        )
        raise_if(errors)
        return _finish(
            actor,
            current,
            ObjectionOutcome.INGETROKKEN,
            _("Het bezwaar is ingetrokken."),
            withdrawn_on,
            None,
        )


def _finish(
    actor: User,
    current: Objection,
    outcome: str,
    motivation: str,
    decided_on: datetime.date,
    revised_decision: Decision | None,
) -> Objection:
    current.outcome = outcome
    current.motivation = motivation
    current.decided_on = decided_on
    current.decided_by = actor
    current.revised_decision = revised_decision
    current.status = ObjectionStatus.DECIDED
    term_meet(
        case=current.case, key=OBJECTION_DECISION_TERM, on=decided_on, decision=current.decision
    )
    current.term = TrackedTerm.objects.get(pk=current.term_id)
    return _save(
        actor,
        current,
        {
            "outcome": outcome,
            "decided_on": str(decided_on),
            "revised_decision": revised_decision.pk if revised_decision else None,
        },
        _("op het bezwaar beslist"),
    )
