"""The access overview at depth: page 1 against the last page, keyset against OFFSET.

    python -m bench.access_log_depth                      # SQLite, 200,000 log entries
    python -m bench.access_log_depth --engine postgres    # PostgreSQL (BENCH_DB_PREFIX...)
    python -m bench.access_log_depth --rows 50000 --repeat 9

Builds its own database (``<BENCH_DB_PREFIX>accesslog``; one it did not create is never
dropped), fills ``--rows`` entries with a valid keyed chain (each entry signed with
``privacy.access_log.entry_digest`` onto the previous one, inserted in bulk), half of them about
one resident, and times the selectors behind the two pages:

* the professional's overview (oldest first, 50 rows, with its COUNT and its log write):
  ``rights.selectors.access_overview`` (keyset) and a numbered ``Paginator`` page (OFFSET, the
  way before);
* the resident's "wie keek in mijn dossier" page (newest first, 200 rows, no COUNT);
* the log-wide overview of the functioneel beheerder (``rights.selectors_access_log``, newest
  first, 50 rows, no COUNT, its own log write): the whole log, one account's entries (1 in
  40) and the doorbraken only (1 in 50), page 1 against the last page.

Prints the median of ``--repeat`` runs per page and the ratio last page / page 1 (machine
independent; no figure here is asserted in a unit test). On PostgreSQL it also prints the
plan of the keyset query on the last page.
"""

import argparse
import datetime
import json
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench import databases, djangoenv

SIZE = "accesslog"


