"""Example messages a provider would send, built from the data in the database (demo).

For the first allocation to a provider with an AGB code that has no delivery yet: its 305
(start levering, today) and its 307 (stop levering, today, reason "02"), plus a 315 for a
resident with an open case. Dropped in the inbox in name order (305 before 307), they start
and stop the delivery on the case and put the request in the team's queue.
"""

import datetime

from django.utils import timezone

from wijkteam.cases.constants import CaseState
from wijkteam.cases.models import Allocation, Case

from .constants import BERICHTCODE, StopReason
from .services.common import gemeentecode, new_message_id, standard_of_law
from .xml.build import build
from .xml.types import ClientData, Header, Message, ProductLine


def _header(*, standard: str, number: str, sender: str, receiver: str) -> Header:
    return Header(
        standard=standard,
        number=number,
        code=BERICHTCODE[number][standard],
        sender=sender,
        receiver=receiver,
        message_id=new_message_id(),
        dated=timezone.localdate(),
    )


def example_messages() -> list[tuple[str, bytes]]:
    allocation = (
        Allocation.objects.exclude(provider__agb_code="")
        .filter(delivery_events__isnull=True)
        .select_related("provider", "decision__resident", "intervention__case__team__municipality")
        .order_by("pk")
        .first()
    )
    if allocation is None:
        return []
    case = allocation.intervention.case
    standard = standard_of_law(allocation.decision.law)
    agb = allocation.provider.agb_code
    code = gemeentecode(case.team.municipality)
    resident = allocation.decision.resident
    today = timezone.localdate()
    start_day = max(allocation.intervention.starts_on, today)
    line = ProductLine(
        allocation_number=allocation.allocation_number,
        category=allocation.product_category,
        code=allocation.product_code,
    )
    # WMO305/WMO307 identify the client in full (Bsn, Geboortedatum, Geslacht, Naam).
    client = ClientData(
        bsn=resident.bsn,
        birth_date=resident.date_of_birth,
        gender="0",
        last_name=resident.last_name,
        prefix=resident.name_prefix,
        first_names=resident.first_name,
    )
    start = Message(
        header=_header(standard=standard, number="305", sender=agb, receiver=code),
        client=client,
        lines=[ProductLine(**{**line.__dict__, "starts_on": start_day, "status": "1"})],
    )
    stop = Message(
        header=_header(standard=standard, number="307", sender=agb, receiver=code),
        client=client,
        lines=[
            ProductLine(
                **{
                    **line.__dict__,
                    "starts_on": start_day,
                    "ends_on": start_day,
                    "stop_reason": StopReason.CONFORM,
                    "status": "1",
                }
            )
        ],
    )
    files = [
        (f"1_305_{start.header.message_id}.xml", build(start)),
        (f"2_307_{stop.header.message_id}.xml", build(stop)),
    ]
    other = (
        Case.objects.filter(team__municipality=case.team.municipality)
        .exclude(state=CaseState.AFGESLOTEN)
        .exclude(household__members__bsn="")
        .exclude(pk=case.pk)
        .order_by("pk")
        .first()
    )
    if other is not None:
        subject = other.household.members.exclude(bsn="").order_by("pk").first()
        assert subject is not None
        request = Message(
            header=_header(standard=standard, number="315", sender=agb, receiver=code),
            client=ClientData(
                bsn=subject.bsn,
                birth_date=subject.date_of_birth,
                gender="0",
                last_name=subject.last_name,
                prefix=subject.name_prefix,
                first_names=subject.first_name,
            ),
            lines=[
                ProductLine(
                    reference=f"REF{new_message_id()[:8]}",
                    category=allocation.product_category,
                    starts_on=today,
                    ends_on=today + datetime.timedelta(weeks=12),
                    volume=allocation.volume,
                    unit=allocation.unit,
                    frequency=allocation.frequency,
                )
            ],
        )
        files.append((f"3_315_{request.header.message_id}.xml", build(request)))
    return files
