from django.db import models
from django.utils.translation import gettext_lazy as _


class SystemRole(models.TextChoices):
    """What an account is for, apart from team membership (team roles live on the membership)."""

    PROFESSIONAL = "professional", _("Professional in een wijkteam")
    FUNCTIONEEL_BEHEERDER = "beheerder", _("Functioneel beheerder")
    BELEIDSMEDEWERKER = "beleid", _("Beleidsmedewerker gemeente")
    WMO_RAAD = "wmoraad", _("Lid Wmo-raad (cliëntenraad)")
    # an inactive account without password that records what an automated or resident-side
    # part did where a column needs an account (Mijn wijkteam); nobody logs in with it
    SYSTEEM = "systeem", _("Systeemaccount (kan niet inloggen)")
