"""Intake versus now: the first and latest score of each domain, per resident and instrument."""

import datetime

import pytest
from django.utils import timezone

from wijkteam.cases.stages.assessment import (
    PLOT_LEFT,
    PLOT_RIGHT,
    assessment_progress,
    build_chart,
)
from wijkteam.testing.factories import CaseFactory

from .test_assessment_services import record

pytestmark = pytest.mark.django_db


def ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def test_first_and_latest_per_domain():
    case = CaseFactory()
    record(case, measured_on=ago(60), scores={"financien": (1, "a"), "huisvesting": (2, "b")})
    record(
        case,
        moment="tussentijds",
        measured_on=ago(30),
        scores={"financien": (2, "c"), "justitie": (3, "d")},
    )
    record(case, moment="eind", measured_on=ago(1), scores={"financien": (4, "e")})
    [progress] = assessment_progress(case)
    assert progress.measurements == 3
    assert (progress.first_on, progress.last_on) == (ago(60), ago(1))
    rows = {d.domain.code: d for d in progress.domains}
    assert list(rows) == ["financien", "huisvesting", "justitie"]  # instrument order
    fin = rows["financien"]
    assert (fin.intake.score, fin.intake.measured_on) == (1, ago(60))
    assert fin.now is not None and (fin.now.score, fin.now.measured_on) == (4, ago(1))
    assert fin.change == 3 and fin.change_text == "+3"
    assert fin.intake.label == "Acute problematiek" and fin.now.label == "Voldoende zelfredzaam"
    assert fin.now.reason == "e"
    # scored once: no "now" yet, no change
    assert rows["huisvesting"].now is None and rows["huisvesting"].change_text == "–"
    # a domain first scored later starts there
    assert rows["justitie"].intake.measured_on == ago(30) and rows["justitie"].now is None


def test_order_is_by_measurement_date_not_by_entry():
    case = CaseFactory()
    record(case, measured_on=ago(5), scores={"financien": (4, "later")})
    record(case, measured_on=ago(50), scores={"financien": (2, "eerder")})
    [progress] = assessment_progress(case)
    [fin] = progress.domains
    assert fin.intake.score == 2 and fin.now is not None and fin.now.score == 4
    assert fin.change == 2


def test_decline_is_shown_with_a_minus():
    case = CaseFactory()
    record(case, measured_on=ago(10), scores={"financien": (4, "a")})
    record(case, measured_on=ago(2), scores={"financien": (2, "b")})
    [fin] = assessment_progress(case)[0].domains
    assert fin.change == -2 and fin.change_text == "-2"


def test_separate_per_resident_and_instrument_and_case():
    case = CaseFactory(residents=2)
    first, second = list(case.household.members.order_by("pk"))
    record(case, resident=first, scores={"financien": (2, "a")})
    record(case, resident=second, scores={"financien": (5, "b")})
    record(
        case,
        resident=first,
        instrument_code="positieve_gezondheid",
        scores={"zingeving": (7, "c")},
    )
    other = CaseFactory()
    record(other, scores={"financien": (1, "elders")})
    progress = assessment_progress(case)
    keys = sorted((p.resident.pk, p.instrument.code) for p in progress)
    assert keys == sorted(
        [(first.pk, "zrm2017"), (second.pk, "zrm2017"), (first.pk, "positieve_gezondheid")]
    )
    assert all(p.measurements == 1 for p in progress)
    assert assessment_progress(CaseFactory()) == []


def test_chart_geometry_is_proportional_to_the_scale():
    case = CaseFactory()
    record(case, measured_on=ago(20), scores={"financien": (5, "a"), "justitie": (1, "b")})
    record(case, measured_on=ago(2), scores={"financien": (4, "c")})
    record(case, instrument_code="positieve_gezondheid", scores={"meedoen": (0, "d")})
    by_code = {p.instrument.code: p for p in assessment_progress(case)}
    zrm = by_code["zrm2017"].chart
    assert zrm is not None and zrm.id == f"meting-{case.household.members.first().pk}-zrm2017"
    span = PLOT_RIGHT - PLOT_LEFT
    fin, jus = zrm.rows
    assert fin.intake.width == pytest.approx(span)  # 5 of 5
    assert fin.now is not None and fin.now.width == pytest.approx(span * 4 / 5, abs=0.1)
    assert jus.intake.width == pytest.approx(span / 5, abs=0.1) and jus.now is None
    assert fin.now.y > fin.intake.y and jus.intake.y > fin.now.y
    assert [t.label for t in zrm.ticks] == ["1", "2", "3", "4", "5"]
    assert zrm.height > jus.intake.y + jus.intake.height
    pg = by_code["positieve_gezondheid"]
    chart = build_chart(pg)
    assert chart.rows[0].intake.width == 0 and chart.rows[0].intake.text == "0"
    assert [t.label for t in chart.ticks] == ["0", "2", "4", "6", "8", "10"]
