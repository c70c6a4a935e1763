"""The NEN 7513 access log: actor context, hash chain verification and the command."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.access_log import (
    GENESIS,
    ChainProblem,
    actor_context,
    entry_digest,
    log_access,
    unkeyed_digest,
    verify_chain,
)
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry, AccessLogHead, AccessLogResident
from wijkteam.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="De alleen-toevoegen-trigger van de toegangslog bestaat alleen op PostgreSQL; "
    "SQLite heeft hem niet (daar is er in de applicatie geen pad dat de log wijzigt).",
)


def _entries(n: int, user=None) -> list[AccessLogEntry]:
    user = user or UserFactory()
    return [
        log_access(user=user, action=AccessAction.READ, residents=[i + 1], purpose=f"lezen {i}")
        for i in range(n)
    ]


def _problem() -> ChainProblem | None:
    for item in verify_chain(batch_size=2):
        if isinstance(item, ChainProblem):
            return item
    return None


def _raw_update(entry: AccessLogEntry, **fields) -> None:
    """Tamper with a row behind the application's back."""
    AccessLogEntry.objects.filter(pk=entry.pk).update(**fields)


@pytest.fixture(autouse=True)
def _tamper_as_superuser(request: pytest.FixtureRequest) -> None:
    """The chain check exists for an attacker who bypasses the application and its trigger:
    a database superuser. On PostgreSQL, tests that tamper act as one (triggers off for this
    test's transaction); the tests of the trigger itself keep it on."""
    if connection.vendor == "postgresql" and not request.node.name.startswith("test_postgres_"):
        request.getfixturevalue("db")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")


# ---- actor context -----------------------------------------------------------------------


def test_actor_context_names_roles_and_employers_of_active_memberships():
    team = TeamFactory(name="Wijkteam Noord")
    membership = MembershipFactory(
        team=team,
        roles=[TeamRole.GENERALIST, TeamRole.TEAMLEIDER],
        organisation=OrganisationFactory(name="Welzijn A"),
    )
    ctx = actor_context(membership.user)
    assert ctx == {"role": "Generalist, Teamleider", "organisation": "Welzijn A"}
    assert actor_context(membership.user, team=TeamFactory()) == {
        "role": "Professional in een wijkteam",
        "organisation": "",
    }


def test_actor_context_of_beheerder_and_system_actor():
    assert actor_context(UserFactory(beheerder=True))["role"] == "Functioneel beheerder"
    from wijkteam.accounts.models import User

    assert actor_context(User(username="systeem")) == {"role": "systeem", "organisation": ""}


def test_log_access_fills_role_and_organisation_but_keeps_given_values():
    membership = MembershipFactory(
        roles=[TeamRole.BESLISSER], organisation=OrganisationFactory(name="MEE Regio")
    )
    entry = log_access(user=membership.user, action=AccessAction.READ, residents=[1])
    assert entry.user_role == "Beslisser (gemandateerd)"
    assert entry.organisation_name == "MEE Regio"
    explicit = log_access(
        user=membership.user, action=AccessAction.READ, residents=[1], role="x", organisation="y"
    )
    assert (explicit.user_role, explicit.organisation_name) == ("x", "y")
    assert entry_digest(entry) == entry.hash


def test_an_ended_membership_does_not_count():
    import datetime

    membership = MembershipFactory(
        organisation=OrganisationFactory(name="Oud"), active_until=datetime.date(2021, 1, 1)
    )
    assert actor_context(membership.user)["organisation"] == ""


# ---- verify_chain ------------------------------------------------------------------------


def test_an_intact_chain_reports_progress_and_no_problem():
    _entries(5)
    items = list(verify_chain(batch_size=2))
    assert items == [2, 4, 5]
    assert AccessLogEntry.objects.order_by("id").first().prev_hash == GENESIS


def test_a_changed_row_is_detected_and_named():
    entries = _entries(4)
    _raw_update(entries[2], purpose="iets anders")
    assert _problem() == ChainProblem(entries[2].pk, "changed")


def test_a_changed_row_with_a_hash_recomputed_without_the_key_is_named_forged():
    entries = _entries(4)
    forged = AccessLogEntry.objects.get(pk=entries[1].pk)
    forged.purpose = "vervalst"
    forged.hash = unkeyed_digest(forged)
    _raw_update(entries[1], purpose="vervalst", hash=forged.hash)
    assert _problem() == ChainProblem(entries[1].pk, "forged_entry")


def test_a_deleted_row_in_the_middle_is_detected_at_the_next_row():
    entries = _entries(4)
    AccessLogEntry.objects.filter(pk=entries[1].pk).delete()
    assert _problem() == ChainProblem(entries[2].pk, "broken_link")


def test_deleting_the_first_rows_without_anchor_is_detected():
    entries = _entries(3)
    AccessLogEntry.objects.filter(pk=entries[0].pk).delete()
    assert _problem() == ChainProblem(entries[1].pk, "deleted_before")


def test_deleting_the_last_row_is_detected():
    entries = _entries(3)
    AccessLogEntry.objects.filter(pk=entries[2].pk).delete()
    assert _problem() == ChainProblem(entries[1].pk, "deleted_after")


def test_an_inserted_row_with_a_made_up_link_is_detected_and_named():
    entries = _entries(2)
    fake = AccessLogEntry(
        at=entries[1].at,
        user_name="indringer",
        action=AccessAction.READ,
        resident_ids=[1],
        prev_hash="f" * 64,
    )
    fake.hash = unkeyed_digest(fake)
    fake.save()
    assert _problem() == ChainProblem(fake.pk, "broken_link")


