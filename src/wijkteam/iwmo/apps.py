from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IwmoConfig(AppConfig):
    """iWmo/iJw 3.2 messages with providers, the exchange adapter, requests, doorzettingsmacht."""

    name = "wijkteam.iwmo"
    label = "iwmo"
    verbose_name = _("Berichtenverkeer met aanbieders")

    def ready(self) -> None:
        from .registrations import register

        register()
