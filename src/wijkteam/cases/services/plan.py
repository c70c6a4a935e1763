"""The plan: goals in the resident's words, actions with an owner, every version kept.

``plan_save`` replaces the whole plan in one transaction: it locks the case and the plan,
compares the version the editor saw (a stale save raises ``ConcurrentEditError`` and writes
nothing), validates every goal and action before writing, and keeps a ``PlanVersion`` with a
full snapshot and a readable Dutch list of what changed.

Validation errors name the row: ``goals.<n>.<field>`` and ``actions.<n>.<field>``, where
``<n>`` is the position in the lists passed in; plan fields use their own name.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkteam.accounts.constants import SystemRole
from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.organisation.models import Membership, Organisation, Team
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction

from .. import policies
from ..constants import ActionStatus, GoalStatus, OwnerKind
from ..models import Action, Case, Goal, InstrumentDomain, Plan, PlanVersion

LIFE_DOMAIN_INSTRUMENT = "zrm2017"
"""Goals are placed in the life domains of the Zelfredzaamheid-Matrix 2017 (REFERENCE §3)."""

NAMED_OWNER_KINDS = frozenset(
    {OwnerKind.INWONER, OwnerKind.NETWERK, OwnerKind.ALGEMENE_VOORZIENING}
)
DESCRIPTION_MAX = 250
OWNER_NAME_MAX = 150
AGREEMENT_NOTE_MAX = 250


@dataclass(frozen=True)
class GoalData:
    """One goal as the editor wants it. ``id`` matches an existing goal of the plan."""

    text: str
    domain: str = ""
    """Code of a ZRM 2017 life domain (``financien``, ``huisvesting`` …); empty for none."""
    status: str = GoalStatus.OPEN
    id: int | None = None


@dataclass(frozen=True)
class ActionData:
    """One action as the editor wants it. ``id`` matches an existing action of the plan.

    ``goal`` is the position of the goal it serves in the goals list of the same save.
    """

    description: str
    owner_kind: str
    owner_name: str = ""
    owner_user_id: int | None = None
    owner_organisation_id: int | None = None
    due_on: datetime.date | None = None
    status: str = ActionStatus.OPEN
    goal: int | None = None
    id: int | None = None


# --------------------------------------------------------------------------------------------
# Reads. The caller has already read the case through ``selectors.case_get`` (scoped and
# logged); these only load the plan's parts in a fixed number of queries.
# --------------------------------------------------------------------------------------------


def plan_for_case(case: Case) -> Plan | None:
    """The case's plan with its goals and actions (3 queries), or None when there is none.

    Actions come by due date (those without a date last), as in every version's snapshot.
    """
    return (
        Plan.objects.filter(case=case)
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.select_related("domain")),
            Prefetch(
                "actions",
                queryset=Action.objects.select_related(
                    "owner_user", "owner_organisation", "goal"
                ).order_by(F("due_on").asc(nulls_last=True), "id"),
            ),
        )
        .first()
    )


def plan_versions(plan: Plan) -> QuerySet[PlanVersion]:
    """Every version of the plan, newest first."""
    return plan.versions.select_related("changed_by").order_by("-number")


def life_domains() -> QuerySet[InstrumentDomain]:
    return InstrumentDomain.objects.filter(instrument__code=LIFE_DOMAIN_INSTRUMENT).order_by(
        "order"
    )


def active_team_members(team: Team, *, on: datetime.date | None = None) -> QuerySet[User]:
    """Professionals who are an active member of the team today: who may own a team action."""
    day = on or timezone.localdate()
    member_ids = Membership.objects.filter(team=team, active_from__lte=day).filter(
        Q(active_until__isnull=True) | Q(active_until__gte=day)
    )
    return User.objects.filter(
        pk__in=member_ids.values("user_id"),
        is_active=True,
        system_role=SystemRole.PROFESSIONAL,
    ).order_by("last_name", "first_name", "username")


def provider_choices(team: Team) -> QuerySet[Organisation]:
    """Organisations of the team's municipality that can own an action as aanbieder."""
    return Organisation.objects.filter(municipality_id=team.municipality_id).order_by("name")


