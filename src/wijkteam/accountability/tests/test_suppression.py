"""Suppression: small counts hidden, and no hidden value can be computed from what is shown.

The attacker here is exact: every published total is an equation, and a hidden value counts
as derived when the equations determine it (linear algebra over the rationals), which covers
subtracting siblings from a total and any combination of rows and columns.
"""

import itertools
import random
from fractions import Fraction

import pytest

from wijkteam.accountability.suppression import (
    Table,
    ThresholdError,
    derivable,
    suppress,
    suppress_rate,
)


def attacker_derives(table: Table) -> list:
    return derivable(table)


def test_the_attacker_finds_a_lone_hidden_cell() -> None:
    table = Table(cells=[[3, 20], [15, 40]], hidden={("cell", 0, 0)})
    assert attacker_derives(table) == [("cell", 0, 0)]


def test_the_attacker_finds_a_bridge_between_two_cycles() -> None:
    # Two hidden 2x2 rectangles joined by one hidden cell: each vertex has two hidden cells,
    # yet the joining cell is determined (the classic trap of per-row checks).
    cells = [[5, 5, 50, 50], [5, 5, 50, 50], [50, 50, 5, 5], [50, 50, 5, 5]]
    hidden = {("cell", r, c) for r, c in [(0, 0), (0, 1), (1, 0), (1, 1)]}
    hidden |= {("cell", r, c) for r, c in [(2, 2), (2, 3), (3, 2), (3, 3)]}
    assert attacker_derives(Table(cells=cells, hidden=hidden)) == []
    hidden.add(("cell", 1, 2))
    assert ("cell", 1, 2) in attacker_derives(Table(cells=cells, hidden=hidden))


def test_primary_suppression_hides_1_to_threshold_minus_1_not_zero() -> None:
    primary = suppress([[0, 9, 10, 30]], threshold=10).hidden
    assert ("cell", 0, 1) in primary and ("col", -1, 1) in primary


def test_secondary_suppression_protects_a_single_small_cell() -> None:
    table = suppress([[4, 25, 30], [20, 22, 31]])
    assert len([k for k in table.hidden if k[0] == "cell"]) >= 2
    assert attacker_derives(table) == []


@pytest.mark.parametrize("seed", range(40))
def test_no_published_table_lets_a_hidden_value_be_derived(seed: int) -> None:
    rng = random.Random(seed)
    rows, cols = rng.randint(1, 5), rng.randint(1, 4)
    cells = [
        [rng.choice([0, 1, 2, 3, 6, 9, 12, 15, 40, 80]) for _ in range(cols)] for _ in range(rows)
    ]
    threshold = rng.choice([5, 10, 15])
    table = suppress(cells, threshold=threshold)
    assert attacker_derives(table) == []
    for key in table.positions():
        if 0 < table.value(key) < threshold:
            assert key in table.hidden, key
    # Every value still shown is the true value.
    for key in itertools.filterfalse(table.hidden.__contains__, table.positions()):
        assert table.shown(key) == table.value(key)


def test_threshold_below_five_is_refused() -> None:
    with pytest.raises(ThresholdError, match="ten minste 5"):
        suppress([[1]], threshold=4)


def test_rates_are_suppressed_with_their_parts() -> None:
    assert suppress_rate(None, 40) is None
    assert suppress_rate(12, None) is None
    assert suppress_rate(12, 0) is None
    assert suppress_rate(12, 48) == 0.25


def _rank(rows: list[list[Fraction]]) -> int:
    matrix, rank = [list(r) for r in rows], 0
    for col in range(len(matrix[0]) if matrix else 0):
        pivot = next((i for i in range(rank, len(matrix)) if matrix[i][col] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for i in range(len(matrix)):
            if i != rank and matrix[i][col] != 0:
                f = matrix[i][col] / matrix[rank][col]
                matrix[i] = [a - f * b for a, b in zip(matrix[i], matrix[rank], strict=True)]
        rank += 1
    return rank


def derivable_by_rank(table: Table) -> list:
    """The definition itself: a hidden value is derivable when adding its unit vector to the
    published equations does not raise their rank."""
    unknown = sorted(table.hidden)
    index = {key: i for i, key in enumerate(unknown)}
    system = []
    for eq in table.equations():
        row = [Fraction(0)] * len(unknown)
        for position, key in enumerate(eq):
            if key in index:
                row[index[key]] += 1 if position == 0 else -1
        if any(row):
            system.append(row)
    base = _rank(system)
    found = []
    for key in unknown:
        unit = [Fraction(0)] * len(unknown)
        unit[index[key]] = Fraction(1)
        if system and _rank([*system, unit]) == base:
            found.append(key)
    return found


@pytest.mark.parametrize("seed", range(60))
def test_derivable_agrees_with_the_rank_definition(seed: int) -> None:
    rng = random.Random(seed)
    rows, cols = rng.randint(1, 5), rng.randint(1, 5)
    table = Table(cells=[[rng.randint(0, 50) for _ in range(cols)] for _ in range(rows)])
    positions = table.positions()
    table.hidden = set(rng.sample(positions, rng.randint(0, len(positions))))
    assert derivable(table) == derivable_by_rank(table)


def test_secondary_suppression_hides_no_more_than_a_rectangle_needs() -> None:
    # One small cell: hiding its row neighbour and the two cells below them is enough.
    table = suppress([[40, 25, 0], [12, 3, 0], [30, 22, 0]])
    assert table.hidden == {("cell", 1, 0), ("cell", 1, 1), ("cell", 2, 0), ("cell", 2, 1)}
    assert derivable(table) == []
