"""Tests for the Algemene termijnenwet calendar (no Django needed)."""

from __future__ import annotations

import ast
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkteam.deadlines.calendar import (
    DECREE_DAYS_2026_2028,
    EQUATED_DAY_LABEL,
    AtwCalendar,
    easter_sunday,
    format_date_nl,
    kings_day,
    statutory_holidays,
)

CAL = AtwCalendar(DECREE_DAYS_2026_2028)
PLAIN = AtwCalendar()


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2030, date(2030, 4, 21)),
        (2038, date(2038, 4, 25)),  # latest possible date
        (2285, date(2285, 3, 22)),  # earliest possible date
        (1818, date(1818, 3, 22)),
    ],
)
def test_easter_sunday_known_years(year: int, expected: date) -> None:
    assert easter_sunday(year) == expected


@given(st.integers(min_value=1583, max_value=9999))
def test_easter_is_a_sunday_between_22_march_and_25_april(year: int) -> None:
    easter = easter_sunday(year)
    assert easter.weekday() == 6
    assert date(year, 3, 22) <= easter <= date(year, 4, 25)


def test_holidays_2026_complete_list() -> None:
    assert CAL.holidays_in_year(2026) == {
        date(2026, 1, 1): "Nieuwjaarsdag",
        date(2026, 1, 2): EQUATED_DAY_LABEL,
        date(2026, 4, 3): "Goede Vrijdag",
        date(2026, 4, 6): "Tweede Paasdag",
        date(2026, 4, 27): "Koningsdag",
        date(2026, 5, 5): "Bevrijdingsdag (5 mei)",
        date(2026, 5, 14): "Hemelvaartsdag",
        date(2026, 5, 15): EQUATED_DAY_LABEL,
        date(2026, 5, 25): "Tweede Pinksterdag",
        date(2026, 12, 25): "Eerste Kerstdag",
        date(2026, 12, 26): "Tweede Kerstdag",
    }


def test_easter_sunday_itself_is_not_an_atw_holiday_but_is_non_working() -> None:
    assert not CAL.is_holiday(date(2026, 4, 5))
    assert CAL.is_non_working(date(2026, 4, 5))


def test_goede_vrijdag_2026() -> None:
    assert CAL.holiday_name(date(2026, 4, 3)) == "Goede Vrijdag"
    assert CAL.is_non_working(date(2026, 4, 3))
    assert CAL.is_working_day(date(2026, 4, 2))


def test_koningsdag_moves_to_saturday_when_27_april_is_sunday() -> None:
    assert date(2025, 4, 27).weekday() == 6
    assert kings_day(2025) == date(2025, 4, 26)
    assert CAL.holiday_name(date(2025, 4, 26)) == "Koningsdag"
    assert not CAL.is_holiday(date(2025, 4, 27))  # still a Sunday, but no holiday
    assert kings_day(2026) == date(2026, 4, 27)
    assert kings_day(2006) == date(2006, 4, 29)  # Koninginnedag: 30 April 2006 was a Sunday


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027, 2028, 2031])
def test_bevrijdingsdag_every_year(year: int) -> None:
    assert CAL.holiday_name(date(year, 5, 5)) == "Bevrijdingsdag (5 mei)"


def test_5_mei_2026_is_a_tuesday_and_not_a_working_day() -> None:
    assert date(2026, 5, 5).weekday() == 1
    assert CAL.is_non_working(date(2026, 5, 5))


def test_hemelvaart_and_pinksteren_2026() -> None:
    assert CAL.holiday_name(date(2026, 5, 14)) == "Hemelvaartsdag"
    assert CAL.holiday_name(date(2026, 5, 25)) == "Tweede Pinksterdag"
    assert CAL.is_working_day(date(2026, 5, 24 - 3))  # Thursday 21 May is an ordinary day