def goal_positions(plan: Plan | None) -> dict[int, int]:
    """goal id → position in the plan's goal list (the ``goal`` of an ``ActionData``)."""
    if plan is None:
        return {}
    return {g.pk: i for i, g in enumerate(plan.goals.all())}


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _household_resident_ids(case: Case) -> list[int]:
    return list(case.household.members.values_list("pk", flat=True))


def _require_worker(actor: User, case: Case) -> None:
    if not policies.is_case_worker(actor, case):
        raise PermissionDenied(
            _("Alleen de regisseur, een betrokken teamlid of de teamleider wijzigt het plan.")
        )


def _closed_error() -> ValidationError:
    return ValidationError(
        _("Deze casus is afgesloten: het plan kan niet meer worden gewijzigd. Heropen de casus.")
    )


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
# Validation
# --------------------------------------------------------------------------------------------


@dataclass
class _Resolved:
    domains: dict[str, InstrumentDomain]
    users: dict[int, User]
    organisations: dict[int, Organisation]


def _validate_plan(
    *,
    case: Case,
    old_goals: dict[int, Goal],
    old_actions: dict[int, Action],
    goals: Sequence[GoalData],
    actions: Sequence[ActionData],
    discussed_on: datetime.date | None,
    agreed_on: datetime.date | None,
    agreement_note: str,
) -> _Resolved:
    """Check everything before anything is written; raises one ValidationError with all errors."""
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    today = timezone.localdate()
    if discussed_on is not None and discussed_on > today:
        add(
            "discussed_on",
            _("De datum van het gesprek met de inwoner kan niet in de toekomst liggen."),
        )
    if agreed_on is not None:
        if agreed_on > today:
            add("agreed_on", _("De datum van het akkoord kan niet in de toekomst liggen."))
        if discussed_on is None:
            add(
                "discussed_on",
                _(
                    "Vul in wanneer het plan met de inwoner is besproken: een akkoord volgt op "
                    "een gesprek."
                ),
            )
        elif agreed_on < discussed_on:
            add("agreed_on", _("Het akkoord kan niet vóór het gesprek met de inwoner liggen."))
    if len(agreement_note) > AGREEMENT_NOTE_MAX:
        add("agreement_note", _("Gebruik hoogstens %d tekens.") % AGREEMENT_NOTE_MAX)

    domain_codes = {g.domain for g in goals if g.domain}
    domains = {d.code: d for d in life_domains().filter(code__in=domain_codes)}
    seen_goal_ids: set[int] = set()
    for i, g in enumerate(goals):
        key = f"goals.{i}"
        if not g.text.strip():
            add(f"{key}.text", _("Schrijf het doel op in de woorden van de inwoner."))
        if g.domain and g.domain not in domains:
            add(f"{key}.domain", _("Kies een leefgebied uit de Zelfredzaamheid-Matrix."))
        if g.status not in GoalStatus.values:
            add(f"{key}.status", _("Kies een geldige status voor het doel."))
        if g.id is not None:
            if g.id not in old_goals:
                add(
                    f"{key}.id",
                    _("Dit doel bestaat niet (meer) in dit plan. Laad het plan opnieuw."),
                )
            elif g.id in seen_goal_ids:
                add(f"{key}.id", _("Dit doel staat twee keer in het plan."))
            seen_goal_ids.add(g.id)

    user_ids = {a.owner_user_id for a in actions if a.owner_user_id is not None}
    members = {u.pk: u for u in active_team_members(case.team).filter(pk__in=user_ids)}
    org_ids = {a.owner_organisation_id for a in actions if a.owner_organisation_id is not None}
    organisations = {o.pk: o for o in provider_choices(case.team).filter(pk__in=org_ids)}
    seen_action_ids: set[int] = set()
    name_messages = {
        OwnerKind.INWONER: _("Elke actie heeft een eigenaar: vul in welke inwoner dit doet."),
        OwnerKind.NETWERK: _("Elke actie heeft een eigenaar: vul in wie uit het netwerk dit doet."),
        OwnerKind.ALGEMENE_VOORZIENING: _(
            "Elke actie heeft een eigenaar: vul in welke algemene voorziening dit doet."
        ),
    }
    for i, a in enumerate(actions):
        key = f"actions.{i}"
        if not a.description.strip():
            add(f"{key}.description", _("Beschrijf wat er moet gebeuren."))
        elif len(a.description) > DESCRIPTION_MAX:
            add(f"{key}.description", _("Gebruik hoogstens %d tekens.") % DESCRIPTION_MAX)
        if a.owner_kind not in OwnerKind.values:
            add(
                f"{key}.owner_kind",
                _(
                    "Elke actie heeft een eigenaar: kies wie dit doet (inwoner, netwerk, team, "
                    "algemene voorziening of aanbieder)."
                ),
            )
        elif a.owner_kind in NAMED_OWNER_KINDS:
            if not a.owner_name.strip():
                add(f"{key}.owner_name", str(name_messages[OwnerKind(a.owner_kind)]))
            elif len(a.owner_name) > OWNER_NAME_MAX:
                add(f"{key}.owner_name", _("Gebruik hoogstens %d tekens.") % OWNER_NAME_MAX)
        elif a.owner_kind == OwnerKind.TEAM:
            if a.owner_user_id is None:
                add(
                    f"{key}.owner_user",
                    _("Elke actie heeft een eigenaar: kies het teamlid dat dit doet."),
                )
            elif a.owner_user_id not in members:
                add(
                    f"{key}.owner_user",
                    _(
                        "Deze persoon is geen actief lid van %(team)s en kan geen actie van het "
                        "team uitvoeren. Kies een teamlid."
                    )
                    % {"team": case.team.name},
                )
        elif a.owner_kind == OwnerKind.AANBIEDER:
            if a.owner_organisation_id is None:
                add(
                    f"{key}.owner_organisation",
                    _("Elke actie heeft een eigenaar: kies de aanbieder die dit doet."),
                )
            elif a.owner_organisation_id not in organisations:
                add(
                    f"{key}.owner_organisation",
                    _("Kies een aanbieder uit de gemeente van het team."),
                )
        if a.status not in ActionStatus.values:
            add(f"{key}.status", _("Kies een geldige status voor de actie."))
        if a.goal is not None and not 0 <= a.goal < len(goals):
            add(f"{key}.goal", _("Kies een doel uit dit plan, of geen doel."))
        if a.id is not None:
            if a.id not in old_actions:
                add(
                    f"{key}.id",
                    _("Deze actie bestaat niet (meer) in dit plan. Laad het plan opnieuw."),
                )
            elif a.id in seen_action_ids:
                add(f"{key}.id", _("Deze actie staat twee keer in het plan."))
            seen_action_ids.add(a.id)
    if errors:
        raise ValidationError(errors)
    return _Resolved(domains=domains, users=members, organisations=organisations)


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


