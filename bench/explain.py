"""Where a page spends its database time: the statements of one request, and EXPLAIN ANALYZE
of the heaviest selector queries (PostgreSQL).

    python -m bench.explain --size city                   # EXPLAIN (ANALYZE, BUFFERS)
    python -m bench.explain --size city --trace case_page # every statement of one request
    BENCH_SRC=/path/to/changed/src python -m bench.explain --size city   # an experiment

Runs against the benchmark database of ``--size`` (build it with ``python -m bench.run``).
"""

import argparse
import sys
import time
from typing import Any

from bench import sizes
from bench.databases import database_url


def _explain(label: str, qs: Any, lines: int) -> None:
    from django.db import connection

    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = [r[0] for r in cur.fetchall()]
    total = next((p for p in plan if p.startswith("Execution Time")), "")
    buffers = next((p.strip() for p in plan if "Buffers:" in p), "")
    print(f"{label:32} {total:28} {buffers}")
    for row in plan[:lines]:
        print("    " + row[:200])


def explain(lines: int) -> None:
    from django.db.models import Q

    from bench import ops
    from wijkteam.accounts.models import User
    from wijkteam.cases import policies
    from wijkteam.cases.models import Case, Evaluation, TrackedTerm
    from wijkteam.organisation import policies as org_policies

    targets = ops.find_targets(count=1)
    member = User.objects.get(username=targets.members[0].username)
    leader = User.objects.get(username=targets.leaders[0].username)
    name = targets.members[0].names[0]
    prefix = name[: max(3, len(name) - 2)]
    print(f"lid {member.username}, teamleider {leader.username}, zoekterm {prefix!r}")
    residents = policies.resident_scope(member).select_related("household", "neighbourhood")
    by_name = Q(last_name__istartswith=prefix) | Q(first_name__istartswith=prefix)
    _explain(
        "zoeken op naam", residents.filter(by_name).order_by("last_name", "first_name")[:50], lines
    )
    bsn = targets.members[0].bsns[0]
    _explain(
        "zoeken op BSN", residents.filter(bsn=bsn).order_by("last_name", "first_name")[:50], lines
    )
    caseload = policies.case_scope(leader).select_related("household", "team", "coordinator")
    _explain("caseload: pagina 2", caseload.order_by("-opened_on", "-id")[25:50], lines)
    for user, wide in ((member, False), (leader, True)):
        leads = list(
            org_policies.active_memberships(user)
            .filter(roles__role="teamleider")
            .values_list("team_id", flat=True)
        )
        if wide and leads:
            cases = Case.objects.filter(team_id__in=leads)
        else:
            cases = Case.objects.filter(Q(coordinator=user) | Q(involved_members=user)).filter(
                team_id__in=org_policies.active_memberships(user).values("team_id")
            )
        open_cases = cases.exclude(state="afgesloten").values("pk")
        who = "team" if wide else "lid"
        _explain(
            f"werkvoorraad {who}: termijnen",
            TrackedTerm.objects.filter(case__in=open_cases, met_on__isnull=True)
            .select_related("case__household")
            .order_by("due_on")[:200],
            lines,
        )
        _explain(
            f"werkvoorraad {who}: evaluaties",
            Evaluation.objects.filter(case__in=open_cases, held_on__isnull=True).select_related(
                "case__household"
            )[:200],
            lines,
        )
        _explain(
            f"werkvoorraad {who}: mantelzorgers",
            Case.objects.filter(pk__in=open_cases, household__network__load__gte=3)
            .select_related("household")
            .distinct()[:200],
            lines,
        )


def trace(op_key: str) -> None:
    """Every statement of one request of ``op_key`` (in-process, after a warm-up)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench import ops
    from bench.ci_check import ClientSession
    from wijkteam.synthetic.generator import PASSWORD, totp_key

    targets = ops.find_targets(count=1)
    op = next(o for o in ops.OPERATIONS if o.key == op_key)
    actor = getattr(targets, op.pool)[0]
    session = ClientSession()
    session.login(actor.username, PASSWORD, totp_key(actor.username))
    op.run(session, actor, 0)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        samples = op.run(session, actor, 1)
    print(
        f"{op_key}: {[(s.op, s.status, s.queries) for s in samples]} in {(time.perf_counter() - started) * 1000:.0f} ms"
    )
    for i, q in enumerate(ctx.captured_queries):
        print(f"{i:3} {float(q['time']) * 1000:7.2f} ms  {q['sql'][:150]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", default="city", choices=sizes.NAMES)
    parser.add_argument("--engine", default="postgresql", choices=["postgresql", "sqlite"])
    parser.add_argument("--trace", default="", help="een operatie: alle statements van één verzoek")
    parser.add_argument("--lines", type=int, default=0, help="regels van elk plan om te tonen")
    args = parser.parse_args(argv)
    from bench import djangoenv

    djangoenv.setup(database_url(args.engine, args.size))
    if args.trace:
        trace(args.trace)
    else:
        explain(args.lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
