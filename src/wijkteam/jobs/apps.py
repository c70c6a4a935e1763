from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Periodic jobs: scheduled once a day, run as background tasks, every run recorded."""

    name = "wijkteam.jobs"
    label = "jobs"
    verbose_name = _("Geplande taken")

    def ready(self) -> None:
        from . import registrations

        registrations.register()
