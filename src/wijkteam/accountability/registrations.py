"""The nightly snapshot job (``wijkteam.core.jobs``)."""

from django.utils.translation import gettext_lazy as _

from wijkteam.core import jobs

from .snapshot import nightly_job


def register() -> None:
    jobs.register(
        jobs.Job(
            name="accountability-snapshot",
            title=_("Cijfers voor verantwoording bijwerken"),
            run=nightly_job,
            hour=3,
        )
    )
