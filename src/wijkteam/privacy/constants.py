from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessAction(models.TextChoices):
    """NEN 7513 event kinds."""

    READ = "read", _("Ingezien")
    SEARCH = "search", _("Gezocht")
    CREATE = "create", _("Aangemaakt")
    CHANGE = "change", _("Gewijzigd")
    DELETE = "delete", _("Verwijderd")
    EXPORT = "export", _("Geëxporteerd of afgedrukt")
    EMERGENCY = "emergency", _("Doorbraak (noodtoegang)")
    REFUSED = "refused", _("Toegang geweigerd")
