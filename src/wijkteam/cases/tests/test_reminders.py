"""The nightly reminders of legal terms: within 3 working days, and once when expired."""

import datetime

import pytest

from wijkteam.cases.models import Case, TrackedTerm
from wijkteam.cases.reminders import horizon, term_reminders_send
from wijkteam.cases.services.terms import atw_calendar
from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.models import Notification
from wijkteam.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db

FRIDAY = datetime.date(2026, 12, 18)


def _term(case: Case, due: datetime.date, key: str = "wmo_onderzoek") -> TrackedTerm:
    return TrackedTerm.objects.create(
        case=case, key=key, starts_on=due - datetime.timedelta(days=42), due_on=due
    )


def test_three_working_days_skip_the_weekend_and_christmas():
    calendar = atw_calendar()
    # Friday 18 December → Mon 21, Tue 22, Wed 23.
    assert horizon(FRIDAY, calendar) == datetime.date(2026, 12, 23)
    # Wednesday 23 December → Thu 24, (25, 26 holidays, 27 Sunday) Mon 28, Tue 29.
    assert horizon(datetime.date(2026, 12, 23), calendar) == datetime.date(2026, 12, 29)


def test_the_regisseur_is_reminded_once_of_a_term_that_expires_soon():
    case = CaseFactory()
    soon = _term(case, datetime.date(2026, 12, 23))
    _term(CaseFactory(), datetime.date(2026, 12, 24), key="wmo_beschikking")  # 4 working days
    summary = term_reminders_send(today=FRIDAY)
    [note] = Notification.objects.all()
    assert note.user == case.coordinator
    assert note.kind == NotificationKind.TERM_EXPIRING
    assert "23-12-2026" in note.text and "Wmo-onderzoek" in note.text
    assert note.url == f"/casussen/{case.pk}/"
    assert summary.startswith("1 herinnering")
    term_reminders_send(today=FRIDAY + datetime.timedelta(days=3))
    mine = Notification.objects.filter(user=case.coordinator)
    assert mine.count() == 1  # same term, same date: once (the other term is now due too)
    # Extended: the new date is announced again.
    TrackedTerm.objects.filter(pk=soon.pk).update(due_on=datetime.date(2026, 12, 28))
    term_reminders_send(today=datetime.date(2026, 12, 23))
    assert mine.filter(kind=NotificationKind.TERM_EXPIRING).count() == 2


def test_an_expired_term_is_announced_once_and_old_history_is_not():
    case = CaseFactory()
    _term(case, FRIDAY - datetime.timedelta(days=1))
    _term(CaseFactory(), FRIDAY - datetime.timedelta(days=30))  # long ago: not announced
    term_reminders_send(today=FRIDAY)
    term_reminders_send(today=FRIDAY + datetime.timedelta(days=1))
    [note] = Notification.objects.all()
    assert (note.kind, note.user) == (NotificationKind.TERM_EXPIRED, case.coordinator)


def test_met_terms_and_closed_cases_are_left_alone():
    met = _term(CaseFactory(), datetime.date(2026, 12, 21))
    TrackedTerm.objects.filter(pk=met.pk).update(met_on=FRIDAY)
    closed = CaseFactory(afgesloten=True, closed_on=datetime.date(2026, 12, 1))
    _term(closed, datetime.date(2026, 12, 21))
    term_reminders_send(today=FRIDAY)
    assert not Notification.objects.exists()
