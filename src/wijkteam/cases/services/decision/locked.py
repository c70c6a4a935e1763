"""The decision read under its lock, from a statement compiled once (issue 17, ``h-dec5``).

``decision_take`` and ``decision_approve`` read the decision again inside their transaction
with ``Decision.objects.select_for_update().get(pk=pk)``: the lock against a double submit and
a concurrent besluit (the status may have changed since the view read it). :func:`lock_decision`
sends the same statement through :func:`wijkteam.core.compiled.locked_get` (as the plan save's
``lock_case`` does), so the queryset is not built and compiled on every save: the same row, the
same lock, ``Decision.DoesNotExist`` as ``get`` raises it.
"""

from wijkteam.core import compiled

from ...models import Decision


def lock_decision(pk: int) -> Decision:
    """The decision, locked for the rest of the transaction; ``Decision.DoesNotExist`` when
    gone."""
    return compiled.locked_get("cases.decision.lock", Decision, pk)
