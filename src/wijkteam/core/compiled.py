"""Querysets compiled once per *shape*, executed afterwards with new ids (issue 17).

Building a queryset (``filter``, ``Q``, subqueries) and compiling it to SQL costs more CPU
than SQLite or PostgreSQL need to run a small statement. For a hot read whose statement only
differs in integer ids (the user, the case, the user's teams) and in the moment it is asked
(today, now), :func:`instances` builds and compiles the queryset once per key, and afterwards
only executes the stored SQL with the new values; the rows become model instances the way
Django's ``ModelIterable`` makes them (``select_related`` and annotations included), through
the compiler of the first call (its converters and column map). :func:`rows` does the same for
a ``values_list`` queryset (tuples, as ``ValuesListIterable`` gives them).

How the values are put in without trusting string handling: the builder is called twice, with
two sets of stand-ins (large ids no table holds; dates and times of 1901 and 1902). The SQL of
both must be the same text, and each parameter must be either the same constant in both (a
string, bool, None or int; never a date or time, which would go stale: neither the object nor
SQLite's text form of it) or stand-in *i* in the first and stand-in *i* in the second; that
position then gets argument *i*. A moment (``moments``: a ``date`` or an aware ``datetime``)
is recognised only as exactly what the database adapter makes of its stand-in
(``adapt_datefield_value`` / ``adapt_datetimefield_value``, what a lookup on a date or
datetime field sends), and every call puts in what the adapter makes of the moment it is given:
the statement never holds a moment of its own, so nothing goes stale. A text (``texts``: a
search term, a BSN) has two sets of stand-in strings as well, with a marker no input holds and
characters that a LIKE lookup escapes and that stripping or a change of case would alter: a
parameter that is exactly stand-in *i* gets text *i*; one that is stand-in *i* escaped for LIKE
(``prep_for_like_query``) between the same ``%``s in both gets text *i* escaped the same way
(``icontains``, ``istartswith``); the marker anywhere else makes the shape uncacheable, so a
text the builder changes (``strip``, ``upper``, ``split``) is never put in unchanged. A list of
ids (``lists``: the user's teams, a page of ids) is sorted and de-duplicated first (callers must
not depend on its order or on repeated ids), gets stand-in ids after the single ids, and its
length is part of the key; a list longer than ``MAX_LIST`` runs the ordinary queryset, and
``MAX_SHAPES`` caps the number of shapes per thread. Anything else (the SQL
text depends on an id, a date computed inside the builder, a value the builder computed from
an id) is not cached: the key is marked and every call runs the ordinary queryset. A shape for
which the ORM raises ``EmptyResultSet`` with both sets of stand-ins (an empty ``IN`` list) is
remembered as matching nothing: like the ORM it sends no statement and gives no rows, without
calling the builder again. The compiler's converters of the columns are found once per shape
(``results_iter`` asks for them on every call). The stand-ins: ``compiled_stand_ins``. The key must
hold everything else the statement depends on (the select_related fields); the number of ids,
the kinds of the moments, the number of texts and the length of each list are added here, and a
statement compiled for another database vendor is not reused. One cache per thread (a compiler
belongs to its thread's connection). Used by the case page (``cases.selectors``, the consent
check, the emergency-access check); measured in ``docs/performance.md``.
"""

import datetime
import re
import threading
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models.query import (  # type: ignore[attr-defined]
    MAX_GET_RESULTS,
    FlatValuesListIterable,
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.db.models.sql.compiler import SQLCompiler

from . import compiled_stand_ins as stand_ins

M = TypeVar("M", bound=models.Model)

_CONSTANT_TYPES = (str, bool, int, type(None))
MAX_SHAPES = 512
_TEXT_MARK = stand_ins.TEXT_MARK  # a text holding it is never put in
MAX_LIST = 1000  # a longer list of ids runs the ordinary queryset (one shape per length)
_INT64 = (-(2**63), 2**63 - 1)
_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}")


