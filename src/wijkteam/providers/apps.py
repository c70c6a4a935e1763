from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvidersConfig(AppConfig):
    """The provider catalogue: contracted products (local product codes per category)."""

    name = "wijkteam.providers"
    label = "providers"
    verbose_name = _("Aanbiederscatalogus")

    def ready(self) -> None:
        from .registrations import register

        register()
