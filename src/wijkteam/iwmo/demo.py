"""The demo's exchange: the catalogue and fictional BSNs, so the demo's 301s pass the checks."""

from collections.abc import Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from stdnum.nl import bsn as stdnum_bsn

from wijkteam.cases.constants import Frequency, InterventionStatus, ScaleChange
from wijkteam.cases.models import Allocation
from wijkteam.cases.services import intervention as interventions
from wijkteam.providers.demo import add_demo_catalogue
from wijkteam.residents.models import Resident


def _fictional_bsns(taken: set[str]) -> Iterator[str]:
    """Elfproef-valid numbers from 999 990 000 upwards (a range no real person holds)."""
    for n in range(999_990_000, 999_999_999):
        value = str(n)
        if value not in taken and stdnum_bsn.is_valid(value):
            yield value


def add_demo_exchange(*, municipality_id: int) -> int:
    """The demo's catalogue, and a fictional BSN for every resident with an allocation who has
    none, so that their 301 messages (sent when the demo's transaction commits) pass the checks.
    Run after the casework, inside the demo loader's transaction."""
    count = add_demo_catalogue(municipality_id=municipality_id)
    residents = Resident.objects.filter(
        municipality_id=municipality_id, bsn="", decisions__allocations__isnull=False
    ).distinct()
    taken = set(
        Resident.objects.filter(municipality_id=municipality_id)
        .exclude(bsn="")
        .values_list("bsn", flat=True)
    )
    numbers = _fictional_bsns(taken)
    for resident in residents:
        Resident.objects.filter(pk=resident.pk).update(bsn=next(numbers))
    _demo_volume_change(municipality_id=municipality_id)
    return count


def _demo_volume_change(*, municipality_id: int) -> None:
    """Scale down one running allocation, so that the demo's outbox also holds the 301 pair
    of a volume change (the current product ended, a new one assigned). Skipped quietly when
    the demo has no such allocation."""
    allocation = (
        Allocation.objects.filter(
            intervention__case__team__municipality_id=municipality_id,
            intervention__status=InterventionStatus.LOOPT,
            intervention__case__coordinator__isnull=False,
            volume__gt=1,
        )
        .exclude(frequency=Frequency.TOTAAL)
        .select_related("intervention__case__coordinator")
        .order_by("pk")
        .first()
    )
    if allocation is None:
        return
    case = allocation.intervention.case
    try:
        interventions.intervention_scale(
            actor=case.coordinator,
            intervention=allocation.intervention,
            change=ScaleChange.AFSCHALEN,
            reason="Minder begeleiding nodig (demo)",
            new_volume=allocation.volume - 1,
        )
    except (ValidationError, PermissionDenied):  # the demo goes on without it
        return
