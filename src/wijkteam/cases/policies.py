"""Who may see and do what in casework. Relationships decide, not the account kind alone.

- A member sees a case of their own team when they are its regisseur, its cliëntondersteuner
  or an involved member; a teamleider sees every case of their team.
- Meldingen (the team's intake) are visible to every active member of the team.
- Configuration and reporting accounts never see case content.
- The cliëntondersteuner of a case never decides on it (see ``organisation.policies``).
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.core import compiled
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.models import Team
from wijkteam.privacy.constants import ALL_CATEGORIES
from wijkteam.privacy.models import Consent, EmergencyAccess
from wijkteam.privacy.policies import consent_filter
from wijkteam.residents.models import Resident

from .constants import CaseState
from .models import Case, Report


def case_scope(user: User) -> QuerySet[Case]:
    """Every case the user may open."""
    if not org_policies.may_see_case_content(user):
        return Case.objects.none()
    return case_scope_of(
        user.pk, org_policies.member_team_ids(user), org_policies.leader_team_ids(user)
    )


def case_scope_of(
    user_id: int, member_teams: Sequence[int], leader_teams: Sequence[int]
) -> QuerySet[Case]:
    """The rule of :func:`case_scope` on ids: every case of a team the user leads, and the
    cases of a team the user is a member of where they are regisseur, cliëntondersteuner or
    involved member. Only ids, so the statement can be compiled once
    (:mod:`wijkteam.core.compiled`)."""
    # A subquery instead of a join on the involved members: no duplicate rows, so no DISTINCT
    # (which made PostgreSQL sort the whole caseload; docs/performance.md).
    involved = Case.involved_members.through.objects.filter(user_id=user_id).values("case_id")
    relation = Q(coordinator_id=user_id) | Q(client_supporter_id=user_id) | Q(pk__in=involved)
    return Case.objects.filter(
        Q(team_id__in=list(leader_teams)) | (Q(team_id__in=list(member_teams)) & relation)
    )


def case_scope_ids(user: User) -> QuerySet[Case]:
    """The scope as a subquery of ids (cheap to combine with other filters)."""
    return case_scope(user).values("pk")  # type: ignore[return-value]


def can_view_case(user: User, case: Case) -> bool:
    """``case_scope(user).filter(pk=case.pk).exists()``, from a statement compiled once per
    number of teams (:mod:`wijkteam.core.compiled`, issue 17)."""
    if not org_policies.may_see_case_content(user):
        return False
    member_teams = org_policies.member_team_ids(user)
    leader_teams = org_policies.leader_team_ids(user)
    count = len(member_teams)

    def build(user_id: int, case_id: int, *teams: int) -> QuerySet[Case]:
        scope = case_scope_of(user_id, teams[:count], teams[count:])
        return scope.filter(pk=case_id).only("pk").order_by()[:1]

    key = ("cases.can_view_case", count, len(leader_teams))
    return bool(compiled.instances(key, build, [user.pk, case.pk, *member_teams, *leader_teams]))


def is_case_worker(user: User, case: Case) -> bool:
    """May change the case: regisseur, involved member or teamleider (not the cliëntondersteuner)."""
    if not org_policies.is_team_member(user, case.team):
        return False
    if case.coordinator_id == user.pk or org_policies.is_teamleader(user, case.team):
        return True
    return case.involved_members.filter(pk=user.pk).exists()


def report_scope(user: User) -> QuerySet[Report]:
    if not org_policies.may_see_case_content(user):
        return Report.objects.none()
    return Report.objects.filter(team_id__in=org_policies.member_team_ids(user))


def can_create_report(user: User, team: Team) -> bool:
    return org_policies.is_team_member(user, team)


def can_triage(user: User, report: Report) -> bool:
    roles = org_policies.team_roles(user, report.team)
    return bool(roles - {TeamRole.CLIENTONDERSTEUNER})


def resident_scope(user: User) -> QuerySet[Resident]:
    """Residents seen through a visible case of their household, or through the team's intake.

    Correlated EXISTS predicates instead of joins: no duplicate rows, so no DISTINCT, and a
    search by BSN or name checks the scope for the few candidate residents only
    (docs/performance.md).
    """
    if not org_policies.may_see_case_content(user):
        return Resident.objects.none()
    return resident_scope_of(
        user.pk, org_policies.member_team_ids(user), org_policies.leader_team_ids(user)
    )


def resident_scope_of(
    user_id: int, member_teams: Sequence[int], leader_teams: Sequence[int]
) -> QuerySet[Resident]:
    """The rule of :func:`resident_scope` on ids (for :mod:`wijkteam.core.compiled`)."""
    visible_case = case_scope_of(user_id, member_teams, leader_teams).filter(
        household_id=OuterRef("household_id")
    )
    team_report = Report.objects.filter(resident_id=OuterRef("pk"), team_id__in=list(member_teams))
    return Resident.objects.filter(
        Q(intake_team_id__in=list(member_teams)) | Exists(visible_case) | Exists(team_report)
    )


def can_reopen(user: User, case: Case) -> bool:
    return case.state == CaseState.AFGESLOTEN and is_case_worker(user, case)


def resident_visible_categories(user: User, resident: Resident) -> frozenset[str] | None:
    """The categories of ``resident``'s data the user may see; ``None`` means everything.

    The rule of the case page (``cases.policies_consent.visible_categories``) applied to the resident
    record: the teams that hold the resident (the intake team, the teams of the household's
    cases and of the resident's meldingen) take the place of the case's team. Everything for a
    teamleider of such a team, a member employed by its responsible organisation, or a member
    with a running doorbraak on a case of the household; otherwise the categories the
    household's residents consented to for the member's organisation there, valid today.
    """
    return residents_visible_categories(user, [resident])[resident.pk]


def residents_visible_categories(
    user: User, residents: list[Resident]
) -> dict[int, frozenset[str] | None]:
    """:func:`resident_visible_categories` for many residents at once (a search result).

    No query when every membership of the user sees everything (the responsible organisation's
    members and the teamleiders), two otherwise.
    """
    if not residents:
        return {}
    if not org_policies.is_professional(user):
        return {r.pk: frozenset() for r in residents}
    own = {m.team_id: m for m in org_policies.memberships(user)}
    full = {
        t
        for t, m in own.items()
        if TeamRole.TEAMLEIDER in m.roles or m.organisation_id == m.responsible_organisation_id
    }
    if full and full == set(own):
        # Every team the user belongs to shows everything; residents are in scope only
        # through such a team, so nothing more to ask.
        return {r.pk: None for r in residents}
    households = {r.household_id for r in residents}
    teams: dict[int, set[int]] = {
        r.pk: {r.intake_team_id} if r.intake_team_id is not None else set() for r in residents
    }
    # The teams of the household's cases, of the resident's meldingen and the households with a
    # running doorbraak of the user, in one query; compiled once per number of ids (issue 17).
    rows = compiled.rows(
        "cases.residents_visible.teams",
        _held_rows,
        [user.pk],
        moments=[timezone.now()],
        lists=[list(households), list(teams), list(own)],
    )
    by_household: dict[int, set[int]] = {}
    emergency: set[int] = set()
    for kind, key, team_id in rows:
        if kind == "case":
            by_household.setdefault(key, set()).add(team_id)
        elif kind == "report":
            teams[key].add(team_id)
        else:
            emergency.add(key)
    consented: dict[tuple[int, int], set[str]] = {}
    organisations = [m.organisation_id for m in own.values()]
    for household_id, organisation_id, value in compiled.rows(
        "cases.residents_visible.consents",
        _consent_rows,
        [],
        moments=[timezone.localdate()],
        lists=[organisations, list(households)],
    ):
        consented.setdefault((household_id, organisation_id), set()).update(
            c for c in value or [] if c in ALL_CATEGORIES
        )
    result: dict[int, frozenset[str] | None] = {}
    for r in residents:
        held = (teams[r.pk] | by_household.get(r.household_id, set())) & set(own)
        if held & full or r.household_id in emergency:
            result[r.pk] = None
            continue
        categories: set[str] = set()
        for organisation_id in {own[t].organisation_id for t in held}:
            categories |= consented.get((r.household_id, organisation_id), set())
        result[r.pk] = frozenset(categories)
    return result


def _held_rows(
    user_id: int,
    now: datetime.datetime,
    households: list[int],
    residents: list[int],
    own: list[int],
) -> "QuerySet[Any]":
    """(kind, household or resident, team) rows of :func:`residents_visible_categories`."""
    return (
        Case.objects.filter(household_id__in=households, team_id__in=own)
        .order_by()
        .annotate(kind=Value("case"))
        .values_list("kind", "household_id", "team_id")
        .union(
            Report.objects.filter(resident_id__in=residents, team_id__in=own)
            .order_by()
            .annotate(kind=Value("report"))
            .values_list("kind", "resident_id", "team_id"),
            EmergencyAccess.objects.filter(
                user_id=user_id, case__household_id__in=households, expires_at__gt=now
            )
            .order_by()
            .annotate(kind=Value("emergency"))
            .values_list("kind", "case__household_id", "case__team_id"),
        )
    )


def _consent_rows(
    day: datetime.date, organisations: list[int], households: list[int]
) -> "QuerySet[Any]":
    return Consent.objects.filter(
        consent_filter(day=day),
        organisation_id__in=organisations,
        resident__household_id__in=households,
    ).values_list("resident__household_id", "organisation_id", "categories")
