"""The access log's own retention.

Its oldest entries are removed as a prefix of the chain, on PostgreSQL only through the
SECURITY DEFINER function ``wijkteam_access_log_purge`` (the append-only trigger refuses
everyone else), and each removal records an :class:`AccessLogAnchor`, signed with the access
log key, so that ``verify_chain`` accepts the first remaining entry. One
:class:`DestructionRecord` covers a run.
"""

import datetime
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.privacy.access_log_verify import sign_anchor
from wijkteam.privacy.constants import DossierKind
from wijkteam.privacy.models import (
    AccessLogAnchor,
    AccessLogEntry,
    AccessLogHead,
    AccessLogResident,
)
from wijkteam.rights.models import (
    DestructionRecord,
    RetentionRule,
)
from wijkteam.rights.retention import Progress, add_years


@dataclass
class LogPurge:
    cutoff: datetime.datetime
    entries: int
    first_kept_id: int | None
    record: DestructionRecord | None = None
    anchors: list[AccessLogAnchor] = field(default_factory=list)


def access_log_cutoff(*, today: datetime.date | None = None) -> datetime.datetime | None:
    rule = RetentionRule.objects.filter(kind=DossierKind.TOEGANGSLOG).first()
    if rule is None:
        return None
    day = add_years(today or timezone.localdate(), -rule.years)
    return datetime.datetime.combine(day, datetime.time.min, timezone.get_current_timezone())


def _first_kept_id(cutoff: datetime.datetime) -> int | None:
    return (
        AccessLogEntry.objects.filter(at__gte=cutoff)
        .order_by("id")
        .values_list("id", flat=True)
        .first()
    )


def access_log_due(*, today: datetime.date | None = None) -> LogPurge | None:
    """How many entries are past the access log's term (a prefix of the chain)."""
    cutoff = access_log_cutoff(today=today)
    if cutoff is None:
        return None
    first_kept = _first_kept_id(cutoff)
    old = AccessLogEntry.objects.all()
    if first_kept is not None:
        old = old.filter(id__lt=first_kept)
    return LogPurge(cutoff=cutoff, entries=old.count(), first_kept_id=first_kept)


def _purge_prefix(ids: list[int], cutoff: datetime.datetime) -> tuple[AccessLogAnchor, int, int]:
    """Remove entries ``ids`` (a prefix of the chain) and leave a signed anchor, in one go.

    The anchor is signed here with the access log key. On PostgreSQL the removal runs in the
    SECURITY DEFINER function ``wijkteam_access_log_purge`` (owned by the retention role,
    migration privacy 0008), which checks the anchor's facts against the rows it removes;
    the application's own role can neither delete entries nor insert anchors.
    """
    with transaction.atomic():
        AccessLogHead.objects.select_for_update().filter(id=1).first()  # one purge at a time
        last = AccessLogEntry.objects.values_list("id", "hash").get(id=ids[-1])
        following = (
            AccessLogEntry.objects.filter(id__gt=last[0])
            .order_by("id")
            .values_list("id", "prev_hash")
            .first()
        )
        links = AccessLogResident.objects.filter(entry_id__lte=last[0]).count()
        count = AccessLogEntry.objects.filter(id__lte=last[0]).count()
        anchor = AccessLogAnchor(
            entry_id=following[0] if following else None,
            prev_hash=last[1],
            removed_count=count,
            removed_before=cutoff,
        )
        sign_anchor(anchor)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT wijkteam_access_log_purge(%s, %s, %s, %s, %s, %s, %s)",
                    [last[0], last[1], anchor.entry_id, count, cutoff, anchor.key_id, anchor.mac],
                )
                row = cursor.fetchone()
            assert row is not None
            return AccessLogAnchor.objects.get(pk=row[0]), count, links
        AccessLogResident.objects.filter(entry_id__lte=last[0]).delete()
        AccessLogEntry.objects.filter(id__lte=last[0]).delete()
        anchor.save()
        return anchor, count, links


def purge_access_log(
    *,
    today: datetime.date | None = None,
    batch_size: int = 50_000,
    progress: Progress | None = None,
) -> LogPurge | None:
    """Remove the entries past the access log's term, oldest first, in batches.

    Each batch is one transaction that removes a prefix of the chain and records an anchor
    for the first remaining entry; one destruction record covers the run.
    """
    plan = access_log_due(today=today)
    if plan is None or plan.entries == 0:
        return plan
    removed_entries = 0
    removed_links = 0
    while True:
        ids_qs = AccessLogEntry.objects.order_by("id").values_list("id", flat=True)
        if plan.first_kept_id is not None:
            ids_qs = ids_qs.filter(id__lt=plan.first_kept_id)
        ids = list(ids_qs[:batch_size])
        if not ids:
            break
        anchor, entries, links = _purge_prefix(ids, plan.cutoff)
        plan.anchors.append(anchor)
        removed_entries += entries
        removed_links += links
        if progress is not None:
            progress(
                _("toegangslog: %(n)s van %(total)s regels verwijderd")
                % {"n": removed_entries, "total": plan.entries}
            )
    with transaction.atomic():
        plan.record = DestructionRecord.objects.create(
            kind=DossierKind.TOEGANGSLOG,
            rule_years=RetentionRule.objects.get(kind=DossierKind.TOEGANGSLOG).years,
            rule_source=RetentionRule.objects.get(kind=DossierKind.TOEGANGSLOG).source,
            counts={
                AccessLogEntry._meta.label: removed_entries,
                AccessLogResident._meta.label: removed_links,
            },
        )
        audit_record(
            actor=None,
            action=AuditAction.DELETE,
            obj=plan.record,
            object_repr=_("Toegangslog ouder dan %s verwijderd")
            % timezone.localtime(plan.cutoff).strftime("%d-%m-%Y"),
            changes={"entries": removed_entries},
        )
    plan.entries = removed_entries
    return plan
