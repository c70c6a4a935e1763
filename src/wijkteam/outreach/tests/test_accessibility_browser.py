"""The signal pages in a real Chromium at 320 px wide: zero axe-core violations (WCAG 2.1 A
and AA), no horizontal scrolling (reflow, WCAG 1.4.10), registering by keyboard."""

import os
from pathlib import Path

import pytest

from wijkteam.conftest import verified_client
from wijkteam.outreach.models import Signal

from .conftest import make_signal

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("WIJKTEAM_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    from wijkteam.testing.reference import ensure_reference_data

    ensure_reference_data()


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


def reflow(page) -> list[str]:
    width = page.evaluate("document.documentElement.scrollWidth")
    return [] if width <= 320 else [f"{page.url}: de pagina is {width}px breed bij 320px"]


def test_signal_pages_at_320px_have_no_axe_violations(live_server, world):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium ontbreekt op {CHROMIUM}.")
    from playwright.sync_api import sync_playwright

    signal = make_signal(world)
    client = verified_client(world.member)
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 640})
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        base = live_server.url
        for path in (
            "/signalen/",
            f"/signalen/{signal.pk}/",
            f"/signalen/{signal.pk}/omzetten/?q=Jansen",
        ):
            page.goto(base + path)
            problems += violations(page) + reflow(page)
        # Register by keyboard: the refusal first, then a signal with a description.
        page.goto(base + "/signalen/nieuw/")
        page.get_by_label("Soort zorg").select_option(label="Eenzaamheid of sociaal isolement")
        page.get_by_role("button", name="Signaal registreren").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.get_by_text("Vul een adres of een omschrijving in").first.is_visible()
        problems += violations(page) + reflow(page)
        page.get_by_label("Omschrijving").fill("Post stapelt zich op achter de deur")
        page.get_by_role("button", name="Signaal registreren").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "/signalen/nieuw/" not in page.url
        problems += violations(page) + reflow(page)
        browser.close()
    assert Signal.objects.count() == 2
    assert not problems, "\n".join(problems)
