"""Doorzettingsmacht on the case timeline: deployed, stopped, escalated and answered, with who
and when; only for who may see the case's interventions."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkteam.cases import timeline
from wijkteam.cases.tests.test_decision_fixtures import build_world
from wijkteam.iwmo.services import (
    OutsideMandate,
    escalation_answer,
    escalation_create,
    specialist_deploy,
    specialist_stop,
)
from wijkteam.iwmo.timeline import KIND, deployment_items
from wijkteam.organisation.constants import DecisionType, TeamRole
from wijkteam.testing.factories import MandateRuleFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def args(w, volume=Decimal(4)):
    return {
        "actor": w.coordinator,
        "case": w.case,
        "provider": w.provider,
        "product_category": "02",
        "volume": volume,
        "unit": "04",
        "frequency": "2",
        "starts_on": TODAY,
        "ends_on": TODAY + datetime.timedelta(weeks=4),
        "reason": "Crisis thuis",
    }


@pytest.fixture
def w(db):
    world = build_world()
    world.team.direct_specialist_deployment = True
    world.team.save()
    MandateRuleFactory(
        team=world.team,
        role=TeamRole.GENERALIST,
        decision_type=DecisionType.SPECIALIST_INZETTEN,
        volume_alone=Decimal(5),
        volume_max=Decimal(10),
    )
    return world


def test_deploy_and_stop_appear_with_who_and_when(w, client_for):
    deployment = specialist_deploy(**args(w))
    specialist_stop(actor=w.leader, deployment=deployment, stopped_on=TODAY, reason="Rust thuis")
    deployment.refresh_from_db()
    assert deployment.stopped_at is not None
    items = list(deployment_items(w.case, w.coordinator, None))
    assert [i.title.split(":")[0] for i in items] == ["Doorzettingsmacht"] * 2
    started, stopped = items
    assert started.at == deployment.deployed_at
    assert started.by == w.coordinator.display_name
    assert "Begeleiding" in started.text and "Crisis thuis" in started.text
    assert stopped.at == deployment.stopped_at and not stopped.date_only
    assert stopped.by == w.leader.display_name and stopped.text == "Rust thuis"
    assert "gestopt op" in stopped.title

    html = client_for(w.coordinator).get(
        reverse("cases:timeline", args=[w.case.pk]) + f"?soort={KIND}"
    )
    assert html.status_code == 200
    page = html.content.decode()
    assert "specialist ingezet bij" in page and "Rust thuis" in page


def test_an_escalation_and_its_answer_appear(w):
    big = args(w, volume=Decimal(8))
    with pytest.raises(OutsideMandate) as exc:
        specialist_deploy(**big)
    escalation = escalation_create(**big, mandate_note=exc.value.reason)
    (asked,) = deployment_items(w.case, w.coordinator, None)
    assert "voorgelegd aan de teamleider" in asked.title and asked.by == w.coordinator.display_name
    escalation_answer(actor=w.leader, escalation=escalation, deploy=True, answer="Akkoord")
    titles = [i.title for i in deployment_items(w.case, w.coordinator, None)]
    assert len(titles) == 3  # the deployment by the teamleider, the question, the answer
    assert any("teamleider zet in" in t for t in titles)


def test_offered_only_with_the_interventions_category(w):
    assert KIND in [s.kind for s in timeline.sources(None)]
    assert KIND in [s.kind for s in timeline.sources(frozenset({"interventies"}))]
    assert KIND not in [s.kind for s in timeline.sources(frozenset({"onderzoek"}))]


def test_fixed_number_of_queries(w, client_for):
    client = client_for(w.coordinator)
    url = reverse("cases:timeline", args=[w.case.pk]) + f"?soort={KIND}"
    specialist_deploy(**args(w))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _n in range(3):
        deployment = specialist_deploy(**args(w))
        specialist_stop(actor=w.coordinator, deployment=deployment, stopped_on=TODAY, reason="x")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
