from django.db import models
from django.utils.translation import gettext_lazy as _


class HouseholdRelation(models.TextChoices):
    HOOFDBEWONER = "hoofdbewoner", _("Hoofdbewoner")
    PARTNER = "partner", _("Partner")
    KIND = "kind", _("Kind")
    OUDER = "ouder", _("Ouder")
    HUISGENOOT = "huisgenoot", _("Huisgenoot")


class NetworkRelation(models.TextChoices):
    MANTELZORGER = "mantelzorger", _("Mantelzorger")
    FAMILIE = "familie", _("Familie")
    BUUR = "buur", _("Buur")
    VRIEND = "vriend", _("Vriend of kennis")
    VRIJWILLIGER = "vrijwilliger", _("Vrijwilliger")
    OVERIG = "overig", _("Anders")


class CarerLoad(models.IntegerChoices):
    """How heavily an informal carer is loaded (a simple scale, after the EDIZ idea)."""

    LICHT = 1, _("Licht belast")
    MATIG = 2, _("Matig belast")
    ZWAAR = 3, _("Zwaar belast")
    OVERBELAST = 4, _("Overbelast")


CARER_AT_RISK = CarerLoad.ZWAAR  # from this load on, the carer is flagged on case and queue


class CarerFollowUpKind(models.TextChoices):
    """What the team did for an informal carer at risk of overload."""

    GESPREK = "gesprek", _("Gesprek met de mantelzorger")
    MANTELZORGONDERSTEUNING = "mantelzorgondersteuning", _("Mantelzorgondersteuning")
    RESPIJTZORG = "respijtzorg", _("Respijtzorg")
    DOORVERWIJZING = "doorverwijzing", _("Doorverwijzing")
    NETWERK = "netwerk", _("Taken verdeeld in het netwerk")
