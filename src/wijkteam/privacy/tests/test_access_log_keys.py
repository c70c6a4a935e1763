"""The keyed chain, its rotation, signed anchors and the checkpoints outside the database.

Each attack is the one a database writer without the key can do; the verifier must name it.
On PostgreSQL the attacker acts as a superuser (triggers off for the test's transaction).
"""

import datetime
import hashlib
import hmac
import io
import json
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection

from wijkteam.core.jobs import JobError
from wijkteam.privacy import access_log_checkpoints as checkpoints
from wijkteam.privacy.access_log import (
    ChainProblem,
    entry_digest,
    log_access,
    unkeyed_digest,
    verify_chain,
)
from wijkteam.privacy.access_log_verify import sign_anchor
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.jobs import access_log_checkpoint
from wijkteam.privacy.models import (
    AccessLogAnchor,
    AccessLogEntry,
    AccessLogHead,
    AccessLogResident,
)
from wijkteam.settings.access_log import DEV_KEYS, keys_from_environment, parse_keys
from wijkteam.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

K2 = "ab" * 32
K3 = "cd" * 32


@pytest.fixture(autouse=True)
def _tamper_as_superuser(db: None) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")


@pytest.fixture(autouse=True)
def _own_checkpoints(settings, tmp_path) -> None:
    settings.ACCESS_LOG_CHECKPOINT_DIR = tmp_path


def _entries(n: int) -> list[AccessLogEntry]:
    user = UserFactory()
    return [
        log_access(user=user, action=AccessAction.READ, residents=[i + 1], purpose=f"lezen {i}")
        for i in range(n)
    ]


def _problem() -> ChainProblem | None:
    return next((i for i in verify_chain(batch_size=2) if isinstance(i, ChainProblem)), None)


def _rechain_from(entry_id: int, digest) -> None:
    """The forger recomputes every link and hash from ``entry_id`` on, and the head."""
    prev = AccessLogEntry.objects.filter(id__lt=entry_id).order_by("-id").first()
    prev_hash = prev.hash if prev else "0" * 64
    for entry in AccessLogEntry.objects.filter(id__gte=entry_id).order_by("id"):
        entry.prev_hash = prev_hash
        entry.hash = digest(entry)
        AccessLogEntry.objects.filter(pk=entry.pk).update(
            prev_hash=entry.prev_hash, hash=entry.hash
        )
        prev_hash = entry.hash
    AccessLogHead.objects.filter(id=1).update(last_hash=prev_hash)


# ---- the keyed chain ---------------------------------------------------------------------


def test_every_entry_names_its_key_and_carries_an_hmac_with_it():
    entry = _entries(1)[0]
    stored = AccessLogEntry.objects.get(pk=entry.pk)
    assert stored.key_id == "dev"
    assert stored.hash == entry_digest(stored) != unkeyed_digest(stored)
    from wijkteam.privacy.access_log import _canonical

    expected = hmac.new(
        bytes.fromhex(DEV_KEYS["dev"]), _canonical(stored, stored.prev_hash).encode(), "sha256"
    ).hexdigest()
    assert stored.hash == expected
    assert AccessLogHead.objects.get(id=1).key_id == "dev"


def test_a_forged_entry_with_recomputed_hashes_and_a_repaired_chain_is_named():
    entries = _entries(4)
    AccessLogEntry.objects.filter(pk=entries[1].pk).update(purpose="niets ingezien")
    _rechain_from(entries[1].pk, unkeyed_digest)  # the public algorithm, without the key
    assert _problem() == ChainProblem(entries[1].pk, "forged_entry")


def test_a_forged_entry_signed_with_a_guessed_key_is_named():
    entries = _entries(3)
    AccessLogEntry.objects.filter(pk=entries[1].pk).update(purpose="niets ingezien")

    def guessed(entry: AccessLogEntry) -> str:
        from wijkteam.privacy.access_log import _canonical

        return hmac.new(
            b"geraden", _canonical(entry, entry.prev_hash).encode(), "sha256"
        ).hexdigest()

    _rechain_from(entries[1].pk, guessed)
    assert _problem() == ChainProblem(entries[1].pk, "changed")


def test_turning_keyed_entries_into_unkeyed_ones_is_named_forged():
    entries = _entries(3)
    AccessLogEntry.objects.filter(pk=entries[2].pk).update(key_id="")
    _rechain_from(entries[2].pk, unkeyed_digest)
    assert _problem() == ChainProblem(entries[2].pk, "forged_entry")


def test_an_entry_with_an_unknown_key_is_named(settings):
    entries = _entries(2)
    settings.ACCESS_LOG_KEYS = {"k2": K2}
    assert _problem() == ChainProblem(entries[0].pk, "unknown_key")


# ---- rotation ----------------------------------------------------------------------------


