"""The access-log append on PostgreSQL: compare-and-set on the chain's head, or its lock.

What :func:`wijkteam.privacy.access_log.log_access` calls on PostgreSQL (SQLite has its own
path in :mod:`.access_log_sqlite`). Entries link in the order they are written and their ids
follow the chain, whatever the number of writers: the id is drawn, the head moved and the
entry inserted in one statement that holds the head's row lock (:func:`_sql`). A reading
page's entry (outside a transaction) has committed when :func:`append` returns; a write's
entry joins the write's transaction and commits with it.

Two ways to hold the head: when quiet, optimistically (read the head without a lock, sign,
and one compare-and-set statement that never waits, ``SKIP LOCKED``); when contended, the
head's lock (``FOR UPDATE``, waiting in turn), for a reading page in two round trips of
several statements each (``BEGIN; SELECT … FOR UPDATE``, then the append and ``COMMIT``).
"""

import contextlib
import functools
import json

import psycopg
from django.conf import settings
from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper

from . import access_log
from .models import AccessLogEntry, AccessLogHead, AccessLogResident

# After a compare-and-set that failed (another writer held or moved the head), this process's
# next ``LOCKED_RUN`` appends go straight to the head's lock instead of trying again: under
# contention the compare-and-set nearly always fails (97-98 % with 8 writers appending back to
# back), and its two round trips are then wasted. The next append after the run tries the
# compare-and-set again, so a process returns to it once the contention is over. A hint only,
# shared by the threads of a process: either path appends correctly, whatever its value.
LOCKED_RUN = 8
_locked_left = 0


def append(entry: AccessLogEntry) -> None:
    """Append ``entry`` on PostgreSQL: optimistically when quiet, under the head's lock when
    contended.

    Optimistic: read the head (no lock), sign the entry against it and run one statement that
    moves the head only if it still is that head and no other writer holds it (compare-and-set,
    ``SKIP LOCKED``), and inserts the entry and its resident rows. Outside a transaction that
    statement is its own transaction: two round trips, and the head row is locked only while
    the one statement runs and commits, never across a round trip. When another writer holds
    or moved the head, or the key changed, the statement changes nothing and the append is
    made under the head's row lock (:func:`_append_locked`), as are this process's next
    :data:`LOCKED_RUN` appends (see there).
    """
    global _locked_left
    if _locked_left > 0:
        _locked_left -= 1
        _append_locked(entry)
        return
    # Asynchronous commit only when set, and only for a statement that is its own transaction
    # (nothing but this entry in it); never for a write's entry.
    statement = "append_async" if _async_commit() else "append"
    with connection.cursor() as cursor:
        cursor.execute(_sql()["read_head"])
        row = cursor.fetchone()
        head = (row[0], row[1]) if row is not None else None
        if head is None or _rotates(head, entry.key_id):
            _append_locked(entry)  # the rare cases: the first entry, a new key
            return
        if _store(cursor, entry, head, statement=statement):
            return
    _locked_left = LOCKED_RUN  # contended: the head was held or had moved
    _append_locked(entry)


def _own_transaction() -> bool:
    """Whether the append is its own transaction (a reading page): no caller's to join."""
    return connection.get_autocommit() and not connection.in_atomic_block


def _async_commit() -> bool:
    return getattr(settings, "ACCESS_LOG_ASYNC_READS", False) and _own_transaction()


def _append_locked(entry: AccessLogEntry) -> None:
    """Append ``entry`` under the head's row lock (``FOR UPDATE``, waiting in turn).

    Inside a transaction (a write's entry) it joins it (as before): lock, then the append, two statements;
    the entry commits with the write. Outside one (a reading page) the append is its own
    transaction in two round trips: ``BEGIN; SELECT … FOR UPDATE`` in one string, then the
    append and ``COMMIT`` in one string (psycopg's client-side binding sends a string with
    several statements in one round trip, the simple query protocol), so the entry has
    committed when this returns, as in the optimistic path. Django's ``atomic()`` took four
    round trips for the same (``BEGIN``, lock, append, ``COMMIT``) and held the lock across two
    of them; now the lock is held across one. Any failure rolls the own transaction back
    before it is raised. With server-side binding (the ``server_side_binding`` option, one
    statement per string) it falls back to ``atomic()``.
    """
    if not _own_transaction():
        with connection.cursor() as cursor:
            _locked_steps(cursor, entry, own_transaction=False)
        return
    with connection.cursor() as cursor:
        if not isinstance(cursor.cursor, psycopg.ClientCursor):
            with transaction.atomic(savepoint=False), connection.cursor() as inner:
                _locked_steps(inner, entry, own_transaction=False)
            return
        try:
            _locked_steps(cursor, entry, own_transaction=True)
        except BaseException:
            # the own transaction must not stay open (Django believes it is in autocommit);
            # after a failed COMMIT there is none left and ROLLBACK only warns
            with contextlib.suppress(Exception):
                cursor.execute("ROLLBACK")
            raise


