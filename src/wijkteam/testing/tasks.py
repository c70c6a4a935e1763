"""Run what is waiting in the task queue, in this process, on whichever engine is configured.

For the tests that are about the queue itself (they switch ``TASKS`` to ``QUEUE_TASKS``):
the database backend's worker in batch mode, or an RQ worker in burst mode without forking.
"""

import io

from django.core.management import call_command
from django_tasks import task_backends


def run_queue() -> None:
    backend = type(task_backends["default"]).__name__
    if backend == "DatabaseBackend":
        call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    elif backend == "RQBackend":
        import django_rq
        from django_tasks_rq.backend import Job
        from rq import SimpleWorker

        queue = django_rq.get_queue("default", job_class=Job)
        SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
    else:
        raise AssertionError(f"no queue to run for {backend}")


def clear_queue() -> None:
    """Empty the Redis queue before a test (the database is emptied by the test itself)."""
    if type(task_backends["default"]).__name__ == "RQBackend":
        import django_rq

        django_rq.get_queue("default").empty()
