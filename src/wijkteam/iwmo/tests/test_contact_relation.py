"""The 301's Telefoon, Emailadres and Relaties (the resident's legal representatives)."""

import datetime
import logging

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkteam.iwmo import representatives
from wijkteam.iwmo.constants import MessageStatus, RetourCode
from wijkteam.iwmo.models import Message
from wijkteam.iwmo.services.outgoing import (
    allocation_301_data,
    allocation_for_301,
    message_301_create,
    phone_digits,
)
from wijkteam.iwmo.xml import checks, read
from wijkteam.iwmo.xml.build import build
from wijkteam.iwmo.xml.types import Relation
from wijkteam.portal.constants import RepresentationBasis
from wijkteam.portal.models import Representation
from wijkteam.portal.representatives import legal_representatives
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.residents.models import Resident
from wijkteam.testing.factories import UserFactory

REPRESENTATIVE_BSN = "100000009"


def represent(resident, basis, **kw):
    data = {
        "represented": resident,
        "representative_bsn": REPRESENTATIVE_BSN,
        "representative_name": "Mr. C. Curator",
        "basis": basis,
        "valid_from": timezone.localdate() - datetime.timedelta(days=30),
        "recorded_by": UserFactory(),
    }
    data.update(kw)
    return Representation.objects.create(**data)


def the_301(w) -> bytes:
    return build(allocation_301_data(allocation_for_301(w.allocation.pk)))


@pytest.mark.parametrize(
    ("value", "digits"),
    [
        ("06 12345678", "0612345678"),
        ("020-123 45 67", "0201234567"),
        ("+31 6 12345678", "0612345678"),
        ("0031 (0)6", "006"),  # not repaired: what is left is checked
        ("+32 2 555 12 34", "003225551234"),
        ("(010) 123.45.67", "0101234567"),
    ],
)
def test_phone_digits(value, digits):
    assert phone_digits(value) == digits


@pytest.mark.django_db
def test_without_phone_email_or_representative_nothing_extra_is_written(w):
    Resident.objects.filter(pk=w.resident.pk).update(phone="", email="")
    content = the_301(w)
    assert b"Telefoon" not in content and b"Emailadres" not in content
    assert b"Relaties" not in content
    message = read.read(content)
    assert message.client.phones == [] and message.client.email == ""
    assert message.client.relations == [] and checks.problems(message) == []


@pytest.mark.django_db
def test_the_301_carries_the_residents_phone_and_email(w):
    Resident.objects.filter(pk=w.resident.pk).update(
        phone="+31 6 12345678", email="a.jansen@example.org"
    )
    content = the_301(w)
    text = content.decode()
    assert "<iwmo:Telefoon01>" in text and "<iwmo:Telefoonnummer>0612345678<" in text
    assert "<wmo301:Emailadres>a.jansen@example.org</wmo301:Emailadres>" in text
    # inside the Contact, after its Soort (and Adres), Telefoon before Emailadres
    assert text.index("<wmo301:Contactgegevens>") < text.index("<wmo301:Telefoon>")
    assert text.index("<wmo301:Telefoon>") < text.index("<wmo301:Emailadres>")
    assert text.index("<wmo301:Emailadres>") < text.index("<wmo301:ToegewezenProducten>")
    message = read.read(content)
    assert message.client.phones == ["0612345678"]
    assert message.client.email == "a.jansen@example.org"
    assert checks.problems(message) == []


@pytest.mark.django_db
def test_only_a_phone_or_only_an_email(w):
    Resident.objects.filter(pk=w.resident.pk).update(phone="", email="x@example.org")
    content = the_301(w)
    assert b"Telefoon" not in content and b"Emailadres>x@example.org<" in content
    Resident.objects.filter(pk=w.resident.pk).update(phone="0201234567", email="")
    content = the_301(w)
    assert b"Emailadres" not in content and b"Telefoonnummer>0201234567<" in content


