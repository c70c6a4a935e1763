"""``make bench`` / ``python -m bench.run``: the benchmark on SQLite and PostgreSQL.

    python -m bench.run                      # small, on SQLite and PostgreSQL (a few minutes)
    python -m bench.run --size city          # city, on PostgreSQL (``make bench SIZE=city``)
    python -m bench.run --ci                 # the CI query-count guard (bench/ci_check.py)

For each engine a child process builds (or reuses) the synthetic municipality, starts gunicorn
on a free port of 127.0.0.1 with ``wijkteam.settings.bench``, logs virtual users in
through the real log-in and TOTP pages, and measures every key operation: sequentially (for
app / raw), under concurrent load (median, p95, queries per request), the mixed workload
(throughput), the case page without its access-log write (A/B) and the same data through
hand-written SQL. The parent prints one table and writes JSON under ``bench/results/``.
"""

import argparse
import contextlib
import datetime
import json
import math
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
VAR = ROOT / "var" / "bench"
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
TARGETS = {"p95_ms": 50.0, "queries": 15, "app_raw": 3.0, "log_overhead": 0.10, "rps": 235.0}


def _log(message: str) -> None:
    print(f"[bench {datetime.datetime.now(datetime.UTC):%H:%M:%S}Z] {message}", flush=True)


# ---------------------------------------------------------------------------------------------
# databases
# ---------------------------------------------------------------------------------------------


def database_url(engine: str, size: str) -> str:
    if engine == "sqlite":
        return f"sqlite:///{VAR / f'{size}.sqlite3'}"
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return f"{base}/wijkteam_bench_{size}"


def _generator_fingerprint() -> str:
    from wijkteam.synthetic.generator import DATA_VERSION, DEFAULT_SEED

    return f"v{DATA_VERSION}-seed{DEFAULT_SEED}"


def _marker(engine: str, size: str) -> Path:
    return VAR / f"{engine}-{size}.json"


def fresh_database(engine: str, size: str) -> None:
    """Drop and create this benchmark's own database (never any other)."""
    VAR.mkdir(parents=True, exist_ok=True)
    _marker(engine, size).unlink(missing_ok=True)
    if engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{VAR / f'{size}.sqlite3'}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    name = f"wijkteam_bench_{size}"
    admin = PG_ADMIN_URL.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_ready(engine: str, size: str) -> bool:
    marker = _marker(engine, size)
    if not marker.exists():
        return False
    return json.loads(marker.read_text()).get("generator") == _generator_fingerprint()


def build(engine: str, size: str) -> dict[str, Any]:
    """Fresh database, migrations, synthetic data; returns the generator's summary."""
    from bench import djangoenv
    from wijkteam.synthetic.generator import SIZES, generate

    _log(f"{engine}: database opnieuw opbouwen ({size})")
    started = time.monotonic()
    djangoenv.migrate()
    migrated = time.monotonic() - started
    result = generate(size=SIZES[size], progress=lambda m: _log(f"{engine}: {m}"))
    summary = dict(result.__dict__)
    summary["migrate_seconds"] = round(migrated, 1)
    summary["generator"] = _generator_fingerprint()
    _marker(engine, size).write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    return summary


# ---------------------------------------------------------------------------------------------
# gunicorn
# ---------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def gunicorn(
    db_url: str, *, workers: int, worker_class: str, threads: int, no_access_log: bool = False
) -> Iterator[int]:
    port = free_port()
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url,
        DJANGO_SETTINGS_MODULE="wijkteam.settings.bench",
        WIJKTEAM_BENCH_STATIC="manifest",
        WIJKTEAM_BENCH_NO_ACCESS_LOG="1" if no_access_log else "0",
    )
    cmd = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "--pythonpath", os.environ.get("BENCH_SRC", str(ROOT / "src")),
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--worker-class", worker_class,
        "--threads", str(threads),
        "--timeout", "120",
        "--log-level", "warning",
        "wijkteam.wsgi",
    ]  # fmt: skip
    log_file = open(VAR / "gunicorn.log", "a", encoding="utf-8")  # noqa: SIM115
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log_file, stderr=log_file)  # noqa: S603
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/inloggen/", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn startte niet; zie {VAR / 'gunicorn.log'}")
            time.sleep(0.3)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log_file.close()


