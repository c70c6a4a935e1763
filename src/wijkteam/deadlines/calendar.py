"""The calendar of the Algemene termijnenwet (Atw).

Art. 3 lid 1 Atw lists the *algemeen erkende feestdagen*; lid 2 equates Goede Vrijdag; lid 3
lets the Crown equate further days by decree (published in the Staatscourant). The statutory
days are computed here; the decree days are *data*, passed to :class:`AtwCalendar` as
``extra_days`` so that the Django layer can keep them in a table an administrator extends.

Standard library only: this module must never import Django.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import Final


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation without translating it.

    This package may not import Django, so user-facing labels are plain Dutch strings marked
    with this no-op (``makemessages`` extracts both ``gettext_noop(...)`` and ``_(...)``). A
    Django layer translates them at display time with ``gettext(label)``.
    """
    return message


_ = gettext_noop

SATURDAY: Final = 5
SUNDAY: Final = 6

# Keys of the holidays of art. 3 lid 1 and lid 2 Atw, and their Dutch names.
NIEUWJAARSDAG: Final = "nieuwjaarsdag"
GOEDE_VRIJDAG: Final = "goede_vrijdag"
TWEEDE_PAASDAG: Final = "tweede_paasdag"
KONINGSDAG: Final = "koningsdag"
BEVRIJDINGSDAG: Final = "bevrijdingsdag"
HEMELVAARTSDAG: Final = "hemelvaartsdag"
TWEEDE_PINKSTERDAG: Final = "tweede_pinksterdag"
EERSTE_KERSTDAG: Final = "eerste_kerstdag"
TWEEDE_KERSTDAG: Final = "tweede_kerstdag"

HOLIDAY_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        NIEUWJAARSDAG: _("Nieuwjaarsdag"),
        GOEDE_VRIJDAG: _("Goede Vrijdag"),
        TWEEDE_PAASDAG: _("Tweede Paasdag"),
        KONINGSDAG: _("Koningsdag"),
        BEVRIJDINGSDAG: _("Bevrijdingsdag (5 mei)"),
        HEMELVAARTSDAG: _("Hemelvaartsdag"),
        TWEEDE_PINKSTERDAG: _("Tweede Pinksterdag"),
        EERSTE_KERSTDAG: _("Eerste Kerstdag"),
        TWEEDE_KERSTDAG: _("Tweede Kerstdag"),
    }
)
EQUATED_DAY_LABEL: Final = _("met een feestdag gelijkgestelde dag")
SATURDAY_LABEL: Final = _("zaterdag")
SUNDAY_LABEL: Final = _("zondag")

WEEKDAY_NAMES: Final = (
    _("maandag"),
    _("dinsdag"),
    _("woensdag"),
    _("donderdag"),
    _("vrijdag"),
    _("zaterdag"),
    _("zondag"),
)
MONTH_NAMES: Final = (
    _("januari"),
    _("februari"),
    _("maart"),
    _("april"),
    _("mei"),
    _("juni"),
    _("juli"),
    _("augustus"),
    _("september"),
    _("oktober"),
    _("november"),
    _("december"),
)

# Days equated with algemeen erkende feestdagen by royal decree under art. 3 lid 3 Atw for
# 2026-2028 (the current "besluit gelijkstelling dagen", as listed in the project's reference;
# check the Staatscourant publication on wetten.overheid.nl / officielebekendmakingen.nl).
# This is a default for tests and bootstrapping only; production code should load the days
# from the administrator-maintained table and pass them to AtwCalendar.
DECREE_DAYS_2026_2028: Final[frozenset[date]] = frozenset(
    {
        date(2026, 1, 2),  # Friday after Nieuwjaarsdag
        date(2026, 5, 15),  # Friday after Hemelvaartsdag
        date(2027, 5, 7),  # Friday after Hemelvaartsdag
        date(2028, 4, 28),  # Friday after Koningsdag
        date(2028, 5, 26),  # Friday after Hemelvaartsdag
    }
)


