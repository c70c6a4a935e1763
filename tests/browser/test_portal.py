"""Mijn wijkteam on a phone: log in through the DigiD-test provider (real HTTP, the full
authorization-code flow with PKCE), ask for help, read and agree to the plan, withdraw and
give a consent, read who looked at the file, send a message, answer the survey; axe-clean and no sideways scrolling on every page."""

import datetime
import re

import pytest
from playwright.sync_api import Browser, Page

from .helpers import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BSN = "111222333"


@pytest.fixture
def phone(browser: Browser) -> Page:
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def portal_server(live_server, settings):  # type: ignore[no-untyped-def]
    from wijkteam.cases.models import Plan
    from wijkteam.idp.services import portal_client_ensure
    from wijkteam.portal.tests.test_representation import final_decision
    from wijkteam.privacy.constants import ConsentMethod, SharingBasis
    from wijkteam.privacy.models import Consent, ConsentRefusal
    from wijkteam.testing.factories import (
        CaseFactory,
        NeighbourhoodFactory,
        OrganisationFactory,
        ResidentFactory,
        TeamFactory,
        UserFactory,
    )

    base = live_server.url
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/idp-test/o/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/idp-test/o/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{base}/idp-test/o/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{base}/idp-test/o/.well-known/jwks.json"
    portal_client_ensure(
        client_id=settings.OIDC_RP_CLIENT_ID,
        client_secret=settings.OIDC_RP_CLIENT_SECRET,
        redirect_uris=[f"{base}/mijn/inloggen/terug/"],
    )
    team = TeamFactory()
    buurt = NeighbourhoodFactory(district__municipality=team.municipality)
    team.neighbourhoods.add(buurt)
    case = CaseFactory(team=team, plan=True, residents=0)
    resident = ResidentFactory(household=case.household, bsn=BSN, neighbourhood=buurt)
    Plan.objects.create(case=case)
    # an earlier, closed case of the household: the survey about it is offered
    CaseFactory(team=team, household=case.household, afgesloten=True, residents=0)
    Consent.objects.create(
        resident=resident,
        organisation=OrganisationFactory(municipality=team.municipality, name="Thuiszorg Oost"),
        basis=SharingBasis.TOESTEMMING,
        purpose="Begeleiding thuis",
        categories=["basisgegevens", "plan"],
        given_how=ConsentMethod.MONDELING,
        valid_from=datetime.date(2026, 1, 5),
        recorded_by=UserFactory(),
    )
    final_decision(case, resident)  # made known 5 days ago: the objection form is offered
    ConsentRefusal.objects.create(  # shown beside the consents (issue 12)
        resident=resident,
        organisation=OrganisationFactory(municipality=team.municipality, name="Schuldhulp West"),
        category="financien",
        refused_on=datetime.date(2026, 2, 3),
        recorded_by=UserFactory(),
    )
    return base, case


def check(page: Page) -> None:
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def test_resident_walks_the_portal_on_a_phone(phone: Page, portal_server) -> None:  # type: ignore[no-untyped-def]
    base, case = portal_server
    page = phone
    page.goto(f"{base}/mijn/")
    check(page)  # the portal's log-in page
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.wait_for_url("**/idp-test/inloggen/**")
    check(page)  # the DigiD-test page
    page.get_by_label("Burgerservicenummer (BSN)").fill(BSN)
    page.get_by_label("Substantieel").check()
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/mijn/")
    check(page)

    page.get_by_role("main").get_by_role("link", name="Hulp vragen").click()
    check(page)
    page.get_by_label("Waar zoekt u hulp bij?").fill("Ik kan de trap niet meer op.")
    page.get_by_label("Via Mijn wijkteam").check()
    page.get_by_role("button", name="Vraag versturen").click()
    page.wait_for_url("**/hulp-vragen/ontvangen/")
    assert "uiterlijk" in page.content()
    check(page)

    page.goto(f"{base}/mijn/hulpvraag/{case.pk}/")
    check(page)
    page.get_by_label("Ik ga akkoord met het plan").check()
    page.get_by_role("button", name="Antwoord versturen").click()
    page.wait_for_selector("#antwoord")
    check(page)

    page.get_by_role("link", name="Berichten met het wijkteam").click()
    check(page)
    page.get_by_role("button", name="Bericht versturen").click()  # empty: refused in Dutch
    page.get_by_text("Schrijf eerst uw bericht.").first.wait_for()
    check(page)
    page.get_by_label("Uw bericht").fill("Kunt u mij dinsdag bellen?")
    page.get_by_role("button", name="Bericht versturen").click()
    page.get_by_text("Kunt u mij dinsdag bellen?").wait_for()
    check(page)

    page.get_by_role("link", name="Toestemmingen").click()
    page.get_by_role("button", name="Toestemming intrekken voor Thuiszorg Oost").click()
    page.get_by_role("button", name="Toestemming opnieuw geven aan Thuiszorg Oost").click()
    page.get_by_role("button", name="Toestemming intrekken voor Thuiszorg Oost").wait_for()
    page.get_by_text(
        "U heeft geen toestemming gegeven aan Schuldhulp West voor financiën (op 3 februari 2026)."
    ).wait_for()
    check(page)

    page.get_by_role("link", name="Wie keek in mijn dossier").click()
    assert "Mijn wijkteam" in page.content()
    check(page)

    page.get_by_role("link", name="Overzicht", exact=True).click()
    page.get_by_role("link", name="Naar de vragenlijst").click()
    check(page)
    # offered twice: about the closed case, and about the case with a decision
    page.get_by_role("link", name="Vragenlijst over uw hulpvraag").first.click()
    check(page)
    page.get_by_role("group", name="Ik werd snel geholpen.").get_by_label(
        "Mee eens", exact=True
    ).check()
    page.get_by_role(
        "group", name="Ik vind de kwaliteit van de ondersteuning die ik krijg goed."
    ).get_by_label("Helemaal mee eens").check()
    page.get_by_role("button", name="Antwoorden versturen").click()
    page.get_by_text("Dank u wel!").wait_for()
    check(page)

    page.get_by_role("link", name="Besluiten", exact=True).click()
    check(page)
    page.get_by_role("link", name=re.compile("^Bezwaar maken tegen het besluit")).click()
    check(page)
    page.get_by_role("button", name="Bezwaar indienen").click()  # no reason given: refused
    page.get_by_text("Schrijf op waarom").first.wait_for()
    check(page)
    page.get_by_role("link", name="Besluiten", exact=True).click()
    page.get_by_role("link", name="Mijn gegevens", exact=True).click()
    check(page)
    page.get_by_role("button", name="Overzicht van mijn gegevens aanvragen").click()
    page.get_by_text("Overzicht gevraagd op").wait_for()
    check(page)
    page.get_by_role("link", name="Namens iemand anders").click()
    check(page)
    page.get_by_role("link", name="Klacht", exact=True).click()
    check(page)
    page.get_by_role("button", name="Klacht indienen").click()  # nothing chosen: refused
    page.get_by_text("Kies waarover uw klacht gaat.").first.wait_for()
    check(page)


