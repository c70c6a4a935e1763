"""Checkpoints of the access log outside the database: a signed, append-only file.

A background job (``toegangslog-checkpoint``, see ``registrations.py``) and the command
``access_log_checkpoint`` append one JSON line per checkpoint to
``ACCESS_LOG_CHECKPOINT_DIR/access-log-checkpoints.jsonl``::

    {"at": "...", "entry": 1234, "hash": "<hash of entry 1234>", "key": "k1",
     "prev": "<mac of the line before>", "v": 1, "mac": "<HMAC-SHA256 of the rest>"}

The line is signed with the access log key, so a database writer can neither make nor
change one, and each line names the signature of the line before, so a removed line shows.
:func:`verify_chain` compares every checkpoint with the database: an entry a checkpoint names
must still be there with the same hash. The file is opened for appending only; keep it on
storage the database's administrators cannot write (another machine, a WORM bucket, or at
least ``chattr +a``), see docs/operations.md.
"""

import datetime
import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from . import access_log_keys as keys
from .models import AccessLogEntry

FILE_NAME = "access-log-checkpoints.jsonl"


@dataclass(frozen=True)
class Checkpoint:
    line: int  # 1-based line number in the file
    at: str
    entry_id: int
    hash: str
    key_id: str
    mac: str
    valid: bool  # the signature and the link to the line before are right


def path() -> Path:
    return Path(settings.ACCESS_LOG_CHECKPOINT_DIR) / FILE_NAME


def _canonical(fields: dict[str, object]) -> str:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def read() -> list[Checkpoint]:
    """Every checkpoint in the file, in order; ``valid`` is False for a forged or broken line."""
    try:
        lines = path().read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    result: list[Checkpoint] = []
    prev_mac = ""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            fields = {k: v for k, v in data.items() if k != "mac"}
            mac, key_id = str(data["mac"]), str(data["key"])
            entry_id, digest = int(data["entry"]), str(data["hash"])
            valid = data.get("prev") == prev_mac and keys.matches(key_id, _canonical(fields), mac)
            result.append(
                Checkpoint(number, str(data.get("at", "")), entry_id, digest, key_id, mac, valid)
            )
            prev_mac = mac
        except (ValueError, KeyError, TypeError, AttributeError):
            result.append(Checkpoint(number, "", 0, "", "", "", False))
    return result


class CheckpointRefused(Exception):
    """The database no longer holds what the last checkpoint names: no new checkpoint."""


def write(*, skip_unchanged: bool = False) -> Checkpoint | None:
    """Append a checkpoint of the chain's current last entry; None when the log is empty.

    With ``skip_unchanged`` (the job that runs every quarter of an hour) nothing is appended
    when the last checkpoint already names the current last entry; that checkpoint is returned.

    Refuses (:class:`CheckpointRefused`) when the last checkpoint's entry is gone or changed,
    so that a truncated or rewritten log is never written down as the new truth.
    """
    last = AccessLogEntry.objects.order_by("-id").values_list("id", "hash").first()
    existing = read()
    previous = existing[-1] if existing else None
    if previous is not None:
        if not previous.valid:
            raise CheckpointRefused(f"regel {previous.line} van het checkpointbestand is ongeldig")
        still = AccessLogEntry.objects.filter(id=previous.entry_id).values_list("hash", flat=True)
        if (
            last is None
            or last[0] < previous.entry_id
            or still.first() not in (None, previous.hash)
        ):
            raise CheckpointRefused(
                f"regel {previous.entry_id} uit het laatste checkpoint ontbreekt of is gewijzigd"
            )
    if last is None:
        return None
    if skip_unchanged and previous is not None and previous.entry_id == last[0]:
        return previous
    key_id = keys.signing_key_id()
    fields: dict[str, object] = {
        "v": 1,
        "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "entry": last[0],
        "hash": last[1],
        "key": key_id,
        "prev": previous.mac if previous else "",
    }
    mac = keys.sign(key_id, _canonical(fields))
    target = path()
    target.parent.mkdir(parents=True, exist_ok=True)
    line = _canonical({**fields, "mac": mac}) + "\n"
    fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, line.encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return Checkpoint(
        len(existing) + 1, str(fields["at"]), last[0], last[1], key_id, mac, valid=True
    )