# ---------------------------------------------------------------------------------------------
# measuring (child process)
# ---------------------------------------------------------------------------------------------


def summarise(samples: list[Any]) -> dict[str, dict[str, Any]]:
    from bench.loadgen import percentile

    out: dict[str, dict[str, Any]] = {}
    for op in sorted({s.op for s in samples}):
        mine = [s for s in samples if s.op == op]
        ok = [s for s in mine if s.ok]
        ms = [s.ms for s in ok]
        queries = [s.queries for s in ok if s.queries >= 0]
        out[op] = {
            "requests": len(mine),
            "errors": len(mine) - len(ok),
            "error_examples": sorted({f"{s.status} {s.note}".strip() for s in mine if not s.ok})[
                :3
            ],
            "p50_ms": round(statistics.median(ms), 2) if ms else None,
            "p95_ms": round(percentile(ms, 95), 2) if ms else None,
            "max_ms": round(max(ms), 2) if ms else None,
            "queries_median": statistics.median(queries) if queries else None,
            "queries_max": max(queries) if queries else None,
            "db_ms_median": round(statistics.median([s.db_ms for s in ok]), 2) if ok else None,
            "log_ms_median": round(statistics.median([s.log_ms for s in ok]), 2) if ok else None,
            "app_ms_median": round(statistics.median([s.app_ms for s in ok]), 2) if ok else None,
        }
    return out


