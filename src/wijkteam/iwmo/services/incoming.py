"""Incoming messages: read, check, apply (305, 307, 315, 317; retours 302/320), answer.

Every message received is kept in the log, valid or not. A message that fails is
``afgekeurd`` with its findings and changes nothing on the case (the handlers run in a
savepoint that is rolled back on any finding); where the header could be read, a retour with
the RetourCodes goes back to the sender. Nothing here raises to the worker: an unexpected
error is logged (without content) and the file is set aside as rejected.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.cases.constants import CaseState, InterventionStatus
from wijkteam.cases.models import Allocation, Case, Intervention
from wijkteam.organisation.models import Organisation
from wijkteam.providers.selectors import provider_by_agb
from wijkteam.residents.models import Resident

from ..constants import (
    INCOMING,
    REQUEST_ANSWER_WORKING_DAYS,
    RETOUR_NOT_REJECTED,
    ChangeReason,
    DeliveryEventKind,
    Direction,
    MessageStatus,
    RetourCode,
    StatusAanlevering,
)
from ..models import AllocationLine, DeliveryEvent, Message, ProviderRequest
from ..transport import Transport, get_transport
from ..xml import read as reader
from ..xml.types import Finding
from ..xml.types import Message as MessageData
from . import changes
from .common import add_working_days, all_findings, municipality_by_code
from .outgoing import retour_create

logger = logging.getLogger(__name__)


class _Refused(Exception):
    """A business rule refuses the message; ``block`` and ``index`` name the block at fault
    (the product line being handled unless the rule names another, see ``_on_line``)."""

    def __init__(self, code: str, text: str, block: str = "", index: int = 0) -> None:
        super().__init__(text)
        self.code = code
        self.text = text
        self.block = block
        self.index = index

    def finding(self) -> Finding:
        return Finding(self.code, self.text, self.block or "header", self.index)


@contextmanager
def _on_line(index: int) -> Iterator[None]:
    """A refusal while handling product line ``index`` belongs to that line's block."""
    try:
        yield
    except _Refused as exc:
        if not exc.block:
            exc.block, exc.index = "line", index
            exc.text = f"product {index + 1}: {exc.text}"
        raise


@dataclass
class InboxResult:
    received: int = 0
    accepted: int = 0
    rejected: int = 0

    def summary(self) -> str:
        return gettext("%(received)s ontvangen, %(accepted)s verwerkt, %(rejected)s afgekeurd") % {
            "received": self.received,
            "accepted": self.accepted,
            "rejected": self.rejected,
        }


def inbox_process(*, transport: Transport | None = None) -> InboxResult:
    """Read every waiting message from the transport; never raises for one bad message."""
    transport = transport or get_transport()
    result = InboxResult()
    for item in transport.receive():
        result.received += 1
        try:
            message = message_receive(name=item.name, content=item.content)
            ok = message.status == MessageStatus.VERWERKT
        except Exception as exc:  # the worker never crashes on one message
            logger.error("iwmo: inbox item not processed (%s)", type(exc).__name__)
            ok = False
        result.accepted += ok
        result.rejected += not ok
        transport.done(item, ok=ok)
    return result


def _decoded(content: bytes) -> str:
    # PostgreSQL text cannot hold NUL; a hostile file may contain it.
    return content[: reader.MAX_BYTES].decode("utf-8", errors="replace").replace("\x00", "\ufffd")


def _reject_unreadable(name: str, content: bytes, exc: reader.Rejected) -> Message:
    h = exc.header
    with transaction.atomic():
        message = Message.objects.create(
            standard=h.standard if h else "",
            message_type=h.number if h and h.number in INCOMING else "",
            direction=Direction.IN,
            status=MessageStatus.AFGEKEURD,
            message_id=(h.message_id if h else "")[:40],
            sender=(h.sender if h else "")[:20],
            receiver=(h.receiver if h else "")[:20],
            provider=provider_by_agb(h.sender) if h and h.sender else None,
            raw_xml=_decoded(content),
            file_name=name[:200],
            retour_codes=[exc.code],
            problems=[[exc.code, exc.text]],
        )
        if h is not None and h.number in INCOMING and h.sender:
            retour_create(
                incoming=message, data=MessageData(header=h), findings=[Finding(exc.code, "")]
            )
    return message


