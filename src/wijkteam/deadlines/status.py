"""Status of a running term on a given day (for dashboards and reminders)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from .calendar import as_date
from .calendar import gettext_noop as _
from .engine import Term
from .errors import InvalidStartError


class TermStatus(StrEnum):
    """Status of a term on a given day."""

    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    MET_LATE = "met_late"

    @property
    def label(self) -> str:
        """Dutch label, marked for translation."""
        return STATUS_LABELS[self]


STATUS_LABELS: Final[Mapping[TermStatus, str]] = MappingProxyType(
    {
        TermStatus.ON_TIME: _("op tijd"),
        TermStatus.DUE_SOON: _("bijna verlopen"),
        TermStatus.OVERDUE: _("verlopen"),
        TermStatus.MET: _("voldaan"),
        TermStatus.MET_LATE: _("te laat voldaan"),
    }
)


def _utc(value: datetime, due_at: datetime) -> tuple[datetime, datetime]:
    """Return both moments in UTC (aware) or unchanged (naive) for exact comparison.

    Python compares and subtracts datetimes sharing a tzinfo by wall-clock time, which is
    off by an hour across a DST change; converting to UTC avoids that.
    """
    if (value.utcoffset() is None) != (due_at.utcoffset() is None):
        raise InvalidStartError(
            _("Tijdstippen met en zonder tijdzone kunnen niet worden vergeleken.")
        )
    if value.utcoffset() is None:
        return value, due_at
    return value.astimezone(UTC), due_at.astimezone(UTC)


def status(
    term: Term,
    today: date,
    *,
    completed_on: date | None = None,
    due_soon_days: int = 5,
    due_soon_hours: int = 24,
) -> TermStatus:
    """Return the status of ``term`` on ``today``.

    Completed terms are ``met`` (on or before the due date) or ``met_late``. Otherwise a term
    is ``overdue`` after its due date, ``due_soon`` within ``due_soon_days`` calendar days of
    it (including the due date itself), else ``on_time``. For an hour term and a ``datetime``
    ``today`` the comparison is by the moment, with ``due_soon_hours``.
    """
    if due_soon_days < 0 or due_soon_hours < 0:
        raise ValueError("due_soon_days and due_soon_hours must not be negative")
    if completed_on is not None:
        if term.due_at is not None and isinstance(completed_on, datetime):
            done, due_at = _utc(completed_on, term.due_at)
            in_time = done <= due_at
        else:
            in_time = as_date(completed_on) <= term.due
        return TermStatus.MET if in_time else TermStatus.MET_LATE
    if term.due_at is not None and isinstance(today, datetime):
        now, due_at = _utc(today, term.due_at)
        remaining = due_at - now
        margin = timedelta(hours=due_soon_hours)
    else:
        remaining = term.due - as_date(today)
        margin = timedelta(days=due_soon_days)
    if remaining < timedelta(0):
        return TermStatus.OVERDUE
    if remaining <= margin:
        return TermStatus.DUE_SOON
    return TermStatus.ON_TIME