def child(args: argparse.Namespace) -> None:
    engine, size = args.child, args.size
    db_url = database_url(engine, size)
    VAR.mkdir(parents=True, exist_ok=True)
    os.environ["WIJKTEAM_BENCH_STATIC"] = "manifest"
    from bench import djangoenv

    djangoenv.setup(db_url)  # does not connect yet
    rebuild = args.rebuild or size != "city" or not database_ready(engine, size)
    if rebuild:
        fresh_database(engine, size)
    summary = build(engine, size) if rebuild else json.loads(_marker(engine, size).read_text())
    if not rebuild:
        _log(f"{engine}: bestaande database {size} hergebruikt (--rebuild om opnieuw te bouwen)")
        djangoenv.migrate()  # migrations added since the build (indexes) apply to the kept data
    if args.build_only:
        Path(args.out).write_text(json.dumps({"engine": engine, "size": size, "data": summary}))
        return
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)

    from django.db import connection

    from bench import ops, raw_sql
    from bench.loadgen import HttpSession, run_load
    from wijkteam.synthetic.generator import PASSWORD, totp_key

    targets = ops.find_targets(count=args.concurrency)
    available = []
    skipped: dict[str, str] = {}
    wanted = {k for k in (args.ops or "").split(",") if k}
    for op in ops.OPERATIONS:
        if wanted and op.key not in wanted:
            skipped[op.key] = "niet gekozen (--ops)"
            continue
        reason = op.unavailable(targets)
        if reason:
            skipped[op.key] = reason
            _log(f"{engine}: '{op.label}' overgeslagen: {reason}")
        else:
            available.append(op)
    connection.close()
    result: dict[str, Any] = {
        "engine": engine,
        "size": size,
        "data": {
            k: summary.get(k) for k in ("counts", "seconds", "checksum", "notes", "migrate_seconds")
        },
        "skipped": skipped,
        "settings": {
            "concurrency": args.concurrency,
            "workers": args.workers,
            "worker_class": args.worker_class,
            "threads": args.threads,
            "sequential_requests": args.sequential,
            "concurrent_requests": args.requests,
            "mixed_requests": args.mixed,
            "time_limit_s": args.duration,
            "cpus": os.cpu_count(),
            "src": os.environ.get("BENCH_SRC", "src"),
            "ops": args.ops or "alle",
        },
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }
    by_key = {op.key: op for op in available}

    def sessions_for(port: int) -> dict[str, HttpSession]:
        logged: dict[str, HttpSession] = {}
        for actor in targets.all_actors():
            s = HttpSession(port)
            s.login(actor.username, PASSWORD, totp_key(actor.username))
            logged[actor.username] = s
        return logged

    def thread_sessions(
        port: int, logged: dict[str, HttpSession], pool: list[Any], count: int
    ) -> list[HttpSession]:
        out = []
        for i in range(count):
            s = HttpSession(port)
            s.share_cookies(logged[pool[i % len(pool)].username])
            out.append(s)
        return out

    def one_op(
        port: int, logged: dict[str, HttpSession], op: Any, requests: int, concurrency: int
    ) -> list[Any]:
        pool = getattr(targets, op.pool)
        sessions = thread_sessions(port, logged, pool, concurrency)
        stats = run_load(
            sessions=sessions,
            pick=lambda t, _n: lambda s, n: op.run(s, pool[t % len(pool)], n),
            requests=requests,
            time_limit=args.duration,
        )
        for s in sessions:
            s.close()
        return stats.samples

    workers = {"workers": args.workers, "worker_class": args.worker_class, "threads": args.threads}
    with gunicorn(db_url, **workers) as port:
        _log(f"{engine}: gunicorn op 127.0.0.1:{port} ({args.workers} workers); inloggen")
        logged = sessions_for(port)
        for op in available:
            one_op(port, logged, op, 3, 1)  # warm-up, not measured
        _log(f"{engine}: per operatie {args.sequential} verzoeken na elkaar")
        sequential: list[Any] = []
        for op in available:
            sequential += one_op(port, logged, op, args.sequential, 1)
        result["sequential"] = summarise(sequential)
        _log(f"{engine}: per operatie {args.requests} verzoeken met {args.concurrency} tegelijk")
        concurrent: list[Any] = []
        for op in available:
            concurrent += one_op(port, logged, op, args.requests, args.concurrency)
        result["concurrent"] = summarise(concurrent)
        weights = {k: w for k, w in ops.MIX_WEIGHTS.items() if k in by_key}
        rng = random.Random(5)  # noqa: S311 - synthetic data, not security
        plan = rng.choices(list(weights), weights=list(weights.values()), k=args.mixed)
        sessions = [HttpSession(port) for _ in range(args.concurrency)]
        session_for_pool: dict[tuple[int, str], HttpSession] = {}

        def mixed_task(t: int, n: int) -> Any:
            op = by_key[plan[n % len(plan)]]
            pool = getattr(targets, op.pool)
            actor = pool[t % len(pool)]

            def run(_s: HttpSession, n: int) -> Any:
                key = (t, op.pool)
                if key not in session_for_pool:
                    session_for_pool[key] = HttpSession(port)
                    session_for_pool[key].share_cookies(logged[actor.username])
                return op.run(session_for_pool[key], actor, n)

            return run

        _log(f"{engine}: gemengde werklast, {args.mixed} taken met {args.concurrency} tegelijk")
        stats = run_load(
            sessions=sessions, pick=mixed_task, requests=args.mixed, time_limit=args.duration
        )
        for s in session_for_pool.values():
            s.close()
        mixed = summarise(stats.samples)
        total = sum(v["requests"] for v in mixed.values())
        errors = sum(v["errors"] for v in mixed.values())
        result["mixed"] = {
            "requests": total,
            "errors": errors,
            "seconds": round(stats.seconds, 2),
            "stopped_by": stats.stopped_by,
            "rps": round((total - errors) / stats.seconds, 1) if stats.seconds else None,
            "per_operation": mixed,
        }
        if "case_page" in by_key:
            result["access_log_ab"] = access_log_ab(
                engine, db_url, port, logged, targets, by_key["case_page"], args, workers
            )
        for s in logged.values():
            s.close()
    _log(f"{engine}: dezelfde gegevens met eigen SQL via de driver")
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    raw = raw_sql.Raw(db_url)
    raw_times: dict[str, list[float]] = {}
    for op in available:
        pool = getattr(targets, op.pool)
        for n in range(3 + args.sequential):
            for key, seconds in raw_sql.measure(raw, op.key, pool[0], n).items():
                if n >= 3:
                    raw_times.setdefault(key, []).append(seconds * 1000)
    raw.close()
    result["raw"] = {k: {"p50_ms": round(statistics.median(v), 3)} for k, v in raw_times.items()}
    Path(args.out).write_text(json.dumps(result, indent=2, ensure_ascii=False))


