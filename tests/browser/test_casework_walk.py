"""A household from melding to closure, as a team works it, in a real Chromium.

Only the browser is used; the database is read for assertions and set up with the demo
municipality (``load_demo``). Every page visited, error states included, is checked with
axe-core (WCAG 2.1 A and AA) and for one h1, a main landmark and the skip link; the problems
are collected over the whole walk and listed at the end.
"""

import pytest
from playwright.sync_api import Browser, Page

from wijkteam.organisation.demo import load_demo

from .casework_helpers import Walk
from .walk_intake import (
    illegal_phase_change,
    intake_measurement,
    investigation,
    network_and_team,
    plan,
    record_consents,
    register_melding_by_keyboard,
    register_resident,
    triage_to_case,
)
from .walk_outcome import decisions, evaluation_and_closure, execution, teamleader
from .walk_team import Team

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo_server(live_server):
    load_demo()
    return live_server.url


# --------------------------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------------------------


def test_household_from_melding_to_closure(browser: Browser, demo_server):
    team = Team(browser=browser, base=demo_server, walk=Walk())
    try:
        anna = team.member("anna")
        register_resident(team, anna)
        register_melding_by_keyboard(team, anna)
        triage_to_case(team, anna)
        record_consents(team, anna)
        network_and_team(team, anna)
        illegal_phase_change(team, anna)
        investigation(team, anna)
        intake_measurement(team, anna)
        plan(team, anna)
        decisions(team)
        execution(team)
        evaluation_and_closure(team)
        teamleader(team)
    except BaseException:
        # A step failed: show what the checks found on the pages before it, too.
        print("\n".join(team.walk.problems) or "Geen toegankelijkheidsproblemen tot hier.")
        raise
    finally:
        team.close()
    team.walk.assert_clean()


def test_the_walk_reports_what_it_should(page: Page):
    """Guards the guard: a page without structure, and a page left unchecked, are reported."""
    walk = Walk()
    walk.watch(page, "test")
    page.goto("data:text/html,<title>niet gecontroleerd</title><main><h1>x</h1></main>")
    page.set_content(
        '<!DOCTYPE html><html lang="nl"><head><title>kapot</title></head><body>'
        '<a href="/ergens">Ergens</a><h1>Een</h1><h1>Twee</h1><div id="inhoud">tekst</div>'
        "</body></html>"
    )
    walk.check(page, "kapot")
    with pytest.raises(AssertionError) as failed:
        walk.assert_clean()
    report = str(failed.value)
    assert "2 h1-koppen" in report
    assert "0 main-landmarks" in report
    assert "de skiplink is niet het eerste focusbare element" in report
    assert "de skiplink wijst niet naar de main-landmark" in report
    assert "niet gecontroleerd (geladen vóór 'kapot'): test: data:text/html" in report
