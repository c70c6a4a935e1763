"""The case journal: record a contact moment and correct it, with a version check.

Who writes: a case worker (regisseur, involved member, teamleider; never under a doorbraak,
which is read-only, and never the cliëntondersteuner), and only in a consent category the
member may see. Who corrects: the author, while still a case worker. A stale correction (the
version the form showed is no longer the current one) raises ``ConcurrentEditError`` and
writes nothing. A form sent twice with the same ``idempotency_key`` gives the first entry back.

The audit row names the changed fields; the text of the note and the name of the contact are
personal data and stay out of it (the access log records the write against the residents).
"""

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction

from .. import policies
from ..emergency import grant_of
from ..models import Case, JournalEntry
from ..policies_consent import require_category

# Fields whose values may be shown in the audit trail; the others are named only.
_PLAIN_FIELDS = ("occurred_on", "kind", "category")


def _require_worker(actor: User, case: Case) -> None:
    if grant_of(case) is not None or not policies.is_case_worker(actor, case):
        raise PermissionDenied(
            _(
                "Alleen de regisseur, een betrokken teamlid of de teamleider schrijft in het "
                "journaal van deze casus."
            )
        )


def _check_values(*, occurred_on: datetime.date, note: str, with_whom: str) -> None:
    errors: dict[str, str] = {}
    if occurred_on > timezone.localdate():
        errors["occurred_on"] = _("Een contactmoment ligt vandaag of eerder, niet in de toekomst.")
    if not note.strip():
        errors["note"] = _("Schrijf een notitie bij het contactmoment.")
    if not with_whom.strip():
        errors["with_whom"] = _("Vul in met wie u contact had.")
    if errors:
        raise ValidationError(errors)


def _residents(case: Case) -> list[int]:
    return list(case.household.members.values_list("pk", flat=True))


def journal_entry_create(
    *,
    actor: User,
    case: Case,
    occurred_on: datetime.date,
    kind: str,
    with_whom: str,
    note: str,
    category: str,
    idempotency_key: uuid.UUID | None = None,
) -> JournalEntry:
    """Record a contact moment; the same ``idempotency_key`` twice gives the first entry."""
    _require_worker(actor, case)
    require_category(actor, case, category)
    _check_values(occurred_on=occurred_on, note=note, with_whom=with_whom)
    if idempotency_key is not None:
        earlier = JournalEntry.objects.filter(idempotency_key=idempotency_key).first()
        if earlier is not None:
            return _replayed(earlier, case)
    entry = JournalEntry(
        case=case,
        occurred_on=occurred_on,
        kind=kind,
        with_whom=with_whom.strip(),
        note=note.strip(),
        category=category,
        author=actor,
        idempotency_key=idempotency_key,
    )
    entry.full_clean(exclude=["idempotency_key"])
    try:
        with transaction.atomic():
            entry.save()
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=entry,
                object_repr=_("Journaal van casus %s") % case.pk,
                changes={name: str(getattr(entry, name)) for name in _PLAIN_FIELDS},
            )
            log_access(
                user=actor,
                action=AccessAction.CREATE,
                residents=_residents(case),
                obj=entry,
                purpose=_("contactmoment vastgelegd in het journaal"),
            )
    except IntegrityError:
        # The same form, sent twice at the same moment: the other request won.
        earlier = (
            JournalEntry.objects.filter(idempotency_key=idempotency_key).first()
            if idempotency_key is not None
            else None
        )
        if earlier is None:
            raise
        return _replayed(earlier, case)
    return entry


def _replayed(earlier: JournalEntry, case: Case) -> JournalEntry:
    if earlier.case_id != case.pk:
        raise ValidationError(_("Dit formulier is al voor een andere casus gebruikt."))
    return earlier


def journal_entry_update(
    *,
    actor: User,
    entry: JournalEntry,
    expected_version: int,
    occurred_on: datetime.date,
    kind: str,
    with_whom: str,
    note: str,
    category: str,
) -> JournalEntry:
    """Correct a contact moment: its author only, refused when the version is stale."""
    case = entry.case
    _require_worker(actor, case)
    if entry.author_id != actor.pk:
        raise PermissionDenied(_("Alleen wie het contactmoment vastlegde, kan het wijzigen."))
    require_category(actor, case, entry.category)
    require_category(actor, case, category)
    _check_values(occurred_on=occurred_on, note=note, with_whom=with_whom)
    with transaction.atomic():
        current = JournalEntry.objects.select_for_update().get(pk=entry.pk)
        if current.version != expected_version:
            raise ConcurrentEditError
        new = {
            "occurred_on": occurred_on,
            "kind": kind,
            "with_whom": with_whom.strip(),
            "note": note.strip(),
            "category": category,
        }
        changed = [name for name, value in new.items() if getattr(current, name) != value]
        changes: dict[str, object] = {}
        for name in changed:
            if name in _PLAIN_FIELDS:
                changes[name] = {"before": str(getattr(current, name)), "after": str(new[name])}
            else:
                changes[name] = _("gewijzigd")
        for name, value in new.items():
            setattr(current, name, value)
        current.full_clean(exclude=["idempotency_key"])
        if changed:
            current.version += 1
            current.updated_at = timezone.now()
            current.save()
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=current,
                object_repr=_("Journaal van casus %s") % case.pk,
                changes=changes,
            )
            log_access(
                user=actor,
                action=AccessAction.CHANGE,
                residents=_residents(case),
                obj=current,
                purpose=_("contactmoment gewijzigd in het journaal"),
            )
    return current
