"""Code lists of outreach signals."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# A signal that did not lead to a melding is kept this long (months), unless the municipality
# sets another term on the signal-kinds page.
DEFAULT_RETENTION_MONTHS = 6
DESTRUCTION_KIND = "signaal"


class SignalSource(models.TextChoices):
    WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
    ENERGIELEVERANCIER = "energieleverancier", _("Energie- of waterleverancier")
    POLITIE = "politie", _("Politie")
    SCHOOL = "school", _("School of kinderopvang")
    BUREN = "buren", _("Buren of buurtbewoners")
    HUISARTS = "huisarts", _("Huisarts of praktijkondersteuner")
    EIGEN = "eigen", _("Eigen outreachend werk van het team")
    ANDERS = "anders", _("Anders")


class SignalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    OMGEZET = "omgezet", _("Omgezet in een melding")
    GESLOTEN = "gesloten", _("Gesloten zonder melding")


class CloseReason(models.TextChoices):
    GEEN_ZORG = "geen_zorg", _("Na contact geen zorgen")
    NIET_BEREIKT = "niet_bereikt", _("Inwoner niet bereikt")
    AL_GEHOLPEN = "al_geholpen", _("Inwoner krijgt al hulp")
    DOORVERWEZEN = "doorverwezen", _("Doorverwezen naar een voorliggende voorziening")
    GEEN_HULP = "geen_hulp", _("Inwoner wil geen hulp")
    ANDERS = "anders", _("Anders")


# Loaded by migration 0002; the functioneel beheerder changes the terms.
DEFAULT_KINDS: list[tuple[str, str, int]] = [
    ("huurachterstand", "Huurachterstand of dreigende uitzetting", 5),
    ("afsluiting", "Dreigende afsluiting van energie of water", 3),
    ("vervuiling", "Vervuiling of verwaarlozing van de woning", 5),
    ("zorg_kind", "Zorgen over een kind of jongere", 3),
    ("eenzaamheid", "Eenzaamheid of sociaal isolement", 10),
    ("overlast", "Overlast of verward gedrag", 5),
    ("schulden", "Geldzorgen of schulden", 5),
    ("anders", "Andere zorg", 5),
]
