"""Code lists of accountability: the nine points of attention of the Wmo-raad (seed 003)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Point(models.IntegerChoices):
    """The client council's nine points of attention (Kennisdossier sociale wijkteams, ch. 5)."""

    BEREIKBAAR = 1, _("Is het wijkteam zichtbaar en bereikbaar?")
    TOEGANKELIJK = 2, _("Is het wijkteam toegankelijk voor iedereen?")
    INITIATIEVEN = 3, _("Steunt het wijkteam de initiatieven van bewoners?")
    EXPERTISE = 4, _("Heeft het team genoeg kennis in huis?")
    NIET_TE_VEEL = 5, _("Vraagt het team niet te veel van cliënt en mantelzorger?")
    PRIVACY = 6, _("Is er aandacht voor privacy en toestemming?")
    CLIENTONDERSTEUNING = 7, _("Is de cliëntondersteuning echt onafhankelijk?")
    KLACHTEN = 8, _("Weten inwoners wat ze kunnen doen als ze niet tevreden zijn?")
    MANTELZORG = 9, _("Is er aandacht voor mantelzorg en informele hulp?")


class PeriodKind(models.TextChoices):
    MAAND = "maand", _("Maand")
    KWARTAAL = "kwartaal", _("Kwartaal")
    JAAR = "jaar", _("Jaar")
