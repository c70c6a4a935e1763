"""The retours we write (306, 308, 316, 318) repeat every block of the received message with
its own RetourCodes; our own reader of retours reads them back block by block."""

import datetime
from decimal import Decimal

import pytest
from lxml import etree

from wijkteam.iwmo.constants import BERICHTCODE
from wijkteam.iwmo.models import Message
from wijkteam.iwmo.xml import read
from wijkteam.iwmo.xml.build import build
from wijkteam.iwmo.xml.plan import retour_plan
from wijkteam.iwmo.xml.types import ClientData, Finding, Header, ProductLine, Retour
from wijkteam.iwmo.xml.types import Message as Data

from .test_exchange import delivery, drop, outbox, run

DAY = datetime.date(2026, 12, 7)


def received(number: str) -> bytes:
    lines = [
        ProductLine(allocation_number="TW1", reference="R1", category="02", starts_on=DAY),
        ProductLine(allocation_number="TW2", reference="R2", category="02", starts_on=DAY),
    ]
    for line in lines:
        line.volume, line.unit, line.frequency = Decimal(2), "04", "2"
    data = Data(
        Header("iwmo", number, BERICHTCODE[number]["iwmo"], "12345678", "0363", "IN1", DAY),
        ClientData(bsn="111222333", birth_date=DAY, gender="0", last_name="Jansen"),
        lines,
        request_reason="1" if number == "317" else "",
    )
    return build(data)


def retour_of(number: str, findings: list[Finding]) -> bytes:
    answered = {"306": "305", "308": "307", "316": "315", "318": "317"}[number]
    header_codes, plan = retour_plan(findings, lines=2)
    data = Data(
        Header("iwmo", number, BERICHTCODE[number]["iwmo"], "0363", "12345678", "RT1", DAY),
        retour=Retour("IN1", DAY, header_codes, echo=received(answered), plan=plan),
    )
    return build(data)


@pytest.mark.parametrize("number", ["306", "308", "316", "318"])
def test_an_approved_message_is_echoed_with_0200_in_every_block(number):
    back = read.read(retour_of(number, []))
    assert back.retour is not None and back.retour.codes == ["0200"]
    blocks = [(b.block, b.key, b.codes) for b in back.retour.blocks]
    line = {"306": "StartProduct", "308": "StopProduct"}.get(number, "")
    line = line or {"316": "AangevraagdProduct", "318": "TeWijzigenProduct"}[number]
    key = "TW"  # the builder writes the ToewijzingNummer first where a line has one
    expected = [(line, f"{key}1", ["0200"]), (line, f"{key}2", ["0200"])]
    if number == "318":
        expected.append(("Verzoek", "R1", ["0200"]))
    assert blocks == [*expected, ("Client", "", ["0200"])]
    # the client block comes back as sent, in the retour's namespace
    assert back.client is not None and back.client.bsn == "111222333"
    root = etree.fromstring(retour_of(number, []))
    assert {
        etree.QName(n).namespace for n in root.iter() if "/wmo" in etree.QName(n).namespace
    } == {f"http://www.istandaarden.nl/iwmo/3_2/wmo{number}/schema"}


def test_a_refused_product_carries_its_own_code_the_others_0233():
    findings = [Finding("9019", "product 2: ToewijzingNummer is onbekend", "line", 1)]
    back = read.read(retour_of("306", findings))
    assert back.retour is not None and back.retour.codes == ["0200"]
    assert [(b.key, b.codes) for b in back.retour.blocks] == [
        ("TW1", ["0233"]),
        ("TW2", ["9019"]),
        ("", ["0200"]),
    ]


def test_a_refused_header_leaves_every_block_not_judged():
    back = read.read(retour_of("318", [Finding("9056", "dubbel")]))
    assert back.retour is not None and back.retour.codes == ["9056"]
    assert {code for b in back.retour.blocks for code in b.codes} == {"0233"}


def test_a_client_finding_goes_to_the_client_block():
    back = read.read(retour_of("308", [Finding("0101", "Client/Bsn", "client")]))
    assert back.retour is not None
    assert back.retour.blocks[-1].codes == ["0101"]
    assert [b.codes for b in back.retour.blocks[:-1]] == [["0233"], ["0233"]]


@pytest.mark.django_db
def test_our_retour_read_back_by_our_reader_gives_the_same_blocks(
    w, folder, django_capture_on_commit_callbacks
):
    data = delivery(w, "305", message_id="E1", starts_on=w.allocation.intervention.starts_on)
    data.lines.append(ProductLine(allocation_number="TW1999999999", category="02", starts_on=DAY))
    drop(folder, data)
    run(folder, django_capture_on_commit_callbacks)
    (retour,) = [m for m in outbox(folder) if m.retour]
    assert retour.retour is not None and retour.retour.codes == ["0200"]
    number = w.allocation.allocation_number
    assert [(b.block, b.key, b.codes) for b in retour.retour.blocks] == [
        ("StartProduct", number, ["0233"]),
        ("StartProduct", "TW1999999999", ["9019"]),
        ("Client", "", ["0200"]),
    ]
    stored = Message.objects.get(message_type="306")
    assert stored.retour_codes == ["0200"]
    assert stored.retour_blocks == [
        {"block": b.block, "key": b.key, "codes": b.codes} for b in retour.retour.blocks
    ]
