"""The documents pages in a real Chromium at 320 px wide: zero axe-core violations (WCAG 2.1 A
and AA), no horizontal scrolling of the page (reflow, WCAG 1.4.10), usable by keyboard."""

import os
from pathlib import Path

import pytest

from wijkteam.conftest import verified_client
from wijkteam.documents import samples
from wijkteam.documents.models import Document

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("WIJKTEAM_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def narrow_page(live_server, world):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium ontbreekt op {CHROMIUM}.")
    from playwright.sync_api import sync_playwright

    client = verified_client(world.regisseur)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(
            locale="nl-NL", viewport={"width": 320, "height": 640}, reduced_motion="reduce"
        )
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
        yield page
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


def reflow(page) -> list[str]:
    width = page.evaluate("document.documentElement.scrollWidth")
    return [] if width <= 320 else [f"{page.url}: de pagina is {width}px breed bij 320px"]


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    from wijkteam.testing.reference import ensure_reference_data

    ensure_reference_data()


def test_upload_and_list_at_320px_have_no_axe_violations(narrow_page, live_server, world):
    page = narrow_page
    base = live_server.url
    # From the case page, by keyboard, to the documents and on to the upload form.
    page.goto(f"{base}/casussen/{world.case.pk}/")
    problems = reflow(page)
    for name in ("Documenten", "Document toevoegen"):
        page.get_by_role("link", name=name, exact=True).focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        problems += violations(page) + reflow(page)
    assert page.url.endswith(f"/casussen/{world.case.pk}/documenten/toevoegen/")

    # A renamed program: refused, the message next to the field.
    page.get_by_label("Soort document").select_option("brief")
    page.get_by_label("Bestand").set_input_files(
        {"name": "brief.pdf", "mimeType": "application/pdf", "buffer": samples.windows_program()}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Document toevoegen").click()
    assert page.locator("#id_file_error").is_visible()
    assert page.locator("#id_file").get_attribute("aria-invalid") == "true"
    problems += violations(page) + reflow(page)

    # A real PDF, sent by keyboard.
    page.get_by_label("Soort document").select_option("medische_verklaring")
    page.get_by_label("Bestand").set_input_files(
        {"name": "Verklaring huisarts.pdf", "mimeType": "application/pdf", "buffer": samples.pdf()}
    )
    page.get_by_label("Omschrijving").fill("Verklaring over de mobiliteit")
    page.get_by_role("button", name="Document toevoegen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/casussen/{world.case.pk}/documenten/")
    assert Document.objects.count() == 1
    assert page.get_by_role("link", name="Verklaring huisarts.pdf (downloaden)").is_visible()
    problems += violations(page) + reflow(page)

    # The table scrolls inside its own region, which the keyboard reaches.
    region = page.get_by_role("region", name="Documenten van deze casus, nieuwste eerst")
    region.focus()
    assert region.evaluate("el => el === document.activeElement")
    assert not problems, "\n".join(problems)
