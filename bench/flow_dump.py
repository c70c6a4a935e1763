"""What a benchmark operation shows and stores, to compare two versions of src/ (issue 17).

    python -m bench.flow_dump --op decision -n 6 --out /tmp/after.json
    python -m bench.flow_dump --op decision -n 6 --out /tmp/before.json --src /tmp/before/src
    python -m bench.flow_dump --compare /tmp/before.json /tmp/after.json

Runs ``-n`` runs of one operation of ``bench/ops.py`` in-process (the actor logged in through
the real log-in pages, as ``bench.ci_check`` does) on a fresh copy of the ``tiny`` SQLite
database (``python -m bench.run --size tiny --engines sqlite --build-only``), and writes for every
HTTP request its method, path, status, redirect and body, and afterwards every row the runs
added to any table (rows whose integer primary key is above the table's highest before the
runs). Masked, because they differ between any two runs of the same code: the CSRF token and
the idempotency key of a form, times of day in a page, session rows, and the columns that
hold a moment or are derived from one (``at``, ``*_at``, the access log's ``hash``,
``prev_hash`` and ``request_id``, the audit's ``request_id``), and a random text key (a
task's uuid; those rows are compared in sorted order). ``--compare`` prints the first
difference per request and per table and exits 1 when there is one.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.databases import sqlite_path

ROOT = Path(__file__).resolve().parent.parent
MASKS = [
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"'), r'\1…"'),
    (re.compile(r'(name="idempotency_key" value=")[0-9a-f]+"'), r'\1…"'),
    (re.compile(r"\b\d{1,2}:\d{2}\b"), "hh:mm"),
]
MASKED_COLUMNS = {"at", "hash", "prev_hash", "request_id", "session_key", "session_data"}
SKIPPED_TABLES = {"django_session", "axes_accesslog", "axes_accessattempt"}


def _mask(text: str) -> str:
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


def _highest_ids() -> dict[str, int]:
    from django.db import connection

    highest: dict[str, int] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in SKIPPED_TABLES:
                continue
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            if "id" not in columns:
                continue
            cursor.execute(f'SELECT MAX("id") FROM "{table}"')  # noqa: S608 - introspected name
            value = cursor.fetchone()[0]
            if value is None or isinstance(value, int):
                highest[table] = value or 0
    return highest


def _new_rows(before: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    from django.db import connection

    rows: dict[str, list[dict[str, Any]]] = {}
    with connection.cursor() as cursor:
        for table, highest in sorted(before.items()):
            cursor.execute(f'SELECT * FROM "{table}" WHERE "id" > %s ORDER BY "id"', [highest])  # noqa: S608
            names = [d[0] for d in cursor.description]
            found = [
                {
                    name: "…" if name in MASKED_COLUMNS or name.endswith("_at") else value
                    for name, value in zip(names, row, strict=True)
                }
                for row in cursor.fetchall()
            ]
            if found and any(isinstance(r.get("id"), str) for r in found):
                # a random key (a task's uuid): masked, and the rows in the order of the rest
                found = sorted(({**r, "id": "…"} for r in found), key=lambda r: repr(r))
            if found:
                rows[table] = json.loads(json.dumps(found, default=str))
    return rows


def _inner(args: argparse.Namespace) -> int:
    from bench import djangoenv

    djangoenv.setup(args.database_url)
    from bench import ops
    from bench.ci_check import ClientSession
    from bench.loadgen import Response
    from wijkteam.synthetic.generator import PASSWORD, totp_key

    requests: list[dict[str, Any]] = []

    class Recording(ClientSession):
        def request(self, method: str, path: str, data: dict[str, Any] | None = None) -> Response:
            r = super().request(method, path, data)
            requests.append(
                {
                    "request": f"{method} {path}",
                    "status": r.status,
                    "location": r.location,
                    "queries": len(self.statements),
                    "statements": list(self.statements),
                    "body": _mask(r.body.decode("utf-8", "replace")),
                }
            )
            return r

    targets = ops.find_targets(count=1)
    op = next(o for o in [*ops.OPERATIONS, ops.EMPTY, ops.LAYOUT] if o.key == args.op)
    actor = getattr(targets, op.pool)[0]
    session = Recording()
    session.login(actor.username, PASSWORD, totp_key(actor.username))
    requests.clear()
    before = _highest_ids()
    for n in range(args.n):
        op.run(session, actor, n)
    result = {"op": args.op, "requests": requests, "rows": _new_rows(before)}
    Path(args.out).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    return 0


def _compare(first: str, second: str) -> int:
    a, b = (json.loads(Path(p).read_text()) for p in (first, second))
    differences = 0
    if len(a["requests"]) != len(b["requests"]):
        print(f"aantal verzoeken: {len(a['requests'])} en {len(b['requests'])}")
        differences += 1
    for ra, rb in zip(a["requests"], b["requests"], strict=False):
        for key in ("request", "status", "location", "body"):
            if ra[key] != rb[key]:
                differences += 1
                text_a, text_b = str(ra[key]), str(rb[key])
                at = next(
                    (i for i, (x, y) in enumerate(zip(text_a, text_b, strict=False)) if x != y),
                    min(len(text_a), len(text_b)),
                )
                print(f"{ra['request']}: {key} verschilt bij teken {at}:")
                print(f"  1: {text_a[max(0, at - 80) : at + 80]!r}")
                print(f"  2: {text_b[max(0, at - 80) : at + 80]!r}")
                break
    for table in sorted(set(a["rows"]) | set(b["rows"])):
        if a["rows"].get(table) != b["rows"].get(table):
            differences += 1
            print(f"tabel {table}: {a['rows'].get(table)} en {b['rows'].get(table)}"[:2000])
    queries = [
        (r["request"], ra["queries"], r["queries"])
        for ra, r in zip(a["requests"], b["requests"], strict=False)
    ]
    changed = [q for q in queries if q[1] != q[2]]
    tables = sum(len(v) for v in a["rows"].values())
    print(
        f"{len(a['requests'])} verzoeken, {tables} nieuwe rijen in {len(a['rows'])} tabellen; "
        f"{differences} verschil(len); queries anders bij {len(changed)} verzoek(en)"
    )
    for request, qa, qb in changed[:12]:
        print(f"  {request}: {qa} -> {qb} queries")
    return 1 if differences else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--op", default="decision")
    parser.add_argument("-n", type=int, default=6)
    parser.add_argument("--size", default="tiny")
    parser.add_argument("--src", default="", help="een andere kopie van src/")
    parser.add_argument("--out", default="")
    parser.add_argument("--compare", nargs=2, metavar=("A", "B"))
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.compare:
        return _compare(*args.compare)
    if args.inner:
        return _inner(args)
    if not args.out:
        parser.error("--out is nodig")
    source = sqlite_path(args.size)
    if not source.exists():
        raise SystemExit(f"{source} bestaat niet: bouw {args.size} eerst (zie bench/README.md)")
    env = dict(os.environ, PYTHONHASHSEED="0", WIJKTEAM_CACHE="local")
    if args.src:
        env["BENCH_SRC"] = str(Path(args.src).resolve())
    with tempfile.TemporaryDirectory(prefix="flow-") as tmp:
        copy = Path(tmp) / source.name
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{source}{suffix}").exists():
                shutil.copyfile(f"{source}{suffix}", f"{copy}{suffix}")
        command = [
            sys.executable,
            "-m",
            "bench.flow_dump",
            "--inner",
            f"--op={args.op}",
            f"-n={args.n}",
            f"--out={Path(args.out).resolve()}",
            f"--database-url=sqlite:///{copy}",
        ]
        return subprocess.run(command, env=env, cwd=ROOT, check=False).returncode  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