def _fill(rows: int, resident_id: int, user_ids: list[int] | None = None) -> None:
    from django.db import connection, transaction

    from wijkteam.privacy import access_log_keys
    from wijkteam.privacy.access_log import GENESIS, entry_digest
    from wijkteam.privacy.models import AccessLogEntry, AccessLogHead, AccessLogResident

    rng = random.Random(17)  # noqa: S311 - synthetic data
    key_id = access_log_keys.signing_key_id()
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    step = datetime.timedelta(seconds=(2 * 365 * 86400) / rows)
    prev = GENESIS
    batch: list[AccessLogEntry] = []
    links: list[AccessLogResident] = []
    last_id = 0
    with transaction.atomic():
        for i in range(1, rows + 1):
            who = resident_id if i % 2 else rng.randrange(resident_id + 1, resident_id + 5000)
            entry = AccessLogEntry(
                id=i,
                # a few entries share a timestamp, as under load (ties are ordered by id)
                at=start + step * (i - i % 3),
                user_id=user_ids[i % len(user_ids)] if user_ids else None,
                user_name=f"medewerker{i % 40}",
                user_role="Generalist",
                organisation_name="Wijkteam Noord",
                # one in fifty a doorbraak (the filter "alleen doorbraken")
                action="emergency" if i % 50 == 0 else "read",
                object_type="cases.Case",
                object_id=str(i % 900),
                purpose="casus geopend",
                resident_ids=[who],
                key_id=key_id,
                prev_hash=prev,
            )
            entry.hash = entry_digest(entry)
            prev = entry.hash
            batch.append(entry)
            links.append(AccessLogResident(entry_id=i, resident_id=who, at=entry.at))
            if len(batch) == 5000:
                AccessLogEntry.objects.bulk_create(batch)
                AccessLogResident.objects.bulk_create(links)
                batch, links = [], []
            last_id = i
        AccessLogEntry.objects.bulk_create(batch)
        AccessLogResident.objects.bulk_create(links)
        AccessLogHead.objects.update_or_create(
            id=1, defaults={"last_hash": prev, "last_entry_id": last_id, "key_id": key_id}
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                for table in ("privacy_accesslogentry", "privacy_accesslogresident"):
                    cur.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                        f"(SELECT max(id) FROM {table}))"
                    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE privacy_accesslogentry")
            cur.execute("ANALYZE privacy_accesslogresident")


def _median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def run(engine: str, rows: int, repeat: int) -> dict[str, Any]:
    if engine == "postgres":
        databases.pg_recreate(databases.database_name(SIZE))
    else:
        databases.sqlite_recreate(databases.sqlite_path(SIZE))
    djangoenv.setup(databases.database_url(engine, SIZE))
    djangoenv.migrate()

    from django.db import connection

    from wijkteam.core import keyset
    from wijkteam.portal.selectors import ACCESS_ROWS_SHOWN
    from wijkteam.rights import selectors
    from wijkteam.testing.factories import ResidentFactory, UserFactory

    user = UserFactory(username="bench-privacy")
    resident = ResidentFactory()
    staff = [UserFactory(username=f"medewerker{n}").pk for n in range(40)]
    t0 = time.perf_counter()
    _fill(rows, resident.pk, staff)
    print(f"{rows} entries with a keyed chain in {time.perf_counter() - t0:.1f} s")

    qs = selectors.access_rows_qs(resident.pk)
    total = qs.count()
    size = selectors.PAGE_SIZE
    last = -(-total // size)

    def cursor_before(index: int, order: tuple[str, str], number: int) -> tuple[str, Any]:
        at, pk = qs.order_by(*order).values_list("at", "id")[index]
        return keyset.NEXT, keyset.Cursor(at=at, pk=pk, number=number)

    deep = cursor_before((last - 1) * size - 1, ("at", "id"), last)
    portal_size = ACCESS_ROWS_SHOWN
    portal_last = -(-total // portal_size)
    portal_deep = cursor_before((portal_last - 1) * portal_size - 1, ("-at", "-id"), portal_last)

    def overview(position: Any) -> Callable[[], Any]:
        return lambda: selectors.access_overview(user=user, resident=resident, position=position)

    def numbered(page: int) -> Callable[[], Any]:
        # what the overview (and until December the API) did before keyset: a numbered page
        # by OFFSET, with the same COUNT and log write
        from django.core.paginator import Paginator

        from wijkteam.privacy.reads import log_read

        def run() -> list[Any]:
            paged = Paginator(selectors._access_rows_qs(resident.pk, None, None), size)
            rows = [selectors.access_row(i) for i in paged.get_page(page).object_list]
            log_read(user=user, residents=[resident.pk], obj=resident, purpose="bench")
            return rows

        return run

    def portal(position: Any) -> Callable[[], Any]:
        return lambda: [
            selectors.access_row(item)
            for item in keyset.keyset_page(
                qs, size=portal_size, salt="b", position=position, newest_first=True
            ).object_list
        ]

    def portal_offset(page: int) -> Callable[[], Any]:
        ordered = qs.order_by("-at", "-id")
        start = (page - 1) * portal_size
        return lambda: [selectors.access_row(i) for i in ordered[start : start + portal_size]]

    def portal_before() -> list[Any]:
        # what the page did before keyset: every row of the resident, reversed, the first 200
        return list(selectors.iter_access_rows(resident.pk))[::-1][:portal_size]

    from wijkteam.rights import selectors_access_log as log_sel

    def log_wide(filters: Any) -> tuple[Callable[[], Any], Callable[[], Any], int]:
        """Page 1 and the last page of the log-wide overview (newest first) with ``filters``."""
        log_qs = log_sel.filtered(filters)
        n = log_qs.count()
        pages = -(-n // log_sel.PAGE_SIZE)
        at, pk = log_qs.order_by("-at", "-id").values_list("at", "id")[
            (pages - 1) * log_sel.PAGE_SIZE - 1
        ]
        end = keyset.NEXT, keyset.Cursor(at=at, pk=pk, number=pages)

        def page(position: Any) -> Callable[[], Any]:
            return lambda: log_sel.access_log_page(user=user, filters=filters, position=position)

        return page(None), page(end), pages

    everyone = log_sel.LogFilters()
    one_user = log_sel.LogFilters(user_id=staff[1])
    doorbraak = log_sel.LogFilters(emergency_only=True)
    log_pairs = {
        "toegangslog, alles": log_wide(everyone),
        "toegangslog, 1 account": log_wide(one_user),
        "toegangslog, doorbraken": log_wide(doorbraak),
    }
    for label, (_a, _b, pages) in log_pairs.items():
        print(f"{label}: {pages} pagina's van {log_sel.PAGE_SIZE}")

    result: dict[str, Any] = {"engine": engine, "rows": rows, "resident_rows": total}
    pairs = {
        **{label: (a, b) for label, (a, b, _pages) in log_pairs.items()},
        "overzicht (keyset)": (overview(None), overview(deep)),
        "overzicht (OFFSET, oud)": (numbered(1), numbered(last)),
        "wie keek (keyset)": (portal(None), portal(portal_deep)),
        "wie keek (OFFSET)": (portal_offset(1), portal_offset(portal_last)),
    }
    print(
        f"inwoner met {total} regels: {last} pagina's van {size}, {portal_last} van {portal_size}"
    )
    for label, (first_fn, deep_fn) in pairs.items():
        first_ms = _median_ms(first_fn, repeat)
        deep_ms = _median_ms(deep_fn, repeat)
        result[label] = {"page1_ms": first_ms, "deep_ms": deep_ms, "ratio": deep_ms / first_ms}
        print(
            f"{label:28} pagina 1 {first_ms:8.2f} ms   laatste {deep_ms:8.2f} ms   "
            f"verhouding {deep_ms / first_ms:6.2f}"
        )
    before_ms = _median_ms(portal_before, min(3, repeat))
    result["wie keek (oud: alle regels)"] = {"page1_ms": before_ms}
    print(f"{'wie keek (oud: alle regels)':28} pagina 1 {before_ms:8.2f} ms")
    if connection.vendor == "postgresql":
        for label, filters in (("alles", everyone), ("1 account", one_user)):
            log_qs = log_sel.filtered(filters).order_by("-at", "-id")[: log_sel.PAGE_SIZE + 1]
            sql, params = log_qs.query.sql_with_params()
            with connection.cursor() as c:
                c.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                print(f"  plan toegangslog, {label}, pagina 1:")
                print("\n".join("    " + r[0] for r in c.fetchall()[:6]))
        page_qs = selectors._access_rows_qs(resident.pk, None, None)
        _, cur = deep
        sample = page_qs.filter(at__gte=cur.at).order_by("at", "id")[: size + 1]
        sql, params = sample.query.sql_with_params()
        with connection.cursor() as c:
            c.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            print("\n".join("    " + r[0] for r in c.fetchall()[:8]))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    result = run(args.engine, args.rows, args.repeat)
    if args.json:
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
