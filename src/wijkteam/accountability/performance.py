"""Provider performance for contract management: per provider and product category.

From the allocations (``cases.Allocation``, the 301), the delivery starts and stops the
providers sent (``iwmo.DeliveryEvent``: 305 and 307), scaling (``cases.ScaleEvent``) and the
complaints about a provider (``complaints.Complaint``). Aggregates only: a provider is an
organisation; no resident, case or allocation number appears. docs/indicators.md defines each
column; allocations count in the period of their allocation date.
"""

import datetime
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.cases.constants import Frequency, ScaleChange, Unit
from wijkteam.cases.models import Allocation, Evaluation, ScaleEvent
from wijkteam.complaints.models import Complaint
from wijkteam.iwmo.constants import ChangeReason, DeliveryEventKind, StopReason
from wijkteam.iwmo.delivery import delivery_spans
from wijkteam.iwmo.models import AllocationLine, DeliveryEvent
from wijkteam.organisation.constants import ProductCategory

from . import policies
from .selectors import Period

# Stops that are not early: delivery ended as allocated.
REGULAR_STOP = StopReason.CONFORM.value
DAYS_PER: dict[str, float] = {
    Frequency.PER_DAG: 1.0,
    Frequency.PER_WEEK: 7.0,
    Frequency.PER_MAAND: 365.25 / 12,
}
RANKINGS = ("toewijzingen", "dagen", "geleverd", "stops", "klachten")


@dataclass
class Line:
    """One provider and product category (or one provider: ``category`` empty)."""

    provider_id: int
    provider: str
    category: str
    allocations: int = 0
    started: int = 0
    days: list[int] = field(default_factory=list)
    allocated_days: int = 0
    delivered_days: int = 0
    allocated: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    delivered: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    early_stops: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    scaled_up: int = 0
    scaled_down: int = 0
    complaints: int = 0
    own_employer: int = 0
    evaluations_planned: int = 0
    evaluations_held: int = 0
    rank: int = 0

    @property
    def not_started(self) -> int:
        return self.allocations - self.started

    @property
    def mean_days(self) -> float | None:
        return round(statistics.fmean(self.days), 1) if self.days else None

    @property
    def median_days(self) -> float | None:
        return float(statistics.median(self.days)) if self.days else None

    @property
    def delivered_share(self) -> float | None:
        if not self.allocated_days:
            return None
        return round(self.delivered_days / self.allocated_days * 100, 1)

    @property
    def stop_reasons(self) -> list[tuple[str, int]]:
        """The reasons of early stops with their counts (a list: templates must not look up
        names in the defaultdict, which would add them)."""
        return sorted(self.early_stops.items())

    @property
    def early_stop_count(self) -> int:
        return sum(self.early_stops.values())

    @property
    def complaints_per_100(self) -> float | None:
        return self.per_100(self.complaints)

    def per_100(self, count: int) -> float | None:
        return round(count / self.allocations * 100, 1) if self.allocations else None

    def volumes(self) -> str:
        """Delivered versus allocated volume per unit, e.g. "120 van 160 uur"."""
        return "; ".join(
            f"{round(self.delivered[unit])} / {round(amount)} {unit}"
            for unit, amount in sorted(self.allocated.items())
        )

    def evaluations(self) -> str:
        """Evaluations held of those planned, e.g. "3 / 4"."""
        return f"{self.evaluations_held} / {self.evaluations_planned}"

    def add(self, other: "Line") -> None:
        self.allocations += other.allocations
        self.own_employer += other.own_employer
        self.evaluations_planned += other.evaluations_planned
        self.evaluations_held += other.evaluations_held
        self.started += other.started
        self.days += other.days
        self.allocated_days += other.allocated_days
        self.delivered_days += other.delivered_days
        for unit, v in other.allocated.items():
            self.allocated[unit] += v
        for unit, v in other.delivered.items():
            self.delivered[unit] += v
        for reason, n in other.early_stops.items():
            self.early_stops[reason] += n
        self.scaled_up += other.scaled_up
        self.scaled_down += other.scaled_down