def test_a_rotation_is_recorded_in_the_chain_and_old_entries_keep_verifying(settings):
    old = _entries(2)
    settings.ACCESS_LOG_KEYS = {"k2": K2, **DEV_KEYS}
    new = _entries(1)[0]
    rotation = AccessLogEntry.objects.get(pk=new.pk - 1)
    assert (rotation.action, rotation.key_id, rotation.object_id) == (
        AccessAction.KEY_ROTATION,
        "k2",
        "k2",
    )
    assert rotation.prev_hash == old[-1].hash
    assert "dev -> k2" in rotation.purpose
    assert AccessLogEntry.objects.get(pk=new.pk).key_id == "k2"
    assert _problem() is None
    _entries(1)  # no second rotation while the key stays
    assert AccessLogEntry.objects.filter(action=AccessAction.KEY_ROTATION).count() == 1


def test_a_key_change_without_a_rotation_entry_is_named(settings):
    _entries(2)
    settings.ACCESS_LOG_KEYS = {"k2": K2, **DEV_KEYS}
    _entries(1)
    rotation = AccessLogEntry.objects.get(action=AccessAction.KEY_ROTATION)
    # The forger, who stole the new key, removes the rotation entry and relinks the rest.
    AccessLogEntry.objects.filter(pk=rotation.pk).delete()
    _rechain_from(rotation.pk + 1, entry_digest)
    assert _problem() == ChainProblem(rotation.pk + 1, "key_changed_without_rotation")


def test_legacy_unkeyed_entries_verify_and_are_sealed_by_the_first_keyed_entry():
    user = UserFactory()
    prev = "0" * 64
    legacy = []
    for i in range(3):  # written before the chain was keyed (migration privacy 0007)
        entry = AccessLogEntry(
            at=datetime.datetime(2024, 1, 1 + i, tzinfo=datetime.UTC),
            user=user,
            user_name=user.username,
            action=AccessAction.READ,
            resident_ids=[i],
            prev_hash=prev,
        )
        entry.hash = unkeyed_digest(entry)
        entry.save()
        legacy.append(entry)
        prev = entry.hash
    AccessLogHead.objects.create(id=1, last_hash=prev, last_entry_id=legacy[-1].pk)
    new = _entries(1)[0]
    rotation = AccessLogEntry.objects.get(pk=new.pk - 1)
    assert rotation.action == AccessAction.KEY_ROTATION and rotation.prev_hash == prev
    assert _problem() is None
    # Rewriting the legacy prefix (with its public algorithm) breaks the keyed seal after it.
    AccessLogEntry.objects.filter(pk=legacy[1].pk).update(resident_ids=[99])
    _rechain_from(legacy[1].pk, lambda e: unkeyed_digest(e) if not e.key_id else e.hash)
    assert _problem() == ChainProblem(rotation.pk, "changed")  # its HMAC covers the old link


# ---- retention anchors -------------------------------------------------------------------


def _delete_first(entries: list[AccessLogEntry], n: int) -> None:
    ids = [e.pk for e in entries[:n]]
    AccessLogResident.objects.filter(entry_id__in=ids).delete()
    AccessLogEntry.objects.filter(id__in=ids).delete()


def test_a_deletion_with_a_forged_anchor_is_named():
    entries = _entries(4)
    _delete_first(entries, 2)
    AccessLogAnchor.objects.create(
        entry_id=entries[2].pk,
        prev_hash=entries[1].hash,
        removed_count=2,
        removed_before=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
        key_id="dev",
        mac="0" * 64,
    )
    assert _problem() == ChainProblem(entries[2].pk, "forged_anchor")


def test_an_unsigned_anchor_in_front_of_a_keyed_entry_is_named_forged():
    entries = _entries(3)
    _delete_first(entries, 1)
    AccessLogAnchor.objects.create(
        entry_id=entries[1].pk,
        prev_hash=entries[0].hash,
        removed_count=1,
        removed_before=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )
    assert _problem() == ChainProblem(entries[1].pk, "forged_anchor")


def test_a_signed_anchor_lets_the_chain_start_and_a_changed_one_does_not():
    entries = _entries(3)
    _delete_first(entries, 1)
    anchor = AccessLogAnchor(
        entry_id=entries[1].pk,
        prev_hash=entries[0].hash,
        removed_count=1,
        removed_before=datetime.datetime(2020, 1, 1, 12, tzinfo=datetime.UTC),
    )
    sign_anchor(anchor)
    anchor.save()
    assert _problem() is None
    AccessLogAnchor.objects.filter(pk=anchor.pk).update(removed_count=5)
    assert _problem() == ChainProblem(entries[1].pk, "forged_anchor")


# ---- checkpoints outside the database ----------------------------------------------------


def test_the_checkpoint_job_appends_signed_lines_that_chain():
    assert "leeg" in access_log_checkpoint()
    entries = _entries(2)
    access_log_checkpoint()
    _entries(1)
    access_log_checkpoint()
    lines = checkpoints.path().read_text().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert (first["entry"], first["hash"], first["key"]) == (entries[1].pk, entries[1].hash, "dev")
    assert second["prev"] == first["mac"]
    assert all(mark.valid for mark in checkpoints.read())
    assert _problem() is None
    # Every quarter of an hour: without new entries the job writes nothing and says so.
    assert "Geen nieuwe regels" in access_log_checkpoint()
    assert len(checkpoints.path().read_text().splitlines()) == 2
    # The command writes one whenever it is asked (e.g. before a backup).
    call_command("access_log_checkpoint", stdout=io.StringIO())
    assert len(checkpoints.path().read_text().splitlines()) == 3


