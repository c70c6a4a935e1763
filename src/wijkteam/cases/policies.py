"""Who may see and do what in casework. Relationships decide, not the account kind alone.

- A member sees a case of their own team when they are its regisseur, its cliëntondersteuner
  or an involved member; a teamleider sees every case of their team.
- Meldingen (the team's intake) are visible to every active member of the team.
- Configuration and reporting accounts never see case content.
- The cliëntondersteuner of a case never decides on it (see ``organisation.policies``).
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from wijkteam.accounts.models import User
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.models import Team
from wijkteam.residents.models import Resident

from .constants import CaseState
from .models import Case, Report


def case_scope(user: User) -> QuerySet[Case]:
    """Every case the user may open."""
    if not org_policies.may_see_case_content(user):
        return Case.objects.none()
    member_teams = org_policies.member_team_ids(user)
    leader_teams = org_policies.leader_team_ids(user)
    # A subquery instead of a join on the involved members: no duplicate rows, so no DISTINCT
    # (which made PostgreSQL sort the whole caseload; docs/performance.md).
    involved = Case.involved_members.through.objects.filter(user_id=user.pk).values("case_id")
    relation = Q(coordinator=user) | Q(client_supporter=user) | Q(pk__in=involved)
    return Case.objects.filter(
        Q(team_id__in=leader_teams) | (Q(team_id__in=member_teams) & relation)
    )


def case_scope_ids(user: User) -> QuerySet[Case]:
    """The scope as a subquery of ids (cheap to combine with other filters)."""
    return case_scope(user).values("pk")  # type: ignore[return-value]


def can_view_case(user: User, case: Case) -> bool:
    return case_scope(user).filter(pk=case.pk).exists()


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
    member_teams = org_policies.member_team_ids(user)
    visible_case = case_scope(user).filter(household_id=OuterRef("household_id"))
    team_report = Report.objects.filter(resident_id=OuterRef("pk"), team_id__in=member_teams)
    return Resident.objects.filter(
        Q(intake_team_id__in=member_teams) | Exists(visible_case) | Exists(team_report)
    )


def can_reopen(user: User, case: Case) -> bool:
    return case.state == CaseState.AFGESLOTEN and is_case_worker(user, case)
