"""Small-cell suppression of published tables (pure Python, no Django).

A table has cells ``cells[r][c]`` (counts), row totals, column totals and a grand total, all
published unless suppressed. Primary suppression hides every count from 1 up to the threshold
(default 10, never below 5). Secondary suppression then hides more cells until no hidden value
can be computed from the published ones: the published totals give linear equations over the
hidden values, and a hidden value is derivable exactly when its unit vector lies in the row
space of those equations (checked with exact fractions, one Gauss-Jordan elimination). While
one is derivable, one more published value that shares an equation with a derivable one is
hidden: the one that leaves the fewest derivable values (one step of look-ahead), then a small
non-zero cell before a total. Hiding everything is always safe, so this ends.

Rates are suppressed when their numerator or denominator is (``suppress_rate``).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

DEFAULT_THRESHOLD = 10
MIN_THRESHOLD = 5

Cell = tuple[str, int, int]  # ("cell", r, c) | ("row", r, -1) | ("col", -1, c) | ("total", -1, -1)


class ThresholdError(ValueError):
    pass


def check_threshold(threshold: int) -> int:
    if threshold < MIN_THRESHOLD:
        raise ThresholdError(
            f"De drempel voor kleine aantallen is ten minste {MIN_THRESHOLD} (nu {threshold})."
        )
    return threshold


@dataclass
class Table:
    cells: list[list[int]]
    hidden: set[Cell] = field(default_factory=set)

    @property
    def rows(self) -> int:
        return len(self.cells)

    @property
    def cols(self) -> int:
        return len(self.cells[0]) if self.cells else 0

    def value(self, key: Cell) -> int:
        kind, r, c = key
        if kind == "cell":
            return self.cells[r][c]
        if kind == "row":
            return sum(self.cells[r])
        if kind == "col":
            return sum(row[c] for row in self.cells)
        return sum(sum(row) for row in self.cells)

    def positions(self) -> list[Cell]:
        out: list[Cell] = [("cell", r, c) for r in range(self.rows) for c in range(self.cols)]
        out += [("row", r, -1) for r in range(self.rows)]
        out += [("col", -1, c) for c in range(self.cols)]
        out.append(("total", -1, -1))
        return out

    def equations(self) -> list[list[Cell]]:
        """Each published relation ``whole = sum(parts)`` as the list [whole, *parts]."""
        eqs: list[list[Cell]] = []
        for r in range(self.rows):
            eqs.append([("row", r, -1), *[("cell", r, c) for c in range(self.cols)]])
        for c in range(self.cols):
            eqs.append([("col", -1, c), *[("cell", r, c) for r in range(self.rows)]])
        eqs.append([("total", -1, -1), *[("row", r, -1) for r in range(self.rows)]])
        eqs.append([("total", -1, -1), *[("col", -1, c) for c in range(self.cols)]])
        return eqs

    def shown(self, key: Cell) -> int | None:
        return None if key in self.hidden else self.value(key)


def _rref(rows: list[list[Fraction]], width: int) -> tuple[list[list[Fraction]], list[int]]:
    """The reduced row echelon form of ``rows`` and its pivot columns (Gauss-Jordan, exact)."""
    matrix = [list(r) for r in rows]
    pivots: list[int] = []
    for col in range(width):
        rank = len(pivots)
        pivot = next((i for i in range(rank, len(matrix)) if matrix[i][col] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        lead = matrix[rank][col]
        matrix[rank] = [a / lead for a in matrix[rank]]
        for i in range(len(matrix)):
            if i != rank and matrix[i][col] != 0:
                factor = matrix[i][col]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[rank], strict=True)]
        pivots.append(col)
    return matrix[: len(pivots)], pivots


def derivable(table: Table) -> list[Cell]:
    """The hidden values that the published values determine exactly.

    The published sums are linear equations over the hidden values. A hidden value is
    determined exactly when its unit vector lies in the row space of those equations: in the
    reduced row echelon form, its column is a pivot column whose row is zero in every free
    column (so every solution of the homogeneous system is zero there).
    """
    unknown = sorted(table.hidden)
    if not unknown:
        return []
    index = {key: i for i, key in enumerate(unknown)}
    system: list[list[Fraction]] = []
    for eq in table.equations():
        row = [Fraction(0)] * len(unknown)
        for position, key in enumerate(eq):
            if key in index:
                row[index[key]] += 1 if position == 0 else -1
        if any(row):
            system.append(row)
    reduced, pivots = _rref(system, len(unknown))
    free = [c for c in range(len(unknown)) if c not in set(pivots)]
    found = [
        unknown[col]
        for row, col in zip(reduced, pivots, strict=True)
        if all(row[f] == 0 for f in free)
    ]
    return sorted(found)


def _neighbours(table: Table, key: Cell) -> list[Cell]:
    return [k for eq in table.equations() if key in eq for k in eq if k != key]


def suppress(cells: Sequence[Sequence[int]], threshold: int = DEFAULT_THRESHOLD) -> Table:
    """Primary and secondary suppression of a table with all its margins published."""
    check_threshold(threshold)
    table = Table(cells=[list(row) for row in cells])
    table.hidden = {k for k in table.positions() if 0 < table.value(k) < threshold}
    while leak := derivable(table):
        candidates = sorted(
            {k for key in leak for k in _neighbours(table, key) if k not in table.hidden}
        )
        if not candidates:
            candidates = [k for k in table.positions() if k not in table.hidden]
        table.hidden.add(min(candidates, key=lambda k: _cost(table, k)))
    return table


def _cost(table: Table, key: Cell) -> tuple[int, bool, bool, int]:
    """How much hiding ``key`` costs: first the values still derivable after it (look one step
    ahead), then a small non-zero cell before a total (a total tells the reader more)."""
    table.hidden.add(key)
    left = len(derivable(table))
    table.hidden.discard(key)
    return (left, table.value(key) == 0, key[0] != "cell", table.value(key))


def suppress_rate(numerator: int | None, denominator: int | None) -> float | None:
    """A rate is shown only when both its parts are shown and the denominator is not zero."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator
