"""A case's state machine, closure, regisseur handover, cliëntondersteuner and involved
members: the writes on an open case (the melding and its triage are in :mod:`.intake`)."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.services import notification_send
from wijkteam.organisation import policies as org_policies
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction

from .. import policies
from ..constants import (
    CASE_TRANSITIONS,
    CaseState,
)
from ..models import Case, CaseTransition, CoordinatorAssignment, Investigation
from ..sections import case_url
from .terms import term_meet


def _household_resident_ids(case: Case) -> list[int]:
    return list(case.household.members.values_list("pk", flat=True))


def case_transition(
    *, actor: User, case: Case, to_state: str, expected_version: int, reason: str = ""
) -> Case:
    """Move a case through its state machine; an illegal step is refused with a clear message."""
    if not policies.is_case_worker(actor, case):
        raise PermissionDenied(
            _("Alleen de regisseur, een betrokken teamlid of de teamleider wijzigt de casus.")
        )
    with transaction.atomic():
        current = Case.objects.select_for_update().get(pk=case.pk)
        if current.version != expected_version:
            raise ConcurrentEditError
        allowed = CASE_TRANSITIONS.get(current.state, frozenset())
        if to_state not in allowed:
            raise ValidationError(
                _("Van fase '%(from)s' kan een casus niet naar fase '%(to)s'. Toegestaan: %(ok)s.")
                % {
                    "from": CaseState(current.state).label,
                    "to": CaseState(to_state).label if to_state in CaseState.values else to_state,
                    "ok": ", ".join(str(CaseState(s).label) for s in sorted(allowed)) or "–",
                }
            )
        if to_state == CaseState.AFGESLOTEN:
            raise ValidationError(
                _("Sluit een casus af met de afsluitknop: die vraagt om reden en uitkomst.")
            )
        previous = current.state
        current.state = to_state
        if previous == CaseState.AFGESLOTEN:
            current.closed_on = None
            current.closure_outcome = ""
            current.closure_reason = ""
        current.version += 1
        current.save()
        CaseTransition.objects.create(
            case=current, from_state=previous, to_state=to_state, by=actor, reason=reason
        )
        if to_state == CaseState.ONDERZOEK:
            Investigation.objects.get_or_create(
                case=current, defaults={"started_on": timezone.localdate()}
            )
        if previous == CaseState.ONDERZOEK and to_state == CaseState.PLAN:
            term_meet(case=current, key="wmo_onderzoek", on=timezone.localdate())
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"state": [previous, to_state]},
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=_household_resident_ids(current),
            obj=current,
            purpose=_("fase van de casus gewijzigd"),
        )
    return current


def case_close(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    outcome: str,
    reason: str,
    closed_on: datetime.date | None = None,
) -> Case:
    if not policies.is_case_worker(actor, case):
        raise PermissionDenied(
            _(
                "Alleen de regisseur, een betrokken teamlid of de teamleider werkt aan deze "
                "casus. Vraag de regisseur om u te betrekken."
            )
        )
    from ..constants import ClosureOutcome

    errors: dict[str, Any] = {}
    if outcome not in ClosureOutcome.values:
        errors["outcome"] = _("Kies de uitkomst van de casus.")
    if not reason.strip():
        errors["reason"] = _("Geef de reden van afsluiten.")
    day = closed_on or timezone.localdate()
    if day > timezone.localdate():
        errors["closed_on"] = _("De afsluitdatum kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = Case.objects.select_for_update().get(pk=case.pk)
        if current.version != expected_version:
            raise ConcurrentEditError
        if CaseState.AFGESLOTEN not in CASE_TRANSITIONS.get(current.state, frozenset()):
            raise ValidationError(_("Deze casus is al afgesloten."))
        previous = current.state
        current.state = CaseState.AFGESLOTEN
        current.closed_on = day
        current.closure_outcome = outcome
        current.closure_reason = reason
        current.version += 1
        current.save()
        CaseTransition.objects.create(
            case=current,
            from_state=previous,
            to_state=CaseState.AFGESLOTEN,
            by=actor,
            reason=reason[:250],
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"state": [previous, CaseState.AFGESLOTEN], "outcome": outcome},
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=_household_resident_ids(current),
            obj=current,
            purpose=_("casus afgesloten"),
        )
    return current


def case_handover(
    *, actor: User, case: Case, new_coordinator: User, note: str, expected_version: int
) -> Case:
    """Hand the regisseur role to another member of the team; the history is kept."""
    if not policies.is_case_worker(actor, case):
        raise PermissionDenied(
            _(
                "Alleen de regisseur, een betrokken teamlid of de teamleider werkt aan deze "
                "casus. Vraag de regisseur om u te betrekken."
            )
        )
    errors: dict[str, Any] = {}
    if not org_policies.is_team_member(new_coordinator, case.team):
        errors["new_coordinator"] = (
            _("De nieuwe regisseur moet actief lid zijn van team %s.") % case.team.name
        )
    elif new_coordinator.pk == case.client_supporter_id:
        errors["new_coordinator"] = _(
            "De cliëntondersteuner van de casus kan niet ook regisseur zijn."
        )
    elif new_coordinator.pk == case.coordinator_id:
        errors["new_coordinator"] = _("Deze persoon is al de regisseur.")
    if not note.strip():
        errors["note"] = _("Schrijf een overdrachtsnotitie.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = Case.objects.select_for_update().get(pk=case.pk)
        if current.version != expected_version:
            raise ConcurrentEditError
        now = timezone.now()
        CoordinatorAssignment.objects.filter(case=current, ended_at__isnull=True).update(
            ended_at=now
        )
        assignment = CoordinatorAssignment.objects.create(
            case=current, coordinator=new_coordinator, assigned_by=actor, handover_note=note
        )
        previous = current.coordinator_id
        current.coordinator = new_coordinator
        current.version += 1
        current.save()
        current.involved_members.add(new_coordinator)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"coordinator": [previous, new_coordinator.pk]},
        )
        notification_send(
            users=[new_coordinator],
            kind=NotificationKind.CASE_HANDOVER,
            url=case_url(current.pk),
            dedupe_key=f"handover:{assignment.pk}",
        )
    return current


def case_set_client_supporter(
    *, actor: User, case: Case, supporter: User | None, expected_version: int
) -> Case:
    if not policies.is_case_worker(actor, case):
        raise PermissionDenied(
            _(
                "Alleen de regisseur, een betrokken teamlid of de teamleider werkt aan deze "
                "casus. Vraag de regisseur om u te betrekken."
            )
        )
    if supporter is not None:
        if supporter.pk == case.coordinator_id:
            raise ValidationError(
                {"supporter": _("De regisseur kan niet ook cliëntondersteuner zijn.")}
            )
        if not org_policies.is_professional(supporter):
            raise ValidationError({"supporter": _("Kies een professional.")})
    with transaction.atomic():
        current = Case.objects.select_for_update().get(pk=case.pk)
        if current.version != expected_version:
            raise ConcurrentEditError
        previous = current.client_supporter_id
        current.client_supporter = supporter
        current.version += 1
        current.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"client_supporter": [previous, supporter.pk if supporter else None]},
        )
    return current


def case_involve_member(*, actor: User, case: Case, member: User) -> None:
    if not policies.is_case_worker(actor, case):
        raise PermissionDenied(
            _(
                "Alleen de regisseur, een betrokken teamlid of de teamleider werkt aan deze "
                "casus. Vraag de regisseur om u te betrekken."
            )
        )
    if not org_policies.is_team_member(member, case.team):
        raise ValidationError({"member": _("Alleen leden van het team kunnen betrokken worden.")})
    with transaction.atomic():
        case.involved_members.add(member)
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=case, changes={"involved": member.pk}
        )
