"""Outgoing messages: the 301 from an allocation, the 319 answer, the retours, and sending."""

import datetime
import logging
import re
from dataclasses import replace

from django.db import transaction
from django.utils import timezone

from wijkteam.cases.models import Allocation
from wijkteam.residents.models import Resident

from .. import conf, representatives
from ..constants import (
    ADDRESS_KIND_BRP,
    ADDRESS_KIND_CORRESPONDENCE,
    RETOUR_OF,
    Direction,
    MessageStatus,
)
from ..models import Message
from ..transport import Transport, get_transport
from ..xml.build import build
from ..xml.plan import retour_plan
from ..xml.types import Address, Answer, ClientData, Finding, ProductLine, Relation, Retour
from ..xml.types import Message as MessageData
from .common import all_problems, gemeentecode, header, standard_of_law, store_outgoing

logger = logging.getLogger(__name__)


def product_line(allocation: Allocation, *, at: datetime.datetime | None = None) -> ProductLine:
    """The ToegewezenProduct of ``allocation``: its own number, period and volume.

    ``at`` is the Toewijzingsdatum/-tijd: the allocation's own moment for a new allocation, the
    moment of the change for a change (the latest toewijzing on date and time counts, OP033x1).
    A change replaces number, period, volume and reason with ``dataclasses.replace``.
    """
    intervention = allocation.intervention
    allocated = timezone.localtime(at or allocation.allocated_at)
    return ProductLine(
        allocation_number=allocation.allocation_number,
        category=allocation.product_category,
        code=allocation.product_code,
        allocated_on=allocated.date(),
        allocated_time=allocated.strftime("%H:%M:%S"),
        starts_on=intervention.starts_on,
        ends_on=intervention.ends_on,
        volume=allocation.volume,
        unit=allocation.unit,
        frequency=allocation.frequency,
        budget=allocation.decision.budget if allocation.unit == "83" else None,
    )


_HOUSE = re.compile(r"^\s*([0-9]{1,5})[ -]?(.*)$")


def house_number_parts(value: str) -> tuple[str, str, str]:
    """A house number as the resident's record keeps it ("12", "12a", "12 A-3", "12-2",
    "12 bis") split into Huisnummer, Huisletter and HuisnummerToevoeging (BAG)."""
    match = _HOUSE.match(value or "")
    if match is None:
        return "", "", ""
    number, rest = match.group(1), match.group(2).strip()
    if not rest:
        return number, "", ""
    if rest[0].isalpha() and (len(rest) == 1 or not rest[1].isalpha()):
        return number, rest[0].upper(), rest[1:].strip(" -")[:4]
    return number, "", rest[:4]


def resident_address(resident: Resident) -> Address | None:
    """The Adres of the 301's Contact (Soort 01, BRP-adres) from the resident's record; None
    when the record holds no address at all (the Contact then carries its Soort only)."""
    if not any((resident.street, resident.house_number, resident.postcode, resident.city)):
        return None
    number, letter, addition = house_number_parts(resident.house_number)
    return Address(
        kind=ADDRESS_KIND_BRP,
        street=resident.street.strip(),
        house_number=number,
        house_letter=letter,
        addition=addition,
        postcode=resident.postcode.replace(" ", "").upper(),
        city=resident.city.strip(),
    )


_PHONE_SEPARATORS = re.compile(r"[\s\-.()/]")


def phone_digits(value: str) -> str:
    """A recorded phone number as the 301's Telefoonnummer (LDT_Telefoonnummer: digits only,
    at most 15): separators removed, +31/0031 written as the national 0, another country's
    + as 00 ("+32 2 555 12 34" → "003225551234"). What is left is checked, not repaired: a
    value that is still not digits (or too long) keeps the 301 ``mislukt`` with a finding."""
    digits = _PHONE_SEPARATORS.sub("", value.strip())
    for prefix in ("+31", "0031"):
        if digits.startswith(prefix):
            return "0" + digits[len(prefix) :]
    if digits.startswith("+"):
        return "00" + digits[1:]
    return digits


def client_reach(resident: Resident) -> tuple[list[str], str]:
    """The 301's Telefoon and Emailadres of the resident, where recorded."""
    phones = [phone_digits(resident.phone)] if resident.phone.strip() else []
    return phones, resident.email.strip()


def client_relations(resident: Resident) -> list[Relation]:
    """The Relaties of the 301: the resident's legal representatives active today, from the
    registry the portal fills (``iwmo.representatives``); empty when there are none."""
    return [
        Relation(
            number=person.key,
            kind=person.kind,
            last_name=person.name,
            contact_kind=ADDRESS_KIND_CORRESPONDENCE,
            phones=[phone_digits(number) for number in person.phones if number.strip()],
            email=person.email.strip(),
        )
        for person in representatives.for_resident(resident.pk, timezone.localdate())
    ]


def allocation_301_data(
    allocation: Allocation, *, lines: list[ProductLine] | None = None
) -> MessageData:
    """The 301 of ``allocation``: its single line, or the given ``lines`` (a change)."""
    decision = allocation.decision
    resident = decision.resident
    case = allocation.intervention.case
    phones, email = client_reach(resident)
    return MessageData(
        header=header(
            standard=standard_of_law(decision.law),
            number="301",
            sender=gemeentecode(case.team.municipality),
            receiver=allocation.provider.agb_code,
        ),
        client=ClientData(
            bsn=resident.bsn,
            birth_date=resident.date_of_birth,
            gender="0",
            last_name=resident.last_name,
            prefix=resident.name_prefix,
            first_names=resident.first_name,
            address=resident_address(resident),
            phones=phones,
            email=email,
            relations=client_relations(resident),
        ),
        lines=lines if lines is not None else [product_line(allocation)],
    )


