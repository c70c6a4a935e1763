from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The top floor: the start page per role and the main menu, which compose the apps below."""

    name = "wijkteam.home"
    label = "home"
    verbose_name = _("Startpagina's")

    def ready(self) -> None:
        from .registrations import register

        register()
