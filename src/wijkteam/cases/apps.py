from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "wijkteam.cases"
    label = "cases"
    verbose_name = _("Casuïstiek")

    def ready(self) -> None:
        from .registrations import register
        from .sections import discover

        discover()
        register()
