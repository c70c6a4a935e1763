"""Open meldingen in the work queue carry the legal term that runs from the melding."""

import datetime

import pytest
from django.utils import timezone

from wijkteam.cases import selectors
from wijkteam.cases.constants import LawTrack
from wijkteam.testing.factories import MembershipFactory, ReportFactory

pytestmark = pytest.mark.django_db


def _queue_report_items(report):
    member = MembershipFactory(team=report.team).user
    return [i for i in selectors.work_queue(user=member) if i.kind == "melding"]


def _received(days_ago: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days_ago)


def test_a_wmo_melding_past_its_six_weeks_is_overdue():
    report = ReportFactory(received_at=_received(60))
    [item] = _queue_report_items(report)
    assert item.status == "overdue"
    assert item.due_on < timezone.localdate()
    assert item.due_on >= timezone.localdate(report.received_at) + datetime.timedelta(weeks=6)


def test_a_fresh_wmo_melding_is_on_time_and_due_by_the_onderzoek_term():
    report = ReportFactory(received_at=_received(2))
    [item] = _queue_report_items(report)
    assert item.status == "on_time"
    assert item.due_on > timezone.localdate() + datetime.timedelta(weeks=5)


def test_a_jeugd_melding_has_no_legal_term_and_asks_to_be_picked_up():
    report = ReportFactory(received_at=_received(60), law_track=LawTrack.JEUGDWET)
    [item] = _queue_report_items(report)
    assert item.status == "due_soon"
    assert item.due_on == timezone.localdate(report.received_at)


def test_the_queue_page_shows_verlopen_for_an_overdue_melding(client_for):
    report = ReportFactory(received_at=_received(60))
    member = MembershipFactory(team=report.team).user
    response = client_for(member).get("/werkvoorraad/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "wt-status--overdue" in html and "verlopen" in html
