"""Open meldingen in the work queue carry the legal term that runs from the melding."""

import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape

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


def _evaluation_due(case, days: int) -> None:
    from wijkteam.cases.models import Evaluation

    Evaluation.objects.create(
        case=case, planned_on=timezone.localdate() + datetime.timedelta(days=days)
    )


def test_team_queue_shows_who_is_responsible_and_filters_per_member(client_for):
    from wijkteam.organisation.constants import TeamRole
    from wijkteam.testing.factories import CaseFactory, UserFactory

    first = CaseFactory()
    second = CaseFactory(team=first.team)
    for case in (first, second):
        _evaluation_due(case, 3)
    leader = MembershipFactory(team=first.team, roles=[TeamRole.TEAMLEIDER]).user
    ReportFactory(team=first.team, received_at=_received(1))
    client = client_for(leader)

    page = client.get("/werkvoorraad/team/").content.decode()
    assert "Verantwoordelijk" in page
    assert (
        escape(first.coordinator.display_name) in page
        and escape(second.coordinator.display_name) in page
    )
    assert "het team (nog niemand)" in page  # the open melding has no one yet

    filtered = client.get(f"/werkvoorraad/team/?lid={first.coordinator.pk}").content.decode()
    assert first.household.name in filtered
    assert second.household.name not in filtered
    assert "het team (nog niemand)" not in filtered

    # A member of another team is no choice: the filter falls back to the whole team.
    stranger = UserFactory()
    MembershipFactory(user=stranger)
    other = client.get(f"/werkvoorraad/team/?lid={stranger.pk}").content.decode()
    assert second.household.name in other


def test_team_queue_queries_do_not_grow_with_the_cases(client_for, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wijkteam.organisation.constants import TeamRole
    from wijkteam.testing.factories import CaseFactory

    first = CaseFactory()
    _evaluation_due(first, 2)
    leader = MembershipFactory(team=first.team, roles=[TeamRole.TEAMLEIDER]).user
    client = client_for(leader)
    client.get("/werkvoorraad/team/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/werkvoorraad/team/").status_code == 200
    for _ in range(4):
        _evaluation_due(CaseFactory(team=first.team), 4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/werkvoorraad/team/").content.decode()
    assert page.count("utrecht-table__row") >= 6
    # Every row tells its household apart (address, birth year) at no cost per row.
    assert page.count('class="wt-hint"') == 5 and page.count("geboren 1960") == 5


def test_the_meldingen_page_shows_the_term_and_tells_same_names_apart(client_for):
    late = ReportFactory(received_at=_received(60))
    fresh = ReportFactory(
        team=late.team,
        received_at=_received(1),
        resident__first_name=late.resident.first_name,
        resident__last_name=late.resident.last_name,
        resident__household__municipality=late.team.municipality,
    )
    member = MembershipFactory(team=late.team).user
    response = client_for(member).get("/meldingen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("wt-status--overdue") == 1 and "verlopen" in html
    assert "wt-status--on_time" in html
    for report in (late, fresh):
        assert f"geboren {report.resident.date_of_birth.year}" in html
