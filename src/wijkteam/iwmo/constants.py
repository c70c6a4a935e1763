"""Code lists of the iWmo/iJw release 3.2 messages (REFERENCE §2), in one place.

Values marked *(confirm)* follow the published code lists as far as this project knows them;
check them against the current iStandaarden release before production use (docs/iwmo.md).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Standard(models.TextChoices):
    IWMO = "iwmo", _("iWmo")
    IJW = "ijw", _("iJw")


class MessageType(models.TextChoices):
    T301 = "301", _("301 Toewijzing")
    T302 = "302", _("302 Retour toewijzing")
    T305 = "305", _("305 Start levering")
    T306 = "306", _("306 Retour start levering")
    T307 = "307", _("307 Stop levering")
    T308 = "308", _("308 Retour stop levering")
    T315 = "315", _("315 Verzoek om toewijzing")
    T316 = "316", _("316 Retour verzoek om toewijzing")
    T317 = "317", _("317 Verzoek om wijziging")
    T318 = "318", _("318 Retour verzoek om wijziging")
    T319 = "319", _("319 Antwoord op verzoek")
    T320 = "320", _("320 Retour antwoord")


# BerichtCode per message number and standard (REFERENCE §2).
BERICHTCODE: dict[str, dict[str, str]] = {
    "301": {"iwmo": "414", "ijw": "436"},
    "302": {"iwmo": "415", "ijw": "437"},
    "305": {"iwmo": "418", "ijw": "438"},
    "306": {"iwmo": "419", "ijw": "439"},
    "307": {"iwmo": "420", "ijw": "440"},
    "308": {"iwmo": "421", "ijw": "441"},
    "315": {"iwmo": "444", "ijw": "446"},
    "316": {"iwmo": "445", "ijw": "447"},
    "317": {"iwmo": "480", "ijw": "486"},
    "318": {"iwmo": "481", "ijw": "487"},
    "319": {"iwmo": "482", "ijw": "488"},
    "320": {"iwmo": "483", "ijw": "489"},
}
# Which retour answers which message.
RETOUR_OF: dict[str, str] = {
    "301": "302",
    "305": "306",
    "307": "308",
    "315": "316",
    "317": "318",
    "319": "320",
}
INCOMING = frozenset({"305", "307", "315", "317", "302", "320"})
BERICHT_VERSIE = "3"
BERICHT_SUBVERSIE = "2"
# COD757 soort adres of the 301's Contact: 01 BRP-adres (02 correspondentie-, 03 verblijf-,
# 04 tijdelijk verblijfadres).
ADDRESS_KIND_BRP = "01"
ADDRESS_KINDS = frozenset({"01", "02", "03", "04"})
ADDRESS_KIND_CORRESPONDENCE = "02"
# COD472 Soort relatie (the 301's Relatie/Soort): codes 03 to 25. This project writes only the
# legal representatives (docs/iwmo.md, "Contact and Relatie"): curator, bewindvoerder, mentor,
# and a parent with authority; a relation of another Soort is accepted by the checks.
COD472 = frozenset(f"{code:02d}" for code in range(3, 26))
RELATION_CURATOR = "03"
RELATION_PARENT = "10"
RELATION_ADMINISTRATOR = "14"  # bewindvoerder
RELATION_MENTOR = "15"
XSD_VERSIE = "1.0.0"  # BasisschemaXsdVersie / BerichtXsdVersie written in the header


def berichtcode_lookup(code: str) -> tuple[str, str] | None:
    """(standard, message number) of a BerichtCode, or None when unknown."""
    for number, codes in BERICHTCODE.items():
        for standard, value in codes.items():
            if value == code:
                return standard, number
    return None


class Direction(models.TextChoices):
    OUT = "uit", _("Uitgaand")
    IN = "in", _("Inkomend")


class MessageStatus(models.TextChoices):
    WACHT = "wacht", _("Wacht op verzending")
    VERZONDEN = "verzonden", _("Verzonden")
    MISLUKT = "mislukt", _("Verzenden mislukt")
    VERWERKT = "verwerkt", _("Ontvangen en verwerkt")
    AFGEKEURD = "afgekeurd", _("Ontvangen en afgekeurd")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd door de ontvanger")
    AFGEKEURD_DOOR_ONTVANGER = "afgekeurd_ontvanger", _("Afgekeurd door de ontvanger")


class RetourCode(models.TextChoices):
    """The WJ001 RetourCodes the municipality writes in its retours.

    0001, 0200 and the 9xxx codes are published WJ001 codes with their published meaning (the
    9xxx codes belong to a technical rule, TRnnn). 0002–0005, 0101–0104, 8002, 8004 and 8006 are
    **this project's own** numbers for rejections the published excerpt it had has no code for
    (*confirm against the current WJ001 list before production*; docs/iwmo.md).
    """

    GOEDGEKEURD = "0200", _("Geen opmerking over deze berichtklasse")
    TECHNISCH = "0001", _("Bericht is afgekeurd om technische redenen")
    BERICHTCODE = "0002", _("BerichtCode of berichtversie is onjuist")
    ONTVANGER = "0004", _("Ontvanger is niet deze gemeente")
    AFZENDER = "0005", _("Afzender is geen bekende aanbieder")
    BSN = "0101", _("BSN voldoet niet aan de elfproef")
    VERPLICHT = "0102", _("Verplicht gegeven ontbreekt")
    CODELIJST = "0103", _("Waarde komt niet voor in de codelijst")
    DATUM_VOLGORDE = "0104", _("Einddatum ligt vóór de begindatum")
    TOEWIJZING_AANBIEDER = "8002", _("Toewijzing is niet aan deze aanbieder gegeven")
    CLIENT_ONBEKEND = "8004", _("Cliënt is niet bekend bij de gemeente")
    DATUM_BUITEN_TOEWIJZING = "8006", _("Datum ligt buiten de periode van de toewijzing")
    # Published WJ001 codes (TR019, TR056, TR069/TR382, TR074, TR332, TR374).
    TOEWIJZING_ONBEKEND = "9019", _("Het regiebericht kan niet gekoppeld worden aan een toewijzing")
    DUBBEL = "9056", _("Identificatie moet per berichtsoort uniek zijn voor de verzendende partij")
    STOP_ZONDER_START = "9069", _("Er is geen actueel startbericht met dezelfde sleutel")
    DUBBELE_SLEUTEL = "9074", _("Er is al een eerder bericht ontvangen met dezelfde sleutel")
    TOEWIJZING_DUBBEL = "9332", _("Toewijzing heeft geen uniek nummer binnen wettelijk domein")
    VERZOEK_ONDERHANDEN = "9374", _("Er is al een verzoek onderhanden")


# Codes of a retour that do not reject their block: 0200 "geen opmerking" and 0233 "niet
# beoordeeld" (the block was not judged, e.g. because its parent was rejected).
RETOUR_NOT_REJECTED = frozenset({"0200", "0233"})

# The Dutch meaning of every WJ001 RetourCode this project knows: the codes it writes
# (``RetourCode``) and the published codes a provider's retour (302, 320) commonly carries.
# An unknown code is shown as "onbekende retourcode".
WJ001: dict[str, Promise | str] = {
    **{code.value: code.label for code in RetourCode},
    "0233": _("Berichtklasse is niet beoordeeld"),
    "0611": _("Het ingediende tarief komt niet overeen met het contractuele tarief"),
    "8848": _("Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen"),
    "9063": _("Het bericht kan niet verwerkt worden omdat geen eerder bericht ontvangen is"),
    "9071": _("Het eerdere startbericht kan niet verwijderd worden omdat de zorg al beëindigd is"),
    "9347": _("ReferentieAanbieder is niet uniek voor de aanbieder binnen het wettelijk domein"),
    "9351": _("TeWijzigenProduct is niet gerelateerd aan een actuele toewijzing"),
    "9355": _(
        "ReferentieAanbieder in het antwoordbericht komt niet voor in een eerder verzoek om "
        "toewijzing of wijziging"
    ),
    "9359": _("Er is al een toewijzing gestuurd met deze ReferentieAanbieder"),
    "9361": _("Het product komt vaker voor met overlappende zorgperiodes"),
    "9375": _("Omvang is gevuld terwijl Product in de toewijzing leeg is"),
    "9379": _("ReferentieAanbieder verwijst niet naar een verzoek om toewijzing of wijziging"),
    "9411": _("Omvang is leeg, terwijl Code in Product bij de toewijzing gevuld is"),
    "9412": _("Omvang is niet leeg, terwijl Code in Product bij de toewijzing leeg is"),
    "S300": _("Gemeentecode komt niet voor in de lijst van CBS"),
    "S329": _("ProductCode hoort niet bij de ProductCategorie"),
}


def retour_code_meaning(code: str) -> str:
    """The Dutch meaning of a WJ001 RetourCode (``str``: translated now)."""
    meaning = WJ001.get(code)
    return str(meaning) if meaning is not None else str(_("onbekende retourcode"))


class ChangeReason(models.TextChoices):
    """WMO002 (iJw: JZ002) reden wijziging toewijzing, release 3.2, in a 301 that changes an
    earlier ToegewezenProduct (its Einddatum). 01 is withdrawn in 3.2 and not written.
    *(confirm against the code list of the release in use)*"""

    OVERLEDEN = "02", _("Cliënt overleden")
    CONTRACTWIJZIGING = "03", _("Contractwijziging")
    VERLENGING = "04", _("Herbeoordeling: verlenging toewijzing")
    VERKORTING = "05", _("Herbeoordeling: verkorting toewijzing")
    ANDER_DOMEIN = "06", _("Uitstroom naar ander domein")
    VERHUIZING = "07", _("Verhuizing naar een andere gemeente")
    LEVERINGSVORM = "08", _("Wijziging leveringsvorm")
    ANDERE_AANBIEDER = "09", _("Overstap naar andere aanbieder")
    BEKOSTIGING = "10", _("Overgang naar nieuwe bekostigingssystematiek")
    HERINDELING = "11", _("Gemeentelijke herindeling")
    DOOR_AANBIEDER = "12", _("Geïnitieerd door de aanbieder")
    VERWIJDERD = "13", _("Verwijderd")
    CORRECTIE = "14", _("Administratieve correctie")


class StopReason(models.TextChoices):
    """WMO588/JZ588 reden beëindiging *(confirm)*."""

    OVERLIJDEN = "01", _("Overlijden")
    CONFORM = "02", _("Levering volgens toewijzing beëindigd")
    VERHUIZING = "12", _("Verhuizing")
    OPNAME = "13", _("Opname in een instelling of ziekenhuis")
    DOEL_BEREIKT = "14", _("Doelen bereikt, geen ondersteuning meer nodig")
    ONTEVREDEN = "24", _("Cliënt is ontevreden over de ondersteuning")
    ANDER_PRODUCT = "25", _("Overgang naar een ander product")
    ANDERE_AANBIEDER = "34", _("Overgang naar een andere aanbieder")


class StatusAanlevering(models.TextChoices):
    """StatusAanlevering of a 305/307 product (LDT_StatusAanlevering): 1 a first delivery of the
    class, 3 its removal (an earlier 305/307 with the same key is to be treated as never sent).
    Value 2 ("gewijzigde aanlevering") is not used in release 3.x (*confirm*)."""

    EERSTE = "1", _("Eerste aanlevering")
    VERWIJDEREN = "3", _("Verwijderen aanlevering")


class Gender(models.TextChoices):
    """COD046 geslacht."""

    ONBEKEND = "0", _("Onbekend")
    MAN = "1", _("Man")
    VROUW = "2", _("Vrouw")
    NIET_GESPECIFICEERD = "9", _("Niet gespecificeerd")


class VerzoekAntwoord(models.TextChoices):
    """WJ760 VerzoekAntwoord of the 319. A request that is granted is answered by a 301 with the
    request's ReferentieAanbieder, never by a 319 (release 3.2)."""

    AFGEWEZEN = "1", _("Verzoek afgewezen")
    IN_ONDERZOEK = "2", _("Aanvraag in onderzoek")


