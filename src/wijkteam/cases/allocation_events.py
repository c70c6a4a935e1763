"""What happens to an allocation (toewijzing), told to the apps above casework.

``cases`` sits below the app that turns allocations into iWmo/iJw messages (``iwmo``) and may
not import it. The allocation services call :func:`emit` inside their transaction; every
registered listener is called *after the commit* (never for a write that was rolled back), in
registration order, with the event and the allocation's id. A listener that fails is logged
and does not stop the others: the casework write has already been committed.

    from wijkteam.cases import allocation_events

    allocation_events.register(send_301)  # send_301(event, allocation_id, reason="")

Events: ``CREATED`` (a new allocation), ``ENDED`` (its intervention ended by the team; the
allocation's end date changed) and ``CHANGED`` (its volume changed after scaling). ``reason``
is the WMO002 RedenWijziging the team chose for an end or change (``constants.
AllocationChangeReason``), empty for the default.
"""

import logging
from collections.abc import Callable
from enum import StrEnum

from django.db import transaction

logger = logging.getLogger(__name__)


class AllocationEvent(StrEnum):
    CREATED = "created"
    CHANGED = "changed"
    ENDED = "ended"


Listener = Callable[..., None]  # listener(event, allocation_id, reason="")

_LISTENERS: list[Listener] = []


def register(listener: Listener) -> None:
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def unregister(listener: Listener) -> None:
    """For tests that register a listener of their own."""
    if listener in _LISTENERS:
        _LISTENERS.remove(listener)


def _notify(event: AllocationEvent, allocation_id: int, reason: str = "") -> None:
    for listener in list(_LISTENERS):
        try:
            listener(event, allocation_id, reason=reason)
        except Exception:  # the committed casework stands; the listener's own log says more
            logger.exception(
                "allocation listener %s failed on %s of allocation %s",
                getattr(listener, "__qualname__", listener),
                event,
                allocation_id,
            )


def emit(event: AllocationEvent, *, allocation_id: int, reason: str = "") -> None:
    """Tell the listeners once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: _notify(event, allocation_id, reason))