def allocation_for_301(allocation_id: int, *, lock: bool = False) -> Allocation:
    rows = Allocation.objects.select_related(
        "decision__resident",
        "intervention__case__team__municipality",
        "provider",
    )
    if lock:
        rows = rows.select_for_update(of=("self",))
    return rows.get(pk=allocation_id)


def allocation_301_store(*, allocation: Allocation, data: MessageData) -> Message:
    return store_outgoing(
        data=data,
        provider=allocation.provider,
        case=allocation.intervention.case,
        resident=allocation.decision.resident,
        allocation=allocation,
    )


def message_301_create(*, allocation_id: int) -> Message:
    """The 301 (toewijzing) of a new allocation, kept in the log and queued for sending."""
    allocation = allocation_for_301(allocation_id)
    with transaction.atomic():
        return allocation_301_store(allocation=allocation, data=allocation_301_data(allocation))


def retour_create(
    *, incoming: Message, data: MessageData, findings: list[Finding], echo: bytes = b""
) -> Message | None:
    """The retour (306, 308, 316, 318) of a received message: the header with its own
    RetourCodes and, when the message could be read (``echo``), its Client block repeated
    with the RetourCodes of every block (``xml.plan``). When the echo itself would not pass
    the checks (a received message that is not valid by the XSD repeats its faults), the
    retour goes with the header only, carrying every code."""
    number = RETOUR_OF.get(data.header.number)
    if number is None or not data.header.sender:
        return None
    header_codes, plan = retour_plan(findings, lines=len(data.lines))
    every_code = sorted({finding.code for finding in findings}) or header_codes
    back = Retour(
        identification=data.header.message_id or "onbekend",
        dated=data.header.dated or timezone.localdate(),
        codes=header_codes,
        echo=echo if data.client is not None else b"",
        plan=plan,
    )
    retour = MessageData(
        header=header(
            standard=data.header.standard,
            number=number,
            sender=data.header.receiver,
            receiver=data.header.sender,
        ),
        retour=back,
    )
    if not back.echo or all_problems(retour, build(retour)):
        retour.retour = replace(back, codes=every_code, echo=b"", plan=None)
    return store_outgoing(
        data=retour,
        provider=incoming.provider,
        case=incoming.case,
        resident=incoming.resident,
        allocation=incoming.allocation,
        in_reply_to=incoming,
    )


def answer_319_create(
    *, incoming: Message, answer: str, reference: str, refusal_code: str = ""
) -> Message:
    """The 319 (antwoordbericht) on a 315/317: Header and Antwoord (ReferentieAanbieder,
    VerzoekAntwoord WJ760, RedenAfwijzingVerzoek WJ759), no Client."""
    data = MessageData(
        header=header(
            standard=incoming.standard,
            number="319",
            sender=incoming.receiver,
            receiver=incoming.sender,
        ),
        answer=Answer(answer=answer, reference=reference, refusal_reason=refusal_code),
    )
    return store_outgoing(
        data=data,
        provider=incoming.provider,
        case=incoming.case,
        resident=incoming.resident,
        in_reply_to=incoming,
    )


def request_301_create(
    *,
    incoming: Message,
    allocation: Allocation,
    reference: str,
    lines: list[ProductLine] | None = None,
) -> Message:
    """A granted 315/317 is answered by the allocation's 301 carrying the request's
    ReferentieAanbieder on every product (release 3.2: no 319 for a granted request): its one
    product, or ``lines``, the products after a volume change (``changes``)."""
    allocation = allocation_for_301(allocation.pk)
    data = allocation_301_data(allocation, lines=lines)
    data.lines = [replace(line, reference=reference) for line in data.lines]
    return store_outgoing(
        data=data,
        provider=allocation.provider,
        case=allocation.intervention.case,
        resident=allocation.decision.resident,
        allocation=allocation,
        in_reply_to=incoming,
    )


def message_send(*, message_id: int, transport: Transport | None = None) -> str:
    """Hand one waiting message to the transport; on failure count the attempt.

    Returns the new status. After ``IWMO_SEND_ATTEMPTS`` failures the message is ``mislukt``.
    """
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != MessageStatus.WACHT:
            return message.status if message else ""
        try:
            (transport or get_transport()).send(
                name=message.file_name, content=message.raw_xml.encode("utf-8")
            )
        except Exception as exc:  # any transport failure is retried, never a crash
            message.attempts += 1
            message.last_error = f"verzenden mislukt ({type(exc).__name__})"
            if message.attempts >= conf.send_attempts():
                message.status = MessageStatus.MISLUKT
            message.save(update_fields=["attempts", "last_error", "status"])
            logger.warning("iwmo: message %s not sent (%s)", message.pk, type(exc).__name__)
        else:
            message.attempts += 1
            message.status = MessageStatus.VERZONDEN
            message.sent_at = timezone.now()
            message.last_error = ""
            message.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return message.status


def pending_send(*, transport: Transport | None = None) -> tuple[int, int]:
    """Send every waiting outgoing message (the retry sweep); (sent, still waiting or failed)."""
    sent = failed = 0
    ids = list(
        Message.objects.filter(direction=Direction.OUT, status=MessageStatus.WACHT)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        if message_send(message_id=pk, transport=transport) == MessageStatus.VERZONDEN:
            sent += 1
        else:
            failed += 1
    return sent, failed


def backoff_seconds(attempts: int) -> int:
    return int(datetime.timedelta(minutes=2**attempts).total_seconds())
