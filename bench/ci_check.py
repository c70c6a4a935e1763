"""CI guard: queries per request of every key operation against ``bench/query_budget.json``.

    python -m bench.ci_check            # fails (exit 1) when an operation needs more queries
    python -m bench.ci_check --update   # write the measured counts as the new budget
    python -m bench.ci_check --trace case_page   # also print every statement of that operation

Builds the ``tiny`` municipality in a fresh SQLite file, logs its members in through the real
log-in and TOTP pages of an in-process Django test client (with the benchmark's query-counting
middleware), runs each operation a few times and compares the highest count with the budget.
It never looks at timings, so a slow CI machine cannot fail it. Takes a few seconds.
"""

import argparse
import json
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BUDGET = ROOT / "bench" / "query_budget.json"
DB = ROOT / "var" / "bench" / "ci.sqlite3"
RUNS = 7  # each operation runs this often (every tab of a case once); the highest count counts

from bench.loadgen import HttpSession, Response  # noqa: E402

FORM_ENCODED = "application/x-www-form-urlencoded"


class ClientSession(HttpSession):
    """The load generator's session, served in-process by ``django.test.Client``."""

    def __init__(self) -> None:
        super().__init__(port=0)
        from django.test import Client

        self.client = Client(raise_request_exception=False)
        self.statements: list[str] = []
        # every request since the last clear: (method, path, statements), for --trace of a
        # write flow (form, POST, the page it leads to)
        self.requests: list[tuple[str, str, list[str]]] = []

    def request(self, method: str, path: str, data: dict[str, Any] | None = None) -> Response:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            if method == "POST":
                # url-encoded, as the load generator and a browser post a form without files
                # (the test client's default, multipart, costs the server more to parse)
                body = urllib.parse.urlencode(data or {}, doseq=True)
                r = self.client.post(path, body, content_type=FORM_ENCODED)
            else:
                r = self.client.get(path)
        self.statements = [q["sql"] for q in captured.captured_queries]
        self.requests.append((method, path, self.statements))
        headers = {k.lower(): v for k, v in r.headers.items()}
        body = b"" if getattr(r, "streaming", False) else r.content
        return Response(r.status_code, headers, body, time.perf_counter() - started)

    def close(self) -> None:
        return None


def measure(trace: str = "") -> tuple[dict[str, int], dict[str, str], dict[str, list[str]]]:
    """Highest queries per request for each operation, skipped operations, and failures.

    ``trace``: an operation key whose statements are printed (first run only).
    """
    from bench import ops
    from wijkteam.synthetic.generator import PASSWORD, totp_key

    targets = ops.find_targets(count=1)
    counts: dict[str, int] = {}
    skipped: dict[str, str] = {}
    failures: dict[str, list[str]] = {}
    sessions: dict[str, ClientSession] = {}
    for actor in targets.all_actors():
        session = ClientSession()
        session.login(actor.username, PASSWORD, totp_key(actor.username))
        sessions[actor.username] = session
    for op in ops.OPERATIONS:
        reason = op.unavailable(targets)
        if reason:
            skipped[op.key] = reason
            continue
        actor = getattr(targets, op.pool)[0]
        for n in range(RUNS):
            session = sessions[actor.username]
            session.requests.clear()
            for s in op.run(session, actor, n):
                if trace and s.op == trace and n == 0:
                    for method, path, statements in session.requests:
                        print(f"--- {s.op}: {method} {path}: {len(statements)} statements")
                        for i, sql in enumerate(statements, 1):
                            print(f"{i:3} {sql[:300]}")
                if s.ok:
                    counts[s.op] = max(counts.get(s.op, 0), s.queries)
                else:
                    failures.setdefault(s.op, []).append(f"{s.status} {s.note}".strip())
    return counts, skipped, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--update", action="store_true", help="schrijf de gemeten aantallen als budget"
    )
    parser.add_argument("--trace", default="", help="print de statements van deze operatie")
    args = parser.parse_args(argv)
    started = time.monotonic()
    DB.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
    from bench import djangoenv

    djangoenv.setup(f"sqlite:///{DB}")
    djangoenv.migrate()
    from wijkteam.synthetic.generator import SIZES, generate

    generate(size=SIZES["tiny"])
    counts, skipped, failures = measure(args.trace)
    budget: dict[str, int] = json.loads(BUDGET.read_text()) if BUDGET.exists() else {}
    budget = {k: v for k, v in budget.items() if not k.startswith("_")}
    if args.update:
        data: dict[str, Any] = {
            "_comment": "Queries per request (tiny, SQLite); python -m bench.ci_check --update"
        }
        data.update(dict(sorted(counts.items())))
        BUDGET.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        print(f"budget bijgewerkt: {BUDGET.relative_to(ROOT)}")
        budget = dict(counts)
    regressions = []
    print(f"{'operatie':20} {'queries':>8} {'budget':>8}")
    for op in sorted(set(counts) | set(budget)):
        measured, allowed = counts.get(op), budget.get(op)
        verdict = ""
        if measured is None:
            verdict = "niet gemeten" + (f": {skipped[op]}" if op in skipped else "")
        elif allowed is None:
            verdict = "nieuw: nog geen budget (voeg toe met --update)"
        elif measured > allowed:
            verdict = "TE VEEL: regressie"
            regressions.append(op)
        elif measured < allowed:
            verdict = "minder dan het budget: verlaag het budget met --update"
        print(
            f"{op:20} {measured if measured is not None else '–':>8} {allowed if allowed is not None else '–':>8}  {verdict}"
        )
    for key, reason in skipped.items():
        print(f"overgeslagen: {key}: {reason}")
    server_errors = []
    for op, notes in failures.items():
        print(f"let op: {op} gaf {len(notes)}× een onverwacht antwoord: {notes[0]}")
        if any(n.startswith("5") for n in notes):
            server_errors.append(op)
    print(
        f"klaar in {time.monotonic() - started:.1f} s (geen tijdsmetingen: alleen aantallen queries)"
    )
    if regressions or server_errors:
        print(f"MISLUKT: {', '.join(regressions + server_errors)}")
        return 1
    print(f"{len(counts)} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
