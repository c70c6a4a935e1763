"""Verifying the access log: the keyed chain, the retention anchors and the checkpoints.

:func:`verify_chain` walks the chain in id order and stops at the first problem, naming the
entry and the kind (:data:`PROBLEMS`): a changed or forged entry (an HMAC that does not
match, or a hash recomputed without the key), a broken link (a row deleted or inserted in the
middle), a deletion before the first entry without a signed retention anchor, a forged
anchor, a truncated tail (the chain ends before an entry a checkpoint outside the database
names) or an entry that no longer has the hash a checkpoint recorded.
"""

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Q

from . import access_log_checkpoints as checkpoints
from . import access_log_keys as keys
from .constants import AccessAction
from .models import AccessLogAnchor, AccessLogEntry, AccessLogHead

GENESIS = "0" * 64

#: Each problem's code and what it means (Dutch, for the command and the job).
PROBLEMS = {
    "changed": "de inhoud van deze regel is gewijzigd (de HMAC klopt niet meer)",
    "forged_entry": (
        "deze regel is vervalst: de hash is opnieuw berekend zonder de sleutel (of de regel "
        "doet zich voor als ongesleutelde regel na gesleutelde regels)"
    ),
    "unknown_key": "deze regel noemt een sleutel die niet is ingesteld",
    "key_changed_without_rotation": (
        "deze regel is met een andere sleutel ondertekend zonder sleutelwissel in de keten"
    ),
    "broken_link": (
        "de verwijzing naar de vorige regel klopt niet: een regel ervoor is verwijderd, "
        "ingevoegd of gewijzigd"
    ),
    "deleted_before": (
        "de regels vóór deze regel zijn verwijderd zonder ankerpunt van de bewaartermijn"
    ),
    "forged_anchor": (
        "de regels vóór deze regel zijn verwijderd en het ankerpunt is vervalst (de "
        "handtekening ontbreekt of klopt niet)"
    ),
    "deleted_after": "regels na deze regel zijn verwijderd (de kop van de keten wijst verder)",
    "truncated_tail": (
        "de keten is afgekapt: het laatste checkpoint buiten de database noemt deze regel, "
        "maar de keten eindigt eerder"
    ),
    "checkpoint_mismatch": (
        "deze regel heeft niet meer de hash die een checkpoint buiten de database vastlegde "
        "(de keten is herschreven)"
    ),
    "forged_checkpoint": (
        "een regel van het checkpointbestand is vervalst of verwijderd (handtekening of "
        "verwijzing klopt niet); het getal is de regel in het bestand"
    ),
}


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int
    problem: str


def anchor_message(anchor: AccessLogAnchor) -> str:
    """What an anchor's ``mac`` signs."""
    before = anchor.removed_before.astimezone(datetime.UTC).isoformat()
    payload = {
        "entry": anchor.entry_id,
        "prev": anchor.prev_hash,
        "removed": anchor.removed_count,
        "before": before,
        "key": anchor.key_id,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"))


def sign_anchor(anchor: AccessLogAnchor) -> None:
    anchor.key_id = keys.signing_key_id()
    anchor.mac = keys.sign(anchor.key_id, anchor_message(anchor))


def _anchor_problem(entry: AccessLogEntry) -> str | None:
    """None when a retention anchor lets the chain start at ``entry``, else the problem."""
    anchors = list(
        AccessLogAnchor.objects.filter(
            Q(entry_id=entry.pk) | Q(entry_id__isnull=True), prev_hash=entry.prev_hash
        )
    )
    if not anchors:
        return "deleted_before"
    for anchor in anchors:
        if anchor.mac and keys.matches(anchor.key_id, anchor_message(anchor), anchor.mac):
            return None
        if not anchor.mac and entry.key_id == keys.LEGACY:
            return None  # an anchor from before the keys, in front of a legacy entry
    return "forged_anchor"


def _entry_problem(
    entry: AccessLogEntry, previous: AccessLogEntry | None, keyed: bool
) -> str | None:
    from .access_log import _canonical, unkeyed_digest

    if entry.key_id == keys.LEGACY:
        if keyed:
            return "forged_entry"
        return None if unkeyed_digest(entry) == entry.hash else "changed"
    if not keys.known(entry.key_id):
        return "unknown_key"
    rotated = entry.action == AccessAction.KEY_ROTATION and entry.object_id == entry.key_id
    if previous is not None and previous.key_id != entry.key_id and not rotated:
        return "key_changed_without_rotation"
    if keys.matches(entry.key_id, _canonical(entry, entry.prev_hash), entry.hash):
        return None
    return "forged_entry" if unkeyed_digest(entry) == entry.hash else "changed"


def verify_chain(*, batch_size: int = 5000) -> Iterator[int | ChainProblem]:
    """Walk the chain in id order; yields progress counts and, at the first break, a problem."""
    marks = checkpoints.read()
    for mark in marks:
        if not mark.valid:
            yield ChainProblem(mark.line, "forged_checkpoint")
            return
    recorded = {mark.entry_id: mark.hash for mark in marks}
    previous: AccessLogEntry | None = None
    keyed = False
    checked = 0
    last_id = 0
    qs = AccessLogEntry.objects.order_by("id")
    while True:
        batch = list(qs.filter(id__gt=last_id)[:batch_size])
        if not batch:
            break
        for entry in batch:
            problem: str | None = None
            if previous is None:
                if entry.prev_hash != GENESIS:
                    # Older entries may have been removed by retention: the first remaining
                    # entry anchors the chain, but only when a signed retention anchor says so.
                    problem = _anchor_problem(entry)
            elif entry.prev_hash != previous.hash:
                problem = "broken_link"
            problem = problem or _entry_problem(entry, previous, keyed)
            if problem is None and recorded.get(entry.pk, entry.hash) != entry.hash:
                problem = "checkpoint_mismatch"
            if problem is not None:
                yield ChainProblem(entry.pk, problem)
                return
            keyed = keyed or entry.key_id != keys.LEGACY
            previous = entry
            checked += 1
        last_id = batch[-1].pk
        yield checked
    beyond = [entry_id for entry_id in recorded if entry_id > last_id]
    if beyond and not (previous is None and _all_removed_by_retention()):
        yield ChainProblem(max(beyond), "truncated_tail")
        return
    head = AccessLogHead.objects.filter(id=1).first()
    if head is not None and previous is not None and head.last_hash != previous.hash:
        yield ChainProblem(previous.pk, "deleted_after")


def _all_removed_by_retention() -> bool:
    """Whether an empty log was emptied by retention (a signed anchor without entry)."""
    head = AccessLogHead.objects.filter(id=1).first()
    if head is None:
        return False
    return any(
        a.mac and keys.matches(a.key_id, anchor_message(a), a.mac)
        for a in AccessLogAnchor.objects.filter(entry_id__isnull=True, prev_hash=head.last_hash)
    )
