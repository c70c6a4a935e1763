"""Case page section: measurements over time, shown as intake versus now.

:func:`intake_versus_now` is the selector-like core (pure, no queries): for each resident and
instrument, per scored domain, the first and the latest measurement. :func:`assessment_progress`
loads a case's measurements in a fixed number of queries and feeds it. Neither logs: the case
page (or the caller) has already logged the read of the case.

The chart is a server-rendered SVG (no JavaScript); its geometry is computed here so the
template only draws. Intake bars are hatched with a dark outline, current bars are solid dark
blue (8.7:1 against white), so the two differ by pattern as well as colour, and the same numbers
are in a real table next to the chart.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from wijkteam.accounts.models import User
from wijkteam.core import compiled
from wijkteam.residents.models import Resident

from ..models import Assessment, AssessmentScore, Case, Instrument, InstrumentDomain, ScaleLabel
from ..sections import register

# Chart geometry (SVG user units).
WIDTH = 640
LABEL_RIGHT = 212
PLOT_LEFT = 222
PLOT_RIGHT = 590
LEGEND_Y = 6
TOP = 34
BAR = 14
BAR_GAP = 3
ROW = 2 * BAR + BAR_GAP + 15
BOTTOM = 34


@dataclass(frozen=True)
class Measurement:
    assessment_id: int
    score: int
    label: str
    measured_on: datetime.date
    moment: str
    reason: str


@dataclass(frozen=True)
class DomainProgress:
    domain: InstrumentDomain
    intake: Measurement
    now: Measurement | None  # None while the domain has been measured only once

    @property
    def change(self) -> int | None:
        return None if self.now is None else self.now.score - self.intake.score

    @property
    def change_text(self) -> str:
        change = self.change
        if change is None:
            return "–"
        return f"+{change}" if change > 0 else str(change)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float
    text: str


@dataclass(frozen=True)
class ChartRow:
    label: str
    label_y: float
    intake: Bar
    now: Bar | None
    missing_x: float
    missing_y: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    id: str
    width: int
    height: int
    plot_left: float
    plot_top: float
    plot_bottom: float
    axis_label_y: float
    rows: list[ChartRow]
    ticks: list[Tick]
    label_right: float = LABEL_RIGHT
    legend_y: float = LEGEND_Y
    legend_text_y: float = LEGEND_Y + BAR - 2
    legend_size: float = BAR
    legend_intake_x: float = PLOT_LEFT
    legend_intake_text_x: float = PLOT_LEFT + BAR + 6
    legend_now_x: float = PLOT_LEFT + 190
    legend_now_text_x: float = PLOT_LEFT + 190 + BAR + 6


@dataclass
class Progress:
    """One resident measured with one instrument: intake versus now for each scored domain."""

    resident: Resident
    instrument: Instrument
    domains: list[DomainProgress]
    measurements: int
    first_on: datetime.date
    last_on: datetime.date
    chart: Chart | None = None

    @property
    def key(self) -> str:
        return f"meting-{self.resident.pk}-{self.instrument.code}"


@dataclass
class AssessmentSection:
    progress: list[Progress]
    instruments: list[Instrument]
    measurement_count: int


def _label_map(labels: Iterable[ScaleLabel]) -> dict[tuple[int, int], str]:
    return {(lab.instrument_id, lab.value): lab.label for lab in labels}


def intake_versus_now(
    assessments: Iterable[Assessment],
    scores: Iterable[AssessmentScore],
    labels: Iterable[ScaleLabel] = (),
) -> list[Progress]:
    """For each resident and instrument, the first and latest measurement of every scored domain.

    ``assessments`` need ``resident`` and ``instrument`` loaded, ``scores`` their ``domain``.
    A domain counts from the first measurement that scored it; "now" is the latest measurement
    that scored it, or ``None`` when that is the same one.
    """
    label_of = _label_map(labels)
    ordered = sorted(assessments, key=lambda a: (a.measured_on, a.pk))
    position = {a.pk: i for i, a in enumerate(ordered)}
    by_assessment: dict[int, list[AssessmentScore]] = defaultdict(list)
    for s in scores:
        if s.assessment_id in position:
            by_assessment[s.assessment_id].append(s)
    groups: dict[tuple[int, int], list[Assessment]] = defaultdict(list)
    for a in ordered:
        groups[(a.resident_id, a.instrument_id)].append(a)
    result: list[Progress] = []
    for group in groups.values():
        first: dict[int, Measurement] = {}
        last: dict[int, Measurement] = {}
        domains: dict[int, InstrumentDomain] = {}
        for a in group:
            for s in by_assessment[a.pk]:
                m = Measurement(
                    assessment_id=a.pk,
                    score=s.score,
                    label=label_of.get((a.instrument_id, s.score), ""),
                    measured_on=a.measured_on,
                    moment=a.moment,
                    reason=s.reason,
                )
                first.setdefault(s.domain_id, m)
                last[s.domain_id] = m
                domains[s.domain_id] = s.domain
        rows = [
            DomainProgress(
                domain=domains[d],
                intake=first[d],
                now=last[d] if last[d].assessment_id != first[d].assessment_id else None,
            )
            for d in sorted(domains, key=lambda d: domains[d].order)
        ]
        if not rows:
            continue
        head = group[0]
        result.append(
            Progress(
                resident=head.resident,
                instrument=head.instrument,
                domains=rows,
                measurements=len(group),
                first_on=group[0].measured_on,
                last_on=group[-1].measured_on,
            )
        )
    result.sort(key=lambda p: (p.resident.last_name, p.resident.first_name, p.instrument.name))
    for p in result:
        p.chart = build_chart(p)
    return result


def build_chart(progress: Progress) -> Chart:
    instrument = progress.instrument
    top = float(instrument.scale_max) or 1.0
    span = PLOT_RIGHT - PLOT_LEFT

    def x_of(value: float) -> float:
        return round(PLOT_LEFT + span * max(value, 0) / top, 1)

    def bar(value: int, y: float) -> Bar:
        end = x_of(value)
        return Bar(
            x=PLOT_LEFT,
            y=y,
            width=round(end - PLOT_LEFT, 1),
            height=BAR,
            text_x=end + 5,
            text_y=y + BAR - 3,
            text=str(value),
        )

    rows = []
    for i, d in enumerate(progress.domains):
        y = TOP + i * ROW
        now = bar(d.now.score, y + BAR + BAR_GAP) if d.now is not None else None
        rows.append(
            ChartRow(
                label=d.domain.name,
                label_y=y + BAR + 2,
                intake=bar(d.intake.score, y),
                now=now,
                missing_x=PLOT_LEFT + 4,
                missing_y=y + 2 * BAR + BAR_GAP - 3,
            )
        )
    plot_bottom = TOP + len(rows) * ROW - 10
    step = 1 if instrument.scale_max - instrument.scale_min <= 6 else 2
    ticks = [
        Tick(x=x_of(v), label=str(v))
        for v in range(instrument.scale_min, instrument.scale_max + 1)
        if (v - instrument.scale_min) % step == 0
    ]
    return Chart(
        id=progress.key,
        width=WIDTH,
        height=int(plot_bottom + BOTTOM),
        plot_left=PLOT_LEFT,
        plot_top=TOP - 4,
        plot_bottom=plot_bottom,
        axis_label_y=plot_bottom + 16,
        rows=rows,
        ticks=ticks,
    )


def case_assessments(case_id: int) -> QuerySet[Assessment]:
    return Assessment.objects.filter(case_id=case_id).select_related("resident", "instrument")


def case_scores(case_id: int) -> QuerySet[AssessmentScore]:
    return AssessmentScore.objects.filter(assessment__case_id=case_id).select_related("domain")


def scale_labels() -> QuerySet[ScaleLabel]:
    return ScaleLabel.objects.all()


def instruments() -> QuerySet[Instrument]:
    return Instrument.objects.order_by("name")


def _case_progress(case: Case) -> tuple[int, list[Progress]]:
    """The case's measurements, their scores and the scale labels: three statements compiled
    once (core/compiled.py)."""
    assessments = compiled.instances("cases.assessments", case_assessments, [case.pk])
    scores = compiled.instances("cases.assessment_scores", case_scores, [case.pk])
    labels = compiled.instances("cases.scale_labels", scale_labels, [])
    return len(assessments), intake_versus_now(assessments, scores, labels)


def assessment_progress(case: Case) -> list[Progress]:
    """Intake versus now for every resident and instrument of the case (three queries)."""
    return _case_progress(case)[1]


@register("assessment", order=20)
def load(case: Case, user: User) -> AssessmentSection:
    count, progress = _case_progress(case)
    return AssessmentSection(
        progress=progress,
        instruments=compiled.instances("cases.instruments", instruments, []),
        measurement_count=count,
    )
