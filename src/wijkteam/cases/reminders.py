"""Reminders of legal terms: a nightly job (``core.jobs``) that notifies the regisseur.

A term that expires within 3 working days (Atw calendar, with the decree days) is announced
once per due date (an extension that moves the date announces again); a term that expired is
announced once. Only terms that expired in the last week are announced as expired, so a first
run on an old database does not flood the inboxes with history.
"""

import datetime

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam import deadlines
from wijkteam.accounts.models import User
from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.services import notification_send

from .constants import CaseState
from .models import TrackedTerm
from .services.terms import atw_calendar

WORKING_DAYS_AHEAD = 3
EXPIRED_LOOKBACK = datetime.timedelta(days=7)


def horizon(today: datetime.date, calendar: deadlines.AtwCalendar) -> datetime.date:
    """The last day that lies within ``WORKING_DAYS_AHEAD`` working days from ``today``."""
    day = today
    for _step in range(WORKING_DAYS_AHEAD):
        day = calendar.next_working_day(day)
    return day


def _open_terms() -> QuerySet[TrackedTerm]:
    return (
        TrackedTerm.objects.filter(met_on__isnull=True)
        .exclude(case__state=CaseState.AFGESLOTEN)
        .select_related("case")
        .only("pk", "key", "due_on", "case__id", "case__coordinator_id", "case__state")
    )


def _label(key: str) -> str:
    try:
        return str(deadlines.get_definition(key).label)
    except deadlines.UnknownTermError:
        return key


def term_reminders_send(*, today: datetime.date | None = None) -> str:
    """Notify each open term's regisseur; returns counts for the job's summary."""
    today = today or timezone.localdate()
    last = horizon(today, atw_calendar())
    expiring = expired = 0
    soon = _open_terms().filter(due_on__gte=today, due_on__lte=last)
    late = _open_terms().filter(due_on__lt=today, due_on__gte=today - EXPIRED_LOOKBACK)
    for terms, kind, suffix in (
        (soon, NotificationKind.TERM_EXPIRING, "verloopt"),
        (late, NotificationKind.TERM_EXPIRED, "verlopen"),
    ):
        batch = list(terms)
        users = User.objects.in_bulk({t.case.coordinator_id for t in batch})
        for term in batch:
            coordinator = users.get(term.case.coordinator_id)
            if coordinator is None:
                continue
            text = (
                _("%(term)s verloopt op %(day)s")
                if kind == NotificationKind.TERM_EXPIRING
                else _("%(term)s is verlopen op %(day)s")
            ) % {"term": _label(term.key), "day": term.due_on.strftime("%d-%m-%Y")}
            sent = notification_send(
                users=[coordinator],
                kind=kind,
                url=reverse("cases:detail", args=[term.case.pk]),
                text=text,
                dedupe_key=f"term:{term.pk}:{suffix}:{term.due_on.isoformat()}",
            )
            if kind == NotificationKind.TERM_EXPIRING:
                expiring += len(sent)
            else:
                expired += len(sent)
    return _(
        "%(soon)s herinnering(en) voor termijnen die binnen %(days)s werkdagen verlopen, "
        "%(late)s voor verlopen termijnen."
    ) % {"soon": expiring, "late": expired, "days": WORKING_DAYS_AHEAD}