def access_log_ab(
    engine: str,
    db_url: str,
    port_a: int,
    logged: dict[str, Any],
    targets: Any,
    op: Any,
    args: argparse.Namespace,
    workers: dict[str, Any],
) -> dict[str, Any]:
    """The case page with (A) and without (B) its access-log write, on two servers side by side.

    Requests alternate A, B, A, B on the same cases, so that other load on the machine hits both
    alike. Sessions live in the database, so the same cookies work on both servers.
    """
    from bench.loadgen import HttpSession

    _log(f"{engine}: casuspagina met en zonder toegangslog (A/B, afwisselend)")
    pool = targets.members
    samples: dict[str, list[Any]] = {"A": [], "B": []}
    with gunicorn(db_url, no_access_log=True, **workers) as port_b:
        clients = {}
        for name, port in (("A", port_a), ("B", port_b)):
            session = HttpSession(port)
            session.share_cookies(logged[pool[0].username])
            clients[name] = session
        rounds = max(60, 2 * args.sequential)
        for n in range(rounds + 6):
            for name in ("A", "B") if n % 2 == 0 else ("B", "A"):
                got = op.run(clients[name], pool[0], n)
                if n >= 6:  # the first rounds warm both servers up
                    samples[name] += got
        for session in clients.values():
            session.close()
    a = summarise(samples["A"])["case_page"]
    b = summarise(samples["B"])["case_page"]
    return {
        "rounds": rounds,
        "with_p50_ms": a["p50_ms"],
        "without_p50_ms": b["p50_ms"],
        "with_app_ms": a["app_ms_median"],
        "without_app_ms": b["app_ms_median"],
        "overhead": round(_ratio(a["p50_ms"], b["p50_ms"]) - 1, 4),
        "overhead_server": round(_ratio(a["app_ms_median"], b["app_ms_median"]) - 1, 4),
        "with_queries": a["queries_max"],
        "without_queries": b["queries_max"],
        "log_sql_ms_median": a["log_ms_median"],
        "errors": a["errors"] + b["errors"],
    }


def _ratio(a: float | None, b: float | None) -> float:
    if not a or not b:
        return math.nan
    return round(a / b, 3)


# ---------------------------------------------------------------------------------------------
# report (parent)
# ---------------------------------------------------------------------------------------------