@dataclass(frozen=True)
class _Compiled:
    db: str
    vendor: str
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, int], ...]  # (parameter position, argument index)
    moment_slots: tuple[tuple[int, int, str], ...]  # (position, moment index, kind)
    # (position, text index, LIKE prefix, LIKE suffix); prefix None: the text as given
    text_slots: tuple[tuple[int, int, str | None, str], ...]
    compiler: SQLCompiler
    init_list: tuple[str, ...]
    fields: tuple[int, int]  # the model's columns: start, end
    populators: tuple[Any, ...]
    annotations: tuple[tuple[str, int], ...]  # (attribute, column)
    # The compiler's converters of the selected columns (what ``results_iter`` asks for on
    # every call), found once; ``composite``: columns ``results_iter`` must turn into tuples.
    converters: dict[int, Any]
    composite: bool


@dataclass(frozen=True)
class _Empty:
    """A shape that matches nothing whatever its values (the ORM raises ``EmptyResultSet``)."""

    db: str
    vendor: str


_local = threading.local()


def _cache() -> dict[Hashable, _Compiled | _Empty | None]:
    cache: dict[Hashable, _Compiled | _Empty | None] | None = getattr(_local, "cache", None)
    if cache is None:
        cache = _local.cache = {}
    return cache


def clear() -> None:
    """Forget the compiled statements of this thread (tests)."""
    _cache().clear()


