"""Writing and verifying the NEN 7513 access log.

Every selector that reads resident data calls :func:`log_access` once per request with all
residents it shows, inside the same transaction as any write. Each entry's hash covers its own
content and the previous entry's hash; :func:`verify_chain` names the first entry where the
chain breaks (a changed, deleted or inserted row).
"""

import functools
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from wijkteam.accounts.models import User
from wijkteam.core.request_context import current_request_id
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.models import Team
from wijkteam.organisation.policies import memberships

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
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_digest(entry: AccessLogEntry) -> str:
    return hashlib.sha256(_canonical(entry, entry.prev_hash).encode()).hexdigest()


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
    active memberships (:func:`actor_context`). The chain's head row is locked for the append,
    so entries link in the order they are written, whatever the number of writers.
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
    if connection.vendor == "postgresql" and _append_in_one_statement(entry):
        return entry
    with transaction.atomic():
        head, _ = AccessLogHead.objects.select_for_update().get_or_create(
            id=1, defaults={"last_hash": GENESIS}
        )
        entry.prev_hash = head.last_hash
        entry.hash = entry_digest(entry)
        entry.save()
        AccessLogResident.objects.bulk_create(
            [AccessLogResident(entry=entry, resident_id=r, at=entry.at) for r in resident_ids]
        )
        head.last_hash = entry.hash
        head.last_entry_id = entry.pk
        head.save(update_fields=["last_hash", "last_entry_id"])
    return entry


# --------------------------------------------------------------------------------------------
# PostgreSQL: the whole append in one statement
# --------------------------------------------------------------------------------------------

_PREV = "@@prev@@"
_ENTRY_COLUMNS = (
    "at", "user_id", "user_name", "user_role", "organisation_name", "on_behalf_of", "action",
    "object_type", "object_id", "purpose", "resident_ids", "request_id",
)  # fmt: skip


@functools.cache
def _append_sql() -> str:
    """The statement, built once from the models' table names (constants, never input).

    ``head`` locks the chain's head row (``FOR UPDATE``: a concurrent append waits, then reads
    the head as that append left it); ``e`` inserts the entry linked to it, its hash computed
    by the database over exactly the bytes :func:`entry_digest` hashes (the canonical JSON
    with the previous hash in its place); ``r`` inserts the resident rows; ``h`` moves the head.
    Needs PostgreSQL 11 or newer (``sha256``).
    """
    entry, resident, head = (
        m._meta.db_table for m in (AccessLogEntry, AccessLogResident, AccessLogHead)
    )
    columns = ", ".join(_ENTRY_COLUMNS)
    values = ", ".join("%s::jsonb" if c == "resident_ids" else "%s" for c in _ENTRY_COLUMNS)
    # Table and column names come from the models, every value is a parameter.
    return (
        f"WITH head AS (SELECT last_hash FROM {head} WHERE id = 1 FOR UPDATE), "  # noqa: S608
        f"e AS (INSERT INTO {entry} ({columns}, prev_hash, hash) "
        f"SELECT {values}, head.last_hash, "
        f"encode(sha256(convert_to(%s::text || head.last_hash || %s::text, 'UTF8')), 'hex') "
        f"FROM head "
        f"RETURNING id, prev_hash, hash), "
        f"r AS (INSERT INTO {resident} (entry_id, resident_id, at) "
        f"SELECT e.id, x, %s FROM e, unnest(%s::bigint[]) AS x), "
        f"h AS (UPDATE {head} SET last_hash = e.hash, last_entry_id = e.id FROM e "
        f"WHERE {head}.id = 1) "
        f"SELECT id, prev_hash, hash FROM e"
    )


def _append_in_one_statement(entry: AccessLogEntry) -> bool:
    """Append ``entry`` with one statement (one round trip, no ORM); False without a head row.

    The SQLite path does the same in a transaction of three ORM statements after locking the
    head; both produce the rows :func:`verify_chain` checks (tested on both engines).
    """
    token = f'"prev":"{_PREV}"'
    before, after = _canonical(entry, _PREV).split(token)  # values are escaped: one occurrence
    values = [
        json.dumps(entry.resident_ids) if column == "resident_ids" else getattr(entry, column)
        for column in _ENTRY_COLUMNS
    ]
    params = [*values, f'{before}"prev":"', f'"{after}', entry.at, entry.resident_ids]
    with connection.cursor() as cursor:
        cursor.execute(_append_sql(), params)
        row = cursor.fetchone()
    if row is None:  # a database without a head row yet: the ORM path creates it
        return False
    entry.pk, entry.prev_hash, entry.hash = row
    entry._state.adding = False
    entry._state.db = connection.alias
    return True


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int
    problem: str


def verify_chain(*, batch_size: int = 5000) -> Iterator[int | ChainProblem]:
    """Walk the chain in id order; yields progress counts and, at the first break, a problem."""
    previous = None
    checked = 0
    qs = AccessLogEntry.objects.order_by("id")
    last_id = 0
    while True:
        batch = list(qs.filter(id__gt=last_id)[:batch_size])
        if not batch:
            break
        for entry in batch:
            expected_prev = GENESIS if previous is None else previous.hash
            if previous is None and entry.prev_hash != GENESIS:
                # Older entries may have been removed by retention: the first remaining entry
                # anchors the chain, but only when a retention record says so.
                from .retention_anchor import is_anchor

                if not is_anchor(entry):
                    yield ChainProblem(entry.pk, "deleted_before")
                    return
            elif entry.prev_hash != expected_prev:
                yield ChainProblem(entry.pk, "broken_link")
                return
            if entry_digest(entry) != entry.hash:
                yield ChainProblem(entry.pk, "changed")
                return
            previous = entry
            checked += 1
        last_id = batch[-1].pk
        yield checked
    head = AccessLogHead.objects.filter(id=1).first()
    if head is not None and previous is not None and head.last_hash != previous.hash:
        yield ChainProblem(previous.pk, "deleted_after")
