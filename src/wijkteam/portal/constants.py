from django.db import models
from django.utils.translation import gettext_lazy as _

# a session key of the portal's own session (never the staff session)
SESSION_KEY = "portal"


class Assurance(models.TextChoices):
    """What the portal makes of the log-in's level of assurance (eIDAS)."""

    BASIS = "basis", _("Basis")
    SUBSTANTIEEL = "substantieel", _("Substantieel")


class ContactPreference(models.TextChoices):
    TELEFOON = "telefoon", _("Bel mij")
    EMAIL = "email", _("Mail mij")
    PORTAAL = "portaal", _("Via Mijn wijkteam")
    LANGS = "langs", _("Kom bij mij langs")


class AgreementChoice(models.TextChoices):
    AKKOORD = "akkoord", _("Ik ga akkoord met het plan")
    NIET_AKKOORD = "niet_akkoord", _("Ik ben het niet (helemaal) eens met het plan")


# Flooding limits per resident (rate limits of the portal)
REPORTS_PER_DAY = 3
MESSAGES_PER_HOUR = 20


class MessageDirection(models.TextChoices):
    INWONER = "inwoner", _("Van de inwoner")
    TEAM = "team", _("Van het wijkteam")


# A message is a few sentences to a page: longer text belongs in a conversation or a document.
MESSAGE_MAX = 4000


class RepresentationBasis(models.TextChoices):
    """On what ground someone acts for a resident (Burgerlijk Wetboek boek 1; a machtiging)."""

    CURATELE = "curatele", _("Curatele (curator)")
    MENTORSCHAP = "mentorschap", _("Mentorschap (mentor)")
    BEWIND = "bewind", _("Beschermingsbewind (bewindvoerder)")
    MACHTIGING = "machtiging", _("Schriftelijke machtiging")
    GEZAG = "gezag", _("Ouderlijk gezag over een minderjarig kind")
