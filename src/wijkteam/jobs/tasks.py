"""The background task that runs one recorded job run (django-tasks API)."""

from django_tasks import task


@task()
def run_job(run_id: int) -> str:
    from .services import job_run_execute

    return job_run_execute(run_id=run_id).status