def message_receive(*, name: str, content: bytes) -> Message:
    """Receive one message: keep it, check it, apply it, answer it with a retour."""
    try:
        data = reader.read(content)
    except reader.Rejected as exc:
        return _reject_unreadable(name, content, exc)
    h = data.header
    findings = all_findings(data, content)
    if h.number not in INCOMING:
        findings.append(Finding(RetourCode.BERICHTCODE, f"bericht {h.number} wordt niet ontvangen"))
    municipality = municipality_by_code(h.receiver)
    if municipality is None:
        findings.append(
            Finding(RetourCode.ONTVANGER, "Ontvanger is geen gemeente van deze installatie")
        )
    provider = provider_by_agb(h.sender) if h.sender else None
    if provider is None:
        findings.append(
            Finding(RetourCode.AFZENDER, "Afzender is geen bekende aanbieder (AGB-code)")
        )
    with transaction.atomic():
        duplicate = (
            Message.objects.select_for_update()
            .filter(direction=Direction.IN, sender=h.sender, message_id=h.message_id)
            .exclude(status=MessageStatus.AFGEKEURD)
            .exists()
        )
        if duplicate:
            findings.append(
                Finding(RetourCode.DUBBEL, "BerichtIdentificatie is al eerder ontvangen")
            )
        message = Message.objects.create(
            standard=h.standard,
            message_type=h.number,
            direction=Direction.IN,
            status=MessageStatus.AFGEKEURD,
            message_id=h.message_id[:40],
            sender=h.sender[:20],
            receiver=h.receiver[:20],
            provider=provider,
            raw_xml=_decoded(content),
            file_name=name[:200],
            problems=[[f.code, f.text] for f in findings],
        )
        if not findings:
            try:
                with transaction.atomic():  # a savepoint: a refusal undoes every change
                    _apply(message, data, provider)  # type: ignore[arg-type]
            except _Refused as exc:
                findings.append(exc.finding())
            except IntegrityError:
                findings.append(
                    Finding(RetourCode.DUBBELE_SLEUTEL, "bericht botst met een eerder bericht")
                )
        problems = [[f.code, f.text] for f in findings]
        message.status = MessageStatus.AFGEKEURD if problems else MessageStatus.VERWERKT
        message.problems = problems
        message.retour_codes = sorted({f.code for f in findings}) or [RetourCode.GOEDGEKEURD]
        message.save()
        if h.number in INCOMING and h.number not in ("302", "320"):
            retour_create(incoming=message, data=data, findings=findings, echo=content)
    return message


def _apply(message: Message, data: MessageData, provider: Organisation) -> None:
    handler = {
        "305": _start_delivery,
        "307": _stop_delivery,
        "315": _request,
        "317": _request,
        "302": _retour_received,
        "320": _retour_received,
    }[data.header.number]
    handler(message, data, provider)


def _allocation(number: str, provider: Organisation) -> Allocation:
    return _product(number, provider)[0]


def _product(number: str, provider: Organisation) -> tuple[Allocation, AllocationLine | None]:
    """The allocation of a ToewijzingNummer, with its toegewezen product after a change."""
    line = changes.line_for_number(number)
    rows = Allocation.objects.select_related("intervention__case", "decision")
    if line is not None:
        allocation = rows.filter(pk=line.allocation_id).first()
    else:
        allocation = rows.filter(allocation_number=number).first()
    if allocation is None:
        raise _Refused(RetourCode.TOEWIJZING_ONBEKEND, "ToewijzingNummer is onbekend")
    if allocation.provider_id != provider.pk:
        raise _Refused(RetourCode.TOEWIJZING_AANBIEDER, "toewijzing hoort bij een andere aanbieder")
    if line is not None and line.change_reason == ChangeReason.VERWIJDERD:
        # RedenWijziging 13: the toewijzing is to be treated as never sent (OP033x1).
        raise _Refused(RetourCode.TOEWIJZING_ONBEKEND, "toewijzing is verwijderd")
    return allocation, line


