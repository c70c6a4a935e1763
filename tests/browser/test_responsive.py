"""The professional's main screens on a phone (390×844, and 320 px) and at a desk (1280×800):
no page-level horizontal scrolling, zero axe-core violations, a working menu button.

Screenshots of every screen at both sizes are written to ``WIJKTEAM_SCREENSHOTS`` when that
environment variable names a folder (test artefacts, never committed).
"""

import datetime
import os
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect

from wijkteam.cases.constants import Channel, LawTrack, ReferrerKind
from wijkteam.cases.models import Case, Decision, Report
from wijkteam.cases.services import decision as decisions
from wijkteam.cases.services import intake
from wijkteam.organisation.demo import load_demo
from wijkteam.synthetic.demo_data import build_casework
from wijkteam.synthetic.demo_documents import add_demo_documents
from wijkteam.synthetic.demo_stages import stage_hook

from .helpers import axe_violations, login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 800}
SCREENSHOTS = os.environ.get("WIJKTEAM_SCREENSHOTS", "")

# Page-level horizontal overflow, measured on the document and on the body.
OVERFLOW_JS = """() => {
  const d = document.documentElement;
  const widest = [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > d.clientWidth + 1
      && !e.closest('.wt-scroll') && getComputedStyle(e).position !== 'absolute')
    .slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : ''));
  return {scroll: d.scrollWidth, client: d.clientWidth, body: document.body.scrollWidth, widest};
}"""


@pytest.fixture
def casework_server(live_server):
    context = load_demo()
    build_casework(
        teams=context.teams,
        members=context.users,
        orgs=context.organisations,
        stage_hook=stage_hook(context.organisations),
        households=14,
    )
    add_demo_documents(limit=4)
    return live_server.url


@pytest.fixture
def desk_and_phone(browser: Browser) -> Iterator[dict[str, BrowserContext]]:
    contexts = {
        "1280": browser.new_context(locale="nl-NL", viewport=DESK),
        "390": browser.new_context(locale="nl-NL", viewport=PHONE, has_touch=True),
    }
    yield contexts
    for context in contexts.values():
        context.close()


def check_page(page: Page, path: str, size: str) -> list[str]:
    problems = []
    response = page.goto(page.url.split("/", 3)[0] + "//" + page.url.split("/")[2] + path)
    if response is None or response.status >= 400:
        return [f"{size} {path}: status {response and response.status}"]
    page.wait_for_load_state("load")
    m = page.evaluate(OVERFLOW_JS)
    if m["scroll"] > m["client"] or m["body"] > m["client"]:
        problems.append(
            f"{size} {path}: horizontaal scrollen ({m['scroll']} > {m['client']}): {m['widest']}"
        )
    problems += [f"{size} {line}" for line in axe_violations(page)]
    if SCREENSHOTS:
        name = re.sub(r"[^a-z0-9]+", "_", path).strip("_") or "start"
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/{name}_{size}.png", full_page=True)
    return problems


def main_screens(
    case: Case, resident_pk: int, decision: Decision | None, report: Report | None = None
) -> list[str]:
    base = f"/casussen/{case.pk}/"
    paths = [
        "/",
        "/werkvoorraad/",
        "/casussen/",
        "/meldingen/",
        *([f"/meldingen/{report.pk}/"] if report is not None else []),
        base,
        *[
            f"{base}?onderdeel={tab}"
            for tab in ("onderzoek", "metingen", "plan", "besluiten", "inzet", "evaluatie")
        ],
        f"{base}?onderdeel=geschiedenis",
        f"{base}plan/",
        f"{base}aanvragen/nieuw/",
        f"{base}documenten/",
        f"{base}journaal/",
        f"{base}tijdlijn/",
        f"/inwoners/{resident_pk}/",
        "/inwoners/",
        "/inwoners/?q=de",
        "/notificaties/",
    ]
    if decision is not None:
        paths.append(f"{base}besluiten/{decision.pk}/")
    return paths


