from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "wijkteam.residents"
    label = "residents"
    verbose_name = _("Inwoners")

    def ready(self) -> None:
        from .registrations import register

        register()
