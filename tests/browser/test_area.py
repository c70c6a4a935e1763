"""The team design and area pages in Chromium: axe-core clean (WCAG 2.1 A/AA), no sideways
scrolling at 390x844 and 1280x800, and a block of questions answered by keyboard."""

import pytest
from playwright.sync_api import Page

from wijkteam.area.demo import add_demo_design, import_demo_figures
from wijkteam.area.models import Answer, TeamDesign
from wijkteam.organisation.demo import load_demo
from wijkteam.organisation.models import District, Neighbourhood

from .helpers import axe_violations, login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SIZES = ({"width": 390, "height": 844}, {"width": 1280, "height": 800})


def check(page: Page, base: str, paths: list[str]) -> list[str]:
    problems: list[str] = []
    for size in SIZES:
        page.set_viewport_size(size)
        for path in paths:
            response = page.goto(base + path)
            assert response is not None and response.status < 400, f"{path}: {response.status}"
            problems += axe_violations(page)
            if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
                problems.append(f"{path} scrolls sideways at {size['width']}px")
    return problems


@pytest.fixture
def demo(live_server):
    load_demo()
    import_demo_figures()
    add_demo_design()
    return live_server.url


def test_teamleider_pages_and_keyboard_answers(page: Page, demo):
    login(page, demo, "carla")
    design = TeamDesign.objects.get()
    district = District.objects.get(cbs_code="WK999901")
    hood = Neighbourhood.objects.get(cbs_code="BU99990103")
    question = Answer.objects.filter(design=design).first().question
    problems = check(
        page,
        demo,
        [
            "/teamontwerp/",
            f"/teamontwerp/{design.pk}/",
            f"/teamontwerp/{design.pk}/bouwsteen/werkprincipes/",
            f"/teamontwerp/{design.pk}/vraag/{question.pk}/",
            f"/teamontwerp/{design.pk}/startdocument/",
            f"/teamontwerp/{design.pk}/ontwikkelplan/",
            f"/teamontwerp/{design.pk}/ontwikkelplan/document/",
            "/gebieden/",
            f"/gebieden/wijk/{district.pk}/",
            f"/gebieden/buurt/{hood.pk}/",
        ],
    )
    # Answer a choice by keyboard and save with Enter on the button.
    page.goto(f"{demo}/teamontwerp/{design.pk}/bouwsteen/werkprincipes/")
    page.get_by_label("Zorgen voor of zorgen dat?").select_option(label="Zorgen dat")
    page.get_by_role("button", name="Antwoorden opslaan").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/teamontwerp/{design.pk}/")
    assert Answer.objects.filter(design=design, question__code="werkprincipes-zorgen").exists()
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)


def test_beheerder_pages(page: Page, demo):
    login(page, demo, "beheer")
    design = TeamDesign.objects.get()
    problems = check(
        page,
        demo,
        [
            "/beheer/bouwstenen/",
            "/beheer/bouwstenen/nieuw/",
            "/beheer/cbs/",
            f"/teamontwerp/{design.pk}/inrichting/",
        ],
    )
    assert not problems, "\n".join(problems)
