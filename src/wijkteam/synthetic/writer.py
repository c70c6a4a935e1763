"""Bulk writing of generated rows: COPY on PostgreSQL, ``executemany`` on SQLite.

Rows are dicts keyed by the model's attribute names (``case_id`` for a foreign key); fields a row
leaves out get the model field's default. Values are plain Python (dates, aware datetimes,
Decimals, lists/dicts for JSON fields) and are converted here once per engine.
"""

import datetime
import json
import time
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db import connection, models

Converter = Callable[[Any], Any]
UTC = datetime.UTC


def _sqlite_datetime(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


def _sqlite_date(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _sqlite_decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _sqlite_bool(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Table:
    """One database table: its columns, defaults and per-engine converters."""

    def __init__(self, model: type[models.Model], vendor: str) -> None:
        self.model = model
        self.name = model._meta.db_table
        fields = list(model._meta.concrete_fields)
        self.keys = [f.attname for f in fields]
        self.columns = [f.column for f in fields]
        self.defaults: dict[str, Any] = {}
        self.converters: list[Converter | None] = []
        for f in fields:
            if f.has_default():
                self.defaults[f.attname] = f.get_default()
            elif f.null:
                self.defaults[f.attname] = None
            elif isinstance(f, models.CharField | models.TextField) and f.blank:
                self.defaults[f.attname] = ""
            self.converters.append(self._converter(f, vendor))
        self.rows: list[tuple[Any, ...]] = []
        self.count = 0
        # Mutable defaults (a JSON list) are safe: the JSON converter serialises them at once.
        self._key_defaults = [(k, self.defaults.get(k, _MISSING)) for k in self.keys]
        self._converting = [(i, c) for i, c in enumerate(self.converters) if c is not None]

    @staticmethod
    def _converter(field: models.Field, vendor: str) -> Converter | None:
        if isinstance(field, models.JSONField):
            return _json
        if vendor != "sqlite":
            return None
        if isinstance(field, models.DateTimeField):
            return _sqlite_datetime
        if isinstance(field, models.DateField):
            return _sqlite_date
        if isinstance(field, models.DecimalField):
            return _sqlite_decimal
        if isinstance(field, models.BooleanField):
            return _sqlite_bool
        return None

    def row(self, values: dict[str, Any]) -> tuple[Any, ...]:
        get = values.get
        out = [get(key, default) for key, default in self._key_defaults]
        for i, conv in self._converting:
            v = out[i]
            if v is not None:
                out[i] = conv(v)
        if _MISSING in out:
            missing = [k for k, v in zip(self.keys, out, strict=True) if v is _MISSING]
            raise KeyError(f"{self.name}: no value and no default for {missing}")
        return tuple(out)


_MISSING = object()


class BulkWriter:
    """Buffers rows per table and writes them in batches, parents before children."""

    def __init__(self, *, batch_rows: int = 20000) -> None:
        self.vendor = connection.vendor
        self.batch_rows = batch_rows
        self.tables: dict[type[models.Model], Table] = {}
        self.order: list[Table] = []

    def table(self, model: type[models.Model]) -> Table:
        table = self.tables.get(model)
        if table is None:
            table = Table(model, self.vendor)
            self.tables[model] = table
            self.order.append(table)
        return table

    def add(self, model: type[models.Model], values: dict[str, Any]) -> tuple[Any, ...]:
        table = self.table(model)
        row = table.row(values)
        table.rows.append(row)
        return row

    def flush(self) -> None:
        """Write every buffered row, in the order the tables were first used."""
        for table in self.order:
            self.write(table.name, table.columns, table.rows)
            table.count += len(table.rows)
            table.rows = []

    def write(self, name: str, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
        rows = list(rows)
        if not rows:
            return
        connection.ensure_connection()
        raw = connection.connection
        if self.vendor == "postgresql":
            cols = ", ".join(f'"{c}"' for c in columns)
            with raw.cursor() as cur, cur.copy(f'COPY "{name}" ({cols}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in columns)
            cols = ", ".join(f'"{c}"' for c in columns)
            raw.executemany(f'INSERT INTO "{name}" ({cols}) VALUES ({marks})', rows)  # noqa: S608

    def write_copy_text(self, name: str, columns: list[str], text: str) -> None:
        """PostgreSQL only: write pre-formatted COPY text (tab-separated lines)."""
        connection.ensure_connection()
        cols = ", ".join(f'"{c}"' for c in columns)
        with (
            connection.connection.cursor() as cur,
            cur.copy(f'COPY "{name}" ({cols}) FROM STDIN') as copy,
        ):
            copy.write(text)


def next_id(model: type[models.Model]) -> int:
    last = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
    return int(last or 0) + 1


def reset_sequences(model_list: Iterable[type[models.Model]]) -> None:
    """After writing explicit ids on PostgreSQL, move each id sequence past the highest id."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    with connection.cursor() as cur:
        for sql in statements:
            cur.execute(sql)


class FastLoad:
    """PostgreSQL bulk-load mode: drop foreign keys, unique constraints and secondary indexes of
    the given tables, load, then put every one back exactly as it was (its saved DDL).

    Primary keys and check constraints stay, so every row is still checked against them; the
    foreign keys and unique constraints are checked when they are added back.
    """

    def __init__(self, tables: Iterable[str], progress: Callable[[str], None]) -> None:
        self.tables = list(tables)
        self.progress = progress
        self.restore: list[str] = []

    def __enter__(self) -> "FastLoad":
        with connection.cursor() as cur:
            for table in self.tables:
                cur.execute(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY conname",
                    [table],
                )
                cons = cur.fetchall()
                cur.execute(
                    "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
                    "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname "
                    "AND c.conrelid = %s::regclass) ORDER BY i.indexname",
                    [table, table],
                )
                indexes = cur.fetchall()
                for name, definition in cons:
                    cur.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
                    self.restore.append(
                        f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'
                    )
                for name, definition in indexes:
                    cur.execute(f'DROP INDEX "{name}"')
                    self.restore.insert(0, definition)
        self.progress(
            f"snel laden: {len(self.restore)} indexen en sleutels tijdelijk weg op "
            f"{len(self.tables)} tabellen"
        )
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress(f"indexen en sleutels terugzetten ({len(self.restore)})")
        with connection.cursor() as cur:
            cur.execute("SET maintenance_work_mem = '1GB'")
            # Indexes first (unique ones back the constraints), then the constraints.
            statements = sorted(self.restore, key=lambda s: s.startswith("ALTER"))
            started = time.monotonic()
            for done, statement in enumerate(statements, start=1):
                cur.execute(statement)
                if done % 10 == 0 or done == len(statements):
                    self.progress(
                        f"indexen en sleutels: {done} van {len(statements)} "
                        f"({time.monotonic() - started:.0f} s)"
                    )
