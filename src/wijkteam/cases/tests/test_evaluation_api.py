"""Evaluation API: list, plan, record; same scope and validation as the screens."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wijkteam.cases.models import Evaluation
from wijkteam.cases.services.evaluation import evaluation_plan
from wijkteam.privacy.models import AccessLogEntry
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


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_create_list_and_record(client_for, case, worker):
    client = client_for(worker)
    created = post(client, "/api/evaluations/", {"case": case.pk, "planned_on": TODAY.isoformat()})
    assert created.status_code == 201, created.json()
    evaluation_id = created.json()["id"]
    assert created.json()["next_steps"] is None
    listing = client.get(f"/api/evaluations/?case={case.pk}").json()
    assert listing["count"] == 1 and listing["results"][0]["id"] == evaluation_id
    recorded = post(
        client,
        f"/api/evaluations/{evaluation_id}/record/",
        {"held_on": TODAY.isoformat(), "outcome": "afsluiten", "notes": "Klaar."},
    )
    assert recorded.status_code == 200, recorded.json()
    data = recorded.json()
    assert data["outcome"] == "afsluiten" and data["held_by"] == worker.pk
    assert data["next_steps"]["close_url"] == reverse("cases:close", args=[case.pk])
    assert "remeasure_url" in data["next_steps"]
    assert client.get(f"/api/evaluations/{evaluation_id}/").json()["held_on"] == TODAY.isoformat()


def test_list_across_my_cases_with_status_filter(client_for, case, worker):
    evaluation_plan(actor=worker, case=case, planned_on=TODAY + DAY)
    Evaluation.objects.create(case=case, planned_on=TODAY - 5 * DAY)
    other = CaseFactory(uitvoering=True)
    Evaluation.objects.create(case=other, planned_on=TODAY - 5 * DAY)  # not mine
    client = client_for(worker)
    everything = client.get("/api/evaluations/").json()
    assert everything["count"] == 2
    overdue = client.get("/api/evaluations/?status=overdue").json()
    assert overdue["count"] == 1 and overdue["results"][0]["overdue"] is True
    assert client.get("/api/evaluations/?status=later").status_code == 400
    assert client.get("/api/evaluations/?case=abc").status_code == 400
    entry = AccessLogEntry.objects.filter(purpose="evaluaties opgevraagd via de API").last()
    assert entry is not None
    assert set(entry.resident_ids) == set(case.household.members.values_list("pk", flat=True))


def test_invalid_input_is_400(client_for, case, worker):
    client = client_for(worker)
    past = post(client, "/api/evaluations/", {"case": case.pk, "planned_on": "2000-01-01"})
    assert past.status_code == 400
    assert past.json()["errors"]["planned_on"] == [
        "Een evaluatie plant u vandaag of later, niet in het verleden."
    ]
    garbage = post(client, "/api/evaluations/", {"case": "x"})
    assert garbage.status_code == 400 and garbage.json()["code"] == "invalid"
    evaluation = evaluation_plan(actor=worker, case=case, planned_on=TODAY)
    future = post(
        client,
        f"/api/evaluations/{evaluation.pk}/record/",
        {"held_on": (TODAY + DAY).isoformat(), "outcome": "voortzetten"},
    )
    assert future.status_code == 400 and "held_on" in future.json()["errors"]
    wrong = post(
        client,
        f"/api/evaluations/{evaluation.pk}/record/",
        {"held_on": TODAY.isoformat(), "outcome": "stoppen"},
    )
    assert wrong.status_code == 400 and "outcome" in wrong.json()["errors"]
    assert Evaluation.objects.count() == 1
    evaluation.refresh_from_db()
    assert evaluation.held_on is None


def test_unauthenticated_is_401(case):
    assert Client().get("/api/evaluations/").status_code == 401
    assert Client().post("/api/evaluations/", {}).status_code == 401


def test_out_of_scope_is_404(client_for, case, worker):
    evaluation = evaluation_plan(actor=worker, case=case, planned_on=TODAY)
    outsider = client_for(MembershipFactory().user)
    assert outsider.get(f"/api/evaluations/{evaluation.pk}/").status_code == 404
    assert outsider.get(f"/api/evaluations/?case={case.pk}").status_code == 404
    response = post(
        outsider, "/api/evaluations/", {"case": case.pk, "planned_on": TODAY.isoformat()}
    )
    assert response.status_code == 404
    recorded = post(
        outsider,
        f"/api/evaluations/{evaluation.pk}/record/",
        {"held_on": TODAY.isoformat(), "outcome": "voortzetten"},
    )
    assert recorded.status_code == 404
    assert AccessLogEntry.objects.filter(action="refused").exists()
    assert Evaluation.objects.count() == 1
    evaluation.refresh_from_db()
    assert evaluation.held_on is None
