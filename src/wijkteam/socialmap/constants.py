"""Code lists of the social map, with Dutch labels.

The life domains are the project's one list of leefgebieden: the domains of the
Zelfredzaamheid-Matrix 2017 that plan goals use (``cases.reference_data.ZRM_DOMAINS``, loaded as
``InstrumentDomain`` rows). The social map sits below ``cases``, so it keeps the same codes here;
``tests/test_constants.py`` fails when the two lists drift apart.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LifeDomain(models.TextChoices):
    FINANCIEN = "financien", _("Financiën")
    WERK_OPLEIDING = "werk_opleiding", _("Werk & opleiding")
    TIJDSBESTEDING = "tijdsbesteding", _("Tijdsbesteding")
    HUISVESTING = "huisvesting", _("Huisvesting")
    HUISELIJKE_RELATIES = "huiselijke_relaties", _("Huiselijke relaties")
    GEESTELIJKE_GEZONDHEID = "geestelijke_gezondheid", _("Geestelijke gezondheid")
    LICHAMELIJKE_GEZONDHEID = "lichamelijke_gezondheid", _("Lichamelijke gezondheid")
    MIDDELENGEBRUIK = "middelengebruik", _("Middelengebruik")
    BASALE_ADL = "basale_adl", _("Basale ADL")
    INSTRUMENTELE_ADL = "instrumentele_adl", _("Instrumentele ADL")
    SOCIAAL_NETWERK = "sociaal_netwerk", _("Sociaal netwerk")
    MAATSCHAPPELIJKE_PARTICIPATIE = (
        "maatschappelijke_participatie",
        _("Maatschappelijke participatie"),
    )
    JUSTITIE = "justitie", _("Justitie")


class TargetGroup(models.TextChoices):
    """For whom a service or initiative is meant."""

    IEDEREEN = "iedereen", _("Iedereen")
    KINDEREN = "kinderen", _("Kinderen (0–12 jaar)")
    JONGEREN = "jongeren", _("Jongeren (12–27 jaar)")
    OUDERS = "ouders", _("Ouders en gezinnen")
    VOLWASSENEN = "volwassenen", _("Volwassenen")
    OUDEREN = "ouderen", _("Ouderen")
    MANTELZORGERS = "mantelzorgers", _("Mantelzorgers")
    BEPERKING = "beperking", _("Mensen met een beperking")
    NIEUWKOMERS = "nieuwkomers", _("Nieuwkomers")


class ServiceStatus(models.TextChoices):
    """HSDS 3.0 ``service.status`` values, with Dutch labels."""

    ACTIVE = "active", _("Actief")
    TEMPORARILY_CLOSED = "temporarily closed", _("Tijdelijk gesloten")
    INACTIVE = "inactive", _("Niet actief")
    DEFUNCT = "defunct", _("Opgeheven")


class InitiativeStatus(models.TextChoices):
    IDEE = "idee", _("Idee")
    ACTIEF = "actief", _("Actief")
    GEPAUZEERD = "gepauzeerd", _("Gepauzeerd")
    GESTOPT = "gestopt", _("Gestopt")


class SupportKind(models.TextChoices):
    """What the team does for an initiative."""

    ADVIES = "advies", _("Advies en meedenken")
    VERBINDEN = "verbinden", _("Inwoners en partners verbinden")
    RUIMTE = "ruimte", _("Ruimte of materiaal regelen")
    FINANCIERING = "financiering", _("Hulp bij financiering of subsidie")
    VRIJWILLIGERS = "vrijwilligers", _("Vrijwilligers zoeken")
    ANDERS = "anders", _("Anders")


# HSDS: the taxonomies under which life domains and target groups travel as attributes.
TAXONOMY_LIFE_DOMAIN = "wijkteam-levensdomein"
TAXONOMY_TARGET_GROUP = "wijkteam-doelgroep"
TAXONOMY_GENERAL_PROVISION = "wijkteam-voorliggende-voorziening"
