"""Tracking legal terms on a case with the pure ``wijkteam.deadlines`` engine."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from wijkteam import deadlines
from wijkteam.accounts.models import User

from ..models import Case, Decision, EquatedHoliday, TermExtension, TermSuspension, TrackedTerm


def atw_calendar() -> deadlines.AtwCalendar:
    """The Atw calendar with the decree days an administrator keeps in the database."""
    return deadlines.AtwCalendar(
        extra_days=frozenset(EquatedHoliday.objects.values_list("day", flat=True))
    )


def _engine_term(term: TrackedTerm, calendar: deadlines.AtwCalendar) -> deadlines.Term:
    result = deadlines.compute_term(
        term.key, term.starts_on, calendar=calendar, variant=term.variant or None
    )
    for ext in term.extensions.all():
        result = deadlines.extend(result, reason=ext.reason, amount=ext.weeks)
    for sus in term.suspensions.all():
        result = deadlines.suspend(result, start=sus.starts_on, end=sus.ends_on, reason=sus.reason)
    return result


def term_start(
    *,
    case: Case,
    key: str,
    starts_on: datetime.date,
    variant: str = "",
    decision: Decision | None = None,
    calendar: deadlines.AtwCalendar | None = None,
) -> TrackedTerm:
    """Start tracking a term (idempotent per case/decision and key)."""
    cal = calendar or atw_calendar()
    due = deadlines.compute_due(key, starts_on, calendar=cal, variant=variant or None)
    with transaction.atomic():
        term, _created = TrackedTerm.objects.get_or_create(
            case=case,
            key=key,
            decision=decision,
            defaults={"starts_on": starts_on, "due_on": due, "variant": variant},
        )
    return term


def term_insert(
    *,
    case: Case,
    key: str,
    starts_on: datetime.date,
    decision: Decision,
    variant: str = "",
) -> TrackedTerm:
    """:func:`term_start` for a decision inserted in the caller's transaction just before: no
    term of it can exist yet, so the row ``get_or_create`` would make is inserted directly (the
    same INSERT, without the look-up and its two savepoints; issue 17)."""
    due = deadlines.compute_due(key, starts_on, calendar=atw_calendar(), variant=variant or None)
    return TrackedTerm.objects.create(
        case=case, key=key, decision=decision, starts_on=starts_on, due_on=due, variant=variant
    )


def term_meet(*, case: Case, key: str, on: datetime.date, decision: Decision | None = None) -> None:
    TrackedTerm.objects.filter(case=case, key=key, decision=decision, met_on__isnull=True).update(
        met_on=on
    )


def term_extend(
    *, actor: User, term: TrackedTerm, reason: str, weeks: int | None = None
) -> TrackedTerm:
    """Extend a term where the law allows it; refused with a Dutch TermError otherwise."""
    with transaction.atomic():
        term = TrackedTerm.objects.select_for_update().get(pk=term.pk)
        current = _engine_term(term, atw_calendar())
        extended = deadlines.extend(current, reason=reason, amount=weeks)
        TermExtension.objects.create(term=term, reason=reason, weeks=weeks, by=actor)
        term.due_on = extended.due
        term.save(update_fields=["due_on"])
    return term


def term_suspend(
    *, actor: User, term: TrackedTerm, starts_on: datetime.date, ends_on: datetime.date, reason: str
) -> TrackedTerm:
    with transaction.atomic():
        term = TrackedTerm.objects.select_for_update().get(pk=term.pk)
        current = _engine_term(term, atw_calendar())
        suspended = deadlines.suspend(current, start=starts_on, end=ends_on, reason=reason)
        TermSuspension.objects.create(
            term=term, starts_on=starts_on, ends_on=ends_on, reason=reason, by=actor
        )
        term.due_on = suspended.due
        term.save(update_fields=["due_on"])
    return term


@dataclass(frozen=True)
class TermView:
    term: TrackedTerm
    label: str
    status: str
    status_label: str
    days_left: int


def term_status(due_on: datetime.date, met_on: datetime.date | None, today: datetime.date) -> str:
    """on_time, due_soon (5 days or less), overdue, met or met_late: from the dates alone (the
    work queue reads only these columns, no ``TrackedTerm`` objects)."""
    if met_on is not None:
        return "met_late" if met_on > due_on else "met"
    if today > due_on:
        return "overdue"
    if (due_on - today).days <= 5:
        return "due_soon"
    return "on_time"


def term_label(key: str) -> str:
    """The term's name for display (the key itself for a term the engine does not know)."""
    return gettext(deadlines.TERM_LABELS.get(key, key))


def term_view(term: TrackedTerm, today: datetime.date | None = None) -> TermView:
    """Status of a stored term for display: on time, due soon, overdue, met (late)."""
    today = today or timezone.localdate()
    status = term_status(term.due_on, term.met_on, today)
    labels = deadlines.STATUS_LABELS
    return TermView(
        term=term,
        label=term_label(term.key),
        status=status,
        status_label=gettext(labels.get(deadlines.TermStatus(status), status)),
        days_left=(term.due_on - today).days,
    )
