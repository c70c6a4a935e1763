"""``make bench`` / ``python -m bench.run``: the benchmark on SQLite and PostgreSQL.

    python -m bench.run                      # small, on SQLite and PostgreSQL (a few minutes)
    python -m bench.run --size town          # town (25,000 residents), PostgreSQL
    python -m bench.run --size city          # city, on PostgreSQL (``make bench SIZE=city``)
    python -m bench.run --size town --instances 2   # two gunicorns sharing one Redis
    python -m bench.run --ci                 # the CI query-count guard (bench/ci_check.py)

For each engine a child process (``bench.measure``) builds or reuses the synthetic
municipality in the benchmark's own database (``BENCH_DB_PREFIX``; a database it did not
create is never dropped, ``bench.databases``), starts gunicorn with
``wijkteam.settings.bench`` and measures the reference (an empty page), every key operation,
the mixed workload, the access-log A/B and the raw floor. The parent prints one table per
engine (``bench.report``) and writes JSON under ``bench/results/``.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

from bench import databases, sizes
from bench.databases import ROOT, VAR
from bench.report import TARGETS, report

RESULTS = ROOT / "bench" / "results"
database_url = databases.database_url  # kept for bench.explain and bench.profile


def _log(message: str) -> None:
    print(f"[bench {datetime.datetime.now(datetime.UTC):%H:%M:%S}Z] {message}", flush=True)


def _postgres_reachable() -> bool:
    import psycopg

    try:
        with psycopg.connect(databases.admin_url(), connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def _without_cache(argv: list[str]) -> list[str]:
    """The arguments for the child, minus ``--cache`` (the parent passes the resolved one)."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--cache":
            skip = True
        elif not arg.startswith("--cache="):
            out.append(arg)
    return out


def parser() -> argparse.ArgumentParser:
    env = os.environ.get
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument(
        "--size", default=env("BENCH_SIZE") or env("SIZE") or "small", choices=sizes.NAMES
    )
    p.add_argument(
        "--engines",
        default=env("BENCH_ENGINES", ""),
        help="sqlite,postgresql (standaard: beide; town en city alleen postgresql)",
    )
    p.add_argument("--concurrency", type=int, default=int(env("BENCH_CONCURRENCY", "8")))
    p.add_argument(
        "--workers",
        type=int,
        default=int(env("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1))),
        help="gunicorn-workers per instantie",
    )
    p.add_argument(
        "--instances",
        type=int,
        default=int(env("BENCH_INSTANCES", "1")),
        help="aantal gunicorn-instanties (round robin; >1 vraagt de Redis-cache)",
    )
    p.add_argument(
        "--cache",
        choices=["redis", "local"],
        default=env("BENCH_CACHE", ""),
        help="sessies/gebruiker/tweede factor uit Redis (standaard als Redis draait) of niet",
    )
    p.add_argument("--worker-class", default=env("BENCH_WORKER_CLASS", "sync"))
    p.add_argument("--threads", type=int, default=1)
    p.add_argument(
        "--actors", type=int, default=48, help="teamleden waarover de verzoeken gespreid worden"
    )
    p.add_argument("--sequential", type=int, default=30, help="verzoeken per operatie na elkaar")
    p.add_argument("--requests", type=int, default=200, help="verzoeken per operatie onder last")
    p.add_argument(
        "--empty-requests", type=int, default=2000, help="lege pagina's onder last (referentie)"
    )
    p.add_argument("--mixed", type=int, default=3000, help="taken in de gemengde werklast")
    p.add_argument("--duration", type=float, default=120.0, help="tijdslimiet per fase (s)")
    p.add_argument(
        "--ab-precision", type=float, default=0.02, help="halve breedte van het A/B-interval"
    )
    p.add_argument("--ab-max-rounds", type=int, default=400)
    p.add_argument("--no-ab", dest="ab", action="store_false", help="sla de toegangslog-A/B over")
    p.add_argument("--no-raw", dest="raw", action="store_false", help="sla de raw-ondergrens over")
    p.add_argument(
        "--rebuild", action="store_true", help="bouw de gegevens opnieuw, ook voor town/city"
    )
    p.add_argument("--build-only", action="store_true", help="alleen de gegevens bouwen")
    p.add_argument(
        "--drop",
        action="store_true",
        help="verwijder de database van deze grootte (alleen een eigen)",
    )
    p.add_argument("--ops", default="", help="alleen deze operaties, bv. queue,case_page")
    p.add_argument(
        "--src", default="", help="bron voor gunicorn (experiment met een kopie van src/)"
    )
    p.add_argument("--ci", action="store_true", help="alleen de querybewaking voor CI")
    p.add_argument("--child", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    return p  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.ci:
        from bench import ci_check

        return ci_check.main([])
    if args.src:
        os.environ["BENCH_SRC"] = str(Path(args.src).resolve())
    if not args.cache:
        from bench.server import redis_reachable

        args.cache = "redis" if redis_reachable() else "local"
    if args.instances > 1 and args.cache != "redis":
        _log("meer instanties vragen een gedeelde cache: --cache redis (Redis op 127.0.0.1:6379)")
        return 2
    if args.child:
        from bench.measure import child

        child(args)
        return 0
    if args.drop:
        name = databases.database_name(args.size)
        dropped = databases.pg_drop(name)
        _log(f"{name}: {'verwijderd' if dropped else 'bestond niet'}")
        databases.marker_file("postgresql", args.size).unlink(missing_ok=True)
        return 0
    engines = [e for e in args.engines.split(",") if e] or (
        ["sqlite", "postgresql"] if args.size in ("tiny", "small") else ["postgresql"]
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    VAR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    if "postgresql" in engines and not _postgres_reachable():
        _log(
            f"PostgreSQL is niet bereikbaar op {databases.PG_ADMIN_URL}: alleen SQLite (zie BENCH_PG_URL)"
        )
        engines = [e for e in engines if e != "postgresql"]
    passed = _without_cache(argv if argv is not None else sys.argv[1:])
    results = []
    for engine in engines:
        out = VAR / f"result-{engine}-{args.size}.json"
        out.unlink(missing_ok=True)
        cmd = [sys.executable, "-m", "bench.run", "--child", engine, "--out", str(out),
               "--cache", args.cache, *passed]  # fmt: skip
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
    print("\n".join(report(results)))
    path = (
        RESULTS
        / f"{stamp}-{args.size}{'-x' + str(args.instances) if args.instances > 1 else ''}.json"
    )
    payload = {"size": args.size, "argv": passed, "targets": TARGETS, "results": results}
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False))
    print(f"\nresultaten: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
