"""Evaluation screens: plan, record with the prompt to re-measure and to close, the section."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkteam.cases.models import Evaluation
from wijkteam.cases.services.evaluation import evaluation_plan, evaluation_record
from wijkteam.testing.factories import CaseFactory, MembershipFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def case():
    return CaseFactory(uitvoering=True)


@pytest.fixture
def worker(case):
    return case.coordinator


def test_plan_an_evaluation_through_the_screen(client_for, case, worker):
    url = reverse("cases:evaluation_plan", args=[case.pk])
    client = client_for(worker)
    assert client.get(url).status_code == 200
    response = client.post(url, {"planned_on": (TODAY + 42 * DAY).isoformat()})
    assert response.status_code == 302
    assert response["Location"].endswith("#evaluation")
    assert Evaluation.objects.get().planned_on == TODAY + 42 * DAY


def test_planning_in_the_past_is_400_with_dutch_message(client_for, case, worker):
    url = reverse("cases:evaluation_plan", args=[case.pk])
    response = client_for(worker).post(url, {"planned_on": (TODAY - DAY).isoformat()})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Een evaluatie plant u vandaag of later, niet in het verleden." in html
    assert 'aria-invalid="true"' in html
    assert not Evaluation.objects.exists()
    assert client_for(worker).post(url, {"planned_on": "gisteren"}).status_code == 400


def test_outsiders_and_bystanders_get_404(client_for, case):
    url = reverse("cases:evaluation_plan", args=[case.pk])
    assert client_for(MembershipFactory().user).get(url).status_code == 404
    assert client_for(MembershipFactory(team=case.team).user).get(url).status_code == 404


def test_record_with_outcome_close_prompts_remeasure_and_close(client_for, case, worker):
    evaluation = evaluation_plan(actor=worker, case=case, planned_on=TODAY)
    url = reverse("cases:evaluation_record", args=[case.pk, evaluation.pk])
    client = client_for(worker)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"held_on": TODAY.isoformat(), "outcome": "afsluiten", "notes": "Doelen bereikt."}
    )
    detail = reverse("cases:evaluation_detail", args=[case.pk, evaluation.pk])
    assert response.status_code == 302 and response["Location"] == detail
    html = client.get(detail).content.decode()
    assert "De uitkomst van de evaluatie is vastgelegd." in html
    assert "Meet de zelfredzaamheid opnieuw" in html
    assessment = reverse("cases:assessment_record", args=[case.pk, "zrm2017"])
    assert f'href="{assessment}"' in html
    assert reverse("cases:close", args=[case.pk]) in html
    # Recording again is not possible; the record page sends to the result.
    assert client.get(url).status_code == 302


def test_record_continue_has_no_close_link(client_for, case, worker):
    evaluation = evaluation_plan(actor=worker, case=case, planned_on=TODAY)
    evaluation_record(actor=worker, evaluation=evaluation, held_on=TODAY, outcome="voortzetten")
    html = (
        client_for(worker)
        .get(reverse("cases:evaluation_detail", args=[case.pk, evaluation.pk]))
        .content.decode()
    )
    assert "Meet de zelfredzaamheid opnieuw" in html
    assert reverse("cases:close", args=[case.pk]) not in html


def test_record_in_the_future_is_400(client_for, case, worker):
    evaluation = evaluation_plan(actor=worker, case=case, planned_on=TODAY)
    url = reverse("cases:evaluation_record", args=[case.pk, evaluation.pk])
    response = client_for(worker).post(
        url, {"held_on": (TODAY + DAY).isoformat(), "outcome": "voortzetten"}
    )
    assert response.status_code == 400
    assert "Een evaluatie kan niet in de toekomst zijn gehouden." in response.content.decode()
    missing = client_for(worker).post(url, {"held_on": TODAY.isoformat()})
    assert missing.status_code == 400
    evaluation.refresh_from_db()
    assert evaluation.held_on is None


def test_evaluation_of_another_case_is_404(client_for, case, worker):
    other = CaseFactory(uitvoering=True)
    foreign = evaluation_plan(actor=other.coordinator, case=other, planned_on=TODAY)
    url = reverse("cases:evaluation_record", args=[case.pk, foreign.pk])
    assert client_for(worker).get(url).status_code == 404
    detail = reverse("cases:evaluation_detail", args=[case.pk, foreign.pk])
    assert client_for(worker).get(detail).status_code == 404


def test_section_flags_overdue_and_keeps_query_count(client_for, case, worker):
    late = Evaluation.objects.create(case=case, planned_on=TODAY - 10 * DAY)
    client = client_for(worker)
    url = reverse("cases:detail", args=[case.pk]) + "?onderdeel=evaluatie"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        html = client.get(url).content.decode()
    assert 'id="evaluation"' in html
    assert "Eén geplande evaluatie is over de datum" in html
    assert "Te laat: 10 dagen over de datum" in html
    assert reverse("cases:evaluation_record", args=[case.pk, late.pk]) in html
    for i in range(3):
        Evaluation.objects.create(case=case, planned_on=TODAY + (i + 1) * DAY)
        held = Evaluation.objects.create(case=case, planned_on=TODAY - (i + 20) * DAY)
        evaluation_record(actor=worker, evaluation=held, held_on=TODAY, outcome="voortzetten")
        Evaluation.objects.filter(pk=held.pk).update(held_by=MembershipFactory(team=case.team).user)
    with CaptureQueriesContext(connection) as large:
        html = client.get(url).content.decode()
    assert "Gehouden evaluaties" in html
    assert len(large) == len(small)


def test_closed_case_section_offers_no_planning(client_for):
    closed = CaseFactory(afgesloten=True)
    html = (
        client_for(closed.coordinator)
        .get(reverse("cases:detail", args=[closed.pk]) + "?onderdeel=evaluatie")
        .content.decode()
    )
    assert 'id="evaluation"' in html
    assert reverse("cases:evaluation_plan", args=[closed.pk]) not in html
