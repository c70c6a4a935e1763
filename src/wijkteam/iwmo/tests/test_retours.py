"""Retours read completely: every block's RetourCodes (client, products, contacts, relations),
not only the header's, shown per block with the Dutch meaning of each WJ001 code."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from wijkteam.iwmo.constants import WJ001, MessageStatus, RetourCode, retour_code_meaning
from wijkteam.iwmo.models import Message
from wijkteam.iwmo.retours import retour_rows
from wijkteam.iwmo.services import inbox_process
from wijkteam.iwmo.xml import read

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today().isoformat()


def retour_302(identification: str, number: str, first: str, second: list[str]) -> bytes:
    """A 302 as a provider sends it: the 301 echoed with RetourCodes in every class."""
    codes = "".join(f"<wmo302:RetourCode>{code}</wmo302:RetourCode>" for code in second)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<wmo302:Bericht xmlns:iwmo="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
  xmlns:wmo302="http://www.istandaarden.nl/iwmo/3_2/wmo302/schema">
 <wmo302:Header>
  <wmo302:BerichtCode>415</wmo302:BerichtCode>
  <wmo302:BerichtVersie>3</wmo302:BerichtVersie>
  <wmo302:BerichtSubversie>2</wmo302:BerichtSubversie>
  <wmo302:Afzender>12345678</wmo302:Afzender>
  <wmo302:Ontvanger>0001</wmo302:Ontvanger>
  <wmo302:BerichtIdentificatie>
   <iwmo:Identificatie>R302-1</iwmo:Identificatie><iwmo:Dagtekening>{TODAY}</iwmo:Dagtekening>
  </wmo302:BerichtIdentificatie>
  <wmo302:XsdVersie><iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>
   <iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie></wmo302:XsdVersie>
  <wmo302:IdentificatieRetour>{identification}</wmo302:IdentificatieRetour>
  <wmo302:DagtekeningRetour>{TODAY}</wmo302:DagtekeningRetour>
  <wmo302:XsdVersieRetour><iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>
   <iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie></wmo302:XsdVersieRetour>
  <wmo302:RetourCodes><wmo302:RetourCode>0200</wmo302:RetourCode></wmo302:RetourCodes>
 </wmo302:Header>
 <wmo302:Client>
  <wmo302:Bsn>111222333</wmo302:Bsn>
  <wmo302:Relaties><wmo302:Relatie><wmo302:Nummer>1</wmo302:Nummer>
   <wmo302:RetourCodes><wmo302:RetourCode>0200</wmo302:RetourCode></wmo302:RetourCodes>
  </wmo302:Relatie></wmo302:Relaties>
  <wmo302:Contactgegevens><wmo302:Contact><wmo302:Soort>01</wmo302:Soort>
   <wmo302:RetourCodes><wmo302:RetourCode>0233</wmo302:RetourCode></wmo302:RetourCodes>
  </wmo302:Contact></wmo302:Contactgegevens>
  <wmo302:ToegewezenProducten>
   <wmo302:ToegewezenProduct><wmo302:ToewijzingNummer>{number}</wmo302:ToewijzingNummer>
    <wmo302:RetourCodes><wmo302:RetourCode>{first}</wmo302:RetourCode></wmo302:RetourCodes>
   </wmo302:ToegewezenProduct>
   <wmo302:ToegewezenProduct><wmo302:ToewijzingNummer>{number}-2</wmo302:ToewijzingNummer>
    <wmo302:RetourCodes>{codes}</wmo302:RetourCodes>
   </wmo302:ToegewezenProduct>
  </wmo302:ToegewezenProducten>
  <wmo302:RetourCodes><wmo302:RetourCode>0200</wmo302:RetourCode></wmo302:RetourCodes>
 </wmo302:Client>
</wmo302:Bericht>""".encode()


def receive(folder: Path, capture, content: bytes) -> None:
    inbox = folder / "in"
    inbox.mkdir(exist_ok=True)
    (inbox / "retour.xml").write_bytes(content)
    with capture(execute=True):
        inbox_process()


