"""Running terms: computation with the Atw, extension, suspension and status.

All results are immutable. A :class:`Term` is fully determined by its inputs (definition,
start, calendar, variant, extensions, suspensions); the dates are derived in
``__post_init__``, so a Django layer can rebuild a term from stored rows and gets the same
validation as :func:`extend` and :func:`suspend`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Final

from .calendar import AtwCalendar, as_date, format_date_nl
from .calendar import gettext_noop as _
from .errors import (
    ExtensionLimitReachedError,
    ExtensionNotAllowedError,
    InvalidStartError,
    InvalidSuspensionError,
    MissingReasonError,
    OverlappingSuspensionError,
    SuspensionNotAllowedError,
)
from .terms import TermDefinition, TermUnit, add_months, get_definition

ART_1_TEMPLATE: Final = _(
    "verschoven naar %(date)s i.v.m. %(reasons)s (art. 1 Algemene termijnenwet)"
)
ART_2_TEMPLATE: Final = _(
    "verlengd tot en met %(date)s zodat de termijn ten minste twee werkdagen bevat "
    "(art. 2 Algemene termijnenwet)"
)


class AdjustmentRule(StrEnum):
    """The legal rule that moved a due date."""

    ATW_ART_1 = "atw_art_1"
    ATW_ART_2 = "atw_art_2"


@dataclass(frozen=True)
class Adjustment:
    """One shift of the due date, with the Dutch names of the days that caused it."""

    rule: AdjustmentRule
    original: date
    adjusted: date
    reasons: tuple[str, ...] = ()

    def describe(self, translate: Callable[[str], str] = _) -> str:
        """Explain the shift in Dutch, e.g. 'verschoven naar maandag 28 april 2026 i.v.m. ...'.

        Pass Django's ``gettext`` as ``translate`` to get the active language.
        """
        when = format_date_nl(self.adjusted, translate)
        if self.rule is AdjustmentRule.ATW_ART_1:
            reasons = ", ".join(translate(reason) for reason in self.reasons)
            return translate(ART_1_TEMPLATE) % {"date": when, "reasons": reasons}
        return translate(ART_2_TEMPLATE) % {"date": when}


@dataclass(frozen=True)
class Extension:
    """A granted extension (verdaging/verlenging) of ``amount`` ``unit``."""

    amount: int
    unit: TermUnit
    reason: str


@dataclass(frozen=True)
class Suspension:
    """A suspension (opschorting): ``start`` inclusive, ``end`` exclusive.

    ``start`` is the first day on which the term does not run (Awb 4:15: the day after the
    invitation to complete the application); ``end`` is the day on which it runs again (the
    day the application was completed). The due date moves by ``end - start`` days.
    """

    start: date
    end: date
    reason: str

    @property
    def days(self) -> int:
        """Number of suspended days."""
        return (self.end - self.start).days

    def overlaps(self, other: Suspension) -> bool:
        """Whether the two half-open periods share at least one day."""
        return self.start < other.end and other.start < self.end


def apply_atw(
    event: date, raw_end: date, calendar: AtwCalendar
) -> tuple[date, tuple[Adjustment, ...]]:
    """Apply art. 1 and art. 2 Atw to a term running from the day after ``event``.

    Art. 1: an end on a Saturday, Sunday or (equated) holiday moves to the next working day.
    Art. 2: a term of at least three days is extended until it holds two working days.
    """
    end, adjustments = raw_end, []
    if calendar.is_non_working(end):
        reasons: list[str] = []
        while calendar.is_non_working(end):
            reasons.extend(r for r in calendar.non_working_reasons(end) if r not in reasons)
            end += timedelta(days=1)
        adjustments.append(Adjustment(AdjustmentRule.ATW_ART_1, raw_end, end, tuple(reasons)))
    if (raw_end - event).days >= 3:
        working = calendar.working_days_between(event + timedelta(days=1), end)
        if working < 2:
            extended = end
            for _i in range(2 - working):
                extended = calendar.next_working_day(extended)
            adjustments.append(Adjustment(AdjustmentRule.ATW_ART_2, end, extended))
            end = extended
    return end, tuple(adjustments)


def _add_hours(start: datetime, hours: int) -> datetime:
    """Add elapsed hours; for aware datetimes across DST in real (UTC) time."""
    if start.tzinfo is None or start.utcoffset() is None:
        return start + timedelta(hours=hours)
    return (start.astimezone(UTC) + timedelta(hours=hours)).astimezone(start.tzinfo)


@dataclass(frozen=True)
class Term:
    """A running term: the inputs plus the derived raw (pre-Atw) and final due dates."""

    definition: TermDefinition
    start: date
    calendar: AtwCalendar
    variant: str | None = None
    extensions: tuple[Extension, ...] = ()
    suspensions: tuple[Suspension, ...] = ()
    raw_due: date = field(init=False)
    due: date = field(init=False)
    due_at: datetime | None = field(init=False)
    adjustments: tuple[Adjustment, ...] = field(init=False)

    def __post_init__(self) -> None:
        definition = self.definition
        amount = definition.amount_for(self.variant)
        self._check_extensions()
        self._check_suspensions()
        if definition.unit is TermUnit.HOURS:
            if not isinstance(self.start, datetime):
                raise InvalidStartError()
            moment = _add_hours(self.start, amount)
            due_at: datetime | None = moment
            raw = due = moment.date()
            adjustments: tuple[Adjustment, ...] = ()
        else:
            event = as_date(self.start)
            object.__setattr__(self, "start", event)
            totals = dict.fromkeys(TermUnit, 0)
            totals[definition.unit] += amount
            for extension in self.extensions:
                totals[extension.unit] += extension.amount
            raw = add_months(event, totals[TermUnit.MONTHS]) + timedelta(
                weeks=totals[TermUnit.WEEKS],
                days=totals[TermUnit.DAYS] + self.suspended_days,
            )
            due_at = None
            due, adjustments = raw, ()
            if definition.atw_applies:
                due, adjustments = apply_atw(event, raw, self.calendar)
        object.__setattr__(self, "raw_due", raw)
        object.__setattr__(self, "due", due)
        object.__setattr__(self, "due_at", due_at)
        object.__setattr__(self, "adjustments", adjustments)

    def _check_extensions(self) -> None:
        rule, label = self.definition.extension, self.definition.label
        if not self.extensions:
            return
        if rule is None:
            raise ExtensionNotAllowedError(term=label)
        if len(self.extensions) > rule.max_count:
            raise ExtensionLimitReachedError(term=label, max=rule.max_count)
        for extension in self.extensions:
            if not extension.reason.strip():
                raise MissingReasonError()
            if extension.unit is not rule.unit:
                raise ValueError(f"extension unit must be {rule.unit}")
            rule.validate_amount(extension.amount, label)

    def _check_suspensions(self) -> None:
        if self.suspensions and not self.definition.suspendable:
            raise SuspensionNotAllowedError(term=self.definition.label)
        for index, suspension in enumerate(self.suspensions):
            if not suspension.reason.strip():
                raise MissingReasonError()
            if suspension.end <= suspension.start:
                raise InvalidSuspensionError()
            for earlier in self.suspensions[:index]:
                if suspension.overlaps(earlier):
                    raise OverlappingSuspensionError(start=earlier.start, end=earlier.end)

    @property
    def label(self) -> str:
        """Dutch label of the term definition."""
        return self.definition.label

    @property
    def first_day(self) -> date:
        """The first day of the term: the day after the event."""
        return as_date(self.start) + timedelta(days=1)

    @property
    def suspended_days(self) -> int:
        """Total number of suspended days."""
        return sum(suspension.days for suspension in self.suspensions)

    @property
    def extensions_left(self) -> int:
        """How many more extensions may be granted."""
        rule = self.definition.extension
        return 0 if rule is None else rule.max_count - len(self.extensions)

    def days_left(self, today: date) -> int:
        """Calendar days from ``today`` to the due date (negative when overdue)."""
        return (self.due - as_date(today)).days


def compute_term(
    term: str | TermDefinition,
    start: date,
    *,
    calendar: AtwCalendar,
    variant: str | None = None,
) -> Term:
    """Start a term (registry key or definition) for the event on ``start``.

    ``start`` is the event date (melding, aanvraag, bekendmaking, ...); for a term in hours a
    ``datetime``. The calendar is required on purpose: it must carry the decree days.
    """
    definition = get_definition(term) if isinstance(term, str) else term
    return Term(definition, start, calendar, variant)


def compute_due(
    term: str | TermDefinition,
    start: date,
    *,
    calendar: AtwCalendar,
    variant: str | None = None,
) -> date:
    """Return only the (Atw-adjusted) due date of :func:`compute_term`."""
    return compute_term(term, start, calendar=calendar, variant=variant).due


def extend(term: Term, *, reason: str, amount: int | None = None) -> Term:
    """Return ``term`` with one more extension (default: the maximum the law allows).

    Raises a :class:`~.errors.TermError` subclass when the term cannot be extended, the
    maximum number of extensions is reached, the reason is empty or the amount is invalid.
    The extension is added to the raw end; the Atw is then applied to the new end.
    """
    rule = term.definition.extension
    if rule is None:
        raise ExtensionNotAllowedError(term=term.label)
    if not reason.strip():
        raise MissingReasonError()
    if term.extensions_left <= 0:
        raise ExtensionLimitReachedError(term=term.label, max=rule.max_count)
    length = rule.validate_amount(amount, term.label)
    extension = Extension(length, rule.unit, reason.strip())
    return replace(term, extensions=(*term.extensions, extension))


def suspend(term: Term, *, start: date, end: date, reason: str) -> Term:
    """Return ``term`` suspended from ``start`` (inclusive) to ``end`` (exclusive).

    The suspension must begin while the term runs (between its first day and its current due
    date), end after it begins and not overlap an earlier suspension.
    """
    if not term.definition.suspendable:
        raise SuspensionNotAllowedError(term=term.label)
    if not reason.strip():
        raise MissingReasonError()
    start, end = as_date(start), as_date(end)
    if end <= start:
        raise InvalidSuspensionError()
    if not term.first_day <= start <= term.due:
        raise InvalidSuspensionError(
            _("Een opschorting moet ingaan tijdens de lopende termijn (%(first)s t/m %(due)s)."),
            first=format_date_nl(term.first_day),
            due=format_date_nl(term.due),
        )
    suspension = Suspension(start, end, reason.strip())
    return replace(term, suspensions=(*term.suspensions, suspension))