def _locked_steps(cursor: CursorWrapper, entry: AccessLogEntry, *, own_transaction: bool) -> None:
    """Lock the head (creating it for the first entry), write a key-rotation entry when the
    key changed, and append ``entry``; with ``own_transaction`` open and commit it here."""
    if own_transaction:
        cursor.execute(_sql()["begin_lock_head"])
        cursor.nextset()  # the first result is BEGIN's
    else:
        cursor.execute(_sql()["lock_head"])
    row = cursor.fetchone()
    if row is None:
        cursor.execute(_sql()["create_head"], [access_log.GENESIS])
        cursor.execute(_sql()["lock_head"])
        row = cursor.fetchone()
    assert row is not None
    head = (row[0], row[1])
    if _rotates(head, entry.key_id):
        rotation = access_log.rotation_entry(entry, old=head[1])
        _store_locked(cursor, rotation, expected=head)
        head = (rotation.hash, rotation.key_id)
    statement = "append_async" if own_transaction and _async_commit() else "append"
    if own_transaction:
        statement += "_commit"
    _store_locked(cursor, entry, expected=head, statement=statement)


def _store_locked(
    cursor: CursorWrapper,
    entry: AccessLogEntry,
    *,
    expected: tuple[str, str],
    statement: str = "append",
) -> None:
    if not _store(cursor, entry, expected=expected, statement=statement):
        raise RuntimeError("toegangslog: de kop veranderde terwijl hij vergrendeld was")


def _rotates(head: tuple[str, str], key_id: str) -> bool:
    """Whether the next append must first record a key rotation (see :func:`rotation_entry`)."""
    return head[1] != key_id and head[0] != access_log.GENESIS


def _store(
    cursor: CursorWrapper,
    entry: AccessLogEntry,
    expected: tuple[str, str],
    *,
    statement: str = "append",
) -> bool:
    """Link ``entry`` to ``expected`` (the head's hash and key), sign it and store it if the
    head still is ``expected`` and not held by another writer; whether it was stored."""
    entry.prev_hash = expected[0]
    entry.hash = access_log.entry_digest(entry)
    values = [
        json.dumps(entry.resident_ids) if column == "resident_ids" else getattr(entry, column)
        for column in _ENTRY_COLUMNS
    ]
    cursor.execute(
        _sql()[statement],
        [*expected, entry.hash, entry.key_id, *values, entry.at, entry.resident_ids],
    )
    row = cursor.fetchone()
    if row is None:
        return False
    entry.pk = row[0]
    entry._state.adding = False
    entry._state.db = connection.alias
    return True


_ENTRY_COLUMNS = (
    "at", "user_id", "user_name", "user_role", "organisation_name", "on_behalf_of", "action",
    "object_type", "object_id", "purpose", "resident_ids", "request_id", "prev_hash", "hash",
    "key_id",
)  # fmt: skip


@functools.cache
def _sql() -> dict[str, str]:
    """The statements of an append, built once from the models' table names (constants, never
    input); every value is a parameter.

    ``append`` locks the head only when it still holds the expected hash and key and no other
    writer holds it (``SKIP LOCKED``: it never waits), then draws the entry's id, moves the
    head and inserts the entry and its resident rows; it returns the entry's id, or no row
    when the head had moved or was held.
    Ids follow the chain (``verify_chain`` walks it in id order): a writer can only expect a
    hash it has read committed (or wrote itself), and that entry's statement had drawn its id
    before.
    """
    entry, resident, head = (
        m._meta.db_table for m in (AccessLogEntry, AccessLogResident, AccessLogHead)
    )
    columns = ", ".join(_ENTRY_COLUMNS)
    values = ", ".join("%s::jsonb" if c == "resident_ids" else "%s" for c in _ENTRY_COLUMNS)
    statements = {
        "read_head": f"SELECT last_hash, key_id FROM {head} WHERE id = 1",  # noqa: S608
        "lock_head": f"SELECT last_hash, key_id FROM {head} WHERE id = 1 FOR UPDATE",  # noqa: S608
        "begin_lock_head": (
            f"BEGIN; SELECT last_hash, key_id FROM {head} WHERE id = 1 FOR UPDATE"  # noqa: S608
        ),
        "create_head": (
            f"INSERT INTO {head} (id, last_hash, key_id) VALUES (1, %s, '') "  # noqa: S608
            "ON CONFLICT (id) DO NOTHING"
        ),
        "append": (
            f"WITH l AS (SELECT id FROM {head} WHERE id = 1 AND last_hash = %s "  # noqa: S608
            f"AND key_id = %s FOR UPDATE SKIP LOCKED), "
            f"i AS MATERIALIZED (SELECT nextval(pg_get_serial_sequence('{entry}', 'id')) "
            f"AS id FROM l), "
            f"h AS (UPDATE {head} SET last_hash = %s, last_entry_id = i.id, key_id = %s "
            f"FROM i WHERE {head}.id = 1 RETURNING i.id), "
            f"e AS (INSERT INTO {entry} (id, {columns}) SELECT h.id, {values} FROM h "
            f"RETURNING id), "
            f"r AS (INSERT INTO {resident} (entry_id, resident_id, at) "
            f"SELECT e.id, x, %s FROM e, unnest(%s::bigint[]) AS x) "
            f"SELECT id FROM e"
        ),
    }
    # the same, committed without waiting for the WAL flush (ACCESS_LOG_ASYNC_READS): the
    # setting is local to the statement's own transaction
    statements["append_async"] = statements["append"].replace(
        "SELECT id FROM e",
        "SELECT id FROM e, (SELECT set_config('synchronous_commit', 'off', true)) AS s",
    )
    # the locked path's own transaction: the append and its COMMIT in one string (one round
    # trip; the first result is the append's)
    for name in ("append", "append_async"):
        statements[f"{name}_commit"] = f"{statements[name]}; COMMIT"
    return statements
