"""Deciding within the mandate and the teamleider's second approval.

Refusals of a decision attempt (the cliëntondersteuner of the case, outside the mandate, a
second approval by the decider) are **recorded** (an ``AuditEvent`` DENIED and an access-log
entry REFUSED) in their own transaction, which commits before ``PermissionDenied`` is raised:
the attempt stays on record while nothing of the decision changes. Call these services outside
an enclosing ``transaction.atomic()`` (as the screens and the API do), or an outer rollback
would take the record with it.
"""

from decimal import Decimal
from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core.validation import full_clean_batched
from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.services import notification_send
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import Law
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction

from ... import policies
from ...constants import DecisionOutcome, DecisionStatus, LegalBasis
from ...models import Decision
from ...sections import case_url
from ...selectors_decision import second_approval_leaders
from ..terms import term_meet
from .constraints import decision_constraint_errors
from .locked import lock_decision
from .rules import DECISION_TERM, LEGAL_BASIS_LAW, mandate_verdict


def _record_refusal(*, actor: User, decision: Decision, attempt: str, reason: str) -> NoReturn:
    """Record a refused attempt in its own transaction (commits), then raise PermissionDenied."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.DENIED,
            obj=decision,
            changes={"poging": attempt, "reden": reason},
        )
        log_access(
            user=actor,
            action=AccessAction.REFUSED,
            residents=[decision.resident_id],
            obj=decision,
            purpose=_("geweigerd: %(attempt)s") % {"attempt": attempt},
        )
    raise PermissionDenied(reason)


def _in_scope(actor: User, case: Any) -> bool:
    """``policies.can_view_case(actor, case)``; without its statement when ``case`` is the
    object ``selectors.case_get`` read through the scope for this actor in this request (the
    same rule, ``case_scope_of``, checked moments before; ``_case_in_scope`` marks it). A case
    from anywhere else (a doorbraak, the API's own read, another user's read) is checked by the
    statement as before (issue 17, ``h-dec5``)."""
    if getattr(case, "_in_scope_of", None) == actor.pk and org_policies.may_see_case_content(actor):
        return True
    return policies.can_view_case(actor, case)


def decision_take(
    *,
    actor: User,
    decision: Decision,
    outcome: str,
    motivation: str,
    legal_basis: str,
    deviates_from_protocol: bool = False,
    deviation_justification: str = "",
    granted_volume: Decimal | None = None,
) -> Decision:
    """Decide on an aanvraag within the mandate.

    The cliëntondersteuner of the case and a member outside the mandate are refused and the
    attempt is recorded. Above the ``*_alone`` limits the decision waits for a second approval
    (status ``wacht_op_akkoord``); otherwise it is ``besloten`` and the decision term is met.
    ``granted_volume`` (only with "deels toegekend") lowers the volume that is granted.
    """
    case = decision.case
    attempt = _("besluiten op aanvraag %(id)s") % {"id": decision.pk}
    if case.client_supporter_id is not None and case.client_supporter_id == actor.pk:
        _record_refusal(
            actor=actor,
            decision=decision,
            attempt=attempt,
            reason=_(
                "U bent cliëntondersteuner van deze casus en mag daarom nooit over deze casus "
                "beslissen."
            ),
        )
    if not _in_scope(actor, case):
        _record_refusal(
            actor=actor,
            decision=decision,
            attempt=attempt,
            reason=_("U heeft geen toegang tot deze casus."),
        )
    errors: dict[str, Any] = {}
    if decision.status != DecisionStatus.AANGEVRAAGD:
        errors["__all__"] = _("Over deze aanvraag is al besloten.")
    if outcome not in DecisionOutcome.values:
        errors["outcome"] = _("Kies het besluit: toegekend, deels toegekend of afgewezen.")
    if not motivation.strip():
        errors["motivation"] = _("Een besluit moet gemotiveerd zijn: schrijf de motivering.")
    if not legal_basis:
        errors["legal_basis"] = _(
            "Een besluit zonder wettelijke grondslag kan niet: kies de grondslag."
        )
    elif legal_basis not in LegalBasis.values:
        errors["legal_basis"] = _("Kies een wettelijke grondslag uit de lijst.")
    elif LEGAL_BASIS_LAW.get(legal_basis, decision.law) != decision.law:
        errors["legal_basis"] = _("Deze grondslag hoort niet bij een besluit onder de %(law)s.") % {
            "law": Law(decision.law).label
        }
    if deviates_from_protocol and not deviation_justification.strip():
        errors["deviation_justification"] = _(
            "Afwijken van protocol kan alleen met een schriftelijke onderbouwing."
        )
    if not deviates_from_protocol and deviation_justification.strip():
        errors["deviation_justification"] = _(
            "Een onderbouwing vult u alleen in als u afwijkt van het protocol."
        )
    if granted_volume is not None:
        if outcome != DecisionOutcome.DEELS:
            errors["granted_volume"] = _(
                "Een lagere toegekende omvang geeft u alleen op bij 'deels toegekend'."
            )
        elif granted_volume <= 0 or granted_volume >= decision.volume:
            errors["granted_volume"] = _(
                "De toegekende omvang moet groter zijn dan 0 en kleiner dan de gevraagde "
                "omvang (%(volume)s)."
            ) % {"volume": decision.volume}
    if errors:
        raise ValidationError(errors)
    verdict = mandate_verdict(
        user=actor,
        decision=decision,
        outcome=outcome,
        volume=granted_volume,
        deviates_from_protocol=deviates_from_protocol,
        deviation_justification=deviation_justification,
    )
    if not verdict.allowed:
        _record_refusal(actor=actor, decision=decision, attempt=attempt, reason=verdict.reason)
    today = timezone.localdate()
    with transaction.atomic():
        current = lock_decision(decision.pk)
        if current.status != DecisionStatus.AANGEVRAAGD:
            raise ValidationError(_("Over deze aanvraag is al besloten."))
        requested_volume = current.volume
        current.outcome = outcome
        current.motivation = motivation.strip()
        current.legal_basis = legal_basis
        current.deviates_from_protocol = deviates_from_protocol
        current.deviation_justification = deviation_justification.strip()
        if granted_volume is not None:
            current.volume = granted_volume
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.needs_second_approval = verdict.needs_second_approval
        current.status = (
            DecisionStatus.WACHT_OP_AKKOORD
            if verdict.needs_second_approval
            else DecisionStatus.BESLOTEN
        )
        # The case, resident and creator are not changed here (the database holds them).
        full_clean_batched(
            current,
            exclude=["case", "resident", "created_by"],
            constraint_errors=decision_constraint_errors,
        )
        current.save()
        if current.status == DecisionStatus.BESLOTEN:
            term_meet(case=case, key=DECISION_TERM[current.law], on=today, decision=current)
        changes: dict[str, Any] = {
            "status": [DecisionStatus.AANGEVRAAGD, current.status],
            "outcome": outcome,
            "legal_basis": legal_basis,
            "deviates_from_protocol": deviates_from_protocol,
            "mandaat": verdict.reason,
        }
        if granted_volume is not None:
            changes["volume"] = [str(requested_volume), str(granted_volume)]
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=current, changes=changes)
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[current.resident_id],
            obj=current,
            purpose=_("besluit genomen"),
        )
        if current.status == DecisionStatus.WACHT_OP_AKKOORD:
            notification_send(
                users=second_approval_leaders(team_id=case.team_id, actor=actor),
                kind=NotificationKind.SECOND_APPROVAL,
                url=case_url(case.pk, "besluiten"),
                dedupe_key=f"decision:{current.pk}",
            )
    current.case = case
    return current


def decision_approve(*, actor: User, decision: Decision) -> Decision:
    """The teamleider's second approval (never by the decider): the decision becomes final."""
    case = decision.case
    if decision.status != DecisionStatus.WACHT_OP_AKKOORD or decision.decided_by is None:
        raise ValidationError(_("Dit besluit wacht niet op een tweede akkoord."))
    verdict = org_policies.may_give_second_approval(
        user=actor, team=case.team, decided_by=decision.decided_by
    )
    if not verdict.allowed:
        _record_refusal(
            actor=actor,
            decision=decision,
            attempt=_("tweede akkoord op besluit %(id)s") % {"id": decision.pk},
            reason=verdict.reason,
        )
    with transaction.atomic():
        current = lock_decision(decision.pk)
        if current.status != DecisionStatus.WACHT_OP_AKKOORD:
            raise ValidationError(_("Dit besluit wacht niet op een tweede akkoord."))
        current.status = DecisionStatus.BESLOTEN
        current.approved_by = actor
        current.approved_at = timezone.now()
        current.save(update_fields=["status", "approved_by", "approved_at"])
        term_meet(
            case=case, key=DECISION_TERM[current.law], on=timezone.localdate(), decision=current
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"status": [DecisionStatus.WACHT_OP_AKKOORD, DecisionStatus.BESLOTEN]},
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[current.resident_id],
            obj=current,
            purpose=_("tweede akkoord op besluit"),
        )
    current.case = case
    return current
