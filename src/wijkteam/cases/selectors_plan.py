"""Reads of the plan: the plan with its parts, its versions, and the editor's choices.

The caller has already read the case through ``selectors.case_get`` (scoped and logged); these
only load the plan's parts in a fixed number of queries. The writes are in
:mod:`wijkteam.cases.services.plan`, which re-exports these names.
"""

import datetime

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from wijkteam.accounts.constants import SystemRole
from wijkteam.accounts.models import User
from wijkteam.organisation.models import Membership, Organisation, Team

from .models import Action, Case, Goal, InstrumentDomain, Plan, PlanVersion

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
