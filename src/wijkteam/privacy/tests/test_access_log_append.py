"""How an access-log entry is appended on PostgreSQL (compare-and-set on the chain's head).

The guarantees tested here (docs/privacy.md, "The access log"): a reading page's entry is
committed before ``log_access`` returns, so before the page is built; a write's entry commits
with the write; and whatever the number of writers, in or outside transactions, the entries
form one unbroken chain in id order that ``verify_chain`` accepts.
"""

import itertools
import threading

import psycopg
import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from wijkteam.privacy import access_log, access_log_postgres
from wijkteam.privacy.access_log import ChainProblem, verify_chain
from wijkteam.privacy.models import AccessLogEntry, AccessLogHead, AccessLogResident
from wijkteam.testing.factories import UserFactory

from .helpers import head_statements, read_entry

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="het optimistische toevoegen (compare-and-set op de kop) is alleen voor PostgreSQL",
    ),
]


def _idle() -> bool:
    """No transaction left open on this thread's connection (Django believes autocommit)."""
    return connection.connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE


def _problem() -> ChainProblem | None:
    return next((i for i in verify_chain(batch_size=7) if isinstance(i, ChainProblem)), None)


def _visible_elsewhere(entry_id: int) -> bool:
    """Whether another connection (another thread's) sees the entry: it is committed."""
    seen: list[bool] = []

    def look() -> None:
        try:
            seen.append(AccessLogEntry.objects.filter(pk=entry_id).exists())
        finally:
            connections.close_all()

    thread = threading.Thread(target=look)
    thread.start()
    thread.join()
    return seen == [True]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reading_entry_is_two_statements_and_committed_when_log_access_returns():
    user = UserFactory()
    read_entry(user)  # the head exists
    with CaptureQueriesContext(connection) as ctx:
        entry = read_entry(user, 5)
    # two round trips, no BEGIN, lock or COMMIT of their own: read the head, compare-and-set
    assert [q.split()[0] for q in head_statements(ctx)] == ["SELECT", "WITH"]
    assert "FOR UPDATE" not in head_statements(ctx)[0]
    assert not connection.in_atomic_block
    assert _visible_elsewhere(entry.pk)  # durable before the page is built
    assert sorted(
        AccessLogResident.objects.filter(entry_id=entry.pk).values_list("resident_id", flat=True)
    ) == [5, 6]
    assert _problem() is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_writes_entry_commits_with_the_write_and_not_before():
    user = UserFactory()
    read_entry(user)
    with transaction.atomic():
        entry = read_entry(user, 7)
        assert not _visible_elsewhere(entry.pk)
    assert _visible_elsewhere(entry.pk)
    with pytest.raises(RuntimeError), transaction.atomic():
        gone = read_entry(user, 9)
        raise RuntimeError("de schrijfactie mislukt")
    assert not AccessLogEntry.objects.filter(pk=gone.pk).exists()
    after = read_entry(user, 11)
    assert after.prev_hash == entry.hash
    assert _problem() is None


def test_a_head_moved_since_it_was_read_is_appended_to_under_the_lock(monkeypatch):
    user = UserFactory()
    first = read_entry(user)
    # another writer moved the head between the read and the compare-and-set
    monkeypatch.setitem(access_log_postgres._sql(), "read_head", f"SELECT '{'f' * 64}', 'dev'")
    with CaptureQueriesContext(connection) as ctx:
        second = read_entry(user, 3)
    sql = head_statements(ctx)  # (the read of the head is the stand-in above)
    assert [q.split()[0] for q in sql] == ["WITH", "SELECT", "WITH"]
    assert "FOR UPDATE" in sql[1] and "SKIP LOCKED" not in sql[1]
    assert second.prev_hash == first.hash
    assert AccessLogHead.objects.get(id=1).last_hash == second.hash
    assert not AccessLogEntry.objects.filter(prev_hash="f" * 64).exists()
    assert _problem() is None


