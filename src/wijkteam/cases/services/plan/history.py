"""The plan's history: the snapshot every ``PlanVersion`` keeps, and the readable Dutch list
of what changed between two versions (the history is a record, kept in Dutch)."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.organisation.models import Organisation

from ...constants import ActionStatus, GoalStatus, OwnerKind
from ...models import Action, Goal, Plan, PlanVersion


def _day(value: datetime.date | None) -> str:
    return date_format(value, "j F Y") if value else "–"


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"„{text}”"


def _owner_label(kind: str, name: str, user: User | None, organisation: Organisation | None) -> str:
    kind_label = str(OwnerKind(kind).label) if kind in OwnerKind.values else kind
    if kind == OwnerKind.TEAM and user is not None:
        who = user.display_name
    elif kind == OwnerKind.AANBIEDER and organisation is not None:
        who = organisation.name
    else:
        who = name
    return f"{kind_label}: {who}" if who else kind_label


def _goal_snapshot(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.pk,
        "domain": goal.domain.code if goal.domain else "",
        "domain_name": goal.domain.name if goal.domain else "",
        "text": goal.text,
        "status": goal.status,
        "status_label": str(GoalStatus(goal.status).label),
    }


def _action_snapshot(action: Action, goal_index: dict[int, int]) -> dict[str, Any]:
    return {
        "id": action.pk,
        "goal": goal_index.get(action.goal_id) if action.goal_id else None,
        "description": action.description,
        "owner_kind": action.owner_kind,
        "owner_kind_label": str(OwnerKind(action.owner_kind).label),
        "owner_name": action.owner_name,
        "owner_user": action.owner_user_id,
        "owner_organisation": action.owner_organisation_id,
        "service": action.service_id,
        "owner": _owner_label(
            action.owner_kind, action.owner_name, action.owner_user, action.owner_organisation
        ),
        "due_on": action.due_on.isoformat() if action.due_on else None,
        "status": action.status,
        "status_label": str(ActionStatus(action.status).label),
    }


def plan_snapshot(plan: Plan, goals: Sequence[Goal], actions: Sequence[Action]) -> dict[str, Any]:
    """The whole plan as JSON: what a version looked like, readable without the live rows."""
    goal_index = {g.pk: i for i, g in enumerate(goals)}
    return {
        "version": plan.version,
        "discussed_on": plan.discussed_on.isoformat() if plan.discussed_on else None,
        "agreed_on": plan.agreed_on.isoformat() if plan.agreed_on else None,
        "agreement_note": plan.agreement_note,
        "goals": [_goal_snapshot(g) for g in goals],
        "actions": [_action_snapshot(a, goal_index) for a in actions],
    }


def _write_version(
    *, actor: User, plan: Plan, goals: Sequence[Goal], actions: Sequence[Action], changes: list[str]
) -> PlanVersion:
    with translation.override("nl"):
        snapshot = plan_snapshot(plan, goals, _sorted_actions(actions))
    return PlanVersion.objects.create(
        plan=plan, number=plan.version, snapshot=snapshot, changes=changes, changed_by=actor
    )


def _sorted_actions(actions: Iterable[Action]) -> list[Action]:
    """The model's own ordering (due date, then id; no due date last), in memory."""
    return sorted(
        actions, key=lambda a: (a.due_on is None, a.due_on or datetime.date.min, a.pk or 0)
    )


# --------------------------------------------------------------------------------------------
# What changed, in Dutch
# --------------------------------------------------------------------------------------------


