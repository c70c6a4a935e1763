"""The Wmo-raad's overviews: the preview and the published page are axe-clean, usable by
keyboard and reflow without sideways scrolling (390x844 and 1280x800)."""

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from wijkteam.accountability.models import Aggregate
from wijkteam.accountability.months import months_from_days
from wijkteam.organisation.demo import load_demo
from wijkteam.organisation.models import Team

from .helpers import axe_violations, login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _check(page: Page) -> list[str]:
    problems = []
    for width, height in ((1280, 800), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.reload()
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"horizontale scroll bij {width}px: {scroll}px"
        problems += axe_violations(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") in ("A", "BUTTON", "SELECT", "INPUT")
    return problems


def test_compose_publish_and_read(page: Page, live_server) -> None:
    load_demo()
    month = timezone.localdate().replace(day=1)
    for n, team in enumerate(Team.objects.order_by("pk")):
        for metric, value in (
            ("melding.kanaal.inloop", 30 + n),
            ("melding.kanaal.telefoon", 4 + n),
        ):
            Aggregate.objects.create(
                day=month, team=team, law="wmo", metric=metric, value=Decimal(value)
            )
    months_from_days()
    login(page, live_server.url, "beleid")
    page.goto(live_server.url + "/verantwoording/overzichten/nieuw/")
    page.get_by_label("Titel").fill("Deze maand")
    page.get_by_label("Soort periode").select_option("maand")
    page.get_by_label("Vanaf maand (jjjj-mm)").fill(f"{month:%Y-%m}")
    page.get_by_label("Toelichting").fill("Een toelichting in gewone taal.")
    problems = axe_violations(page)
    page.get_by_role("button", name="Opslaan en voorvertoning bekijken").click()
    page.wait_for_url("**/verantwoording/overzichten/*/")
    assert page.get_by_text("(wordt afgeschermd)").count() > 0
    problems += _check(page)
    page.get_by_role("button", name="Publiceren voor de Wmo-raad").click()
    page.wait_for_url("**/verantwoording/publicaties/*/")
    published = page.url
    page.context.clear_cookies()
    login(page, live_server.url, "wmoraad")
    page.goto(published)
    assert page.get_by_role("heading", level=2).count() >= 9
    assert page.get_by_text("wordt afgeschermd").count() == 0
    problems += _check(page)
    page.goto(live_server.url + "/verantwoording/publicaties/")
    problems += _check(page)
    assert not problems, "\n".join(problems)


def test_provider_performance_is_accessible_and_reflows(page: Page, live_server) -> None:
    from wijkteam.accountability.tests.test_performance import allocate
    from wijkteam.testing.factories import CaseFactory, OrganisationFactory

    load_demo()
    case = CaseFactory()
    provider = OrganisationFactory(aanbieder=True, name="Zorg Noord")
    today = timezone.localdate()
    allocate(
        case, provider, "02", at=today, begins=today, ends=today, volume=4, frequency="2",
        start=today, stop=today, reason="24", number="A1",
    )  # fmt: skip
    login(page, live_server.url, "beleid")
    page.goto(live_server.url + f"/verantwoording/aanbieders/?periode=maand&van={today:%Y-%m}")
    assert page.get_by_role("table").count() == 2
    problems = _check(page)
    assert not problems, "\n".join(problems)
