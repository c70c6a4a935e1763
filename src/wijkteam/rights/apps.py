from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    """The resident's rights on top of casework: consent management, emergency access,
    inzage, correction, retention and the register of processing (URL namespace ``privacy``)."""

    name = "wijkteam.rights"
    label = "rights"
    verbose_name = _("Rechten van de inwoner")

    def ready(self) -> None:
        from .registrations import register

        register()