def _link(message: Message, allocation: Allocation) -> None:
    message.allocation = allocation
    message.case = allocation.intervention.case
    message.resident_id = allocation.decision.resident_id
    message.save(update_fields=["allocation", "case", "resident"])


def _check_client(allocation: Allocation, data: MessageData) -> None:
    if data.client is None or allocation.decision.resident.bsn != data.client.bsn:
        raise _Refused(RetourCode.CLIENT_ONBEKEND, "Bsn past niet bij de toewijzing", "client")


def _not_removal(status: str) -> None:
    """StatusAanlevering 3 (remove an earlier 305/307) is not applied automatically: the
    message is refused so the provider and the team sort it out (docs/iwmo.md)."""
    if status == StatusAanlevering.VERWIJDEREN:
        raise _Refused(
            RetourCode.TECHNISCH,
            "StatusAanlevering 3 (verwijderen) wordt niet automatisch verwerkt",
        )


def _start_delivery(message: Message, data: MessageData, provider: Organisation) -> None:
    for index, line in enumerate(data.lines):
        with _on_line(index):
            number = line.allocation_number
            _not_removal(line.status)
            allocation, product = _product(number, provider)
            _check_client(allocation, data)
            intervention = Intervention.objects.select_for_update().get(
                pk=allocation.intervention_id
            )
            assert line.starts_on is not None
            first = product.starts_on if product is not None else intervention.starts_on
            last = product.ends_on if product is not None else intervention.ends_on
            if line.starts_on < first or (last is not None and line.starts_on > last):
                raise _Refused(
                    RetourCode.DATUM_BUITEN_TOEWIJZING, "Begindatum ligt buiten de toewijzing"
                )
            if DeliveryEvent.objects.filter(
                allocation=allocation, allocation_number=number, kind=DeliveryEventKind.START
            ).exists():
                raise _Refused(RetourCode.DUBBELE_SLEUTEL, "start levering is al ontvangen")
            DeliveryEvent.objects.create(
                allocation=allocation,
                allocation_number=number,
                kind=DeliveryEventKind.START,
                on=line.starts_on,
                message=message,
            )
            if intervention.status == InterventionStatus.GEPLAND and line.starts_on <= (
                timezone.localdate()
            ):
                intervention.status = InterventionStatus.LOOPT
                intervention.save(update_fields=["status"])
            audit_record(
                actor=None,
                action=AuditAction.UPDATE,
                obj=intervention,
                changes={"levering": "start", "bericht": message.message_id},
            )
            _link(message, allocation)


def _stop_delivery(message: Message, data: MessageData, provider: Organisation) -> None:
    """A stop of the current product ends the intervention; a stop of a product replaced
    after a volume change (the provider stops it and starts the new one) is only recorded."""
    for index, line in enumerate(data.lines):
        with _on_line(index):
            number = line.allocation_number
            _not_removal(line.status)
            allocation, product = _product(number, provider)
            _check_client(allocation, data)
            intervention = Intervention.objects.select_for_update().get(
                pk=allocation.intervention_id
            )
            start = DeliveryEvent.objects.filter(
                allocation=allocation, allocation_number=number, kind=DeliveryEventKind.START
            ).first()
            if start is None:
                raise _Refused(RetourCode.STOP_ZONDER_START, "stop levering zonder start levering")
            if DeliveryEvent.objects.filter(
                allocation=allocation, allocation_number=number, kind=DeliveryEventKind.STOP
            ).exists():
                raise _Refused(RetourCode.DUBBELE_SLEUTEL, "stop levering is al ontvangen")
            assert line.ends_on is not None
            if line.ends_on < start.on:
                raise _Refused(RetourCode.DATUM_VOLGORDE, "Einddatum ligt vóór de start levering")
            DeliveryEvent.objects.create(
                allocation=allocation,
                allocation_number=number,
                kind=DeliveryEventKind.STOP,
                on=line.ends_on,
                stop_reason=line.stop_reason,
                message=message,
            )
            if changes.is_current(product) and intervention.status != InterventionStatus.BEEINDIGD:
                intervention.status = InterventionStatus.BEEINDIGD
                intervention.ends_on = max(line.ends_on, intervention.starts_on)
                intervention.save(update_fields=["status", "ends_on"])
            audit_record(
                actor=None,
                action=AuditAction.UPDATE,
                obj=intervention,
                changes={
                    "levering": "stop",
                    "reden": line.stop_reason,
                    "bericht": message.message_id,
                },
            )
            _link(message, allocation)