@pytest.mark.parametrize(
    "day",
    [date(2026, 1, 2), date(2026, 5, 15), date(2027, 5, 7), date(2028, 4, 28), date(2028, 5, 26)],
)
def test_decree_days_are_holidays_only_when_supplied(day: date) -> None:
    assert day.weekday() == 4  # all are Fridays ("brugdagen")
    assert CAL.holiday_name(day) == EQUATED_DAY_LABEL
    assert not PLAIN.is_holiday(day)
    assert PLAIN.is_working_day(day)


def test_extra_days_are_data() -> None:
    custom = AtwCalendar.from_days([date(2029, 5, 11), datetime(2029, 12, 24, 9, 0)])
    assert custom.is_holiday(date(2029, 5, 11))
    assert custom.is_holiday(date(2029, 12, 24))  # datetime normalised to a date
    assert not custom.is_holiday(date(2026, 5, 15))


def test_weekend_reasons() -> None:
    assert CAL.non_working_reason(date(2026, 6, 6)) == "zaterdag"
    assert CAL.non_working_reason(date(2026, 6, 7)) == "zondag"
    assert CAL.non_working_reason(date(2026, 6, 8)) is None


def test_next_working_day_over_christmas_and_ascension() -> None:
    assert CAL.next_working_day(date(2026, 12, 24)) == date(2026, 12, 28)
    assert CAL.next_working_day(date(2026, 5, 13)) == date(2026, 5, 18)
    assert PLAIN.next_working_day(date(2026, 5, 13)) == date(2026, 5, 15)
    assert CAL.working_day_on_or_after(date(2026, 5, 12)) == date(2026, 5, 12)
    assert CAL.working_day_on_or_after(date(2026, 12, 31)) == date(2026, 12, 31)
    assert CAL.working_day_on_or_after(date(2027, 1, 1)) == date(2027, 1, 4)


def test_working_days_between_counts_inclusive() -> None:
    assert CAL.working_days_between(date(2026, 4, 1), date(2026, 4, 8)) == 4  # 1,2,7,8
    assert CAL.working_days_between(date(2026, 4, 8), date(2026, 4, 1)) == 0


def test_format_date_nl() -> None:
    assert format_date_nl(date(2026, 5, 18)) == "maandag 18 mei 2026"
    assert format_date_nl(date(2026, 4, 27), str.upper) == "MAANDAG 27 APRIL 2026"


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_next_working_day_is_the_first_working_day_after(day: date) -> None:
    nxt = CAL.next_working_day(day)
    assert nxt > day
    assert CAL.is_working_day(nxt)
    assert nxt.weekday() < 5
    gap = day + timedelta(days=1)
    while gap < nxt:
        assert CAL.is_non_working(gap)
        gap += timedelta(days=1)


@given(st.integers(min_value=1990, max_value=2200))
def test_moveable_feasts_sit_at_fixed_offsets_and_weekdays(year: int) -> None:
    easter = easter_sunday(year)
    expected = {
        "Goede Vrijdag": (-2, 4),
        "Tweede Paasdag": (1, 0),
        "Hemelvaartsdag": (39, 3),
        "Tweede Pinksterdag": (50, 0),
    }
    for name, (offset, weekday) in expected.items():
        day = easter + timedelta(days=offset)
        assert name in CAL.holiday_names(day)
        assert day.weekday() == weekday
    days = PLAIN.holidays_in_year(year)
    named = [name for names in map(PLAIN.holiday_names, days) for name in names]
    assert len(named) == 9  # nine statutory days, even when two share a date


def test_hemelvaartsdag_on_5_mei_keeps_both_names() -> None:
    assert easter_sunday(2016) == date(2016, 3, 27)
    assert CAL.holiday_names(date(2016, 5, 5)) == ("Bevrijdingsdag (5 mei)", "Hemelvaartsdag")
    assert statutory_holidays(2016)[date(2016, 5, 5)] == "Bevrijdingsdag (5 mei) en Hemelvaartsdag"


def test_package_never_imports_django() -> None:
    package = Path(__file__).resolve().parent.parent
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "django" for n in names), path
