"""Helpers shared by the message services: identities, storing a message, the send queue."""

import datetime
import uuid
from dataclasses import asdict

from django.db import transaction
from django.utils import timezone

from wijkteam.cases.models import Allocation, Case
from wijkteam.cases.services.terms import atw_calendar
from wijkteam.organisation.models import Municipality, Organisation
from wijkteam.residents.models import Resident

from ..constants import BERICHTCODE, Direction, MessageStatus, RetourCode, Standard
from ..models import Message
from ..xml import checks, xsd
from ..xml import read as reader
from ..xml.build import build
from ..xml.types import Finding, Header
from ..xml.types import Message as MessageData


def new_message_id() -> str:
    return uuid.uuid4().hex[:12].upper()


def gemeentecode(municipality: Municipality) -> str:
    """The four digits of the CBS code (``GM0363`` → ``0363``): the Afzender of a 301."""
    return municipality.cbs_code.removeprefix("GM")


def municipality_by_code(code: str) -> Municipality | None:
    return Municipality.objects.filter(cbs_code=f"GM{code}").first() if code else None


def standard_of_law(law: str) -> str:
    return Standard.IJW if law == "jeugdwet" else Standard.IWMO


def header(*, standard: str, number: str, sender: str, receiver: str) -> Header:
    return Header(
        standard=standard,
        number=number,
        code=BERICHTCODE[number][standard],
        sender=sender,
        receiver=receiver,
        message_id=new_message_id(),
        dated=timezone.localdate(),
    )


def all_findings(data: MessageData, raw: bytes) -> list[Finding]:
    """Structural findings, then the XSD's (on the header) when a folder is configured."""
    found = checks.findings(data)
    if data.header.standard and data.header.number:
        errors = xsd.validate(data.header.standard, data.header.number, raw)
        found += [Finding(RetourCode.TECHNISCH, f"XSD: {e}") for e in errors or []]
    return found


def all_problems(data: MessageData, raw: bytes) -> list[list[str]]:
    """:func:`all_findings` as ``[code, text]`` pairs, as the message log keeps them."""
    return [[finding.code, finding.text] for finding in all_findings(data, raw)]


def store_outgoing(
    *,
    data: MessageData,
    provider: Organisation | None,
    case: Case | None = None,
    resident: Resident | None = None,
    allocation: Allocation | None = None,
    in_reply_to: Message | None = None,
) -> Message:
    """Build, check and keep an outgoing message; queue it for sending when it passes.

    A message that fails the checks is kept as ``mislukt`` with its findings (the beheerder
    sees them in the message log) and is never sent.
    """
    raw = build(data)
    problems = all_problems(data, raw)
    message = Message.objects.create(
        standard=data.header.standard,
        message_type=data.header.number,
        direction=Direction.OUT,
        status=MessageStatus.MISLUKT if problems else MessageStatus.WACHT,
        message_id=data.header.message_id,
        sender=data.header.sender,
        receiver=data.header.receiver,
        provider=provider,
        case=case,
        resident=resident,
        allocation=allocation,
        in_reply_to=in_reply_to,
        raw_xml=raw.decode("utf-8"),
        file_name=f"{data.header.number}_{data.header.message_id}.xml",
        retour_codes=data.retour.codes if data.retour else [],
        retour_blocks=retour_blocks_written(data, raw),
        problems=problems,
        last_error="" if not problems else "bericht voldoet niet aan de controles",
    )
    if not problems:
        transaction.on_commit(lambda: enqueue_send(message.pk))
    return message


def retour_blocks_written(data: MessageData, raw: bytes) -> list[dict[str, object]]:
    """The per-block RetourCodes of a retour we write, as our reader reads them back (the same
    shape as those of a received 302/320)."""
    if data.retour is None or data.retour.plan is None:
        return []
    return [asdict(block) for block in reader.read(raw).retour.blocks]  # type: ignore[union-attr]


def enqueue_send(message_id: int, *, delay_seconds: int = 0) -> None:
    from ..tasks import send_message  # the task module imports the services

    task = send_message
    if delay_seconds and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay_seconds))
    task.enqueue(message_id)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    calendar = atw_calendar()
    day = start
    counted = 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day