class RefusalReason(models.TextChoices):
    """WJ759 RedenAfwijzingVerzoek of a 319 that refuses a 315/317."""

    NIEUWE_AANVRAAG = "1", _("Geen wijziging, maar nieuwe aanvraag")
    BUDGET = "2", _("Past niet binnen budget")
    GEEN_CONTRACT = "3", _("Geen contract")
    CONTRACT = "4", _("Past niet binnen contract")
    ANDERE_GEMEENTE = "5", _("Andere gemeente")
    STAPELING = "6", _("Stapeling")
    ZORGINHOUDELIJK = "7", _("Zorginhoudelijke afkeur")
    WOONPLAATSBEGINSEL = "8", _("Woonplaatsbeginsel")
    LEEFTIJDSGRENS = "9", _("Leeftijdsgrens is bereikt")


class RequestReason(models.TextChoices):
    """WJ758 RedenVerzoek of a 317 (verzoek om wijziging)."""

    CLIENTSITUATIE = "1", _("Verandering cliëntsituatie")
    ZORGPLAN = "2", _("Wijziging zorgplan")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Te beantwoorden")
    TOEGEWEZEN = "toegewezen", _("Toegewezen")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class DeliveryEventKind(models.TextChoices):
    START = "start", _("Start levering")
    STOP = "stop", _("Stop levering")


