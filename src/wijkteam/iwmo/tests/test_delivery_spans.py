"""The first start and the last stop of an allocation, across the lines of a volume change."""

import datetime

from wijkteam.iwmo.constants import DeliveryEventKind
from wijkteam.iwmo.delivery import delivery_spans
from wijkteam.iwmo.models import DeliveryEvent

D = datetime.date(2026, 3, 1)


def event(kind: str, days: int, allocation: int = 1) -> DeliveryEvent:
    return DeliveryEvent(allocation_id=allocation, kind=kind, on=D + datetime.timedelta(days))


START, STOP = DeliveryEventKind.START, DeliveryEventKind.STOP


def test_one_line_started_and_stopped() -> None:
    first, last = event(START, 0), event(STOP, 30)
    assert delivery_spans([first, last]) == {1: {START: first, STOP: last}}


def test_a_volume_change_keeps_the_first_start_and_is_still_running() -> None:
    # The old line stops the day before the change, the new line starts on it: still running.
    first = event(START, 0)
    spans = delivery_spans([first, event(STOP, 9), event(START, 10)])
    assert spans == {1: {START: first}}


def test_after_a_volume_change_the_last_stop_ends_the_allocation() -> None:
    first, end = event(START, 0), event(STOP, 40)
    spans = delivery_spans([first, event(STOP, 9), event(START, 10), end])
    assert spans == {1: {START: first, STOP: end}}


def test_allocations_are_kept_apart() -> None:
    a, b = event(START, 0, allocation=1), event(STOP, 5, allocation=2)
    assert delivery_spans([a, b]) == {1: {START: a}, 2: {STOP: b}}
