"""The benchmark never drops a database it did not create (BENCH_DB_PREFIX, markers)."""

import sqlite3
import uuid

import pytest

from bench import databases


@pytest.fixture
def var(tmp_path, monkeypatch):
    monkeypatch.setattr(databases, "VAR", tmp_path)
    monkeypatch.setenv("BENCH_DB_PREFIX", "hbench_test_")
    return tmp_path


def test_prefix_names_the_database(var, monkeypatch):
    assert databases.database_name("town") == "hbench_test_town"
    assert databases.database_url("postgresql", "town").endswith("/hbench_test_town")
    assert databases.sqlite_path("small") == var / "hbench_test_small.sqlite3"
    monkeypatch.setenv("BENCH_DB_PREFIX", 'x"; DROP DATABASE postgres; --')
    with pytest.raises(ValueError, match="BENCH_DB_PREFIX"):
        databases.database_name("town")


def test_sqlite_created_with_marker_and_recreated(var):
    path = databases.sqlite_path("tiny")
    databases.sqlite_recreate(path)
    assert databases.sqlite_is_ours(path)
    databases.sqlite_recreate(path)  # its own file: dropped and made again
    assert databases.sqlite_is_ours(path)


def test_sqlite_file_without_marker_is_refused_and_kept(var):
    path = databases.sqlite_path("small")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE precious (x integer)")
    conn.commit()
    conn.close()
    with pytest.raises(databases.NotOurDatabase, match="niet door de benchmark gemaakt"):
        databases.fresh_database("sqlite", "small")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM precious").fetchone() == (0,)
    conn.close()


def _pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(databases.admin_url(), connect_timeout=2):
            return True
    except Exception:
        return False


@pytest.mark.skipif(not _pg_available(), reason="geen PostgreSQL op BENCH_PG_URL")
def test_postgres_refuses_a_database_it_did_not_create(var, monkeypatch):
    import psycopg

    suffix = uuid.uuid4().hex[:8]
    monkeypatch.setenv("BENCH_DB_PREFIX", f"hbench_t{suffix}_")
    name = databases.database_name("tiny")
    with psycopg.connect(databases.admin_url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        with pytest.raises(databases.NotOurDatabase):
            databases.fresh_database("postgresql", "tiny")
        with pytest.raises(databases.NotOurDatabase):
            databases.pg_drop(name)
        assert databases.pg_marker(name) == ""  # still there, untouched
    finally:
        with psycopg.connect(databases.admin_url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.mark.skipif(not _pg_available(), reason="geen PostgreSQL op BENCH_PG_URL")
def test_postgres_own_database_is_marked_and_dropped(var, monkeypatch):
    monkeypatch.setenv("BENCH_DB_PREFIX", f"hbench_t{uuid.uuid4().hex[:8]}_")
    name = databases.database_name("tiny")
    try:
        databases.fresh_database("postgresql", "tiny")
        assert databases.pg_marker(name) == databases.MARKER
        databases.fresh_database("postgresql", "tiny")  # its own: dropped and made again
        assert databases.pg_drop(name) is True
        assert databases.pg_marker(name) is None
        assert databases.pg_drop(name) is False
    finally:
        if databases.pg_marker(name) is not None:
            databases.pg_drop(name)