@pytest.mark.django_db
def test_an_invalid_phone_keeps_the_301_failed_and_unsent(w, caplog):
    # bypassing the record's own validator, as an old or imported record might
    Resident.objects.filter(pk=w.resident.pk).update(phone="bel de buren", email="")
    with caplog.at_level(logging.DEBUG):
        message = message_301_create(allocation_id=w.allocation.pk)
    assert message.status == MessageStatus.MISLUKT
    expected = (
        "Client/Contactgegevens/Contact/Telefoon/Telefoon01/Telefoonnummer ongeldig "
        "(alleen cijfers, hoogstens 15)"
    )
    assert [RetourCode.CODELIJST, expected] in [list(p) for p in message.problems]
    assert "bel de buren" not in str(message.problems) and "bel de buren" not in caplog.text


def test_a_too_long_phone_or_an_invalid_email_is_a_finding():
    from wijkteam.iwmo.tests.test_examples import examples

    message = examples()["wmo301.xml"]
    message.client.phones = ["0032123456789012"]  # 16 digits
    message.client.email = "geen-adres"
    found = checks.problems(message)
    assert any("Telefoon01/Telefoonnummer ongeldig" in text for _, text in found)
    assert (
        RetourCode.CODELIJST,
        "Client/Contactgegevens/Contact/Emailadres ongeldig (hoogstens 80 tekens)",
    ) in found
    message.client.email = "a" * 70 + "@example.org"  # 82 characters
    assert any("Emailadres ongeldig" in text for _, text in checks.problems(message))


@pytest.mark.django_db
def test_the_active_legal_representatives_are_the_relaties(w):
    today = timezone.localdate()
    curator = represent(w.resident, RepresentationBasis.CURATELE)
    mentor = represent(w.resident, RepresentationBasis.MENTORSCHAP, representative_name="M. Mentor")
    represent(w.resident, RepresentationBasis.BEWIND, valid_until=today - datetime.timedelta(1))
    represent(w.resident, RepresentationBasis.MACHTIGING, representative_name="Buurvrouw")
    represent(w.resident, RepresentationBasis.BEWIND, valid_from=today + datetime.timedelta(1))
    content = the_301(w)
    text = content.decode()
    assert REPRESENTATIVE_BSN not in text  # the representative's BSN is never handed on
    assert "Buurvrouw" not in text  # a machtiging is no legal representation
    assert text.index("<wmo301:Naam>") < text.index("<wmo301:Relaties>")
    assert text.index("<wmo301:Relaties>") < text.index("<wmo301:Contactgegevens>")
    message = read.read(content)
    assert message.client.relations == [
        Relation(number=f"V{curator.pk}", kind="03", last_name="Mr. C. Curator", contact_kind="02"),
        Relation(number=f"V{mentor.pk}", kind="15", last_name="M. Mentor", contact_kind="02"),
    ]
    assert checks.problems(message) == []


@pytest.mark.django_db
def test_the_representatives_phone_and_email_are_in_the_relaties_contact(w):
    curator = represent(
        w.resident, RepresentationBasis.CURATELE, phone="+31 6 1234 5678", email="c@voorbeeld.nl"
    )
    content = the_301(w)
    relatie = content.decode().split("<wmo301:Relatie>")[1].split("</wmo301:Relatie>")[0]
    assert "<iwmo:Telefoonnummer>0612345678</iwmo:Telefoonnummer>" in relatie
    assert "<wmo301:Emailadres>c@voorbeeld.nl</wmo301:Emailadres>" in relatie
    message = read.read(content)
    assert message.client.relations == [
        Relation(
            number=f"V{curator.pk}",
            kind="03",
            last_name="Mr. C. Curator",
            contact_kind="02",
            phones=["0612345678"],
            email="c@voorbeeld.nl",
        )
    ]
    assert checks.problems(message) == []


@pytest.mark.django_db
def test_parental_authority_only_while_the_child_is_a_minor(w):
    resident = w.resident
    represent(resident, RepresentationBasis.GEZAG, representative_name="O. Ouder")
    today = timezone.localdate()
    Resident.objects.filter(pk=resident.pk).update(
        date_of_birth=today.replace(year=today.year - 10)
    )
    assert [r.kind for r in legal_representatives(resident.pk, today)] == ["10"]
    Resident.objects.filter(pk=resident.pk).update(
        date_of_birth=today.replace(year=today.year - 30)
    )
    assert legal_representatives(resident.pk, today) == []
    assert b"Relaties" not in the_301(w)


