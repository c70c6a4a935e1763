"""WMO305/WMO307 (and JW305/JW307) in the layout of release 3.2: a full Client (Bsn,
Geboortedatum, Geslacht, Naam) and a mandatory StatusAanlevering per product. The older layout
of this project's examples (Bsn only, no StatusAanlevering) is still read, and answered with the
missing elements."""

import pytest

from wijkteam.iwmo.constants import Direction, MessageStatus, RetourCode
from wijkteam.iwmo.models import DeliveryEvent, Message
from wijkteam.iwmo.tests.test_exchange import delivery, drop, outbox, run
from wijkteam.iwmo.tests.test_xml import message
from wijkteam.iwmo.xml import checks, read
from wijkteam.iwmo.xml.build import build

OLD_305 = b"""<?xml version='1.0' encoding='UTF-8'?>
<wmo305:Bericht xmlns:wmo305="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema"
  xmlns:iwmo="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema">
  <wmo305:Header>
    <wmo305:BerichtCode>418</wmo305:BerichtCode>
    <wmo305:BerichtVersie>3</wmo305:BerichtVersie>
    <wmo305:BerichtSubversie>2</wmo305:BerichtSubversie>
    <wmo305:Afzender>12345678</wmo305:Afzender>
    <wmo305:Ontvanger>9999</wmo305:Ontvanger>
    <wmo305:BerichtIdentificatie>
      <iwmo:Identificatie>VB0000000305</iwmo:Identificatie>
      <iwmo:Dagtekening>2026-12-07</iwmo:Dagtekening>
    </wmo305:BerichtIdentificatie>
  </wmo305:Header>
  <wmo305:Client>
    <wmo305:Bsn>111222333</wmo305:Bsn>
    <wmo305:StartProducten>
      <wmo305:StartProduct>
        <wmo305:ToewijzingNummer>TW2026000001</wmo305:ToewijzingNummer>
        <wmo305:Product><iwmo:Categorie>01</iwmo:Categorie></wmo305:Product>
        <wmo305:Begindatum>2026-12-07</wmo305:Begindatum>
      </wmo305:StartProduct>
    </wmo305:StartProducten>
  </wmo305:Client>
</wmo305:Bericht>
"""


def test_the_old_layout_is_read_and_its_missing_elements_are_named():
    msg = read.read(OLD_305)
    assert msg.client is not None and msg.client.bsn == "111222333"
    assert msg.lines[0].allocation_number == "TW2026000001" and msg.lines[0].status == ""
    found = {(f.code, f.text, f.block) for f in checks.findings(msg)}
    assert found == {
        (RetourCode.VERPLICHT, "Client/Geboortedatum ontbreekt", "client"),
        (RetourCode.VERPLICHT, "Client/Naam/Achternaam ontbreekt", "client"),
        (RetourCode.VERPLICHT, "Client/Geslacht ontbreekt", "client"),
        (RetourCode.VERPLICHT, "product 1: StatusAanlevering ontbreekt", "line"),
    }


@pytest.mark.parametrize("number", ["305", "307"])
@pytest.mark.parametrize("standard", ["iwmo", "ijw"])
def test_the_standard_layout_round_trips_and_passes(number, standard):
    raw = build(message(number, standard))
    # StatusAanlevering is the last element of the product, after Begindatum (and Einddatum).
    assert raw.index(b"StatusAanlevering>1<") > raw.index(b"Begindatum>")
    assert raw.index(b"Geslacht>2<") < raw.index(b"Naam>") < raw.index(b"Producten>")
    back = read.read(raw)
    assert back.lines[0].status == "1" and back.client is not None
    assert (back.client.last_name, back.client.gender) == ("Jansen", "2")
    assert checks.problems(back) == []


@pytest.mark.parametrize("value", ["2", "9", "x"])
def test_an_unknown_status_is_a_code_list_finding(value):
    raw = build(message("307")).replace(
        b"StatusAanlevering>1<", f"StatusAanlevering>{value}<".encode()
    )
    found = checks.findings(read.read(raw))
    assert [(f.code, f.block) for f in found] == [(RetourCode.CODELIJST, "line")]
    assert "StatusAanlevering onbekend" in found[0].text


def test_toewijzingingangsdatum_does_not_stand_in_for_begindatum():
    raw = build(message("305")).replace(b"Begindatum>", b"ToewijzingIngangsdatum>")
    msg = read.read(raw)
    assert msg.lines[0].starts_on is None
    assert (RetourCode.VERPLICHT, "product 1: Begindatum ontbreekt") in checks.problems(msg)


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["305", "307"])
def test_a_removal_is_refused_and_changes_nothing(
    w, folder, django_capture_on_commit_callbacks, number
):
    start = w.allocation.intervention.starts_on
    extra = {"ends_on": start, "stop_reason": "02"} if number == "307" else {}
    data = delivery(w, number, message_id="R1", starts_on=start, status="3", **extra)
    drop(folder, data)
    assert run(folder, django_capture_on_commit_callbacks).rejected == 1
    assert not DeliveryEvent.objects.exists()
    logged = Message.objects.get(direction=Direction.IN)
    assert logged.status == MessageStatus.AFGEKEURD
    assert RetourCode.TECHNISCH in logged.retour_codes
    (retour,) = [m for m in outbox(folder) if m.retour]
    assert RetourCode.TECHNISCH in retour.retour.all_codes()
