"""Who may do what with team designs and area pages: small pure functions.

The design of a team is filled in by its teamleider and by the functioneel beheerder (who also
starts designs for teams still being planned and applies answers to the team's set-up); the
team's members may read it. The area pages show aggregates only (small cells suppressed) to
professionals of a team, the functioneel beheerder and the beleidsmedewerker.
"""

from django.db.models import Q, QuerySet

from wijkteam.accounts.models import User
from wijkteam.accounts.policies import can_configure, can_view_aggregate_reports
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.models import Team

from .models import TeamDesign


def may_use_designs(user: User) -> bool:
    return can_configure(user) or bool(
        org_policies.is_professional(user) and org_policies.member_team_ids(user)
    )


def design_scope(user: User) -> QuerySet[TeamDesign]:
    """Designs the user may read: all for the beheerder, their own teams' for members."""
    if can_configure(user):
        return TeamDesign.objects.all()
    if org_policies.is_professional(user):
        return TeamDesign.objects.filter(team_id__in=org_policies.member_team_ids(user))
    return TeamDesign.objects.none()


def may_edit_design(user: User, design: TeamDesign) -> bool:
    if can_configure(user):
        return True
    return (
        org_policies.is_professional(user)
        and design.team_id is not None
        and design.team_id in org_policies.leader_team_ids(user)
    )


def may_start_design(user: User, team_id: int | None) -> bool:
    """The beheerder starts any design (also of a planned team); a teamleider their team's."""
    if can_configure(user):
        return True
    return team_id is not None and team_id in org_policies.leader_team_ids(user)


def may_apply_to_team(user: User, design: TeamDesign) -> bool:
    """Only the functioneel beheerder changes a team's set-up (organisation.services)."""
    return can_configure(user) and design.team_id is not None


def may_edit_questions(user: User) -> bool:
    return can_configure(user)


def may_view_areas(user: User) -> bool:
    return (
        can_configure(user)
        or can_view_aggregate_reports(user)
        or bool(org_policies.is_professional(user) and org_policies.member_team_ids(user))
    )


def area_municipality_ids(user: User) -> list[int] | None:
    """The municipalities whose wijken and buurten the user reads: those of their teams; all
    (None) for the functioneel beheerder, and for a beleidsmedewerker who belongs to no team
    (one municipality per installation), as for the indicators."""
    if can_configure(user):
        return None
    ids = list(
        Team.objects.filter(pk__in=org_policies.member_team_ids(user))
        .values_list("municipality_id", flat=True)
        .distinct()
    )
    if can_view_aggregate_reports(user):
        return ids or None
    return ids


def may_import_figures(user: User) -> bool:
    return can_configure(user)


def startable_team_filter(user: User) -> Q:
    """Teams without a design that the user may start one for."""
    if can_configure(user):
        return Q(design__isnull=True)
    return Q(design__isnull=True, pk__in=org_policies.leader_team_ids(user))
