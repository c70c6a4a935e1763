"""Retention in two steps: a nightly dry run the beheerder confirms, then the destruction.

Both steps are periodic jobs (``core.jobs``): ``bewaartermijn-proefdraai`` lists what is past
its term and notifies the functioneel beheerders; after their confirmation on the retention
page, ``bewaartermijn-uitvoeren`` destroys exactly the confirmed dossiers that are still due
(each in its own transaction, with a destruction record) and trims the access log.
"""

import contextlib
import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.accounts.selectors import active_beheerders
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core.jobs import JobError
from wijkteam.jobs.constants import Trigger
from wijkteam.jobs.services import JobAlreadyRunning, job_run_queue
from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.services import notification_send
from wijkteam.privacy.constants import DossierKind
from wijkteam.rights import retention, retention_log, retention_standalone
from wijkteam.rights.models import RetentionReview, ReviewStatus
from wijkteam.rights.policies import may_manage_retention

EXECUTE_JOB = "bewaartermijn-uitvoeren"
STANDALONE = "eigen-termijn|"


def _key(kind: str, case_id: Any, household_id: Any, report_ids: Any) -> str:
    reports = ",".join(str(i) for i in sorted(report_ids or []))
    return f"{kind}|{case_id or ''}|{household_id or ''}|{reports}"


def dossier_key(dossier: retention.Dossier) -> str:
    return _key(dossier.kind, dossier.case_id, dossier.household_id, dossier.report_ids)


def _entry(dossier: retention.Dossier) -> dict[str, Any]:
    return {
        "key": dossier_key(dossier),
        "kind": dossier.kind,
        "label": dossier.describe(),
        "due_on": dossier.due_on.isoformat(),
    }


def retention_review_prepare(*, today: datetime.date | None = None) -> str:
    """The nightly dry run: record what is due and ask the beheerders for confirmation."""
    dossiers = retention.find_due_dossiers(today=today)
    log = retention_log.access_log_due(today=today)
    log_entries = log.entries if log is not None else 0
    entries = [_entry(d) for d in dossiers]
    with transaction.atomic():
        # Records with a term of their own (outreach signals): counted by a rolled-back run.
        for outcome in retention_standalone.destroy_standalone(today=today, dry_run=True):
            rows = sum(outcome.counts.values())
            entries.append(
                {
                    "key": f"{STANDALONE}{outcome.kind}|{rows}",
                    "kind": outcome.kind,
                    "label": _("%(title)s: %(n)s rij(en) voorbij de eigen bewaartermijn")
                    % {"title": outcome.title, "n": rows},
                    "due_on": "",
                }
            )
        return _record_review(entries, dossiers, log_entries)


def _record_review(
    entries: list[dict[str, Any]], dossiers: list[retention.Dossier], log_entries: int
) -> str:
    keys = sorted(e["key"] for e in entries)
    open_reviews = RetentionReview.objects.select_for_update().filter(status=ReviewStatus.OPEN)
    current = open_reviews.first()
    if current is not None and (
        sorted(e["key"] for e in current.dossiers) == keys and current.log_entries == log_entries
    ):
        return _("Ongewijzigd: %(n)s dossier(s) wachten nog op akkoord.") % {"n": len(keys)}
    open_reviews.update(status=ReviewStatus.SUPERSEDED)
    if not entries and not log_entries:
        return _("Geen dossiers of toegangslogregels voorbij de bewaartermijn.")
    counts: dict[str, int] = {}
    for d in dossiers:  # the dossier kinds; records with their own term are in the list only
        counts[d.kind] = counts.get(d.kind, 0) + 1
    review = RetentionReview.objects.create(
        dossiers=entries, counts=counts, log_entries=log_entries
    )
    notification_send(
        users=active_beheerders(),
        kind=NotificationKind.RETENTION_REPORT,
        url=reverse("privacy:retention"),
        dedupe_key=f"retention-review:{review.pk}",
    )
    return _(
        "%(n)s dossier(s) en %(log)s toegangslogregel(s) voorbij de bewaartermijn; "
        "wacht op akkoord van de functioneel beheerder."
    ) % {"n": len(entries), "log": log_entries}


