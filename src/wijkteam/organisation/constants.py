"""Code lists of the organisation app, with Dutch labels (seeds 001, 002, 003; REFERENCE §5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    ZORGAANBIEDER = "zorgaanbieder", _("Zorgaanbieder")
    WELZIJN = "welzijn", _("Welzijnsorganisatie")
    MEE = "mee", _("MEE")
    GGD = "ggd", _("GGD")
    JEUGDHULP = "jeugdhulp", _("Jeugdhulp")
    WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
    POLITIE = "politie", _("Politie")
    SCHULDHULP = "schuldhulp", _("Schuldhulpverlening")
    VRIJWILLIGERS = "vrijwilligers", _("Vrijwilligersorganisatie")
    STICHTING_WIJKTEAM = "stichting_wijkteam", _("Stichting wijkteam")


class TeamModel(models.TextChoices):
    SAMENWERKINGSVERBAND = "samenwerkingsverband", _("Samenwerkingsverband")
    GEINTEGREERD = "geintegreerd", _("Geïntegreerd team")
    INTEGRAAL = "integraal", _("Integraal team")


class Positioning(models.TextChoices):
    EIGEN_BEHEER = "eigen_beheer", _("Eigen beheer gemeente")
    UITBESTEED_SAMENWERKEN = "uitbesteed_samenwerken", _("Uitbesteed: samenwerken")
    UITBESTEED_HOOFDAANBIEDER = "uitbesteed_hoofdaanbieder", _("Uitbesteed: één hoofdaanbieder")
    UITBESTEED_RECHTSPERSOON = "uitbesteed_rechtspersoon", _("Uitbesteed: rechtspersoon")


class TargetGroup(models.TextChoices):
    ALLE_WIJKBEWONERS = "alle", _("Alle wijkbewoners")
    COMPLEX = "complex", _("Complexe problematiek")
    EEN_DOMEIN = "domein", _("Eén domein")


class Domain(models.TextChoices):
    JEUGD = "jeugd", _("Jeugd")
    WMO = "wmo", _("Wmo")


class Function(models.TextChoices):
    """The seven functions of a sociaal wijkteam (seed 003)."""

    PARTICIPATIE = "participatie", _("Participatie bevorderen")
    TOEGANG = "toegang", _("Toegang tot ondersteuning")
    LICHTE_ONDERSTEUNING = "lichte_ondersteuning", _("Zelf lichte ondersteuning bieden")
    INFORMATIE_ADVIES = "informatie_advies", _("Informatie en advies")
    SIGNALEREN = "signaleren", _("Signaleren en outreachend werken")
    CLIENTONDERSTEUNING = "clientondersteuning", _("Cliëntondersteuning")
    INITIATIEVEN = "initiatieven", _("Initiatieven verbinden")


class Discipline(models.TextChoices):
    WIJKVERPLEEGKUNDIGE = "wijkverpleegkundige", _("Wijkverpleegkundige")
    MEDEWERKER_ZORGAANBIEDER = "medewerker_zorgaanbieder", _("Medewerker zorgaanbieder")
    WELZIJNSWERKER = "welzijnswerker", _("Welzijnswerker")
    MEE_CONSULENT = "mee_consulent", _("MEE-consulent")
    WMO_CONSULENT = "wmo_consulent", _("Wmo-consulent")
    CONSULENT_WERK_INKOMEN = "consulent_werk_inkomen", _("Consulent werk en inkomen")
    JEUGDHULPVERLENER = "jeugdhulpverlener", _("Jeugdhulpverlener")
    MEDEWERKER_WONINGCORPORATIE = "medewerker_woningcorporatie", _("Medewerker woningcorporatie")
    WIJKAGENT = "wijkagent", _("Wijkagent")
    VRIJWILLIGER = "vrijwilliger", _("Vrijwilliger")
    ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("Ervaringsdeskundige")
    SCHULDHULPVERLENER = "schuldhulpverlener", _("Schuldhulpverlener")


class TeamRole(models.TextChoices):
    """Roles a member holds within one team (DESIGN §2)."""

    GENERALIST = "generalist", _("Generalist")
    BESLISSER = "beslisser", _("Beslisser (gemandateerd)")
    CLIENTONDERSTEUNER = "clientondersteuner", _("Cliëntondersteuner")
    TEAMLEIDER = "teamleider", _("Teamleider")


class Law(models.TextChoices):
    WMO = "wmo", _("Wmo 2015")
    JEUGDWET = "jeugdwet", _("Jeugdwet")


class DecisionType(models.TextChoices):
    """Kinds of decision the mandate speaks about."""

    MAATWERKVOORZIENING = "maatwerk", _("Maatwerkvoorziening toekennen (Wmo)")
    INDIVIDUELE_VOORZIENING = "individueel", _("Individuele voorziening toekennen (Jeugdwet)")
    AFWIJZING = "afwijzing", _("Aanvraag afwijzen")
    LICHTE_ONDERSTEUNING = "lichte_ondersteuning", _("Lichte ondersteuning door het team inzetten")
    SPECIALIST_INZETTEN = "specialist", _("Tweedelijns specialist direct inzetten")


DECISION_TYPE_LAW: dict[str, str | None] = {
    DecisionType.MAATWERKVOORZIENING: Law.WMO,
    DecisionType.INDIVIDUELE_VOORZIENING: Law.JEUGDWET,
    DecisionType.AFWIJZING: None,
    DecisionType.LICHTE_ONDERSTEUNING: None,
    DecisionType.SPECIALIST_INZETTEN: None,
}


class ProductCategory(models.TextChoices):
    """WMO020 (Wmo) and JZ020 (Jeugdwet) product categories, iStandaarden release 3.2."""

    WMO_01 = "01", _("01 Hulp bij het huishouden")
    WMO_02 = "02", _("02 Begeleiding")
    WMO_03 = "03", _("03 Persoonlijke verzorging")
    WMO_04 = "04", _("04 Kortdurend verblijf")
    WMO_05 = "05", _("05 Woondiensten")
    WMO_06 = "06", _("06 Overige ondersteuning gericht op het individu of huishouden/gezin")
    WMO_07 = "07", _("07 Dagbesteding")
    WMO_08 = "08", _("08 Vervoerdiensten")
    WMO_09 = "09", _("09 Overige groepsgerichte ondersteuning")
    WMO_10 = "10", _("10 Overige maatwerkarrangementen")
    WMO_11 = "11", _("11 Rolstoelen")
    WMO_12 = "12", _("12 Vervoervoorzieningen")
    WMO_13 = "13", _("13 Woonvoorzieningen")
    WMO_14 = "14", _("14 Overige hulpmiddelen")
    WMO_15 = "15", _("15 Beschermd wonen")
    WMO_16 = "16", _("16 Opvang")
    WMO_17 = "17", _("17 Spoedopvang")
    WMO_18 = "18", _("18 Overige beschermd wonen en opvang")
    JZ_40 = "40", _("40 Persoonlijke verzorging (jeugd)")
    JZ_41 = "41", _("41 Dagbehandeling")
    JZ_42 = "42", _("42 Vervoerdiensten (jeugd)")
    JZ_43 = "43", _("43 Jeugdhulp verblijf incl. behandeling")
    JZ_44 = "44", _("44 Jeugdhulp verblijf excl. behandeling")
    JZ_45 = "45", _("45 Jeugdhulp ambulant")
    JZ_46 = "46", _("46 Jeugdhulp crisis")
    JZ_47 = "47", _("47 Jeugdreclassering")
    JZ_48 = "48", _("48 Jeugdbescherming")
    JZ_49 = "49", _("49 Activiteiten in het preventief justitieel kader")
    JZ_50 = "50", _("50 Maatwerkarrangementen jeugd")
    JZ_51 = "51", _("51 Generalistische basis-ggz")
    JZ_52 = "52", _("52 Specialistische ggz")
    JZ_53 = "53", _("53 Kindergeneeskunde")
    JZ_54 = "54", _("54 Jeugd-ggz")
    JZ_55 = "55", _("55 Landelijk ingekochte zorg")


WMO020 = frozenset(f"{n:02d}" for n in range(1, 19))
JZ020 = frozenset(str(n) for n in range(40, 56))


def law_of_category(code: str) -> str | None:
    """The law a WMO020/JZ020 product category belongs to, or None for an unknown code."""
    if code in WMO020:
        return Law.WMO
    if code in JZ020:
        return Law.JEUGDWET
    return None
