"""Periodic jobs, registered by the app that owns them.

An app adds its nightly work from ``AppConfig.ready()`` (in its ``registrations.py``); core
knows no app and runs nothing itself. The ``jobs`` app schedules what is registered here,
runs each job as a background task, records every run and shows failures to the functioneel
beheerder:

    jobs.register(
        jobs.Job(name="access-log-chain", title=_("Controle toegangslog"),
                 run=verify_chain_job, hour=2)
    )

``run`` takes no arguments and returns a short summary for the run list (counts, never
personal data); raising an exception marks the run as failed. A job must be safe to run twice
on one day: the scheduler runs it at most once per day, but an operator may run it again.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Job:
    name: str  # stable slug, stored with every run
    title: str | Promise  # shown to the beheerder
    run: Callable[[], str]
    hour: int = 2  # local time of the daily run
    minute: int = 0

    def __post_init__(self) -> None:
        if not (0 <= self.hour < 24 and 0 <= self.minute < 60):
            raise ValueError(
                f"job {self.name}: time {self.hour}:{self.minute} is not a time of day"
            )


_jobs: dict[str, Job] = {}


def register(job: Job) -> None:
    """Add (or, for the same name, replace) a periodic job."""
    _jobs[job.name] = job


def registered() -> list[Job]:
    return sorted(_jobs.values(), key=lambda j: (j.hour, j.minute, j.name))


def get(name: str) -> Job | None:
    return _jobs.get(name)
