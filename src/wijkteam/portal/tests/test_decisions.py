"""The resident's decisions: only their own final ones, the PDF, the bezwaar term in words."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from wijkteam.cases.models import Decision
from wijkteam.cases.tests.test_decision_fixtures import (
    World,
    build_world,
    decided,
    request_decision,
)
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import ResidentFactory

from .conftest import Bridge, logged_in

pytestmark = pytest.mark.django_db

BSN = "111222333"


def made_known(decision: Decision, on: datetime.date) -> Decision:
    at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(9)))
    Decision.objects.filter(pk=decision.pk).update(decided_at=at, made_known_on=on)
    decision.refresh_from_db()
    return decision


@pytest.fixture
def world(bridge: Bridge) -> World:
    w = build_world()
    w.resident.bsn = BSN
    w.resident.save()
    return w


def test_my_final_decisions_with_the_last_day_for_bezwaar(world: World) -> None:
    decision = made_known(decided(world), datetime.date(2026, 9, 1))
    request_decision(world)  # not decided yet: not shown
    client = logged_in(BSN)
    page = client.get("/mijn/besluiten/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "dinsdag 13 oktober 2026" in body  # 6 weeks after the day after 1 September
    assert f"/mijn/besluiten/{decision.pk}/beschikking.pdf" in body
    assert body.count("wt-portal-card") == 1
    entry = AccessLogEntry.objects.filter(purpose__contains="eigen besluiten").get()
    assert entry.user_id is None and entry.resident_ids == [world.resident.pk]


def test_the_beschikking_pdf_is_logged_as_an_export(world: World) -> None:
    decision = made_known(decided(world), datetime.date(2026, 9, 1))
    client = logged_in(BSN)
    response = client.get(f"/mijn/besluiten/{decision.pk}/beschikking.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    export = AccessLogEntry.objects.get(action=AccessAction.EXPORT)
    assert export.resident_ids == [world.resident.pk] and "Mijn wijkteam" in export.user_name


def test_someone_elses_decision_is_refused_and_logged(world: World) -> None:
    housemate = ResidentFactory(household=world.case.household, bsn="123456782")
    decision = decided(world)  # about world.resident, not the housemate
    client = logged_in(housemate.bsn)
    assert "Er zijn nog geen besluiten" in client.get("/mijn/besluiten/").content.decode()
    response = client.get(f"/mijn/besluiten/{decision.pk}/beschikking.pdf")
    assert response.status_code == 404
    refusal = AccessLogEntry.objects.get(action=AccessAction.REFUSED)
    assert (
        refusal.resident_ids == []
        and not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()
    )


def test_before_the_bekendmaking_the_page_says_the_term_starts_later(world: Any) -> None:
    decided(world)
    body = logged_in(BSN).get("/mijn/besluiten/").content.decode()
    assert "Daarna heeft u zes weken" in body
