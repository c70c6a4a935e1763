"""The benchmark's own databases: names, creation with a marker, and a drop that refuses others.

A database is named ``<BENCH_DB_PREFIX><size>`` (default prefix ``wijkteam_bench_``); a SQLite
one is ``var/bench/<prefix><size>.sqlite3``. When the harness creates one it leaves a marker:

- PostgreSQL: the database's comment ``MARKER`` and a table ``bench_harness_marker``;
- SQLite: the table ``bench_harness_marker`` in the file.

Before dropping a database that exists, the harness reads the marker; without it the drop is
refused (:class:`NotOurDatabase`, with a message saying what to do). So a name that happens to
point at someone's database (a wrong prefix, a shared server) is never dropped.
"""

import json
import os
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DEFAULT_PREFIX = "wijkteam_bench_"
MARKER = "wijkteam-bench: created by bench.run, may be dropped by it"
MARKER_TABLE = "bench_harness_marker"
NAME_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class NotOurDatabase(RuntimeError):
    """The database exists but carries no marker of this harness: it is not dropped."""


def prefix() -> str:
    value = os.environ.get("BENCH_DB_PREFIX", DEFAULT_PREFIX)
    if not NAME_RE.match(value):
        raise ValueError(
            f"BENCH_DB_PREFIX={value!r}: alleen kleine letters, cijfers en _ (begint met een letter)"
        )
    return value


def database_name(size: str) -> str:
    name = f"{prefix()}{size}"
    if not NAME_RE.match(name):
        raise ValueError(f"ongeldige databasenaam {name!r}")
    return name


def admin_url() -> str:
    return PG_ADMIN_URL.replace("postgres://", "postgresql://", 1)


def sqlite_path(size: str) -> Path:
    return VAR / f"{database_name(size)}.sqlite3"


def database_url(engine: str, size: str) -> str:
    if engine == "sqlite":
        return f"sqlite:///{sqlite_path(size)}"
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return f"{base}/{database_name(size)}"


# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------


def pg_marker(name: str) -> str | None:
    """The database's comment, '' without one, None when it does not exist."""
    import psycopg

    with psycopg.connect(admin_url(), autocommit=True) as conn:
        row = conn.execute(
            "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database "
            "WHERE datname = %s",
            [name],
        ).fetchone()
    return None if row is None else str(row[0])


def pg_recreate(name: str) -> None:
    """Drop ``name`` if it is ours (else refuse), create it and mark it as ours."""
    import psycopg
    from psycopg import sql

    found = pg_marker(name)
    if found is not None and found != MARKER:
        raise NotOurDatabase(
            f"PostgreSQL-database {name!r} bestaat al, maar is niet door de benchmark gemaakt "
            f"(geen markering {MARKER!r}): niet verwijderd. Kies een ander BENCH_DB_PREFIX "
            f"of verwijder de database zelf."
        )
    ident = sql.Identifier(name)
    with psycopg.connect(admin_url(), autocommit=True) as conn:
        if found is not None:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(ident))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(ident))
        conn.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(ident, sql.Literal(MARKER)))
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/{name}".replace("postgres://", "postgresql://", 1)) as conn:
        _create_marker_table(conn, "now()")
        conn.commit()


def pg_drop(name: str) -> bool:
    """Drop ``name`` when it is ours; False when it does not exist; refuse when it is not ours."""
    import psycopg
    from psycopg import sql

    found = pg_marker(name)
    if found is None:
        return False
    if found != MARKER:
        raise NotOurDatabase(f"{name!r} is niet door de benchmark gemaakt: niet verwijderd")
    with psycopg.connect(admin_url(), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
    return True


def _create_marker_table(conn: Any, now: str) -> None:
    """The marker row (its ``touched`` column is also the replay's commit-cost probe)."""
    placeholder = "?" if isinstance(conn, sqlite3.Connection) else "%s"
    conn.execute(f"CREATE TABLE {MARKER_TABLE} (id integer PRIMARY KEY, note text, touched text)")
    conn.execute(
        f"INSERT INTO {MARKER_TABLE} (id, note, touched) VALUES (1, {placeholder}, {now})",  # noqa: S608
        [MARKER],
    )


# ---------------------------------------------------------------------------------------------
# SQLite
# ---------------------------------------------------------------------------------------------


def sqlite_is_ours(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        row = conn.execute(f"SELECT note FROM {MARKER_TABLE} WHERE id = 1").fetchone()  # noqa: S608
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return bool(row and row[0] == MARKER)


def sqlite_recreate(path: Path) -> None:
    if path.exists() and not sqlite_is_ours(path):
        raise NotOurDatabase(
            f"{path} bestaat al, maar is niet door de benchmark gemaakt (geen tabel "
            f"{MARKER_TABLE}): niet verwijderd. Verwijder het bestand zelf of kies een ander "
            f"BENCH_DB_PREFIX."
        )
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    _create_marker_table(conn, "datetime('now')")
    conn.commit()
    conn.close()


# ---------------------------------------------------------------------------------------------
# the harness's view: fresh, ready, built
# ---------------------------------------------------------------------------------------------


def marker_file(engine: str, size: str) -> Path:
    return VAR / f"{engine}-{database_name(size)}.json"


def fresh_database(engine: str, size: str) -> None:
    """Drop and create this benchmark's own database (refusing any database it did not make)."""
    VAR.mkdir(parents=True, exist_ok=True)
    marker_file(engine, size).unlink(missing_ok=True)
    if engine == "sqlite":
        sqlite_recreate(sqlite_path(size))
    else:
        pg_recreate(database_name(size))


def generator_fingerprint() -> str:
    from wijkteam.synthetic.generator import DATA_VERSION, DEFAULT_SEED

    return f"v{DATA_VERSION}-seed{DEFAULT_SEED}"


def database_ready(engine: str, size: str) -> bool:
    marker = marker_file(engine, size)
    if not marker.exists():
        return False
    return json.loads(marker.read_text()).get("generator") == generator_fingerprint()


def build(engine: str, size: str, log: Any) -> dict[str, Any]:
    """Migrations and synthetic data into the fresh database; returns the generator's summary."""
    from bench import djangoenv, sizes
    from wijkteam.synthetic.generator import generate

    log(f"{engine}: database {database_name(size)} opbouwen ({size})")
    started = time.monotonic()
    djangoenv.migrate()
    migrated = time.monotonic() - started
    result = generate(size=sizes.get(size), progress=lambda m: log(f"{engine}: {m}"))
    summary = dict(result.__dict__)
    summary["migrate_seconds"] = round(migrated, 1)
    summary["generator"] = generator_fingerprint()
    marker_file(engine, size).write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    return summary


def kept(size: str) -> bool:
    """Sizes kept between runs (slow to build): everything above ``small``."""
    return size not in ("tiny", "small")
