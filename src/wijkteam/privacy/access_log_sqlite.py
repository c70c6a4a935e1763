"""The access-log append on SQLite: hand-written statements under SQLite's write lock.

What :func:`wijkteam.privacy.access_log.log_access` calls on SQLite (PostgreSQL has its own
compare-and-set path in :mod:`.access_log`). The rows are the ones the ORM wrote before
(``entry.save()``, ``bulk_create`` of the resident rows, ``head.save()``): the same columns,
the same values as the database adapter makes of them (the moment through
``adapt_datetimefield_value``, ``resident_ids`` as ``json.dumps`` of the sorted ids), the
resident rows in the order of the sorted ids; only the ORM's query building is gone.

The lock: SQLite has one writer at a time. Outside a transaction (a reading page) the append
is its own transaction, opened with ``BEGIN IMMEDIATE``, so the write lock is taken before the
head is read: another process's append waits (``busy_timeout``) and reads the head this one
moved, and the entry is committed before the function returns. Inside a transaction (a
write's, opened with ``BEGIN IMMEDIATE`` through the ``transaction_mode`` setting) the append
joins it and commits with it. Even a transaction that began deferred cannot fork the chain:
SQLite refuses a write from a snapshot older than the last commit (``SQLITE_BUSY``), so the
worst case is an error, never two entries on one head.

Statements: ``BEGIN IMMEDIATE``, the head, the entry, its resident rows (one statement, from
``json_each``; none without residents), the head moved, ``COMMIT`` -- as many as the ORM sent,
each logged as before (``COMMIT`` through the driver, as Django commits).
"""

import functools
import json
from typing import Any

from django.db import connection
from django.db.backends.utils import CursorWrapper

from . import access_log
from .models import AccessLogEntry, AccessLogHead, AccessLogResident

_COLUMNS = (
    "at", "user_id", "user_name", "user_role", "organisation_name", "on_behalf_of", "action",
    "object_type", "object_id", "purpose", "resident_ids", "request_id", "prev_hash", "hash",
    "key_id",
)  # fmt: skip


def append(entry: AccessLogEntry) -> None:
    """Link ``entry`` (and a key-rotation entry before it when the key changed) to the head,
    sign and store it; in the caller's transaction, or in one of its own that has committed
    when this returns."""
    own = connection.get_autocommit() and not connection.in_atomic_block
    with connection.cursor() as cursor:
        if not own:
            _append_locked(cursor, entry)
            return
        # as Django's atomic() does: BEGIN through the cursor, COMMIT and ROLLBACK through the
        # driver (logged as Django logs its own, not through the cursor's wrappers)
        cursor.execute("BEGIN IMMEDIATE")
        try:
            _append_locked(cursor, entry)
        except BaseException:
            if connection.connection.in_transaction:  # (SQLite may have rolled back itself)
                connection.rollback()
            raise
        connection.commit()


def _append_locked(cursor: CursorWrapper, entry: AccessLogEntry) -> None:
    """Under the write lock: read (or create) the head and append to it."""
    sql = _sql()
    cursor.execute(sql["read_head"])
    row = cursor.fetchone()
    if row is None:
        cursor.execute(sql["create_head"], [access_log.GENESIS])
        row = (access_log.GENESIS, "")
    last_hash, key_id = row
    if key_id != entry.key_id and last_hash != access_log.GENESIS:
        rotation = access_log.rotation_entry(entry, old=key_id)
        last_hash = _store(cursor, rotation, last_hash)
    _store(cursor, entry, last_hash)


def _store(cursor: CursorWrapper, entry: AccessLogEntry, prev: str) -> str:
    """Sign ``entry`` against ``prev``, insert it and its resident rows, move the head to it;
    its hash."""
    entry.prev_hash = prev
    entry.hash = access_log.entry_digest(entry)
    at = connection.ops.adapt_datetimefield_value(entry.at)
    residents = json.dumps(entry.resident_ids)
    values: list[Any] = [
        at,
        entry.user_id,
        entry.user_name,
        entry.user_role,
        entry.organisation_name,
        entry.on_behalf_of,
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.purpose,
        residents,
        entry.request_id,
        entry.prev_hash,
        entry.hash,
        entry.key_id,
    ]
    sql = _sql()
    cursor.execute(sql["insert_entry"], values)
    entry.pk = cursor.lastrowid
    if entry.resident_ids:
        cursor.execute(sql["insert_residents"], [entry.pk, at, residents])
    cursor.execute(sql["move_head"], [entry.hash, entry.pk, entry.key_id])
    entry._state.adding = False
    entry._state.db = connection.alias
    return entry.hash


@functools.cache
def _sql() -> dict[str, str]:
    """The statements, built once from the models' table names (constants, never input);
    every value is a parameter."""
    entry, resident, head = (
        m._meta.db_table for m in (AccessLogEntry, AccessLogResident, AccessLogHead)
    )
    columns = ", ".join(f'"{c}"' for c in _COLUMNS)
    values = ", ".join("%s" for _ in _COLUMNS)
    return {
        "read_head": f'SELECT "last_hash", "key_id" FROM "{head}" WHERE "id" = 1',  # noqa: S608
        "create_head": (
            f'INSERT INTO "{head}" ("id", "last_hash", "last_entry_id", "key_id") '  # noqa: S608
            "VALUES (1, %s, NULL, '')"
        ),
        "insert_entry": f'INSERT INTO "{entry}" ({columns}) VALUES ({values})',  # noqa: S608
        # the resident rows in the order of the (sorted) ids, as bulk_create inserted them
        "insert_residents": (
            f'INSERT INTO "{resident}" ("entry_id", "resident_id", "at") '  # noqa: S608
            "SELECT %s, j.value, %s FROM json_each(%s) AS j ORDER BY j.key"
        ),
        "move_head": (
            f'UPDATE "{head}" SET "last_hash" = %s, "last_entry_id" = %s, "key_id" = %s '  # noqa: S608
            'WHERE "id" = 1'
        ),
    }