@dataclass
class Performance:
    period: Period
    lines: list[Line]  # per provider and category, by provider name then category
    providers: list[Line]  # per provider, ranked
    ranking: str


@dataclass(frozen=True)
class Span:
    """What the provider got for a stretch of time: an allocation without a volume change, or
    one toegewezen product (``iwmo.AllocationLine``) after one."""

    number: str
    begins: datetime.date
    ends: datetime.date | None
    volume: float


def _volume(
    span: Span,
    frequency: str,
    start: datetime.date | None,
    stop: datetime.date | None,
    today: datetime.date,
) -> tuple[int, int, float, float]:
    """(allocated days, delivered days, allocated units, delivered units) of one span, up to
    today; ``start`` and ``stop`` are the provider's 305 and 307 on its ToewijzingNummer."""
    until = min(span.ends or today, today)
    if until < span.begins:
        return 0, 0, 0.0, 0.0
    allocated_days = (until - span.begins).days + 1
    delivered_days = 0
    if start is not None:
        first = max(start, span.begins)
        last = min(stop if stop is not None else until, until)
        delivered_days = max(0, (last - first).days + 1)
    if frequency == Frequency.TOTAAL:
        whole = (span.ends - span.begins).days + 1 if span.ends else allocated_days
        per_day = span.volume / whole
    else:
        per_day = span.volume / DAYS_PER.get(frequency, 1.0)
    return allocated_days, delivered_days, per_day * allocated_days, per_day * delivered_days


def _spans(ids: list[int], rows: Sequence[Mapping[str, Any]]) -> dict[int, list[Span]]:
    """Per allocation its spans: its toegewezen products after a volume change (a removed one,
    RedenWijziging 13, counts as never sent), else the allocation itself. One query."""
    spans: dict[int, list[Span]] = defaultdict(list)
    for allocation_id, number, begins, ends, volume in (
        AllocationLine.objects.filter(allocation_id__in=ids)
        .exclude(change_reason=ChangeReason.VERWIJDERD)
        .order_by("allocation_id", "sequence")
        .values_list("allocation_id", "number", "starts_on", "ends_on", "volume")
    ):
        spans[allocation_id].append(Span(number, begins, ends, float(volume)))
    for row in rows:
        if row["pk"] not in spans:
            spans[row["pk"]] = [
                Span(
                    row["allocation_number"],
                    row["intervention__starts_on"],
                    row["intervention__ends_on"],
                    float(row["volume"]),
                )
            ]
    return spans


