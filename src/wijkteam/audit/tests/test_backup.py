"""``manage.py backup``: a consistent copy while the application runs."""

import io
import sqlite3

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import UserFactory

# serialized_rollback: the flush afterwards must not re-create content types for the next
# serialized test (jobs.test_queue)
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="de online-back-up-API is van SQLite")
def test_sqlite_backup_copies_the_rows(tmp_path):
    user = UserFactory()
    log_access(user=user, action=AccessAction.READ, residents=[1, 2])
    target = tmp_path / "b" / "copy.sqlite3"
    out = io.StringIO()
    call_command("backup", "--output", str(target), stdout=out)
    assert "Back-up geschreven" in out.getvalue()
    copy = sqlite3.connect(target)
    try:
        table = AccessLogEntry._meta.db_table
        (count,) = copy.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
    finally:
        copy.close()
    assert count == AccessLogEntry.objects.count() == 1
    with pytest.raises(CommandError, match="bestaat al"):
        call_command("backup", "--output", str(target), stdout=io.StringIO())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump is van PostgreSQL")
def test_postgres_backup_prints_and_runs_pg_dump(tmp_path):
    out = io.StringIO()
    call_command("backup", "--print", "--output", str(tmp_path / "x.dump"), stdout=out)
    assert out.getvalue().startswith("pg_dump -Fc")
    assert "PASSWORD" not in out.getvalue()
    target = tmp_path / "x.dump"
    call_command("backup", "--output", str(target), stdout=io.StringIO())
    assert target.read_bytes()[:5] == b"PGDMP"
