"""The access-log append on PostgreSQL when the head is contended (``access_log_postgres``).

After a compare-and-set that failed, a process appends its next ``LOCKED_RUN`` entries under
the head's lock directly: a reading page's in its own transaction of two round trips
(``BEGIN; SELECT … FOR UPDATE``, then the append and ``COMMIT``), a write's joined to the
write. The guarantees are those of the optimistic path (test_access_log_append.py): the entry
has committed when ``log_access`` returns (a reading page) or commits with the write; no
transaction is left open, also when the append fails; and entries from many connections, on
both paths at once, form one chain in id order that ``verify_chain`` accepts.
"""

import itertools
import threading
import time

import psycopg
import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from wijkteam.privacy import access_log_postgres
from wijkteam.privacy.access_log import ChainProblem, verify_chain
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry, AccessLogHead
from wijkteam.settings.access_log import DEV_KEYS
from wijkteam.testing.factories import UserFactory

from .helpers import head_statements, read_entry

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="het toevoegen onder de vergrendeling van de kop is alleen voor PostgreSQL",
    ),
]


def _words(ctx: CaptureQueriesContext) -> list[str]:
    return [q.split()[0] for q in head_statements(ctx)]


def _idle() -> bool:
    return connection.connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE


def _problem() -> ChainProblem | None:
    return next((i for i in verify_chain(batch_size=7) if isinstance(i, ChainProblem)), None)


def _in_thread(work) -> list:
    """Run ``work`` on another connection (another thread's); its result, or [] if it hung."""
    result: list = []

    def run() -> None:
        try:
            result.append(work())
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    return result


def _visible_elsewhere(entry_id: int) -> bool:
    return _in_thread(lambda: AccessLogEntry.objects.filter(pk=entry_id).exists()) == [True]


def test_after_a_failed_compare_and_set_the_next_appends_go_to_the_lock_then_try_again(
    monkeypatch,
):
    monkeypatch.setattr(access_log_postgres, "LOCKED_RUN", 2)
    user = UserFactory()
    first = read_entry(user)
    with monkeypatch.context() as patch:  # another writer moved the head after the read
        patch.setitem(access_log_postgres._sql(), "read_head", f"SELECT '{'f' * 64}', 'dev'")
        with CaptureQueriesContext(connection) as ctx:
            second = read_entry(user, 2)
    assert _words(ctx) == ["WITH", "BEGIN;", "WITH"]  # failed, then the lock: 2 round trips
    assert second.prev_hash == first.hash and _idle() and _visible_elsewhere(second.pk)
    assert access_log_postgres._locked_left == 2
    previous = second
    for n in (4, 6):  # the run: straight to the lock, no compare-and-set before it
        with CaptureQueriesContext(connection) as ctx:
            entry = read_entry(user, n)
        sql = head_statements(ctx)
        assert sql[0].startswith("BEGIN; SELECT") and sql[0].endswith("FOR UPDATE")
        assert "SKIP LOCKED" not in sql[0]
        assert sql[1].startswith("WITH") and sql[1].endswith("; COMMIT") and len(sql) == 2
        assert entry.prev_hash == previous.hash and entry.pk > previous.pk
        assert _idle()  # committed when log_access returns: durable before the page is built
        assert _visible_elsewhere(entry.pk)
        previous = entry
    with CaptureQueriesContext(connection) as ctx:  # after the run: optimistic again
        last = read_entry(user, 8)
    assert _words(ctx) == ["SELECT", "WITH"]
    assert "FOR UPDATE" not in head_statements(ctx)[0]
    assert last.prev_hash == previous.hash
    assert AccessLogHead.objects.get(id=1).last_hash == last.hash
    assert _problem() is None


def test_a_writes_entry_under_the_lock_joins_the_write_and_rolls_back_with_it():
    user = UserFactory()
    first = read_entry(user)
    access_log_postgres._locked_left = 5
    with transaction.atomic(), CaptureQueriesContext(connection) as ctx:
        a = read_entry(user, 2)
        b = read_entry(user, 4)
        assert not _visible_elsewhere(a.pk)
    sql = head_statements(ctx)
    assert _words(ctx) == ["SELECT", "WITH", "SELECT", "WITH"]  # no BEGIN or COMMIT of its own
    assert sql[0].endswith("FOR UPDATE") and not any("COMMIT" in q for q in sql)
    assert _visible_elsewhere(b.pk)
    assert (a.prev_hash, b.prev_hash) == (first.hash, a.hash)
    with pytest.raises(LookupError), transaction.atomic():
        gone = read_entry(user, 6)
        raise LookupError
    assert not AccessLogEntry.objects.filter(pk=gone.pk).exists()
    after = read_entry(user, 8)  # still in the run: its own transaction
    assert after.prev_hash == b.hash and _idle()
    assert _problem() is None


@pytest.mark.parametrize(
    "broken",
    [
        # the server refuses the append: the transaction is aborted, COMMIT never runs
        lambda sql: sql.replace("SELECT id FROM e;", "SELECT id / 0 FROM e;"),
        # the driver refuses it before sending: the transaction is still open, head locked
        lambda sql: "SELECT 1; COMMIT",
    ],
    ids=["server", "client"],
)
def test_a_failure_under_the_lock_rolls_its_own_transaction_back(monkeypatch, broken):
    user = UserFactory()
    first = read_entry(user)
    count = AccessLogEntry.objects.count()
    access_log_postgres._locked_left = 1
    statements = access_log_postgres._sql()
    monkeypatch.setitem(statements, "append_commit", broken(statements["append_commit"]))
    with pytest.raises(DatabaseError):  # from the server or from the driver
        read_entry(user, 2)
    assert _idle()  # nothing left open on the connection, the head's lock released
    assert AccessLogEntry.objects.count() == count
    assert AccessLogHead.objects.get(id=1).last_hash == first.hash
    monkeypatch.undo()
    other = _in_thread(lambda: read_entry(user, 4))  # another connection is not kept waiting
    assert len(other) == 1 and other[0].prev_hash == first.hash
    assert _problem() is None