def report(results: list[dict[str, Any]]) -> list[str]:
    from bench.ops import OPERATIONS, SAMPLE_LABELS

    key_pages = {o.key for o in OPERATIONS if o.key_page} | {"decision_request", "decision_take"}
    lines = []
    for res in results:
        s = res["settings"]
        lines.append("")
        lines.append(
            f"== {res['engine']} · {res['size']} · {s['concurrency']} tegelijk · gunicorn "
            f"{s['workers']}×{s['worker_class']} · {s['cpus']} cpu's · belasting (1 min) vooraf "
            f"{res.get('load_average_before', ['?'])[0]}, na afloop {res.get('load_average_after', ['?'])[0]} =="
        )
        header = (
            f"{'operatie':28} {'p50 ms':>8} {'p95 ms':>8} {'seq p50':>8} {'django':>8} "
            f"{'sql ms':>8} {'queries':>8} {'raw ms':>8} {'app/raw':>8} {'fouten':>7}"
        )
        lines.append(header)
        lines.append("-" * len(header))
        legend = (
            "p50/p95: onder last; seq p50: na elkaar; django: tijd in Django (X-App-Ms); "
            "sql ms: tijd in de queries van Django (X-Db-Ms); raw: eigen SQL via de driver"
        )
        for key, label in SAMPLE_LABELS.items():
            conc = res.get("concurrent", {}).get(key)
            seq = res.get("sequential", {}).get(key)
            raw = res.get("raw", {}).get(key)
            if conc is None:
                reason = res["skipped"].get(key) or res["skipped"].get(
                    "decision" if key.startswith("decision") else key, ""
                )
                lines.append(f"{label:28} {'— overgeslagen: ' + reason if reason else '—'}")
                continue
            ratio = _ratio(seq and seq["p50_ms"], raw and raw["p50_ms"])
            lines.append(
                f"{label:28} {_f(conc['p50_ms'])} {_f(conc['p95_ms'])} {_f(seq and seq['p50_ms'])} "
                f"{_f(seq and seq['app_ms_median'])} {_f(seq and seq['db_ms_median'], 2)} "
                f"{_f(conc['queries_max'], 0)} {_f(raw and raw['p50_ms'], 2)} {_f(ratio, 2)} "
                f"{conc['errors'] + (seq['errors'] if seq else 0):>7}"
            )
            for example in conc["error_examples"]:
                lines.append(f"{'':28}   fout: {example}")
        lines.append(legend)
        mixed = res.get("mixed")
        if mixed:
            lines.append(
                f"gemengde werklast: {mixed['requests']} verzoeken in {mixed['seconds']} s = "
                f"{mixed['rps']} verzoeken/s ({mixed['errors']} fouten, gestopt op {mixed['stopped_by']})"
            )
        ab = res.get("access_log_ab")
        if ab:
            lines.append(
                f"toegangslog op de casuspagina (A/B, {ab['rounds']}× afwisselend): "
                f"{ab['with_p50_ms']} vs {ab['without_p50_ms']} ms (+{ab['overhead'] * 100:.1f}%); "
                f"in Django {ab['with_app_ms']} vs {ab['without_app_ms']} ms "
                f"(+{ab['overhead_server'] * 100:.1f}%); SQL van het log {ab['log_sql_ms_median']} ms; "
                f"queries {ab['with_queries']} vs {ab['without_queries']}"
            )
        lines.append("doelen (gehaald?):")
        conc = res.get("concurrent", {})
        p95 = {
            k: v["p95_ms"] for k, v in conc.items() if k in key_pages and v["p95_ms"] is not None
        }
        worst = max(p95.items(), key=lambda kv: kv[1]) if p95 else ("–", math.nan)
        lines.append(
            f"  p95 < {TARGETS['p95_ms']:.0f} ms op elke pagina: {_yes(worst[1] < TARGETS['p95_ms'])} (hoogste: {worst[0]} {worst[1]} ms)"
        )
        qmax = {
            k: v["queries_max"]
            for k, v in conc.items()
            if k in key_pages and v["queries_max"] is not None
        }
        worst_q = max(qmax.items(), key=lambda kv: kv[1]) if qmax else ("–", math.nan)
        lines.append(
            f"  ≤ {TARGETS['queries']} queries per pagina: {_yes(worst_q[1] <= TARGETS['queries'])} (hoogste: {worst_q[0]} {worst_q[1]})"
        )
        ratios = {
            k: _ratio(res["sequential"][k]["p50_ms"], res["raw"][k]["p50_ms"])
            for k in res.get("raw", {})
            if k in res.get("sequential", {})
        }
        worst_r = max(ratios.items(), key=lambda kv: kv[1]) if ratios else ("–", math.nan)
        lines.append(
            f"  app / raw ≤ {TARGETS['app_raw']:.0f}: {_yes(worst_r[1] <= TARGETS['app_raw'])} (hoogste: {worst_r[0]} {worst_r[1]})"
        )
        if ab:
            lines.append(
                f"  toegangslog ≤ {TARGETS['log_overhead'] * 100:.0f}% van de casuspagina: "
                f"{_yes(ab['overhead'] <= TARGETS['log_overhead'])} "
                f"(+{ab['overhead'] * 100:.1f}%)"
            )
        if mixed:
            lines.append(
                f"  ≥ {TARGETS['rps']:.0f} verzoeken/s gemengd: {_yes((mixed['rps'] or 0) >= TARGETS['rps'])} ({mixed['rps']})"
            )
    return lines


