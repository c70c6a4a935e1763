"""Every page, as every role, in a real Chromium: zero axe-core violations, usable by keyboard."""

import io
import re

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from wijkteam.organisation.demo import load_demo
from wijkteam.organisation.models import District, Team

from .helpers import axe_violations, login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo_server(live_server):
    load_demo()
    return live_server.url


def visit_all(page: Page, base: str, paths: list[str]) -> list[str]:
    problems: list[str] = []
    for path in paths:
        response = page.goto(base + path)
        assert response is not None and response.status < 400, (
            f"{path}: {response and response.status}"
        )
        problems += axe_violations(page)
    return problems


def test_public_pages(page: Page, demo_server):
    problems = visit_all(page, demo_server, ["/inloggen/", "/toegankelijkheid/"])
    page.goto(demo_server + "/inloggen/")
    page.get_by_role("button", name="Inloggen").click()  # empty form: errors must be accessible
    problems += axe_violations(page)
    expect(page.get_by_text("Dit veld is vereist.").first).to_be_visible()
    assert not problems, "\n".join(problems)


def test_skip_link_and_keyboard_login(page: Page, demo_server):
    page.goto(demo_server + "/inloggen/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#inhoud")).to_be_focused()
    # The whole log-in works from the keyboard alone.
    from wijkteam.organisation import demo

    from .helpers import totp_code

    page.get_by_label("Gebruikersnaam").focus()
    page.keyboard.type("anna")
    page.keyboard.press("Tab")
    page.keyboard.type(demo.DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/inloggen/verificatie/(#.*)?$"))
    problems = axe_violations(page)
    page.get_by_label("Code uit uw authenticator-app").focus()
    page.keyboard.type(totp_code("anna"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(demo_server) + r"/(#.*)?$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anna")
    assert not problems, "\n".join(problems)


def test_professional_pages(page: Page, demo_server):
    login(page, demo_server, "bram")
    team = Team.objects.get(name="Wijkteam Centrum")
    problems = visit_all(page, demo_server, ["/", "/mijn-teams/", f"/teams/{team.pk}/"])
    other = Team.objects.get(name="Jeugdteam Noord")
    response = page.goto(f"{demo_server}/teams/{other.pk}/")
    assert response is not None and response.status == 404
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("username", ["carla", "dirk", "hanna"])
def test_other_team_roles_start_pages(page: Page, demo_server, username):
    login(page, demo_server, username)
    problems = visit_all(page, demo_server, ["/", "/mijn-teams/"])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("username", ["beleid", "wmoraad"])
def test_reporting_roles(page: Page, demo_server, username):
    login(page, demo_server, username)
    problems = visit_all(page, demo_server, ["/", "/teams-in-de-gemeente/"])
    response = page.goto(demo_server + "/inrichting/")
    assert response is not None and response.status == 403
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)


def test_beheerder_walks_the_configuration(page: Page, demo_server):
    login(page, demo_server, "beheer")
    team = Team.objects.get(name="Wijkteam Centrum")
    district = District.objects.order_by("pk").first()
    assert district is not None
    rule = team.mandate_rules.order_by("pk").first()
    membership = team.memberships.order_by("pk").first()
    assert rule is not None and membership is not None
    paths = [
        "/",
        "/inrichting/",
        "/beheer/accounts/",
        "/beheer/accounts/nieuw/",
        f"/beheer/accounts/{membership.user_id}/",
        "/inrichting/gemeenten/nieuw/",
        f"/inrichting/gemeenten/{team.municipality_id}/",
        "/inrichting/wijken/nieuw/",
        f"/inrichting/wijken/{district.pk}/",
        "/inrichting/buurten/nieuw/",
        "/inrichting/organisaties/nieuw/",
        "/inrichting/teams/nieuw/",
        f"/teams/{team.pk}/",
        f"/inrichting/teams/{team.pk}/wijzigen/",
        f"/inrichting/teams/{team.pk}/leden/nieuw/",
        f"/inrichting/teams/{team.pk}/leden/{membership.pk}/",
        f"/inrichting/teams/{team.pk}/mandaat/nieuw/",
        f"/inrichting/teams/{team.pk}/mandaat/{rule.pk}/",
        f"/inrichting/teams/{team.pk}/mandaat/{rule.pk}/verwijderen/",
        "/beheer/taken/",
        "/beheer/taken/?mislukt=1",
        "/privacy/bewaartermijnen/",
        "/beheer/blokkades/",
    ]
    call_command("schedule_jobs", stdout=io.StringIO())  # the nightly jobs ran: runs to list
    AccessAttempt.objects.create(  # a lock-out to list, lift and check with axe
        username="onbekend",
        ip_address="10.0.0.9",
        user_agent="test",
        get_data="",
        post_data="",
        http_accept="",
        path_info="/inloggen/",
        failures_since_start=31,
        attempt_time=timezone.now(),
    )
    problems = visit_all(page, demo_server, paths)

    # A wijk with a bad CBS code: a clear Dutch message next to the field, nothing stored.
    page.goto(demo_server + "/inrichting/wijken/nieuw/")
    page.get_by_label("Gemeente").select_option(label="Gemeente Voorbeeld")
    page.get_by_label("Naam").fill("Zuid")
    page.get_by_label("CBS-wijkcode").fill("WK12")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Een CBS-wijkcode is 'WK' gevolgd door")).to_be_visible()
    expect(page.get_by_label("CBS-wijkcode")).to_have_attribute("aria-invalid", "true")
    problems += axe_violations(page)
    assert not District.objects.filter(name="Zuid").exists()

    # Then correctly, by keyboard only: the new wijk appears in the set-up.
    page.get_by_label("CBS-wijkcode").fill("WK999903")
    page.get_by_label("CBS-wijkcode").press("Enter")
    page.wait_for_url(demo_server + "/inrichting/")
    expect(page.get_by_role("link", name="Zuid")).to_be_visible()
    problems += axe_violations(page)

    # A mandate rule with inverted limits is refused next to the field.
    page.goto(f"{demo_server}/inrichting/teams/{team.pk}/mandaat/nieuw/")
    page.get_by_label("Rol").select_option("generalist")
    page.get_by_label("Soort besluit").select_option("afwijzing")
    page.get_by_label("Budget zelfstandig tot en met (euro)").fill("500")
    page.get_by_label("Budget met tweede akkoord tot en met (euro)").fill("100")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("minstens zo hoog")).to_be_visible()
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)


def test_english_is_available(page: Page, demo_server):
    login(page, demo_server, "anna")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert not axe_violations(page)


def test_the_axe_check_itself_finds_violations(page: Page):
    """Guards the guard: a page with known WCAG faults must be reported."""
    page.set_content(
        "<!DOCTYPE html><html><head><title>x</title></head><body><main>"
        '<img src="data:,"><input type="text"><p style="color:#bbb;background:#fff">grijs</p>'
        "</main></body></html>"
    )
    found = " ".join(axe_violations(page))
    assert "image-alt" in found and "label" in found and "color-contrast" in found