class DeploymentStatus(models.TextChoices):
    LOOPT = "loopt", _("Loopt")
    GESTOPT = "gestopt", _("Gestopt")


class EscalationStatus(models.TextChoices):
    OPEN = "open", _("Wacht op de teamleider")
    INGEZET = "ingezet", _("Teamleider zet in")
    AFGEWEZEN = "afgewezen", _("Teamleider wijst af")


# Working days within which the team answers a 315/317 and the teamleider an escalation.
# A project choice after the iStandaarden's rule that a verzoek is answered promptly
# *(confirm the term your region agreed)*; kept here, in one place.
REQUEST_ANSWER_WORKING_DAYS = 5
ESCALATION_ANSWER_WORKING_DAYS = 3


@dataclass(frozen=True)
class Namespaces:
    message: str
    basis: str


def namespaces(standard: str, number: str) -> Namespaces:
    if standard == Standard.IJW:
        return Namespaces(
            message=f"http://www.istandaarden.nl/ijw/3_2/jw{number}/schema",
            basis="http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
        )
    return Namespaces(
        message=f"http://www.istandaarden.nl/iwmo/3_2/wmo{number}/schema",
        basis="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema",
    )


def schema_file_name(standard: str, number: str) -> str:
    """The name of a message's XSD in the official package (``WMO301.xsd``, ``JW301.xsd``)."""
    return f"{'JW' if standard == Standard.IJW else 'WMO'}{number}.xsd"
