"""The carer follow-up page in a real Chromium: zero axe-core violations, and no horizontal
scrolling at 320 px (WCAG 1.4.10)."""

import pytest

from wijkteam.residents import services as resident_services
from wijkteam.rights.tests.test_accessibility_browser import (  # noqa: F401 - fixtures
    _reference_data,
    browser_page,
    visit,
)
from wijkteam.testing.factories import CaseFactory, NetworkMemberFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.urls("wijkteam.rights.tests.urls_for_tests"),
]


def test_the_follow_up_page_has_no_axe_violations_and_reflows(browser_page, live_server):  # noqa: F811
    case = CaseFactory()
    carer = NetworkMemberFactory(household=case.household, overloaded=True)
    resident_services.carer_follow_up_record(
        actor=case.coordinator, member=carer, kind="gesprek", done_on=case.opened_on
    )
    other = NetworkMemberFactory(household=case.household, overloaded=True, name="Bo Zorg")
    paths = [f"/casussen/{case.pk}/", f"/casussen/{case.pk}/mantelzorgers/{other.pk}/opvolging/"]
    assert visit(browser_page, live_server, case.coordinator, paths) == []
    page = browser_page.pages[-1]
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + paths[1])
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
