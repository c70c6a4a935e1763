"""The social map's and the initiatives' pages in Chromium: axe-core clean for the generalist
and the beheerder, no sideways scrolling at 390x844 and 1280x800, reflow at 320 px."""

import datetime

import pytest
from playwright.sync_api import Page

from wijkteam.organisation.demo import load_demo
from wijkteam.socialmap.demo import add_demo_socialmap
from wijkteam.socialmap.models import Initiative, Service

from .helpers import axe_violations, login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def server(live_server):
    load_demo()
    add_demo_socialmap(today=datetime.date.today())
    return live_server.url


def check(page: Page, base: str, paths: list[str]) -> list[str]:
    problems: list[str] = []
    for size in ({"width": 1280, "height": 800}, {"width": 390, "height": 844}):
        page.set_viewport_size(size)
        for path in paths:
            response = page.goto(base + path)
            assert response is not None and response.status < 400, f"{path}: {response.status}"
            problems += axe_violations(page)
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= size["width"], f"{path}: {wide}px wide at {size['width']}"
    page.set_viewport_size({"width": 320, "height": 800})
    for path in paths:
        page.goto(base + path)
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 320, f"{path}: {wide}px wide at 320"
    return problems


def test_generalist_pages(page: Page, server):
    login(page, server, "anna")
    service = Service.objects.get(name="Formulierenhulp")
    initiative = Initiative.objects.get(name="Moestuin Bloemenwijk")
    paths = [
        "/sociale-kaart/",
        "/sociale-kaart/?leefgebied=financien",
        f"/sociale-kaart/dienst/{service.pk}/",
        "/initiatieven/",
        f"/initiatieven/?wijk={initiative.district_id}&status=actief&pagina=1",
        "/initiatieven/nieuw/",
        f"/initiatieven/{initiative.pk}/",
        f"/initiatieven/{initiative.pk}/steun/",
    ]
    problems = check(page, server, paths)
    assert not problems, "\n".join(problems)


def test_beheerder_pages(page: Page, server):
    login(page, server, "beheer")
    service = Service.objects.get(name="Taalcafé")
    paths = [
        "/sociale-kaart/organisaties/",
        "/sociale-kaart/organisaties/nieuw/",
        "/sociale-kaart/locaties/nieuw/",
        "/sociale-kaart/dienst/nieuw/",
        f"/sociale-kaart/dienst/{service.pk}/wijzigen/",
        "/sociale-kaart/hsds/",
    ]
    problems = check(page, server, paths)
    assert not problems, "\n".join(problems)
