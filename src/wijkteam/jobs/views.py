"""The functioneel beheerder's page of periodic jobs: the last run of each, failures, run now."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkteam.accounts.http import current_user
from wijkteam.accounts.policies import can_configure
from wijkteam.core import jobs

from . import selectors, services
from .constants import Trigger


def overview(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    failed_only = request.GET.get("mislukt") == "1"
    number = request.GET.get("pagina", "1")
    page = selectors.job_run_page(
        user=user, page=int(number) if number.isdigit() else 1, failed_only=failed_only
    )
    titles = selectors.job_titles()
    for run in page.object_list:
        run.title = titles.get(run.job, run.job)
    return render(
        request,
        "jobs/overview.html",
        {
            "jobs": selectors.job_overview(user=user),
            "page": page,
            "failed_only": failed_only,
            "extra_query": "mislukt=1" if failed_only else "",
        },
    )


@require_POST
def run_now(request: HttpRequest, name: str) -> HttpResponse:
    user = current_user(request)
    if not can_configure(user):
        raise PermissionDenied
    job = jobs.get(name)
    if job is None:
        raise Http404
    try:
        services.job_run_queue(job_name=name, trigger=Trigger.MANUAL, requested_by=user)
    except services.JobAlreadyRunning:
        messages.warning(
            request,
            _("%(job)s staat al in de wachtrij of draait nu; er is geen tweede gestart.")
            % {"job": job.title},
        )
    else:
        messages.success(
            request,
            _("%(job)s is in de wachtrij gezet; de taken-worker voert haar zo uit.")
            % {"job": job.title},
        )
    return redirect("jobs:overview")