def _describe_changes(
    *,
    old_plan: dict[str, Any] | None,
    old_goals: dict[int, Goal],
    old_actions: dict[int, Action],
    new_plan: Plan,
    new_goals: Sequence[Goal],
    new_actions: Sequence[Action],
) -> list[str]:
    changes: list[str] = []
    if old_plan is None:
        changes.append(_("Plan opgesteld."))
        old_plan = {"discussed_on": None, "agreed_on": None, "agreement_note": ""}
    kept_goal_ids = {g.pk for g in new_goals if g.pk in old_goals}
    for g in new_goals:
        old = old_goals.get(g.pk) if g.pk in kept_goal_ids else None
        if old is None:
            domain = f" ({g.domain.name})" if g.domain else ""
            changes.append(
                _("Doel toegevoegd%(domain)s: %(text)s")
                % {"domain": domain, "text": _quote(g.text)}
            )
            continue
        if old.text != g.text:
            changes.append(
                _("Doel gewijzigd: %(old)s → %(new)s")
                % {"old": _quote(old.text), "new": _quote(g.text)}
            )
        if old.domain_id != g.domain_id:
            changes.append(
                _("Leefgebied van doel %(text)s gewijzigd: %(old)s → %(new)s")
                % {
                    "text": _quote(g.text),
                    "old": old.domain.name if old.domain else _("geen"),
                    "new": g.domain.name if g.domain else _("geen"),
                }
            )
        if old.status != g.status:
            changes.append(
                _("Status van doel %(text)s gewijzigd: %(old)s → %(new)s")
                % {
                    "text": _quote(g.text),
                    "old": GoalStatus(old.status).label,
                    "new": GoalStatus(g.status).label,
                }
            )
    for pk, old in old_goals.items():
        if pk not in kept_goal_ids:
            changes.append(_("Doel verwijderd: %s") % _quote(old.text))
    old_order = [pk for pk in old_goals if pk in kept_goal_ids]
    if old_order != [g.pk for g in new_goals if g.pk in kept_goal_ids]:
        changes.append(_("Volgorde van de doelen gewijzigd."))

    kept_action_ids = {a.pk for a in new_actions if a.pk in old_actions}
    for a in new_actions:
        old_action = old_actions.get(a.pk) if a.pk in kept_action_ids else None
        owner = _owner_label(a.owner_kind, a.owner_name, a.owner_user, a.owner_organisation)
        if old_action is None:
            due = _("uiterlijk %s") % _day(a.due_on) if a.due_on else _("geen datum")
            changes.append(
                _("Actie toegevoegd: %(text)s (%(owner)s, %(due)s)")
                % {"text": _quote(a.description), "owner": owner, "due": due}
            )
            continue
        if old_action.status != a.status:
            changes.append(
                _("Status van actie %(text)s gewijzigd: %(old)s → %(new)s")
                % {
                    "text": _quote(a.description),
                    "old": ActionStatus(old_action.status).label,
                    "new": ActionStatus(a.status).label,
                }
            )
        if old_action.description != a.description:
            changes.append(
                _("Actie gewijzigd: %(old)s → %(new)s")
                % {"old": _quote(old_action.description), "new": _quote(a.description)}
            )
        old_owner = _owner_label(
            old_action.owner_kind,
            old_action.owner_name,
            old_action.owner_user,
            old_action.owner_organisation,
        )
        if old_owner != owner:
            changes.append(
                _("Eigenaar van actie %(text)s gewijzigd: %(old)s → %(new)s")
                % {"text": _quote(a.description), "old": old_owner, "new": owner}
            )
        if old_action.due_on != a.due_on:
            changes.append(
                _("Datum van actie %(text)s gewijzigd: %(old)s → %(new)s")
                % {
                    "text": _quote(a.description),
                    "old": _day(old_action.due_on),
                    "new": _day(a.due_on),
                }
            )
        if (a.goal is None and old_action.goal_id is not None) or (
            a.goal is not None and (a.goal.pk is None or a.goal.pk != old_action.goal_id)
        ):
            changes.append(
                _("Actie %(text)s hoort nu bij doel: %(goal)s")
                % {
                    "text": _quote(a.description),
                    "goal": _quote(a.goal.text, 40) if a.goal else _("geen"),
                }
            )
    for pk, old_action in old_actions.items():
        if pk not in kept_action_ids:
            changes.append(_("Actie verwijderd: %s") % _quote(old_action.description))

    if old_plan["discussed_on"] != new_plan.discussed_on:
        if new_plan.discussed_on:
            changes.append(_("Plan besproken met de inwoner op %s.") % _day(new_plan.discussed_on))
        else:
            changes.append(_("Datum van het gesprek met de inwoner verwijderd."))
    if old_plan["agreed_on"] != new_plan.agreed_on:
        if new_plan.agreed_on:
            how = f" ({new_plan.agreement_note})" if new_plan.agreement_note else ""
            changes.append(
                _("Akkoord van de inwoner vastgelegd op %(day)s%(how)s.")
                % {"day": _day(new_plan.agreed_on), "how": how}
            )
        else:
            changes.append(_("Akkoord van de inwoner verwijderd."))
    elif old_plan["agreement_note"] != new_plan.agreement_note:
        changes.append(
            _("Toelichting bij het akkoord gewijzigd: %s") % _quote(new_plan.agreement_note or "–")
        )
    return changes
