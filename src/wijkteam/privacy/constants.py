"""Code lists of the privacy app, with Dutch labels (DESIGN §1, REFERENCE §4).

Legal references that were not verified against wetten.overheid.nl are marked
"te bevestigen" here, in one place, and shown as such in the register of processing.
"""

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
    KEY_ROTATION = "key_rotation", _("Sleutelwissel van de toegangslog")


# --------------------------------------------------------------------------------------------
# Data categories (what consent is given for) and how they map onto the case page
# --------------------------------------------------------------------------------------------


class DataCategory(models.TextChoices):
    """Categories of resident data that can be shared with a receiving organisation."""

    BASISGEGEVENS = "basisgegevens", _("Basisgegevens (naam, adres, geboortedatum, huishouden)")
    NETWERK = "netwerk", _("Informeel netwerk")
    ONDERZOEK = "onderzoek", _("Onderzoek en keukentafelgesprekken")
    ASSESSMENT = "assessment", _("Metingen per leefgebied (behalve gezondheid en financiën)")
    GEZONDHEID = "gezondheid", _("Gezondheid (bijzonder persoonsgegeven)")
    FINANCIEN = "financien", _("Financiën")
    PLAN = "plan", _("Plan, doelen, acties en evaluaties")
    BESLUITEN = "besluiten", _("Besluiten (beschikkingen)")
    INTERVENTIES = "interventies", _("Interventies en toewijzingen")


ALL_CATEGORIES: frozenset[str] = frozenset(DataCategory.values)

# AVG art. 9: special categories of personal data.
SPECIAL_CATEGORIES: frozenset[str] = frozenset({DataCategory.GEZONDHEID})

# Assessment domains (ZRM 2017, Positieve Gezondheid) that fall under a category of their own;
# every other domain falls under "assessment". "Assessment per life domain": a member sees a
# domain's score only when its category is visible.
DOMAIN_CATEGORIES: dict[str, str] = {
    "financien": DataCategory.FINANCIEN,
    "geestelijke_gezondheid": DataCategory.GEZONDHEID,
    "lichamelijke_gezondheid": DataCategory.GEZONDHEID,
    "middelengebruik": DataCategory.GEZONDHEID,
    "lichaamsfuncties": DataCategory.GEZONDHEID,
    "mentaal_welbevinden": DataCategory.GEZONDHEID,
}

# Case-page sections (``cases.sections.register(name)``) and the category each shows. A section
# that is not listed here is hidden from members who see only consented categories (deny by
# default): add every new section here.
SECTION_CATEGORIES: dict[str, str] = {
    "huishouden": DataCategory.BASISGEGEVENS,
    "residents": DataCategory.BASISGEGEVENS,
    "netwerk": DataCategory.NETWERK,
    "network": DataCategory.NETWERK,
    "onderzoek": DataCategory.ONDERZOEK,
    "investigation": DataCategory.ONDERZOEK,
    "assessment": DataCategory.ASSESSMENT,
    "assessments": DataCategory.ASSESSMENT,
    "plan": DataCategory.PLAN,
    "evaluation": DataCategory.PLAN,
    "evaluations": DataCategory.PLAN,
    "evaluatie": DataCategory.PLAN,
    "decision": DataCategory.BESLUITEN,
    "decisions": DataCategory.BESLUITEN,
    "besluiten": DataCategory.BESLUITEN,
    "intervention": DataCategory.INTERVENTIES,
    "interventions": DataCategory.INTERVENTIES,
    "interventies": DataCategory.INTERVENTIES,
}


# --------------------------------------------------------------------------------------------
# Consent and sharing on a legal ground
# --------------------------------------------------------------------------------------------


class SharingBasis(models.TextChoices):
    TOESTEMMING = "toestemming", _("Toestemming van de inwoner")
    WETTELIJKE_GRONDSLAG = "grondslag", _("Wettelijke grondslag (zonder toestemming)")


class ConsentMethod(models.TextChoices):
    """How consent was given."""

    MONDELING = "mondeling", _("Mondeling")
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijk")
    PORTAAL = "portaal", _("Via het portaal")


class RefusalReason(models.TextChoices):
    """Why a resident refused consent, as a code (reports never show free text). Optional."""

    WIL_NIET_DELEN = "wil_niet_delen", _("Wil deze gegevens niet delen")
    VERTROUWEN = "vertrouwen", _("Geen vertrouwen in de ontvangende organisatie")
    NIET_NODIG = "niet_nodig", _("Vindt het delen niet nodig")
    WIL_NADENKEN = "wil_nadenken", _("Wil er eerst over nadenken")
    ANDERS = "anders", _("Andere reden")