@pytest.mark.parametrize("viewport", [(390, 844), (1280, 800)])
def test_the_team_answers_and_records_a_representative(
    browser: Browser, live_server, viewport
) -> None:  # type: ignore[no-untyped-def]
    """The team's side on the case: the thread with read receipts, the reply form and the
    representation form (with the representative's phone and e-mail, changed afterwards), with
    their error states; axe-clean, no sideways scrolling."""
    from wijkteam.accounts.models import User
    from wijkteam.organisation.demo import load_demo
    from wijkteam.organisation.models import Team
    from wijkteam.portal.constants import MessageDirection
    from wijkteam.portal.models import Message
    from wijkteam.privacy.constants import ConsentMethod, DataCategory, SharingBasis
    from wijkteam.privacy.models import Consent
    from wijkteam.testing.factories import CaseFactory

    from .helpers import login

    load_demo()
    base = live_server.url
    bram = User.objects.get(username="bram")
    case = CaseFactory(team=Team.objects.get(name="Wijkteam Centrum"), coordinator=bram)
    resident = case.household.members.get()
    Consent.objects.create(  # the regisseur's organisation may see the household's plan
        resident=resident,
        organisation=bram.memberships.get(team=case.team).organisation,
        basis=SharingBasis.TOESTEMMING,
        purpose="Ondersteuning thuis",
        categories=list(DataCategory.values),
        given_how=ConsentMethod.MONDELING,
        valid_from=datetime.date(2026, 1, 5),
        recorded_by=bram,
    )
    Message.objects.create(
        case=case, direction=MessageDirection.INWONER, resident=resident, body="Bel mij maar."
    )
    width, height = viewport
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, base, "bram")
    response = page.goto(f"{base}/casussen/{case.pk}/mijn-wijkteam/")
    assert response is not None and response.status == 200, page.inner_text("main")
    assert "Bel mij maar." in page.content()
    check(page)
    page.get_by_role("button", name="Vertegenwoordiger vastleggen").click()  # empty: refused
    page.locator(".utrecht-form-field-error-message").first.wait_for()
    check(page)
    page.get_by_label("Wie wordt vertegenwoordigd?").select_option(label=resident.full_name)
    page.get_by_label("Naam van de vertegenwoordiger").fill("J. Mentor")
    page.get_by_label("BSN van de vertegenwoordiger").fill("100000009")
    page.get_by_label("Grondslag").select_option("mentorschap")
    page.get_by_label("Geldig vanaf").fill("01-01-2026")
    page.get_by_label("Telefoon van de vertegenwoordiger").fill("06 12345678")
    page.get_by_role("button", name="Vertegenwoordiger vastleggen").click()
    page.get_by_role("button", name="Vertegenwoordiging door J. Mentor beëindigen").wait_for()
    assert "06 12345678" in page.inner_text("main")
    check(page)
    # change the representative's e-mail: refused with its error, the details stay open
    page.get_by_text("Telefoon en e-mail van J. Mentor wijzigen").click()
    page.locator("details").get_by_label("E-mailadres van de vertegenwoordiger").fill("x@")
    page.get_by_role("button", name="Contactgegevens opslaan").click()
    page.get_by_text("Vul een geldig e-mailadres in").first.wait_for()
    check(page)
    page.locator("details").get_by_label("E-mailadres van de vertegenwoordiger").fill("m@v.nl")
    page.get_by_role("button", name="Contactgegevens opslaan").click()
    page.get_by_text("e-mail: m@v.nl").wait_for()
    page.get_by_label("Bericht aan de inwoner").fill("Ik bel u morgen.")
    page.get_by_role("button", name="Bericht versturen").click()
    page.get_by_text("Nog niet gelezen door de inwoner").wait_for()
    check(page)
    context.close()
