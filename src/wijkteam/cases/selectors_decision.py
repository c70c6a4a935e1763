"""Reads around a decision that warn the decider before they decide."""

from wijkteam.accounts.models import User

from . import policies
from .constants import DecisionOutcome, DecisionStatus
from .models import Decision

GRANTED = (DecisionOutcome.TOEGEKEND, DecisionOutcome.DEELS)


def overlapping_grants(*, user: User, decision: Decision) -> list[Decision]:
    """Grants (decided, or waiting for the second approval) for the same resident and product
    category whose period overlaps this aanvraag's, in cases the user may see: a second grant
    for the same support and time is usually a mistake (or a deliberate extension the decider
    should mention in the motivation). The caller already read this resident's case (logged)."""
    return list(
        Decision.objects.filter(
            resident_id=decision.resident_id,
            product_category=decision.product_category,
            status__in=(DecisionStatus.BESLOTEN, DecisionStatus.WACHT_OP_AKKOORD),
            outcome__in=GRANTED,
            starts_on__lte=decision.ends_on,
            ends_on__gte=decision.starts_on,
            case__in=policies.case_scope_ids(user),
        )
        .exclude(pk=decision.pk)
        .order_by("starts_on", "pk")[:5]
    )
