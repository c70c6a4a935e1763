"""The exchange end to end: an allocation sends a 301 to the outbox; a 305 and a 307 in the
inbox start and stop delivery with their retours; every rejection leaves the case untouched."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from wijkteam.cases.constants import InterventionStatus
from wijkteam.cases.selectors_queue import work_queue
from wijkteam.cases.services import intervention as interventions
from wijkteam.cases.tests.test_decision_fixtures import build_world, decided
from wijkteam.iwmo.constants import Direction, MessageStatus, RequestStatus, RetourCode
from wijkteam.iwmo.models import DeliveryEvent, Message, ProviderRequest
from wijkteam.iwmo.services import (
    inbox_process,
    message_send,
    pending_send,
    request_allocate,
    request_refuse,
)
from wijkteam.iwmo.xml import read
from wijkteam.iwmo.xml.build import build
from wijkteam.iwmo.xml.types import ClientData, Header, ProductLine, Retour
from wijkteam.iwmo.xml.types import Message as Data

pytestmark = pytest.mark.django_db
BSN = "111222333"


def outbox(folder: Path) -> list[Data]:
    return [read.read(p.read_bytes()) for p in sorted((folder / "uit").glob("*.xml"))]


def drop(folder: Path, data: Data, name: str = "") -> None:
    inbox = folder / "in"
    inbox.mkdir(exist_ok=True)
    (inbox / (name or f"{data.header.number}_{data.header.message_id}.xml")).write_bytes(
        build(data)
    )


def delivery(w, number: str, *, message_id: str, **line) -> Data:
    fields = {"allocation_number": w.allocation.allocation_number, "category": "02"}
    fields.update(line)
    code = {"305": "418", "307": "420", "302": "415"}[number]
    return Data(
        Header("iwmo", number, code, "12345678", "0001", message_id, datetime.date.today()),
        ClientData(bsn=BSN, birth_date=datetime.date(1980, 1, 1), gender="0", last_name="Jansen"),
        [ProductLine(**fields)],
    )


def run(folder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return inbox_process()


def test_an_allocation_writes_its_301_to_the_outbox(w, folder):
    (sent,) = outbox(folder)
    assert sent.header.number == "301" and sent.header.code == "414"
    assert sent.header.sender == "0001" and sent.header.receiver == "12345678"
    assert sent.lines[0].allocation_number == w.allocation.allocation_number
    assert sent.lines[0].volume == Decimal(4) and sent.client.bsn == BSN
    msg = Message.objects.get(message_type="301")
    assert msg.status == MessageStatus.VERZONDEN and msg.allocation == w.allocation


def test_start_and_stop_delivery_update_the_case_and_are_answered(
    w, folder, django_capture_on_commit_callbacks
):
    start = w.allocation.intervention.starts_on
    drop(folder, delivery(w, "305", message_id="A1", starts_on=start))
    assert run(folder, django_capture_on_commit_callbacks).accepted == 1
    assert DeliveryEvent.objects.get(kind="start").on == start
    drop(
        folder,
        delivery(w, "307", message_id="A2", starts_on=start, ends_on=start, stop_reason="14"),
    )
    assert run(folder, django_capture_on_commit_callbacks).accepted == 1
    w.intervention.refresh_from_db()
    assert w.intervention.status == InterventionStatus.BEEINDIGD
    assert w.intervention.ends_on == start
    retours = [m for m in outbox(folder) if m.retour]
    assert [(m.header.number, m.retour.codes) for m in retours] == [
        ("306", ["0200"]),
        ("308", ["0200"]),
    ]
    assert {p.parent.name for p in folder.rglob("30?_A?.xml")} == {"verwerkt"}


@pytest.mark.parametrize(
    "change, code",
    [
        ({"allocation_number": "TW1999999999"}, RetourCode.TOEWIJZING_ONBEKEND),
        ({"bsn": "123456788"}, RetourCode.BSN),
    ],
)
def test_a_rejected_305_changes_nothing_and_gets_its_retour(
    w, folder, django_capture_on_commit_callbacks, change, code
):
    data = delivery(w, "305", message_id="B1", starts_on=w.allocation.intervention.starts_on)
    if "bsn" in change:
        data.client.bsn = change["bsn"]
    else:
        data.lines[0].allocation_number = change["allocation_number"]
    drop(folder, data)
    assert run(folder, django_capture_on_commit_callbacks).rejected == 1
    assert not DeliveryEvent.objects.exists()
    logged = Message.objects.get(direction=Direction.IN)
    assert logged.status == MessageStatus.AFGEKEURD and code in logged.retour_codes
    (retour,) = [m for m in outbox(folder) if m.retour]
    assert retour.header.number == "306" and code in retour.retour.all_codes()
    assert (folder / "fout" / "305_B1.xml").exists()


def test_a_307_before_its_305_is_refused(w, folder, django_capture_on_commit_callbacks):
    day = w.allocation.intervention.starts_on
    drop(folder, delivery(w, "307", message_id="C1", starts_on=day, ends_on=day, stop_reason="02"))
    run(folder, django_capture_on_commit_callbacks)
    w.intervention.refresh_from_db()
    assert w.intervention.status != InterventionStatus.BEEINDIGD
    assert Message.objects.get(direction="in").retour_codes == [RetourCode.STOP_ZONDER_START]


def test_a_duplicate_message_id_is_refused(w, folder, django_capture_on_commit_callbacks):
    day = w.allocation.intervention.starts_on
    drop(folder, delivery(w, "305", message_id="D1", starts_on=day), name="eerste.xml")
    run(folder, django_capture_on_commit_callbacks)
    drop(folder, delivery(w, "305", message_id="D1", starts_on=day), name="tweede.xml")
    run(folder, django_capture_on_commit_callbacks)
    assert DeliveryEvent.objects.count() == 1
    second = Message.objects.get(file_name="tweede.xml")
    assert RetourCode.DUBBEL in second.retour_codes


def test_a_wrong_version_gets_a_retour_an_unknown_code_only_a_log_entry(
    w, folder, django_capture_on_commit_callbacks
):
    raw = build(delivery(w, "305", message_id="E1", starts_on=datetime.date.today()))
    inbox = folder / "in"
    inbox.mkdir()
    (inbox / "versie.xml").write_bytes(raw.replace(b"BerichtVersie>3<", b"BerichtVersie>2<"))
    (inbox / "code.xml").write_bytes(raw.replace(b">418<", b">999<"))
    result = run(folder, django_capture_on_commit_callbacks)
    assert result.rejected == 2
    retours = [m for m in outbox(folder) if m.retour]
    assert [(m.header.number, m.retour.codes) for m in retours] == [
        ("306", [RetourCode.BERICHTCODE])
    ]
    assert Message.objects.filter(direction="in", status="afgekeurd").count() == 2


@pytest.mark.parametrize(
    "payload",
    [
        b'<!DOCTYPE b [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><Bericht>&b;</Bericht>',
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Bericht>&e;</Bericht>',
        b"\x00\xff geen xml",
    ],
    ids=["bomb", "external-entity", "garbage"],
)
def test_hostile_files_are_logged_and_set_aside_without_crashing(
    w, folder, django_capture_on_commit_callbacks, payload
):
    inbox = folder / "in"
    inbox.mkdir()
    (inbox / "boos.xml").write_bytes(payload)
    result = run(folder, django_capture_on_commit_callbacks)
    assert (result.received, result.rejected) == (1, 1)
    logged = Message.objects.get(direction="in")
    assert logged.retour_codes == [RetourCode.TECHNISCH] and "root:" not in logged.raw_xml
    assert (folder / "fout" / "boos.xml").exists()


def request_315(w, reference="R1", message_id="F1") -> Data:
    return Data(
        Header("iwmo", "315", "444", "12345678", "0001", message_id, datetime.date.today()),
        ClientData(bsn=BSN, birth_date=w.resident.date_of_birth, gender="0", last_name="Jansen"),
        [
            ProductLine(
                reference=reference,
                category="02",
                starts_on=datetime.date.today(),
                volume=Decimal(2),
                unit="04",
                frequency="2",
            )
        ],
    )


def test_a_315_lands_in_the_queue_and_is_answered_with_a_319(
    w, folder, django_capture_on_commit_callbacks
):
    drop(folder, request_315(w))
    run(folder, django_capture_on_commit_callbacks)
    request = ProviderRequest.objects.get()
    assert request.case == w.case and request.status == RequestStatus.OPEN
    assert request.due_on > request.received_on
    assert any(i.kind == "verzoek" for i in work_queue(user=w.coordinator))
    with pytest.raises(Exception, match="reden"):
        request_refuse(actor=w.coordinator, request=request, reason=" ", reason_code="7")
    with pytest.raises(Exception, match="reason_code"):
        request_refuse(actor=w.coordinator, request=request, reason="Nee", reason_code="0")
    with django_capture_on_commit_callbacks(execute=True):
        request_refuse(
            actor=w.coordinator, request=request, reason="Eerst onderzoek nodig", reason_code="7"
        )
    answer = [m for m in outbox(folder) if m.header.number == "319"]
    # WJ760: 1 "Verzoek afgewezen", with the WJ759 reason; the 319 has no Client.
    assert answer[0].answer.answer == "1" and answer[0].answer.reference == "R1"
    assert answer[0].answer.refusal_reason == "7" and answer[0].client is None
    assert not any(i.kind == "verzoek" for i in work_queue(user=w.coordinator))


def test_a_315_answered_with_an_allocation(w, folder, django_capture_on_commit_callbacks):
    drop(folder, request_315(w, reference="R2", message_id="G1"))
    run(folder, django_capture_on_commit_callbacks)
    request = ProviderRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        request_allocate(actor=w.coordinator, request=request, allocation=w.allocation)
    request.refresh_from_db()
    assert request.status == RequestStatus.TOEGEWEZEN
    # A granted request is answered by the allocation's 301 with the ReferentieAanbieder.
    assert not [m for m in outbox(folder) if m.header.number == "319"]
    answered = [m for m in outbox(folder) if m.header.number == "301" and m.lines[0].reference]
    assert [m.lines[0].reference for m in answered] == ["R2"]
    assert answered[0].lines[0].allocation_number == w.allocation.allocation_number
    with pytest.raises(Exception, match="al beantwoord"):
        request_refuse(actor=w.coordinator, request=request, reason="dubbel", reason_code="1")


def test_a_315_for_an_unknown_client_is_rejected(w, folder, django_capture_on_commit_callbacks):
    data = request_315(w)
    data.client.bsn = "123456782"
    drop(folder, data)
    run(folder, django_capture_on_commit_callbacks)
    assert not ProviderRequest.objects.exists()
    assert Message.objects.get(direction="in").retour_codes == [RetourCode.CLIENT_ONBEKEND]


def test_a_302_marks_the_301_approved(w, folder, django_capture_on_commit_callbacks):
    sent = Message.objects.get(message_type="301")
    drop(
        folder,
        Data(
            Header("iwmo", "302", "415", "12345678", "0001", "H1", datetime.date.today()),
            retour=Retour(sent.message_id, datetime.date.today(), ["0200"]),
        ),
    )
    run(folder, django_capture_on_commit_callbacks)
    sent.refresh_from_db()
    assert sent.status == MessageStatus.GOEDGEKEURD


class Broken:
    def send(self, *, name, content):
        raise OSError("netwerk weg")


def test_sending_is_retried_until_the_limit(w, folder, settings):
    settings.IWMO_SEND_ATTEMPTS = 2
    msg = Message.objects.get(message_type="301")
    msg.status = MessageStatus.WACHT
    msg.attempts = 0
    msg.save()
    assert message_send(message_id=msg.pk, transport=Broken()) == MessageStatus.WACHT
    assert pending_send(transport=Broken()) == (0, 1)
    msg.refresh_from_db()
    assert msg.status == MessageStatus.MISLUKT and msg.attempts == 2
    assert "netwerk" not in msg.last_error


def test_a_provider_without_agb_code_gets_no_301(folder, django_capture_on_commit_callbacks):
    world = build_world()
    world.resident.bsn = BSN
    world.resident.save()
    world.provider.agb_code = ""
    world.provider.save()
    decision = decided(world)
    with django_capture_on_commit_callbacks(execute=True):
        interventions.intervention_start(
            actor=world.coordinator,
            case=world.case,
            kind="maatwerk",
            description="Begeleiding",
            starts_on=decision.starts_on,
            decision=decision,
            provider=world.provider,
            volume=Decimal(4),
            unit=decision.unit,
            frequency=decision.frequency,
        )
    msg = Message.objects.get()
    assert msg.status == MessageStatus.MISLUKT and ["0102", "Ontvanger ontbreekt"] in msg.problems
    assert not (folder / "uit").exists()
