"""Querysets compiled once per *shape*, executed afterwards with new ids (issue 17).

Building a queryset (``filter``, ``Q``, subqueries) and compiling it to SQL costs more CPU
than SQLite or PostgreSQL need to run a small statement. For a hot read whose statement only
differs in integer ids (the user, the case, the user's teams), :func:`instances` builds and
compiles the queryset once per key, and afterwards only executes the stored SQL with the new
ids; the rows become model instances the way Django's ``ModelIterable`` makes them
(``select_related`` included), through the compiler of the first call (its converters and
column map).

How the ids are put in without trusting string handling: the builder is called twice, with
two sets of stand-in ids (large numbers no table holds). The SQL of both must be the same text,
and each parameter must be either the same constant in both (a string, bool, None or int; never
a date or time, which would go stale: neither the object nor SQLite's text
form of it) or stand-in *i* in the first and stand-in *i* in the
second; that position then gets argument *i*. Anything else (the SQL text depends on an id, a
date in the statement, a value the builder computed from an id) is not cached: the key is
marked and every call runs the ordinary queryset. The key must hold everything else the
statement depends on (the number of ids in each list, the select_related fields); the number
of ids is added here, and a statement compiled for another database vendor is not reused. One cache per thread (a compiler
belongs to its thread's connection). Used by ``cases.selectors.case_get``; measured in
``docs/performance.md``.
"""

import re
import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=models.Model)

_STAND_INS = (9_000_000_000_001, 9_100_000_000_001)  # two sets: base + i
_CONSTANT_TYPES = (str, bool, int, type(None))
MAX_SHAPES = 512
_INT64 = (-(2**63), 2**63 - 1)
_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}")


@dataclass(frozen=True)
class _Compiled:
    db: str
    vendor: str
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, int], ...]  # (parameter position, argument index)
    compiler: SQLCompiler
    init_list: tuple[str, ...]
    fields: tuple[int, int]  # the model's columns: start, end
    populators: tuple[Any, ...]


_local = threading.local()


def _cache() -> dict[Hashable, _Compiled | None]:
    cache: dict[Hashable, _Compiled | None] | None = getattr(_local, "cache", None)
    if cache is None:
        cache = _local.cache = {}
    return cache


def clear() -> None:
    """Forget the compiled statements of this thread (tests)."""
    _cache().clear()


def _compile(build: Callable[..., "models.QuerySet[M]"], count: int) -> _Compiled | None:
    first = [_STAND_INS[0] + i for i in range(count)]
    second = [_STAND_INS[1] + i for i in range(count)]
    queryset = build(*first)
    db = queryset.db
    compiler = queryset.query.get_compiler(using=db)
    other = build(*second)
    try:
        sql, params = compiler.as_sql()
        sql_b, params_b = other.query.get_compiler(using=other.db).as_sql()
    except EmptyResultSet:  # nothing can match (an empty list of teams): the ORM's answer
        return None
    if sql != sql_b or len(params) != len(params_b) or other.db != db:
        return None
    slots: list[tuple[int, int]] = []
    for position, (a, b) in enumerate(zip(params, params_b, strict=True)):
        if type(a) is int and type(b) is int and a - _STAND_INS[0] == b - _STAND_INS[1]:
            index = a - _STAND_INS[0]
            if 0 <= index < count:
                slots.append((position, index))
                continue
        if a != b or type(a) is not type(b) or not isinstance(a, _CONSTANT_TYPES):
            return None
        if isinstance(a, str) and _DATE_TEXT.match(a):  # SQLite gets dates and times as text
            return None
    if compiler.klass_info is None or compiler.annotation_col_map or compiler.has_extra_select:
        return None
    select, klass_info = compiler.select, compiler.klass_info
    select_fields = klass_info["select_fields"]
    start, end = select_fields[0], select_fields[-1] + 1
    return _Compiled(
        db=db,
        vendor=compiler.connection.vendor,
        sql=sql,
        params=tuple(params),
        slots=tuple(slots),
        compiler=compiler,
        init_list=tuple(f[0].target.attname for f in select[start:end]),
        fields=(start, end),
        populators=tuple(get_related_populators(klass_info, select, db)),
    )


def instances(
    key: Hashable, build: Callable[..., "models.QuerySet[M]"], ids: Sequence[int]
) -> list[M]:
    """The model instances of ``build(*ids)``, from SQL compiled once per ``key``.

    ``build`` must return the same statement for any ids of the same key, with the ids only as
    parameters (checked; otherwise the queryset itself runs, every time).
    """
    ids = [int(i) for i in ids]
    if any(not _INT64[0] <= i <= _INT64[1] for i in ids):
        return list(build(*ids))  # the ORM's answer for an id no column can hold
    connection_key = (key, len(ids))
    cache = _cache()
    compiled = cache.get(connection_key, False)
    if compiled is False:
        compiled = _compile(build, len(ids)) if len(cache) < MAX_SHAPES else None
        cache[connection_key] = compiled
    if compiled is None:
        return list(build(*ids))
    assert isinstance(compiled, _Compiled)
    connection = connections[compiled.db]
    if connection.vendor != compiled.vendor:  # settings changed under a test
        del cache[connection_key]
        return list(build(*ids))
    params = list(compiled.params)
    for position, index in compiled.slots:
        params[position] = ids[index]
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        rows = cursor.fetchall()
    model = compiled.compiler.klass_info["model"]
    start, end = compiled.fields
    result: list[M] = []
    for row in compiled.compiler.results_iter(results=[rows]):
        obj = model.from_db(compiled.db, compiled.init_list, row[start:end])
        for populator in compiled.populators:
            populator.populate(row, obj)
        result.append(obj)
    return result
