from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """Klachten (Awb 9), bezwaren (Awb 6 and 7) and the anonymous client-experience survey."""

    name = "wijkteam.complaints"
    label = "complaints"
    verbose_name = _("Klachten en bezwaren")

    def ready(self) -> None:
        from .registrations import register

        register()