class LegalGround(models.TextChoices):
    """Grounds on which data may be shared without consent (always with a justification)."""

    ACUTE_VEILIGHEID = (
        "acute_veiligheid",
        _("Acute onveiligheid: vitaal belang van de inwoner of een ander (AVG art. 6 lid 1 sub d)"),
    )
    MELDCODE = (
        "meldcode",
        _(
            "Meldcode huiselijk geweld en kindermishandeling: melding aan Veilig Thuis "
            "(meldrecht Wmo 2015 art. 5.2.6, te bevestigen)"
        ),
    )
    KINDERBESCHERMING = (
        "kinderbescherming",
        _(
            "Verzoek van de Raad voor de Kinderbescherming of een gecertificeerde instelling "
            "(Jeugdwet art. 7.3.11, te bevestigen)"
        ),
    )
    WETTELIJKE_PLICHT = (
        "wettelijke_plicht",
        _("Wettelijke verplichting van de gemeente (AVG art. 6 lid 1 sub c)"),
    )


# --------------------------------------------------------------------------------------------
# Emergency access (doorbraak)
# --------------------------------------------------------------------------------------------

EMERGENCY_DEFAULT_MINUTES = 60
EMERGENCY_MIN_MINUTES = 5
EMERGENCY_MAX_MINUTES = 240


class EmergencyVerdict(models.TextChoices):
    GERECHTVAARDIGD = "gerechtvaardigd", _("Gerechtvaardigd")
    NIET_GERECHTVAARDIGD = "niet_gerechtvaardigd", _("Niet gerechtvaardigd")


# --------------------------------------------------------------------------------------------
# Inzage (AVG art. 15) and correction (art. 16)
# --------------------------------------------------------------------------------------------

INZAGE_TERM_KEY = "avg_inzage"


class RequestChannel(models.TextChoices):
    BALIE = "balie", _("Aan de balie of in een gesprek")
    BRIEF = "brief", _("Per brief")
    EMAIL = "email", _("Per e-mail")
    PORTAAL = "portaal", _("Via het portaal")


class RequestedBy(models.TextChoices):
    INWONER = "inwoner", _("De inwoner zelf")
    VERTEGENWOORDIGER = "vertegenwoordiger", _("Een wettelijk vertegenwoordiger")
    GEMACHTIGDE = "gemachtigde", _("Een gemachtigde")


class InzageStatus(models.TextChoices):
    ONTVANGEN = "ontvangen", _("Ontvangen")
    VERSTREKT = "verstrekt", _("Verstrekt")


class CorrectionOutcome(models.TextChoices):
    TOEGEWEZEN = "toegewezen", _("Toegewezen: gegevens verbeterd")
    DEELS = "deels", _("Deels toegewezen")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


# --------------------------------------------------------------------------------------------
# Retention (bewaartermijnen)
# --------------------------------------------------------------------------------------------


class DossierKind(models.TextChoices):
    JEUGDWET = "jeugdwet", _("Jeugdwet-dossier")
    WMO = "wmo", _("Wmo-dossier (en overige casussen)")
    MELDING = "melding", _("Melding zonder casus")
    TOEGANGSLOG = "toegangslog", _("Toegangslog (NEN 7513)")


# The defaults the data migration loads; an administrator changes them on the retention page.
RETENTION_DEFAULTS: list[dict[str, object]] = [
    {
        "kind": DossierKind.JEUGDWET,
        "years": 20,
        "starts": "na afsluiting van de casus",
        "source": "Jeugdwet art. 7.3.8 (te bevestigen: bronnen noemen 15 of 20 jaar)",
        "to_confirm": True,
    },
    {
        "kind": DossierKind.WMO,
        "years": 15,
        "starts": "na afsluiting van de casus",
        "source": "selectielijst gemeenten (te bevestigen)",
        "to_confirm": True,
    },
    {
        "kind": DossierKind.MELDING,
        "years": 2,
        "starts": "na ontvangst van de laatste melding",
        "source": "beleid gemeente: meldingen zonder casus (te bevestigen)",
        "to_confirm": True,
    },
    {
        "kind": DossierKind.TOEGANGSLOG,
        "years": 5,
        "starts": "na het moment van de toegang",
        "source": "NEN 7513 (adviseert ten minste 5 jaar)",
        "to_confirm": False,
    },
]