def provider_performance(
    *, user: User, period: Period, law: str = "", ranking: str = "toewijzingen"
) -> Performance:
    """Every provider with allocations in the period, per product category and ranked."""
    if not policies.may_compose(user):
        raise PermissionDenied
    today = timezone.localdate()
    allocations = Allocation.objects.filter(
        allocated_at__date__gte=period.start, allocated_at__date__lte=period.end
    )
    if law:
        allocations = allocations.filter(decision__law=law)
    rows = list(
        allocations.values(
            "pk",
            "provider_id",
            "provider__name",
            "product_category",
            "allocated_at",
            "allocation_number",
            "own_employer",
            "intervention__case_id",
            "volume",
            "unit",
            "frequency",
            "intervention__starts_on",
            "intervention__ends_on",
        )
    )
    ids = [r["pk"] for r in rows]
    # After a volume change: the first start and the last stop (iwmo.delivery) describe the
    # allocation; the volumes are counted per toegewezen product, on its own 305 and 307.
    found_events = list(
        DeliveryEvent.objects.filter(allocation_id__in=ids)
        .only("allocation_id", "allocation_number", "kind", "on", "stop_reason")
        .order_by("on", "pk")
    )
    events = delivery_spans(found_events)
    numbers = {r["pk"]: r["allocation_number"] for r in rows}
    per_number: dict[tuple[int, str, str], datetime.date] = {}
    for event in found_events:
        code = event.allocation_number or numbers[event.allocation_id]
        per_number.setdefault((event.allocation_id, code, event.kind), event.on)
    spans = _spans(ids, rows)
    scaling: dict[tuple[int, str], int] = {
        (a, change): n
        for a, change, n in ScaleEvent.objects.filter(intervention__allocation__in=ids)
        .values_list("intervention__allocation", "change")
        .annotate(n=Count("id"))
    }
    evaluations: dict[int, list[tuple[datetime.date, bool]]] = defaultdict(list)
    for case_id, planned_on, held_on in Evaluation.objects.filter(
        case_id__in={r["intervention__case_id"] for r in rows}
    ).values_list("case_id", "planned_on", "held_on"):
        evaluations[case_id].append((planned_on, held_on is not None))
    units = dict(Unit.choices)
    categories = dict(ProductCategory.choices)
    reasons = dict(StopReason.choices)
    lines: dict[tuple[int, str], Line] = {}
    for row in rows:
        key = (row["provider_id"], row["product_category"])
        line = lines.setdefault(
            key,
            Line(
                row["provider_id"],
                row["provider__name"],
                str(categories.get(row["product_category"], row["product_category"])),
            ),
        )
        line.allocations += 1
        line.own_employer += 1 if row["own_employer"] else 0
        until = min(row["intervention__ends_on"] or today, today)
        for planned_on, held in evaluations[row["intervention__case_id"]]:
            if row["intervention__starts_on"] <= planned_on <= until:
                line.evaluations_planned += 1
                line.evaluations_held += 1 if held else 0
        found = events.get(row["pk"], {})
        start, stop = found.get(DeliveryEventKind.START), found.get(DeliveryEventKind.STOP)
        if start is not None:
            line.started += 1
            line.days.append((start.on - timezone.localdate(row["allocated_at"])).days)
        last = spans[row["pk"]][-1].number
        if (
            stop is not None
            and stop.stop_reason != REGULAR_STOP
            and (stop.allocation_number or row["allocation_number"]) == last
        ):
            ends = row["intervention__ends_on"]
            if ends is None or stop.on < ends:
                line.early_stops[str(reasons.get(stop.stop_reason, stop.stop_reason))] += 1
        unit = str(units.get(row["unit"], row["unit"]))
        for span in spans[row["pk"]]:
            a_days, d_days, a_units, d_units = _volume(
                span,
                row["frequency"],
                per_number.get((row["pk"], span.number, DeliveryEventKind.START)),
                per_number.get((row["pk"], span.number, DeliveryEventKind.STOP)),
                today,
            )
            line.allocated_days += a_days
            line.delivered_days += d_days
            line.allocated[unit] += a_units
            line.delivered[unit] += d_units
        line.scaled_up += scaling.get((row["pk"], ScaleChange.OPSCHALEN), 0)
        line.scaled_down += scaling.get((row["pk"], ScaleChange.AFSCHALEN), 0)
    providers: dict[int, Line] = {}
    for (provider_id, _category), line in lines.items():
        total = providers.setdefault(provider_id, Line(provider_id, line.provider, ""))
        total.add(line)
    complaints = Complaint.objects.filter(
        provider_id__in=providers,
        received_on__gte=period.start,
        received_on__lte=period.end,
    )
    for provider_id, n in complaints.values_list("provider_id").annotate(n=Count("id")):
        providers[provider_id].complaints = n
    ranking = ranking if ranking in RANKINGS else RANKINGS[0]
    ranked = sorted(providers.values(), key=lambda p: (_rank_key(p, ranking), p.provider))
    for number, line in enumerate(ranked, start=1):
        line.rank = number
    ordered = sorted(lines.values(), key=lambda x: (x.provider, x.category))
    return Performance(period, ordered, ranked, ranking)


def _rank_key(line: Line, ranking: str) -> float:
    """Best first: most allocations, fewest days to start, most delivered, fewest early stops
    and complaints per 100 allocations. Unknown values rank last."""
    worst = float("inf")
    if ranking == "dagen":
        return line.mean_days if line.mean_days is not None else worst
    if ranking == "geleverd":
        return -line.delivered_share if line.delivered_share is not None else worst
    if ranking == "stops":
        return line.per_100(line.early_stop_count) or 0.0
    if ranking == "klachten":
        return line.per_100(line.complaints) or 0.0
    return -float(line.allocations)