def test_every_block_is_read_in_order_without_personal_data():
    data = read.read(retour_302("ID1", "TW1", "0200", ["9332", "9361"]))
    assert data.retour is not None
    assert data.retour.codes == ["0200"]
    assert [(b.block, b.key, b.codes) for b in data.retour.blocks] == [
        ("Relatie", "1", ["0200"]),
        ("Contact", "01", ["0233"]),
        ("ToegewezenProduct", "TW1", ["0200"]),
        ("ToegewezenProduct", "TW1-2", ["9332", "9361"]),
        ("Client", "", ["0200"]),
    ]
    assert "111222333" not in repr(data.retour.blocks)


def test_a_302_rejecting_one_product_marks_the_301_and_shows_it_per_block(
    w, folder, django_capture_on_commit_callbacks, client_for
):
    sent = Message.objects.get(message_type="301")
    number = w.allocation.allocation_number
    content = retour_302(sent.message_id, number, "0200", ["9332", "9361"])
    receive(folder, django_capture_on_commit_callbacks, content)
    sent.refresh_from_db()
    # The header says 0200, but one product block is rejected: the 301 is not approved.
    assert sent.status == MessageStatus.AFGEKEURD_DOOR_ONTVANGER
    assert sent.retour_codes == ["0200"]
    rejected = [b for b in sent.retour_blocks if set(b["codes"]) - {"0200", "0233"}]
    assert rejected == [
        {"block": "ToegewezenProduct", "key": f"{number}-2", "codes": ["9332", "9361"]}
    ]
    incoming = Message.objects.get(direction="in", message_type="302")
    assert incoming.status == MessageStatus.VERWERKT and incoming.in_reply_to == sent
    assert incoming.retour_blocks == sent.retour_blocks

    page = client_for(w.leader).get(reverse("iwmo:message", args=[sent.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Retourcodes per onderdeel" in html
    assert "9332: Toewijzing heeft geen uniek nummer binnen wettelijk domein" in html
    assert "9361: Het product komt vaker voor met overlappende zorgperiodes" in html
    assert "0233: Berichtklasse is niet beoordeeld" in html
    assert "Afgekeurd" in html and f"{number}-2" in html

    api = client_for(w.leader).get(f"/api/iwmo-messages/{sent.pk}/")
    assert api.status_code == 200
    blocks = api.json()["retour"]
    assert blocks[0]["block"] == "Header" and not blocks[0]["rejected"]
    product = next(b for b in blocks if b["key"] == f"{number}-2")
    assert product["rejected"] and product["codes"][0]["meaning"].startswith("Toewijzing heeft")


def test_a_302_approving_every_block_approves_the_301(
    w, folder, django_capture_on_commit_callbacks
):
    sent = Message.objects.get(message_type="301")
    number = w.allocation.allocation_number
    content = retour_302(sent.message_id, number, "0200", ["0200"])
    receive(folder, django_capture_on_commit_callbacks, content)
    sent.refresh_from_db()
    # 0200 everywhere and 0233 (not judged) on the contact: approved.
    assert sent.status == MessageStatus.GOEDGEKEURD
    assert len(sent.retour_blocks) == 5


def test_meanings_of_the_codes():
    assert retour_code_meaning("0200") == "Geen opmerking over deze berichtklasse"
    assert retour_code_meaning("0001") == "Bericht is afgekeurd om technische redenen"
    assert retour_code_meaning("XXXX") == "onbekende retourcode"
    # every code the municipality writes has its meaning in the table
    assert all(code in WJ001 for code in RetourCode.values)
    rows = retour_rows(
        codes=["0200"], blocks=[{"block": "StopProduct", "key": "TW9", "codes": ["9069"]}]
    )
    assert [(r.label, r.rejected) for r in rows] == [("Bericht", False), ("Stop product", True)]
    assert rows[1].codes[0].meaning == "Er is geen actueel startbericht met dezelfde sleutel"