# --------------------------------------------------------------------------------------------
# Writes
# --------------------------------------------------------------------------------------------


def _lock_open_case(case: Case) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if not locked.is_open:
        raise _closed_error()
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
) -> Plan:
    """Save the whole plan of a case (create it when ``expected_version`` is None).

    Refused, with nothing written: a closed case (ValidationError), a stale version
    (ConcurrentEditError), and any invalid goal or action (ValidationError naming the row).
    Saving without any change keeps the current version.
    """
    _require_worker(actor, case)
    agreement_note = agreement_note.strip()
    with transaction.atomic():
        locked_case = _lock_open_case(case)
        plan = Plan.objects.select_for_update().filter(case=locked_case).first()
        if plan is None:
            if expected_version is not None:
                raise ConcurrentEditError
        elif expected_version is None or plan.version != expected_version:
            raise ConcurrentEditError

        old_goals: dict[int, Goal] = {}
        old_actions: dict[int, Action] = {}
        old_plan: dict[str, Any] | None = None
        if plan is not None:
            old_goals = {g.pk: g for g in plan.goals.select_related("domain")}
            old_actions = {
                a.pk: a
                for a in plan.actions.select_related("owner_user", "owner_organisation", "goal")
            }
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
        for goal in new_goals:
            goal.plan = plan
            goal.save()
        for action in new_actions:
            action.plan = plan
            action.save()  # a new goal's id is taken over now that the goal is saved
        plan.actions.exclude(pk__in=[a.pk for a in new_actions]).delete()
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