def _f(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return f"{'–':>8}"
    return f"{value:>8.{digits}f}"


def _yes(ok: bool) -> str:
    return "ja" if ok else "NEE"


def _postgres_reachable() -> bool:
    import psycopg

    try:
        with psycopg.connect(
            PG_ADMIN_URL.replace("postgres://", "postgresql://", 1), connect_timeout=3
        ):
            return True
    except psycopg.Error:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--size",
        default=os.environ.get("BENCH_SIZE") or os.environ.get("SIZE") or "small",
        choices=["tiny", "small", "city"],
    )
    parser.add_argument(
        "--engines",
        default=os.environ.get("BENCH_ENGINES", ""),
        help="sqlite,postgresql (standaard: beide; city alleen postgresql)",
    )
    parser.add_argument(
        "--concurrency", type=int, default=int(os.environ.get("BENCH_CONCURRENCY", "8"))
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1))),
    )
    parser.add_argument("--worker-class", default=os.environ.get("BENCH_WORKER_CLASS", "sync"))
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--sequential", type=int, default=30, help="verzoeken per operatie na elkaar"
    )
    parser.add_argument(
        "--requests", type=int, default=200, help="verzoeken per operatie onder last"
    )
    parser.add_argument("--mixed", type=int, default=3000, help="taken in de gemengde werklast")
    parser.add_argument("--duration", type=float, default=120.0, help="tijdslimiet per fase (s)")
    parser.add_argument(
        "--rebuild", action="store_true", help="bouw de gegevens opnieuw, ook voor city"
    )
    parser.add_argument("--build-only", action="store_true", help="alleen de gegevens bouwen")
    parser.add_argument("--ops", default="", help="alleen deze operaties, bv. queue,case_page")
    parser.add_argument(
        "--src",
        default="",
        help="bron voor gunicorn (experiment met een aangepaste kopie van src/; standaard src/)",
    )
    parser.add_argument("--ci", action="store_true", help="alleen de querybewaking voor CI")
    parser.add_argument("--child", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.ci:
        from bench import ci_check

        return ci_check.main([])
    if args.src:
        os.environ["BENCH_SRC"] = str(Path(args.src).resolve())
    if args.child:
        child(args)
        return 0
    engines = [e for e in args.engines.split(",") if e] or (
        ["postgresql"] if args.size == "city" else ["sqlite", "postgresql"]
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    VAR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    results = []
    if "postgresql" in engines and not _postgres_reachable():
        _log(f"PostgreSQL is niet bereikbaar op {PG_ADMIN_URL}: alleen SQLite (zie BENCH_PG_URL)")
        engines = [e for e in engines if e != "postgresql"]
    for engine in engines:
        out = VAR / f"result-{engine}-{args.size}.json"
        out.unlink(missing_ok=True)
        cmd = [
            sys.executable,
            "-m",
            "bench.run",
            "--child",
            engine,
            "--out",
            str(out),
            *(argv if argv is not None else sys.argv[1:]),
        ]
        _log(f"{engine}: start")
        code = subprocess.call(cmd, cwd=ROOT)  # noqa: S603
        if code != 0 or not out.exists():
            _log(f"{engine}: mislukt (exit {code})")
            return code or 1
        results.append(json.loads(out.read_text()))
    if args.build_only:
        for res in results:
            _log(f"{res['engine']}: gebouwd in {res['data'].get('seconds', {}).get('totaal')} s")
        return 0
    lines = report(results)
    print("\n".join(lines))
    path = RESULTS / f"{stamp}-{args.size}.json"
    path.write_text(
        json.dumps(
            {"size": args.size, "targets": TARGETS, "results": results},
            indent=2,
            ensure_ascii=False,
        )
    )
    print(f"\nresultaten: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
