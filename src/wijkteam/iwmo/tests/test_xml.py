"""Every message type round-trips; the structural checks and the hardened parser refuse bad
input; the official XSD is used when configured (skipped otherwise, with the reason)."""

import datetime
import os
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from wijkteam.iwmo.constants import BERICHTCODE, RETOUR_OF, RetourCode, schema_file_name
from wijkteam.iwmo.xml import checks, read, xsd
from wijkteam.iwmo.xml.build import build
from wijkteam.iwmo.xml.types import Answer, ClientData, Header, Message, ProductLine, Retour

BSN = "111222333"  # passes the elfproef
DAY = datetime.date(2026, 12, 7)


def header(number: str, standard: str = "iwmo") -> Header:
    return Header(
        standard=standard,
        number=number,
        code=BERICHTCODE[number][standard],
        sender="0363" if number in ("301", "319") else "12345678",
        receiver="12345678" if number in ("301", "319") else "0363",
        message_id="ID0000000001",
        dated=DAY,
    )


def full_client() -> ClientData:
    return ClientData(
        bsn=BSN,
        birth_date=datetime.date(1950, 1, 2),
        gender="2",
        last_name="Jansen",
        prefix="de",
        first_names="Anna",
    )


def message(number: str, standard: str = "iwmo") -> Message:
    cat = "45" if standard == "ijw" else "02"
    size = {"volume": Decimal("4"), "unit": "04", "frequency": "2"}
    if number == "301":
        line = ProductLine(
            allocation_number="TW2026000001",
            category=cat,
            code="02A01",
            allocated_on=DAY,
            allocated_time="10:11:12",
            starts_on=DAY,
            ends_on=DAY + datetime.timedelta(days=90),
            **size,
        )
        return Message(header(number, standard), full_client(), [line])
    if number == "305":
        line = ProductLine(
            allocation_number="TW2026000001", category=cat, starts_on=DAY, status="1"
        )
        return Message(header(number, standard), full_client(), [line])
    if number == "307":
        line = ProductLine(
            allocation_number="TW2026000001",
            category=cat,
            starts_on=DAY,
            ends_on=DAY + datetime.timedelta(days=30),
            stop_reason="02",
            status="1",
        )
        return Message(header(number, standard), full_client(), [line])
    if number == "315":
        line = ProductLine(reference="REF1", category=cat, starts_on=DAY, **size)
        return Message(header(number, standard), full_client(), [line])
    if number == "317":
        line = ProductLine(
            allocation_number="TW2026000001", reference="REF2", starts_on=DAY, **size
        )
        return Message(header(number, standard), ClientData(bsn=BSN), [line], request_reason="1")
    if number == "319":
        return Message(
            header(number, standard),
            answer=Answer(answer="1", reference="REF1", refusal_reason="3"),
        )
    return Message(
        header(number, standard), retour=Retour("ID0000000009", DAY, [RetourCode.GOEDGEKEURD])
    )


ALL = ["301", "305", "307", "315", "317", "319", *RETOUR_OF.values()]


@pytest.mark.parametrize("standard", ["iwmo", "ijw"])
@pytest.mark.parametrize("number", ALL)
def test_every_message_round_trips_and_passes_the_checks(number, standard):
    original = message(number, standard)
    raw = build(original)
    again = read.read(raw)
    assert again == original
    assert checks.problems(again) == []
    ns = etree.QName(etree.fromstring(raw)).namespace
    assert ns.endswith(f"/3_2/{'jw' if standard == 'ijw' else 'wmo'}{number}/schema")


@pytest.mark.parametrize("standard", ["iwmo", "ijw"])
def test_a_301_carries_the_mandatory_contactgegevens_before_its_products(standard):
    root = etree.fromstring(build(message("301", standard)))
    client = root[1]
    names = [etree.QName(child).localname for child in client]
    assert names[-2:] == ["Contactgegevens", "ToegewezenProducten"]
    (contact,) = client[-2]
    assert [(etree.QName(c).localname, c.text) for c in contact] == [("Soort", "01")]


def codes(msg: Message) -> set[str]:
    return {code for code, _text in checks.problems(msg)}


def test_bsn_must_pass_the_elfproef():
    msg = message("305")
    msg.client.bsn = "123456788"
    assert codes(msg) == {RetourCode.BSN}


def test_mandatory_elements_code_lists_and_date_order():
    msg = message("307")
    msg.lines[0].stop_reason = ""
    assert RetourCode.VERPLICHT in codes(msg)
    msg = message("301")
    msg.lines[0].unit = "99"
    msg.lines[0].category = "45"  # a youth category in a Wmo message
    assert codes(msg) == {RetourCode.CODELIJST}
    msg = message("307")
    msg.lines[0].ends_on = DAY - datetime.timedelta(days=1)
    assert codes(msg) == {RetourCode.DATUM_VOLGORDE}


def test_a_toewijzingnummer_twice_in_one_message_is_refused():
    msg = message("305")
    msg.lines.append(ProductLine(**msg.lines[0].__dict__))
    assert RetourCode.TOEWIJZING_DUBBEL in codes(msg)


