"""The development plan: goals, actions with owner, date and status, reviews, history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkteam.area.constants import PlanEventKind
from wijkteam.area.models import PlanEvent
from wijkteam.area.selectors.plan import plan_page
from wijkteam.area.services import design as design_services
from wijkteam.area.services import plan as services
from wijkteam.conftest import verified_client
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.testing.pdf import assert_accessible_pdf, pdf_text


@pytest.fixture
def design(area):
    return design_services.design_start(actor=area.leader, team=area.team)


def test_goals_actions_status_and_history(area, design):
    goal = services.goal_add(actor=area.leader, design=design, title="Vindbaar in de wijk")
    action = services.action_add(
        actor=area.leader,
        goal=goal,
        description="Spreekuur in het buurthuis",
        owner="Carla",
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    services.action_status_set(
        actor=area.beheerder, action=action, status="bezig", expected_version=1
    )
    with pytest.raises(ConcurrentEditError):
        services.action_status_set(
            actor=area.leader, action=action, status="gereed", expected_version=1
        )
    kinds = list(PlanEvent.objects.order_by("at", "pk").values_list("kind", "changes"))
    assert kinds == [
        (PlanEventKind.GOAL_ADDED, {}),
        (PlanEventKind.ACTION_ADDED, {"owner": "Carla", "due_on": action.due_on.isoformat()}),
        (PlanEventKind.ACTION_CHANGED, {"status": ["gepland", "bezig"]}),
    ]


def test_review_sets_the_next_review_by_the_designs_term(area, design):
    today = timezone.localdate()
    page = plan_page(design=design)
    assert page.next_review_on > today and not page.review_overdue
    review = services.review_record(
        actor=area.leader, design=design, reviewed_on=today, summary="Goed op weg"
    )
    assert review.next_review_on == services.add_months(today, 6)
    assert plan_page(design=design).next_review_on == review.next_review_on
    with pytest.raises(ValidationError):
        services.review_record(
            actor=area.leader,
            design=design,
            reviewed_on=today,
            summary="x",
            next_review_on=today - datetime.timedelta(days=1),
        )


def test_plan_bad_input_and_scope(area, design):
    with pytest.raises(ValidationError):
        services.goal_add(actor=area.leader, design=design, title="  ")
    goal = services.goal_add(actor=area.leader, design=design, title="Doel")
    with pytest.raises(ValidationError):
        services.action_add(
            actor=area.leader, goal=goal, description="x", owner="", due_on=timezone.localdate()
        )
    with pytest.raises(PermissionDenied):
        services.goal_add(actor=area.member, design=design, title="Doel")
    with pytest.raises(PermissionDenied):
        services.goal_add(actor=area.outsider, design=design, title="Doel")


def test_plan_pages(area, design):
    page = verified_client(area.leader)
    url = f"/teamontwerp/{design.pk}/ontwikkelplan/"
    assert page.post(url, {"formulier": "doel", "doel-title": ""}).status_code == 400
    response = page.post(url, {"formulier": "doel", "doel-title": "Samenwerken met huisartsen"})
    assert response.status_code == 302
    goal = design.goals.get()
    response = page.post(
        f"/teamontwerp/{design.pk}/ontwikkelplan/doel/{goal.pk}/actie/",
        {"actie-description": "Kennismaken", "actie-owner": "Anna", "actie-due_on": "2027-01-15"},
    )
    assert response.status_code == 302
    action = goal.actions.get()
    page.post(
        f"/teamontwerp/{design.pk}/ontwikkelplan/actie/{action.pk}/status/",
        {f"a{action.pk}-status": "gereed", f"a{action.pk}-expected_version": "1"},
    )
    action.refresh_from_db()
    assert action.status == "gereed"
    html = page.get(url).content.decode()
    assert "Kennismaken" in html and "Actie gewijzigd" in html
    assert "(Gepland → Gereed)" in html  # the labels, not the stored codes
    # The old PDF link on the plan page leads to the document's PDF.
    assert page.get(url + "?formaat=pdf")["Location"] == url + "document/?formaat=pdf"
    member = verified_client(area.member)
    assert member.get(url).status_code == 200
    assert member.post(url, {"formulier": "doel", "doel-title": "x"}).status_code == 403


def test_plan_document_print_page_and_pdf(area, design):
    goal = services.goal_add(actor=area.leader, design=design, title="Samenwerken met huisartsen")
    action = services.action_add(
        actor=area.leader,
        goal=goal,
        description="Kennismaken",
        owner="Anna de Vries",
        due_on=datetime.date(2027, 1, 15),
    )
    services.action_status_set(
        actor=area.leader, action=action, status="gereed", expected_version=1
    )
    today = timezone.localdate()
    services.review_record(
        actor=area.leader, design=design, reviewed_on=today, summary="Op schema gebleven"
    )
    page = verified_client(area.leader)
    url = f"/teamontwerp/{design.pk}/ontwikkelplan/document/"
    assert url in page.get(f"/teamontwerp/{design.pk}/ontwikkelplan/").content.decode()
    html = page.get(url).content.decode()
    for text in (
        "Samenwerken met huisartsen",
        "Kennismaken",
        "Anna de Vries",
        "15-1-2027",
        "Gereed",
        "Op schema gebleven",
        services.add_months(today, 6).strftime("%-d-%-m-%Y"),
        "Actie gewijzigd",
        "(Gepland → Gereed)",
        "data-wt-print",
    ):
        assert text in html, text
    assert "<form" not in html.split("<main", 1)[1], "the document has no edit forms"
    pdf = page.get(url + "?formaat=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "ontwikkelplan-" in pdf["Content-Disposition"]
    assert_accessible_pdf(
        pdf.content,
        title=f"Ontwikkelplan {area.team.name}",
        tags={"H1", "H2", "P", "Table", "TH", "TD"},
    )
    text = pdf_text(pdf.content)
    for word in ("Samenwerken met huisartsen", "Kennismaken", "Anna de Vries", "Gereed"):
        assert word in text, word
    assert "Op schema gebleven" in text and "Geschiedenis" in text
    # The same readers as the plan page: the team's members, not another team.
    assert verified_client(area.member).get(url).status_code == 200
    assert verified_client(area.beheerder).get(url + "?formaat=pdf").status_code == 200
    outsider = verified_client(area.outsider)
    assert outsider.get(url).status_code == 404
    assert outsider.get(url + "?formaat=pdf").status_code == 404
    assert page.post(url).status_code == 405


def test_the_nightly_job_counts_plans_past_their_review(area, design):
    from wijkteam.area.registrations import plan_review_job
    from wijkteam.area.selectors.plan import overdue_reviews

    assert overdue_reviews() == []
    design.created_at = timezone.now() - datetime.timedelta(days=400)
    design.save(update_fields=["created_at"])
    assert overdue_reviews() == [design]
    assert plan_review_job().startswith("1 ")
    services.review_record(
        actor=area.leader, design=design, reviewed_on=timezone.localdate(), summary="Besproken"
    )
    assert overdue_reviews() == []
