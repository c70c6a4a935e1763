"""The 301's Contactgegevens: the Contact with the Adres of the resident's record."""

import pytest

from wijkteam.iwmo.constants import RetourCode
from wijkteam.iwmo.services.outgoing import (
    allocation_301_data,
    allocation_for_301,
    house_number_parts,
)
from wijkteam.iwmo.xml import checks, read
from wijkteam.iwmo.xml.build import build
from wijkteam.iwmo.xml.types import Address


@pytest.mark.parametrize(
    ("value", "parts"),
    [
        ("12", ("12", "", "")),
        ("12a", ("12", "A", "")),
        ("12 A-3", ("12", "A", "3")),
        ("12A3", ("12", "A", "3")),
        ("12-2", ("12", "", "2")),
        ("12 bis", ("12", "", "bis")),
        ("12 hs", ("12", "", "hs")),
        ("", ("", "", "")),
    ],
)
def test_house_number_parts(value, parts):
    assert house_number_parts(value) == parts


@pytest.mark.django_db
def test_the_301_carries_the_residents_address(w):
    resident = w.resident
    resident.street, resident.house_number = "Kerkstraat", "7 b"
    resident.postcode, resident.city = "1234AB", "Ergens"
    resident.save()
    data = allocation_301_data(allocation_for_301(w.allocation.pk))
    content = build(data)
    assert checks.problems(read.read(content)) == []
    back = read.read(content).client.address
    assert back == Address(
        kind="01",
        street="Kerkstraat",
        house_number="7",
        house_letter="B",
        postcode="1234AB",
        city="Ergens",
    )
    text = content.decode()
    assert text.index("<wmo301:Contactgegevens>") < text.index("<wmo301:ToegewezenProducten>")


@pytest.mark.django_db
def test_without_an_address_the_contact_has_its_kind_only(w):
    resident = w.resident
    resident.street = resident.house_number = resident.postcode = resident.city = ""
    resident.save()
    content = build(allocation_301_data(allocation_for_301(w.allocation.pk)))
    assert b"<wmo301:Soort>01</wmo301:Soort>" in content and b"Adres" not in content
    assert checks.problems(read.read(content)) == []


def test_an_incomplete_or_invalid_address_is_a_finding():
    from wijkteam.iwmo.tests.test_examples import examples

    message = examples()["wmo301.xml"]
    assert message.client is not None
    message.client.address = Address(house_number="0", postcode="1234 ab", street="Laan")
    found = checks.problems(message)
    assert (
        RetourCode.VERPLICHT,
        "Client/Contactgegevens/Contact/Adres/Plaatsnaam ontbreekt",
    ) in found
    assert (RetourCode.CODELIJST, "Client/Contactgegevens/Contact/Adres/Postcode ongeldig") in found
    assert (
        RetourCode.CODELIJST,
        "Client/Contactgegevens/Contact/Adres/Huis/Huisnummer ongeldig",
    ) in found