def test_without_a_head_the_append_locks_and_creates_it():
    user = UserFactory()
    AccessLogHead.objects.filter(id=1).delete()
    with CaptureQueriesContext(connection) as ctx:
        first = read_entry(user)
    assert [q.split()[0] for q in head_statements(ctx)] == [
        "SELECT",
        "SELECT",
        "INSERT",
        "SELECT",
        "WITH",
    ]
    assert "FOR UPDATE" in head_statements(ctx)[1]
    assert first.prev_hash == access_log.GENESIS
    second = read_entry(user, 1)
    assert second.prev_hash == first.hash
    assert _problem() is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_head_held_by_another_writer_is_waited_for_under_the_lock():
    """The compare-and-set never waits (SKIP LOCKED); the append then queues for the lock."""
    user = UserFactory()
    read_entry(user)
    held, done = threading.Event(), threading.Event()
    holder: list[AccessLogEntry] = []

    def write() -> None:  # a write whose transaction holds the head a while
        try:
            with transaction.atomic():
                holder.append(read_entry(user, 50))
                held.set()
                done.wait(5)
        finally:
            connections.close_all()

    thread = threading.Thread(target=write)
    thread.start()
    assert held.wait(5)
    threading.Timer(0.3, done.set).start()
    with CaptureQueriesContext(connection) as ctx:
        entry = read_entry(user, 60)
    thread.join()
    sql = head_statements(ctx)
    # the compare-and-set failed; then the lock in its own transaction, two round trips
    assert [q.split()[0] for q in sql] == ["SELECT", "WITH", "BEGIN;", "WITH"]
    assert sql[2].endswith("FOR UPDATE") and sql[3].endswith("; COMMIT")
    assert entry.prev_hash == holder[0].hash and entry.pk > holder[0].pk
    assert _visible_elsewhere(entry.pk) and _idle()
    assert _problem() is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_appends_in_and_outside_transactions_form_one_chain_in_id_order():
    """Readers (autocommit), writers (two entries in one transaction, holding the head a while)
    and writers whose transaction rolls back, in parallel connections: one unbroken chain."""
    import time

    users = [UserFactory() for _ in range(6)]
    errors: list[BaseException] = []
    rounds = 12

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
            try:
                with transaction.atomic():
                    read_entry(user, n)
                    raise LookupError
            except LookupError:
                pass
            read_entry(user, n + 200)

    def run(target, user) -> None:
        try:
            target(user)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    kinds = [reader, reader, writer, writer, failing_writer, reader]
    threads = [threading.Thread(target=run, args=(k, u)) for k, u in zip(kinds, users, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    expected = 3 * rounds + 2 * rounds + rounds // 2
    assert AccessLogEntry.objects.count() == expected
    chain = list(AccessLogEntry.objects.order_by("id").values_list("prev_hash", "hash"))
    assert all(b[0] == a[1] for a, b in itertools.pairwise(chain))  # id order = chain
    assert AccessLogHead.objects.get(id=1).last_hash == chain[-1][1]
    assert _problem() is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_asynchronous_commit_is_opt_in_and_only_for_an_entry_in_its_own_transaction(settings):
    """``ACCESS_LOG_ASYNC_READS``: a reading page's entry commits without waiting for the WAL
    flush; the setting stays local to that statement's transaction; a write's entry (in the
    write's transaction) always waits for the flush."""

    def show() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    user = UserFactory()
    read_entry(user)
    with CaptureQueriesContext(connection) as ctx:
        read_entry(user, 1)
    assert "synchronous_commit" not in head_statements(ctx)[-1]  # off by default: durable
    settings.ACCESS_LOG_ASYNC_READS = True
    with CaptureQueriesContext(connection) as ctx:
        entry = read_entry(user, 2)
    assert "set_config('synchronous_commit', 'off', true)" in head_statements(ctx)[-1]
    assert show() == "on"  # only that statement's own transaction committed asynchronously
    assert _visible_elsewhere(entry.pk)
    with transaction.atomic(), CaptureQueriesContext(connection) as ctx:
        read_entry(user, 3)
    assert "synchronous_commit" not in head_statements(ctx)[-1]
    assert _problem() is None
