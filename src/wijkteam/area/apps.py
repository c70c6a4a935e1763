from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreaConfig(AppConfig):
    """The team's own design (the building blocks of seed 004, the startdocument and the
    development plan) and the area analysis per wijk and buurt (CBS figures, the team's own
    figures, the social infrastructure)."""

    name = "wijkteam.area"
    label = "area"
    verbose_name = _("Teamontwerp en gebiedsanalyse")

    def ready(self) -> None:
        from .registrations import register
        from .selectors.infrastructure import register_sources

        register()
        register_sources()
