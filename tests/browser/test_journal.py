"""The case journal and the timeline in Chromium: a note typed during a home visit survives a
lost connection ("nog niet verstuurd", kept in the tab's sessionStorage under the case), is
sent once when the connection returns; a reload keeps the text; a stale correction is refused
with the text kept; axe and no page-level horizontal scroll at 390 and 1280 px."""

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from wijkteam.cases.constants import CaseState
from wijkteam.cases.models import Case, JournalEntry
from wijkteam.cases.services.journal import journal_entry_create, journal_entry_update
from wijkteam.organisation.demo import load_demo
from wijkteam.synthetic.demo_data import build_casework
from wijkteam.synthetic.demo_documents import add_demo_documents
from wijkteam.synthetic.demo_stages import stage_hook

from .helpers import axe_violations, login
from .test_responsive import DESK, PHONE, check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NOTE = "Huisbezoek: mevrouw valt vaker; de dochter regelt de boodschappen."
DRAFTS = "() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage)"


@pytest.fixture
def journal_case(live_server):
    context = load_demo()
    build_casework(
        teams=context.teams,
        members=context.users,
        orgs=context.organisations,
        stage_hook=stage_hook(context.organisations),
        households=12,
    )
    add_demo_documents(limit=3)
    case = (
        Case.objects.exclude(state=CaseState.AFGESLOTEN)
        .filter(decisions__isnull=False)
        .select_related("coordinator")
        .order_by("pk")
        .first()
    )
    assert case is not None
    entry = journal_entry_create(
        actor=case.coordinator,
        case=case,
        occurred_on=timezone.localdate(),
        kind="telefoon",
        with_whom="De huisarts",
        note="Overleg over de valpartijen; de huisarts verwijst naar de fysiotherapeut.",
        category="onderzoek",
    )
    return live_server.url, case, entry


def test_a_journal_note_survives_a_lost_connection_and_is_sent_once(journal_case, browser: Browser):
    base, case, _entry = journal_case
    context = browser.new_context(locale="nl-NL", viewport=PHONE, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, base, case.coordinator.username)
    page.goto(f"{base}/casussen/{case.pk}/journaal/nieuw/")
    before = JournalEntry.objects.filter(case=case).count()

    page.get_by_label("Huisbezoek").check()
    page.get_by_label("Met wie").fill("Mevrouw en haar dochter")
    context.set_offline(True)
    status = page.get_by_text("Nog niet verstuurd: er is geen verbinding.")
    expect(status).to_be_visible()
    page.get_by_label("Notitie").fill(NOTE)  # typed on, without a connection
    # The text is kept in this tab's sessionStorage, keyed by the case; never in localStorage.
    stored = page.evaluate(f"() => sessionStorage.getItem('wt-draft:journaal-{case.pk}')")
    assert stored is not None and "valt vaker" in stored
    assert "valt vaker" not in page.evaluate("() => JSON.stringify(localStorage)")

    save = page.get_by_role("button", name="Contactmoment opslaan")
    save.click()
    save.click()  # a double submit while offline
    expect(status).to_be_visible()
    expect(page.get_by_label("Notitie")).to_have_value(NOTE)
    assert page.url.endswith("/journaal/nieuw/")
    assert JournalEntry.objects.filter(case=case).count() == before
    assert not axe_violations(page)

    with page.expect_navigation():
        context.set_offline(False)
    expect(page.get_by_text("Het contactmoment staat in het journaal.")).to_be_visible()
    saved = JournalEntry.objects.filter(case=case)
    assert saved.count() == before + 1
    assert saved.order_by("-pk").first().note == NOTE
    # After the save the draft is gone from the tab.
    assert "valt vaker" not in page.evaluate(DRAFTS)
    # Sending the same form again (back and resend) still makes one entry.
    page.go_back()
    page.wait_for_load_state("load")
    context.close()
    assert JournalEntry.objects.filter(case=case).count() == before + 1


def test_a_reload_keeps_the_text_and_a_stale_correction_is_refused(journal_case, browser: Browser):
    base, case, entry = journal_case
    context = browser.new_context(locale="nl-NL", viewport=DESK)
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, base, case.coordinator.username)
    page.goto(f"{base}/casussen/{case.pk}/journaal/{entry.pk}/wijzigen/")
    page.get_by_label("Notitie").fill("Mijn aanvulling, getypt op een oude versie.")
    page.reload()
    expect(page.get_by_label("Notitie")).to_have_value(
        "Mijn aanvulling, getypt op een oude versie."
    )
    expect(page.get_by_text("Nog niet verstuurd: deze tekst typte u eerder")).to_be_visible()
    assert not axe_violations(page)

    # Meanwhile the entry was corrected elsewhere: the save is refused, the text stays.
    journal_entry_update(
        actor=case.coordinator,
        entry=entry,
        expected_version=entry.version,
        occurred_on=entry.occurred_on,
        kind=entry.kind,
        with_whom=entry.with_whom,
        note="Elders gewijzigd.",
        category=entry.category,
    )
    page.get_by_role("button", name="Contactmoment opslaan").click()
    expect(page.get_by_text("Iemand anders heeft dit gegeven intussen gewijzigd")).to_be_visible()
    expect(page.get_by_label("Notitie")).to_have_value(
        "Mijn aanvulling, getypt op een oude versie."
    )
    assert JournalEntry.objects.get(pk=entry.pk).note == "Elders gewijzigd."

    page.get_by_role("button", name="Tekst weggooien").click()
    page.wait_for_load_state("load")
    assert "oude versie" not in page.evaluate(DRAFTS)
    context.close()


def test_journal_and_timeline_on_a_phone_and_at_a_desk(journal_case, browser: Browser):
    base, case, entry = journal_case
    problems: list[str] = []
    paths = [
        f"/casussen/{case.pk}/journaal/",
        f"/casussen/{case.pk}/journaal/nieuw/",
        f"/casussen/{case.pk}/journaal/{entry.pk}/wijzigen/",
        f"/casussen/{case.pk}/tijdlijn/",
        f"/casussen/{case.pk}/tijdlijn/?soort=journaal&soort=besluiten",
    ]
    for size, viewport in (("390", PHONE), ("1280", DESK), ("320", {"width": 320, "height": 700})):
        context = browser.new_context(locale="nl-NL", viewport=viewport)
        page = context.new_page()
        page.set_default_timeout(15_000)
        login(page, base, case.coordinator.username)
        for path in paths:
            problems += check_page(page, path, size)
        if size == "1280":
            page.goto(f"{base}/casussen/{case.pk}/tijdlijn/")
            expect(page.get_by_role("button", name="Afdrukken")).to_be_visible()
            expect(page.get_by_text("Overleg over de valpartijen")).to_be_visible()
        context.close()
    assert not problems, "\n".join(problems)
