"""Where the cost of one access-log entry goes (issue 17, part 4): Python, statements, commit.

    BENCH_DB_PREFIX=h_alog_ python -m bench.access_log_cost --size small          # PostgreSQL
    BENCH_DB_PREFIX=h_alog_ python -m bench.access_log_cost --size small --src /tmp/before/src

On the benchmark database of ``--size`` (built by ``bench.run``; PostgreSQL unless
``--engine sqlite``), in-process and outside any transaction, as a reading page appends its
entry, it times ``-n`` appends of ``privacy.access_log.log_access`` (the entry of a case page:
a case, its household's residents, the actor's memberships read as a request would) in
alternating blocks of four variants, so that other load on the machine hits all alike:

* ``append``: what a page pays (its statements, their round trips and the commit);
* ``no WAL flush``: the same with ``synchronous_commit = off`` for the session (set before
  the block), so the difference is the commit's WAL flush (fsync) that makes it durable;
* ``python``: only building and signing the entry (``AccessLogEntry``, the actor context, the
  canonical JSON and the HMAC), no database;
* ``round trip``: one ``SELECT 1``, the floor of one statement.

Prints the median, the statements per append and the median time of each statement of
``append`` as the driver returned it (for the last statement outside a transaction this
includes its commit). The entries it writes are real (a valid
chain on the benchmark database, a few hundred rows). ``--src`` measures another copy of
``src/`` (before/after).

``--writers 8``: instead, 8 processes (forked after set-up, each with its own connection)
append ``-n`` entries each at once, as 8 workers would; prints how many appends fell back to
the head's lock (the optimistic compare-and-set found the head moved or held: the lock
statement ``… FOR UPDATE`` without ``SKIP LOCKED`` was sent), the statements per append, the
appends per second, and checks that the new entries form one chain in id order. Since
h-alog3 it also prints the round trips per append (``BEGIN`` and ``COMMIT`` of ``atomic()``
included) and how many appends went to the lock directly, without a compare-and-set (a
process whose last append was contended, ``access_log_postgres.LOCKED_RUN``).
"""

import argparse
import itertools
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import databases, djangoenv


def _variants(case_id: int, user: Any) -> dict[str, Callable[[], None]]:
    from django.db import connection
    from django.utils import timezone

    from wijkteam.cases.models import Case
    from wijkteam.privacy import access_log
    from wijkteam.privacy.constants import AccessAction
    from wijkteam.privacy.models import AccessLogEntry

    case = Case.objects.select_related("household").get(pk=case_id)
    residents = list(case.household.members.values_list("pk", flat=True))

    def append() -> None:
        access_log.log_access(
            user=user, action=AccessAction.READ, residents=residents, obj=case, purpose="bench"
        )

    def python() -> None:
        context = access_log.actor_context(user)
        entry = AccessLogEntry(
            at=timezone.now(),
            user=user,
            user_name=user.get_username(),
            user_role=context["role"],
            organisation_name=context["organisation"],
            action=AccessAction.READ,
            object_type=case._meta.label,
            object_id=str(case.pk),
            purpose="bench",
            resident_ids=sorted(set(residents)),
            key_id="bench",
        )
        entry.prev_hash = "0" * 64
        entry.hash = access_log.entry_digest(entry)

    def round_trip() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    variants = {"append": append, "python": python, "round trip": round_trip}
    if connection.vendor == "postgresql":
        variants["no WAL flush"] = append  # a block of them with synchronous_commit = off
    return variants


def _untimed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    return execute(sql, params, many, context)


def _synchronous_commit(on: bool) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SET synchronous_commit = {'on' if on else 'off'}")


def _writer(case_id: int, username: str, n: int) -> dict[str, int]:
    """One of ``--writers``: ``n`` appends; what they sent (see :func:`_writers`)."""
    from django.db import connection, connections

    from wijkteam.accounts.models import User
    from wijkteam.core import request_cache
    from wijkteam.organisation.policies import memberships

    connections.close_all()  # never the parent's connection (forked)
    user = User.objects.get(username=username)
    request_cache._store.set({})
    memberships(user)
    append = _variants(case_id, user)["append"]
    counts = {"appends": n, "statements": 0, "attempts": 0, "locks": 0, "commits": 0}

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        counts["statements"] += 1
        if sql.rstrip().endswith("FOR UPDATE"):
            counts["locks"] += 1
        elif sql.startswith("SELECT last_hash"):  # the optimistic path's unlocked read
            counts["attempts"] += 1
        return execute(sql, params, many, context)

    commit = connection.commit

    def counted_commit() -> None:  # atomic()'s COMMIT (and the BEGIN psycopg sent before)
        counts["commits"] += 1
        commit()

    connection.commit = counted_commit  # type: ignore[method-assign]
    with connection.execute_wrapper(count):
        for _ in range(n):
            append()
    del connection.commit
    connections.close_all()
    return counts


