"""Tests for term computation, extension, suspension and status (no Django needed)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkteam.deadlines import (
    DECREE_DAYS_2026_2028,
    STATUS_LABELS,
    TERM_LABELS,
    TERMS,
    AdjustmentRule,
    AtwCalendar,
    Extension,
    ExtensionAmountError,
    ExtensionLimitReachedError,
    ExtensionNotAllowedError,
    InvalidStartError,
    InvalidSuspensionError,
    MissingReasonError,
    OverlappingSuspensionError,
    Suspension,
    SuspensionNotAllowedError,
    Term,
    TermDefinition,
    TermError,
    TermStatus,
    TermUnit,
    UnknownTermError,
    UnknownVariantError,
    add_months,
    compute_due,
    compute_term,
    extend,
    status,
    suspend,
)

CAL = AtwCalendar(DECREE_DAYS_2026_2028)
PLAIN = AtwCalendar()
ATW_KEYS = sorted(k for k, d in TERMS.items() if d.atw_applies)
WEEK_KEYS = sorted(k for k, d in TERMS.items() if d.unit is TermUnit.WEEKS)
EXTENDABLE_KEYS = sorted(k for k, d in TERMS.items() if d.extendable)
SUSPENDABLE_KEYS = sorted(k for k, d in TERMS.items() if d.suspendable)
DATES = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


def days_term(n: int) -> TermDefinition:
    return TermDefinition(f"test_{n}_days", "test", n, TermUnit.DAYS, "test", "test")


@st.composite
def terms(draw: st.DrawFn, keys: list[str] = ATW_KEYS) -> Term:
    definition = TERMS[draw(st.sampled_from(keys))]
    variant = draw(st.sampled_from([None, *(v.key for v in definition.variants)]))
    return compute_term(definition, draw(DATES), calendar=CAL, variant=variant)


# --- known cases -----------------------------------------------------------------------------


def test_wmo_onderzoek_six_weeks_same_weekday() -> None:
    term = compute_term("wmo_onderzoek", date(2026, 4, 8), calendar=CAL)
    assert term.raw_due == date(2026, 5, 20)
    assert term.due == date(2026, 5, 20)
    assert term.due.weekday() == 2
    assert term.adjustments == ()
    assert term.first_day == date(2026, 4, 9)


def test_term_ending_on_hemelvaartsdag_skips_decree_day_and_weekend() -> None:
    term = compute_term("wmo_onderzoek", date(2026, 4, 2), calendar=CAL)
    assert term.raw_due == date(2026, 5, 14)
    assert term.due == date(2026, 5, 18)
    (adjustment,) = term.adjustments
    assert adjustment.rule is AdjustmentRule.ATW_ART_1
    assert adjustment.reasons == (
        "Hemelvaartsdag",
        "met een feestdag gelijkgestelde dag",
        "zaterdag",
        "zondag",
    )
    assert adjustment.describe().startswith(
        "verschoven naar maandag 18 mei 2026 i.v.m. Hemelvaartsdag"
    )
    # Without the decree day the term ends on Friday 15 May.
    assert compute_due("wmo_onderzoek", date(2026, 4, 2), calendar=PLAIN) == date(2026, 5, 15)


def test_two_week_term_ending_on_koningsdag_2026() -> None:
    term = compute_term("wmo_beschikking", date(2026, 4, 13), calendar=CAL)
    assert term.raw_due == date(2026, 4, 27)
    assert term.due == date(2026, 4, 28)
    assert term.adjustments[0].describe() == (
        "verschoven naar dinsdag 28 april 2026 i.v.m. Koningsdag (art. 1 Algemene termijnenwet)"
    )


def test_term_ending_on_saturday_moves_to_monday() -> None:
    term = compute_term("bezwaar", date(2026, 6, 6), calendar=CAL)
    assert term.raw_due == date(2026, 7, 18)
    assert term.due == date(2026, 7, 20)
    assert term.adjustments[0].reasons == ("zaterdag", "zondag")


def test_christmas_chain_2026() -> None:
    term = compute_term("klacht", date(2026, 11, 13), calendar=CAL)
    assert term.raw_due == date(2026, 12, 25)
    assert term.due == date(2026, 12, 28)
    assert term.adjustments[0].reasons == ("Eerste Kerstdag", "Tweede Kerstdag", "zondag")


def test_new_year_2026_with_and_without_decree_day() -> None:
    assert compute_due("wmo_beschikking", date(2025, 12, 18), calendar=CAL) == date(2026, 1, 5)
    assert compute_due("wmo_beschikking", date(2025, 12, 18), calendar=PLAIN) == date(2026, 1, 2)
    assert compute_due("wmo_beschikking", date(2026, 12, 18), calendar=CAL) == date(2027, 1, 4)


def test_art_2_three_day_term_over_easter() -> None:
    # Event Thursday 2 April 2026: days Goede Vrijdag, Saturday, Sunday -> art. 1 skips Tweede
    # Paasdag to Tuesday 7 April, which is the only working day -> art. 2 adds Wednesday.
    term = compute_term(days_term(3), date(2026, 4, 2), calendar=CAL)
    assert term.raw_due == date(2026, 4, 5)
    assert term.due == date(2026, 4, 8)
    assert [a.rule for a in term.adjustments] == [
        AdjustmentRule.ATW_ART_1,
        AdjustmentRule.ATW_ART_2,
    ]
    assert term.adjustments[1].original == date(2026, 4, 7)
    assert "ten minste twee werkdagen" in term.adjustments[1].describe()


def test_art_2_alone_three_day_term_from_friday() -> None:
    term = compute_term(days_term(3), date(2026, 6, 5), calendar=CAL)
    assert term.raw_due == date(2026, 6, 8)  # a working Monday, but the only working day
    assert term.due == date(2026, 6, 9)
    assert [a.rule for a in term.adjustments] == [AdjustmentRule.ATW_ART_2]


def test_art_2_does_not_apply_to_a_two_day_term() -> None:
    term = compute_term(days_term(2), date(2026, 4, 2), calendar=CAL)
    assert term.due == date(2026, 4, 7)
    assert [a.rule for a in term.adjustments] == [AdjustmentRule.ATW_ART_1]


def test_seven_day_persoonlijk_plan_ending_on_goede_vrijdag() -> None:
    term = compute_term("wmo_persoonlijk_plan", date(2026, 3, 27), calendar=CAL)
    assert term.raw_due == date(2026, 4, 3)
    assert term.due == date(2026, 4, 7)


def test_month_term_is_clamped_and_extension_counts_from_the_event() -> None:
    term = compute_term("avg_inzage", date(2026, 1, 31), calendar=CAL)
    assert term.raw_due == date(2026, 2, 28)  # a Saturday
    assert term.due == date(2026, 3, 2)
    extended = extend(term, reason="Complex verzoek")
    assert extended.raw_due == date(2026, 4, 30)  # 31 Jan + 3 months, not 28 Feb + 2
    assert extended.due == date(2026, 4, 30)


def test_variants() -> None:
    start = date(2026, 4, 8)
    assert compute_due("beslissing_op_bezwaar", start, calendar=CAL) == date(2026, 5, 20)
    committee = compute_due("beslissing_op_bezwaar", start, calendar=CAL, variant="adviescommissie")
    assert committee == date(2026, 7, 1)
    klacht = compute_due("klacht", start, calendar=CAL, variant="klachtencommissie")
    assert klacht == date(2026, 6, 17)
    with pytest.raises(UnknownVariantError):
        compute_term("klacht", start, calendar=CAL, variant="adviescommissie")


def test_unknown_term_key() -> None:
    with pytest.raises(UnknownTermError, match="Onbekende termijn 'x'"):
        compute_term("x", date(2026, 1, 5), calendar=CAL)


def test_datalek_is_72_hours_without_atw() -> None:
    term = compute_term("datalek", datetime(2026, 4, 3, 10, 30), calendar=CAL)  # Goede Vrijdag
    assert term.due_at == datetime(2026, 4, 6, 10, 30)  # Tweede Paasdag: no Atw shift
    assert term.due == date(2026, 4, 6)
    assert term.adjustments == ()
    with pytest.raises(InvalidStartError):
        compute_term("datalek", date(2026, 4, 3), calendar=CAL)
    with pytest.raises(SuspensionNotAllowedError):
        suspend(term, start=date(2026, 4, 4), end=date(2026, 4, 5), reason="x")


def test_datalek_counts_real_hours_across_dst() -> None:
    try:
        amsterdam = ZoneInfo("Europe/Amsterdam")
    except ZoneInfoNotFoundError:  # pragma: no cover - depends on system tzdata
        pytest.skip("no tz database")
    start = datetime(2026, 3, 28, 12, 0, tzinfo=amsterdam)  # DST starts 29 March
    term = compute_term("datalek", start, calendar=CAL)
    assert term.due_at == datetime(2026, 3, 31, 13, 0, tzinfo=amsterdam)
    assert term.due_at is not None
    assert term.due_at.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=72)
    assert status(term, datetime(2026, 3, 31, 12, 30, tzinfo=amsterdam)) is TermStatus.DUE_SOON
    # 12:30 UTC is 14:30 in Amsterdam: past the deadline, whatever the tzinfo of "now".
    assert status(term, datetime(2026, 3, 31, 12, 30, tzinfo=UTC)) is TermStatus.OVERDUE
    # The 24-hour margin: 12:00 in Amsterdam is 25 hours before the deadline, 12:00 UTC 23.
    assert status(term, datetime(2026, 3, 30, 12, 0, tzinfo=amsterdam)) is TermStatus.ON_TIME
    assert status(term, datetime(2026, 3, 30, 12, 0, tzinfo=UTC)) is TermStatus.DUE_SOON
    # Real 72 hours remain at the start, although the wall clock shows 73 (DST).
    assert status(term, start, due_soon_hours=72) is TermStatus.DUE_SOON
    assert status(term, datetime(2026, 3, 31, 13, 1, tzinfo=amsterdam)) is TermStatus.OVERDUE
    with pytest.raises(InvalidStartError):
        status(term, datetime(2026, 3, 29, 12, 0))


def test_registry_labels_and_atw_flags() -> None:
    assert set(TERMS) == {
        "wmo_onderzoek",
        "wmo_persoonlijk_plan",
        "wmo_beschikking",
        "jeugd_beslissing",
        "bezwaar",
        "beslissing_op_bezwaar",
        "klacht",
        "avg_inzage",
        "datalek",
    }
    assert TERM_LABELS["bezwaar"] == "Bezwaartermijn"
    assert [k for k, d in TERMS.items() if not d.atw_applies] == ["datalek"]
    assert all(d.source for d in TERMS.values())


# --- extension -------------------------------------------------------------------------------


def test_extension_klacht_and_refusals() -> None:
    term = compute_term("klacht", date(2026, 4, 8), calendar=CAL)
    extended = extend(term, reason="  Hoor en wederhoor nodig  ")
    assert extended.raw_due == date(2026, 6, 17)
    assert extended.extensions == (Extension(4, TermUnit.WEEKS, "Hoor en wederhoor nodig"),)
    assert term.extensions == ()  # original unchanged
    with pytest.raises(ExtensionLimitReachedError, match="ten hoogste 1 keer"):
        extend(extended, reason="Nog een keer")
    with pytest.raises(MissingReasonError):
        extend(term, reason="   ")
    with pytest.raises(ExtensionAmountError):
        extend(term, reason="Te lang", amount=5)
    with pytest.raises(ExtensionAmountError):
        extend(term, reason="Nul", amount=0)
    assert extend(term, reason="Korter", amount=2).raw_due == date(2026, 6, 3)


def test_extension_not_allowed_for_bezwaar() -> None:
    term = compute_term("bezwaar", date(2026, 4, 8), calendar=CAL)
    with pytest.raises(ExtensionNotAllowedError, match="kan niet worden verlengd") as info:
        extend(term, reason="Graag meer tijd")
    assert isinstance(info.value, TermError)


def test_jeugd_extension_needs_an_explicit_reasonable_term() -> None:
    term = compute_term("jeugd_beslissing", date(2026, 4, 8), calendar=CAL)
    assert term.due == date(2026, 6, 3)
    with pytest.raises(ExtensionAmountError, match="Geef op"):
        extend(term, reason="Advies jeugdarts")
    assert extend(term, reason="Advies jeugdarts", amount=4).due == date(2026, 7, 1)


def test_extension_is_added_to_the_raw_end_then_atw_applied_again() -> None:
    term = compute_term("beslissing_op_bezwaar", date(2026, 4, 2), calendar=CAL)
    assert term.due == date(2026, 5, 18)
    extended = extend(term, reason="Hoorzitting")
    assert extended.raw_due == date(2026, 6, 25)
    assert extended.due == date(2026, 6, 25)
    assert extended.adjustments == ()


def test_term_constructor_validates_extensions_too() -> None:
    definition = TERMS["klacht"]
    two = (Extension(4, TermUnit.WEEKS, "a"), Extension(4, TermUnit.WEEKS, "b"))
    with pytest.raises(ExtensionLimitReachedError):
        Term(definition, date(2026, 4, 8), CAL, extensions=two)


def test_terms_are_frozen() -> None:
    term = compute_term("klacht", date(2026, 4, 8), calendar=CAL)
    with pytest.raises(dataclasses.FrozenInstanceError):
        term.due = date(2030, 1, 1)  # type: ignore[misc]


# --- suspension ------------------------------------------------------------------------------


def test_suspension_end_exclusive_and_refusals() -> None:
    term = compute_term("wmo_beschikking", date(2026, 6, 1), calendar=CAL)
    assert term.raw_due == date(2026, 6, 15)
    week = suspend(term, start=date(2026, 6, 3), end=date(2026, 6, 10), reason="Wacht op info")
    assert week.suspensions == (Suspension(date(2026, 6, 3), date(2026, 6, 10), "Wacht op info"),)
    assert week.raw_due == date(2026, 6, 22)
    adjacent = suspend(week, start=date(2026, 6, 10), end=date(2026, 6, 12), reason="Nog meer")
    assert adjacent.raw_due == date(2026, 6, 24)
    with pytest.raises(OverlappingSuspensionError):
        suspend(week, start=date(2026, 6, 9), end=date(2026, 6, 12), reason="Overlap")
    with pytest.raises(InvalidSuspensionError, match="na de begindatum"):
        suspend(term, start=date(2026, 6, 5), end=date(2026, 6, 4), reason="Omgekeerd")
    with pytest.raises(InvalidSuspensionError):
        suspend(term, start=date(2026, 6, 5), end=date(2026, 6, 5), reason="Leeg")
    with pytest.raises(MissingReasonError):
        suspend(term, start=date(2026, 6, 3), end=date(2026, 6, 10), reason="")
    with pytest.raises(InvalidSuspensionError, match="lopende termijn"):
        suspend(term, start=date(2026, 6, 1), end=date(2026, 6, 3), reason="Voor de start")
    with pytest.raises(InvalidSuspensionError, match="lopende termijn"):
        suspend(term, start=date(2026, 6, 16), end=date(2026, 6, 18), reason="Na afloop")
    with pytest.raises(SuspensionNotAllowedError):
        suspend(
            compute_term("bezwaar", date(2026, 6, 1), calendar=CAL),
            start=date(2026, 6, 3),
            end=date(2026, 6, 10),
            reason="x",
        )


def test_suspension_can_push_the_end_onto_a_holiday() -> None:
    term = compute_term("wmo_beschikking", date(2026, 4, 1), calendar=CAL)
    assert term.due == date(2026, 4, 15)
    moved = suspend(term, start=date(2026, 4, 8), end=date(2026, 4, 20), reason="Aanvulling")
    assert moved.raw_due == date(2026, 4, 27)  # Koningsdag
    assert moved.due == date(2026, 4, 28)


# --- status ----------------------------------------------------------------------------------


def test_status_transitions_and_labels() -> None:
    term = compute_term("wmo_onderzoek", date(2026, 4, 8), calendar=CAL)  # due 20 May
    assert status(term, date(2026, 5, 14)) is TermStatus.ON_TIME
    assert status(term, date(2026, 5, 15)) is TermStatus.DUE_SOON
    assert status(term, date(2026, 5, 20)) is TermStatus.DUE_SOON
    assert status(term, date(2026, 5, 21)) is TermStatus.OVERDUE
    assert status(term, date(2026, 5, 14), due_soon_days=10) is TermStatus.DUE_SOON
    assert status(term, date(2026, 6, 1), completed_on=date(2026, 5, 20)) is TermStatus.MET
    late = status(term, date(2026, 6, 1), completed_on=date(2026, 5, 21))
    assert late is TermStatus.MET_LATE
    assert late.label == "te laat voldaan"
    assert STATUS_LABELS[TermStatus.DUE_SOON] == "bijna verlopen"
    assert TermStatus.OVERDUE.label == "verlopen"
    with pytest.raises(ValueError, match="negative"):
        status(term, date(2026, 5, 1), due_soon_days=-1)


# --- properties ------------------------------------------------------------------------------


@given(terms())
def test_due_is_a_working_day_and_never_before_raw(term: Term) -> None:
    assert CAL.is_working_day(term.due)
    assert term.due >= term.raw_due
    assert (term.due == term.raw_due) == (term.adjustments == ())


@given(terms(WEEK_KEYS))
def test_week_terms_end_on_the_same_weekday(term: Term) -> None:
    assert term.raw_due.weekday() == term.start.weekday()
    assert (term.raw_due - term.start).days % 7 == 0


@given(terms(EXTENDABLE_KEYS), st.integers(min_value=1, max_value=26))
def test_extension_never_makes_the_due_date_earlier(term: Term, amount: int) -> None:
    rule = term.definition.extension
    assert rule is not None
    amount = min(amount, rule.max_amount or amount)
    extended = extend(term, reason="Reden", amount=amount)
    assert extended.raw_due > term.raw_due
    assert extended.due >= term.due


@given(terms(SUSPENDABLE_KEYS), st.data(), st.integers(min_value=1, max_value=90))
def test_suspension_pushes_raw_end_by_exactly_k_days(
    term: Term, data: st.DataObject, k: int
) -> None:
    start = data.draw(st.dates(min_value=term.first_day, max_value=term.due))
    suspended = suspend(term, start=start, end=start + timedelta(days=k), reason="Wacht")
    assert suspended.raw_due - term.raw_due == timedelta(days=k)
    assert suspended.due >= term.due


@given(
    st.integers(min_value=1, max_value=30),
    st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)),
    st.sets(st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 3, 31)), max_size=60),
)
def test_atw_result_is_the_first_date_satisfying_art_1_and_2(
    n: int, event: date, extra: set[date]
) -> None:
    calendar = AtwCalendar(frozenset(extra))
    term = compute_term(days_term(n), event, calendar=calendar)

    def acceptable(end: date) -> bool:
        if calendar.is_non_working(end):
            return False
        return n < 3 or calendar.working_days_between(event + timedelta(days=1), end) >= 2

    assert acceptable(term.due)
    if n >= 3:
        assert calendar.working_days_between(term.first_day, term.due) >= 2
    candidate = term.raw_due
    while candidate < term.due:  # nothing earlier (but not before the raw end) would do
        assert not acceptable(candidate)
        candidate += timedelta(days=1)


RANK = {TermStatus.ON_TIME: 0, TermStatus.DUE_SOON: 1, TermStatus.OVERDUE: 2}


@given(terms(), DATES, DATES, st.integers(min_value=0, max_value=15))
def test_status_is_monotone_in_today(term: Term, a: date, b: date, soon: int) -> None:
    early, late = min(a, b), max(a, b)
    first = status(term, early, due_soon_days=soon)
    second = status(term, late, due_soon_days=soon)
    assert RANK[first] <= RANK[second]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)), st.integers(0, 36))
def test_add_months_keeps_day_number_or_clamps(day: date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    if result.day != day.day:
        assert result.day < day.day
        assert (result + timedelta(days=1)).day == 1  # clamped to the month's last day
