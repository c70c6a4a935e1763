"""Where the CPU of one operation goes: cProfile over in-process requests on a bench database.

    python -m bench.profile --size city --op case_page -n 100
    python -m bench.profile --size small --engine sqlite --op queue

Logs the operation's actor in through the real log-in and TOTP pages of an in-process client
(as the CI guard does), warms up, then profiles ``-n`` runs of the operation and prints the
time per request by area (inclusive; areas overlap where one calls the other) and the heaviest
functions. Measures Django's own work without gunicorn or the network; the database is the
benchmark's (build it with ``python -m bench.run``).
"""

import argparse
import cProfile
import os
import pstats
import sys
import time

from bench import sizes
from bench.databases import database_name as database_name_of
from bench.databases import database_url

# Areas: a function whose inclusive time counts towards the area (module, qualified name).
AREAS = {
    "hele verzoek (Django-handler)": ("django.core.handlers.base", "BaseHandler.get_response"),
    "de view (met templates)": ("django.core.handlers.base", "BaseHandler._get_response"),
    "SQL uitvoeren (driver + server)": ("django.db.backends.utils", "CursorWrapper._execute"),
    "SQL opbouwen (ORM-compiler)": ("django.db.models.sql.compiler", "SQLCompiler.as_sql"),
    "templates renderen": ("django.template.base", "Template.render"),
    "toegangslog schrijven": ("wijkteam.privacy.access_log", "log_access"),
    "sessie laden (database)": ("django.contrib.sessions.backends.db", "SessionStore.load"),
    "sessie laden (cache)": ("django.contrib.sessions.backends.cached_db", "SessionStore.load"),
    "gebruiker laden": ("django.contrib.auth", "get_user"),
    "tweede factor (django-otp)": ("django_otp.middleware", "OTPMiddleware._verify_user_sync"),
    "CSP-header": ("wijkteam.core.middleware", "CSPMiddleware.process_response"),
}


def _code_key(module: str, qualname: str) -> tuple[str, int, str] | None:
    """The (file, first line, name) under which cProfile records the function."""
    import importlib

    obj = importlib.import_module(module)
    try:
        for part in qualname.split("."):
            obj = getattr(obj, part)
    except AttributeError:
        return None
    code = getattr(obj, "__code__", None)
    return (code.co_filename, code.co_firstlineno, code.co_name) if code else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", default="city", choices=sizes.NAMES)
    parser.add_argument("--engine", default="postgresql", choices=["sqlite", "postgresql"])
    parser.add_argument("--op", default="case_page")
    parser.add_argument("-n", type=int, default=100)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--cache",
        choices=["redis", "local"],
        default=os.environ.get("WIJKTEAM_CACHE", "redis"),
        help="WIJKTEAM_CACHE as in the benchmark (default redis)",
    )
    args = parser.parse_args(argv)
    os.environ["WIJKTEAM_CACHE"] = args.cache
    os.environ.setdefault("WIJKTEAM_CACHE_PREFIX", f"bench-{database_name_of(args.size)}")

    from bench import djangoenv

    djangoenv.setup(database_url(args.engine, args.size))
    from bench import ops
    from bench.ci_check import ClientSession
    from wijkteam.synthetic.generator import PASSWORD, totp_key

    targets = ops.find_targets(count=1)
    op = next(o for o in [*ops.OPERATIONS, ops.EMPTY, ops.LAYOUT] if o.key == args.op)
    actor = getattr(targets, op.pool)[0]
    session = ClientSession()
    session.login(actor.username, PASSWORD, totp_key(actor.username))
    for n in range(5):
        op.run(session, actor, n)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    requests = 0
    profiler.enable()
    for n in range(args.n):
        requests += sum(s.http_requests for s in op.run(session, actor, n))
    profiler.disable()
    wall = (time.perf_counter() - started) * 1000 / requests
    stats = pstats.Stats(profiler)
    per_request = 1000 / requests
    print(
        f"{args.op} op {args.engine}/{args.size}: {requests} verzoeken, {wall:.1f} ms per verzoek (met profiler)"
    )
    print(f"{'gebied':36} {'ms/verzoek':>10}")
    raw = stats.stats  # type: ignore[attr-defined]
    spent: dict[str, float] = {}
    for label, (module, qualname) in AREAS.items():
        key = _code_key(module, qualname)
        spent[label] = (raw[key][3] if key in raw else 0.0) * per_request
        print(f"{label:36} {spent[label]:>10.2f}")
    outside = spent["hele verzoek (Django-handler)"] - spent["de view (met templates)"]
    print(f"{'buiten de view (middleware, handler)':36} {outside:>10.2f}")
    print()
    stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
