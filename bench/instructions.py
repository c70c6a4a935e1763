"""CPU instructions per request of key pages, counted by valgrind's callgrind (not timed).

    python -m bench.instructions                                  # tiny, SQLite, the hot pages
    python -m bench.instructions --ops case_page,queue -n 20
    python -m bench.instructions --src /tmp/before/src            # the same for another copy of src/
    python -m bench.instructions --ops tab_besluiten,tab_plan     # one tab of the case page

``tab_<name>`` (a tab of ``bench.ops.CASE_TABS``) counts that one tab of the case page, on the
actor's cases in turn (``case_tab`` takes the tabs in turn and so averages over them).

Wall-clock time on a shared, busy machine varies by a factor of four between runs; the number
of instructions a request executes does not (to a fraction of a percent). For each operation a
child process sets Django up on the benchmark database (build it first:
``python -m bench.run --size tiny --engines sqlite --build-only``), logs the operation's actor in
through an in-process test client (as ``bench.ci_check`` does), warms up with a few runs, and
only then switches callgrind's counting on (``CALLGRIND_ZERO_STATS``) for ``-n`` runs and dumps
the count (``CALLGRIND_DUMP_STATS``). Start-up, imports, log-in and warm-up are not counted.
Those two client requests are valgrind macros, so a tiny C helper is compiled once into
``var/bench/`` (needs ``cc`` and valgrind's headers, ``valgrind-dev``/``valgrind`` on Debian).

Counts everything the request runs in this process: middleware, view, ORM, templates and the
SQLite library (the database's own work for SQLite; for PostgreSQL only the client side).
``PYTHONHASHSEED=0`` keeps dict and set order, and so the instruction count, the same
between runs.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import sizes
from bench.databases import database_name as database_name_of
from bench.databases import database_url, sqlite_path

ROOT = Path(__file__).resolve().parent.parent
HELPER_DIR = ROOT / "var" / "bench"
HELPER_C = """#include <valgrind/callgrind.h>
void wt_count_start(void) { CALLGRIND_START_INSTRUMENTATION; CALLGRIND_ZERO_STATS; }
void wt_count_dump(void) { CALLGRIND_DUMP_STATS_AT("measured"); }
"""
DEFAULT_OPS = "empty,layout,case_page,case_tab,queue,caseload,start"


def _helper() -> Path:
    """The shared library with the two callgrind client requests (compiled once)."""
    HELPER_DIR.mkdir(parents=True, exist_ok=True)
    lib = HELPER_DIR / "callgrind_helper.so"
    source = HELPER_DIR / "callgrind_helper.c"
    if not lib.exists() or not source.exists() or source.read_text() != HELPER_C:
        source.write_text(HELPER_C)
        cc = shutil.which("cc")
        if cc is None:
            raise SystemExit("bench.instructions heeft een C-compiler (cc) nodig")
        compile_helper = [cc, "-O1", "-shared", "-fPIC", "-o", str(lib), str(source)]
        subprocess.run(compile_helper, check=True)  # noqa: S603 - fixed arguments
    return lib


def tab_operation(key: str) -> Any:
    """``tab_<name>``: the case page's tab ``<name>`` only (``bench.ops.CASE_TABS``), or None."""
    from bench import ops

    tab = key.removeprefix("tab_")
    if not key.startswith("tab_") or tab not in ops.CASE_TABS:
        return None

    def _tab(s: Any, a: Any, n: int) -> list[Any]:
        path = f"{ops.url('cases:detail', ops._pick(a.cases, n))}?onderdeel={tab}"
        return [ops.sample(key, s.get(path))]

    return ops.Operation(key, f"tabblad {tab}", "cases:detail", "members", _tab, needs="cases")


