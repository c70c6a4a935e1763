"""A notification to one user, and the user's e-mail preference per kind.

A notification holds no personal data of residents: its text says what happened in general
terms ("Een casus is aan u overgedragen") and its link points into the application, where the
usual access checks apply.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import EmailFrequency, NotificationKind


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("soort"), max_length=30, choices=NotificationKind.choices)
    text = models.CharField(_("tekst"), max_length=200)
    url = models.CharField(_("link"), max_length=300)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)
    # The same event notifies a user once (a term that expires, a report that is ready).
    dedupe_key = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("notificatie")
        verbose_name_plural = _("notificaties")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_once_per_event",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=NotificationKind.values), name="notification_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class NotificationPreference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("soort"), max_length=30, choices=NotificationKind.choices)
    email = models.CharField(_("e-mail"), max_length=20, choices=EmailFrequency.choices)

    class Meta:
        verbose_name = _("voorkeur voor notificaties")
        verbose_name_plural = _("voorkeuren voor notificaties")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=NotificationKind.values), name="notification_pref_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(email__in=EmailFrequency.values), name="notification_pref_email_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.email}"
