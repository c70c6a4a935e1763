"""The raw-SQL baseline: the application's own statements, replayed through the driver.

For each measured request the operation first runs in-process (Django's test client on the
benchmark database, inside a transaction that is rolled back) and every statement it sends is
captured exactly as sent (``last_executed_query``: the literal SQL). Then those statements are
sent again through a connection opened with Django's own connection parameters (so the same
``-c jit=off`` and the same client-side binding), without Django: no ORM, no templates, no
middleware, no HTTP. That is the floor for the application's current plan: the same
statements as its best plan (whatever the selectors do now, including the ``EXISTS`` scopes),
the same access-log statement (``privacy.access_log``'s one-statement append, or whatever
replaces it) and the same residents logged (those of the page shown).

Transactions: the savepoints Django adds inside the capture's outer transaction are left out,
and each request's statements run in one transaction. A GET is committed (its access-log entry
is real). A POST is rolled back, because its inserts depend on ids handed out during the
capture, and the cost of one commit of a one-row write (measured in the same run) is added
instead: the WAL flush a write's commit costs.
"""

import re
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.ci_check import ClientSession
from bench.databases import MARKER_TABLE
from bench.loadgen import Response

SAVEPOINT = re.compile(r"^\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b", re.I)


@dataclass
class Captured:
    method: str
    path: str
    statements: list[str] = field(default_factory=list)

    def replayable(self) -> list[str]:
        return [s for s in self.statements if not SAVEPOINT.match(s)]


class CapturingSession(ClientSession):
    """The in-process session, keeping every request's statements in order."""

    def __init__(self) -> None:
        super().__init__()
        self.captured: list[Captured] = []

    def use_cookies(self, cookies: dict[str, str]) -> None:
        """Continue a log-in made over HTTP (the session store is shared)."""
        for name, value in cookies.items():
            self.client.cookies[name] = value
        self.cookies = dict(cookies)

    def request(self, method: str, path: str, data: dict[str, Any] | None = None) -> Response:
        response = super().request(method, path, data)
        self.captured.append(Captured(method, path, list(self.statements)))
        return response


def capture(session: CapturingSession, run: Any) -> tuple[list[Any], list[Captured]]:
    """Run ``run(session)`` in a transaction that is rolled back; its samples and statements."""
    from django.db import transaction

    session.captured = []
    with transaction.atomic():
        samples = run(session)
        transaction.set_rollback(True)
    return samples, session.captured


def split(samples: Sequence[Any], captured: list[Captured]) -> list[tuple[str, list[Captured]]]:
    """The captured requests of each sample (a write's sample covers several requests)."""
    out, start = [], 0
    for s in samples:
        count = getattr(s, "http_requests", 1)
        out.append((s.op, captured[start : start + count]))
        start += count
    return out


class Replayer:
    """A driver connection with Django's connection parameters, outside Django."""

    def __init__(self) -> None:
        from django.db import connection

        self.vendor = connection.vendor
        params = connection.get_connection_params()
        self.conn: Any = connection.Database.connect(**params)
        if self.vendor == "postgresql":
            self.conn.autocommit = False
            self.conn.execute("SELECT set_config('TimeZone', 'UTC', false)")
            self.conn.commit()
        else:
            self.conn.isolation_level = None  # explicit BEGIN below, as Django's IMMEDIATE
        self.errors: list[str] = []
        self.commit_ms = self._commit_cost()

    def close(self) -> None:
        self.conn.close()

    def _begin(self) -> None:
        if self.vendor == "sqlite":
            self.conn.execute("BEGIN IMMEDIATE")

    def _end(self, commit: bool) -> None:
        if self.vendor == "sqlite":
            self.conn.execute("COMMIT" if commit else "ROLLBACK")
        elif commit:
            self.conn.commit()
        else:
            self.conn.rollback()

    def _commit_cost(self, rounds: int = 15) -> float:
        """Median ms of committing a one-row update (the benchmark's marker row)."""
        times = []
        for i in range(rounds):
            self._begin()
            self.conn.execute(
                f"UPDATE {MARKER_TABLE} SET touched = '{i}' WHERE id = 1"  # noqa: S608
            )
            started = time.perf_counter()
            self._end(commit=True)
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)

    def request(self, captured: Captured) -> float:
        """ms to run one request's statements in one transaction (see the module's docstring)."""
        write = captured.method == "POST"
        started = time.perf_counter()
        self._begin()
        try:
            for sql in captured.replayable():
                cur = self.conn.execute(sql)
                if cur.description is not None:
                    cur.fetchall()
        except Exception as exc:
            self._end(commit=False)
            self.errors.append(f"{captured.method} {captured.path}: {str(exc)[:160]}")
            return (time.perf_counter() - started) * 1000
        self._end(commit=not write)
        spent = (time.perf_counter() - started) * 1000
        return spent + (self.commit_ms if write else 0.0)

    def sample(self, requests: list[Captured]) -> float:
        return sum(self.request(c) for c in requests)
