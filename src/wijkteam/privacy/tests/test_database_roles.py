"""PostgreSQL least privilege: the application role cannot tamper with the access log, and
retention works only through the retention role's function, leaving a signed anchor.

The roles are created inside the test's transaction (CREATE ROLE is transactional on
PostgreSQL), so nothing is left behind in the cluster.
"""

import datetime
import os
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from wijkteam.privacy.access_log import ChainProblem, log_access, verify_chain
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogAnchor, AccessLogEntry
from wijkteam.testing.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="rollen bestaan alleen op PG"),
]

APP = f"t_app_{os.getpid()}"
RET = f"t_ret_{os.getpid()}"


@pytest.fixture
def app_role():
    call_command("create_database_roles", "--app-role", APP, "--retention-role", RET, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {APP}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def _refused(sql: str, params: list | None = None) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_application_role_cannot_change_delete_or_unguard_the_log(app_role):
    user = UserFactory()
    entry = log_access(user=user, action=AccessAction.READ, residents=[1])  # appending works
    _refused("UPDATE privacy_accesslogentry SET purpose = 'x' WHERE id = %s", [entry.pk])
    _refused("DELETE FROM privacy_accesslogentry WHERE id = %s", [entry.pk])
    with transaction.atomic():
        with connection.cursor() as cursor:  # the flag alone opens nothing
            cursor.execute("SET LOCAL wijkteam.access_log_retention = 'on'")
        _refused("DELETE FROM privacy_accesslogentry WHERE id = %s", [entry.pk])
    _refused("DELETE FROM privacy_accesslogresident WHERE entry_id = %s", [entry.pk])
    _refused("TRUNCATE privacy_accesslogentry CASCADE")
    _refused("ALTER TABLE privacy_accesslogentry DISABLE TRIGGER access_log_append_only")
    _refused("SET session_replication_role = replica")
    _refused(
        "INSERT INTO privacy_accessloganchor (entry_id, prev_hash, removed_count, "
        "removed_before, created_at, key_id, mac) VALUES (1, 'x', 1, now(), now(), '', '')"
    )
    _refused("CREATE TABLE public.indringer (id int)")
    assert AccessLogEntry.objects.filter(pk=entry.pk, purpose="").exists()


def test_retention_runs_through_the_function_and_leaves_a_signed_anchor(app_role):
    from wijkteam.privacy.constants import DossierKind
    from wijkteam.rights import retention_log
    from wijkteam.rights.models import RetentionRule

    RetentionRule.objects.get_or_create(  # a transactional test before may have flushed it
        kind=DossierKind.TOEGANGSLOG, defaults={"years": 5, "starts": "-", "source": "NEN 7513"}
    )
    user = UserFactory()
    old_moment = timezone.now() - datetime.timedelta(days=6 * 365)
    with mock.patch("wijkteam.privacy.access_log.timezone.now", return_value=old_moment):
        for i in range(3):
            log_access(user=user, action=AccessAction.READ, residents=[i + 1])
    keep = log_access(user=user, action=AccessAction.READ, residents=[9])
    result = retention_log.purge_access_log()
    assert result is not None and result.entries == 3
    assert list(AccessLogEntry.objects.values_list("id", flat=True)) == [keep.pk]
    anchor = AccessLogAnchor.objects.get()
    assert (anchor.entry_id, anchor.key_id, len(anchor.mac)) == (keep.pk, "dev", 64)
    assert not [p for p in verify_chain() if isinstance(p, ChainProblem)]


def test_the_function_refuses_young_entries_and_unsigned_anchors(app_role):
    entry = log_access(user=UserFactory(), action=AccessAction.READ, residents=[1])
    purge = "SELECT wijkteam_access_log_purge(%s, %s, NULL, 1, %s, %s, %s)"
    now = timezone.now()
    _refused(purge, [entry.pk, entry.hash, now, "dev", "0" * 64])
    _refused(purge, [entry.pk, entry.hash, now - datetime.timedelta(days=800), "", ""])
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_the_command_refuses_bad_role_names():
    with pytest.raises(CommandError):
        call_command("create_database_roles", "--app-role", "x; drop", verbosity=0)


def test_the_retention_flag_alone_opens_nothing_even_with_delete_rights():
    """A role that was (wrongly) granted DELETE and sets the flag is still refused by the
    trigger: only the owner of the retention function gets through."""
    entry = log_access(user=UserFactory(), action=AccessAction.READ, residents=[1])
    other = f"t_del_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {other} NOLOGIN")
        cursor.execute(f"GRANT SELECT, DELETE ON privacy_accesslogentry TO {other}")
        cursor.execute(f"SET LOCAL ROLE {other}")
        cursor.execute("SET LOCAL wijkteam.access_log_retention = 'on'")
    with (
        pytest.raises(DatabaseError, match="alleen-toevoegen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM privacy_accesslogentry WHERE id = %s", [entry.pk])
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()
