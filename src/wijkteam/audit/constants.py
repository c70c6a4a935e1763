from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("aangemaakt")
    UPDATE = "update", _("gewijzigd")
    DELETE = "delete", _("verwijderd")
    LOGIN = "login", _("ingelogd")
    LOGIN_FAILED = "login_failed", _("inloggen mislukt")
    OTP_FAILED = "otp_failed", _("tweede factor mislukt")
    OTP_ENROLLED = "otp_enrolled", _("tweede factor ingesteld")
    LOGOUT = "logout", _("uitgelogd")
    DENIED = "denied", _("toegang geweigerd")
