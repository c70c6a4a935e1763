"""Reads of the team set-up, always scoped to what the acting user may see.

The set-up holds no resident data; member lists are employee data and are shown only to the
team itself and to the functioneel beheerder. Aggregates for policy officers and the client
council never carry names.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wijkteam.accounts.models import User

from . import policies
from .models import MandateRule, Membership, MembershipRole, Neighbourhood, Team


def team_list(*, user: User) -> QuerySet[Team]:
    return (
        policies.visible_teams(user)
        .select_related("municipality", "responsible_organisation")
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("municipality__name", "name")
    )


def shared_areas(team: Team) -> list[tuple[Neighbourhood, list[Team]]]:
    """Buurten of ``team`` that another team of the municipality with the same target group
    (and domain) also serves: a resident there would not know which team is theirs, and the
    queue of a melding from that buurt is ambiguous. Teams with different target groups (all
    residents beside a team for complex problems) may share an area by design."""
    others = (
        Team.objects.filter(
            municipality_id=team.municipality_id,
            target_group=team.target_group,
            target_domain=team.target_domain,
            neighbourhoods__in=team.neighbourhoods.all(),
        )
        .exclude(pk=team.pk)
        .prefetch_related("neighbourhoods")
        .distinct()
        .order_by("name")
    )
    mine = {n.pk: n for n in team.neighbourhoods.all()}
    shared: dict[int, list[Team]] = {}
    for other in others:
        for area in other.neighbourhoods.all():
            if area.pk in mine:
                shared.setdefault(area.pk, []).append(other)
    return [
        (mine[pk], teams) for pk, teams in sorted(shared.items(), key=lambda i: mine[i[0]].cbs_code)
    ]


def team_get(*, user: User, pk: int) -> Team:
    """One team with its set-up; 404 when out of the user's scope (never reveals existence)."""
    team = (
        policies.visible_teams(user)
        .select_related("municipality", "responsible_organisation")
        .prefetch_related(
            "functions",
            "neighbourhoods__district",
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("user", "organisation").prefetch_related(
                    Prefetch("roles", queryset=MembershipRole.objects.order_by("role"))
                ),
            ),
            Prefetch(
                "mandate_rules",
                queryset=MandateRule.objects.order_by("decision_type", "role", "product_category"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if team is None:
        raise Http404
    return team


def my_memberships(*, user: User) -> QuerySet[Membership]:
    return (
        policies.active_memberships(user)
        .select_related("team__municipality", "organisation")
        .prefetch_related("roles", "team__mandate_rules", "team__functions")
        .order_by("team__name")
    )


def my_team_roles(*, user: User) -> QuerySet[Membership]:
    """The user's active memberships with only the team (its name) and the roles: what the
    start page lists (:func:`my_memberships` also loads the mandate and the functions)."""
    return (
        policies.active_memberships(user)
        .select_related("team")
        .prefetch_related("roles")
        .order_by("team__name")
    )


@dataclass(frozen=True)
class TeamSummary:
    name: str
    model: str
    target_group: str
    functions: list[str]
    area_count: int
    member_count: int
    organisation_count: int


def team_overview(*, user: User) -> list[TeamSummary]:
    """Aggregate set-up of every team: no names of people, only counts."""
    if not policies.can_view_published_reports(user):
        raise Http404
    teams = (
        Team.objects.annotate(
            area_count=Count("neighbourhoods", distinct=True),
            member_count=Count("memberships", distinct=True),
            organisation_count=Count("memberships__organisation", distinct=True),
        )
        .prefetch_related("functions")
        .order_by("name")
    )
    return [
        TeamSummary(
            name=t.name,
            model=t.get_model_display(),
            target_group=t.get_target_group_display(),
            functions=[f.get_function_display() for f in t.functions.all()],
            area_count=t.area_count,
            member_count=t.member_count,
            organisation_count=t.organisation_count,
        )
        for t in teams
    ]


def team_member_users(
    *, team_id: int, role: str | None = None, on: datetime.date | None = None
) -> QuerySet[User]:
    """The active members of a team on ``on`` (today), optionally only those with ``role``.

    For notifying a team (a new melding, a decision waiting for the teamleider); never shown.
    """
    day = on or timezone.localdate()
    members = Membership.objects.filter(team_id=team_id, active_from__lte=day).filter(
        Q(active_until__isnull=True) | Q(active_until__gte=day)
    )
    if role is not None:
        members = members.filter(roles__role=role)
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by("pk")
