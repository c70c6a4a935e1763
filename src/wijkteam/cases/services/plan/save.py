"""The writes of the plan: ``plan_save`` (the whole plan) and ``action_status_set`` (the status
of one action). A change becomes a new plan version, audited and logged as access.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction

from ... import policies
from ...constants import ActionStatus, OwnerKind
from ...models import Action, Case, Goal, Plan
from .history import _describe_changes, _quote, _write_version
from .locked import household_resident_ids, lock_case, lock_plan, plan_rows
from .validation import NAMED_OWNER_KINDS, ActionData, GoalData, PlanChoices, _validate_plan

# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _household_resident_ids(case: Case) -> list[int]:
    """The household's residents (one query: the household itself is not needed)."""
    return household_resident_ids(case.household_id)


def _require_worker(actor: User, case: Case) -> None:
    if not policies.is_case_worker(actor, case):
        raise PermissionDenied(
            _("Alleen de regisseur, een betrokken teamlid of de teamleider wijzigt het plan.")
        )


def _closed_error() -> ValidationError:
    return ValidationError(
        _("Deze casus is afgesloten: het plan kan niet meer worden gewijzigd. Heropen de casus.")
    )


# --------------------------------------------------------------------------------------------
# Writes
# --------------------------------------------------------------------------------------------


def _lock_open_case(case: Case) -> Case:
    locked = lock_case(case.pk)
    if not locked.is_open:
        raise _closed_error()
    # The caller's case already holds its team: when the locked row has the same, no re-read.
    team = Case._meta.get_field("team")
    if team.is_cached(case) and locked.team_id == case.team_id:
        locked.team = case.team
    return locked


def plan_save(
    *,
    actor: User,
    case: Case,
    expected_version: int | None,
    goals: Sequence[GoalData],
    actions: Sequence[ActionData],
    discussed_on: datetime.date | None = None,
    agreed_on: datetime.date | None = None,
    agreement_note: str = "",
    choices: PlanChoices | None = None,
) -> Plan:
    """Save the whole plan of a case (create it when ``expected_version`` is None).

    Refused, with nothing written: a closed case (ValidationError), a stale version
    (ConcurrentEditError), and any invalid goal or action (ValidationError naming the row).
    Saving without any change keeps the current version. ``choices``: the editor's choice
    lists the caller has just read for the case's team (the validation then does not read them
    again; see ``PlanChoices``).
    """
    _require_worker(actor, case)
    agreement_note = agreement_note.strip()
    with transaction.atomic():
        locked_case = _lock_open_case(case)
        plan = lock_plan(locked_case.pk)
        if plan is None:
            if expected_version is not None:
                raise ConcurrentEditError
        elif expected_version is None or plan.version != expected_version:
            raise ConcurrentEditError

        old_goals: dict[int, Goal] = {}
        old_actions: dict[int, Action] = {}
        old_plan: dict[str, Any] | None = None
        if plan is not None:
            goal_rows, action_rows = plan_rows(plan)
            old_goals = {g.pk: g for g in goal_rows}
            old_actions = {a.pk: a for a in action_rows}
            old_plan = {
                "discussed_on": plan.discussed_on,
                "agreed_on": plan.agreed_on,
                "agreement_note": plan.agreement_note,
            }
        resolved = _validate_plan(
            case=locked_case,
            old_goals=old_goals,
            old_actions=old_actions,
            goals=goals,
            actions=actions,
            discussed_on=discussed_on,
            agreed_on=agreed_on,
            agreement_note=agreement_note,
            known=choices,
        )

        # Build the new state in memory (existing rows are copies, so the old ones stay intact
        # for the description of the changes).
        creating = plan is None
        if plan is None:
            plan = Plan(case=locked_case)
        plan.discussed_on = discussed_on
        plan.agreed_on = agreed_on
        plan.agreement_note = agreement_note
        new_goals: list[Goal] = []
        for order, g in enumerate(goals):
            goal = Goal(pk=g.id, plan=plan) if g.id is not None else Goal(plan=plan)
            goal.text = g.text.strip()
            goal.domain = resolved.domains.get(g.domain) if g.domain else None
            goal.status = g.status
            goal.order = order
            new_goals.append(goal)
        new_actions: list[Action] = []
        for a in actions:
            action = Action(pk=a.id, plan=plan) if a.id is not None else Action(plan=plan)
            action.description = a.description.strip()
            action.owner_kind = a.owner_kind
            action.owner_name = a.owner_name.strip() if a.owner_kind in NAMED_OWNER_KINDS else ""
            action.owner_user = (
                resolved.users[a.owner_user_id]
                if a.owner_kind == OwnerKind.TEAM and a.owner_user_id is not None
                else None
            )
            action.owner_organisation = (
                resolved.organisations[a.owner_organisation_id]
                if a.owner_kind == OwnerKind.AANBIEDER and a.owner_organisation_id is not None
                else None
            )
            action.service = resolved.services[a.service_id] if a.service_id is not None else None
            action.due_on = a.due_on
            action.status = a.status
            action.goal = new_goals[a.goal] if a.goal is not None else None
            new_actions.append(action)

        with translation.override("nl"):  # the history is a record, kept in Dutch
            changes = _describe_changes(
                old_plan=old_plan,
                old_goals=old_goals,
                old_actions=old_actions,
                new_plan=plan,
                new_goals=new_goals,
                new_actions=new_actions,
            )
        if not creating and not changes:
            return plan

        old_version = plan.version if not creating else None
        if not creating:
            plan.version += 1
        plan.save()
        # Only new and changed rows are written: a plan of twenty rows where one goal's words
        # changed is one UPDATE, not twenty (docs/performance.md).
        for goal in new_goals:
            goal.plan = plan
            if _changed(goal, old_goals.get(goal.pk), GOAL_FIELDS):
                goal.save()
        for action in new_actions:
            action.plan = plan
            if action.goal is not None:
                action.goal_id = action.goal.pk  # a new goal's id, now that the goal is saved
            if _changed(action, old_actions.get(action.pk), ACTION_FIELDS):
                action.save()
        # The rows read above (under the plan's lock) are all the plan has: when every one of
        # them is kept, there is nothing to delete and no statement is sent.
        if old_actions.keys() - {a.pk for a in new_actions}:
            plan.actions.exclude(pk__in=[a.pk for a in new_actions]).delete()
        if old_goals.keys() - {g.pk for g in new_goals}:
            plan.goals.exclude(pk__in=[g.pk for g in new_goals]).delete()

        _write_version(
            actor=actor,
            plan=plan,
            goals=new_goals,
            actions=new_actions,
            changes=changes,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            obj=plan,
            object_repr=_("Plan van casus %s") % locked_case.pk,
            changes={
                "version": [old_version, plan.version],
                "goals": len(new_goals),
                "actions": len(new_actions),
            },
        )
        log_access(
            user=actor,
            action=AccessAction.CREATE if creating else AccessAction.CHANGE,
            residents=_household_resident_ids(locked_case),
            obj=plan,
            purpose=_("plan opgesteld") if creating else _("plan gewijzigd"),
        )
    return plan


