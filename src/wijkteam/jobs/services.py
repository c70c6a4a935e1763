"""Queueing, running and recording periodic jobs.

The scheduler (``manage.py schedule_jobs``, run by cron or a systemd timer every few minutes,
or with ``--loop`` in the demo) calls :func:`jobs_schedule_due`; the beheerder can start a job
by hand (:func:`job_run_queue` with ``trigger=MANUAL``). Either way a :class:`JobRun` row is
written first and the work is done by the ``run_job`` background task, so every run is
recorded, whichever worker picks it up. A failure notifies the functioneel beheerders.
"""

import datetime
import traceback

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.accounts.selectors import active_beheerders
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core import jobs
from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.services import notification_send

from .constants import OPEN_STATUSES, STALE_AFTER, RunStatus, Trigger
from .models import JobRun


class JobAlreadyRunning(Exception):
    """The job has a run waiting or running; starting another would do the work twice."""


def _enqueue(run: JobRun) -> None:
    from .tasks import run_job

    run_pk = run.pk
    transaction.on_commit(lambda: run_job.enqueue(run_pk))


def job_run_queue(
    *,
    job_name: str,
    trigger: str,
    day: datetime.date | None = None,
    slot: datetime.datetime | None = None,
    requested_by: User | None = None,
) -> JobRun:
    """Record a run of ``job_name`` and enqueue it when the transaction commits.

    A manual run is refused while the job has an open run (a double click starts it once).
    """
    if jobs.get(job_name) is None:
        raise ValueError(f"unknown job {job_name!r}")
    with transaction.atomic():
        if trigger == Trigger.MANUAL and (
            JobRun.objects.select_for_update()
            .filter(job=job_name, status__in=OPEN_STATUSES)
            .exists()
        ):
            raise JobAlreadyRunning(job_name)
        run = JobRun.objects.create(
            job=job_name,
            day=day or timezone.localdate(),
            slot=slot,
            trigger=trigger,
            requested_by=requested_by,
        )
        if requested_by is not None:
            audit_record(
                actor=requested_by,
                action=AuditAction.CREATE,
                obj=run,
                changes={"job": job_name, "trigger": trigger},
            )
        _enqueue(run)
    return run


def job_slot(job: jobs.Job, now: datetime.datetime) -> datetime.datetime:
    """The start of the slot of an every-so-many-minutes job that ``now`` (local) falls in."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    minutes = (now.hour * 60 + now.minute) // job.every_minutes * job.every_minutes
    return midnight + datetime.timedelta(minutes=minutes)


def jobs_schedule_due(*, now: datetime.datetime | None = None) -> list[JobRun]:
    """Queue every registered job that is due: a daily job whose time of day has passed and
    that has no run today; a job that runs every so many minutes that has no run in the
    current slot.

    Safe to call as often as one likes and from several machines: the database allows one
    scheduled run per job and day (or slot).
    """
    now = timezone.localtime(now)
    today = now.date()
    scheduled = JobRun.objects.filter(day=today, trigger=Trigger.SCHEDULE)
    done_today = set(scheduled.filter(slot__isnull=True).values_list("job", flat=True))
    done_slots = set(scheduled.filter(slot__isnull=False).values_list("job", "slot"))
    queued = []
    for job in jobs.registered():
        slot = job_slot(job, now) if job.interval else None
        if slot is not None:
            if (job.name, slot) in done_slots:
                continue
        elif job.name in done_today or (now.hour, now.minute) < (job.hour, job.minute):
            continue
        try:
            with transaction.atomic():
                queued.append(
                    job_run_queue(job_name=job.name, trigger=Trigger.SCHEDULE, day=today, slot=slot)
                )
        except IntegrityError:
            continue  # another scheduler queued it a moment ago
    return queued


def _failure_text(exc: BaseException) -> str:
    if isinstance(exc, jobs.JobError):
        return str(exc)[:2000]
    # The message of an arbitrary exception may name a person; its kind and place do not.
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" in {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
    return _("Onverwachte fout (%(kind)s%(where)s); zie de serverlog.") % {
        "kind": exc.__class__.__name__,
        "where": where,
    }


def _record_failure(run_pk: int, error: str) -> JobRun:
    with transaction.atomic():
        run = JobRun.objects.select_for_update().get(pk=run_pk)
        run.status = RunStatus.FAILED
        run.finished_at = timezone.now()
        run.error = error
        run.save(update_fields=["status", "finished_at", "error"])
        notification_send(
            users=active_beheerders(),
            kind=NotificationKind.JOB_FAILED,
            url=reverse("jobs:overview"),
            dedupe_key=f"jobrun:{run.pk}",
        )
    return run


def job_run_execute(*, run_id: int) -> JobRun:
    """Run a queued job once: claim it, run it, record the outcome.

    The claim is one conditional UPDATE, so a run delivered twice by the queue runs once.
    """
    claimed = JobRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    run = JobRun.objects.get(pk=run_id)
    if not claimed:
        return run
    job = jobs.get(run.job)
    if job is None:
        return _record_failure(run.pk, _("Deze taak bestaat niet meer in deze versie."))
    try:
        if job.atomic:
            with transaction.atomic():
                summary = job.run()
        else:
            summary = job.run()
    except Exception as exc:
        return _record_failure(run.pk, _failure_text(exc))
    JobRun.objects.filter(pk=run.pk).update(
        status=RunStatus.SUCCEEDED, finished_at=timezone.now(), summary=summary[:2000]
    )
    run.refresh_from_db()
    return run


def job_runs_fail_stale(*, now: datetime.datetime | None = None) -> int:
    """Record runs that have waited or run too long as failed (the worker stopped)."""
    limit = (now or timezone.now()) - STALE_AFTER
    stale = JobRun.objects.filter(status__in=OPEN_STATUSES).filter(
        Q(started_at__lt=limit) | Q(started_at__isnull=True, queued_at__lt=limit)
    )
    count = 0
    for pk in stale.values_list("pk", flat=True):
        _record_failure(
            pk,
            _("Niet afgerond binnen %(hours)s uur: draait de taken-worker?")
            % {"hours": int(STALE_AFTER.total_seconds() // 3600)},
        )
        count += 1
    return count
