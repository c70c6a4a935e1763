"""One engine's measurements (the child process of ``bench.run``).

Builds or reuses the database, starts gunicorn (one instance, or ``--instances 2`` sharing one
Redis), logs many virtual users in through the real log-in and TOTP pages, and measures:

1. the reference: an empty page through the full middleware stack (``/_bench/leeg/``, bench
   URL conf only), one at a time and under load; every figure is also given as a ratio to it;
2. each operation one at a time (seq p50) and with ``--concurrency`` at a time (p50, p95);
3. the mixed workload, counting HTTP requests (a write is its form, its POST and the page it
   redirects to);
4. the access-log A/B on the case page, repeated until its confidence interval is narrow;
5. the raw floor: the application's own statements replayed through the driver (``replay``).

The load generator's virtual users are processes; the user and case of each request are drawn
in turn from ``--actors`` members (not only as many as run concurrently).
"""

import argparse
import datetime
import json
import os
import random
import statistics
from pathlib import Path
from typing import Any

from bench import abtest, databases, ops
from bench.loadgen import HttpSession, Sample, run_load
from bench.report import summarise
from bench.server import ServerConfig, gunicorn

LOG_TARGET = 0.10


def log(message: str) -> None:
    print(f"[bench {datetime.datetime.now(datetime.UTC):%H:%M:%S}Z] {message}", flush=True)


class Clients:
    """One HTTP session per actor, made on first use in whichever process uses it."""

    def __init__(self, ports: list[int], cookies: dict[str, dict[str, str]]) -> None:
        self.ports = ports
        self.cookies = cookies
        self.sessions: dict[str, HttpSession] = {}

    def of(self, actor: ops.Actor) -> HttpSession:
        session = self.sessions.get(actor.username)
        if session is None:
            session = HttpSession(self.ports)
            session.cookies = dict(self.cookies[actor.username])
            self.sessions[actor.username] = session
        return session

    def close(self) -> None:
        """Close every connection (before forking: children must open their own)."""
        for session in self.sessions.values():
            session.close()


def login_all(ports: list[int], actors: list[ops.Actor]) -> dict[str, dict[str, str]]:
    from wijkteam.synthetic.generator import PASSWORD, totp_key

    cookies = {}
    for actor in actors:
        session = HttpSession(ports)
        session.login(actor.username, PASSWORD, totp_key(actor.username))
        cookies[actor.username] = dict(session.cookies)
        session.close()
    return cookies


def _actor(pool: list[ops.Actor], n: int) -> ops.Actor:
    return pool[n % len(pool)]


def sequential(
    clients: Clients, targets: ops.Targets, op: ops.Operation, count: int
) -> list[Sample]:
    pool = getattr(targets, op.pool)
    out: list[Sample] = []
    for n in range(count):
        actor = _actor(pool, n)
        out += op.run(clients.of(actor), actor, n)
    return out


def concurrent(
    clients: Clients, targets: ops.Targets, op: ops.Operation, args: argparse.Namespace, count: int
) -> tuple[list[Sample], float]:
    pool = getattr(targets, op.pool)
    clients.close()
    placeholders = [HttpSession(clients.ports) for _ in range(args.concurrency)]

    def pick(_index: int, n: int) -> Any:
        actor = _actor(pool, n)
        return lambda _s, m: op.run(clients.of(actor), actor, m)

    stats = run_load(sessions=placeholders, pick=pick, requests=count, time_limit=args.duration)
    return stats.samples, stats.seconds


def mixed(clients: Clients, targets: ops.Targets, by_key: dict[str, ops.Operation],
          args: argparse.Namespace) -> dict[str, Any]:  # fmt: skip
    weights = {k: w for k, w in ops.MIX_WEIGHTS.items() if k in by_key}
    rng = random.Random(5)  # noqa: S311 - synthetic data, not security
    plan = rng.choices(list(weights), weights=list(weights.values()), k=args.mixed)
    clients.close()
    placeholders = [HttpSession(clients.ports) for _ in range(args.concurrency)]

    def pick(_index: int, n: int) -> Any:
        op = by_key[plan[n % len(plan)]]
        actor = _actor(getattr(targets, op.pool), n)
        return lambda _s, m: op.run(clients.of(actor), actor, m)

    stats = run_load(
        sessions=placeholders, pick=pick, requests=args.mixed, time_limit=args.duration
    )
    http = sum(s.http_requests for s in stats.samples)
    ok_http = sum(s.http_requests for s in stats.samples if s.ok)
    return {
        "actions": len(stats.samples),
        "requests": http,
        "errors": sum(1 for s in stats.samples if not s.ok),
        "seconds": round(stats.seconds, 2),
        "stopped_by": stats.stopped_by,
        "rps": round(ok_http / stats.seconds, 1) if stats.seconds else None,
        "actions_per_s": round(sum(1 for s in stats.samples if s.ok) / stats.seconds, 1)
        if stats.seconds
        else None,
        "per_operation": summarise(stats.samples),
    }