def _inner(args: argparse.Namespace) -> int:
    """Child under callgrind: set up, log in, warm up, count ``-n`` runs of one operation."""
    import ctypes

    os.environ["WIJKTEAM_CACHE"] = args.cache
    os.environ.setdefault("WIJKTEAM_CACHE_PREFIX", f"instr-{database_name_of(args.size)}")
    from bench import djangoenv

    djangoenv.setup(args.database_url or database_url(args.engine, args.size))
    from bench import ops
    from bench.ci_check import ClientSession
    from bench.loadgen import HttpSession
    from wijkteam.synthetic.generator import PASSWORD, totp_key

    def _start(s: HttpSession, a: ops.Actor, n: int) -> list[ops.Sample]:
        return [ops.sample("start", s.get("/"))]

    start = ops.Operation("start", "startpagina", "home", "members", _start, key_page=False)
    targets = ops.find_targets(count=1)
    tab = tab_operation(args.op)
    op = tab or next(o for o in [*ops.OPERATIONS, ops.EMPTY, ops.LAYOUT, start] if o.key == args.op)
    actor = getattr(targets, op.pool)[0]
    session = ClientSession()
    session.login(actor.username, PASSWORD, totp_key(actor.username))
    for n in range(args.warmup):
        op.run(session, actor, n)
    helper = ctypes.CDLL(args.helper)
    requests = 0
    failed = 0
    helper.wt_count_start()
    for n in range(args.n):
        for s in op.run(session, actor, n):
            requests += s.http_requests
            failed += 0 if s.ok else 1
    helper.wt_count_dump()
    print(json.dumps({"requests": requests, "failed": failed}))
    return 0


def _instructions(out_dir: Path) -> int:
    """The instruction count of the dump made by ``wt_count_dump`` (part 1)."""
    for dump in sorted(out_dir.glob("cg.*.1")):
        for line in dump.read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise RuntimeError(f"geen callgrind-dump in {out_dir}")


def _fresh_copy(args: argparse.Namespace, tmp: str) -> list[str]:
    """``--fresh-copy``: the child works on a copy of the SQLite database made just now, so a
    write flow (plan change, aanvraag + besluit) meets the same rows on every run."""
    if not args.fresh_copy:
        return []
    if args.engine != "sqlite":
        raise SystemExit("--fresh-copy kan alleen met --engine sqlite")
    source = sqlite_path(args.size)
    if not source.exists():
        raise SystemExit(f"{source} bestaat niet: bouw tiny eerst (zie bench/README.md)")
    copy = Path(tmp) / source.name
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{copy}{suffix}")
    return [f"--database-url=sqlite:///{copy}"]


def measure(op: str, args: argparse.Namespace, helper: Path) -> tuple[float, int, int]:
    """(instructions per request, requests, failed) of ``op`` in a child under callgrind."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    if args.src:
        env["BENCH_SRC"] = str(Path(args.src).resolve())
    with tempfile.TemporaryDirectory(prefix="instr-") as tmp:
        command = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={tmp}/cg.%p",
            sys.executable,
            "-m",
            "bench.instructions",
            "--inner",
            f"--op={op}",
            f"-n={args.n}",
            f"--warmup={args.warmup}",
            f"--size={args.size}",
            f"--engine={args.engine}",
            f"--cache={args.cache}",
            f"--helper={helper}",
            *_fresh_copy(args, tmp),
        ]
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)  # noqa: S603
        if done.returncode != 0:
            sys.stderr.write(done.stderr[-3000:])
            raise RuntimeError(f"{op}: het kindproces stopte met {done.returncode}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        total = _instructions(Path(tmp))
    requests = int(result["requests"]) or 1
    return total / requests, requests, int(result["failed"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", default="tiny", choices=sizes.NAMES)
    parser.add_argument("--engine", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--ops", default=DEFAULT_OPS, help=f"komma-gescheiden ({DEFAULT_OPS})")
    parser.add_argument("-n", type=int, default=10, help="gemeten runs per operatie")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--cache", choices=["redis", "local"], default="local")
    parser.add_argument("--src", default="", help="een andere kopie van src/ meten")
    parser.add_argument("--json", default="", help="schrijf de uitkomst ook als JSON hierheen")
    parser.add_argument(
        "--fresh-copy",
        action="store_true",
        help="elke operatie op een verse kopie van de SQLite-database (schrijvende operaties)",
    )
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--op", default="", help=argparse.SUPPRESS)
    parser.add_argument("--helper", default="", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inner:
        return _inner(args)
    if shutil.which("valgrind") is None:
        raise SystemExit("bench.instructions heeft valgrind nodig (apt-get install valgrind)")
    helper = _helper()
    results: dict[str, float] = {}
    print(f"{'operatie':12} {'instructies/verzoek':>20} {'verzoeken':>9}")
    for op in [o.strip() for o in args.ops.split(",") if o.strip()]:
        per_request, requests, failed = measure(op, args, helper)
        results[op] = per_request
        note = f"  ({failed} mislukt)" if failed else ""
        print(f"{op:12} {per_request:>20,.0f} {requests:>9}{note}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
