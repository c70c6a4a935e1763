from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "wijkteam.portal"
    label = "portal"
    verbose_name = _("Mijn wijkteam (portaal voor inwoners)")

    def ready(self) -> None:
        from . import registrations

        registrations.register()
