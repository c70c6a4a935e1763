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
personal data); raising an exception marks the run as failed. Raise :class:`JobError` with a
message meant for the beheerder (no personal data): it is shown on the run page. Of any other
exception only its kind and place are recorded, since its message may name a person. With
``atomic`` (the default) the job runs in one transaction, so a failure half-way leaves
nothing written; a job that commits in steps of its own sets ``atomic=False``.

A job must be safe to run twice on one day: the scheduler runs it at most once per day, but
the beheerder may start it again.

A job that must run more often than daily sets ``every_minutes`` (a divisor of a day's 1,440
minutes, at least 5): the scheduler then runs it once per slot of that length, counted from
midnight, e.g. the access log's checkpoint every 15 minutes. ``hour`` and ``minute`` are then
unused.
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
    atomic: bool = True
    every_minutes: int = 0  # 0: once a day at hour:minute; else once per slot of this length

    def __post_init__(self) -> None:
        if not (0 <= self.hour < 24 and 0 <= self.minute < 60):
            raise ValueError(
                f"job {self.name}: time {self.hour}:{self.minute} is not a time of day"
            )
        if self.every_minutes and (self.every_minutes < 5 or 1440 % self.every_minutes):
            raise ValueError(
                f"job {self.name}: every {self.every_minutes} minutes does not divide a day"
            )

    @property
    def interval(self) -> bool:
        return self.every_minutes > 0


class JobError(Exception):
    """A job failed for a reason the beheerder may read (the message holds no personal data)."""


_jobs: dict[str, Job] = {}


def register(job: Job) -> None:
    """Add (or, for the same name, replace) a periodic job."""
    _jobs[job.name] = job


def registered() -> list[Job]:
    return sorted(_jobs.values(), key=lambda j: (j.every_minutes == 0, j.hour, j.minute, j.name))


def get(name: str) -> Job | None:
    return _jobs.get(name)
