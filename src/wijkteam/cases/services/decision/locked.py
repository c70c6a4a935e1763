"""The decision read under its lock, from a statement compiled once (issue 17, ``h-dec5``).

``decision_take`` and ``decision_approve`` read the decision again inside their transaction
with ``Decision.objects.select_for_update().get(pk=pk)``: the lock against a double submit and
a concurrent besluit (the status may have changed since the view read it). :func:`lock_decision`
sends the same statement (Django's ``get``: no ordering, ``LIMIT 21`` where the database allows
it with ``FOR UPDATE``), through :mod:`wijkteam.core.compiled`, so the queryset is not built and
compiled on every save; the same row, the same lock, ``Decision.DoesNotExist`` as ``get``
raises it (the pattern of ``services/plan/locked.py``).
"""

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import MAX_GET_RESULTS

from wijkteam.core import compiled

from ...models import Decision


def _decision_for_update(pk: int) -> QuerySet[Decision]:
    """What ``Decision.objects.select_for_update().get(pk=pk)`` sends."""
    found = Decision.objects.select_for_update().filter(pk=pk).order_by()
    if connections[found.db].features.supports_select_for_update_with_limit:
        found = found[:MAX_GET_RESULTS]
    return found


def lock_decision(pk: int) -> Decision:
    """The decision, locked for the rest of the transaction; ``Decision.DoesNotExist`` when
    gone."""
    found = compiled.instances("cases.decision.lock", _decision_for_update, [pk])
    if not found:
        raise Decision.DoesNotExist(f"{Decision._meta.object_name} matching query does not exist.")
    return found[0]