def retention_review_confirm(*, actor: User, review_id: int) -> RetentionReview:
    """The beheerder's confirmation; the destruction then runs as a background job."""
    if not may_manage_retention(actor):
        raise PermissionDenied(_("Alleen de functioneel beheerder geeft akkoord op vernietiging."))
    with transaction.atomic():
        review = RetentionReview.objects.select_for_update().filter(pk=review_id).first()
        if review is None or review.status != ReviewStatus.OPEN:
            raise ValidationError(
                _(
                    "Deze proefdraai wacht niet (meer) op akkoord: hij is al bevestigd of "
                    "vervangen door een nieuwere. Bekijk de pagina opnieuw."
                )
            )
        review.status = ReviewStatus.CONFIRMED
        review.confirmed_by = actor
        review.confirmed_at = timezone.now()
        review.save(update_fields=["status", "confirmed_by", "confirmed_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=review,
            changes={"status": ["open", "bevestigd"], "dossiers": len(review.dossiers)},
        )
        # A run that is still waiting picks this review up; one already running leaves it to
        # the nightly run.
        with contextlib.suppress(JobAlreadyRunning):
            job_run_queue(job_name=EXECUTE_JOB, trigger=Trigger.MANUAL, requested_by=actor)
    return review


def _execute(review: RetentionReview) -> dict[str, int]:
    confirmed = {e["key"] for e in review.dossiers}
    due = {dossier_key(d): d for d in retention.find_due_dossiers()}
    result = {"vernietigd": 0, "niet meer aan de beurt": 0, "mislukt": 0, "toegangslog": 0}
    actor = review.confirmed_by
    standalone = {k for k in confirmed if k.startswith(STANDALONE)}
    for key in sorted(confirmed - standalone):
        dossier = due.get(key)
        if dossier is None:
            result["niet meer aan de beurt"] += 1  # reopened, changed or already destroyed
            continue
        try:
            retention.destroy_dossier(dossier, actor=actor)
        except retention.DossierChangedError:
            result["niet meer aan de beurt"] += 1
        except DatabaseError:
            result["mislukt"] += 1
        else:
            result["vernietigd"] += 1
    if standalone:
        # Only the kinds the beheerder saw in the dry run; rows due by now within them.
        kinds = {k.split("|")[1] for k in standalone}
        for outcome in retention_standalone.destroy_standalone(actor=actor, kinds=kinds):
            result["vernietigd"] += sum(outcome.counts.values())
    if review.log_entries:
        purge = retention_log.purge_access_log()
        result["toegangslog"] = purge.entries if purge is not None else 0
    return result


def retention_reviews_execute() -> str:
    """Destroy what the beheerder confirmed (a job; each dossier in its own transaction)."""
    totals = {"vernietigd": 0, "niet meer aan de beurt": 0, "mislukt": 0, "toegangslog": 0}
    reviews = list(RetentionReview.objects.filter(status=ReviewStatus.CONFIRMED).order_by("pk"))
    for review in reviews:
        result = _execute(review)
        RetentionReview.objects.filter(pk=review.pk).update(
            status=ReviewStatus.EXECUTED, executed_at=timezone.now(), result=result
        )
        for label, n in result.items():
            totals[label] += n
    summary = _(
        "%(reviews)s akkoord(en) uitgevoerd: %(done)s dossier(s) vernietigd, %(skipped)s niet "
        "meer aan de beurt, %(failed)s mislukt, %(log)s toegangslogregel(s) verwijderd."
    ) % {
        "reviews": len(reviews),
        "done": totals["vernietigd"],
        "skipped": totals["niet meer aan de beurt"],
        "failed": totals["mislukt"],
        "log": totals["toegangslog"],
    }
    if totals["mislukt"]:
        raise JobError(summary + " " + _("Draai apply_retention --dry-run voor de oorzaak."))
    return summary


def kind_labels(counts: dict[str, int]) -> list[tuple[str, int]]:
    return [(str(DossierKind(kind).label), n) for kind, n in sorted(counts.items())]
