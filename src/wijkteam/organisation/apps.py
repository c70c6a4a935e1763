from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "wijkteam.organisation"
    label = "organisation"
    verbose_name = _("Inrichting")

    def ready(self) -> None:
        from .registrations import register

        register()
