"""An allocation's delivery as the provider reported it: its first start and, once delivery
has ended, its last stop.

After a volume change an allocation has a start and a stop per ToewijzingNummer (the old line
stops the day before the change, the new line starts on it). The first start and the last stop
describe the allocation, but a stop followed by a later start (the next line) means delivery
goes on: that allocation has not stopped.
"""

from collections.abc import Iterable

from .constants import DeliveryEventKind
from .models import DeliveryEvent

START, STOP = DeliveryEventKind.START, DeliveryEventKind.STOP


def delivery_spans(events: Iterable[DeliveryEvent]) -> dict[int, dict[str, DeliveryEvent]]:
    """Per allocation id ``{"start": first start, "stop": last stop}`` (keys only when present).

    ``events`` must come in date order (``DeliveryEvent``'s default ordering: on, id).
    """
    spans: dict[int, dict[str, DeliveryEvent]] = {}
    for event in events:
        found = spans.setdefault(event.allocation_id, {})
        if event.kind == STOP:
            found[STOP] = event
        elif START not in found:
            found[START] = event
        else:
            found.pop(STOP, None)  # the next line started: delivery goes on
    return spans
