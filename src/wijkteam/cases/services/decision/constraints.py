"""The decision's check constraints evaluated in Python (issue 17, ``h-dec5``).

``core.validation.full_clean_batched`` evaluates a model's check constraints in one ``SELECT``
of literal values (no table), for the constraints' Dutch messages before the row is written;
building and compiling that query was about a tenth of the aanvraag's and the besluit's POST.
:func:`decision_constraint_errors` gives the same errors for ``Decision``'s four constraints
without the statement, by the same rules written in Python, on the values ``clean_fields`` has
already converted (a field with an error is excluded before the constraints are checked, as in
``full_clean_batched``). The database still enforces every constraint on the write.

**Guard.** :data:`PINNED` holds the name and the condition (``str(Q)``) of each constraint the
Python stands for. When ``Decision._meta.constraints`` no longer matches it (a constraint
added, removed or changed), the query is used again (``check_constraint_errors``), so the two
cannot drift silently. Proven the same by ``cases/tests/test_decision_constraints.py`` (every
combination against the query, SQLite and PostgreSQL).
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint

from wijkteam.core.validation import check_constraint_errors

from ...constants import DecisionStatus
from ...models import Decision

PINNED: tuple[tuple[str, str], ...] = (
    ("decision_volume_not_negative", "(AND: ('volume__gte', 0))"),
    ("decision_period_order", "(AND: ('ends_on__gte', F(starts_on)))"),
    (
        "decision_decided_has_basis",
        "(OR: ('status', DecisionStatus.AANGEVRAAGD), (AND: (NOT (AND: ('outcome', ''))), "
        "(NOT (AND: ('legal_basis', ''))), (NOT (AND: ('motivation', ''))), "
        "('decided_by__isnull', False)))",
    ),
    (
        "decision_deviation_justified",
        "(OR: (NOT (AND: ('deviates_from_protocol', True))), "
        "(NOT (AND: ('deviation_justification', ''))))",
    ),
)


# SQL's three-valued logic: ``None`` is NULL (unknown); the constraint holds unless FALSE
# (``COALESCE(condition, TRUE)`` in the query, as the database's CHECK treats NULL).
Truth = bool | None


def _eq(value: Any, other: Any) -> Truth:
    return None if value is None else value == other


def _not(value: Truth) -> Truth:
    return None if value is None else not value


def _and(*values: Truth) -> Truth:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def _or(*values: Truth) -> Truth:
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def _ge(value: Any, other: Any) -> Truth:
    return None if value is None or other is None else value >= other


def _volume_not_negative(d: Any) -> Truth:
    return _ge(None if d.volume is None else Decimal(d.volume), 0)


def _period_order(d: Any) -> Truth:
    return _ge(d.ends_on, d.starts_on)


def _decided_has_basis(d: Any) -> Truth:
    return _or(
        _eq(d.status, DecisionStatus.AANGEVRAAGD),
        _and(
            _not(_eq(d.outcome, "")),
            _not(_eq(d.legal_basis, "")),
            _not(_eq(d.motivation, "")),
            d.decided_by_id is not None,
        ),
    )


def _deviation_justified(d: Any) -> Truth:
    deviates = None if d.deviates_from_protocol is None else bool(d.deviates_from_protocol)
    return _or(_not(_eq(deviates, True)), _not(_eq(d.deviation_justification, "")))


# per pinned constraint: the fields it refers to (skipped when one is excluded), the rule
RULES: tuple[tuple[frozenset[str], Callable[[Any], Truth]], ...] = (
    (frozenset({"volume"}), _volume_not_negative),
    (frozenset({"ends_on", "starts_on"}), _period_order),
    (
        frozenset({"status", "outcome", "legal_basis", "motivation", "decided_by"}),
        _decided_has_basis,
    ),
    (frozenset({"deviates_from_protocol", "deviation_justification"}), _deviation_justified),
)


def _checks() -> list[CheckConstraint]:
    return [c for c in Decision._meta.constraints if isinstance(c, CheckConstraint)]


def _pinned() -> bool:
    return tuple((c.name, str(c.condition)) for c in _checks()) == PINNED


def decision_constraint_errors(instance: Any, *, exclude: set[str]) -> list[ValidationError]:
    """``check_constraint_errors(instance, exclude=…)`` for a ``Decision``, without a query."""
    if type(instance) is not Decision or not _pinned():
        return check_constraint_errors(instance, exclude=exclude)
    return [
        ValidationError(c.get_violation_error_message(), code=c.violation_error_code)
        for c, (fields, ok) in zip(_checks(), RULES, strict=True)
        if not (fields & exclude) and ok(instance) is False
    ]
