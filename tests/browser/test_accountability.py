"""The indicators page: axe-core clean, reachable by keyboard, no sideways scroll at 320 px."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from wijkteam.accountability.indicators import INDICATORS
from wijkteam.accountability.snapshot import snapshot_build
from wijkteam.organisation.demo import load_demo
from wijkteam.testing.factories import ReportFactory

from .helpers import axe_violations, login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_dashboard_is_accessible_and_reflows(page: Page, live_server) -> None:
    load_demo()
    ReportFactory(received_at=timezone.now())
    snapshot_build(trigger="test")
    login(page, live_server.url, "beleid")
    page.goto(live_server.url + f"/verantwoording/?van={timezone.localdate():%Y-%m}")
    assert page.get_by_role("table").count() == 1 + len(INDICATORS)  # the figures, each trend
    problems = axe_violations(page)
    # Drill down to the team and on to its wijk, by keyboard-reachable links.
    page.locator("table").first.get_by_role("link").first.click()
    page.wait_for_url("**team=*")
    problems += axe_violations(page)
    wijk = page.locator("table").first.get_by_role("link")
    if wijk.count():
        wijk.first.click()
        page.wait_for_url("**wijk=*")
        problems += axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 800})  # on the last page of the drill-down
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 330"
        " && !e.closest('.wt-figures'))"
        ".slice(0, 8).map(e => e.tagName + '.' + e.className)"
    )
    assert width <= 320, f"horizontale scroll: {width}px {wide}"
    problems += axe_violations(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") in ("A", "BUTTON", "SELECT", "INPUT")
    assert not problems, "\n".join(problems)
