"""``InIds``: "this column is one of these ids" for lists of any length, as one parameter.

``filter(case_id__in=ids)`` sends one placeholder per id. With the thousands of open cases of a
team (the team's work queue at city scale) that is slow to parse and plan on PostgreSQL (a
plan per distinct list length, never cached) and can pass SQLite's variable limit. ``InIds``
sends the whole list as a single parameter instead:

- PostgreSQL: ``col = ANY(%s::bigint[])`` (one array parameter; the index is used as for
  ``IN``);
- SQLite: ``col IN (SELECT value FROM json_each(%s))`` (one JSON text parameter);
- any other database: a plain ``IN (...)``.

An empty list matches nothing (no query is sent for it, as with ``__in=[]``)::

    TrackedTerm.objects.filter(InIds("case_id", open_cases), met_on__isnull=True)
"""

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import BooleanField, Expression, F


class InIds(Expression):
    """A condition: the column (a field name, joins allowed) is one of ``ids`` (integers)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, field: str, ids: Iterable[int]) -> None:
        super().__init__(output_field=BooleanField())
        self.column: Any = F(field)
        self.ids = sorted({int(i) for i in ids})

    def __repr__(self) -> str:
        return f"InIds({self.column!r}, {len(self.ids)} ids)"

    def get_source_expressions(self) -> list[Any]:
        return [self.column]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.column,) = exprs

    def resolve_expression(
        self,
        query: Any = None,
        allow_joins: bool = True,
        reuse: Any = None,
        summarize: bool = False,
        for_save: bool = False,
    ) -> "InIds":
        clone = self.copy()
        clone.column = self.column.resolve_expression(
            query, allow_joins, reuse, summarize, for_save
        )
        return clone

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        if not self.ids:
            raise EmptyResultSet
        column, params = compiler.compile(self.column)
        if connection.vendor == "postgresql":
            return f"{column} = ANY(%s::bigint[])", [*params, self.ids]
        if connection.vendor == "sqlite":
            return f"{column} IN (SELECT value FROM json_each(%s))", [  # noqa: S608
                *params,
                json.dumps(self.ids),
            ]
        marks = ", ".join(["%s"] * len(self.ids))  # pragma: no cover - other databases
        return f"{column} IN ({marks})", [*params, *self.ids]  # pragma: no cover
