from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    """Outreach signals (signalen) before there is a melding: minimum data, a follow-up term
    per kind, converted into a melding or closed with a reason, destroyed after a short term."""

    name = "wijkteam.outreach"
    label = "outreach"
    verbose_name = _("Signalen")

    def ready(self) -> None:
        from .registrations import register

        register()