def test_the_portal_fills_the_registry():
    assert legal_representatives in representatives._SOURCES


def test_a_relation_with_an_unknown_kind_or_without_a_name_is_a_finding():
    from wijkteam.iwmo.tests.test_examples import examples

    message = examples()["wmo301.xml"]
    message.client.relations = [
        Relation(number="V1", kind="01", last_name=""),
        Relation(number="V1", kind="15", last_name="M. Mentor", phones=["06-123"]),
    ]
    found = checks.problems(message)
    assert (RetourCode.CODELIJST, "Client/Relaties/Relatie 1/Soort onbekend (COD472)") in found
    assert (RetourCode.VERPLICHT, "Client/Relaties/Relatie 1/Naam/Achternaam ontbreekt") in found
    assert (
        RetourCode.CODELIJST,
        "Client/Relaties/Relatie 2/Nummer komt meer dan eens voor",
    ) in found
    assert any(text.startswith("Client/Relaties/Relatie 2/Contact/Telefoon") for _, text in found)


@pytest.mark.django_db
def test_the_301s_resident_data_is_shown_only_through_the_logged_case_check(w, client_for):
    Resident.objects.filter(pk=w.resident.pk).update(phone="0612345678", email="")
    represent(w.resident, RepresentationBasis.CURATELE)
    message_301_create(allocation_id=w.allocation.pk)
    message = Message.objects.filter(message_type="301").latest("id")
    assert "Mr. C. Curator" in message.raw_xml
    url = reverse("iwmo:message", args=[message.pk])
    beheerder = client_for(UserFactory(beheerder=True)).get(url)
    assert b"Curator" not in beheerder.content and b"0612345678" not in beheerder.content
    before = AccessLogEntry.objects.count()
    leader = client_for(w.leader).get(url)
    assert b"Curator" in leader.content and b"0612345678" in leader.content
    logged = AccessLogEntry.objects.filter(pk__gt=0).order_by("-id")[
        : AccessLogEntry.objects.count() - before
    ]
    assert any(w.resident.pk in entry.resident_ids for entry in logged)


def test_the_jw301_has_the_same_layout():
    from dataclasses import replace

    from wijkteam.iwmo.constants import BERICHTCODE
    from wijkteam.iwmo.tests.test_examples import examples

    message = examples()["wmo301.xml"]
    message.header = replace(message.header, standard="ijw", code=BERICHTCODE["301"]["ijw"])
    text = build(message).decode()
    assert text.index("<jw301:Relaties>") < text.index("<jw301:Contactgegevens>")
    assert "<ijw:Telefoonnummer>0201234567</ijw:Telefoonnummer>" in text
    back = read.read(text.encode())
    assert back.client.relations == message.client.relations
    assert back.client.phones == ["0201234567"]
    # (the example's Wmo product category is not a Jeugdwet one; the client block passes)
    assert not [text for _, text in checks.problems(back) if text.startswith("Client")]


def test_a_providers_302_names_the_relatie_by_its_nummer():
    """A provider's 302 echoes the Relatie with its own RetourCodes; our reader keys the block
    by the Relatie's Nummer (our own key, no personal data)."""
    from lxml import etree

    from wijkteam.iwmo.tests.test_examples import DAY, examples, header
    from wijkteam.iwmo.xml.plan import retour_plan
    from wijkteam.iwmo.xml.types import Message as MessageData
    from wijkteam.iwmo.xml.types import Retour

    sent = build(examples()["wmo301.xml"])
    codes, plan = retour_plan([], lines=1)
    retour = MessageData(
        header("302", out=False),
        retour=Retour("VB0000000301", DAY, codes, echo=sent, plan=plan),
    )
    root = etree.fromstring(build(retour))
    relatie = root.find(".//{*}Relatie")
    namespace = etree.QName(relatie).namespace
    codes_node = etree.SubElement(relatie, f"{{{namespace}}}RetourCodes")
    etree.SubElement(codes_node, f"{{{namespace}}}RetourCode").text = "0103"
    back = read.read(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    blocks = {(block.block, block.key): block.codes for block in back.retour.blocks}
    assert blocks[("Relatie", "V1")] == ["0103"]
    assert back.client.relations[0].number == "V1"