def test_wrong_bericht_code_and_version_are_rejected():
    raw = build(message("305")).replace(b">418<", b">999<")
    with pytest.raises(read.Rejected) as exc:
        read.read(raw)
    assert exc.value.code == RetourCode.BERICHTCODE
    raw = build(message("305")).replace(b"BerichtSubversie>2<", b"BerichtSubversie>1<")
    with pytest.raises(read.Rejected) as exc:
        read.read(raw)
    assert exc.value.code == RetourCode.BERICHTCODE
    assert exc.value.header is not None and exc.value.header.number == "305"


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><Bericht>&d;&d;&d;&d;</Bericht>'
)
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b"<Bericht>&e;</Bericht>"
)


@pytest.mark.parametrize("data", [BOMB, EXTERNAL], ids=["bomb", "external-entity"])
def test_entity_bombs_and_external_entities_are_refused(data):
    with pytest.raises(read.Rejected) as exc:
        read.read(data)
    assert exc.value.code == RetourCode.TECHNISCH


@pytest.mark.parametrize("data", [BOMB, EXTERNAL], ids=["bomb", "external-entity"])
def test_the_parser_itself_never_expands_or_fetches_entities(data):
    # Below the DOCTYPE guard: the lxml parser on its own neither expands nor reads files.
    root = etree.fromstring(data, parser=read.safe_parser())
    text = etree.tostring(root)
    assert b"root:" not in text
    assert len(text) < 200


def test_malformed_and_oversized_input_is_refused():
    with pytest.raises(read.Rejected):
        read.read(b"<Bericht><Header>")
    with pytest.raises(read.Rejected):
        read.read(b"<a>" + b"x" * (read.MAX_BYTES + 1) + b"</a>")


def test_xsd_validation_runs_against_a_configured_folder(tmp_path, settings):
    """The mechanism, with a stand-in schema (the official one is licensed separately)."""
    ns = "http://www.istandaarden.nl/iwmo/3_2/wmo305/schema"
    (tmp_path / schema_file_name("iwmo", "305")).write_text(
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{ns}" '
        'elementFormDefault="qualified"><xs:element name="Bericht"><xs:complexType>'
        '<xs:sequence><xs:element name="Niets"/></xs:sequence></xs:complexType>'
        "</xs:element></xs:schema>"
    )
    settings.IWMO_XSD_DIR = str(tmp_path)
    errors = xsd.validate("iwmo", "305", build(message("305")))
    assert errors and "Header" in errors[0]
    settings.IWMO_XSD_DIR = ""
    assert xsd.validate("iwmo", "305", build(message("305"))) is None


OFFICIAL = {"iwmo": os.environ.get("IWMO_XSD_DIR", ""), "ijw": os.environ.get("IJW_XSD_DIR", "")}


@pytest.mark.parametrize("standard", ["iwmo", "ijw"])
@pytest.mark.parametrize("number", ALL)
def test_messages_validate_against_the_official_xsd(number, standard, settings):
    folder = OFFICIAL[standard]
    if not folder:
        pytest.skip(
            f"{'IJW' if standard == 'ijw' else 'IWMO'}_XSD_DIR is not set: the official XSD "
            "package of Zorginstituut Nederland is not in this repository (docs/iwmo.md)"
        )
    if not (Path(folder) / schema_file_name(standard, number)).is_file():
        pytest.skip(f"{schema_file_name(standard, number)} is not in {folder}")
    setattr(settings, "IJW_XSD_DIR" if standard == "ijw" else "IWMO_XSD_DIR", folder)
    assert xsd.validate(standard, number, build(message(number, standard))) == []


def test_the_317_carries_its_verzoek_and_the_319_has_no_client():
    raw = build(message("317")).decode()
    assert "<wmo317:Verzoek>" in raw and "<wmo317:RedenVerzoek>1</wmo317:RedenVerzoek>" in raw
    assert raw.index("<wmo317:ReferentieAanbieder>") < raw.index("<wmo317:TeWijzigenProducten>")
    assert "<wmo317:GewensteIngangsdatum>" in raw
    answer = build(message("319")).decode()
    assert "Client" not in answer and "Bsn" not in answer
    assert answer.index("<wmo319:ReferentieAanbieder>") < answer.index("<wmo319:VerzoekAntwoord>")


def test_the_317_and_319_code_lists_are_checked():
    request = message("317")
    request.request_reason = ""
    assert (RetourCode.VERPLICHT, "Verzoek/RedenVerzoek ontbreekt") in checks.problems(request)
    request.request_reason = "7"
    assert codes(request) == {RetourCode.CODELIJST}
    answer = message("319")
    assert answer.answer is not None
    answer.answer.refusal_reason = ""
    assert codes(answer) == {RetourCode.VERPLICHT}
    answer.answer.answer, answer.answer.refusal_reason = "3", "10"
    assert codes(answer) == {RetourCode.CODELIJST}