def test_a_truncated_tail_with_a_repaired_head_is_named():
    entries = _entries(4)
    access_log_checkpoint()
    AccessLogResident.objects.filter(entry_id__in=[e.pk for e in entries[2:]]).delete()
    AccessLogEntry.objects.filter(id__in=[e.pk for e in entries[2:]]).delete()
    AccessLogHead.objects.filter(id=1).update(
        last_hash=entries[1].hash, last_entry_id=entries[1].pk
    )
    assert _problem() == ChainProblem(entries[3].pk, "truncated_tail")
    with pytest.raises(JobError, match="ontbreekt of is gewijzigd"):
        access_log_checkpoint()  # a truncated log is never written down as the new truth
    with pytest.raises(CommandError, match="truncated_tail"):
        call_command("verify_access_log", stdout=io.StringIO())


def test_a_chain_rewritten_since_a_checkpoint_is_named():
    entries = _entries(3)
    access_log_checkpoint()
    # All entries turned into unkeyed ones: the chain is consistent, the checkpoint is not.
    AccessLogEntry.objects.update(key_id="")
    _rechain_from(entries[0].pk, unkeyed_digest)
    assert _problem() == ChainProblem(entries[2].pk, "checkpoint_mismatch")


def test_a_changed_or_removed_checkpoint_line_is_named():
    _entries(2)
    access_log_checkpoint()
    _entries(1)
    access_log_checkpoint()
    lines = checkpoints.path().read_text().splitlines()
    changed = json.loads(lines[1])
    changed["entry"] -= 1
    checkpoints.path().write_text(lines[0] + "\n" + json.dumps(changed) + "\n")
    assert _problem() == ChainProblem(2, "forged_checkpoint")
    checkpoints.path().write_text(lines[1] + "\n")  # the first line removed
    assert _problem() == ChainProblem(1, "forged_checkpoint")


def test_the_command_reports_the_checkpoints():
    _entries(2)
    call_command("access_log_checkpoint", stdout=io.StringIO())
    out = io.StringIO()
    call_command("verify_access_log", stdout=out)
    assert "1 checkpoints" in out.getvalue()
    assert "laatste checkpoint" in out.getvalue()


def test_the_checkpoint_job_is_registered():
    from wijkteam.core import jobs

    job = jobs.get("toegangslog-checkpoint")
    assert job is not None and job.run is access_log_checkpoint


# ---- key configuration -------------------------------------------------------------------


def test_keys_parse_from_the_environment_or_a_file(tmp_path):
    assert parse_keys(f"k2:{K2}, k1:{K3}", "x") == {"k2": K2, "k1": K3}
    key_file = tmp_path / "keys"
    key_file.write_text(f"# sleutels\nk3:{K3}\n")
    assert keys_from_environment({"WIJKTEAM_ACCESS_LOG_KEY_FILE": str(key_file)}) == {"k3": K3}
    assert keys_from_environment({}) == {}
    for bad in ("k1", "k1:zz", "k1:abcd", f"k 1:{K2}", f"k1:{K2},k1:{K3}"):
        with pytest.raises(ImproperlyConfigured):
            parse_keys(bad, "x")


@pytest.mark.parametrize("keys", ["", "dev:" + DEV_KEYS["dev"]])
def test_production_refuses_to_start_without_a_real_key(keys):
    env = {
        "DJANGO_SECRET_KEY": "x" * 50,
        "WIJKTEAM_ACCESS_LOG_KEYS": keys,
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, "-c", "import wijkteam.settings.production"],
        env={**env, "PYTHONPATH": "src"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "WIJKTEAM_ACCESS_LOG_KEYS" in done.stderr


def test_production_starts_with_a_key():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import wijkteam.settings.production as s; print(list(s.ACCESS_LOG_KEYS))",
        ],
        env={
            "DJANGO_SECRET_KEY": "x" * 50,
            "WIJKTEAM_ACCESS_LOG_KEYS": f"k2:{K2}",
            "PYTHONPATH": "src",
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "['k2']" in done.stdout


def test_the_keys_never_reach_the_database():
    from django.test.utils import CaptureQueriesContext

    user = UserFactory()
    _entries(1)  # the head row exists
    with CaptureQueriesContext(connection) as ctx:
        log_access(
            user=user, action=AccessAction.READ, residents=[1, 2], role="r", organisation="o"
        )
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert DEV_KEYS["dev"] not in sql
    assert hashlib.sha256(bytes.fromhex(DEV_KEYS["dev"])).hexdigest() not in sql
    inserts = [
        q for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(("INSERT", "WITH"))
    ]
    if connection.vendor == "postgresql":
        # read the head; one statement: compare-and-set on the head, the entry, its residents
        assert len(ctx.captured_queries) == 2 and len(inserts) == 1
