from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Documents on a case: upload checked by content, private storage, logged downloads."""

    name = "wijkteam.documents"
    label = "documents"
    verbose_name = _("Documenten")

    def ready(self) -> None:
        from .registrations import register

        register()