def _writers(args: argparse.Namespace, case_id: int, username: str) -> int:
    """``--writers``: round trips = statements through the cursor (a string of several
    statements is one round trip) + 2 per ``atomic()`` commit (its ``BEGIN`` and ``COMMIT``);
    every append either succeeds optimistically or is made under the lock, so the failed
    compare-and-sets (the fallbacks) are the attempts minus the optimistic appends."""
    import multiprocessing

    from django.db import connection, connections

    from wijkteam.privacy.models import AccessLogEntry

    start = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    connections.close_all()
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(args.writers) as pool:
        results = pool.starmap(_writer, [(case_id, username, args.n)] * args.writers)
    seconds = time.perf_counter() - started
    total = {key: sum(r[key] for r in results) for key in results[0]}
    appends = total["appends"]
    fallbacks = total["attempts"] - (appends - total["locks"])
    round_trips = total["statements"] + 2 * total["commits"]
    chain = list(
        AccessLogEntry.objects.filter(id__gt=start).order_by("id").values_list("prev_hash", "hash")
    )
    linked = all(b[0] == a[1] for a, b in itertools.pairwise(chain))
    print(f"src: {djangoenv.SRC}  database: {connection.settings_dict['NAME']}")
    print(
        f"{args.writers} writers x {args.n} appends: {appends} appends in {seconds:.1f} s "
        f"({appends / seconds:.0f}/s), round trips per append {round_trips / appends:.2f} "
        f"(statements {total['statements'] / appends:.2f}, atomic() commits {total['commits']})"
    )
    print(
        f"optimistic attempts {total['attempts']}, of which fell back to the lock {fallbacks} "
        f"({100 * fallbacks / max(1, total['attempts']):.1f} % of attempts, "
        f"{100 * fallbacks / appends:.1f} % of appends); under the lock {total['locks']} "
        f"(directly, the process's last append contended: {total['locks'] - fallbacks})"
    )
    print(f"new entries {len(chain)}, one chain in id order: {linked}")
    print(f"load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0 if linked and len(chain) == appends else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", default="small")
    parser.add_argument("--engine", default="postgresql", choices=["sqlite", "postgresql"])
    parser.add_argument("-n", type=int, default=400, help="appends per variant")
    parser.add_argument("--src", default="", help="een andere kopie van src/ meten")
    parser.add_argument("--writers", type=int, default=0, help="processen die tegelijk schrijven")
    args = parser.parse_args(argv)
    if args.src:  # before djangoenv is imported by the child: re-run with BENCH_SRC set
        env = dict(os.environ, BENCH_SRC=str(Path(args.src).resolve()))
        command = [sys.executable, "-m", "bench.access_log_cost", f"--size={args.size}",
                   f"--engine={args.engine}", f"-n={args.n}", f"--writers={args.writers}"]  # fmt: skip
        os.execve(sys.executable, command, env)  # noqa: S606 - fixed arguments
    djangoenv.setup(databases.database_url(args.engine, args.size))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench import ops
    from wijkteam.accounts.models import User
    from wijkteam.core import request_cache
    from wijkteam.organisation.policies import memberships

    targets = ops.find_targets(count=1)
    actor = targets.members[0]
    if args.writers:
        return _writers(args, actor.cases[0], actor.username)
    user = User.objects.get(username=actor.username)
    # as in a request: the scope check has read the memberships (one query, cached)
    request_cache._store.set({})
    memberships(user)
    variants = _variants(actor.cases[0], user)
    times: dict[str, list[float]] = {name: [] for name in variants}
    with CaptureQueriesContext(connection) as ctx:
        variants["append"]()
    statements = [q["sql"].split()[0] for q in ctx.captured_queries]
    for run in variants.values():  # warm-up
        for _ in range(5):
            run()
    statement_ms: dict[str, list[float]] = {}

    def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = (time.perf_counter() - started) * 1000
            statement_ms.setdefault(sql.split()[0], []).append(spent)

    block = 20
    for _ in range(max(1, args.n // block)):
        for name, run in variants.items():
            wrapper = connection.execute_wrapper(timed if name == "append" else _untimed)
            wrapper.__enter__()
            if name == "no WAL flush":
                _synchronous_commit(False)
            for _ in range(block):
                started = time.perf_counter()
                run()
                times[name].append((time.perf_counter() - started) * 1000)
            wrapper.__exit__(None, None, None)
            if connection.vendor == "postgresql":
                _synchronous_commit(True)
    print(f"src: {djangoenv.SRC}  database: {connection.settings_dict['NAME']}")
    print(f"statements per append (outside a transaction): {len(statements)} {statements}")
    for name, values in times.items():
        q1, median, q3 = statistics.quantiles(values, n=4)
        print(
            f"{name:13} median {median:7.3f} ms   (quartiles {q1:.3f} – {q3:.3f}, n={len(values)})"
        )
    for word, values in statement_ms.items():  # BEGIN and COMMIT run outside the wrapper
        print(f"  of which {word:6} median {statistics.median(values):7.3f} ms  (n={len(values)})")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average: {load}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
