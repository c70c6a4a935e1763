"""Accountability reads for the teamleider's page and later reports.

``conflict_of_interest_allocations`` (allocations to the allocating member's own employer) and
``protocol_deviations`` (decisions that deviate from protocol). Re-exported from
:mod:`wijkteam.cases.services.intervention` and :mod:`wijkteam.cases.services.decision`.
"""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from wijkteam.core import compiled
from wijkteam.organisation.models import Team

from .models import Allocation, Decision


def conflict_of_interest_allocations(team: Team) -> QuerySet[Allocation]:
    """Allocations of the team's cases to the allocating member's own employer."""
    return (
        Allocation.objects.filter(intervention__case__team=team, own_employer=True)
        .select_related("intervention__case__household", "provider", "allocated_by", "decision")
        .order_by("-allocated_at", "-id")
    )


def protocol_deviations(team: Team) -> QuerySet[Decision]:
    """Decisions of the team that deviate from protocol, with their written justification."""
    return (
        Decision.objects.filter(case__team=team, deviates_from_protocol=True)
        .select_related("case__household", "decided_by", "approved_by")
        .order_by("-decided_at", "-id")
    )


def accountability_counts(team_ids: list[int]) -> QuerySet[Team]:
    """The teams with ``deviations`` and ``own_employer`` counted, in one query (by name)."""

    def count(qs: QuerySet, team_field: str) -> Coalesce:
        grouped = qs.order_by().values(team_field).annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(grouped, output_field=IntegerField()), 0)

    deviations = Decision.objects.filter(case__team=OuterRef("pk"), deviates_from_protocol=True)
    own = Allocation.objects.filter(intervention__case__team=OuterRef("pk"), own_employer=True)
    return (
        Team.objects.filter(pk__in=team_ids)
        .annotate(
            deviations=count(deviations, "case__team"),
            own_employer=count(own, "intervention__case__team"),
        )
        .order_by("name")
    )


def accountability_list(team_ids: list[int]) -> list[Team]:
    """The rows of :func:`accountability_counts`, its statement compiled once per number of
    teams (``core/compiled.py``; issue 17): the same SQL, the same teams and counts."""
    return compiled.instances(
        ("accountability_counts",), accountability_counts, [], lists=[team_ids]
    )
