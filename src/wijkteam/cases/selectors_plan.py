"""Reads of the plan: the plan with its parts, its versions, and the editor's choices.

The caller has already read the case through ``selectors.case_get`` (scoped and logged); these
only load the plan's parts in a fixed number of queries. The writes are in
:mod:`wijkteam.cases.services.plan`, which re-exports these names.
"""

import datetime

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from wijkteam.accounts.constants import SystemRole
from wijkteam.accounts.models import User
from wijkteam.organisation.models import Membership, Organisation, Team
from wijkteam.socialmap.constants import ServiceStatus
from wijkteam.socialmap.models import Service

from .models import Action, Case, Goal, InitiativeConnection, InstrumentDomain, Plan, PlanVersion

LIFE_DOMAIN_INSTRUMENT = "zrm2017"
"""Goals are placed in the life domains of the Zelfredzaamheid-Matrix 2017 (REFERENCE §3)."""


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
                    "owner_user", "owner_organisation", "goal", "service"
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
