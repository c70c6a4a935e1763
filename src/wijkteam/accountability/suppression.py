"""Small-cell suppression of published tables (pure Python, no Django).

A table has cells ``cells[r][c]`` (counts), row totals, column totals and a grand total, all
published unless suppressed. Primary suppression hides every count from 1 up to the threshold
(default 10, never below 5). Secondary suppression then hides more cells until no hidden value
can be computed from the published ones: the published totals give linear equations over the
hidden values, and a hidden value is derivable exactly when its unit vector lies in the row
space of those equations (checked with exact fractions). While one is derivable, the smallest
published value in the same row (or column, or the totals) is hidden too. Hiding everything is
always safe, so this ends.

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


def _rank(rows: list[list[Fraction]]) -> int:
    matrix = [list(r) for r in rows]
    rank = 0
    width = len(matrix[0]) if matrix else 0
    for col in range(width):
        pivot = next((i for i in range(rank, len(matrix)) if matrix[i][col] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for i in range(len(matrix)):
            if i != rank and matrix[i][col] != 0:
                factor = matrix[i][col] / matrix[rank][col]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[rank], strict=True)]
        rank += 1
    return rank


def derivable(table: Table) -> list[Cell]:
    """The hidden values that the published values determine exactly."""
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
    base = _rank(system) if system else 0
    found = []
    for key in unknown:
        unit = [Fraction(0)] * len(unknown)
        unit[index[key]] = Fraction(1)
        if system and _rank([*system, unit]) == base:
            found.append(key)
    return found


def _neighbours(table: Table, key: Cell) -> list[Cell]:
    return [k for eq in table.equations() if key in eq for k in eq if k != key]


def suppress(cells: Sequence[Sequence[int]], threshold: int = DEFAULT_THRESHOLD) -> Table:
    """Primary and secondary suppression of a table with all its margins published."""
    check_threshold(threshold)
    table = Table(cells=[list(row) for row in cells])
    table.hidden = {k for k in table.positions() if 0 < table.value(k) < threshold}
    while leak := derivable(table):
        key = leak[0]
        candidates = [k for k in _neighbours(table, key) if k not in table.hidden]
        if not candidates:
            candidates = [k for k in table.positions() if k not in table.hidden]
        # Prefer hiding a small, non-zero value: it costs the reader the least information.
        table.hidden.add(min(candidates, key=lambda k: (table.value(k) == 0, table.value(k))))
    return table


def suppress_rate(numerator: int | None, denominator: int | None) -> float | None:
    """A rate is shown only when both its parts are shown and the denominator is not zero."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator
