"""Changes to an allocation the provider already has (iWmo/iJw 3.2, rule OP033x1).

A toewijzing sent is changed only by a new 301 with the same ToewijzingNummer, and then only in
its Einddatum (shorter or longer, or equal to its Ingangsdatum with RedenWijziging 13
"Verwijderd"); its volume only when the frequency is "totaal binnen geldigheidsduur". Any other
change of volume is the current toegewezen product ended (RedenWijziging 05, "Herbeoordeling:
verkorting toewijzing"; 12 while the provider's 317 on the allocation is open) plus a new one
with a new ToewijzingNummer from the day of the change,
both in **one** 301 written in one transaction. The products an allocation has had are kept
as ``AllocationLine`` rows from its first change on; before that the allocation is its one line.

The Toewijzingsdatum/-tijd of a change is the moment of the change: the latest toewijzing on
date and time is the one that counts.
"""

import dataclasses
import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wijkteam.cases.constants import Frequency
from wijkteam.cases.models import Allocation, ScaleEvent

from ..constants import ChangeReason, RequestStatus
from ..models import AllocationLine, Message, ProviderRequest
from ..xml.types import ProductLine
from .outgoing import allocation_301_data, allocation_301_store, allocation_for_301, product_line

DAY = datetime.timedelta(days=1)


def lines_of(allocation: Allocation) -> list[AllocationLine]:
    return list(AllocationLine.objects.filter(allocation=allocation).order_by("sequence"))


def line_for_number(number: str) -> AllocationLine | None:
    """The toegewezen product with ToewijzingNummer ``number``, when the allocation has lines."""
    return AllocationLine.objects.filter(number=number).first()


def is_current(line: AllocationLine | None) -> bool:
    """Is ``line`` the allocation's latest toegewezen product (no replacement after it)?"""
    if line is None:
        return True
    return not AllocationLine.objects.filter(
        allocation_id=line.allocation_id, sequence__gt=line.sequence
    ).exists()


def _next_number(allocation: Allocation, sequence: int) -> str:
    suffix = f"-{sequence}"
    return allocation.allocation_number[: 20 - len(suffix)] + suffix


def _as_product(
    allocation: Allocation, line: AllocationLine, *, at: datetime.datetime, reason: str = ""
) -> ProductLine:
    return dataclasses.replace(
        product_line(allocation, at=at),
        allocation_number=line.number,
        starts_on=line.starts_on,
        ends_on=line.ends_on,
        volume=line.volume,
        change_reason=reason,
    )


def products_after_changes(allocation: Allocation) -> list[ProductLine] | None:
    """The toegewezen products the provider holds after the allocation's changes, as they
    stand: every line with its Einddatum and RedenWijziging, except the removed ones (13: to
    be treated as never sent). ``None`` when the allocation has had no change (its one line).
    The Toewijzingsdatum/-tijd is now: the latest toewijzing counts, and it says the same."""
    lines = lines_of(allocation)
    if not lines:
        return None
    at = timezone.now()
    return [
        _as_product(allocation, line, at=at, reason=line.change_reason)
        for line in lines
        if line.change_reason != ChangeReason.VERWIJDERD
    ]


def _shortening_reason(allocation: Allocation) -> ChangeReason:
    """05, or 12 (geïnitieerd door de aanbieder) while the provider's 317 on it is open."""
    asked = ProviderRequest.objects.filter(
        allocation=allocation, kind="317", status=RequestStatus.OPEN
    ).exists()
    return ChangeReason.DOOR_AANBIEDER if asked else ChangeReason.VERKORTING


def _first_line(allocation: Allocation, volume: Decimal) -> AllocationLine:
    """Line 1: what the provider got in the first 301 (the volume before the change)."""
    return AllocationLine.objects.create(
        allocation=allocation,
        sequence=1,
        number=allocation.allocation_number,
        starts_on=allocation.intervention.starts_on,
        ends_on=allocation.intervention.ends_on,
        volume=volume,
    )


def allocation_change_301(*, allocation_id: int, reason: str = "") -> Message | None:
    """The 301 after the team changed the volume of an allocation (``CHANGED``).

    Frequency "totaal binnen geldigheidsduur": the same ToewijzingNummer with the new volume.
    ``reason``: the WMO002 RedenWijziging the team chose for the ended product (default 05, or
    12 while the provider's 317 is open).
    Otherwise the pair: the current product ended the day before the change (or removed, when
    the change takes effect on or before its Ingangsdatum) and a new product from the day of
    the change with the new volume. Nothing when the provider already has this volume (the
    listener called twice). Returns the message.
    """
    with transaction.atomic():
        allocation = allocation_for_301(allocation_id, lock=True)
        intervention = allocation.intervention
        scale = (
            ScaleEvent.objects.filter(intervention=intervention, new_volume=allocation.volume)
            .order_by("-at", "-id")
            .first()
        )
        lines = lines_of(allocation)
        if not lines:
            before = scale.old_volume if scale is not None else None
            lines = [_first_line(allocation, before or allocation.volume)]
        current = lines[-1]
        if current.volume == allocation.volume:
            return None
        at = timezone.now()
        if allocation.frequency == Frequency.TOTAAL:
            current.volume = allocation.volume
            current.save(update_fields=["volume"])
            products = [_as_product(allocation, current, at=at)]
        else:
            changed_on = timezone.localdate(scale.at) if scale is not None else timezone.localdate()
            ending: str
            if changed_on <= current.starts_on:
                current.ends_on, ending, new_start = (
                    current.starts_on,
                    ChangeReason.VERWIJDERD,
                    current.starts_on,
                )
            else:
                current.ends_on, ending, new_start = (
                    changed_on - DAY,
                    reason or _shortening_reason(allocation),
                    changed_on,
                )
            current.change_reason = ending
            current.save(update_fields=["ends_on", "change_reason"])
            sequence = current.sequence + 1
            new = AllocationLine.objects.create(
                allocation=allocation,
                sequence=sequence,
                number=_next_number(allocation, sequence),
                starts_on=new_start,
                ends_on=intervention.ends_on,
                volume=allocation.volume,
            )
            products = [
                _as_product(allocation, current, at=at, reason=ending),
                _as_product(allocation, new, at=at),
            ]
        data = allocation_301_data(allocation, lines=products)
        return allocation_301_store(allocation=allocation, data=data)


def allocation_end_301(*, allocation_id: int, reason: str = "") -> Message | None:
    """The 301 after the team ended the intervention of an allocation (``ENDED``).

    Every product still running past the intervention's end gets that Einddatum with the
    team's ``reason`` (default RedenWijziging 05, or 12 while the provider's 317 is open); a
    product that would only start after it is removed (Einddatum = Ingangsdatum,
    RedenWijziging 13). Nothing when no product changes (called twice).
    """
    with transaction.atomic():
        allocation = allocation_for_301(allocation_id, lock=True)
        ends_on = allocation.intervention.ends_on
        if ends_on is None:
            return None
        at = timezone.now()
        shortened = reason or _shortening_reason(allocation)
        lines = lines_of(allocation)
        if not lines:
            product = product_line(allocation, at=at)
            product.change_reason = shortened
            data = allocation_301_data(allocation, lines=[product])
            return allocation_301_store(allocation=allocation, data=data)
        products = []
        for line in lines:
            if line.starts_on > ends_on:
                if line.ends_on == line.starts_on and line.change_reason == ChangeReason.VERWIJDERD:
                    continue
                line.ends_on, line.change_reason = line.starts_on, ChangeReason.VERWIJDERD
            elif line.ends_on is None or line.ends_on > ends_on:
                line.ends_on, line.change_reason = ends_on, shortened
            else:
                continue
            line.save(update_fields=["ends_on", "change_reason"])
            products.append(_as_product(allocation, line, at=at, reason=line.change_reason))
        if not products:
            return None
        data = allocation_301_data(allocation, lines=products)
        return allocation_301_store(allocation=allocation, data=data)