def _compile(
    build: Callable[..., "models.QuerySet[Any]"],
    count: int,
    kinds: tuple[str, ...],
    model: bool,
    n_texts: int = 0,
    lengths: tuple[int, ...] = (),
) -> _Compiled | _Empty | None:
    total = count + sum(lengths)  # the ids, then the ids of every list
    try:
        queryset = build(*stand_ins.stand_in_args(0, lengths, count, kinds, n_texts))
    except (ValueError, TypeError):  # a text the builder turns into a number: not compiled
        return None
    iterable = queryset._iterable_class
    wanted = (ModelIterable,) if model else (ValuesListIterable, FlatValuesListIterable)
    if iterable not in wanted:
        return None
    if queryset._known_related_objects or queryset._prefetch_related_lookups:  # type: ignore[attr-defined]
        return None  # a related manager's queryset or a prefetch: not what is rebuilt here
    db = queryset.db
    compiler = queryset.query.get_compiler(using=db)
    try:
        other = build(*stand_ins.stand_in_args(1, lengths, count, kinds, n_texts))
    except (ValueError, TypeError):
        return None
    compiler_b = other.query.get_compiler(using=other.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # nothing can match (an empty list of teams): no statement, no rows
        return _empty_shape(compiler_b, other.db == db, db, compiler.connection.vendor)
    except (ValueError, TypeError):
        return None
    try:
        sql_b, params_b = compiler_b.as_sql()
    except (EmptyResultSet, ValueError, TypeError):
        return None
    if sql != sql_b or len(params) != len(params_b) or other.db != db:
        return None
    ops = compiler.connection.ops
    slots: list[tuple[int, int]] = []
    moment_slots: list[tuple[int, int, str]] = []
    text_slots: list[tuple[int, int, str | None, str]] = []
    for position, (a, b) in enumerate(zip(params, params_b, strict=True)):
        if (
            type(a) is int
            and type(b) is int
            and a - stand_ins.STAND_INS[0] == b - stand_ins.STAND_INS[1]
        ):
            index = a - stand_ins.STAND_INS[0]
            if 0 <= index < total:
                slots.append((position, index))
                continue
        at = stand_ins.moment_at(a, b, kinds, compiler.connection)
        if at is not None:
            moment_slots.append((position, at, kinds[at]))
            continue
        text = stand_ins.text_at(a, b, n_texts, ops)
        if text is not None:
            text_slots.append((position, *text))
            continue
        if a != b or type(a) is not type(b) or not isinstance(a, _CONSTANT_TYPES):
            return None
        if isinstance(a, str) and (_DATE_TEXT.match(a) or stand_ins.TEXT_MARK in a):
            return None  # SQLite gets dates and times as text; a text changed by the builder
    if compiler.has_extra_select or queryset.query.extra_select:
        return None
    select, klass_info = compiler.select, compiler.klass_info
    fields = [s[0] for s in select[0 : compiler.col_count]]
    converters = compiler.get_converters(fields)
    composite = bool(compiler.has_composite_fields(fields))
    if not model:  # the columns in the order of ``select``, as ValuesListIterable gives them
        return _Compiled(
            db, compiler.connection.vendor, sql, tuple(params), tuple(slots),
            tuple(moment_slots), tuple(text_slots), compiler, (), (0, 0), (), (),
            converters, composite,
        )  # fmt: skip
    if klass_info is None:
        return None
    select_fields = klass_info["select_fields"]
    start, end = select_fields[0], select_fields[-1] + 1
    return _Compiled(
        db=db,
        vendor=compiler.connection.vendor,
        sql=sql,
        params=tuple(params),
        slots=tuple(slots),
        moment_slots=tuple(moment_slots),
        text_slots=tuple(text_slots),
        compiler=compiler,
        init_list=tuple(f[0].target.attname for f in select[start:end]),
        fields=(start, end),
        populators=tuple(get_related_populators(klass_info, select, db)),
        annotations=tuple(compiler.annotation_col_map.items()),
        converters=converters,
        composite=composite,
    )


def _empty_shape(other: SQLCompiler, same_db: bool, db: str, vendor: str) -> _Empty | None:
    """The shape whose statement the ORM never sends (``EmptyResultSet``: an empty ``IN``
    list), when the second set of stand-ins raises it as well: iterating such a queryset gives
    no rows and sends nothing, so neither does a call of this shape (the builder is not even
    called again)."""
    try:
        other.as_sql()
    except EmptyResultSet:
        return _Empty(db, vendor) if same_db else None
    except (ValueError, TypeError):
        return None
    return None


def _arguments(
    ids: Sequence[int], texts: Sequence[str], lists: Sequence[Sequence[int]]
) -> tuple[list[int], list[str], list[list[int]]]:
    """The ids as ints, the texts, every list sorted and without duplicates."""
    return [int(i) for i in ids], list(texts), [sorted({int(i) for i in v}) for v in lists]


def _execute(
    key: Hashable,
    build: Callable[..., "models.QuerySet[Any]"],
    ids: Sequence[int],
    moments: Sequence[datetime.date],
    model: bool,
    texts: Sequence[str] = (),
    lists: Sequence[Sequence[int]] = (),
) -> tuple[_Compiled | _Empty, list[Any]] | None:
    """The compiled statement of ``key`` and its rows, or None: run the queryset instead."""
    flat = [*ids, *(i for values in lists for i in values)]
    if any(not _INT64[0] <= i <= _INT64[1] for i in flat):
        return None  # the ORM's answer for an id no column can hold
    if any(len(values) > MAX_LIST for values in lists):
        return None
    if any(type(text) is not str or stand_ins.TEXT_MARK in text for text in texts):
        return None  # not a text (or one holding the stand-in's marker): the ORM's answer
    found_kinds = tuple(stand_ins.kind_of(m) for m in moments)
    if None in found_kinds:
        return None  # a naive datetime or not a moment at all: the ORM's answer
    kinds = tuple(k for k in found_kinds if k is not None)
    lengths = tuple(len(values) for values in lists)
    connection_key = (key, len(ids), kinds, model, len(texts), lengths)
    cache = _cache()
    compiled = cache.get(connection_key, False)
    if compiled is False:
        compiled = (
            _compile(build, len(ids), kinds, model, len(texts), lengths)
            if len(cache) < MAX_SHAPES
            else None
        )
        cache[connection_key] = compiled
    if compiled is None:
        return None
    assert isinstance(compiled, _Compiled | _Empty)
    connection = connections[compiled.db]
    if connection.vendor != compiled.vendor:  # settings changed under a test
        del cache[connection_key]
        return None
    if isinstance(compiled, _Empty):
        return compiled, []  # what the ORM gives for ``EmptyResultSet``: nothing sent
    params = list(compiled.params)
    for position, index in compiled.slots:
        params[position] = flat[index]
    for position, index, kind in compiled.moment_slots:
        params[position] = stand_ins.adapt(connection, kind, moments[index])
    for position, index, prefix, suffix in compiled.text_slots:
        text = texts[index]
        if prefix is not None:
            text = f"{prefix}{connection.ops.prep_for_like_query(text)}{suffix}"
        params[position] = text
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        found = cursor.fetchall()
    return compiled, found


def instances(
    key: Hashable,
    build: Callable[..., "models.QuerySet[M]"],
    ids: Sequence[int],
    *,
    moments: Sequence[datetime.date] = (),
    texts: Sequence[str] = (),
    lists: Sequence[Sequence[int]] = (),
) -> list[M]:
    """The model instances of ``build(*ids, *moments, *texts, *lists)``, from SQL compiled
    once per ``key``.

    ``build`` must return the same statement for any ids, moments, texts and lists of the same
    key, with them only as parameters (checked; otherwise the queryset itself runs, every
    time). A moment is a ``date`` or an aware ``datetime`` (``timezone.now()``). A text is a
    ``str`` used as given (exact, or in a LIKE lookup: ``contains``, ``istartswith``, ...).
    Each list of ids reaches ``build`` as a list, SORTED AND WITHOUT DUPLICATES: callers
    must not depend on its order or on repeated ids; its length is part of the shape.
    """
    ids, texts, lists = _arguments(ids, texts, lists)
    done = _execute(key, build, ids, moments, True, texts, lists)
    if done is None:
        return list(build(*ids, *moments, *texts, *lists))
    compiled, found = done
    if isinstance(compiled, _Empty):
        return []
    model = compiled.compiler.klass_info["model"]
    start, end = compiled.fields
    result: list[M] = []
    for row in _converted(compiled, found):
        obj = model.from_db(compiled.db, compiled.init_list, row[start:end])
        for populator in compiled.populators:
            populator.populate(row, obj)
        for name, column in compiled.annotations:
            setattr(obj, name, row[column])
        result.append(obj)
    return result


def locked_get[T: models.Model](key: Hashable, model: type[T], pk: int) -> T:
    """``model.objects.select_for_update().get(pk=pk)``: the same statement (Django's ``get``:
    no ordering, ``LIMIT 21`` where the database allows it with ``FOR UPDATE``) and the same
    lock for the rest of the transaction, from SQL compiled once per ``key``; raises
    ``model.DoesNotExist`` as ``get`` does."""

    def build(pk: int) -> "models.QuerySet[T]":
        found = model._default_manager.select_for_update().filter(pk=pk).order_by()
        if connections[found.db].features.supports_select_for_update_with_limit:
            found = found[:MAX_GET_RESULTS]
        return found

    found = instances(key, build, [pk])
    if not found:
        missing = f"{model._meta.object_name} matching query does not exist."
        raise model.DoesNotExist(missing)  # type: ignore[attr-defined]  # every concrete model
    return found[0]


def rows(
    key: Hashable,
    build: Callable[..., "models.QuerySet[Any]"],
    ids: Sequence[int],
    *,
    moments: Sequence[datetime.date] = (),
    texts: Sequence[str] = (),
    lists: Sequence[Sequence[int]] = (),
) -> list[tuple[Any, ...]]:
    """The rows of ``build(*ids, *moments, *texts, *lists)``, a ``values_list`` queryset, as
    tuples (also for ``flat=True``: one-element tuples), from SQL compiled once per ``key``;
    as :func:`instances`."""
    ids, texts, lists = _arguments(ids, texts, lists)
    done = _execute(key, build, ids, moments, False, texts, lists)
    if done is None:
        queryset = build(*ids, *moments, *texts, *lists)
        if queryset._iterable_class is FlatValuesListIterable:
            return [(value,) for value in queryset]
        return [tuple(row) for row in queryset]
    compiled, found = done
    if isinstance(compiled, _Empty):
        return []
    return [tuple(row) for row in _converted(compiled, found)]


def _converted(compiled: _Compiled, found: list[Any]) -> Iterable[Any]:
    """``compiled.compiler.results_iter(results=[found])`` with the converters found once."""
    if compiled.composite:
        return compiled.compiler.results_iter(results=[found])
    if compiled.converters:
        return compiled.compiler.apply_converters(found, compiled.converters)
    return found
