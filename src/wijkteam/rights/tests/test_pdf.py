"""The access overview and the inzage export as accessible PDFs, through their downloads: every
Latin letter of a name prints, the file is tagged (PDF/UA-1) and Dutch, the font is embedded."""

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.rights import services
from wijkteam.testing.pdf import assert_accessible_pdf, pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.urls("wijkteam.rights.tests.urls_for_tests")]

NAME = "Ayşe Kowalczyk-Łukasiewicz"


@pytest.fixture
def named(world):
    resident = world.resident
    resident.first_name, resident.name_prefix, resident.last_name = (
        "Ayşe",
        "",
        "Kowalczyk-Łukasiewicz",
    )
    resident.save()
    log_access(
        user=world.coordinator,
        action=AccessAction.READ,
        residents=[resident.pk],
        purpose="dossier gelezen voor Łódź",
    )
    return world


def test_access_overview_pdf_is_accessible_with_every_letter(client_for, named):
    response = client_for(named.own).get(
        reverse("privacy:access_overview_pdf", args=[named.resident.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    stamp = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="toegangsoverzicht-{stamp}.pdf"'
    )
    pdf = response.content
    assert_accessible_pdf(
        pdf,
        title="Wie heeft uw dossier ingezien?",
        tags={"H1", "Table", "THead", "TBody", "TH", "TD"},
    )
    text = pdf_text(pdf)
    for expected in [
        "Wie heeft uw dossier ingezien?",
        f"Inwoner {NAME}",
        "Periode de hele periode",
        "Wanneer Wie Organisatie Rol Wat en waarom",
        named.coordinator.display_name,
        named.provider.name,
        "dossier gelezen voor Łódź",
    ]:
        assert expected in text, expected


def test_inzage_pdf_is_accessible_with_every_letter(client_for, named):
    item = services.inzage_register(
        actor=named.coordinator,
        resident=named.resident,
        received_on=timezone.localdate(),
        requested_by="inwoner",
        received_via="brief",
    )
    response = client_for(named.coordinator).get(reverse("privacy:inzage_pdf", args=[item.pk]))
    assert response["Content-Type"] == "application/pdf"
    stamp = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="inzage-{item.pk}-{stamp}.pdf"'
    )
    pdf = response.content
    assert_accessible_pdf(
        pdf, title="Inzage in uw gegevens", tags={"H1", "H2", "Table", "THead", "TH", "TD"}
    )
    text = pdf_text(pdf)
    for expected in [
        "Inzage in uw gegevens",
        f"Inwoner {NAME}",
        "Verzoek ontvangen op",
        "Inwoners (",
        "Gegeven Waarde",
        "voornaam Ayşe",
        "achternaam Kowalczyk-Łukasiewicz",
        "Wie heeft uw dossier ingezien?",
        "dossier gelezen voor Łódź",
    ]:
        assert expected in text, expected