def action_status_set(
    *, actor: User, action: Action, status: str, expected_plan_version: int
) -> Action:
    """Change one action's status; a new plan version records it (same rules as plan_save)."""
    plan_case = Case.objects.get(plan__pk=action.plan_id)
    _require_worker(actor, plan_case)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Kies een geldige status voor de actie.")})
    with transaction.atomic():
        locked_case = _lock_open_case(plan_case)
        plan = Plan.objects.select_for_update().get(pk=action.plan_id)
        if plan.version != expected_plan_version:
            raise ConcurrentEditError
        current = (
            Action.objects.select_related("owner_user", "owner_organisation")
            .filter(pk=action.pk, plan=plan)
            .first()
        )
        if current is None:
            raise ValidationError(_("Deze actie bestaat niet meer in het plan."))
        if current.status == status:
            return current
        previous = current.status
        current.status = status
        current.save(update_fields=["status"])
        plan.version += 1
        plan.save()
        goals = list(plan.goals.select_related("domain"))
        actions = list(plan.actions.select_related("owner_user", "owner_organisation"))
        with translation.override("nl"):
            change = _("Status van actie %(text)s gewijzigd: %(old)s → %(new)s") % {
                "text": _quote(current.description),
                "old": ActionStatus(previous).label,
                "new": ActionStatus(status).label,
            }
        _write_version(actor=actor, plan=plan, goals=goals, actions=actions, changes=[change])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            object_repr=_("Actie in plan van casus %s") % locked_case.pk,
            changes={"status": [previous, status], "version": [plan.version - 1, plan.version]},
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=_household_resident_ids(locked_case),
            obj=plan,
            purpose=_("status van een actie in het plan gewijzigd"),
        )
    return current


GOAL_FIELDS = ("text", "domain_id", "status", "order")
ACTION_FIELDS = (
    "goal_id", "description", "owner_kind", "owner_name", "owner_user_id",
    "owner_organisation_id", "service_id", "due_on", "status",
)  # fmt: skip


def _changed(new: Goal | Action, old: Goal | Action | None, fields: tuple[str, ...]) -> bool:
    """Is ``new`` a new row, or does it differ from the stored ``old`` in one of ``fields``?"""
    return new.pk is None or old is None or any(getattr(new, f) != getattr(old, f) for f in fields)
