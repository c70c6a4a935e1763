"""Writing the NEN 7513 access log (verifying it: :mod:`.access_log_verify`).

Every selector that reads resident data calls :func:`log_access` once per request with all
residents it shows, inside the same transaction as any write. Each entry's ``hash`` is an
HMAC-SHA256 (key outside the database, :mod:`.access_log_keys`) over its own content, the id
of the key and the previous entry's hash; :func:`verify_chain` names the first entry where
the chain breaks (a changed, forged, deleted or inserted row, a truncated tail).

When the signing key changes (a rotation: a new key first in ``WIJKTEAM_ACCESS_LOG_KEYS``),
the next append first writes a key-rotation entry signed with the new key, so the chain
itself records from which entry on the new key signs.
"""

import functools
import hashlib
import json
from collections.abc import Iterable

from django.conf import settings
from django.db import connection, models, transaction
from django.db.backends.utils import CursorWrapper
from django.utils import timezone
from django.utils.translation import gettext

from wijkteam.accounts.models import User
from wijkteam.core.request_context import current_request_id
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.models import Team
from wijkteam.organisation.policies import memberships

from . import access_log_keys as keys
from . import access_log_sqlite
from .constants import AccessAction
from .models import AccessLogEntry, AccessLogHead, AccessLogResident

GENESIS = "0" * 64


def actor_context(user: User, team: Team | None = None) -> dict[str, str]:
    """The role(s) and organisation(s) a user acts in, for the NEN 7513 entry.

    From the user's active membership in ``team``, or from all active memberships when no team
    is given: ``{"role": "Generalist, Teamleider", "organisation": "Welzijn Noord"}``. Accounts
    without a membership get their account kind as role; a system actor (an unsaved user, as
    retention uses) gets "systeem". No query of its own: the memberships are read once per
    request (:func:`wijkteam.organisation.policies.memberships`).
    """
    if user.pk is None:
        return {"role": gettext("systeem"), "organisation": ""}
    rows: list[tuple[str, str]] = [
        (m.organisation_name, role)
        for m in memberships(user)
        if team is None or m.team_id == team.pk
        for role in (sorted(m.roles) or [""])
    ]
    organisations: list[str] = []
    roles: list[str] = []
    labels = dict(TeamRole.choices)
    for organisation, role in rows:
        if organisation and organisation not in organisations:
            organisations.append(organisation)
        label = str(labels.get(role, role)) if role else ""
        if label and label not in roles:
            roles.append(label)
    if not roles and not organisations:
        return {"role": str(user.get_system_role_display()), "organisation": ""}
    return {"role": ", ".join(roles), "organisation": ", ".join(organisations)}


def _canonical(entry: AccessLogEntry, prev: str) -> str:
    payload = {
        "at": entry.at.isoformat(),
        "user": entry.user_id,
        "user_name": entry.user_name,
        "user_role": entry.user_role,
        "organisation": entry.organisation_name,
        "on_behalf_of": entry.on_behalf_of,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "purpose": entry.purpose,
        "residents": sorted(entry.resident_ids),
        "request_id": entry.request_id,
        "prev": prev,
    }
    if entry.key_id:  # entries from before the chain was keyed have no key in their content
        payload["key"] = entry.key_id
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def unkeyed_digest(entry: AccessLogEntry) -> str:
    """Plain SHA-256 of the entry: the hash of a legacy entry, and what a forger can compute."""
    return hashlib.sha256(_canonical(entry, entry.prev_hash).encode()).hexdigest()


def entry_digest(entry: AccessLogEntry) -> str:
    """The hash ``entry`` must carry: its HMAC under ``entry.key_id`` (SHA-256 for legacy)."""
    if entry.key_id == keys.LEGACY:
        return unkeyed_digest(entry)
    return keys.sign(entry.key_id, _canonical(entry, entry.prev_hash))


