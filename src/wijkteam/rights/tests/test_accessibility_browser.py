"""The privacy pages in a real Chromium: zero axe-core violations (WCAG 2.1 A and AA); the
log-wide access log also reflows at 320 px (its wide table scrolls inside its own box)."""

import os
from pathlib import Path

import pytest

from wijkteam.conftest import verified_client
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction, DataCategory
from wijkteam.privacy.models import Consent
from wijkteam.rights import services
from wijkteam.rights.models import RetentionRule
from wijkteam.testing.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.urls("wijkteam.rights.tests.urls_for_tests"),
]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("WIJKTEAM_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def browser_page():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium ontbreekt op {CHROMIUM}.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        yield context
        browser.close()


def violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return [
        f"{page.url}: {v['id']}: {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
    ]


def visit(context, live_server, user, paths: list[str]) -> list[str]:
    client = verified_client(user)
    context.clear_cookies()
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    problems: list[str] = []
    for path in paths:
        response = page.goto(live_server.url + path)
        expected = 400 if "tot=2026-04-01" in path or "na=kapot" in path else 200
        assert response is not None and response.status == expected, f"{path}: {response.status}"
        problems += violations(page)
    return problems


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    from wijkteam.testing.reference import ensure_reference_data

    ensure_reference_data()


def test_privacy_pages_have_no_axe_violations(browser_page, live_server, world):
    consent = services.consent_record(
        actor=world.own,
        resident=world.resident,
        organisation=world.provider,
        purpose="Afstemmen",
        categories=[DataCategory.PLAN],
        given_how="mondeling",
        valid_from=world.case.opened_on,
    )
    services.consent_withdraw(actor=world.own, consent=consent)
    services.consent_refuse(
        actor=world.own,
        resident=world.resident,
        organisation=world.provider,
        category=DataCategory.GEZONDHEID,
        refused_on=world.case.opened_on,
        reason="vertrouwen",
    )
    grant = services.emergency_access_open(
        actor=world.outsider, case=world.case, reason="Acute zorg", minutes=30
    )
    request = services.inzage_register(
        actor=world.own,
        resident=world.resident,
        received_on=world.case.opened_on,
        requested_by="inwoner",
        received_via="brief",
    )
    services.correction_register(
        actor=world.own,
        resident=world.resident,
        received_on=world.case.opened_on,
        concerns="Adres",
        requested_change="Nieuw adres",
    )
    active = Consent.objects.create(
        resident=world.resident,
        organisation=world.provider,
        purpose="x",
        categories=["plan"],
        given_how="mondeling",
        valid_from=world.case.opened_on,
        recorded_by=world.own,
    )
    r = world.resident.pk
    problems = visit(
        browser_page,
        live_server,
        world.own,
        [
            f"/privacy/inwoners/{r}/toestemmingen/",
            f"/privacy/inwoners/{r}/toestemmingen/nieuw/",
            f"/privacy/inwoners/{r}/grondslag/nieuw/",
            f"/privacy/inwoners/{r}/weigering/nieuw/",
            f"/privacy/toestemmingen/{active.pk}/intrekken/",
            f"/privacy/inwoners/{r}/toegang/",
            f"/privacy/inwoners/{r}/toegang/?van=2026-05-01&tot=2026-04-01",
            f"/privacy/inwoners/{r}/toegang/?na=kapot",
            f"/privacy/inwoners/{r}/verzoeken/",
            f"/privacy/inwoners/{r}/inzage/nieuw/",
            f"/privacy/inzage/{request.pk}/",
            f"/privacy/inzage/{request.pk}/verlengen/",
            "/privacy/verzoeken/",
            "/privacy/doorbraak/",
        ],
    )
    problems += visit(
        browser_page,
        live_server,
        world.leader,
        ["/privacy/doorbraken/", f"/privacy/doorbraken/{grant.pk}/beoordelen/"],
    )
    beheerder = UserFactory(beheerder=True)
    rule = RetentionRule.objects.get(kind="wmo")
    problems += visit(
        browser_page,
        live_server,
        beheerder,
        [
            "/privacy/verwerkingsregister/",
            "/privacy/bewaartermijnen/",
            f"/privacy/bewaartermijnen/{rule.pk}/wijzigen/",
        ],
    )
    assert not problems, "\n".join(problems)


def test_forms_with_errors_have_no_axe_violations(browser_page, live_server, world):
    client = verified_client(world.coordinator)
    browser_page.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = browser_page.new_page()
    page.goto(f"{live_server.url}/privacy/inwoners/{world.resident.pk}/toestemmingen/nieuw/")
    page.locator("#id_purpose").fill("Afstemmen")
    page.locator("#id_valid_from").fill("2030-05-01")
    page.locator("#id_valid_until").fill("2030-04-01")
    page.get_by_role("button", name="Vastleggen").click()
    assert page.get_by_text("Kies ten minste één soort gegevens.").is_visible()
    problems = violations(page)
    page.goto(f"{live_server.url}/privacy/doorbraak/")
    page.locator("#id_case_number").fill(str(world.case.pk))
    page.get_by_role("button", name="Doorbraak openen").click()
    problems += violations(page)
    assert not problems, "\n".join(problems)


def test_access_log_is_axe_clean_and_reflows_at_320(browser_page, live_server, world):
    for i in range(60):
        log_access(
            user=world.coordinator if i % 2 else world.outsider,
            action=AccessAction.EMERGENCY if i % 10 == 0 else AccessAction.READ,
            residents=[world.resident.pk],
            purpose=f"casus geopend: plan {i}",
        )
    beheerder = UserFactory(beheerder=True)
    client = verified_client(beheerder)
    browser_page.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = browser_page.new_page()
    base = f"{live_server.url}/privacy/toegangslog/"
    problems: list[str] = []
    for query, status in (
        ("", 200),
        (f"?inwoner={world.resident.pk}&doorbraak=on", 200),
        ("?inwoner=Jansen&van=2026-05-01&tot=2026-04-01", 400),
        ("?na=kapot", 400),
        ("export.csv?van=2025-01-01&tot=2025-12-31", 400),
    ):
        response = page.goto(base + query)
        assert response is not None and response.status == status, query
        problems += violations(page)
    page.goto(base)
    page.get_by_role("link", name="Oudere regels").click()
    page.wait_for_url("**na=*")
    assert page.get_by_text("Pagina 2", exact=True).is_visible()
    problems += violations(page)
    page.set_viewport_size({"width": 320, "height": 800})
    for query in ("", "?inwoner=Jansen"):
        page.goto(base + query)
        width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => "
            "e.getBoundingClientRect().right > 330 && !e.closest('.wt-scroll'))"
            ".slice(0, 8).map(e => e.tagName + '.' + e.className)"
        )
        assert width <= 320, f"horizontale scroll: {width}px {wide}"
        problems += violations(page)
    assert not problems, "\n".join(problems)
