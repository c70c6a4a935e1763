"""Reads of the plan: the plan with its parts, its versions, and the editor's choices.

The caller has already read the case through ``selectors.case_get`` (scoped and logged); these
only load the plan's parts in a fixed number of queries. The writes are in
:mod:`wijkteam.cases.services.plan`, which re-exports these names.

The hot reads (the plan with its goals and actions, its latest version, the editor's choice
lists) run statements compiled once per shape (:mod:`wijkteam.core.compiled`, issue 17): the
same SQL, rows and objects as the querysets below, the prefetched goals and actions put where
``prefetch_related`` puts them (proved in ``cases/tests/test_plan_reads.py``).
"""

import datetime
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from wijkteam.accounts.constants import SystemRole
from wijkteam.accounts.models import User
from wijkteam.core import compiled
from wijkteam.organisation.models import Membership, Organisation, Team
from wijkteam.socialmap.constants import ServiceStatus
from wijkteam.socialmap.models import Service

from .models import Action, Case, Goal, InitiativeConnection, InstrumentDomain, Plan, PlanVersion

LIFE_DOMAIN_INSTRUMENT = "zrm2017"
"""Goals are placed in the life domains of the Zelfredzaamheid-Matrix 2017 (REFERENCE §3)."""


def _goals() -> QuerySet[Goal]:
    return Goal.objects.select_related("domain")


def _actions() -> QuerySet[Action]:
    return Action.objects.select_related(
        "owner_user", "owner_organisation", "goal", "service"
    ).order_by(F("due_on").asc(nulls_last=True), "id")


def plan_for_case_queryset(case: Case) -> Plan | None:
    """:func:`plan_for_case` through the ORM alone (the reference of the sameness tests)."""
    return (
        Plan.objects.filter(case=case)
        .prefetch_related(
            Prefetch("goals", queryset=_goals()), Prefetch("actions", queryset=_actions())
        )
        .first()
    )


def _plan_of(case_id: int) -> QuerySet[Plan]:
    found = Plan.objects.filter(case=case_id)
    return (found if found.ordered else found.order_by("pk"))[:1]  # ``.first()``


def _goals_of(plan_id: int) -> QuerySet[Goal]:
    return _goals().filter(plan__in=[plan_id])  # what the prefetch sends


def _actions_of(plan_id: int) -> QuerySet[Action]:
    return _actions().filter(plan__in=[plan_id])


def _prefetched(plan: Plan, name: str, base: QuerySet[Any], found: list[Any]) -> None:
    """Put ``found`` where ``prefetch_related(Prefetch(name, base))`` puts it (Django's
    ``prefetch_one_level``): each child's ``plan`` is the plan, the manager's queryset holds
    the rows."""
    for obj in found:
        obj.plan = plan
    queryset = getattr(plan, name)._apply_rel_filters(base)
    queryset._result_cache = found
    queryset._prefetch_done = True
    plan._prefetched_objects_cache[name] = queryset  # type: ignore[attr-defined]


def plan_for_case(case: Case) -> Plan | None:
    """The case's plan with its goals and actions (3 queries), or None when there is none.

    Actions come by due date (those without a date last), as in every version's snapshot.
    """
    found = compiled.instances("cases.plan.plan", _plan_of, [case.pk])
    if not found:
        return None
    plan = found[0]
    plan._prefetched_objects_cache = {}  # type: ignore[attr-defined]
    goals = compiled.instances("cases.plan.goals", _goals_of, [plan.pk])
    _prefetched(plan, "goals", _goals(), goals)
    actions = compiled.instances("cases.plan.actions", _actions_of, [plan.pk])
    _prefetched(plan, "actions", _actions(), actions)
    return plan


def _latest_version_of(plan_id: int) -> QuerySet[PlanVersion]:
    return (
        PlanVersion.objects.filter(plan=plan_id)
        .select_related("changed_by")
        .order_by("-number")[:1]
    )


def latest_version(plan: Plan) -> PlanVersion | None:
    """``plan_versions(plan).first()``: the newest version, its ``plan`` set as the related
    manager sets it."""
    found = compiled.instances("cases.plan.latest", _latest_version_of, [plan.pk])
    for version in found:
        version.plan = plan
    return found[0] if found else None


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


def _members_of(team_id: int, day: datetime.date) -> QuerySet[User]:
    return active_team_members(Team(pk=team_id), on=day)


def _services_of(municipality_id: int) -> QuerySet[Service]:
    return social_map_choices(Team(municipality_id=municipality_id))


def life_domain_list() -> list[InstrumentDomain]:
    """``list(life_domains())``, compiled once."""
    return compiled.instances("cases.plan.domains", life_domains, [])


def team_member_list(team: Team) -> list[User]:
    """``list(active_team_members(team))`` (active today), compiled once."""
    found: list[User] = compiled.instances(
        "cases.plan.members", _members_of, [team.pk], moments=[timezone.localdate()]
    )
    return found


def provider_list(team: Team) -> list[Organisation]:
    """``list(provider_choices(team))``, compiled once."""
    return compiled.instances(
        "cases.plan.providers",
        lambda m: provider_choices(Team(municipality_id=m)),
        [team.municipality_id],
    )


def social_map_list(team: Team) -> list[Service]:
    """``list(social_map_choices(team))`` with each service's organisation, compiled once."""
    return compiled.instances("cases.plan.services", _services_of, [team.municipality_id])


def goal_positions(plan: Plan | None) -> dict[int, int]:
    """goal id → position in the plan's goal list (the ``goal`` of an ``ActionData``)."""
    if plan is None:
        return {}
    return {g.pk: i for i, g in enumerate(plan.goals.all())}


def social_map_choices(team: Team) -> QuerySet[Service]:
    """Active services of the social map in the team's municipality, general provisions first:
    what a plan action can point at ("algemeen voor maatwerk")."""
    return (
        Service.objects.filter(
            organisation__municipality_id=team.municipality_id, status=ServiceStatus.ACTIVE
        )
        .select_related("organisation")
        .order_by("-general_provision", "name", "pk")
    )


def general_provision_actions(
    *, team_ids: list[int], start: datetime.date, end: datetime.date
) -> dict[int, dict[str, int]]:
    """Per team: plan actions of plans agreed in ``start``–``end`` (inclusive), and how many of
    them point at a general provision (voorliggende voorziening) of the social map. An
    aggregate without personal data, for the accountability snapshot (docs/indicators.md)."""
    rows = (
        Action.objects.filter(
            plan__case__team_id__in=team_ids,
            plan__agreed_on__gte=start,
            plan__agreed_on__lte=end,
        )
        .values("plan__case__team_id")
        .annotate(
            actions=Count("pk"),
            general=Count("pk", filter=Q(service__general_provision=True)),
        )
        .order_by()
    )
    found = {t: {"actions": 0, "general": 0} for t in team_ids}
    for row in rows:
        found[row["plan__case__team_id"]] = {"actions": row["actions"], "general": row["general"]}
    return found


def initiative_connections_per_district(
    *, municipality_id: int, start: datetime.date, end: datetime.date
) -> dict[int, int]:
    """Per wijk (of the initiative): residents connected to a citizen initiative from a case in
    ``start``–``end`` (inclusive); an aggregate for the indicators and the area pages."""
    rows = (
        InitiativeConnection.objects.filter(
            initiative__municipality_id=municipality_id,
            connected_at__date__gte=start,
            connected_at__date__lte=end,
        )
        .values("initiative__district_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["initiative__district_id"]: row["n"] for row in rows}