def test_a_carefully_forged_inserted_row_without_the_key_is_named_forged():
    user = UserFactory()
    first, second = _entries(2, user)
    AccessLogEntry.objects.filter(pk=second.pk).delete()
    # The forger slips a row in after `first` with a valid link and hash...
    forged = AccessLogEntry(
        id=second.pk,
        at=first.at,
        user_name="indringer",
        action=AccessAction.READ,
        resident_ids=[9],
        prev_hash=first.hash,
    )
    forged.hash = unkeyed_digest(forged)
    forged.save()
    # ...and the genuine row that followed is put back with its own (old) link.
    third = AccessLogEntry(**{f.attname: getattr(second, f.attname) for f in second._meta.fields})
    third.id = second.pk + 1
    third.save()
    AccessLogHead.objects.filter(id=1).update(last_hash=third.hash)
    assert _problem() == ChainProblem(forged.pk, "forged_entry")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite keeps the hash's inline UNIQUE (privacy migration 0013): a copy is refused",
)
def test_a_copied_entry_appended_at_the_end_is_detected_without_a_unique_hash():
    """Migration 0013 dropped the hash's unique index on PostgreSQL: the chain, not an index,
    is what finds a replayed entry."""
    entries = _entries(3)
    copy = AccessLogEntry(
        **{f.attname: getattr(entries[0], f.attname) for f in entries[0]._meta.fields}
    )
    copy.id = entries[2].pk + 1
    copy.save(force_insert=True)
    AccessLogHead.objects.filter(id=1).update(last_hash=copy.hash, last_entry_id=copy.pk)
    assert AccessLogEntry.objects.filter(hash=entries[0].hash).count() == 2
    assert _problem() == ChainProblem(copy.pk, "broken_link")


# ---- the command ---------------------------------------------------------------------------


def test_verify_access_log_command_prints_progress_and_succeeds():
    _entries(3)
    out = io.StringIO()
    call_command("verify_access_log", "--batch-size", "2", stdout=out)
    text = out.getvalue()
    assert "2 regels gecontroleerd" in text
    assert "Toegangslog in orde: 3 regels" in text


def test_verify_access_log_command_fails_naming_the_entry_and_problem():
    entries = _entries(3)
    _raw_update(entries[1], resident_ids=[42])
    out = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("verify_access_log", stdout=out)
    message = str(exc.value)
    assert f"regel {entries[1].pk}: changed" in message
    assert "gewijzigd" in message


def test_verify_access_log_command_exits_non_zero(tmp_path):
    """Through manage.py the CommandError becomes exit status 1."""
    from django.core.management import ManagementUtility

    entries = _entries(2)
    AccessLogEntry.objects.filter(pk=entries[1].pk).delete()
    utility = ManagementUtility(["manage.py", "verify_access_log"])
    with pytest.raises(SystemExit) as exc:
        utility.execute()
    assert exc.value.code == 1


def test_an_empty_log_is_in_order():
    out = io.StringIO()
    call_command("verify_access_log", stdout=out)
    assert "Toegangslog in orde: 0 regels" in out.getvalue()


# ---- PostgreSQL: the trigger refuses UPDATE and DELETE -------------------------------------


@postgres_only
def test_postgres_trigger_refuses_update_and_delete():
    entry = _entries(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).update(purpose="gewijzigd")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogResident.objects.filter(entry=entry).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).delete()
    assert AccessLogEntry.objects.filter(pk=entry.pk, purpose="lezen 0").exists()


@postgres_only
def test_postgres_retention_setting_allows_delete_but_not_update():
    entry = _entries(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL wijkteam.access_log_retention = 'on'")
        AccessLogEntry.objects.filter(pk=entry.pk).update(purpose="gewijzigd")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL wijkteam.access_log_retention = 'on'")
        AccessLogResident.objects.filter(entry=entry).delete()
        AccessLogEntry.objects.filter(pk=entry.pk).delete()
    assert not AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_an_append_stores_entry_residents_and_head_as_one(db):
    """Both write paths (one statement on PostgreSQL, the ORM on SQLite) leave the same rows."""
    user = UserFactory()
    first = log_access(
        user=user,
        action=AccessAction.READ,
        residents=[5, 3, 5],
        purpose='Cliëntondersteuner "zei": ok \\ 👍',  # escaped and non-ASCII text hashes alike
    )
    second = log_access(user=user, action=AccessAction.SEARCH, residents=[], purpose="b")
    stored = AccessLogEntry.objects.get(pk=first.pk)
    assert stored.hash == first.hash == entry_digest(stored)
    assert stored.resident_ids == [3, 5]
    assert sorted(
        AccessLogResident.objects.filter(entry=first).values_list("resident_id", flat=True)
    ) == [3, 5]
    assert AccessLogEntry.objects.get(pk=second.pk).prev_hash == first.hash
    assert not AccessLogResident.objects.filter(entry_id=second.pk).exists()
    head = AccessLogHead.objects.get(id=1)
    assert (head.last_hash, head.last_entry_id) == (second.hash, second.pk)
    assert _problem() is None


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_appends_form_one_unbroken_chain():
    """Writers in parallel connections wait for the head row and link in the order they lock."""
    import threading

    from django.db import connections

    users = [UserFactory() for _ in range(6)]
    errors: list[BaseException] = []

    def writer(user):
        try:
            for n in range(15):
                log_access(user=user, action=AccessAction.READ, residents=[n], purpose=f"{n}")
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert AccessLogEntry.objects.count() == 6 * 15
    assert AccessLogEntry.objects.values("prev_hash").distinct().count() == 6 * 15
    assert _problem() is None
