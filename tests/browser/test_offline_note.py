"""A note typed during a home visit survives a lost connection: kept in the page with a visible
"niet verzonden" state, sent once when the connection returns (Chromium, network off and on)."""

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from wijkteam.cases.constants import CaseState
from wijkteam.cases.models import Case, Conversation
from wijkteam.organisation.demo import load_demo
from wijkteam.synthetic.demo_data import build_casework
from wijkteam.synthetic.demo_stages import stage_hook

from .helpers import axe_violations, login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NOTE = "Mevrouw kan de trap niet meer op; dochter helpt twee keer per week met boodschappen."


@pytest.fixture
def onderzoek_case(live_server):
    context = load_demo()
    build_casework(
        teams=context.teams,
        members=context.users,
        orgs=context.organisations,
        stage_hook=stage_hook(context.organisations),
        households=12,
    )
    case = (
        Case.objects.filter(
            investigation__isnull=False,
            investigation__completed_on__isnull=True,
        )
        .exclude(state=CaseState.AFGESLOTEN)
        .select_related("coordinator")
        .order_by("pk")
        .first()
    )
    assert case is not None
    return live_server.url, case


def test_a_note_sent_offline_waits_in_the_page_and_goes_once_when_back_online(
    onderzoek_case, browser: Browser
):
    base, case = onderzoek_case
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, base, case.coordinator.username)
    page.goto(f"{base}/casussen/{case.pk}/onderzoek/gesprek/")
    before = Conversation.objects.filter(investigation__case=case).count()

    page.get_by_label("Datum van het gesprek").fill(timezone.localdate().isoformat())
    page.get_by_label("Plaats").fill("Bij de inwoner thuis")
    page.locator("input[name=residents]").first.check()
    page.get_by_label("Wat is er besproken?").fill(NOTE)

    context.set_offline(True)
    save = page.get_by_role("button", name="Gesprek opslaan")
    save.click()
    save.click()  # a double submit while offline
    status = page.get_by_text("Niet verzonden: er is geen verbinding.")
    expect(status).to_be_visible()
    expect(page.get_by_label("Wat is er besproken?")).to_have_value(NOTE)
    assert page.url.endswith("/onderzoek/gesprek/")
    assert Conversation.objects.filter(investigation__case=case).count() == before
    assert not axe_violations(page)
    # Nothing of the note was put in the browser's storage.
    stored = page.evaluate("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")
    assert "trap" not in stored

    with page.expect_navigation():
        context.set_offline(False)
    expect(page.get_by_text("Het keukentafelgesprek is vastgelegd.")).to_be_visible()
    saved = Conversation.objects.filter(investigation__case=case)
    assert saved.count() == before + 1
    assert saved.order_by("-pk").first().summary == NOTE
    assert saved.order_by("-pk").first().held_on == timezone.localdate()
    context.close()