def access_log_ab(db_url: str, config: ServerConfig, port_a: int, cookies: dict[str, dict[str, str]],
                  targets: ops.Targets, op: ops.Operation, args: argparse.Namespace) -> dict[str, Any]:  # fmt: skip
    log("casuspagina met en zonder toegangslog (A/B, afwisselend, tot het interval smal is)")
    pool = targets.members
    with gunicorn(db_url, config, no_access_log=True) as ports_b:
        a, b = Clients([port_a], cookies), Clients(ports_b, cookies)

        def pair(n: int, a_first: bool) -> tuple[float, float] | None:
            actor = _actor(pool, n)
            got: dict[str, Sample] = {}
            for name, clients in (("A", a), ("B", b)) if a_first else (("B", b), ("A", a)):
                got[name] = op.run(clients.of(actor), actor, n // len(pool))[0]
            if not (got["A"].ok and got["B"].ok):
                return None
            return got["A"].ms, got["B"].ms

        result = abtest.run_rounds(
            pair, target=LOG_TARGET, precision=args.ab_precision, max_rounds=args.ab_max_rounds
        )
        a.close()
        b.close()
    return result


def raw_floor(targets: ops.Targets, available: list[ops.Operation],
              cookies: dict[str, dict[str, str]], count: int) -> dict[str, Any]:  # fmt: skip
    from django.db import connection

    from bench.replay import CapturingSession, Replayer, capture, split

    replayer = Replayer()
    times: dict[str, list[float]] = {}
    statements: dict[str, int] = {}
    sessions: dict[str, CapturingSession] = {}
    for op in available:
        pool = getattr(targets, op.pool)
        for n in range(3 + count):
            actor = _actor(pool, n)
            if actor.username not in sessions:
                sessions[actor.username] = CapturingSession()
                sessions[actor.username].use_cookies(cookies[actor.username])
            samples, captured = capture(
                sessions[actor.username], lambda s, a=actor, m=n, o=op: o.run(s, a, m)
            )
            for key, requests in split(samples, captured):
                ms = replayer.sample(requests)
                if n >= 3:
                    times.setdefault(key, []).append(ms)
                    statements[key] = max(
                        statements.get(key, 0), sum(len(r.replayable()) for r in requests)
                    )
    replayer.close()
    connection.close()
    out: dict[str, Any] = {
        k: {"p50_ms": round(statistics.median(v), 3), "statements": statements[k]}
        for k, v in times.items()
    }
    out["_commit_ms"] = round(replayer.commit_ms, 3)
    out["_errors"] = replayer.errors[:5]
    out["_error_count"] = len(replayer.errors)
    return out


def prepare(args: argparse.Namespace, engine: str, db_url: str) -> dict[str, Any]:
    """Database built (or reused and migrated), static files collected; the data summary."""
    from bench import djangoenv

    size = args.size
    rebuild = args.rebuild or not databases.kept(size) or not databases.database_ready(engine, size)
    if rebuild:
        databases.fresh_database(engine, size)
        return databases.build(engine, size, log)
    log(
        f"{engine}: bestaande database {databases.database_name(size)} hergebruikt (--rebuild om opnieuw te bouwen)"
    )
    djangoenv.migrate_if_needed()  # migrations added since the build (indexes) reach the data
    return dict(json.loads(databases.marker_file(engine, size).read_text()))


def child(args: argparse.Namespace) -> None:
    engine, size = args.child, args.size
    db_url = databases.database_url(engine, size)
    databases.VAR.mkdir(parents=True, exist_ok=True)
    config = ServerConfig(
        workers=args.workers, worker_class=args.worker_class, threads=args.threads,
        cache=args.cache, cache_prefix=f"bench-{databases.database_name(size)}",
    )  # fmt: skip
    os.environ.update(
        WIJKTEAM_BENCH_STATIC="manifest", WIJKTEAM_CACHE=config.cache,
        WIJKTEAM_CACHE_PREFIX=config.cache_prefix,
    )  # fmt: skip
    from bench import djangoenv

    djangoenv.setup(db_url)
    summary = prepare(args, engine, db_url)
    if args.build_only:
        Path(args.out).write_text(json.dumps({"engine": engine, "size": size, "data": summary}))
        return
    from django.core.management import call_command
    from django.db import connection

    call_command("collectstatic", interactive=False, verbosity=0)
    targets = ops.find_targets(count=args.actors)
    wanted = {k for k in (args.ops or "").split(",") if k}
    available, skipped = [], {}
    for op in ops.OPERATIONS:
        reason = (
            "niet gekozen (--ops)" if wanted and op.key not in wanted else op.unavailable(targets)
        )
        if reason:
            skipped[op.key] = reason
        else:
            available.append(op)
    connection.close()
    by_key = {op.key: op for op in available}
    result: dict[str, Any] = {
        "engine": engine, "size": size, "database": databases.database_name(size),
        "data": {k: summary.get(k) for k in ("counts", "seconds", "checksum", "notes", "migrate_seconds")},
        "skipped": skipped,
        "settings": {
            "concurrency": args.concurrency, "workers": args.workers, "instances": args.instances,
            "worker_class": args.worker_class, "threads": args.threads, "cache": args.cache,
            "actors": {k: len(getattr(targets, k)) for k in ops.POOLS},
            "sequential_requests": args.sequential, "concurrent_requests": args.requests,
            "mixed_tasks": args.mixed, "time_limit_s": args.duration, "cpus": os.cpu_count(),
            "src": os.environ.get("BENCH_SRC", "src"), "ops": args.ops or "alle",
            "load_generator": f"{args.concurrency} processen",
        },
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }  # fmt: skip
    with gunicorn(db_url, config, instances=args.instances) as ports:
        log(
            f"{engine}: gunicorn {args.instances}× op {ports} ({args.workers} workers elk); inloggen"
        )
        cookies = login_all(ports, targets.all_actors())
        clients = Clients(ports, cookies)
        measured = [ops.EMPTY, *available]
        for op in measured:
            sequential(clients, targets, op, 3)  # warm-up, not measured
        log(f"{engine}: per operatie {args.sequential} verzoeken na elkaar")
        seq: list[Sample] = []
        for op in measured:
            seq += sequential(clients, targets, op, args.sequential)
        result["sequential"] = summarise(seq)
        log(f"{engine}: per operatie {args.requests} verzoeken met {args.concurrency} tegelijk")
        conc: list[Sample] = []
        for op in available:
            conc += concurrent(clients, targets, op, args, args.requests)[0]
        result["concurrent"] = summarise(conc)
        empty, seconds = concurrent(clients, targets, ops.EMPTY, args, args.empty_requests)
        result["concurrent"].update(summarise(empty))
        ok = sum(1 for s in empty if s.ok)
        result["reference"] = {
            "rps": round(ok / seconds, 1),
            "requests": len(empty),
            "errors": len(empty) - ok,
        }
        if args.mixed > 0 and any(k in by_key for k in ops.MIX_WEIGHTS):
            log(f"{engine}: gemengde werklast, {args.mixed} taken met {args.concurrency} tegelijk")
            result["mixed"] = mixed(clients, targets, by_key, args)
        else:  # --mixed 0, or --ops without an operation of the mix (the reports only)
            log(
                f"{engine}: geen gemengde werklast (--mixed 0 of geen operatie van de mix in --ops)"
            )
        clients.close()
        if "case_page" in by_key and args.ab:
            result["access_log_ab"] = access_log_ab(
                db_url, config, ports[0], cookies, targets, by_key["case_page"], args
            )
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    if args.raw:
        log(f"{engine}: ondergrens: dezelfde statements van de applicatie via de driver")
        result["raw"] = raw_floor(targets, available, cookies, args.sequential)
    Path(args.out).write_text(json.dumps(result, indent=2, ensure_ascii=False))
