"""The neighbourhood pages not covered elsewhere, in Chromium: axe-core clean (WCAG 2.1 A/AA)
and no sideways scrolling at 1280, 390 and 320 px.

- the resident's Hulp in de buurt (/mijn/sociale-kaart/) and the plan naming a service, after
  the real DigiD-test log-in;
- connecting a resident to an initiative (/casussen/<id>/initiatieven/), the refusal without
  consent included;
- the wijk and buurt pages with their social infrastructure, for the generalist and the
  beleidsmedewerker.
"""

import datetime

import pytest
from playwright.sync_api import Browser, Page

from wijkteam.area.demo import import_demo_figures
from wijkteam.organisation.demo import load_demo
from wijkteam.organisation.models import District, Membership, Neighbourhood
from wijkteam.socialmap.demo import add_demo_socialmap

from .helpers import axe_violations, login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SIZES = (
    {"width": 1280, "height": 800},
    {"width": 390, "height": 844},
    {"width": 320, "height": 800},
)
BSN = "111222333"


def check_here(page: Page, width: int) -> list[str]:
    problems = axe_violations(page)
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide > width:
        problems.append(f"{page.url}: {wide}px wide at {width}px")
    return problems


def check(page: Page, base: str, paths: list[str]) -> list[str]:
    problems: list[str] = []
    for size in SIZES:
        page.set_viewport_size(size)
        for path in paths:
            response = page.goto(base + path)
            assert response is not None and response.status < 400, f"{path}: {response.status}"
            problems += check_here(page, size["width"])
    return problems


@pytest.fixture
def demo(live_server):
    load_demo()
    import_demo_figures()
    add_demo_socialmap(today=datetime.date.today())
    return live_server.url


def test_area_pages_with_their_social_infrastructure(page: Page, demo):
    district = District.objects.get(cbs_code="WK999901")
    hood = Neighbourhood.objects.get(cbs_code="BU99990101")
    paths = ["/gebieden/", f"/gebieden/wijk/{district.pk}/", f"/gebieden/buurt/{hood.pk}/"]
    login(page, demo, "anna")
    page.goto(f"{demo}/gebieden/wijk/{district.pk}/")
    assert page.get_by_role("heading", name="Bewonersinitiatieven").is_visible()
    problems = check(page, demo, paths)
    page.context.clear_cookies()
    login(page, demo, "beleid")
    problems += check(page, demo, paths)
    assert not problems, "\n".join(problems)


def test_connecting_a_resident_to_an_initiative(page: Page, demo):
    from wijkteam.cases.models import InitiativeConnection
    from wijkteam.testing.factories import CaseFactory

    # Hanna works for the team's responsible organisation: she sees the plan without consent.
    hanna = (
        Membership.objects.filter(user__username="hanna", team__name="Jeugdteam Noord")
        .select_related("team", "user")
        .get()
    )
    case = CaseFactory(team=hanna.team, coordinator=hanna.user, plan=True, jeugd=True)
    path = f"/casussen/{case.pk}/initiatieven/"
    login(page, demo, "hanna")
    problems = check(page, demo, [path])
    # Without consent: refused in Dutch, the page with its error is still clean.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(demo + path)
    page.locator("#id_resident").select_option(index=1)
    page.locator("#id_initiative").select_option(index=1)
    page.get_by_role("button", name="Verbinden").click()
    page.get_by_text("Verbind een inwoner alleen met een initiatief als").first.wait_for()
    assert not InitiativeConnection.objects.exists()
    problems += check_here(page, 390)
    page.get_by_label(
        "De inwoner geeft toestemming om met dit initiatief verbonden te worden"
    ).check()
    page.get_by_label("Toestemming gegeven op").fill(datetime.date.today().isoformat())
    page.get_by_role("button", name="Verbinden").click()
    page.get_by_text("De inwoner is verbonden met het initiatief.").wait_for()
    assert InitiativeConnection.objects.filter(case=case).count() == 1
    problems += check_here(page, 390)
    assert not problems, "\n".join(problems)


@pytest.fixture
def portal_server(live_server, settings):  # type: ignore[no-untyped-def]
    from wijkteam.cases.models import Action, Plan
    from wijkteam.idp.services import portal_client_ensure
    from wijkteam.testing.factories import (
        CaseFactory,
        MapServiceFactory,
        NeighbourhoodFactory,
        ResidentFactory,
        TeamFactory,
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
    ResidentFactory(household=case.household, bsn=BSN, neighbourhood=buurt)
    service = MapServiceFactory(
        organisation__municipality=team.municipality,
        name="Formulierenhulp in de bibliotheek",
        life_domains="|financien|",
        costs="Gratis",
        how_to_access="Loop binnen op dinsdag; een afspraak maken kan ook.",
    )
    MapServiceFactory(
        organisation=service.organisation,
        name="Mantelzorgsteunpuntmiddagbijeenkomstenreeks",  # a long word must wrap
        life_domains="|sociaal_netwerk|",
    )
    plan = Plan.objects.create(case=case)
    Action.objects.create(
        plan=plan, description="Samen de post doornemen", owner_kind="inwoner", service=service
    )
    return base, case


def test_resident_reads_hulp_in_de_buurt_and_the_plan(browser: Browser, portal_server) -> None:  # type: ignore[no-untyped-def]
    base, case = portal_server
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/mijn/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.wait_for_url("**/idp-test/inloggen/**")
    page.get_by_label("Burgerservicenummer (BSN)").fill(BSN)
    page.get_by_label("Substantieel").check()
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/mijn/")
    paths = [
        "/mijn/sociale-kaart/",
        "/mijn/sociale-kaart/?onderwerp=financien&zoek=formulieren",
        "/mijn/sociale-kaart/?zoek=bestaatniet",
        f"/mijn/hulpvraag/{case.pk}/",
    ]
    problems = check(page, base, paths)
    page.goto(f"{base}/mijn/hulpvraag/{case.pk}/")
    page.get_by_role("link", name="Formulierenhulp in de bibliotheek").click()
    page.get_by_role("heading", name="Formulierenhulp in de bibliotheek").wait_for()
    problems += check_here(page, 320)
    context.close()
    assert not problems, "\n".join(problems)
