"""Code lists of complaints, objections and the client-experience survey (Dutch labels)."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

StrOrPromise = str | Promise

# The legal terms, as keys of the ``wijkteam.deadlines`` engine.
COMPLAINT_TERM = "klacht"  # 6 weeks, 10 with a complaints committee; extension ≤ 4 weeks (9:11)
COMPLAINT_COMMITTEE_VARIANT = "klachtencommissie"
OBJECTION_FILING_TERM = "bezwaar"  # 6 weeks after the decision was made known (Awb 6:7, 6:8)
OBJECTION_DECISION_TERM = "beslissing_op_bezwaar"  # 6 weeks, 12 with a committee (Awb 7:10)
OBJECTION_COMMITTEE_VARIANT = "adviescommissie"


class FilingChannel(models.TextChoices):
    """Who put the complaint or objection into the system."""

    PROFESSIONAL = "professional", _("Vastgelegd door een medewerker")
    PORTAL = "portaal", _("Ingediend in het inwonersportaal")


class ComplaintSubject(models.TextChoices):
    TEAM = "team", _("Het wijkteam")
    PROVIDER = "aanbieder", _("Een zorgaanbieder")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "ontvangen", _("Ontvangen")
    ACKNOWLEDGED = "bevestigd", _("Ontvangst bevestigd")
    HEARD = "gehoord", _("Klager gehoord")
    CLOSED = "afgehandeld", _("Afgehandeld")


class ComplaintOutcome(models.TextChoices):
    GEGROND = "gegrond", _("Gegrond")
    DEELS_GEGROND = "deels_gegrond", _("Deels gegrond")
    ONGEGROND = "ongegrond", _("Ongegrond")
    NIET_IN_BEHANDELING = "niet_behandeld", _("Niet in behandeling genomen (Awb 9:8)")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class ObjectionStatus(models.TextChoices):
    RECEIVED = "ontvangen", _("Ontvangen")
    HEARD = "gehoord", _("Bezwaarmaker gehoord")
    DECIDED = "besloten", _("Beslist")


class ObjectionOutcome(models.TextChoices):
    GEGROND = "gegrond", _("Gegrond")
    DEELS_GEGROND = "deels_gegrond", _("Deels gegrond")
    ONGEGROND = "ongegrond", _("Ongegrond")
    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Niet-ontvankelijk")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


# Outcomes that (partly) grant the objection: the decision is revised (Awb 7:11).
OBJECTION_GRANTED = (ObjectionOutcome.GEGROND, ObjectionOutcome.DEELS_GEGROND)
# Outcomes that end the objection without judging it on its merits.
OBJECTION_NOT_JUDGED = (ObjectionOutcome.NIET_ONTVANKELIJK, ObjectionOutcome.INGETROKKEN)


class SurveyScale(models.IntegerChoices):
    """The five-point scale of the Wmo cliëntervaringsonderzoek."""

    HELEMAAL_ONEENS = 1, _("Helemaal mee oneens")
    ONEENS = 2, _("Mee oneens")
    NEUTRAAL = 3, _("Niet mee eens, niet mee oneens")
    EENS = 4, _("Mee eens")
    HELEMAAL_EENS = 5, _("Helemaal mee eens")


# The standard questions of the Wmo cliëntervaringsonderzoek (VNG/KING model questionnaire,
# the statements every municipality reports on): access, quality and effect.
SURVEY_QUESTIONS: tuple[tuple[str, str, StrOrPromise], ...] = (
    ("q1", "toegang", _("Ik voelde me bij het eerste contact met de gemeente serieus genomen.")),
    (
        "q2",
        "toegang",
        _("De medewerker en ik hebben in het gesprek samen naar oplossingen gezocht."),
    ),
    ("q3", "toegang", _("Ik weet waar ik terecht kan als ik hulp of ondersteuning nodig heb.")),
    ("q4", "toegang", _("Ik werd snel geholpen.")),
    ("q5", "kwaliteit", _("Ik vind de kwaliteit van de ondersteuning die ik krijg goed.")),
    ("q6", "kwaliteit", _("De ondersteuning die ik krijg past bij mijn hulpvraag.")),
    ("q7", "effect", _("Door de ondersteuning die ik krijg kan ik de dingen doen die ik wil.")),
    ("q8", "effect", _("Door de ondersteuning die ik krijg kan ik mij beter redden.")),
    (
        "q9",
        "effect",
        _("Door de ondersteuning die ik krijg heb ik een betere kwaliteit van leven."),
    ),
)
SURVEY_QUESTION_KEYS: tuple[str, ...] = tuple(key for key, _group, _text in SURVEY_QUESTIONS)
SURVEY_GROUPS: dict[str, StrOrPromise] = {
    "toegang": _("Toegang"),
    "kwaliteit": _("Kwaliteit"),
    "effect": _("Effect"),
}
