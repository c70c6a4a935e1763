"""A scheduled job goes through the real queue and its worker (database backend or Redis)."""

import io

import pytest
from django.core.management import call_command

from wijkteam.jobs.constants import RunStatus
from wijkteam.jobs.models import JobRun
from wijkteam.testing.tasks import clear_queue, run_queue

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.tasks]


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": settings.QUEUE_TASKS}
    clear_queue()
    yield
    clear_queue()


def test_schedule_jobs_queues_and_the_worker_runs(queue):
    out = io.StringIO()
    call_command("schedule_jobs", "--run", "dagelijks-overzicht", stdout=out)
    run = JobRun.objects.get(job="dagelijks-overzicht")
    assert run.status == RunStatus.QUEUED  # waiting for the worker, not run in this process
    run_queue()
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert "overzichtsmail" in run.summary
