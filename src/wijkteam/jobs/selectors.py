"""What the functioneel beheerder sees of the periodic jobs (no personal data is recorded)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Max, Q

from wijkteam.accounts.models import User
from wijkteam.accounts.policies import can_configure
from wijkteam.core import jobs

from .constants import OPEN_STATUSES, RunStatus
from .models import JobRun

PAGE_SIZE = 50


@dataclass(frozen=True)
class JobOverview:
    job: jobs.Job
    last: JobRun | None
    last_success: JobRun | None
    running: bool


def _check(user: User) -> None:
    if not can_configure(user):
        raise PermissionDenied


def job_overview(*, user: User) -> list[JobOverview]:
    """Each registered job with its latest run and its latest success (two queries)."""
    _check(user)
    registered = jobs.registered()
    names = [j.name for j in registered]
    rows = list(
        JobRun.objects.filter(job__in=names)
        .values("job")
        .annotate(last=Max("id"), ok=Max("id", filter=Q(status=RunStatus.SUCCEEDED)))
        .values_list("job", "last", "ok")
    )
    runs = JobRun.objects.in_bulk([pk for _job, last, ok in rows for pk in (last, ok) if pk])
    latest = {job: runs[last] for job, last, _ok in rows}
    success = {job: runs[ok] for job, _last, ok in rows if ok}
    return [
        JobOverview(
            job=j,
            last=latest.get(j.name),
            last_success=success.get(j.name),
            running=latest.get(j.name) is not None and latest[j.name].status in OPEN_STATUSES,
        )
        for j in registered
    ]


def job_run_page(*, user: User, page: int = 1, failed_only: bool = False) -> Page[JobRun]:
    _check(user)
    runs = JobRun.objects.select_related("requested_by")
    if failed_only:
        runs = runs.filter(status=RunStatus.FAILED)
    else:
        # A job that runs every quarter of an hour would fill the list: of its scheduled runs
        # only the ones that did not succeed are listed (its latest is in the table above).
        runs = runs.exclude(slot__isnull=False, status=RunStatus.SUCCEEDED)
    return Paginator(runs, PAGE_SIZE).get_page(page)


def job_titles() -> dict[str, str]:
    return {j.name: str(j.title) for j in jobs.registered()}
