"""Case page section: interventions (light support, general provisions, allocations)."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet, Sum

from wijkteam.accounts.models import User
from wijkteam.core import compiled

from ..models import Case, Intervention, ScaleEvent
from ..sections import register


@dataclass
class InterventionSection:
    interventions: Sequence[Intervention] = field(default_factory=list)


def case_interventions(case_id: int) -> QuerySet[Intervention]:
    """The case's interventions with allocation, provider, decision and total hours."""
    return (
        Intervention.objects.filter(case=case_id)
        .select_related("delivered_by", "allocation__provider", "allocation__decision")
        .annotate(total_hours=Sum("time_entries__hours"))
        .order_by("starts_on", "id")
    )


def case_scale_events(case_id: int) -> QuerySet[ScaleEvent]:
    """The scale history of all interventions of the case."""
    return ScaleEvent.objects.filter(intervention__case=case_id).select_related("by")


@register("intervention", order=50)
def load(case: Case, user: User) -> InterventionSection:
    """Two queries whatever the number of interventions: the list (with allocation, provider
    and total hours) and the scale history of the case (attached as ``scale_history``); both
    compiled once (core/compiled.py)."""
    interventions = compiled.instances("cases.interventions", case_interventions, [case.pk])
    history: dict[int, list[ScaleEvent]] = defaultdict(list)
    for event in compiled.instances("cases.scale_events", case_scale_events, [case.pk]):
        history[event.intervention_id].append(event)
    for intervention in interventions:
        intervention.scale_history = history[intervention.pk]  # type: ignore[attr-defined]
    return InterventionSection(interventions=interventions)
