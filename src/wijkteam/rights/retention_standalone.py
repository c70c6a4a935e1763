"""Retention of records with a term of their own, outside any dossier.

Apps register them with ``privacy.registry.register_standalone_retention`` (outreach signals
that never became a melding); ``apply_retention`` and the nightly retention review destroy
them here, each kind in one transaction with a destruction record.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.privacy import registry
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.rights.models import DestructionRecord
from wijkteam.rights.retention import _add, system_actor


@dataclass
class StandaloneOutcome:
    kind: str
    title: str
    counts: dict[str, int]
    record: DestructionRecord | None = None


def destroy_standalone(
    *,
    today: datetime.date | None = None,
    actor: User | None = None,
    dry_run: bool = False,
    kinds: set[str] | None = None,
) -> list[StandaloneOutcome]:
    """Destroy the rows of every registered kind past its own term, one transaction per kind,
    each leaving a destruction record (kind, term, source, counts; no personal data). A kind
    with nothing due leaves no record. ``dry_run`` rolls each transaction back."""
    today = today or timezone.localdate()
    actor = actor or system_actor()
    outcomes: list[StandaloneOutcome] = []
    for entry in registry.standalone_retention():
        if kinds is not None and entry.kind not in kinds:
            continue
        with transaction.atomic():
            due = entry.due(today)
            ids = list(due.select_for_update().values_list("pk", flat=True))
            if not ids:
                continue
            counts: Counter[str] = Counter()
            _add(counts, due.model._default_manager.filter(pk__in=ids).delete())
            months, source = entry.rule()
            record = DestructionRecord.objects.create(
                kind=entry.kind,
                rule_years=0,
                rule_source=(
                    _("%(months)s maanden – %(source)s") % {"months": months, "source": source}
                )[:250],
                counts=dict(sorted(counts.items())),
            )
            log_access(
                user=actor,
                action=AccessAction.DELETE,
                residents=[],
                obj=record,
                purpose=_("vernietigd na de bewaartermijn: %(kind)s, %(months)s maanden")
                % {"kind": entry.title, "months": months},
            )
            audit_record(
                actor=actor if actor.pk else None,
                action=AuditAction.DELETE,
                obj=record,
                object_repr=_("Vernietiging na bewaartermijn (%s)") % entry.title,
                changes=dict(counts),
            )
            if dry_run:
                transaction.set_rollback(True)
        outcomes.append(
            StandaloneOutcome(
                kind=entry.kind,
                title=str(entry.title),
                counts=dict(sorted(counts.items())),
                record=None if dry_run else record,
            )
        )
    return outcomes
