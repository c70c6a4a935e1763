"""Klachten and bezwaren on the staff screens: a teamleider takes a klacht and a bezwaar
through their lifecycle (the extension beyond 4 weeks refused at the field); every page
axe-clean and reflowing at 320 px."""

import pytest
from django.db.models import Q
from django.utils import timezone
from playwright.sync_api import Page, expect

from wijkteam.cases.models import Decision
from wijkteam.complaints.models import Complaint, Objection
from wijkteam.organisation.demo import load_demo
from wijkteam.synthetic.demo_data import build_casework
from wijkteam.synthetic.demo_stages import stage_hook

from .helpers import axe_violations, login
from .test_responsive import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _known_decision() -> Decision:
    context = load_demo()
    build_casework(
        teams=context.teams,
        members=context.users,
        orgs=context.organisations,
        stage_hook=stage_hook(context.organisations),
        households=12,
    )
    decision = (
        Decision.objects.filter(
            made_known_on__isnull=False,
            status="besloten",
            case__team__memberships__user__username="carla",
        )
        .exclude(Q(decided_by__username="carla") | Q(approved_by__username="carla"))
        .order_by("pk")
        .first()
    )
    assert decision is not None, "the demo has a decision made known in carla's team"
    return decision


def test_a_teamleider_takes_a_klacht_and_a_bezwaar_through_their_lifecycle(
    page: Page, live_server
) -> None:
    decision = _known_decision()
    base = live_server.url
    today = timezone.localdate().isoformat()
    login(page, base, "carla")
    problems: list[str] = []

    page.get_by_role("link", name="Klachten en bezwaren").first.click()
    problems += axe_violations(page)
    page.get_by_role("link", name="Klacht registreren").click()
    page.get_by_label("Het wijkteam").check()
    page.get_by_label("De klacht", exact=False).first.fill("Drie weken niet teruggebeld.")
    problems += axe_violations(page)
    page.get_by_role("button", name="Klacht registreren").click()
    expect(page.get_by_text("De klacht is geregistreerd.")).to_be_visible()
    complaint = Complaint.objects.get()
    detail = f"/klachten/{complaint.pk}/"
    problems += axe_violations(page)

    page.get_by_role("button", name="Ontvangst bevestigen (Awb 9:6)").click()
    expect(page.get_by_text("De ontvangstbevestiging is vastgelegd.")).to_be_visible()
    page.get_by_label("Verdagen met (weken)").fill("5")
    page.get_by_label("Reden van verdaging").fill("Wachten op de reactie van de aanbieder.")
    page.get_by_role("button", name="Verdagen").click()
    expect(
        page.get_by_text("Verdagen kan met ten hoogste 4 weken (Awb 9:11 lid 2).")
    ).to_be_visible()
    problems += axe_violations(page)  # the page with the error at the field
    page.get_by_label("Verdagen met (weken)").fill("4")
    page.get_by_role("button", name="Verdagen").click()
    expect(page.get_by_text("De afhandeling is verdaagd.")).to_be_visible()
    page.get_by_label("Gehoord op").fill(today)
    page.get_by_role("button", name="Horen").click()
    expect(page.get_by_text("Het horen is vastgelegd.")).to_be_visible()
    page.get_by_label("Oordeel").select_option("gegrond")
    page.get_by_label("Conclusies en motivering").fill(
        "Excuses aangeboden; terugbellen binnen 2 dagen."
    )
    page.get_by_role("button", name="Afhandelen").click()
    expect(page.get_by_text("De klacht is afgehandeld.")).to_be_visible()
    complaint.refresh_from_db()
    assert complaint.status == "afgehandeld" and complaint.extension_weeks == 4
    problems += axe_violations(page)

    page.goto(f"{base}/casussen/{decision.case_id}/")
    page.get_by_role("link", name="Bezwaar registreren").first.click()
    page.get_by_label("Besluit waartegen het bezwaar is gericht").select_option(str(decision.pk))
    page.get_by_label("Gronden van het bezwaar").fill("Ik heb meer uren nodig dan toegekend.")
    problems += axe_violations(page)
    page.get_by_role("button", name="Bezwaar registreren").click()
    expect(page.get_by_text("Het bezwaar is geregistreerd.")).to_be_visible()
    objection = Objection.objects.get()
    page.get_by_label("Gehoord op").fill(today)
    page.get_by_role("button", name="Horen").click()
    expect(page.get_by_text("Het horen is vastgelegd.")).to_be_visible()
    page.get_by_label("Beslissing op bezwaar").select_option("ongegrond")
    page.get_by_label("Motivering").fill("Het onderzoek laat zien dat de uren passend zijn.")
    page.get_by_role("button", name="Beslissen op bezwaar").click()
    expect(page.get_by_text("Op het bezwaar is beslist.")).to_be_visible()
    objection.refresh_from_db()
    assert objection.status == "besloten" and objection.term.met_on is not None
    problems += axe_violations(page)

    page.set_viewport_size({"width": 320, "height": 800})
    for path in (
        "/klachten/?status=alle",
        "/klachten/nieuw/",
        detail,
        f"/bezwaren/{objection.pk}/",
        "/werkvoorraad/team/",
    ):
        problems += check_page(page, path, "320")
    assert not problems, "\n".join(problems)