def test_main_screens_on_a_phone_and_at_a_desk(casework_server, desk_and_phone):
    # Bram decides for Wijkteam Centrum: a case of his team in the plan phase or later.
    case = (
        Case.objects.filter(team__name="Wijkteam Centrum", plan__isnull=False)
        .order_by("pk")
        .first()
    )
    assert case is not None
    resident = case.household.members.order_by("pk").first()
    assert resident is not None
    decision = Decision.objects.filter(case=case).order_by("pk").first()
    # A fresh aanvraag, so that the decide form is among the screens.
    today = timezone.localdate()
    requested = decisions.decision_request(
        actor=case.coordinator,
        case=case,
        resident=resident,
        law=LawTrack.WMO,
        product_category="02",
        volume=Decimal(3),
        unit="04",
        frequency="2",
        starts_on=today,
        ends_on=today + datetime.timedelta(weeks=26),
        requested_on=today,
    )
    # An open melding of the team, so that the triage page (with its form) is among them.
    report = intake.report_create(
        actor=case.coordinator,
        team=case.team,
        resident=resident,
        channel=Channel.TELEFOON,
        referrer_kind=ReferrerKind.ZELF,
        question="Ik red het niet meer met het huishouden sinds mijn operatie.",
        received_at=timezone.now() - datetime.timedelta(days=3),
        law_track=LawTrack.WMO,
        informed_about_client_support=True,
    )
    problems: list[str] = []
    for size, context in desk_and_phone.items():
        page = context.new_page()
        page.set_default_timeout(15_000)
        login(page, casework_server, "bram")
        take = f"/casussen/{case.pk}/besluiten/{requested.pk}/besluiten/"
        for path in [*main_screens(case, resident.pk, decision, report), take]:
            problems += check_page(page, path, size)
        page.close()
    assert not problems, "\n".join(problems)


def test_the_menu_button_on_a_phone(casework_server, browser: Browser):
    context = browser.new_context(locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    login(page, casework_server, "anna")
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    work = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Casussen")
    expect(work).to_be_hidden()
    # By keyboard: Enter opens the menu, Escape closes it and gives focus back to the button.
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(work).to_be_visible()
    assert not axe_violations(page)
    page.keyboard.press("Escape")
    expect(work).to_be_hidden()
    expect(menu).to_be_focused()
    context.close()

    # At a desk there is no menu button: the navigation is always shown.
    context = browser.new_context(locale="nl-NL", viewport=DESK)
    page = context.new_page()
    login(page, casework_server, "anna")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Casussen")
    ).to_be_visible()
    context.close()


def test_tables_become_cards_at_320_px(casework_server, browser: Browser):
    """WCAG 1.4.10 reflow: at 320 CSS pixels (1280 px at 400 % zoom) the work queue and the
    case page scroll only vertically; a table row shows its column labels beside the values."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 640})
    page = context.new_page()
    login(page, casework_server, "bram")
    case = Case.objects.filter(team__name="Wijkteam Centrum").order_by("pk").first()
    assert case is not None
    problems = []
    for path in ["/werkvoorraad/", "/casussen/", f"/casussen/{case.pk}/"]:
        problems += check_page(page, path, "320")
    assert not problems, "\n".join(problems)
    page.goto(f"{casework_server}/casussen/{case.pk}/")
    cell = page.locator("#termijnen ~ table tbody td").first
    expect(cell).to_have_attribute("data-label", "Termijn")
    label = cell.evaluate("(td) => getComputedStyle(td, '::before').content")
    assert label == '"Termijn"'
    context.close()


def test_manifest_offline_page_and_service_worker(casework_server, page: Page):
    manifest = page.request.get(casework_server + "/manifest.webmanifest").json()
    assert manifest["display"] == "standalone" and manifest["lang"] == "nl"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert page.request.get(casework_server + icon["src"]).ok
    worker = page.request.get(casework_server + "/sw.js").text()
    # It keeps the shell only: no page of a case, resident or API.
    for private in ("/casussen/", "/inwoners/", "/api/", "/werkvoorraad/"):
        assert private not in worker
    page.goto(casework_server + "/offline/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen verbinding")
    assert not axe_violations(page)
