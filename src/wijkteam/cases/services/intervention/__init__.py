"""Interventions: light support by the team itself (with time registration), a referral to a
general provision, and the allocation (toewijzing) of a custom provision to a provider.

The package: ``allocation`` (providers, allocation numbers, the own-employer check and the
checks against the decision), ``start`` (starting an intervention), ``light_support`` (time
entries) and ``scaling`` (scaling and ending). The accountability list is in
:mod:`wijkteam.cases.selectors_accountability`; every name stays importable from here.
"""

from ...selectors_accountability import conflict_of_interest_allocations
from .allocation import (
    PROVIDER_KINDS,
    allocatable_decisions,
    allocation_number,
    own_employer,
    provider_choices,
)
from .light_support import MAX_HOURS_PER_DAY, time_entry_add
from .scaling import current_volume, intervention_end, intervention_scale
from .start import intervention_start

__all__ = [
    "MAX_HOURS_PER_DAY",
    "PROVIDER_KINDS",
    "allocatable_decisions",
    "allocation_number",
    "conflict_of_interest_allocations",
    "current_volume",
    "intervention_end",
    "intervention_scale",
    "intervention_start",
    "own_employer",
    "provider_choices",
    "time_entry_add",
]
