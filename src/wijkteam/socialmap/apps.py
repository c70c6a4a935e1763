from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialMapConfig(AppConfig):
    """The social map (sociale kaart): organisations, services and general provisions,
    citizen initiatives and the team's support for them; HSDS 3.0 export and import."""

    name = "wijkteam.socialmap"
    label = "socialmap"
    verbose_name = _("Sociale kaart")

    def ready(self) -> None:
        from .registrations import register

        register()