def test_a_key_rotation_under_the_lock_commits_with_the_entry(settings):
    user = UserFactory()
    old = read_entry(user)
    settings.ACCESS_LOG_KEYS = {"k2": "ab" * 32, **DEV_KEYS}
    with CaptureQueriesContext(connection) as ctx:
        new = read_entry(user, 2)
    # the optimistic read sees the key changed; the rotation and the entry in one transaction
    assert _words(ctx) == ["SELECT", "BEGIN;", "WITH", "WITH"]
    assert head_statements(ctx)[-1].endswith("; COMMIT") and not head_statements(ctx)[-2].endswith(
        "COMMIT"
    )
    rotation = AccessLogEntry.objects.get(pk=new.pk - 1)
    assert (rotation.action, rotation.object_id, rotation.prev_hash) == (
        AccessAction.KEY_ROTATION,
        "k2",
        old.hash,
    )
    assert new.prev_hash == rotation.hash and new.key_id == "k2" and _idle()
    assert _problem() is None


def test_asynchronous_commit_under_the_lock_stays_local_to_the_entrys_transaction(settings):
    def show() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    user = UserFactory()
    read_entry(user)
    access_log_postgres._locked_left = 1
    with CaptureQueriesContext(connection) as ctx:
        read_entry(user, 2)
    assert "synchronous_commit" not in head_statements(ctx)[-1]  # off by default: durable
    settings.ACCESS_LOG_ASYNC_READS = True
    access_log_postgres._locked_left = 1
    with CaptureQueriesContext(connection) as ctx:
        entry = read_entry(user, 4)
    last = head_statements(ctx)[-1]
    assert "set_config('synchronous_commit', 'off', true)" in last and last.endswith("; COMMIT")
    assert show() == "on" and _idle() and _visible_elsewhere(entry.pk)
    access_log_postgres._locked_left = 1
    with transaction.atomic(), CaptureQueriesContext(connection) as ctx:
        read_entry(user, 6)  # a write's entry: never asynchronous
    assert "synchronous_commit" not in head_statements(ctx)[-1]
    assert _problem() is None


def test_without_client_side_binding_the_lock_is_taken_in_atomic(monkeypatch):
    """``server_side_binding``: one statement per string, so the lock path uses atomic()."""
    user = UserFactory()
    first = read_entry(user)
    monkeypatch.setattr(access_log_postgres.psycopg, "ClientCursor", type("Other", (), {}))
    access_log_postgres._locked_left = 1
    with CaptureQueriesContext(connection) as ctx:
        entry = read_entry(user, 2)
    assert _words(ctx) == ["SELECT", "WITH"] and head_statements(ctx)[0].endswith("FOR UPDATE")
    assert entry.prev_hash == first.hash and _idle() and _visible_elsewhere(entry.pk)
    assert _problem() is None


def test_many_connections_on_both_paths_at_once_form_one_chain_in_id_order(monkeypatch):
    """Eight threads (readers, writers holding the head across two entries, writers that roll
    back) append at once, the process switching between the compare-and-set and the lock: every
    entry kept, one unbroken chain in id order, and the lock path taken both in a reading
    page's own transaction and inside writes."""
    monkeypatch.setattr(access_log_postgres, "LOCKED_RUN", 4)
    users = [UserFactory() for _ in range(8)]
    read_entry(users[0])
    access_log_postgres._locked_left = 12  # start contended
    errors: list[BaseException] = []
    seen = {"own": 0, "joined": 0, "optimistic": 0}
    rounds = 10

    def count(execute, sql, params, many, context):
        if sql.startswith("BEGIN; SELECT"):
            seen["own"] += 1
        elif sql.endswith("FOR UPDATE"):
            seen["joined"] += 1
        elif sql.startswith("SELECT last_hash"):
            seen["optimistic"] += 1
        return execute(sql, params, many, context)

    def reader(user) -> None:
        for n in range(rounds):
            read_entry(user, n)

    def writer(user) -> None:
        for n in range(rounds // 2):
            with transaction.atomic():
                read_entry(user, n)
                time.sleep(0.002)
                read_entry(user, n + 100)

    def failing_writer(user) -> None:
        for n in range(rounds // 2):
            with pytest.raises(LookupError), transaction.atomic():
                read_entry(user, n)
                raise LookupError
            read_entry(user, n + 200)

    def run(target, user) -> None:
        try:
            with connection.execute_wrapper(count):
                target(user)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    kinds = [reader, writer, failing_writer, reader, writer, reader, failing_writer, reader]
    threads = [threading.Thread(target=run, args=(k, u)) for k, u in zip(kinds, users, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    expected = 1 + 4 * rounds + 2 * rounds + 2 * (rounds // 2)
    chain = list(AccessLogEntry.objects.order_by("id").values_list("prev_hash", "hash"))
    assert len(chain) == expected  # none lost, none of the rolled-back ones kept
    assert all(b[0] == a[1] for a, b in itertools.pairwise(chain))  # id order = chain order
    assert AccessLogHead.objects.get(id=1).last_hash == chain[-1][1]
    assert seen["own"] >= 1 and seen["optimistic"] >= 1
    assert seen["own"] + seen["joined"] >= 10  # the run set up front, whichever thread took it
    assert _problem() is None