def log_access(
    *,
    user: User,
    action: AccessAction,
    residents: Iterable[int],
    obj: models.Model | None = None,
    purpose: str = "",
    role: str = "",
    organisation: str = "",
    on_behalf_of: str = "",
) -> AccessLogEntry:
    """Append one entry; joins the caller's transaction (so it commits with the write).

    When neither ``role`` nor ``organisation`` is given, both are filled from the user's
    active memberships (:func:`actor_context`). Entries link in the order they are written,
    whatever the number of writers: on SQLite the append takes the write lock
    (``BEGIN IMMEDIATE``) before it reads the head (:mod:`.access_log_sqlite`); on PostgreSQL
    the head is read, the entry signed against it, and one statement moves the head only if
    it is unchanged and inserts the entry with its resident rows (a conflict appends again
    under the head's lock, :func:`_append_postgres`). Outside a transaction (a reading page)
    the append commits on its own, so the entry is durable before the caller goes on to
    build the page. The HMAC is computed here, so the key never reaches the database.
    """
    resident_ids = sorted({int(r) for r in residents})
    if not role and not organisation:
        context = actor_context(user)
        role, organisation = context["role"], context["organisation"]
    entry = AccessLogEntry(
        at=timezone.now(),
        user=user if user.pk else None,
        user_name=user.get_username(),
        user_role=role[:150],
        organisation_name=organisation[:150],
        on_behalf_of=on_behalf_of[:150],
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        purpose=purpose[:250],
        resident_ids=resident_ids,
        request_id=current_request_id(),
    )
    entry.key_id = keys.signing_key_id()
    if connection.vendor == "postgresql":
        _append_postgres(entry)
    else:
        access_log_sqlite.append(entry)
    return entry


def rotation_entry(entry: AccessLogEntry, *, old: str) -> AccessLogEntry:
    """The entry recording that ``entry.key_id`` signs from here on (``old`` signed before)."""
    new = entry.key_id
    return AccessLogEntry(
        at=entry.at,
        user=None,
        user_name=gettext("systeem"),
        action=AccessAction.KEY_ROTATION,
        object_type="privacy.AccessLogKey",
        object_id=new,
        purpose=f"sleutel {old or '(geen: ongesleutelde regels)'} -> {new}",
        resident_ids=[],
        request_id=entry.request_id,
        key_id=new,
    )


# ---- PostgreSQL: compare-and-set on the head, one statement per append ------------------------


def _append_postgres(entry: AccessLogEntry) -> None:
    """Append ``entry`` on PostgreSQL: optimistically first, locking the head only on a conflict.

    Optimistic: read the head (no lock), sign the entry against it and run one statement that
    moves the head only if it still is that head and no other writer holds it (compare-and-set,
    ``SKIP LOCKED``), and inserts the entry and its resident rows. Outside a transaction that
    statement is its own transaction: two round trips in all (with the lock there were four:
    BEGIN, lock, insert, COMMIT), and the head row is locked only while the one statement runs
    and commits, never across a round trip. When another writer holds or moved the head, or
    the key changed, the statement changes nothing and the append is made under the head's
    row lock (``FOR UPDATE``), waiting in turn as before.
    """
    # Asynchronous commit only when set, and only for a statement that is its own transaction
    # (nothing but this entry in it); never for a write's entry.
    statement = "append"
    if getattr(settings, "ACCESS_LOG_ASYNC_READS", False) and not connection.in_atomic_block:
        statement = "append_async"
    with connection.cursor() as cursor:
        cursor.execute(_sql()["read_head"])
        row = cursor.fetchone()
        head = (row[0], row[1]) if row is not None else None
        if (
            head is not None
            and not _rotates(head, entry.key_id)
            and _store(cursor, entry, head, statement=statement)
        ):
            return
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(_sql()["lock_head"])
        row = cursor.fetchone()
        if row is None:
            cursor.execute(_sql()["create_head"], [GENESIS])
            cursor.execute(_sql()["lock_head"])
            row = cursor.fetchone()
        assert row is not None
        head = (row[0], row[1])
        if _rotates(head, entry.key_id):
            rotation = rotation_entry(entry, old=head[1])
            _store_locked(cursor, rotation, expected=head)
            head = (rotation.hash, rotation.key_id)
        _store_locked(cursor, entry, expected=head)


def _store_locked(
    cursor: CursorWrapper, entry: AccessLogEntry, *, expected: tuple[str, str]
) -> None:
    if not _store(cursor, entry, expected=expected):
        raise RuntimeError("toegangslog: de kop veranderde terwijl hij vergrendeld was")


def _rotates(head: tuple[str, str], key_id: str) -> bool:
    """Whether the next append must first record a key rotation (see :func:`rotation_entry`)."""
    return head[1] != key_id and head[0] != GENESIS


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
    entry.hash = entry_digest(entry)
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
    return statements


# verification lives in its own module; re-exported for the callers that import it from here
from .access_log_verify import ChainProblem, verify_chain  # noqa: E402

__all__ = [
    "GENESIS",
    "ChainProblem",
    "actor_context",
    "entry_digest",
    "log_access",
    "unkeyed_digest",
    "verify_chain",
]
