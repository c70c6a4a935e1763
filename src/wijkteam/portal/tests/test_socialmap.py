import pytest

from wijkteam.socialmap.constants import ServiceStatus
from wijkteam.testing.factories import MapServiceFactory

from .conftest import Bridge
from .test_pages import BSN_A, logged_in

pytestmark = pytest.mark.django_db


def test_a_resident_reads_the_active_services(bridge: Bridge) -> None:
    MapServiceFactory(name="Formulierenhulp", life_domains="|financien|", costs="Gratis")
    MapServiceFactory(name="Taalcafé")
    MapServiceFactory(name="Gesloten dienst", status=ServiceStatus.DEFUNCT)
    client = logged_in(BSN_A, loa="basis")
    body = client.get("/mijn/sociale-kaart/").content.decode()
    assert "Formulierenhulp" in body and "Taalcafé" in body and "Gratis" in body
    assert "Gesloten dienst" not in body
    filtered = client.get("/mijn/sociale-kaart/", {"onderwerp": "financien"}).content.decode()
    assert "Formulierenhulp" in filtered and "Taalcafé" not in filtered


def test_the_page_needs_the_portal_log_in() -> None:
    from django.test import Client

    response = Client().get("/mijn/sociale-kaart/")
    assert response.status_code == 302 and "/mijn/inloggen/" in response["Location"]


def test_the_plan_names_the_service_of_an_action(setting: dict) -> None:
    from wijkteam.cases.models import Action, Plan

    service = MapServiceFactory(
        organisation__municipality=setting["team"].municipality, name="Formulierenhulp"
    )
    plan = Plan.objects.create(case=setting["case"])
    Action.objects.create(
        plan=plan, description="Samen de post doornemen", owner_kind="inwoner", service=service
    )
    body = logged_in(BSN_A).get(f"/mijn/hulpvraag/{setting['case'].pk}/").content.decode()
    assert "Samen de post doornemen (hulp in de buurt:" in body
    assert 'href="/mijn/sociale-kaart/?zoek=Formulierenhulp">Formulierenhulp</a>' in body


def test_a_known_resident_reads_the_services_of_their_own_municipality(setting: dict) -> None:
    MapServiceFactory(organisation__municipality=setting["team"].municipality, name="Hier")
    from wijkteam.testing.factories import MunicipalityFactory

    elders = MunicipalityFactory(name="Gemeente Elders", cbs_code="GM9998")
    MapServiceFactory(organisation__municipality=elders, name="In een andere gemeente")
    body = logged_in(BSN_A).get("/mijn/sociale-kaart/").content.decode()
    assert "Hier" in body and "In een andere gemeente" not in body