def easter_sunday(year: int) -> date:
    """Return Easter Sunday (Gregorian) using the anonymous Gregorian algorithm."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def kings_day(year: int) -> date:
    """Return the day on which the King's (or Queen's) birthday is celebrated.

    From 2014: 27 April, or Saturday 26 April when 27 April is a Sunday. Before 2014
    (Koninginnedag): 30 April, or 29 April when 30 April is a Sunday. Years before 1980 are
    not modelled precisely; the engine is meant for current terms.
    """
    day = date(year, 4, 27) if year >= 2014 else date(year, 4, 30)
    return day - timedelta(days=1) if day.weekday() == SUNDAY else day


@lru_cache(maxsize=256)
def _statutory(year: int) -> Mapping[date, tuple[str, ...]]:
    easter = easter_sunday(year)
    days = (
        (date(year, 1, 1), NIEUWJAARSDAG),
        (easter - timedelta(days=2), GOEDE_VRIJDAG),
        (easter + timedelta(days=1), TWEEDE_PAASDAG),
        (kings_day(year), KONINGSDAG),
        (date(year, 5, 5), BEVRIJDINGSDAG),
        (easter + timedelta(days=39), HEMELVAARTSDAG),  # may coincide with 5 May (2016)
        (easter + timedelta(days=50), TWEEDE_PINKSTERDAG),
        (date(year, 12, 25), EERSTE_KERSTDAG),
        (date(year, 12, 26), TWEEDE_KERSTDAG),
    )
    names: dict[date, tuple[str, ...]] = {}
    for day, key in days:
        names[day] = (*names.get(day, ()), HOLIDAY_LABELS[key])
    return MappingProxyType(dict(sorted(names.items())))


def statutory_holidays(year: int) -> dict[date, str]:
    """Return the holidays of art. 3 lid 1 and lid 2 Atw in ``year`` with their Dutch names.

    Two holidays on one date (Hemelvaartsdag on 5 May) are joined with ``" en "``.
    """
    return {day: " en ".join(names) for day, names in _statutory(year).items()}


def as_date(value: date) -> date:
    """Return ``value`` as a plain :class:`date` (a ``datetime`` is truncated to its date)."""
    return value.date() if isinstance(value, datetime) else value


def format_date_nl(value: date, translate: Callable[[str], str] = gettext_noop) -> str:
    """Format a date in Dutch, e.g. ``maandag 18 mei 2026`` (independent of the locale).

    ``translate`` is applied to the weekday and month names (pass Django's ``gettext``).
    """
    weekday = translate(WEEKDAY_NAMES[value.weekday()])
    month = translate(MONTH_NAMES[value.month - 1])
    return f"{weekday} {value.day} {month} {value.year}"


@dataclass(frozen=True)
class AtwCalendar:
    """Working-day calendar under the Atw.

    ``extra_days`` holds the days equated by decree (art. 3 lid 3 Atw); use
    ``AtwCalendar(DECREE_DAYS_2026_2028)`` or :meth:`from_days` with the days from the database.
    """

    extra_days: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        # Normalise datetimes to dates: datetime(2026, 5, 15) != date(2026, 5, 15).
        object.__setattr__(self, "extra_days", frozenset(as_date(d) for d in self.extra_days))

    @classmethod
    def from_days(cls, days: Iterable[date]) -> AtwCalendar:
        """Build a calendar from any iterable of equated days (e.g. a queryset's values)."""
        return cls(frozenset(days))

    def holidays_in_year(self, year: int) -> dict[date, str]:
        """Return all Atw holidays and equated days in ``year``, sorted, with Dutch names."""
        result = statutory_holidays(year)
        for day in self.extra_days:
            if day.year == year:
                result.setdefault(day, EQUATED_DAY_LABEL)
        return dict(sorted(result.items()))

    def holiday_names(self, day: date) -> tuple[str, ...]:
        """Return the Dutch names of the (equated) holidays on ``day``; empty if none."""
        day = as_date(day)
        names = _statutory(day.year).get(day, ())
        if not names and day in self.extra_days:
            return (EQUATED_DAY_LABEL,)
        return names

    def holiday_name(self, day: date) -> str | None:
        """Return the Dutch name of the holiday on ``day``, or ``None``."""
        return " en ".join(self.holiday_names(day)) or None

    def is_holiday(self, day: date) -> bool:
        """Whether ``day`` is an algemeen erkende feestdag or a day equated with one."""
        return bool(self.holiday_names(day))

    def non_working_reasons(self, day: date) -> tuple[str, ...]:
        """Why ``day`` is not a working day: holiday names, else 'zaterdag'/'zondag'."""
        names = self.holiday_names(day)
        if names:
            return names
        weekday = as_date(day).weekday()
        if weekday == SATURDAY:
            return (SATURDAY_LABEL,)
        if weekday == SUNDAY:
            return (SUNDAY_LABEL,)
        return ()

    def non_working_reason(self, day: date) -> str | None:
        """Like :meth:`non_working_reasons`, joined into one string; ``None`` on working days."""
        return " en ".join(self.non_working_reasons(day)) or None

    def is_non_working(self, day: date) -> bool:
        """Whether ``day`` is a Saturday, a Sunday or an (equated) holiday."""
        return as_date(day).weekday() >= SATURDAY or self.is_holiday(day)

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is none of Saturday, Sunday or an (equated) holiday."""
        return not self.is_non_working(day)

    def next_working_day(self, day: date) -> date:
        """Return the first working day strictly after ``day``."""
        candidate = as_date(day) + timedelta(days=1)
        while self.is_non_working(candidate):
            candidate += timedelta(days=1)
        return candidate

    def working_day_on_or_after(self, day: date) -> date:
        """Return ``day`` itself if it is a working day, else the next working day."""
        day = as_date(day)
        return day if self.is_working_day(day) else self.next_working_day(day)

    def working_days_between(self, first: date, last: date) -> int:
        """Count working days from ``first`` to ``last``, both inclusive (0 if last < first)."""
        first, last = as_date(first), as_date(last)
        count = 0
        while first <= last:
            count += self.is_working_day(first)
            first += timedelta(days=1)
        return count
