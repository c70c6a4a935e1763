"""Case page section: interventions (light support, general provisions, allocations)."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Sum

from wijkteam.accounts.models import User

from ..models import Case, Intervention, ScaleEvent
from ..sections import register


@dataclass
class InterventionSection:
    interventions: Sequence[Intervention] = field(default_factory=list)


@register("intervention", order=50)
def load(case: Case, user: User) -> InterventionSection:
    """Two queries whatever the number of interventions: the list (with allocation, provider
    and total hours) and the scale history of the case (attached as ``scale_history``)."""
    interventions = list(
        Intervention.objects.filter(case=case)
        .select_related("delivered_by", "allocation__provider", "allocation__decision")
        .annotate(total_hours=Sum("time_entries__hours"))
        .order_by("starts_on", "id")
    )
    history: dict[int, list[ScaleEvent]] = defaultdict(list)
    for event in ScaleEvent.objects.filter(intervention__case=case).select_related("by"):
        history[event.intervention_id].append(event)
    for intervention in interventions:
        intervention.scale_history = history[intervention.pk]  # type: ignore[attr-defined]
    return InterventionSection(interventions=interventions)
