"""The providers' pages in Chromium: axe-core clean, and the case's providers page reflows at
320 px without sideways scrolling."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import Page

from wijkteam.accounts.models import User
from wijkteam.cases.models import Allocation
from wijkteam.cases.services import intervention as interventions
from wijkteam.cases.tests.test_decision_fixtures import build_world, decided
from wijkteam.iwmo.models import Escalation, Message, ProviderRequest
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.demo import load_demo
from wijkteam.organisation.models import Team
from wijkteam.providers.demo import add_demo_catalogue
from wijkteam.providers.models import ContractedProduct
from wijkteam.residents.models import Resident
from wijkteam.testing.factories import CaseFactory, MembershipFactory

from .helpers import axe_violations, login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def server(live_server):
    load_demo()
    team = Team.objects.get(name="Wijkteam Centrum")
    add_demo_catalogue(municipality_id=team.municipality_id)
    case = CaseFactory(team=team, uitvoering=True)
    provider = team.municipality.organisations.get(name="Zorggroep De Linde")
    Escalation.objects.create(
        case=case,
        provider=provider,
        product_category="02",
        volume=Decimal(8),
        unit="04",
        frequency="2",
        starts_on=datetime.date.today(),
        ends_on=datetime.date.today() + datetime.timedelta(weeks=4),
        reason="Crisis",
        mandate_note="Boven de grens",
        requested_by=case.coordinator,
        due_on=datetime.date.today() + datetime.timedelta(days=3),
    )
    message = Message.objects.create(
        standard="iwmo", message_type="305", direction="in", status="afgekeurd",
        message_id="X1", sender="12345678", receiver="9999", provider=provider, case=case,
        raw_xml="<Bericht/>", retour_codes=["9019"], problems=[["9019", "onbekend"]],
        retour_blocks=[
            {"block": "Client", "key": "", "codes": ["0200"]},
            {"block": "StartProduct", "key": "TW2026000001", "codes": ["9019", "9361"]},
        ],
    )  # fmt: skip
    request_message = Message.objects.create(
        standard="iwmo", message_type="315", direction="in", status="verwerkt",
        message_id="V1", sender="12345678", receiver="9999", provider=provider, case=case,
        raw_xml="<Bericht/>",
    )  # fmt: skip
    today = datetime.date.today()
    ProviderRequest.objects.create(
        message=request_message, kind="315", case=case, resident=Resident.objects.filter(household=case.household).first(),
        provider=provider, reference="VOT1", product_category="02", volume=Decimal(2), unit="04",
        frequency="2", starts_on=today, received_on=today, due_on=today + datetime.timedelta(7),
    )  # fmt: skip
    # an allocation carla (teamleider there too) may end or scale: the WMO002 reason is offered
    world = build_world()
    MembershipFactory(
        team=world.team, user=User.objects.get(username="carla"), roles=[TeamRole.TEAMLEIDER]
    )
    decision = decided(world)
    ContractedProduct.objects.create(
        provider=world.provider, product_category="02", description="Begeleiding",
        created_by=world.coordinator,
    )  # fmt: skip
    interventions.intervention_start(
        actor=world.coordinator, case=world.case, kind="maatwerk", description="Begeleiding",
        starts_on=decision.starts_on, decision=decision, provider=world.provider,
        volume=Decimal(4), unit=decision.unit, frequency=decision.frequency,
    )  # fmt: skip
    return live_server.url, case, message


def visit(page: Page, base: str, paths: list[str]) -> list[str]:
    problems: list[str] = []
    for path in paths:
        response = page.goto(base + path)
        assert response is not None and response.status < 400, f"{path}: {response.status}"
        problems += axe_violations(page)
    return problems


def test_beheerder_pages(page: Page, server):
    base, _case, message = server
    login(page, base, "beheer")
    problems = visit(
        page, base, ["/aanbieders/", "/aanbieders/product-toevoegen/", "/berichten/",
                     f"/berichten/{message.pk}/"],
    )  # fmt: skip
    assert not problems, "\n".join(problems)


def test_teamleider_pages_and_reflow(page: Page, server):
    base, case, message = server
    login(page, base, "carla")
    escalation = Escalation.objects.get()
    request = ProviderRequest.objects.get()
    intervention = Allocation.objects.get().intervention  # the fixture's allocation
    paths = [
        "/berichten/",
        f"/berichten/{message.pk}/",
        f"/casussen/{case.pk}/aanbieders/",
        f"/casussen/{case.pk}/aanbieders/specialist/",
        f"/casussen/{case.pk}/aanbieders/escalatie/{escalation.pk}/",
        f"/casussen/{case.pk}/aanbieders/verzoek/{request.pk}/",
        f"/casussen/{intervention.case_id}/interventies/{intervention.pk}/beeindigen/",
        f"/casussen/{intervention.case_id}/interventies/{intervention.pk}/schalen/",
        f"/casussen/{case.pk}/tijdlijn/?soort=doorzettingsmacht",
    ]
    problems = visit(page, base, paths)
    assert not problems, "\n".join(problems)
    page.set_viewport_size({"width": 320, "height": 800})
    for path in paths[1:]:
        page.goto(base + path)
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 320, f"{path}: {wide}px wide"
    # "Aanvraag in onderzoek melden": the 319 goes, the request stays open; page still clean
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base + f"/casussen/{case.pk}/aanbieders/verzoek/{request.pk}/")
    page.get_by_role("button", name="Aanvraag in onderzoek melden").click()
    page.wait_for_load_state()
    assert "de aanvraag is in onderzoek" in page.content()
    assert not axe_violations(page)
    page.goto(base + paths[-3])
    assert page.get_by_label("Reden voor de aanbieder").count() == 1
    request.refresh_from_db()
    assert request.status == "open" and request.investigation_sent_at is not None
    assert User.objects.filter(username="carla").exists()
