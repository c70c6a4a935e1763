from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """In-app notifications and e-mail (never with personal data), per-user preferences."""

    name = "wijkteam.notifications"
    label = "notifications"
    verbose_name = _("Notificaties")

    def ready(self) -> None:
        from .registrations import register

        register()
