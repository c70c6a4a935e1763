"""The indicators page: axe-core clean, reachable by keyboard, no sideways scroll at 320 px."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from wijkteam.accountability.indicators import INDICATORS
from wijkteam.accountability.models import Aggregate
from wijkteam.accountability.months import months_from_days
from wijkteam.accountability.snapshot import snapshot_build
from wijkteam.organisation.demo import load_demo
from wijkteam.organisation.models import Team
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
    # Granted maatwerk this month, so the table per product category is shown too.
    Aggregate.objects.filter(metric__startswith="maatwerk.").delete()
    team = Team.objects.order_by("pk").first()
    for metric, v in (("maatwerk.besluit.02", 3), ("maatwerk.budget.02", 1200),
                      ("maatwerk.omvang.02.04", 36)):  # fmt: skip
        Aggregate.objects.create(
            day=timezone.localdate(), team=team, law="wmo", metric=metric, value=v
        )
    months_from_days()
    login(page, live_server.url, "beleid")
    page.goto(live_server.url + f"/verantwoording/?van={timezone.localdate():%Y-%m}")
    # The figures, maatwerk per product category, each trend.
    assert page.get_by_role("table").count() == 2 + len(INDICATORS)
    assert page.get_by_text("Toegekend maatwerk per productcategorie").count() == 1
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
