"""The access-log append on SQLite in hand-written statements (``privacy.access_log_sqlite``).

It must leave exactly the rows the ORM path left before it (entry, resident rows, head), the
hashes the verifier recomputes, and its own transaction (``BEGIN IMMEDIATE``) outside a
write, the write's inside one.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from wijkteam.privacy import access_log
from wijkteam.privacy.access_log import ChainProblem, entry_digest, log_access, verify_chain
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry, AccessLogHead, AccessLogResident
from wijkteam.testing.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="het SQLite-pad van de toegangslog"),
]

AWKWARD = "Cliëntondersteuner '<&>\"' zei: ok \\ 👍 %s %% ?"


def _orm_append(entry: AccessLogEntry) -> None:
    """The ORM append the hand-written one replaced (the reference for the rows it writes)."""
    with transaction.atomic():
        head, _ = AccessLogHead.objects.get_or_create(
            id=1, defaults={"last_hash": access_log.GENESIS}
        )
        entry.prev_hash = head.last_hash
        entry.hash = entry_digest(entry)
        entry.save()
        AccessLogResident.objects.bulk_create(
            [AccessLogResident(entry=entry, resident_id=r, at=entry.at) for r in entry.resident_ids]
        )
        head.last_hash, head.last_entry_id, head.key_id = entry.hash, entry.pk, entry.key_id
        head.save(update_fields=["last_hash", "last_entry_id", "key_id"])


def _raw(table: str, where: str, value: int) -> list[dict]:
    """The rows as SQLite holds them (no converters): column name -> stored value."""
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{table}" WHERE "{where}" = %s ORDER BY "id"', [value])  # noqa: S608
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _problem() -> ChainProblem | None:
    return next((i for i in verify_chain(batch_size=3) if isinstance(i, ChainProblem)), None)


@pytest.mark.parametrize("system", [False, True])
def test_the_rows_are_the_ones_the_orm_wrote(system: bool):
    """Entry, resident rows and head, column for column as stored (the moment's text, the
    JSON of the ids, NULL for a system actor), for the same entry written both ways."""
    user = UserFactory()
    actor = UserFactory.build(pk=None) if system else user
    log_access(user=user, action=AccessAction.READ, residents=[1], purpose="kop")
    ours = log_access(
        user=actor,
        action=AccessAction.SEARCH,
        residents=[12, 3, 12, 7],
        obj=user,
        purpose=AWKWARD,
        role=AWKWARD,
        on_behalf_of=AWKWARD,
    )
    theirs = AccessLogEntry(
        **{
            f.attname: getattr(ours, f.attname)
            for f in AccessLogEntry._meta.concrete_fields
            if f.attname not in {"id", "prev_hash", "hash"}
        }
    )
    _orm_append(theirs)
    table, residents = AccessLogEntry._meta.db_table, AccessLogResident._meta.db_table
    (ours_row,) = _raw(table, "id", ours.pk)
    (theirs_row,) = _raw(table, "id", theirs.pk)
    own = {"id", "prev_hash", "hash"}
    assert len(ours_row) == len(AccessLogEntry._meta.concrete_fields)
    assert {k: v for k, v in ours_row.items() if k not in own} == {
        k: v for k, v in theirs_row.items() if k not in own
    }
    assert ours_row["user_id"] == (None if system else user.pk)
    assert ours_row["resident_ids"] == "[3, 7, 12]"
    assert ours_row["purpose"] == AWKWARD
    # the resident rows: the same order and moment text, each with its own entry's id
    ours_residents = _raw(residents, "entry_id", ours.pk)
    theirs_residents = _raw(residents, "entry_id", theirs.pk)
    assert [(r["resident_id"], r["at"]) for r in ours_residents] == [
        (r["resident_id"], r["at"]) for r in theirs_residents
    ]
    assert [r["resident_id"] for r in ours_residents] == [3, 7, 12]
    assert [r["at"] for r in ours_residents] == [ours_row["at"]] * 3
    # the hashes as the verifier recomputes them, linked in id order
    stored = AccessLogEntry.objects.get(pk=ours.pk)
    assert stored.hash == ours.hash == entry_digest(stored)
    assert theirs.prev_hash == ours.hash
    assert _problem() is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reading_entry_is_its_own_immediate_transaction_and_committed():
    user = UserFactory()
    log_access(user=user, action=AccessAction.READ, residents=[1])
    with CaptureQueriesContext(connection) as ctx:
        entry = log_access(user=user, action=AccessAction.READ, residents=[2, 3], role="r")
    sql = [q["sql"].split()[0] for q in ctx.captured_queries]
    assert sql == ["BEGIN", "SELECT", "INSERT", "INSERT", "UPDATE", "COMMIT"]
    assert ctx.captured_queries[0]["sql"] == "BEGIN IMMEDIATE"
    assert not connection.connection.in_transaction  # committed when log_access returns
    head = AccessLogHead.objects.get(id=1)
    assert (head.last_hash, head.last_entry_id, head.key_id) == (entry.hash, entry.pk, entry.key_id)
    with CaptureQueriesContext(connection) as ctx:
        log_access(user=user, action=AccessAction.SEARCH, residents=[])
    assert "privacy_accesslogresident" not in " ".join(q["sql"] for q in ctx.captured_queries)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_writes_entry_joins_the_write_and_rolls_back_with_it():
    user = UserFactory()
    first = log_access(user=user, action=AccessAction.READ, residents=[1])
    with pytest.raises(LookupError), transaction.atomic():
        with CaptureQueriesContext(connection) as ctx:
            gone = log_access(user=user, action=AccessAction.READ, residents=[2], role="r")
        assert [q["sql"].split()[0] for q in ctx.captured_queries] == [
            "SELECT", "INSERT", "INSERT", "UPDATE"
        ]  # fmt: skip
        raise LookupError
    assert not AccessLogEntry.objects.filter(pk=gone.pk).exists()
    assert not AccessLogResident.objects.filter(entry_id=gone.pk).exists()
    assert AccessLogHead.objects.get(id=1).last_hash == first.hash
    after = log_access(user=user, action=AccessAction.READ, residents=[3])
    assert after.prev_hash == first.hash
    assert _problem() is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_append_rolls_its_own_transaction_back(monkeypatch):
    user = UserFactory()
    first = log_access(user=user, action=AccessAction.READ, residents=[1])
    monkeypatch.setitem(
        access_log.access_log_sqlite._sql(),
        "move_head",
        "UPDATE no_such_table SET x = %s, y = %s WHERE z = %s",
    )
    with pytest.raises(Exception, match="no_such_table"):
        log_access(user=user, action=AccessAction.READ, residents=[2])
    assert not connection.connection.in_transaction
    assert AccessLogEntry.objects.count() == 1
    assert not AccessLogResident.objects.exclude(entry_id=first.pk).exists()
    monkeypatch.undo()
    after = log_access(user=user, action=AccessAction.READ, residents=[3])
    assert after.prev_hash == first.hash
    assert _problem() is None


def test_without_a_head_the_append_creates_it():
    AccessLogHead.objects.filter(id=1).delete()
    entry = log_access(user=UserFactory(), action=AccessAction.READ, residents=[4])
    assert entry.prev_hash == access_log.GENESIS
    head = AccessLogHead.objects.get(id=1)
    assert (head.last_hash, head.last_entry_id) == (entry.hash, entry.pk)
    assert _problem() is None
