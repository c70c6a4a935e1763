from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    """Indicators, municipal monitoring, provider performance and the Wmo-raad's publications."""

    name = "wijkteam.accountability"
    label = "accountability"
    verbose_name = _("Verantwoording")

    def ready(self) -> None:
        from .registrations import register

        register()
