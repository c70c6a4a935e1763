"""The decision's check constraints in Python give the query's errors (issue 17, ``h-dec5``).

Reference: ``core.validation.check_constraint_errors`` (the four constraints evaluated by the
database in one ``SELECT``). Every combination of the values each constraint reads, NULLs
included (SQL's three-valued logic), with and without excluded fields, on the engine the suite
runs on (SQLite and PostgreSQL in CI); and the guard: a changed constraint goes back to the
query.
"""

import datetime
import itertools
from decimal import Decimal
from typing import Any

import pytest

from wijkteam.cases.constants import DecisionStatus
from wijkteam.cases.models import Decision
from wijkteam.cases.services.decision import constraints
from wijkteam.core.validation import check_constraint_errors

pytestmark = pytest.mark.django_db

D1, D2 = datetime.date(2026, 1, 5), datetime.date(2026, 6, 30)
VALID: dict[str, Any] = {
    "volume": Decimal("3.00"),
    "starts_on": D1,
    "ends_on": D2,
    "status": DecisionStatus.BESLOTEN,
    "outcome": "toegekend",
    "legal_basis": "wmo_2_3_5",
    "motivation": "Gemotiveerd.",
    "decided_by_id": 1,
    "deviates_from_protocol": False,
    "deviation_justification": "",
}
GROUPS: list[dict[str, list[Any]]] = [
    {"volume": [None, Decimal("-1"), Decimal("-0.01"), Decimal("0"), Decimal("3.5")]},
    {"starts_on": [None, D1, D2], "ends_on": [None, D1, D2]},
    {
        "status": [None, DecisionStatus.AANGEVRAAGD, DecisionStatus.BESLOTEN],
        "outcome": [None, "", "toegekend"],
        "legal_basis": ["", "wmo_2_3_5"],
        "motivation": [None, "", "m"],
        "decided_by_id": [None, 1],
    },
    {
        "deviates_from_protocol": [None, True, False],
        "deviation_justification": [None, "", "onderbouwd"],
    },
]
EXCLUDES = [
    set(),
    {"case", "resident", "created_by"},
    {"volume"},
    {"ends_on"},
    {"motivation", "decided_by"},
    {"deviation_justification"},
]


def _cases() -> list[dict[str, Any]]:
    found = []
    for group in GROUPS:
        names = list(group)
        for values in itertools.product(*(group[n] for n in names)):
            found.append({**VALID, **dict(zip(names, values, strict=True))})
    return found


def _errors(found: list[Any]) -> list[tuple[str, str | None]]:
    return [(str(e.message), e.code) for e in found]


def test_the_pinned_constraints_are_the_models():
    assert constraints._pinned(), "Decision's check constraints changed: update PINNED and RULES"


@pytest.mark.parametrize("exclude", EXCLUDES, ids=lambda e: ",".join(sorted(e)) or "none")
def test_every_combination_gives_the_querys_errors(exclude):
    for values in _cases():
        decision = Decision(**values)
        expected = _errors(check_constraint_errors(decision, exclude=set(exclude)))
        got = _errors(constraints.decision_constraint_errors(decision, exclude=set(exclude)))
        assert got == expected, values


def test_some_combinations_are_violations():
    """The comparison above is not vacuous: each constraint is violated somewhere."""
    seen = set()
    for values in _cases():
        for e in constraints.decision_constraint_errors(Decision(**values), exclude=set()):
            seen.add(str(e.message))
    assert len(seen) == 4


def test_a_changed_constraint_goes_back_to_the_query(monkeypatch, django_assert_num_queries):
    decision = Decision(**{**VALID, "volume": Decimal("-1")})
    with django_assert_num_queries(0):
        fast = constraints.decision_constraint_errors(decision, exclude=set())
    monkeypatch.setattr(constraints, "PINNED", constraints.PINNED[:-1])
    with django_assert_num_queries(1):
        slow = constraints.decision_constraint_errors(decision, exclude=set())
    assert _errors(fast) == _errors(slow) and len(slow) == 1
