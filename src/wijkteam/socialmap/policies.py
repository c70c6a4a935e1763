"""Who may do what on the social map. It holds no resident data: professionals search it,
the functioneel beheerder maintains it, residents read the active services in the portal."""

from django.db.models import QuerySet

from wijkteam.accounts.models import User
from wijkteam.accounts.policies import can_view_aggregate_reports
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.models import Team


def may_search(user: User) -> bool:
    """Professionals with an active team, and the functioneel beheerder."""
    if org_policies.can_configure(user):
        return True
    return org_policies.is_professional(user) and bool(org_policies.member_team_ids(user))


def may_maintain(user: User) -> bool:
    return org_policies.can_configure(user)


def may_read_area_infrastructure(user: User) -> bool:
    """The services and initiatives of a wijk or buurt on the area pages: also for the
    beleidsmedewerker, who reads those pages (no personal data is shown there)."""
    return may_search(user) or can_view_aggregate_reports(user)


def _team_municipalities(user: User) -> list[int]:
    return list(
        Team.objects.filter(pk__in=org_policies.member_team_ids(user))
        .values_list("municipality_id", flat=True)
        .distinct()
    )


def municipality_ids(user: User) -> list[int] | None:
    """The municipalities whose map the user reads: those of their teams (None: all, for the
    beheerder; an empty list for anyone else). The beleidsmedewerker, who reads the area
    pages, reads the municipalities of the teams they belong to, or all when they belong to
    none (one municipality per installation), as for the indicators. The screens and the API
    check ``may_search`` first."""
    if org_policies.can_configure(user):
        return None
    if can_view_aggregate_reports(user):
        return _team_municipalities(user) or None
    if not org_policies.is_professional(user):
        return []
    return _team_municipalities(user)


def may_register_initiative(user: User) -> bool:
    return may_search(user)


def support_teams(user: User) -> QuerySet[Team]:
    """The teams on whose behalf the user records support for an initiative."""
    if org_policies.can_configure(user):
        return Team.objects.order_by("name")
    return Team.objects.filter(pk__in=org_policies.member_team_ids(user)).order_by("name")
