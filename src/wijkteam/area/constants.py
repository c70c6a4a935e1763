"""Code lists of the team design and the area analysis, with Dutch labels (seed 004)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Block(models.TextChoices):
    """The six building blocks (bouwstenen) of seed 004, in their order."""

    OPGAVE = "opgave", _("Opgave")
    VORMGEVING = "vormgeving", _("Vormgeving")
    INRICHTING = "inrichting", _("Inrichting en uitvoering")
    WERKPRINCIPES = "werkprincipes", _("Werkprincipes")
    AANSTURING = "aansturing", _("Aansturing")
    COMPETENTIES = "competenties", _("Competenties")


class AnswerKind(models.TextChoices):
    TEXT = "tekst", _("Open antwoord")
    CHOICE = "keuze", _("Eén keuze")
    MULTI = "meerkeuze", _("Een of meer keuzes")
    SCALE = "schaal", _("Schaal van 1 tot en met 5")


class ConfigField(models.TextChoices):
    """The team configuration (organisation.Team) an answer corresponds to."""

    MODEL = "model", _("Teammodel")
    TARGET_GROUP = "target_group", _("Doelgroep")
    TARGET_DOMAIN = "target_domain", _("Domein")
    FUNCTIONS = "functions", _("Functies")


SCALE_MIN, SCALE_MAX = 1, 5
SCALE_LABELS = {
    1: _("1 – helemaal niet"),
    2: _("2 – weinig"),
    3: _("3 – deels"),
    4: _("4 – grotendeels"),
    5: _("5 – volledig"),
}
TEXT_MAX = 4000
NOTE_MAX = 1000


class ActionStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    BEZIG = "bezig", _("Bezig")
    GEREED = "gereed", _("Gereed")
    VERVALLEN = "vervallen", _("Vervallen")


class PlanEventKind(models.TextChoices):
    GOAL_ADDED = "doel", _("Doel toegevoegd")
    ACTION_ADDED = "actie", _("Actie toegevoegd")
    ACTION_CHANGED = "actie_gewijzigd", _("Actie gewijzigd")
    REVIEWED = "evaluatie", _("Plan besproken")


DEFAULT_REVIEW_MONTHS = 6


class AreaLevel(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    WIJK = "wijk", _("Wijk")
    BUURT = "buurt", _("Buurt")


CODE_PREFIX_LEVEL = {"GM": AreaLevel.GEMEENTE, "WK": AreaLevel.WIJK, "BU": AreaLevel.BUURT}
