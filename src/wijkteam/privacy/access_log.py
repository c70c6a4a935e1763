"""Writing the NEN 7513 access log (verifying it: :mod:`.access_log_verify`).

Every selector that reads resident data calls :func:`log_access` once per request with all
residents it shows, inside the same transaction as any write. Each entry's ``hash`` is an
HMAC-SHA256 (key outside the database, :mod:`.access_log_keys`) over its own content, the id
of the key and the previous entry's hash; :func:`verify_chain` names the first entry where
the chain breaks (a changed, forged, deleted or inserted row, a truncated tail).

When the signing key changes (a rotation: a new key first in ``WIJKTEAM_ACCESS_LOG_KEYS``),
the next append first writes a key-rotation entry signed with the new key, so the chain
itself records from which entry on the new key signs.
"""

import hashlib
import json
from collections.abc import Iterable

from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext

from wijkteam.accounts.models import User
from wijkteam.core.request_context import current_request_id
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.models import Team
from wijkteam.organisation.policies import memberships

from . import access_log_keys as keys
from . import access_log_postgres, access_log_sqlite
from .constants import AccessAction
from .models import AccessLogEntry

GENESIS = "0" * 64


def actor_context(user: User, team: Team | None = None) -> dict[str, str]:
    """The role(s) and organisation(s) a user acts in, for the NEN 7513 entry.

    From the user's active membership in ``team``, or from all active memberships when no team
    is given: ``{"role": "Generalist, Teamleider", "organisation": "Welzijn Noord"}``. Accounts
    without a membership get their account kind as role; a system actor (an unsaved user, as
    retention uses) gets "systeem". No query of its own: the memberships are read once per
    request (:func:`wijkteam.organisation.policies.memberships`).
    """
    if user.pk is None:
        return {"role": gettext("systeem"), "organisation": ""}
    rows: list[tuple[str, str]] = [
        (m.organisation_name, role)
        for m in memberships(user)
        if team is None or m.team_id == team.pk
        for role in (sorted(m.roles) or [""])
    ]
    organisations: list[str] = []
    roles: list[str] = []
    labels = dict(TeamRole.choices)
    for organisation, role in rows:
        if organisation and organisation not in organisations:
            organisations.append(organisation)
        label = str(labels.get(role, role)) if role else ""
        if label and label not in roles:
            roles.append(label)
    if not roles and not organisations:
        return {"role": str(user.get_system_role_display()), "organisation": ""}
    return {"role": ", ".join(roles), "organisation": ", ".join(organisations)}


def _canonical(entry: AccessLogEntry, prev: str) -> str:
    payload = {
        "at": entry.at.isoformat(),
        "user": entry.user_id,
        "user_name": entry.user_name,
        "user_role": entry.user_role,
        "organisation": entry.organisation_name,
        "on_behalf_of": entry.on_behalf_of,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "purpose": entry.purpose,
        "residents": sorted(entry.resident_ids),
        "request_id": entry.request_id,
        "prev": prev,
    }
    if entry.key_id:  # entries from before the chain was keyed have no key in their content
        payload["key"] = entry.key_id
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def unkeyed_digest(entry: AccessLogEntry) -> str:
    """Plain SHA-256 of the entry: the hash of a legacy entry, and what a forger can compute."""
    return hashlib.sha256(_canonical(entry, entry.prev_hash).encode()).hexdigest()


def entry_digest(entry: AccessLogEntry) -> str:
    """The hash ``entry`` must carry: its HMAC under ``entry.key_id`` (SHA-256 for legacy)."""
    if entry.key_id == keys.LEGACY:
        return unkeyed_digest(entry)
    return keys.sign(entry.key_id, _canonical(entry, entry.prev_hash))


def log_access(
    *,
    user: User,
    action: AccessAction,
    residents: Iterable[int],
    obj: models.Model | None = None,
    purpose: str = "",
    role: str = "",
    organisation: str = "",
    on_behalf_of: str = "",
) -> AccessLogEntry:
    """Append one entry; joins the caller's transaction (so it commits with the write).

    When neither ``role`` nor ``organisation`` is given, both are filled from the user's
    active memberships (:func:`actor_context`). Entries link in the order they are written,
    whatever the number of writers: on SQLite the append takes the write lock
    (``BEGIN IMMEDIATE``) before it reads the head (:mod:`.access_log_sqlite`); on PostgreSQL
    the head is read, the entry signed against it, and one statement moves the head only if
    it is unchanged and inserts the entry with its resident rows (a conflict appends again
    under the head's lock, :mod:`.access_log_postgres`). Outside a transaction (a reading page)
    the append commits on its own, so the entry is durable before the caller goes on to
    build the page. The HMAC is computed here, so the key never reaches the database.
    """
    resident_ids = sorted({int(r) for r in residents})
    if not role and not organisation:
        context = actor_context(user)
        role, organisation = context["role"], context["organisation"]
    entry = AccessLogEntry(
        at=timezone.now(),
        user=user if user.pk else None,
        user_name=user.get_username(),
        user_role=role[:150],
        organisation_name=organisation[:150],
        on_behalf_of=on_behalf_of[:150],
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        purpose=purpose[:250],
        resident_ids=resident_ids,
        request_id=current_request_id(),
    )
    entry.key_id = keys.signing_key_id()
    if connection.vendor == "postgresql":
        access_log_postgres.append(entry)
    else:
        access_log_sqlite.append(entry)
    return entry


def rotation_entry(entry: AccessLogEntry, *, old: str) -> AccessLogEntry:
    """The entry recording that ``entry.key_id`` signs from here on (``old`` signed before)."""
    new = entry.key_id
    return AccessLogEntry(
        at=entry.at,
        user=None,
        user_name=gettext("systeem"),
        action=AccessAction.KEY_ROTATION,
        object_type="privacy.AccessLogKey",
        object_id=new,
        purpose=f"sleutel {old or '(geen: ongesleutelde regels)'} -> {new}",
        resident_ids=[],
        request_id=entry.request_id,
        key_id=new,
    )


# verification lives in its own module; re-exported for the callers that import it from here
from .access_log_verify import ChainProblem, verify_chain  # noqa: E402

__all__ = [
    "GENESIS",
    "ChainProblem",
    "actor_context",
    "entry_digest",
    "log_access",
    "unkeyed_digest",
    "verify_chain",
]
