"""The beschikking and the verslag as accessible PDFs: every Latin letter of a name prints, the
file is tagged (PDF/UA-1) and Dutch, and the font is embedded. One rendering per document."""

import datetime

import pytest
from django.utils import timezone

from wijkteam.cases.constants import DecisionOutcome, LegalBasis
from wijkteam.cases.services import decision as decisions
from wijkteam.cases.services import investigation as services
from wijkteam.testing.factories import NetworkMemberFactory, ResidentFactory
from wijkteam.testing.pdf import assert_accessible_pdf, pdf_text

from .test_decision_fixtures import request_decision, world
from .test_investigation_services import add, onderzoek_case

__all__ = ["world"]

pytestmark = pytest.mark.django_db

FIRST, LAST = "Ayşe", "Kowalczyk-Łukasiewicz"
NAME = f"{FIRST} {LAST}"


def test_beschikking_is_an_accessible_pdf_with_every_letter(world):
    resident = world.resident
    resident.first_name, resident.last_name, resident.name_prefix = FIRST, LAST, ""
    resident.street, resident.city = "Świętokrzyska", "Őrbottyán"
    resident.save()
    decision = decisions.decision_take(
        actor=world.beslisser,
        decision=request_decision(world),
        outcome=DecisionOutcome.TOEGEKEND,
        motivation="Mevrouw Kowalczyk-Łukasiewicz kan niet zelf koken.",
        legal_basis=LegalBasis.WMO_2_3_5,
    )
    pdf = decisions.decision_beschikking(actor=world.coordinator, decision=decision)
    assert_accessible_pdf(
        pdf, title="Beschikking 02 Begeleiding", tags={"H1", "H2", "P", "Table", "TR", "TH", "TD"}
    )
    text = pdf_text(pdf)
    for expected in [
        "Gemeente Test",
        NAME,
        f"Świętokrzyska {resident.house_number}",
        "1234 AB Őrbottyán",
        f"Ons kenmerk B-{decision.pk}",
        "Besluit op uw aanvraag: 02 Begeleiding",
        f"Geachte {NAME},",
        "Ons besluit",
        "Wij kennen uw aanvraag toe.",
        "Voorziening 02 Begeleiding",
        "Productcode 02A01",
        "Omvang 4 uur per week",
        "Waarom dit besluit",
        "Mevrouw Kowalczyk-Łukasiewicz kan niet zelf koken.",
        "Wettelijke grondslag",
        "Bent u het niet eens met dit besluit?",
        "Met vriendelijke groet,",
        decision.decided_by.display_name,
    ]:
        assert expected in text, expected


def test_verslag_is_an_accessible_pdf_with_every_letter():
    case = onderzoek_case(residents=0)
    ResidentFactory(
        household=case.household,
        first_name=FIRST,
        last_name=LAST,
        bsn="111222333",
        date_of_birth=datetime.date(1952, 8, 14),
    )
    carer = NetworkMemberFactory(household=case.household, name="Łucja Şahin")
    add(
        case,
        held_on=timezone.localdate() - datetime.timedelta(days=1),
        place="Ulica Żółkiewskiego 5",
        network_members=[carer],
        summary="Mevrouw Łukasiewicz wil zelf blijven koken.\nHaar dochter Ōshima helpt.",
    )
    _, pdf = services.verslag_export(actor=case.coordinator, case=case)
    assert_accessible_pdf(
        pdf,
        title="Verslag van het onderzoek",
        tags={"H1", "H2", "H3", "P", "Table", "THead", "TBody", "TH", "TD"},
    )
    text = pdf_text(pdf)
    for expected in [
        "Verslag van het onderzoek",
        "Concept: het onderzoek is nog niet afgerond.",
        f"Huishouden {case.household.name}",
        f"Regisseur {case.coordinator.display_name}",
        "Inwoners",
        "Naam Geboortedatum BSN",
        f"{NAME} 14 augustus 1952 ******333",
        "Gesprekken",
        "Ulica Żółkiewskiego 5",
        "Łucja Şahin (mantelzorger)",
        "Mevrouw Łukasiewicz wil zelf blijven koken. Haar dochter Ōshima helpt.",
        "Uw persoonlijk plan",
        "Conclusie",
        "Uw reactie",
        "Verslag van het onderzoek – vertrouwelijk",
        "pagina 1 van 1",
    ]:
        assert expected in text, expected
    assert "111222333" not in text