def _open_case(resident: Resident) -> Case | None:
    return (
        Case.objects.filter(household_id=resident.household_id)
        .exclude(state=CaseState.AFGESLOTEN)
        .order_by("-pk")
        .first()
    )


def _request(message: Message, data: MessageData, provider: Organisation) -> None:
    assert data.client is not None
    municipality = municipality_by_code(data.header.receiver)
    resident = Resident.objects.filter(municipality=municipality, bsn=data.client.bsn).first()
    case = _open_case(resident) if resident is not None else None
    if resident is None or case is None:
        raise _Refused(RetourCode.CLIENT_ONBEKEND, "cliënt heeft geen lopende casus", "client")
    received = timezone.localdate()
    for index, line in enumerate(data.lines):
        with _on_line(index):
            allocation = None
            if data.header.number == "317":
                allocation = _allocation(line.allocation_number, provider)
                if allocation.decision.resident_id != resident.pk:
                    raise _Refused(
                        RetourCode.CLIENT_ONBEKEND, "Bsn past niet bij de toewijzing", "client"
                    )
                case = allocation.intervention.case
            if (
                ProviderRequest.objects.filter(
                    provider=provider, reference=line.reference, status="open"
                )
                .exclude(message=message)
                .exists()
            ):
                raise _Refused(
                    RetourCode.VERZOEK_ONDERHANDEN, "een verzoek met deze referentie staat al open"
                )
            assert line.starts_on is not None
            ProviderRequest.objects.create(
                message=message,
                kind=data.header.number,
                case=case,
                resident=resident,
                provider=provider,
                allocation=allocation,
                reference=line.reference[:20],
                request_reason=data.request_reason[:1],
                product_category=line.category
                or (allocation.product_category if allocation else ""),
                product_code=line.code,
                volume=line.volume,
                unit=line.unit,
                frequency=line.frequency,
                starts_on=line.starts_on,
                ends_on=line.ends_on,
                received_on=received,
                due_on=add_working_days(received, REQUEST_ANSWER_WORKING_DAYS),
            )
    message.case = case
    message.resident = resident
    message.save(update_fields=["case", "resident"])


def _retour_received(message: Message, data: MessageData, provider: Organisation) -> None:
    assert data.retour is not None
    original = Message.objects.filter(
        direction=Direction.OUT,
        message_id=data.retour.identification,
        receiver=data.header.sender,
    ).first()
    if original is None:
        raise _Refused(RetourCode.TECHNISCH, "IdentificatieRetour verwijst naar geen bericht")
    # Read completely: the header's codes and every block's (client, product, contact ...);
    # any code other than 0200/0233 in any block means the receiver rejected (part of) it.
    blocks = [asdict(block) for block in data.retour.blocks]
    codes = data.retour.all_codes()
    ok = bool(codes) and all(code in RETOUR_NOT_REJECTED for code in codes)
    original.status = MessageStatus.GOEDGEKEURD if ok else MessageStatus.AFGEKEURD_DOOR_ONTVANGER
    original.retour_codes = data.retour.codes
    original.retour_blocks = blocks
    original.save(update_fields=["status", "retour_codes", "retour_blocks"])
    message.retour_blocks = blocks
    message.in_reply_to = original
    message.case_id = original.case_id
    message.resident_id = original.resident_id
    message.allocation_id = original.allocation_id
    message.save(update_fields=["in_reply_to", "case", "resident", "allocation", "retour_blocks"])
